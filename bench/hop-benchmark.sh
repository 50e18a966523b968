#!/usr/bin/env bash
# Hop benchmark (not a test): what does callrecords-proxy cost compared with the floor for any HTTP hop?
# In one run on this machine it measures three targets, all on 127.0.0.1:
#   1. direct upstream: nginx serving realistic Graph call-record JSON files (the Graph stand-in),
#   2. nginx hop:       a second nginx reverse-proxying to that upstream (keep-alive upstream),
#   3. the service:     the packaged jar pointed at the same upstream (token and Graph), once per JDK,
#   4. Spring Cloud Gateway: a plain gateway route to the same upstream (bench/gateway, its own build),
#                       the peer of issue 16: it passes the bytes through, the service maps them.
#   5. Spring MVC floor: Spring MVC on Tomcat (virtual threads) with one route that fetches the same path
#                       with WebClient (Reactor Netty, shared pool), blocks and returns the upstream's status,
#                       content type and bytes (bench/mvc-floor, its own build; MVC_FLOOR=0 skips it): the
#                       least the service's stack (MVC inbound, WebClient to Graph) costs per request.
# For each record size (SIZES) and each target: p50/p99 latency at a fixed rate (hey; 500 req/s, for 1 MB
# records RATE_1M = 100 req/s), maximum throughput (wrk), CPU seconds of the serving process(es) per
# 1,000 requests during the fixed-rate run (and as a share of one core), RSS after the runs, and for
# the service the startup time to ready and the idle RSS. Prints a Markdown table (stdout) for
# docs/benchmarks.md; progress goes to stderr. Exits non-zero if a target does not answer 200.
#
# The service runs as the container image runs it (see Dockerfile): Spring Boot's layers extracted
# to a thin application.jar plus lib/, the image's JAVA_TOOL_OPTIONS, memory sized as under the Helm
# chart's limit (-XX:MaxRAM=768m), and a class cache trained by a start that stops after the context
# refresh, as in the image: an AOT cache on Java 24+ (-XX:AOTCache, what the image uses), AppCDS
# before that (-XX:SharedArchiveFile). Startup is the median of three starts; a plain `java -jar`
# start with default options is measured once for comparison. A second start with the record cache
# on measures the same fixed-rate load answered from the cache (every id repeats). The service's /actuator/info at the
# same fixed rate (warmed up the same way) shows what the inbound stack alone (Tomcat, Spring MVC,
# Spring Security, observations) costs without a Graph call.
#
# Record sizes (issue 16: about 1 KB, 6 KB and 1 MB of upstream JSON): bench/hop/records.py writes,
# per size, realistic Graph call-record JSON grown or trimmed from the simulator's records (real Graph
# documentation bodies: organizer_v2, participants_v2, sessions with segments and media streams) to
# within 15 % of the size, under its own range of ids. 1k is Graph's answer to $expand=participants_v2
# (a peer-to-peer call with its 2 participants); 6k and larger are the answer to
# $expand=participants_v2,sessions($expand=segments) (6k: the peer-to-peer call whole; 1m: a group call,
# about 220 participants and 200 sessions). The service is asked with the include that reads all of it
# (?include=participants, ?include=participants,segments): it asks Graph for the same $expand in one
# GET (the stand-in is static nginx and ignores the query; every collection is inline, without
# @odata.nextLink), maps every participant, session, segment and stream and writes them; the script
# checks its answer carries them all. "typical" is the record the benchmark used before sizes: the
# simulator's e523d2ed... record without participants_v2 and sessions (~0.5 KB, GET with organizer,
# no include), the same bytes under the same ids, so SIZES=typical reproduces the old results.
# Direct, nginx hop and gateway fetch the same files (no query). The service's limits on one Graph
# answer (GRAPH_MAX_RESPONSE_SIZE, 64MB) and on one expanded collection (PROXY_MAX_EXPANDED_ITEMS, 5000)
# hold 1m as they are; the script raises them (and says so) only for a size that needs it.
#
# Every request asks for a record of the size under one of $ID_COUNT ids (fewer for large records: at
# most 128 MiB of files per size, 128 ids of 1 MB): each of the 10 fixed-rate workers has its own id,
# and wrk moves to the next id on every request.
# The service shares identical Graph GETs that are in flight at the same time (single flight), so
# with one id for all requests most of them would not reach Graph at all; the table's "upstream req
# / req" column shows that every request of every target cost the upstream one request.
#
# Usage: bench/hop-benchmark.sh
#   e.g. a short run: SKIP_BUILD=1 SIZES="1k 6k 1m" AUTH=1 SERVICE_EXTRAS=0 WARMUP_SECONDS=5 \
#        FIXED_SECONDS=5 MAX_SECONDS=5 bench/hop-benchmark.sh
# Environment (all optional):
#   SIZES="1k 6k 1m"                   record sizes, measured one after the other for every target
#                                      (default 1k 6k 1m; any <n>k or <n>m; "typical" = the old ~0.5 KB
#                                      record without include, exactly as before sizes)
#   RATE_1M (100)                      fixed rate in req/s for the 1m size (and any other <n>m size;
#                                      issue 16: 100 req/s of 1 MB records without saturating one core;
#                                      reported as the service's CPU in % of one core); others run at 500
#   SKIP_BUILD=1                       use the jar already in target/ instead of packaging
#   JAVA_BINS="/usr/bin/java ..."      JDKs to run the service with (default: java on PATH, then
#                                      Temurin 25 if installed under /usr/lib/jvm/temurin-25-jdk-amd64)
#   SINGLE_ID=1                        all requests for one id (shows the single flight at work)
#   UPSTREAM_PORT / HOP_PORT / SERVICE_PORT   ports on 127.0.0.1 (default 18281 / 18282 / 18283)
#   FIXED_SECONDS (20), MAX_SECONDS (15), WARMUP_SECONDS (60: the JIT needs about that long on 2 cores
#                                      shared with the load generators before the CPU per request settles;
#                                      service, gateway and floor are warmed up this long for every size)
#   GATEWAY_PORT (18284)               the Spring Cloud Gateway peer's port
#   GATEWAY_JAVA                       the JDK for the gateway and the Spring MVC floor (default: Temurin 25
#                                      if installed, else java; on Java 17 the floor runs on platform threads)
#   MVC_FLOOR=1                        measure the Spring MVC floor (bench/mvc-floor) like the gateway (default 1;
#                                      MVC_FLOOR=0 skips its build and its runs)
#   MVC_FLOOR_PORT (18285)             the Spring MVC floor's port
#   AUTH=1                             adds a run of the service with caller authentication on
#                                      (PROXY_AUTH_ENABLED=true) and a valid RS256 JWT on every request
#                                      (one caller's token, as an app sends it; keys served by the nginx
#                                      upstream as Entra ID's JWK set, tokens signed here with python3)
#   SERVICE_EXTRAS=0                   skip the service's record-cache runs (one per size) and the
#                                      /actuator/info run (once) (shorter)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

UPSTREAM_PORT=${UPSTREAM_PORT:-18281}
HOP_PORT=${HOP_PORT:-18282}
SERVICE_PORT=${SERVICE_PORT:-18283}
FIXED_SECONDS=${FIXED_SECONDS:-20}
MAX_SECONDS=${MAX_SECONDS:-15}
WARMUP_SECONDS=${WARMUP_SECONDS:-60}
SINGLE_ID=${SINGLE_ID:-0}
GATEWAY_PORT=${GATEWAY_PORT:-18284}
MVC_FLOOR=${MVC_FLOOR:-1}
MVC_FLOOR_PORT=${MVC_FLOOR_PORT:-18285}
AUTH=${AUTH:-0}
SERVICE_EXTRAS=${SERVICE_EXTRAS:-1}
SIZES=${SIZES:-1k 6k 1m}
RATE_1M=${RATE_1M:-100}
HDR=()   # extra request headers for hey and wrk (-H ...): the caller token in the authenticated run
TENANT_ID=dc368399-474c-4d40-900c-6265431fd81f
ID_COUNT=1000
WORKERS=10          # fixed rate: 10 workers x 50 req/s = 500 req/s (x RATE_1M / 10 for the 1m size)
DEFAULT_RATE=500
WRK_TIMEOUT=2s       # wrk's own default; 10s for the m sizes (use_size)
WRK_THREADS=2
WRK_CONNECTIONS=32
WORK=$ROOT/target/bench/hop

