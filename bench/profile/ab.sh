#!/usr/bin/env bash
# A/B of two builds' CPU per request (not a test): both packaged services run side by side in front
# of the Graph stand-in of bench/hop-benchmark.sh (nginx, a record of SIZE under its own ids), caller
# authentication and the record cache off; after a warm-up of each, ROUNDS rounds of wrk at full
# speed against A and against B in turn (ABBA order), CPU ticks of each JVM per request in every
# round. On a shared machine whose speed drifts by tens of percent from minute to minute (other
# tenants), whole runs of one build after the other say little; a ratio of neighbouring rounds does.
# Prints each round's ms per request and B/A, then the median ratio.
# Usage: bench/profile/ab.sh A.jar B.jar        (from the repository root; packages nothing)
# Environment: SIZE (typical | 1k | 6k | 1m, default 1k), ROUNDS (12), ROUND (8 s per round and
#   build), WARM (40 s per build), CONNECTIONS (32; 4 for 1m), JAVA (Temurin 25), UP / PA / PB (ports,
#   19391 / 19393 / 19394), OUT (target/bench/ab), OPTS_A / OPTS_B (each build's JVM options, default
#   -Xmx256m -XX:+UseG1GC: the same jar twice with two option sets compares JVM settings).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
[ $# = 2 ] && [ -f "$1" ] && [ -f "$2" ] || { echo "usage: $0 A.jar B.jar" >&2; exit 2; }
JARS=("$1" "$2")
SIZE=${SIZE:-1k}; ROUNDS=${ROUNDS:-12}; ROUND=${ROUND:-8}; WARM=${WARM:-40}
CONNECTIONS=${CONNECTIONS:-$([ "$SIZE" = 1m ] && echo 4 || echo 32)}
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$JAVA" ] || JAVA=java
OUT=${OUT:-$ROOT/target/bench/ab}
W=$OUT/work
rm -rf "$W"
UP=${UP:-19391}; PORTS=("${PA:-19393}" "${PB:-19394}")
. bench/profile/stand-in.sh
stand_in "$W" "$UP" "$SIZE" 1000 b3c4e0ab
PIDS=("$STAND_IN_PID")
trap 'kill "${PIDS[@]}" 2> /dev/null || true' EXIT
read -r -a OPTS_0 <<< "${OPTS_A:--Xmx256m -XX:+UseG1GC}"
read -r -a OPTS_1 <<< "${OPTS_B:--Xmx256m -XX:+UseG1GC}"
for i in 0 1; do
  declare -n opts=OPTS_$i
  env SERVER_PORT="${PORTS[$i]}" "${SERVICE_ENV[@]}" \
    "$JAVA" "${opts[@]}" -jar "${JARS[$i]}" > "$W/service-$i.log" 2>&1 &
  PIDS+=($!)
done
FIRST=$(head -1 "$W/ids.txt")
for i in 0 1; do
  for _ in $(seq 1 900); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${PORTS[$i]}/api/v1/call-records/$FIRST$SUFFIX")" = 200 ] && break
    kill -0 "${PIDS[$((i + 1))]}" 2> /dev/null || { echo "service $i exited (see $W/service-$i.log)" >&2; exit 1; }
    sleep 0.1
  done
done
wrk_on() { # build index, seconds: prints the requests served
  wrk -t2 -c"$CONNECTIONS" -d"$2s" --timeout 10s -s bench/hop/ids.lua "http://127.0.0.1:${PORTS[$1]}" -- \
    "$W/ids.txt" /api/v1/call-records/ 2 "$SUFFIX" | grep -oE '^ *[0-9]+ requests' | grep -oE '[0-9]+'
}
ticks() { sed 's/^.*) //' "/proc/${PIDS[$(($1 + 1))]}/stat" | awk '{print $12 + $13}'; }
HZ=$(getconf CLK_TCK)
for i in 0 1; do wrk_on "$i" "$WARM" > /dev/null; done
echo "A = ${JARS[0]} (${OPTS_0[*]})"
echo "B = ${JARS[1]} (${OPTS_1[*]})"
echo "SIZE=$SIZE (include: $INCLUDE), $ROUNDS rounds of ${ROUND} s per build, wrk -c$CONNECTIONS; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'round\tA ms/req\tB ms/req\tB/A\n'
ratios=()
for r in $(seq 1 "$ROUNDS"); do
  order=(0 1); [ $((r % 2)) = 0 ] && order=(1 0)
  declare -A ms=()
  for i in "${order[@]}"; do
    t0=$(ticks "$i"); n=$(wrk_on "$i" "$ROUND"); t1=$(ticks "$i")
    ms[$i]=$(awk -v t=$((t1 - t0)) -v hz="$HZ" -v n="$n" 'BEGIN {printf "%.3f", 1000 * t / hz / n}')
  done
  ratio=$(awk -v a="${ms[0]}" -v b="${ms[1]}" 'BEGIN {printf "%.3f", b / a}')
  ratios+=("$ratio")
  printf '%s\t%s\t%s\t%s\n' "$r" "${ms[0]}" "${ms[1]}" "$ratio"
  unset ms
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{v[NR] = $1} END {m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
  printf "median B/A %.3f (lowest %.3f, highest %.3f, %d rounds); load after: ", m, v[1], v[NR], NR}'
cut -d' ' -f1-3 /proc/loadavg
