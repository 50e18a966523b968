#!/usr/bin/env bash
# Startup A/B (not a test): two or more prepared layouts of the service started in turn (A, B, A, B …),
# because the machine's load drifts; prints per variant the median seconds from launch to the first 200
# of a URL, the log's "Started in", the CPU seconds of the process and of its main thread at that
# moment, and the load average. A layout is a directory as the image has it (application.jar, lib/,
# application.aot), made by bench/startup-layout.sh.
#
#   bench/startup-ab.sh 'base=/tmp/su/head' 'aot=/tmp/su/head-aot|-Dspring.aot.enabled=true' ...
#
# A variant is NAME=DIR[|JVM ARGS[|ENV ASSIGNMENTS]] (space-separated inside each field). Every start
# runs the image's way: cd DIR; env <the final stage's ENV (bench/image-env.py)> SERVER_PORT=$PORT
# MANAGEMENT_SERVER_PORT=$MANAGEMENT_PORT <COMMON_ENV> <variant's env> java -XX:MaxRAM=768m
# -XX:AOTCache=application.aot <variant's JVM args> -jar application.jar (no -XX:AOTCache when the
# directory has no application.aot). A variant without Spring AOT gives JDK_JAVA_OPTIONS= in its env.
#
#   STARTS=5                 starts of each variant
#   PORT=18081               the API's port
#   MANAGEMENT_PORT=18082    the actuator's (READY_URL defaults to its /actuator/health/readiness)
#   READY_URL=...            what "ready" is
#   COMMON_ENV="A=1 B=2"     settings for every variant (default: the Dockerfile's training placeholders)
#   JAVA=...                 default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java
#   WORK=/tmp/startup-ab     logs and results
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/startup-ready.sh
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
STARTS=${STARTS:-5}
PORT=${PORT:-18081}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-18082}
READY_URL=${READY_URL:-http://127.0.0.1:$MANAGEMENT_PORT/actuator/health/readiness}
WORK=${WORK:-/tmp/startup-ab}
mkdir -p "$WORK"
log() { echo "startup-ab: $*" >&2; }
SPID=""
trap '[ -z "$SPID" ] || kill "$SPID" 2> /dev/null || true' EXIT

TRAINING_LINE=$(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' Dockerfile | grep -e '-XX:AOTCacheOutput=')
MEMORY=$(grep -o -e '-XX:MaxRAM=[^ ]*' <<< "$TRAINING_LINE" | cut -d= -f2)
if [ -z "${COMMON_ENV+x}" ]; then
  COMMON_ENV=$(sed -n 's/^RUN env \(.*\) java .*/\1/p' <<< "$TRAINING_LINE")
fi
[ -n "$MEMORY" ] || { log "could not read the image's training step from the Dockerfile"; exit 1; }
read -r -a COMMON <<< "$COMMON_ENV"
mapfile -t RUN_ENV < <(python3 bench/image-env.py)
RUN_ENV+=(SERVER_PORT="$PORT" MANAGEMENT_SERVER_PORT="$MANAGEMENT_PORT" "${COMMON[@]}")

names=()
declare -A DIRS ARGS ENVS
for spec in "$@"; do
  name=${spec%%=*}
  rest=${spec#*=}
  IFS='|' read -r dir args envs <<< "$rest"
  [ -f "$dir/application.jar" ] || { log "$name: no application.jar in $dir"; exit 1; }
  names+=("$name"); DIRS[$name]=$dir; ARGS[$name]=${args:-}; ENVS[$name]=${envs:-}
done
[ ${#names[@]} -ge 1 ] || { log "no variants given"; exit 1; }

start() { # variant n: one start; writes $WORK/<variant>.<n>.log and .result (t0 ready cpu main-cpu load probe)
  local variant=$1 dir=${DIRS[$1]} slog=$WORK/$1.$2.log args=() envs=() cache=() t0 pid ready="" cpu="" main="" probe
  # the machine's speed just before the start: wall seconds of `java -version` (about 0.1 s on an idle
  # machine; this VM's host load makes it vary several-fold from minute to minute)
  t0=$(date +%s%N)
  "$JAVA" -Xshare:auto -version 2> /dev/null
  probe=$(awk -v ns=$(($(date +%s%N) - t0)) 'BEGIN {printf "%.2f", ns / 1e9}')
  read -r -a args <<< "${ARGS[$variant]}"
  read -r -a envs <<< "${ENVS[$variant]}"
  [ -f "$dir/application.aot" ] && cache=(-XX:AOTCache=application.aot)
  t0=$(date +%s%N)
  (cd "$dir" && exec env "${RUN_ENV[@]}" "${envs[@]}" "$JAVA" -XX:MaxRAM="$MEMORY" "${cache[@]}" "${args[@]}" \
    -jar application.jar > "$slog" 2>&1) &
  pid=$!
  SPID=$pid
  read -r ready cpu main < <(await_ready "$READY_URL" "$pid") || true
  kill "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  SPID=""
  [ -n "$ready" ] || { log "$variant: start $2 did not become ready (see $slog)"; exit 1; }
  if [ ${#cache[@]} -gt 0 ] && grep -q '\[aot\]' "$slog"; then
    log "$variant: the JVM did not use the AOT cache: $(grep -m1 '\[aot\]' "$slog")"; exit 1
  fi
  echo "$t0 $ready $cpu $main $(cut -d' ' -f1 /proc/loadavg) $probe" > "$WORK/$variant.$2.result"
  log "$variant: start $2 ready after $(awk -v ns=$((ready - t0)) 'BEGIN {printf "%.2f", ns / 1e9}') s, CPU $cpu s (main thread $main s), load $(cut -d' ' -f1 /proc/loadavg), java -version $probe s"
}

for n in $(seq 1 "$STARTS"); do
  for name in "${names[@]}"; do
    start "$name" "$n"
    sleep 0.5
  done
done

python3 - "$WORK" "$STARTS" "${names[@]}" << 'PY'
import re, statistics, sys
work, starts, names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
rows = {}
for name in names:
    r = rows[name] = {"ready": [], "started": [], "cpu": [], "main": [], "load": [], "probe": []}
    for n in range(1, starts + 1):
        t0, ready, cpu, main, load, probe = open(f"{work}/{name}.{n}.result").read().split()
        r["ready"].append((int(ready) - int(t0)) / 1e9)
        m = re.search(r"Started \S+ in ([0-9.]+) seconds", open(f"{work}/{name}.{n}.log").read())
        r["started"].append(float(m.group(1)) if m else float("nan"))
        r["cpu"].append(float(cpu)); r["main"].append(float(main)); r["load"].append(float(load)); r["probe"].append(float(probe))
base = statistics.median(rows[names[0]]["ready"])
print(f"| Variant (median of {starts} starts, interleaved) | ready s | vs {names[0]} | \"Started in\" s | CPU s (process) | CPU s (main thread) | load average | `java -version` s | ready s, all starts |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
for name in names:
    r = rows[name]
    med = {k: statistics.median(v) for k, v in r.items()}
    print(f"| {name} | {med['ready']:.2f} | {med['ready'] / base:.2f}x | {med['started']:.2f} | {med['cpu']:.2f} | {med['main']:.2f} | {med['load']:.2f} | {med['probe']:.2f} | {' '.join(f'{x:.2f}' for x in r['ready'])} |")
PY