log() { printf '[hop-benchmark %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# ---------------------------------------------------------------- tools
missing=()
command -v nginx > /dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v wrk > /dev/null 2>&1 || missing+=(wrk)
command -v hey > /dev/null 2>&1 || missing+=(hey)
command -v curl > /dev/null 2>&1 || missing+=(curl)
command -v python3 > /dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} with apt-get"
  apt-get update -qq
  # RUNLEVEL=1: do not let the nginx package start the system nginx on port 80
  RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
CLK_TCK=$(getconf CLK_TCK)

if [ -z "${JAVA_BINS:-}" ]; then
  JAVA_BINS=$(command -v java)
  [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && JAVA_BINS="$JAVA_BINS /usr/lib/jvm/temurin-25-jdk-amd64/bin/java"
fi

if [ -z "${GATEWAY_JAVA:-}" ]; then
  GATEWAY_JAVA=$(command -v java)
  [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && GATEWAY_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
fi

case "$MVC_FLOOR" in 0 | 1) ;; *) die "MVC_FLOOR must be 0 or 1, not '$MVC_FLOOR'" ;; esac
ports=("$UPSTREAM_PORT" "$HOP_PORT" "$SERVICE_PORT" "$GATEWAY_PORT")
[ "$MVC_FLOOR" = 1 ] && ports+=("$MVC_FLOOR_PORT")
for port in "${ports[@]}"; do
  if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then die "port $port on 127.0.0.1 is already in use"; fi
done

# ---------------------------------------------------------------- build
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "packaging the service"
  ./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true package >&2   # stdout is kept for the results
  log "packaging the Spring Cloud Gateway peer (bench/gateway, its own pom)"
  ./mvnw -f bench/gateway/pom.xml -B -q package >&2
  if [ "$MVC_FLOOR" = 1 ]; then
    log "packaging the Spring MVC floor (bench/mvc-floor, its own pom)"
    ./mvnw -f bench/mvc-floor/pom.xml -B -q package >&2
  fi
fi
GATEWAY_JAR=$(ls bench/gateway/target/bench-gateway-*.jar 2> /dev/null | grep -v '\.original$' | head -1 || true)
[ -n "$GATEWAY_JAR" ] && [ -f "$GATEWAY_JAR" ] || die "no packaged gateway jar under bench/gateway/target/ (run without SKIP_BUILD=1)"
if [ "$MVC_FLOOR" = 1 ]; then
  MVC_FLOOR_JAR=$(ls bench/mvc-floor/target/bench-mvc-floor-*.jar 2> /dev/null | grep -v '\.original$' | head -1 || true)
  [ -n "$MVC_FLOOR_JAR" ] && [ -f "$MVC_FLOOR_JAR" ] \
    || die "no packaged Spring MVC floor jar under bench/mvc-floor/target/ (run without SKIP_BUILD=1, or MVC_FLOOR=0)"
fi
JAR=$(ls target/callrecords-proxy-*.jar 2> /dev/null | grep -v '\.original$' | head -1 || true)
[ -n "$JAR" ] && [ -f "$JAR" ] || die "no packaged jar under target/ (run without SKIP_BUILD=1)"

# ---------------------------------------------------------------- processes and cleanup
pids=()
cleanup() {
  local pid i
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${pids[@]}"; do
    for i in $(seq 1 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2> /dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- the Graph stand-in's files
rm -rf "$WORK"
mkdir -p "$WORK/upstream/tmp" "$WORK/hop/tmp" "$WORK/docroot/v1.0/communications/callRecords" "$WORK/runs"
# per size: the record under its ids (typical: the record's own id, then b3c4e000-...; a size: its own
# range b3c4e<n>-..., n = the size's place in SIZES), and what the service's URL asks for to read all of it
declare -A UPBYTES NPART NSESS NSEG NSTREAM INCLUDE NIDS
SIZE_LIST=()
n=0
for size in ${SIZES,,}; do
  case "$size" in typical | [0-9]*[kKmM]) ;; *) die "SIZES: '$size' is not typical or <n>k / <n>m" ;; esac
  [[ " ${SIZE_LIST[*]} " == *" $size "* ]] && die "SIZES: '$size' is listed twice"
  n=$((n + 1))
  SIZE_LIST+=("$size")
  read -r UPBYTES[$size] NPART[$size] NSESS[$size] NSEG[$size] NSTREAM[$size] INCLUDE[$size] NIDS[$size] < <(
    python3 bench/hop/records.py "$size" src/test/resources/simulator/records \
      "$WORK/docroot/v1.0/communications/callRecords" "$WORK/ids-$size.txt" "$ID_COUNT" "$(printf 'b3c4e%03x' "$n")") \
    || die "could not write the $size records"
  [ -n "${NIDS[$size]}" ] || die "could not write the $size records"
  if [ "$SINGLE_ID" = 1 ]; then head -1 "$WORK/ids-$size.txt" > "$WORK/load-ids-$size.txt"; else cp "$WORK/ids-$size.txt" "$WORK/load-ids-$size.txt"; fi
  log "$size: ${UPBYTES[$size]} bytes of JSON under ${NIDS[$size]} ids: ${NPART[$size]} participants, ${NSESS[$size]} sessions, ${NSEG[$size]} segments, ${NSTREAM[$size]} media streams (service: include=${INCLUDE[$size]})"
done
[ ${#SIZE_LIST[@]} -gt 0 ] || die "SIZES is empty"
FIRST_ID=$(head -1 "$WORK/ids-${SIZE_LIST[0]}.txt")
# the size being measured: its load ids, the service's query, the fixed rate
use_size() {
  SIZE_NOW=$1
  LOAD_FILE=$WORK/load-ids-$1.txt
  mapfile -t LOAD_IDS < "$LOAD_FILE"
  SERVICE_QUERY=""
  [ "${INCLUDE[$1]}" = none ] || SERVICE_QUERY="?include=${INCLUDE[$1]}"
  # m sizes: RATE_1M, and wrk waits up to 10 s for an answer (32 connections of 1 MB answers queue for
  # longer than wrk's default 2 s on a saturated target; a timeout would count as a failure)
  case $1 in *m) FIXED_RATE=$RATE_1M WRK_TIMEOUT=10s ;; *) FIXED_RATE=$DEFAULT_RATE WRK_TIMEOUT=2s ;; esac
  WORKER_QPS=$(awk -v r="$FIXED_RATE" -v w="$WORKERS" 'BEGIN {printf "%g", r / w}')
}
QUERY=""   # appended after the id to the load's URLs: the service's include

