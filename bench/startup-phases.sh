#!/usr/bin/env bash
# Startup breakdown (not a test): where the time from launch to readiness goes, as the image starts the
# service, with and without Spring AOT. Builds the jar twice (plain, and with -Pspring-aot), lays each
# out as the image does (layers extracted: thin application.jar + lib/), trains an AOT cache as the
# Dockerfile does (its ENV, placeholder settings, -XX:MaxRAM, a start that stops after the
# context refresh; the Spring AOT one with -Dspring.aot.enabled=true), then starts each STARTS times,
# alternating, and prints per phase (from the log's timestamps) the median seconds, and the CPU seconds
# of the process and of its main thread at the first 200 of /actuator/health/readiness.
#
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/startup-phases.sh
#   STARTS=5 PORT=19081 MANAGEMENT_PORT=19082 SKIP_BUILD=1 WORK=/tmp/startup-phases
#
# Measured on a shared machine, wall-clock times move with its load: the load average is printed with
# every start; compare CPU seconds, and interleaved starts, rather than runs made at different times.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/startup-ready.sh
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
STARTS=${STARTS:-3}
PORT=${PORT:-19081}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-$((PORT + 1))}
WORK=${WORK:-/tmp/startup-phases}
mkdir -p "$WORK"
log() { echo "startup-phases: $*" >&2; }
SPID=""
trap '[ -z "$SPID" ] || kill "$SPID" 2> /dev/null || true' EXIT

