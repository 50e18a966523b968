# Shared by the bench scripts (sourced, not run): build, start the Graph simulator in its own JVM,
# and stop everything started on exit. Callers set OUT (a work directory) first.

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

# Packages the service and writes the test classpath the simulator runs on.
build() {
  ./mvnw -B -q -DskipTests package
  ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt"
  JAR=$(ls target/callrecords-proxy-*.jar | grep -v plain | head -1)
}

# Starts the simulator (arguments: graph port, entra port, extra options) and exports the
# AZURE_* and GRAPH_* settings that point the service at it. Benchmarks call the API without
# caller tokens (PROXY_AUTH_ENABLED=false) and measure Graph round trips, not cache hits
# (PROXY_CACHE_ENABLED=false).
start_simulator() {
  java -cp "target/test-classes:target/classes:$(cat "$OUT/classpath.txt")" \
    io.callrecords.proxy.simulator.LocalRunApplication --simulator-only "$@" > "$OUT/simulator.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 240); do grep -q "SIMULATOR READY" "$OUT/simulator.log" && break; sleep 0.5; done
  grep -q "SIMULATOR READY" "$OUT/simulator.log" || { echo "the simulator did not start" >&2; exit 1; }
  eval "$(grep -E '^(AZURE|GRAPH)_' "$OUT/simulator.log" | sed 's/^/export /')"
  export PROXY_AUTH_ENABLED=false PROXY_CACHE_ENABLED=false
}

# Installs Debian packages for the commands a script needs when they are missing (arguments: the
# commands, each also the package's name), as root or with sudo.
need() {
  local missing=()
  for tool in "$@"; do command -v "$tool" > /dev/null 2>&1 || missing+=("$tool"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo; sudo=$([ "$(id -u)" -eq 0 ] && echo "" || echo "sudo")
  echo "installing ${missing[*]} with apt-get" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" > /dev/null
}

# Turns caller authentication on against the simulator's Entra ID (after start_simulator): the
# service checks callers' tokens as in production, and caller_token issues them.
with_caller_auth() {
  eval "$(grep -E '^PROXY_AUTH_' "$OUT/simulator.log" | sed 's/^/export /')"
  export PROXY_AUTH_ENABLED=true
}

# A caller token for an app of the local run (argument: the app's id), from the simulated Entra ID.
caller_token() {
  curl -s "$AZURE_AUTHORITY_HOST/$AZURE_TENANT_ID/oauth2/v2.0/token" -d grant_type=client_credentials \
    -d "client_id=$1" -d client_secret=local-caller-secret-not-a-real-one \
    -d scope=api://callrecords-proxy/.default | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}

# Starts the packaged service ($JAR, or SERVICE_JAR) on a port with -Xmx256m and waits until it is
# ready; sets SERVICE to its pid. A second argument names its log ($OUT/<name>.log, default service),
# for scripts that run several replicas.
start_service() {
  local log="$OUT/${2:-service}.log"
  SERVER_PORT=$1 java -Xmx256m -jar "${SERVICE_JAR:-$JAR}" > "$log" 2>&1 &
  SERVICE=$!
  pids+=("$SERVICE")
  for _ in $(seq 1 120); do curl -sf "http://localhost:$1/actuator/health" > /dev/null && return 0; sleep 0.5; done
  echo "the service did not become ready; see $log" >&2
  exit 1
}

# Stops a process this script started (argument: its pid) and waits until it has exited.
stop_pid() {
  kill "$1" 2> /dev/null || true
  wait "$1" 2> /dev/null || true
}

# Fails unless nothing listens on a port of 127.0.0.1 (argument: the port).
need_free_port() {
  if (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; then
    echo "port $1 is in use; choose other ports (see the script's header)" >&2
    exit 1
  fi
}

# Starts redis-server (Debian's) on a port of 127.0.0.1 without persistence and waits until it answers;
# sets REDIS to its pid.
start_redis() {
  redis-server --port "$1" --bind 127.0.0.1 --save '' --appendonly no >> "$OUT/redis.log" 2>&1 &
  REDIS=$!
  pids+=("$REDIS")
  for _ in $(seq 1 50); do redis-cli -p "$1" ping 2> /dev/null | grep -q PONG && return 0; sleep 0.1; done
  echo "redis-server did not start; see $OUT/redis.log" >&2
  exit 1
}