# caller authentication (AUTH=1): Entra ID's JWK set as a static file of the upstream, and one
# caller app's RS256 token (2 h), with the claims Entra ID sets for client credentials (as the tests'
# simulator/CallerTokens does)
CALLER_ISSUER=https://login.microsoftonline.com/$TENANT_ID/v2.0
CALLER_AUDIENCE=api://callrecords-proxy
if [ "$AUTH" = 1 ]; then
  mkdir -p "$WORK/docroot/$TENANT_ID/discovery/v2.0"
  CALLER_TOKEN=$(python3 -c 'import base64, json, sys, time, uuid
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
keys_file, issuer, audience, tenant = sys.argv[1:5]
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
num = lambda n: b64(n.to_bytes((n.bit_length() + 7) // 8, "big"))
pub = key.public_key().public_numbers()
json.dump({"keys": [{"kty": "RSA", "use": "sig", "kid": "bench-key", "alg": "RS256", "n": num(pub.n), "e": num(pub.e)}]}, open(keys_file, "w"))
now = int(time.time())
caller = "5c0ffee0-0000-4000-8000-00000000ca11"
claims = {"iss": issuer, "aud": audience, "sub": str(uuid.uuid5(uuid.NAMESPACE_OID, caller)), "azp": caller, "tid": tenant,
          "ver": "2.0", "jti": str(uuid.uuid4()), "iat": now - 5, "nbf": now - 5, "exp": now + 7200, "roles": ["CallRecords.Read"]}
signing_input = b64(json.dumps({"alg": "RS256", "kid": "bench-key", "typ": "JWT"}).encode()) + "." + b64(json.dumps(claims).encode())
print(signing_input + "." + b64(key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())))' \
    "$WORK/docroot/$TENANT_ID/discovery/v2.0/keys" "$CALLER_ISSUER" "$CALLER_AUDIENCE" "$TENANT_ID") \
    || die "could not make the caller token (python3 with the cryptography package is needed for AUTH=1)"
fi

# ---------------------------------------------------------------- nginx upstream and hop
USER_LINE=""
# the master runs as root here; let the worker read the docroot under the work tree as the same user
[ "$(id -u)" = 0 ] && USER_LINE="user $(id -un) $(id -gn);"
for name in upstream hop; do
  sed -e "s|@WORK@|$WORK|g" -e "s|@DOCROOT@|$WORK/docroot|g" -e "s|@UPSTREAM_PORT@|$UPSTREAM_PORT|g" \
      -e "s|@HOP_PORT@|$HOP_PORT|g" -e "s|@TENANT_ID@|$TENANT_ID|g" -e "s|@USER_LINE@|$USER_LINE|g" \
      "bench/hop/$name.conf.template" > "$WORK/$name/nginx.conf"
  "$NGINX" -t -q -e "$WORK/$name/error.log" -p "$WORK/$name" -c "$WORK/$name/nginx.conf" \
    || die "nginx config for $name is invalid"
  "$NGINX" -e "$WORK/$name/error.log" -p "$WORK/$name" -c "$WORK/$name/nginx.conf" -g 'daemon off;' \
    > "$WORK/$name/stdout.log" 2>&1 &
  pids+=($!)
  eval "${name^^}_PID=$!"
done

UPSTREAM_BASE=http://127.0.0.1:$UPSTREAM_PORT/v1.0/communications/callRecords/
HOP_BASE=http://127.0.0.1:$HOP_PORT/v1.0/communications/callRecords/
SERVICE_BASE=http://127.0.0.1:$SERVICE_PORT/api/v1/call-records/
SERVICE_INFO=http://127.0.0.1:$SERVICE_PORT/actuator/info

wait_200() { # url, attempts of 0.1 s
  local i
  for i in $(seq 1 "$2"); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)" = 200 ] && return 0
    sleep 0.1
  done
  return 1
}
check_json_200() { # label url: must be 200 application/json; prints the body size
  local out code type size
  out=$(curl -s -o "$WORK/runs/body.json" -w '%{http_code} %{content_type} %{size_download}' "${HDR[@]}" "$2" || true)
  read -r code type size <<< "$out"
  [ "$code" = 200 ] || die "$1 answered ${code:-nothing} for $2"
  case "$type" in application/json*) ;; *) die "$1 answered Content-Type '$type' for $2" ;; esac
  echo "$size"
}
wait_200 "$UPSTREAM_BASE$FIRST_ID" 100 || die "the nginx upstream did not start (see $WORK/upstream/error.log)"
wait_200 "$HOP_BASE$FIRST_ID" 100 || die "the nginx hop did not start (see $WORK/hop/error.log)"
token=$(curl -s -X POST -d grant_type=client_credentials "http://127.0.0.1:$UPSTREAM_PORT/$TENANT_ID/oauth2/v2.0/token")
case "$token" in *'"access_token":"bench-token"'*) ;; *) die "the token endpoint answered '$token'" ;; esac

# ---------------------------------------------------------------- measuring helpers
nginx_pids() { echo "$1" $(pgrep -P "$1" || true); }     # master and its workers
cpu_ticks() { # utime+stime of the given pids, in clock ticks
  local pid total=0 t
  for pid in "$@"; do
    t=$(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')   # fields 14 and 15
    total=$((total + t))
  done
  echo "$total"
}
rss_kb() { local pid total=0; for pid in "$@"; do total=$((total + $(awk '/^VmRSS/ {print $2}' "/proc/$pid/status"))); done; echo "$total"; }
upstream_requests() { curl -s "http://127.0.0.1:$UPSTREAM_PORT/nginx_status" | awk 'NR == 3 {print $3}'; }
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }

declare -A P50 P99 RATE TARGET_RATE CPUPCT CPU1K UPCPU1K UPREQ MAXRPS MAXUPREQ RSS IDLE READY STARTED SIZE ERRS PLAIN_READY PLAIN_IDLE
failures=()
notes=()