TRAINING_LINE=$(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' Dockerfile | grep -e '-XX:AOTCacheOutput=')
read -r -a TRAINING_ENV <<< "$(sed -n 's/^RUN env \(.*\) java .*/\1/p' <<< "$TRAINING_LINE")"
MEMORY=$(grep -o -e '-XX:MaxRAM=[^ ]*' <<< "$TRAINING_LINE" | cut -d= -f2)
[ ${#TRAINING_ENV[@]} -gt 0 ] && [ -n "$MEMORY" ] \
  || { log "could not read the image's training step from the Dockerfile"; exit 1; }
# the image's ENV (bench/image-env.py) on this script's ports; each variant says itself whether Spring
# AOT is on (JDK_JAVA_OPTIONS emptied, -Dspring.aot.enabled=true on the command line)
mapfile -t RUN_ENV < <(python3 bench/image-env.py)
RUN_ENV+=(JDK_JAVA_OPTIONS= SERVER_PORT="$PORT" MANAGEMENT_SERVER_PORT="$MANAGEMENT_PORT" "${TRAINING_ENV[@]}")
# built on the JDK that runs it, as the Dockerfile builds on JDK 25: Spring AOT fixes virtual threads by
# the build's JDK (SpringAotSettings refuses a start on 25 asking for them from a build on 17)
MVN=(env JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$JAVA")")")" ./mvnw -B -o -q package -DskipTests -Djacoco.skip=true -Dspring-javaformat.skip=true)

layout() { # variant [maven args]: builds, extracts and trains into $WORK/<variant>
  local variant=$1 dir=$WORK/$1 aot=(); shift
  [ "$variant" = spring-aot ] && aot=(-Dspring.aot.enabled=true)
  if [ -z "${SKIP_BUILD:-}" ] || [ ! -d "$dir" ]; then
    log "$variant: building"
    "${MVN[@]}" "$@" > "$WORK/$variant.build.log" 2>&1
    rm -rf "$dir" "$dir.layers"
    "$JAVA" -Djarmode=tools -jar target/callrecords-proxy-*.jar extract --layers --application-filename application.jar \
      --destination "$dir.layers" > /dev/null
    mkdir -p "$dir"
    for layer in dependencies spring-boot-loader snapshot-dependencies application; do
      [ -d "$dir.layers/$layer" ] && cp -r "$dir.layers/$layer/." "$dir/"
    done
    log "$variant: training the AOT cache"
    (cd "$dir" && env "${RUN_ENV[@]}" "$JAVA" -XX:MaxRAM="$MEMORY" -XX:AOTCacheOutput=application.aot "${aot[@]}" \
      -Dspring.context.exit=onRefresh -jar application.jar > "$WORK/$variant.training.log" 2>&1)
  fi
}

start() { # variant n: one start; writes $WORK/<variant>.<n>.log and .result (t0 ready cpu main-cpu load)
  local variant=$1 dir=$WORK/$1 slog=$WORK/$1.$2.log aot=() t0 pid ready="" cpu="" main=""
  [ "$variant" = spring-aot ] && aot=(-Dspring.aot.enabled=true)
  t0=$(date +%s%N)
  (cd "$dir" && exec env "${RUN_ENV[@]}" "$JAVA" -XX:MaxRAM="$MEMORY" -XX:AOTCache=application.aot "${aot[@]}" \
    -jar application.jar > "$slog" 2>&1) &
  pid=$!
  SPID=$pid
  read -r ready cpu main < <(await_ready "http://127.0.0.1:$MANAGEMENT_PORT/actuator/health/readiness" "$pid") || true
  kill "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  [ -n "$ready" ] || { log "$variant: start $2 did not become ready (see $slog)"; exit 1; }
  grep -q '\[aot\]' "$slog" && { log "$variant: the JVM did not use the AOT cache: $(grep -m1 '\[aot\]' "$slog")"; exit 1; }
  echo "$t0 $ready $cpu $main $(cut -d' ' -f1 /proc/loadavg)" > "$WORK/$variant.$2.result"
  log "$variant: start $2 ready after $(awk -v ns=$((ready - t0)) 'BEGIN {printf "%.2f", ns / 1e9}') s, CPU $cpu s (main thread $main s), load $(cut -d' ' -f1 /proc/loadavg)"
}

layout base
layout spring-aot -Pspring-aot
for n in $(seq 1 "$STARTS"); do
  start base "$n"
  start spring-aot "$n"
done

python3 - "$WORK" "$STARTS" << 'PY'
import datetime, re, statistics, sys
work, starts = sys.argv[1], int(sys.argv[2])
phases = [("launch → \"Starting\" (JVM, AOT cache, logging, environment)", r"Starting (AOT-processed )?CallRecordsProxyApplication"),
          ("→ \"Tomcat initialized\" (configuration classes, conditions, bean definitions)", r"Tomcat initialized with port"),
          ("→ context initialized (Tomcat)", r"Root WebApplicationContext: initialization completed"),
          ("→ \"Tomcat started\" (creating the singletons)", r"Tomcat started on port"),
          ("→ \"Started\" (started and ready events)", r"Started CallRecordsProxyApplication")]
def measure(variant):
    rows = {}
    for n in range(1, starts + 1):
        t0, ready, cpu, main, load = open(f"{work}/{variant}.{n}.result").read().split()
        prev = int(t0) / 1e9
        lines = open(f"{work}/{variant}.{n}.log").read().splitlines()
        for name, pattern in phases:
            line = next(l for l in lines if re.search(pattern, l))
            ts = datetime.datetime.fromisoformat(line[:24].replace("Z", "+00:00")).timestamp()
            rows.setdefault(name, []).append(ts - prev)
            prev = ts
        rows.setdefault("→ readiness 200 (DispatcherServlet, first health answer)", []).append(int(ready) / 1e9 - prev)
        rows.setdefault("launch → readiness 200", []).append((int(ready) - int(t0)) / 1e9)
        rows.setdefault("CPU s at ready (process)", []).append(float(cpu))
        rows.setdefault("CPU s at ready (main thread)", []).append(float(main))
        rows.setdefault("load average (1 min)", []).append(float(load))
    return rows
base, aot = measure("base"), measure("spring-aot")
print(f"| Phase (median of {starts} starts, interleaved) | AOT cache s | AOT cache + Spring AOT s |")
print("|---|---|---|")
for name in base:
    print(f"| {name} | {statistics.median(base[name]):.2f} | {statistics.median(aot[name]):.2f} |")
PY
