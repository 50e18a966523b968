#!/usr/bin/env bash
# CPU the service spends per request with caller authentication on (not a test): the simulator and
# the packaged service as two processes, the record cache on so that every request after the first is
# answered without Graph, and one caller token sent on every request, as an app sends it for an hour.
# Prints CPU milliseconds per request over a fixed number of requests after a warm-up.
# SERVICE_JAR=<jar> measures another build. Usage: bench/auth-cpu.sh [requests, default 20000]
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${1:-20000}
GRAPH_PORT=${GRAPH_PORT:-18291}
ENTRA_PORT=${ENTRA_PORT:-18292}
PORT=${PORT:-18290}
OUT=target/bench/auth-cpu
mkdir -p "$OUT"

. bench/lib.sh
need curl hey
build
start_simulator "$GRAPH_PORT" "$ENTRA_PORT"
with_caller_auth
export PROXY_CACHE_ENABLED=true PROXY_CALLER_QUOTA=100000000
start_service "$PORT"
TOKEN=$(caller_token 5c0ffee0-0000-4000-8000-00000000ca11)
URL="http://localhost:$PORT/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5"
cpu() { awk '{print $14 + $15}' "/proc/$SERVICE/stat"; }
hey -n 5000 -c 4 -H "Authorization: Bearer $TOKEN" "$URL" > /dev/null   # warm-up
before=$(cpu)
hey -n "$REQUESTS" -c 4 -H "Authorization: Bearer $TOKEN" "$URL" > "$OUT/hey.txt"
after=$(cpu)
ticks=$(getconf CLK_TCK)
grep -E 'Requests/sec|\[200\]' "$OUT/hey.txt" | sed 's/^ */  /'
awk -v t=$((after - before)) -v n="$REQUESTS" -v hz="$ticks" \
  'BEGIN {printf "  CPU per request: %.3f ms (%d requests)\n", t * 1000 / hz / n, n}'