fixed_rate() { # key url pids...: FIXED_RATE req/s (500; RATE_1M for 1m) for FIXED_SECONDS while sampling CPU
  # of the pids and the upstream; a url ending in / gets one of the size's load ids appended, a different
  # one per worker, and then QUERY
  local key=$1 base=$2; shift 2
  local dir=$WORK/runs/$key.hey before up_before after up_after req_before req_after i stats count non200 p50 p99 url
  local hey_pids=()
  mkdir -p "$dir"
  log "$key: fixed rate $FIXED_RATE req/s for ${FIXED_SECONDS}s"
  TARGET_RATE[$key]=$FIXED_RATE
  req_before=$(upstream_requests)
  before=$(cpu_ticks "$@"); up_before=$(cpu_ticks $(nginx_pids "$UPSTREAM_PID"))
  for i in $(seq 0 $((WORKERS - 1))); do
    url=$base
    [ "${base%/}" != "$base" ] && url=$base${LOAD_IDS[$((i % ${#LOAD_IDS[@]}))]}$QUERY
    hey -z "${FIXED_SECONDS}s" -c 1 -q "$WORKER_QPS" -o csv "${HDR[@]}" "$url" \
      > "$dir/worker-$i.csv" 2> "$dir/worker-$i.err" &
    hey_pids+=($!)
  done
  for i in "${hey_pids[@]}"; do wait "$i" || failures+=("$key: a hey worker failed (see $dir)"); done
  after=$(cpu_ticks "$@"); up_after=$(cpu_ticks $(nginx_pids "$UPSTREAM_PID"))
  req_after=$(upstream_requests)
  # latency percentiles (nearest rank) over all workers' requests; non-200 answers and errors
  stats=$(python3 -c 'import csv, glob, math, sys
times, non200 = [], 0
for name in glob.glob(sys.argv[1] + "/worker-*.csv"):
    with open(name) as f:
        for row in csv.DictReader(f):
            times.append(float(row["response-time"]))
            non200 += row["status-code"] != "200"
times.sort()
rank = lambda p: times[max(0, math.ceil(p / 100 * len(times)) - 1)] * 1000
print(len(times), non200, "%.2f" % rank(50), "%.2f" % rank(99)) if times else print(0, 0, "", "")' "$dir")
  read -r count non200 p50 p99 <<< "$stats"
  [ "$count" -gt 0 ] && [ -n "$p50" ] || die "$key: no requests recorded by hey (see $dir)"
  P50[$key]=$p50
  P99[$key]=$p99
  # hey's CSV lists answered requests only; a request that got no answer shows in the achieved rate
  if [ "$non200" -gt 0 ] || grep -q . "$dir"/worker-*.err; then
    failures+=("$key: $non200 non-200 answers or errors at the fixed rate (see $dir)")
  fi
  RATE[$key]=$(awk -v n="$count" -v s="$FIXED_SECONDS" 'BEGIN {printf "%.0f", n / s}')
  CPUPCT[$key]=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v s="$FIXED_SECONDS" 'BEGIN {printf "%.0f", 100 * t / hz / s}')
  CPU1K[$key]=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="$count" 'BEGIN {printf "%.3f", t / hz / n * 1000}')
  UPCPU1K[$key]=$(awk -v t=$((up_after - up_before)) -v hz="$CLK_TCK" -v n="$count" 'BEGIN {printf "%.3f", t / hz / n * 1000}')
  # upstream requests per target request (the status request itself counts once)
  UPREQ[$key]=$(awk -v r=$((req_after - req_before - 1)) -v n="$count" 'BEGIN {printf "%.2f", r / n}')
  log "$key: p50 ${P50[$key]} ms, p99 ${P99[$key]} ms, ${RATE[$key]} req/s, ${CPU1K[$key]} CPU s/1k req (${CPUPCT[$key]} % of a core), ${UPREQ[$key]} upstream req/req"
}
wrk_run() { # seconds base-url [output file]
  wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$1s" --timeout "$WRK_TIMEOUT" "${HDR[@]}" -s bench/hop/ids.lua "$2" -- "$LOAD_FILE" \
    "/${2#http://*/}" "$WRK_THREADS" "$QUERY" > "${3:-/dev/null}"
}
max_rate() { # key base-url
  local key=$1 base=$2 out=$WORK/runs/$1.wrk.txt req_before req_after total
  log "$key: maximum throughput, wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d${MAX_SECONDS}s"
  req_before=$(upstream_requests)
  wrk_run "$MAX_SECONDS" "$base" "$out"
  req_after=$(upstream_requests)
  MAXRPS[$key]=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")
  [ -n "${MAXRPS[$key]}" ] || die "$key: could not read wrk's output ($out)"
  total=$(awk '/requests in/ {print $1}' "$out")
  MAXUPREQ[$key]=$(awk -v r=$((req_after - req_before - 1)) -v n="$total" 'BEGIN {printf "%.2f", r / n}')
  ERRS[$key]=$(awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {gsub(/,/, ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$out")
  [ "${ERRS[$key]}" = 0 ] || failures+=("$key: ${ERRS[$key]} non-2xx answers or socket errors under wrk (see $out)")
  log "$key: ${MAXRPS[$key]} req/s, ${MAXUPREQ[$key]} upstream req/req"
}

# ---------------------------------------------------------------- 1 and 2: nginx
# the key of a measurement: target.size (direct.1k, service1-auth.1m)
check_ids() { # key base: the size's first and last id answer 200 (QUERY appended); sets SIZE[key] (first answer's bytes)
  SIZE[$1]=$(check_json_200 "$1" "$2$(head -1 "$WORK/ids-$SIZE_NOW.txt")$QUERY")
  cp "$WORK/runs/body.json" "$WORK/runs/$1.body.json"
  check_json_200 "$1" "$2$(tail -1 "$WORK/ids-$SIZE_NOW.txt")$QUERY" > /dev/null
}
for size in "${SIZE_LIST[@]}"; do
  use_size "$size"
  for target in direct hop; do
    key=$target.$size
    if [ $target = direct ]; then base=$UPSTREAM_BASE; master=$UPSTREAM_PID; else base=$HOP_BASE; master=$HOP_PID; fi
    check_ids "$key" "$base"
    wrk_run 3 "$base"
    fixed_rate "$key" "$base" $(nginx_pids "$master")
    max_rate "$key" "$base"
    RSS[$key]=$(rss_kb $(nginx_pids "$master"))
  done
done

# ---------------------------------------------------------------- 4 and 5: the Java peers
# the Spring Cloud Gateway and the Spring MVC floor: a plain `java -Xmx256m -jar` (no class cache); ready =
# launch to the first 200 of a routed request (they have no actuator), median of 3 starts; then warmed up,
# loaded and measured as the service
GATEWAY_BASE=http://127.0.0.1:$GATEWAY_PORT/v1.0/communications/callRecords/
MVC_FLOOR_BASE=http://127.0.0.1:$MVC_FLOOR_PORT/v1.0/communications/callRecords/
GATEWAY_VERSION=$("$GATEWAY_JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.runtime.version/ {print $2}')
GATEWAY_FEATURE=${GATEWAY_VERSION%%[.+-]*}
MVC_FLOOR_THREADS="virtual threads"
if [ "$MVC_FLOOR" = 1 ] && [ "${GATEWAY_FEATURE:-0}" -lt 21 ]; then
  MVC_FLOOR_THREADS="platform threads: Java $GATEWAY_VERSION has no virtual threads"
  log "the Spring MVC floor runs on platform threads on Java $GATEWAY_VERSION (GATEWAY_JAVA; the service runs Tomcat on virtual threads on 21+)"
fi
GATEWAY_SCG=$(unzip -l "$GATEWAY_JAR" 2> /dev/null | grep -o 'spring-cloud-gateway-server-webflux-[0-9][^/]*\.jar' | head -1 | sed 's/^spring-cloud-gateway-server-webflux-//; s/\.jar$//')
# seconds from a launch (date +%s%N) until a URL answers 200, polled every 20 ms for at most about
# 120 s; dies when the process exits first (with the last lines of its log) or never answers
seconds_to_200() { # start_ns pid log name url
  local ready=""
  for _ in $(seq 1 6000); do
    kill -0 "$2" 2> /dev/null || die "$4 exited during startup; last lines of $3:
$(tail -n 20 "$3")"
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$5" || true)" = 200 ]; then
      ready=$(date +%s%N); break
    fi
    [ $(( $(date +%s%N) - $1 )) -lt 120000000000 ] || break
    sleep 0.02
  done
  [ -n "$ready" ] || die "$4 did not answer 200 at $5 within 120 s (see $3)"
  awk -v ns=$((ready - $1)) 'BEGIN {printf "%.2f", ns / 1e9}'
}
# the Java peers (gateway, Spring MVC floor): `java -Xmx256m -jar` on GATEWAY_JAVA with the upstream's URI
# and the peer's own env; sets GPID, GREADY (s), GIDLE (kB, 1 s after ready)
start_peer() { # name jar log base env...
  local name=$1 jar=$2 plog=$3 base=$4 start_ns; shift 4
  start_ns=$(date +%s%N)
  env "$@" UPSTREAM_URI="http://127.0.0.1:$UPSTREAM_PORT" "$GATEWAY_JAVA" -Xmx256m -jar "$jar" > "$plog" 2>&1 &
  GPID=$!
  pids+=("$GPID")
  GREADY=$(seconds_to_200 "$start_ns" "$GPID" "$plog" "$name" "$base$FIRST_ID")
  sleep 1
  GIDLE=$(rss_kb "$GPID")
}
# three starts (ready and idle RSS: medians), then every size: checked (the first id's body must be the
# direct upstream's, byte for byte), warmed up and measured as the service
measure_peer() { # target name jar base env...
  local target=$1 name=$2 jar=$3 base=$4 key readies=() idles=() start size; shift 4
  for start in 1 2 3; do
    start_peer "$name" "$jar" "$WORK/runs/$target.log" "$base" "$@"
    readies+=("$GREADY"); idles+=("$GIDLE")
    log "$target: start $start: first 200 after $GREADY s, idle RSS $(mib "$GIDLE") MiB"
    [ $start = 3 ] || stop_service "$GPID"
  done
  READY[$target]=$(median "${readies[@]}")
  IDLE[$target]=$(median "${idles[@]}")
  for size in "${SIZE_LIST[@]}"; do
    use_size "$size"
    key=$target.$size
    check_ids "$key" "$base"
    cmp -s "$WORK/runs/$key.body.json" "$WORK/runs/direct.$size.body.json" \
      || die "$key: $name's body differs from the direct upstream's (see $WORK/runs/$key.body.json)"
    log "$key: warming up for ${WARMUP_SECONDS}s with wrk, then 10 s at the fixed rate (both discarded)"
    warm_and_measure "$key" "$base" "$GPID"
  done
  stop_service "$GPID"
}

# ---------------------------------------------------------------- 3: the service, once per JDK
# as the image runs it: the Dockerfile is the one source of the JVM options (its JAVA_TOOL_OPTIONS)
# and of the AOT training step (its placeholder settings and the memory it sizes the JVM for, which
# is the chart's default limit)
IMAGE_JAVA_OPTIONS=$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\([^"]*\)".*/\1/p' Dockerfile)
[ -n "$IMAGE_JAVA_OPTIONS" ] || die "could not read JAVA_TOOL_OPTIONS from the Dockerfile"
TRAINING_LINE=$(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' Dockerfile | grep -e '-XX:AOTCacheOutput=' || true)
read -r -a TRAINING_ENV <<< "$(sed -n 's/^RUN env \(.*\) java .*/\1/p' <<< "$TRAINING_LINE")"
CONTAINER_MEMORY=$(grep -o -e '-XX:MaxRAM=[^ ]*' <<< "$TRAINING_LINE" | cut -d= -f2)
[ ${#TRAINING_ENV[@]} -gt 0 ] && [ -n "$CONTAINER_MEMORY" ] \
  || die "could not read the AOT training step (RUN env ... java -XX:MaxRAM=... -XX:AOTCacheOutput=...) from the Dockerfile"
SERVICE_ENV=(SERVER_PORT="$SERVICE_PORT"
  AZURE_TENANT_ID=$TENANT_ID AZURE_CLIENT_ID=3f0d9c63-5a0e-4bf4-8f0e-000000c0ffee AZURE_CLIENT_SECRET=bench-only-secret
  AZURE_AUTHORITY_HOST="http://127.0.0.1:$UPSTREAM_PORT" GRAPH_BASE_URL="http://127.0.0.1:$UPSTREAM_PORT/v1.0"
  PROXY_AUTH_ENABLED=false PROXY_CALLER_QUOTA=100000000 PROXY_CACHE_ENABLED=false
  GRAPH_BUDGET_RECORD=100000000 GRAPH_BUDGET_LIST=100000000 GRAPH_BUDGET_APP=100000000
  LOGGING_LEVEL_CALLRECORDS_AUDIT=WARN SHUTDOWN_TIMEOUT=2s)
# the service's limits on one Graph answer (GRAPH_MAX_RESPONSE_SIZE, default 64MB) and on the items of
# one expanded collection (PROXY_MAX_EXPANDED_ITEMS, default 5000): raised only when a size needs it
MAX_UPBYTES=$(printf '%s\n' "${UPBYTES[@]}" | sort -n | tail -1)
MAX_ITEMS=$(printf '%s\n' "${NPART[@]}" "${NSESS[@]}" | sort -n | tail -1)
LIMITS_NOTE="GRAPH_MAX_RESPONSE_SIZE (64MB) and PROXY_MAX_EXPANDED_ITEMS (5000) left at their defaults: the largest record here is $MAX_UPBYTES bytes with $MAX_ITEMS items in its largest collection, within both"
if [ "$MAX_UPBYTES" -gt $((64 << 20)) ] || [ "$MAX_ITEMS" -gt 5000 ]; then
  RAISED_SIZE=$(((MAX_UPBYTES >> 20) + 2)); [ "$RAISED_SIZE" -ge 64 ] || RAISED_SIZE=64
  RAISED_ITEMS=$((MAX_ITEMS > 5000 ? MAX_ITEMS : 5000))
  SERVICE_ENV+=(GRAPH_MAX_RESPONSE_SIZE=${RAISED_SIZE}MB PROXY_MAX_EXPANDED_ITEMS=$RAISED_ITEMS)
  LIMITS_NOTE="GRAPH_MAX_RESPONSE_SIZE set to ${RAISED_SIZE}MB and PROXY_MAX_EXPANDED_ITEMS to $RAISED_ITEMS (defaults 64MB and 5000) for the largest record here: $MAX_UPBYTES bytes, $MAX_ITEMS items in its largest collection"
  log "the service's limits: $LIMITS_NOTE"
fi

stop_service() { # pid
  kill "$1" 2> /dev/null || true
  for _ in $(seq 1 150); do kill -0 "$1" 2> /dev/null || break; sleep 0.1; done
  kill -9 "$1" 2> /dev/null || true
  wait "$1" 2> /dev/null || true
}
# starts the service (dir, log, command...), waits for /actuator/health 200; sets SPID, SREADY (s), SIDLE (kB, 1 s after ready)
start_service() {
  local dir=$1 slog=$2 start_ns; shift 2
  start_ns=$(date +%s%N)
  (cd "$dir" && exec env "${SERVICE_ENV[@]}" "$@" > "$slog" 2>&1) &
  SPID=$!
  pids+=("$SPID")
  SREADY=$(seconds_to_200 "$start_ns" "$SPID" "$slog" "the service" "http://127.0.0.1:$SERVICE_PORT/actuator/health")
  sleep 1
  SIDLE=$(rss_kb "$SPID")
}
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
check_whole() { # key: the service's answer (runs/<key>.body.json) carries every participant, session, segment and stream
  python3 -c 'import json, sys
answer = json.load(open(sys.argv[1]))
want = [int(n) for n in sys.argv[2:6]]
sessions = answer.get("sessions") or []
segments = [g for s in sessions for g in (s.get("segments") or [])]
got = [len(answer.get("participants") or []), len(sessions), len(segments),
       sum(len(m.get("streams") or []) for g in segments for m in (g.get("media") or []))]
truncated = answer.get("participantsTruncated") or answer.get("sessionsTruncated")
if got != want or truncated or answer.get("organizer") is None:
    sys.exit("participants, sessions, segments, streams: got %s, want %s%s" % (got, want, ", truncated" if truncated else ""))' \
    "$WORK/runs/$1.body.json" "${NPART[$SIZE_NOW]}" "${NSESS[$SIZE_NOW]}" "${NSEG[$SIZE_NOW]}" "${NSTREAM[$SIZE_NOW]}" \
    || die "$1: the service did not answer the whole $SIZE_NOW record (see $WORK/runs/$1.body.json)"
}
# the service (started, pid spid) at every size: checked, warmed up, fixed rate, maximum (target: service1, service1-auth)
# the warm-up (wrk, then 10 s at the fixed rate, both discarded), the fixed-rate and the maximum runs
# of one target at one size, and its RSS after them
warm_and_measure() { # key base pid
  wrk_run "$WARMUP_SECONDS" "$2"
  FIXED_SECONDS=10 fixed_rate "$1-warmup" "$2" "$3"
  fixed_rate "$1" "$2" "$3"
  max_rate "$1" "$2"
  RSS[$1]=$(rss_kb "$3")
}

measure_service_sizes() { # target spid
  local target=$1 spid=$2 size key
  for size in "${SIZE_LIST[@]}"; do
    use_size "$size"
    key=$target.$size
    QUERY=$SERVICE_QUERY
    check_ids "$key" "$SERVICE_BASE"
    check_whole "$key"
    log "$key: GET ...$QUERY answers ${SIZE[$key]} bytes; warming up for ${WARMUP_SECONDS}s with wrk, then 10 s at the fixed rate (both discarded)"
    warm_and_measure "$key" "$SERVICE_BASE" "$spid"
    QUERY=""
  done
}

measure_peer gateway "the gateway" "$GATEWAY_JAR" "$GATEWAY_BASE" GATEWAY_PORT="$GATEWAY_PORT"
[ "$MVC_FLOOR" = 1 ] && measure_peer mvcfloor "the Spring MVC floor" "$MVC_FLOOR_JAR" "$MVC_FLOOR_BASE" MVC_FLOOR_PORT="$MVC_FLOOR_PORT"

service_keys=()
n=0
for java_bin in $JAVA_BINS; do
  n=$((n + 1))
  version=$("$java_bin" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.runtime.version/ {print $2}')
  feature=${version%%[.+-]*}
  key="service$n"
  service_keys+=("$key")
  # the image's layout: Spring Boot's layers extracted, merged into one directory
  app=$WORK/image-$key
  rm -rf "$app" "$app.layers"
  "$java_bin" -Djarmode=tools -jar "$JAR" extract --layers --application-filename application.jar \
    --destination "$app.layers" > /dev/null
  mkdir -p "$app"
  for layer in dependencies spring-boot-loader snapshot-dependencies application; do
    [ -d "$app.layers/$layer" ] && cp -r "$app.layers/$layer/." "$app/"
  done
  if [ "$feature" -ge 24 ]; then
    cache_train=(-XX:AOTCacheOutput=application.aot); cache_use=(-XX:AOTCache=application.aot); cache_label="AOT cache"
  else
    cache_train=(-XX:ArchiveClassesAtExit=application.jsa); cache_use=(-XX:SharedArchiveFile=application.jsa); cache_label="AppCDS archive"
  fi
  declare -g "LABEL_$key=callrecords-proxy (Java $version, $cache_label)"
  log "$key: training the $cache_label with $java_bin ($version)"
  (cd "$app" && env JAVA_TOOL_OPTIONS="$IMAGE_JAVA_OPTIONS" "${TRAINING_ENV[@]}" "$java_bin" -XX:MaxRAM=$CONTAINER_MEMORY "${cache_train[@]}" \
    -Dspring.context.exit=onRefresh -jar application.jar > "$WORK/runs/$key.training.log" 2>&1) \
    || die "$key: the training start failed (see $WORK/runs/$key.training.log)"

  # a plain start for comparison: the fat jar, default JVM options, no cache
  start_service "$ROOT" "$WORK/runs/$key.plain.log" "$java_bin" -jar "$JAR"
  PLAIN_READY[$key]=$SREADY
  PLAIN_IDLE[$key]=$SIDLE
  stop_service "$SPID"
  log "$key: plain java -jar ready after ${PLAIN_READY[$key]} s, idle RSS $(mib "${PLAIN_IDLE[$key]}") MiB"

  readies=(); idles=(); starteds=()
  for start in 1 2 3; do
    slog=$WORK/runs/$key.log
    start_service "$app" "$slog" env JAVA_TOOL_OPTIONS="$IMAGE_JAVA_OPTIONS" "$java_bin" -XX:MaxRAM=$CONTAINER_MEMORY \
      "${cache_use[@]}" -jar application.jar
    # the JVM warns ([aot] on Java 24+, [cds] before) and starts without the cache when it does not match
    if grep -q '\[aot\]\|\[cds\]' "$slog"; then
      die "$key: the JVM did not use the $cache_label: $(grep -m1 '\[aot\]\|\[cds\]' "$slog")"
    fi
    started=$(grep -o 'Started [A-Za-z0-9_]* in [0-9.]* seconds' "$slog" | head -1 | awk '{print $4}')
    readies+=("$SREADY"); idles+=("$SIDLE"); starteds+=("${started:-0}")
    log "$key: start $start ready after $SREADY s (log: Started in ${started:-?} s), idle RSS $(mib "$SIDLE") MiB"
    [ $start = 3 ] || stop_service "$SPID"
  done
  READY[$key]=$(median "${readies[@]}")
  IDLE[$key]=$(median "${idles[@]}")
  STARTED[$key]=$(median "${starteds[@]}")
  spid=$SPID
  measure_service_sizes "$key" "$spid"
  if [ "$SERVICE_EXTRAS" = 1 ]; then
    # the info path warmed the same way, shorter (once, not per size), at 500 req/s
    FIXED_RATE=$DEFAULT_RATE
    WORKER_QPS=$((DEFAULT_RATE / WORKERS))
    wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d10s "$SERVICE_INFO" > /dev/null
    FIXED_SECONDS=10 fixed_rate "$key-info-warmup" "$SERVICE_INFO" "$spid"
    fixed_rate "$key-info" "$SERVICE_INFO" "$spid"
  fi
  stop_service "$spid"

  if [ "$AUTH" = 1 ]; then
    # caller authentication on, as production runs: the same requests, each with the caller's token
    start_service "$app" "$WORK/runs/$key.auth.log" env PROXY_AUTH_ENABLED=true \
      PROXY_AUTH_JWK_SET_URI="http://127.0.0.1:$UPSTREAM_PORT/$TENANT_ID/discovery/v2.0/keys" \
      PROXY_AUTH_ISSUER_URI="$CALLER_ISSUER" PROXY_AUTH_AUDIENCE="$CALLER_AUDIENCE" \
      JAVA_TOOL_OPTIONS="$IMAGE_JAVA_OPTIONS" "$java_bin" -XX:MaxRAM=$CONTAINER_MEMORY "${cache_use[@]}" -jar application.jar
    spid=$SPID
    code=$(curl -s -o /dev/null -w '%{http_code}' "$SERVICE_BASE$FIRST_ID" || true)
    [ "$code" = 401 ] || die "$key-auth: a request without a token got $code, not 401 (is authentication on?)"
    HDR=(-H "Authorization: Bearer $CALLER_TOKEN")
    log "$key-auth: caller authentication on"
    measure_service_sizes "$key-auth" "$spid"
    HDR=()
    stop_service "$spid"
  fi

  # the same requests answered from the record cache (on by default in production): what a dashboard
  # reopening records costs, and what it spares Graph
  [ "$SERVICE_EXTRAS" = 1 ] || continue
  start_service "$app" "$WORK/runs/$key.cached.log" env PROXY_CACHE_ENABLED=true JAVA_TOOL_OPTIONS="$IMAGE_JAVA_OPTIONS" \
    "$java_bin" -XX:MaxRAM=$CONTAINER_MEMORY "${cache_use[@]}" -jar application.jar
  spid=$SPID
  for size in "${SIZE_LIST[@]}"; do
    use_size "$size"
    QUERY=$SERVICE_QUERY
    log "$key-cached.$size: record cache on; warming up for 30 s with wrk, then 10 s at the fixed rate (both discarded)"
    wrk_run 30 "$SERVICE_BASE"
    FIXED_SECONDS=10 fixed_rate "$key-cached.$size-warmup" "$SERVICE_BASE" "$spid"
    fixed_rate "$key-cached.$size" "$SERVICE_BASE" "$spid"
    QUERY=""
  done
  stop_service "$spid"
done

# ---------------------------------------------------------------- report
target_label() {
  case $1 in
    direct) echo "direct upstream (nginx, static JSON)" ;;
    hop) echo "nginx reverse-proxy hop" ;;
    gateway) echo "Spring Cloud Gateway ${GATEWAY_SCG:-?} route (Java $GATEWAY_VERSION, java -Xmx256m -jar, no class cache)" ;;
    mvcfloor) echo "Spring MVC floor (Tomcat + WebClient, no mapping; Java $GATEWAY_VERSION, $MVC_FLOOR_THREADS, java -Xmx256m -jar, no class cache)" ;;
    *-auth) local v="LABEL_${1%-auth}"; echo "${!v}, caller authentication on (JWT per request)" ;;
    *-info) local v="LABEL_${1%-info}"; echo "${!v}: GET /actuator/info, no Graph call" ;;
    *-cached) local v="LABEL_${1%-cached}"; echo "${!v}: the same requests, record cache on" ;;
    *) local v="LABEL_$1"; echo "${!v}" ;;
  esac
}
label() { # key (target.size, or a target without size): the size first, then the target
  case $1 in
    *.*) echo "[${1##*.}] $(target_label "${1%.*}")" ;;
    *) target_label "$1" ;;
  esac
}
dash() { [ -n "${1:-}" ] && echo "$1" || echo "–"; }
report() {
  local key ids_note size first target s
  if [ "$SINGLE_ID" = 1 ]; then ids_note="all requests for the one id (SINGLE_ID=1)"; else ids_note="each fixed-rate worker on its own id, wrk a new id per request"; fi
  echo "Command: SIZES=\"$SIZES\" RATE_1M=$RATE_1M bench/hop-benchmark.sh   (from the repository root; $(date -u +%Y-%m-%dT%H:%MZ))"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); $("$NGINX" -v 2>&1 | sed 's/^nginx version: //'); load generators share the same cores."
  echo "Fixed rate: $WORKERS concurrent \`hey -z ${FIXED_SECONDS}s -c 1 -q $((DEFAULT_RATE / WORKERS)) -o csv URL\` ($WORKERS workers x $((DEFAULT_RATE / WORKERS)) req/s = $DEFAULT_RATE req/s, the shape of \`hey -z ${FIXED_SECONDS}s -c 10 -q 50\`)$([[ " ${SIZE_LIST[*]} " == *"m "* ]] && echo "; for the m sizes -q $(awk -v r="$RATE_1M" -v w="$WORKERS" 'BEGIN {printf "%g", r / w}') = $RATE_1M req/s (RATE_1M)"), p50/p99 over all their requests. Maximum: \`wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d${MAX_SECONDS}s --timeout 2s -s bench/hop/ids.lua\`$([[ " ${SIZE_LIST[*]} " == *"m "* ]] && echo " (--timeout 10s for the m sizes)"). Sizes one after the other on the same process. Service, gateway$([ "$MVC_FLOOR" = 1 ] && echo ' and Spring MVC floor') warmed up at every size with the same wrk for ${WARMUP_SECONDS} s and then 10 s at the fixed rate (both discarded$([ "$SERVICE_EXTRAS" = 1 ] && echo '; the info path: 10 s + 10 s; the record cache: 30 s + 10 s per size')), nginx with wrk for 3 s."
  echo "Gateway: bench/gateway (Spring Boot 4.0.7, Spring Cloud 2025.1.4, spring-cloud-starter-gateway-server-webflux ${GATEWAY_SCG:-?}), one Path route to the same upstream, Java $GATEWAY_VERSION, \`java -Xmx256m -jar\` with default options otherwise; its ready = launch to the first 200 of a routed request (median of 3 starts), measured like the service (same warm-up, same loads)."
  [ "$MVC_FLOOR" = 1 ] && echo "Spring MVC floor: bench/mvc-floor (Spring Boot 4.0.7, spring-boot-starter-webmvc on Tomcat, $MVC_FLOOR_THREADS, spring-boot-starter-webclient; no actuator, security or observations), one \`GET /v1.0/communications/callRecords/{id}\` that fetches the same path from the upstream with Boot's WebClient (Reactor Netty, shared connection pool), blocks on the request's thread and answers the upstream's status, content type and body bytes unchanged: the least a Spring MVC service calling Graph with WebClient does per request. Java $GATEWAY_VERSION, \`java -Xmx256m -jar\`, started and measured like the gateway; its body and the gateway's are checked byte for byte against the direct upstream's."
  [ "$AUTH" = 1 ] && echo "Caller authentication (AUTH=1): a second start of the service with PROXY_AUTH_ENABLED=true, the JWK set served by the upstream nginx, every request (hey and wrk) with the same valid RS256 token of one caller app (role CallRecords.Read, 2 h), as an app sends it for an hour."
  echo "Records ($ids_note; direct, hop, gateway$([ "$MVC_FLOOR" = 1 ] && echo ' and Spring MVC floor') GET /v1.0/communications/callRecords/{id}, the service GET /api/v1/call-records/{id} with the include below, which it turns into one Graph GET with the matching \$expand; the stand-in ignores the query and serves the whole file; the script checks the service's answer carries every participant, session, segment and media stream):"
  for size in "${SIZE_LIST[@]}"; do
    s=${service_keys[0]}.$size
    if [ "$size" = typical ]; then
      echo "- typical: the simulator's record e523d2ed-2966-4b6b-925b-754a88034cc5 without participants_v2 and sessions, as Graph answers a GET without \$expand (with organizer_v2), ${UPBYTES[$size]} bytes of JSON under ${NIDS[$size]} ids (the record's own, then b3c4e000-...); the service (no include) answers ${SIZE[$s]} bytes; one service request cost the upstream ${UPREQ[$s]} requests at the fixed rate, ${MAXUPREQ[$s]} under wrk."
    else
      echo "- $size: ${UPBYTES[$size]} bytes of JSON (Graph's answer to \$expand=$([ "${INCLUDE[$size]}" = participants ] && echo 'participants_v2' || echo 'participants_v2,sessions($expand=segments)')): organizer_v2, ${NPART[$size]} participants, ${NSESS[$size]} sessions, ${NSEG[$size]} segments, ${NSTREAM[$size]} media streams; ${NIDS[$size]} ids ($(head -c 8 "$WORK/ids-$size.txt")-...); the service (?include=${INCLUDE[$size]}) answers ${SIZE[$s]} bytes$([ "$AUTH" = 1 ] && echo " (${SIZE[${service_keys[0]}-auth.$size]} with authentication)"), the gateway ${SIZE[gateway.$size]}$([ "$MVC_FLOOR" = 1 ] && echo ", the Spring MVC floor ${SIZE[mvcfloor.$size]}"); one service request cost the upstream ${UPREQ[$s]} requests at the fixed rate, ${MAXUPREQ[$s]} under wrk (1.00 = the one GET with \$expand, no next links to follow)."
    fi
  done
  echo "Setup: both nginx run worker_processes 1, no access log; the hop keeps up to 32 keep-alive connections upstream. Service: as the image runs it: layers extracted (thin application.jar + lib/), the image's JAVA_TOOL_OPTIONS (\`$IMAGE_JAVA_OPTIONS\`), -XX:MaxRAM=$CONTAINER_MEMORY (the chart's memory limit), the class cache trained by a start that stops after the context refresh; PROXY_AUTH_ENABLED=false (no caller tokens), PROXY_CACHE_ENABLED=false, Graph budgets and caller quota raised to 100000000, audit log at WARN; $LIMITS_NOTE. Ready, \"Started in\" and idle RSS: medians of 3 starts (one start for all sizes: shown on the first size's rows); \"plain\" = one \`java -jar\` start of the fat jar with default JVM options."
  echo "CPU = utime+stime of the serving process(es) (nginx: master + worker; service: the JVM) during the fixed-rate run, per 1,000 requests, and as a share of one core over the run. Upstream CPU and upstream req / req = the Graph stand-in's CPU and request count in the same run (1.00 = one Graph call per request)."
  echo
  echo "| Target | fixed rate req/s | p50 ms | p99 ms | achieved req/s | max req/s (wrk) | CPU s / 1k req | CPU % of one core | upstream CPU s / 1k req | upstream req / req | RSS after runs MiB | idle RSS MiB | ready s (launch → health 200) | \"Started in\" s | plain: ready s / idle RSS MiB |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  main_targets=(direct hop gateway)
  [ "$MVC_FLOOR" = 1 ] && main_targets+=(mvcfloor)
  local npeers=${#main_targets[@]}   # direct, hop and the Java peers; the service's targets follow
  for key in "${service_keys[@]}"; do
    main_targets+=("$key")
    [ "$AUTH" = 1 ] && main_targets+=("$key-auth")
  done
  first=${SIZE_LIST[0]}
  for size in "${SIZE_LIST[@]}"; do
    for target in "${main_targets[@]}"; do
      key=$target.$size
      local startup="– | – | – | –"
      [ "$size" = "$first" ] && startup="$(dash "${IDLE[$target]:+$(mib "${IDLE[$target]}")}") | $(dash "${READY[$target]:-}") | $(dash "${STARTED[$target]:-}") | $(dash "${PLAIN_READY[$target]:+${PLAIN_READY[$target]} / $(mib "${PLAIN_IDLE[$target]}")}")"
      echo "| $(label "$key") | ${TARGET_RATE[$key]} | ${P50[$key]} | ${P99[$key]} | ${RATE[$key]} | ${MAXRPS[$key]} | ${CPU1K[$key]} | ${CPUPCT[$key]} | ${UPCPU1K[$key]} | ${UPREQ[$key]} | $(mib "${RSS[$key]}") | $startup |"
    done
  done
  if [ "$SERVICE_EXTRAS" = 1 ]; then
    for key in "${service_keys[@]}"; do
      for size in "${SIZE_LIST[@]}"; do
        s=$key-cached.$size
        echo "| $(label "$s") | ${TARGET_RATE[$s]} | ${P50[$s]} | ${P99[$s]} | ${RATE[$s]} | – | ${CPU1K[$s]} | ${CPUPCT[$s]} | ${UPCPU1K[$s]} | ${UPREQ[$s]} | – | – | – | – | – |"
      done
    done
    for key in "${service_keys[@]}"; do
      echo "| $(label "$key-info") | ${TARGET_RATE[$key-info]} | ${P50[$key-info]} | ${P99[$key-info]} | ${RATE[$key-info]} | – | ${CPU1K[$key-info]} | ${CPUPCT[$key-info]} | – | – | – | – | – | – | – |"
    done
  fi
  echo
  for size in "${SIZE_LIST[@]}"; do
    for target in "${main_targets[@]:npeers}"; do
      key=$target.$size
      awk -v l="$(label "$key")" -v sc="${CPU1K[$key]}" -v hc="${CPU1K[hop.$size]}" \
          -v s50="${P50[$key]}" -v s99="${P99[$key]}" -v d50="${P50[direct.$size]}" -v d99="${P99[direct.$size]}" \
          -v h50="${P50[hop.$size]}" -v h99="${P99[hop.$size]}" -v smax="${MAXRPS[$key]}" -v hmax="${MAXRPS[hop.$size]}" 'BEGIN {
        printf "- %s: CPU per request %.1fx the nginx hop'"'"'s; added latency vs direct upstream p50 %+.2f ms, p99 %+.2f ms (nginx hop: p50 %+.2f ms, p99 %+.2f ms); max throughput %.0f%% of the nginx hop'"'"'s.\n",
          l, (hc > 0 ? sc / hc : 0), s50 - d50, s99 - d99, h50 - d50, h99 - d99, (hmax > 0 ? 100 * smax / hmax : 0)
      }'
    done
  done
  [ "$SERVICE_EXTRAS" = 1 ] && for key in "${service_keys[@]}"; do
    for size in "${SIZE_LIST[@]}"; do
      s=$key-cached.$size
      awk -v l="$(label "$s")" -v sc="${CPU1K[$s]}" -v hc="${CPU1K[hop.$size]}" \
          -v s50="${P50[$s]}" -v s99="${P99[$s]}" -v d50="${P50[direct.$size]}" -v d99="${P99[direct.$size]}" -v up="${UPREQ[$s]}" 'BEGIN {
        printf "- %s: CPU per request %.1fx the nginx hop'"'"'s; latency vs direct upstream p50 %+.2f ms, p99 %+.2f ms; %s Graph requests per request.\n", l, (hc > 0 ? sc / hc : 0), s50 - d50, s99 - d99, up
      }'
    done
  done
  [ "$SERVICE_EXTRAS" = 1 ] && for key in "${service_keys[@]}"; do
    awk -v l="$(label "$key-info")" -v sc="${CPU1K[$key-info]}" -v hc="${CPU1K[hop.$first]}" -v whole="${CPU1K[$key.$first]}" -v size="$first" 'BEGIN {
      printf "- %s: CPU per request %.1fx the nginx hop'"'"'s, %.0f%% of a call-record request'"'"'s (%s record).\n", l, (hc > 0 ? sc / hc : 0), (whole > 0 ? 100 * sc / whole : 0), size
    }'
  done
  # against the Spring Cloud Gateway peer, per size (issue 16's targets: CPU per request <= 1x the
  # gateway's for 1 KB and 6 KB records with authentication on, max throughput >= 1x, added latency at
  # the fixed rate over the direct upstream p50 <= 1 ms and p99 <= 5 ms; 100 req/s of 1 MB records
  # served without saturating one core)
  echo
  echo "Against the targets (service vs Spring Cloud Gateway, per size$([ "$MVC_FLOOR" = 1 ] && echo '; the Spring MVC floor against both')):"
  for size in "${SIZE_LIST[@]}"; do
    # the floor against the gateway: what Spring MVC on Tomcat plus a WebClient call cost before any mapping
    [ "$MVC_FLOOR" = 1 ] && awk -v l="$(label "mvcfloor.$size")" -v fc="${CPU1K[mvcfloor.$size]}" -v gc="${CPU1K[gateway.$size]}" \
        -v fmax="${MAXRPS[mvcfloor.$size]}" -v gmax="${MAXRPS[gateway.$size]}" -v f50="${P50[mvcfloor.$size]}" -v f99="${P99[mvcfloor.$size]}" \
        -v d50="${P50[direct.$size]}" -v d99="${P99[direct.$size]}" -v rate="${TARGET_RATE[mvcfloor.$size]}" 'BEGIN {
      printf "- floor vs Spring Cloud Gateway: %s: CPU per request %.2fx the gateway'"'"'s, max throughput %.2fx the gateway'"'"'s; added latency over the direct upstream at %d req/s p50 %+.2f ms, p99 %+.2f ms.\n",
        l, (gc > 0 ? fc / gc : 0), (gmax > 0 ? fmax / gmax : 0), rate, f50 - d50, f99 - d99
    }'
    for target in "${main_targets[@]:npeers}"; do
      key=$target.$size
      awk -v l="$(label "$key")" -v sc="${CPU1K[$key]}" -v gc="${CPU1K[gateway.$size]}" -v smax="${MAXRPS[$key]}" -v gmax="${MAXRPS[gateway.$size]}" \
          -v s50="${P50[$key]}" -v s99="${P99[$key]}" -v d50="${P50[direct.$size]}" -v d99="${P99[direct.$size]}" \
          -v g50="${P50[gateway.$size]}" -v g99="${P99[gateway.$size]}" -v rate="${TARGET_RATE[$key]}" \
          -v pct="${CPUPCT[$key]}" -v gpct="${CPUPCT[gateway.$size]}" -v big="$(case $size in *m) echo 1 ;; *) echo 0 ;; esac)" \
          -v floor="$MVC_FLOOR" -v fc="${CPU1K[mvcfloor.$size]:-0}" -v fmax="${MAXRPS[mvcfloor.$size]:-0}" 'BEGIN {
        # the issue'"'"'s targets: CPU <= 1x the gateway'"'"'s (1.5x for 1 MB), throughput >= 1x for 1 KB and 6 KB,
        # added latency at 500 req/s (the small sizes'"'"' rate); for 1 MB the core share below
        printf "- vs Spring Cloud Gateway: %s: CPU per request %.2fx the gateway'"'"'s (target <= %s), max throughput %.2fx the gateway'"'"'s%s; added latency over the direct upstream at %d req/s p50 %+.2f ms%s, p99 %+.2f ms%s (gateway: p50 %+.2f ms, p99 %+.2f ms)",
          l, (gc > 0 ? sc / gc : 0), (big ? "1.5x" : "1x"), (gmax > 0 ? smax / gmax : 0), (big ? "" : " (target >= 1x)"), rate,
          s50 - d50, (big ? "" : " (target <= 1)"), s99 - d99, (big ? "" : " (target <= 5)"), g50 - d50, g99 - d99
        if (big) printf "; CPU at %d req/s: %d%% of one core (target: below 100%%, not saturating one core; gateway %d%%)", rate, pct, gpct
        if (floor == 1) printf "; against the Spring MVC floor: CPU per request %.2fx the floor'"'"'s, max throughput %.2fx the floor'"'"'s", (fc > 0 ? sc / fc : 0), (fmax > 0 ? smax / fmax : 0)
        printf ".\n"
      }'
    done
  done
  for size in "${SIZE_LIST[@]}"; do
    for target in "${main_targets[@]}"; do
      key=$target.$size
      if [ "${RATE[$key]}" -lt $(( ${TARGET_RATE[$key]} * 95 / 100 )) ]; then
        echo "- NOTE: $(label "$key") sustained only ${RATE[$key]} of ${TARGET_RATE[$key]} req/s in the fixed-rate run: it was saturated (or the machine was busy), so its latency there includes queueing."
      fi
      if [ "$SINGLE_ID" != 1 ] && [ "$target" != direct ] && awk -v a="${UPREQ[$key]}" -v b="${MAXUPREQ[$key]}" 'BEGIN {exit !(a < 0.99 || b < 0.99)}'; then
        echo "- NOTE: $(label "$key") sent the upstream fewer requests than it answered (fixed rate ${UPREQ[$key]}, wrk ${MAXUPREQ[$key]} per request)."
      fi
    done
  done
  if [ ${#failures[@]} -gt 0 ]; then
    echo
    for f in "${failures[@]}"; do echo "- FAILED: $f"; done
  fi
}
report | tee "$WORK/results.md"
log "raw outputs under $WORK/runs, table in $WORK/results.md"
[ ${#failures[@]} -eq 0 ] || exit 1
