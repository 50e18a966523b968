#!/usr/bin/env bash
# Memory check for large call records (not a timed test): runs the Graph simulator and the
# packaged service as two processes, fetches a generated group call of over 20 MB (300
# participants, 200 sessions, 10,000 segments) with every include, and reports the service's
# peak RSS and heap, the heap still live after full collections, and its CPU time.
# Usage: bench/large-record.sh [heap, default 256m] [requests, default 5]
# SERVICE_JAR=path measures another build of the service (for example one of an earlier commit,
# packaged in a git worktree) against this tree's simulator.
set -euo pipefail
cd "$(dirname "$0")/.."
HEAP=${1:-256m}
REQUESTS=${2:-5}
GRAPH_PORT=${GRAPH_PORT:-18081}
ENTRA_PORT=${ENTRA_PORT:-18082}
PORT=${PORT:-18080}
OUT=target/bench
mkdir -p "$OUT"

. bench/lib.sh
build
JAR=${SERVICE_JAR:-$JAR}
echo "service: $JAR"
start_simulator "$GRAPH_PORT" "$ENTRA_PORT" --large-record
SERVER_PORT=$PORT java -Xmx"$HEAP" -Xms64m -XX:+UseSerialGC -Xlog:gc:file="$OUT/gc.log" -jar "$JAR" > "$OUT/service.log" 2>&1 &
SERVICE=$!
pids+=("$SERVICE")
for _ in $(seq 1 120); do curl -sf "http://localhost:$PORT/actuator/health" > /dev/null && break; sleep 0.5; done

rss() { awk '/^VmRSS/ {print int($2/1024)}' "/proc/$SERVICE/status"; }
hwm() { awk '/^VmHWM/ {print int($2/1024)}' "/proc/$SERVICE/status"; }
ticks() { sed 's/^.*) //' "/proc/$SERVICE/stat" | awk '{print $12 + $13}'; }
# largest heap occupancy the collector saw before a collection (how full the heap was allowed to
# get), and the largest heap still live after a full collection (what the requests really held)
gc_peak() { grep -oE '[0-9]+M->[0-9]+M' "$OUT/gc.log" | awk -F'M->|M' '$1>b {b=$1} END {print b " MB"}'; }
full_after() { grep 'Pause Full' "$OUT/gc.log" | grep -oE '[0-9]+M->[0-9]+M' | awk -F'M->|M' '$2>a {a=$2} END {print a+0 " MB (" NR " full collections)"}'; }

URL="http://localhost:$PORT/api/v1/call-records/b16c0de0-0000-4000-8000-000000020000?include=participants,segments"
idle_rss=$(rss)
t0=$(ticks)
for i in $(seq 1 "$REQUESTS"); do
  code=$(curl -s -o "$OUT/large-record.json" -w '%{http_code} %{size_download} %{time_total}' "$URL")
  echo "request $i: status, bytes, seconds = $code"
  case "$code" in 200*) ;; *) echo "FAILED: $code"; exit 1 ;; esac
done
t1=$(ticks)
bytes=$(stat -c %s "$OUT/large-record.json")
echo
echo "| measure | value |"
echo "|---|---|"
echo "| -Xmx | $HEAP |"
echo "| requests | $REQUESTS sequential, all 200 |"
echo "| response body | $((bytes / 1048576)) MB ($bytes bytes) |"
echo "| idle RSS before | ${idle_rss} MB |"
echo "| peak RSS (VmHWM) | $(hwm) MB |"
echo "| heap before a collection (max) | $(gc_peak) |"
echo "| heap live after a full collection (max) | $(full_after) |"
echo "| service CPU during the requests | $(awk -v t=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" -v n="$REQUESTS" 'BEGIN {printf "%.2f s, %.2f s per request", t / hz, t / hz / n}') |"
# grep -c exits 1 when it counts 0: not a failure of this script
oom=$(grep -c OutOfMemoryError "$OUT/service.log" || true)
echo "| OutOfMemoryError lines in log | $oom |"
[ "$oom" -eq 0 ]
