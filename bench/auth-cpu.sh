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
JAR=${SERVICE_JAR:-$JAR}
start_simulator "$GRAPH_PORT" "$ENTRA_PORT"
eval "$(grep -E '^PROXY_AUTH_' "$OUT/simulator.log" | sed 's/^/export /')"
export PROXY_AUTH_ENABLED=true PROXY_CACHE_ENABLED=true PROXY_CALLER_QUOTA=100000000

SERVER_PORT=$PORT java -Xmx256m -jar "$JAR" > "$OUT/service.log" 2>&1 &
SERVICE=$!
pids+=("$SERVICE")
for _ in $(seq 1 120); do curl -sf "http://localhost:$PORT/actuator/health" > /dev/null && break; sleep 0.5; done

TOKEN=$(curl -s "$AZURE_AUTHORITY_HOST/$AZURE_TENANT_ID/oauth2/v2.0/token" -d grant_type=client_credentials \
  -d client_id=5c0ffee0-0000-4000-8000-00000000ca11 -d client_secret=local-caller-secret-not-a-real-one \
  -d scope=api://callrecords-proxy/.default | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
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
