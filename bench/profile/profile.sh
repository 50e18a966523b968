#!/usr/bin/env bash
# CPU profile of the service's hot path (not a test): the Graph stand-in of bench/hop-benchmark.sh
# (nginx serving a call record of SIZE under 999 ids, or fewer for big ones), the packaged service with caller
# authentication and the record cache off, wrk at full speed with a new id per request; a JFR
# recording (settings=profile) of the measured part after a warm-up, then the CPU per request
# and where it went by layer (bench/profile/layers.py).
# Usage: bench/profile/profile.sh            (from the repository root; packages nothing)
# Environment: SIZE (typical, 1k, 6k or 1m as bench/hop/records.py builds them; default typical; the
#   service asked with the include that reads all of it), CONNECTIONS (wrk's; 32, 4 for 1m),
#   JAR (default target/callrecords-proxy-*.jar), JAVA (default Temurin 25),
#   WARM (45 s of wrk first, discarded), RUN (20 s recorded), UP / SP (ports, 19381 / 19383),
#   OUT (target/bench/profile: p.jfr, wrk.txt, service.log).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
JAR=${JAR:-$(ls target/callrecords-proxy-*.jar 2> /dev/null | grep -v '\.original$' | head -1 || true)}
[ -n "$JAR" ] && [ -f "$JAR" ] || { echo "no packaged jar under target/ (./mvnw -B package -DskipTests)" >&2; exit 1; }
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$JAVA" ] || JAVA=java
OUT=${OUT:-$ROOT/target/bench/profile}
W=$OUT/work
rm -rf "$W"
UP=${UP:-19381}; SP=${SP:-19383}
SIZE=${SIZE:-typical}; CONNECTIONS=${CONNECTIONS:-$([ "$SIZE" = 1m ] && echo 4 || echo 32)}
. bench/profile/stand-in.sh
stand_in "$W" "$UP" "$SIZE" 999 b3c4e0cd
NGINX_PID=$STAND_IN_PID
SERVICE_PID=""
trap 'kill $NGINX_PID $SERVICE_PID 2> /dev/null || true' EXIT
env SERVER_PORT="$SP" "${SERVICE_ENV[@]}" \
  "$JAVA" -Xmx256m -XX:+UseG1GC -XX:FlightRecorderOptions:stackdepth=256 -jar "$JAR" > "$W/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$SP/actuator/health" && break; sleep 0.1; done
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$SP/api/v1/call-records/$(head -1 "$W/ids.txt")$SUFFIX")
[ "$code" = 200 ] || { echo "the service answered $code (see $W/service.log, $W/upstream/error.log)" >&2; exit 1; }
LOAD=(wrk -t2 -c"$CONNECTIONS" --timeout 10s -s bench/hop/ids.lua "http://127.0.0.1:$SP" -- "$W/ids.txt" /api/v1/call-records/ 2 "$SUFFIX")
"${LOAD[@]:0:3}" -d"${WARM:-45}s" "${LOAD[@]:3}" > /dev/null
jcmd "$SERVICE_PID" JFR.start name=profile settings=profile filename="$OUT/p.jfr" > /dev/null
ticks() { sed 's/^.*) //' "/proc/$SERVICE_PID/stat" | awk '{print $12 + $13}'; }
t0=$(ticks)
"${LOAD[@]:0:3}" -d"${RUN:-20}s" "${LOAD[@]:3}" > "$OUT/wrk.txt"
t1=$(ticks)
jcmd "$SERVICE_PID" JFR.stop name=profile > /dev/null
requests=$(grep -oE '^ *[0-9]+ requests' "$OUT/wrk.txt" | grep -oE '[0-9]+')
grep -E "Requests/sec" "$OUT/wrk.txt"
awk -v t=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN {printf "CPU per request: %.3f ms\n", 1000 * t / hz / n}'
python3 bench/profile/layers.py "$OUT/p.jfr"
