#!/usr/bin/env bash
# Load with faults (not a test): runs the Graph simulator and the packaged service as two
# processes, sends a fixed number of requests from concurrent clients while the simulator injects
# throttling (every Retry-After form), 503/504, resets, latency and unreadable bodies, and checks
# that every answer is either data or a mapped problem, and that threads and heap do not grow.
# Usage: bench/fault-load.sh [requests, default 3000] [concurrency, default 16]
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${1:-3000}
CONCURRENCY=${2:-16}
GRAPH_PORT=${GRAPH_PORT:-18091}
ENTRA_PORT=${ENTRA_PORT:-18092}
PORT=${PORT:-18090}
OUT=target/bench/fault-load
mkdir -p "$OUT"
rm -f "$OUT"/results.txt

. bench/lib.sh
build
start_simulator "$GRAPH_PORT" "$ENTRA_PORT"
GRAPH=$GRAPH_BASE_URL
# short deadline and budgets below Graph's, so that the load meets every path
SERVER_PORT=$PORT GRAPH_REQUEST_TIMEOUT=3s GRAPH_BUDGET_RECORD=20 GRAPH_BUDGET_PERIOD=5s GRAPH_BUDGET_MAX_WAIT=500ms \
  java -Xmx256m -jar "$JAR" > "$OUT/service.log" 2>&1 &
SERVICE=$!
pids+=("$SERVICE")
ready=0
for _ in $(seq 1 120); do curl -sf "http://localhost:$PORT/actuator/health" > /dev/null && { ready=1; break; }; sleep 0.5; done
[ $ready = 1 ] || { echo "the service did not become ready; see $OUT/service.log" >&2; exit 1; }

# one request: prints "status content-type problem-code"
cat > "$OUT/one.sh" <<'ONE'
body=$(curl -s -w '\n%{http_code} %{content_type}' "$1")
code=$(printf '%s' "$body" | head -n -1 | grep -o '"code":"[A-Z_]*"' | head -1 | cut -d'"' -f4)
printf '%s %s\n' "$(printf '%s' "$body" | tail -n 1)" "${code:--}"
ONE

threads() { awk '/^Threads/ {print $2}' "/proc/$SERVICE/status"; }
heap_after_gc() {
  jcmd "$SERVICE" GC.run > /dev/null
  curl -s "http://localhost:$PORT/actuator/prometheus" | grep -F 'jvm_memory_used_bytes{area="heap"' \
    | awk '{s+=$NF} END {printf "%d", s/1048576}'
}

ids() {
  for i in $(seq 0 129); do printf '5e41e500-0000-4000-8000-%012x\n' "$i"; done
}
fault() { curl -s -X POST "${GRAPH%/v1.0}/__faults?$1" > /dev/null; }
load() { # n requests spread over the records, the lists and the big call's pages
  ids | shuf -r -n "$1" --random-source=<(yes) | awk -v port="$PORT" '
    NR % 7 == 0 { print "http://localhost:" port "/api/v1/call-records?pageSize=20"; next }
    NR % 11 == 0 { print "http://localhost:" port "/api/v1/call-records/b16c0de0-0000-4000-8000-000000000320/participants?pageSize=50"; next }
    { print "http://localhost:" port "/api/v1/call-records/" $1 "?include=participants" }' \
  | xargs -P "$CONCURRENCY" -n 1 sh "$OUT/one.sh" >> "$OUT/results.txt"
}

load 200   # warm-up, no faults: the service must answer with data
warm_ok=$(awk '$1 == "200" {n++} END {print n+0}' "$OUT/results.txt")
[ "$warm_ok" -gt 0 ] || { echo "no request succeeded before any fault; see $OUT/service.log" >&2; exit 1; }
threads_before=$(threads); heap_before=$(heap_after_gc)
: > "$OUT/results.txt"

rounds=10
per_round=$((REQUESTS / rounds))
start=$(date +%s)
for round in $(seq 1 $rounds); do
  case $((round % 5)) in
    0) fault "kind=throttle&scope=list&retryAfter=1" ; fault "kind=status&status=503&times=20&retryAfter=1" ;;
    1) fault "kind=throttle&scope=record:5e41e500-0000-4000-8000-000000000001&retryAfter=2.128" ;
       fault "kind=status&status=504&times=20" ;;
    2) fault "kind=throttle&scope=app&retryAfter=$(date -u -d '+2 seconds' '+%a, %d %b %Y %H:%M:%S GMT' | sed 's/ /%20/g;s/,/%2C/g')" ;
       fault "kind=reset&times=20" ;;
    3) fault "kind=throttle&scope=record:5e41e500-0000-4000-8000-000000000002&retryAfter=31%2C120" ;
       fault "kind=malformed&times=10" ; fault "kind=truncated&times=10" ;;
    4) fault "kind=latency&ms=4000&times=10" ; fault "kind=status&status=500&times=40" ;;
  esac
  load "$per_round"
done
elapsed=$(( $(date +%s) - start ))
threads_after=$(threads); heap_after=$(heap_after_gc)

total=$(wc -l < "$OUT/results.txt")
echo
echo "| measure | value |"
echo "|---|---|"
echo "| requests | $total in ${elapsed}s, $CONCURRENCY concurrent clients |"
sort "$OUT/results.txt" | uniq -c | sort -rn | awk '{printf "| %s %s %s | %s |\n", $2, $3, $4, $1}'
unmapped=$(awk '$1 >= 500 && $2 != "application/problem+json" {n++} END {print n+0}' "$OUT/results.txt")
# 000: no HTTP answer at all (connection refused or reset: the service died or stopped answering)
unanswered=$(awk '$1 == "000" {n++} END {print n+0}' "$OUT/results.txt")
echo "| 5xx without a problem body | $unmapped |"
echo "| no HTTP answer | $unanswered |"
echo "| threads before / after | $threads_before / $threads_after |"
echo "| heap after GC before / after | ${heap_before} MB / ${heap_after} MB |"
# grep -c exits 1 when it counts 0: not a failure of this script
failures_in_log=$(grep -c -E 'OutOfMemoryError|Unexpected failure' "$OUT/service.log" || true)
echo "| unexpected failures in log | $failures_in_log |"
kill -0 "$SERVICE" 2> /dev/null || { echo "the service exited during the run; see $OUT/service.log" >&2; exit 1; }
[ "$unmapped" -eq 0 ] && [ "$unanswered" -eq 0 ] && [ "$failures_in_log" -eq 0 ]
