#!/usr/bin/env bash
# Blast radius (not a test): runs the Graph simulator and the packaged service as two processes,
# with caller authentication on (each app its own token) and Graph's published budgets, and plays
# the three situations of docs/resilience.md:
#   1. a poison record (Graph answers 500 for it, always) polled every 200 ms by a dashboard while
#      another app reads healthy records every 500 ms;
#   2. a greedy app paging the record list as fast as it can with three clients while a polite app
#      asks for a page every 3 s;
#   3. a Graph outage (503 on everything): how long until the circuit opens, and until it closes
#      once Graph is back.
# Prints the answers per app and situation. SERVICE_JAR=<jar> measures another build of the service
# (the simulator is always this tree's). Usage: bench/blast-radius.sh [seconds per situation, default 60]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-60}
GRAPH_PORT=${GRAPH_PORT:-18191}
ENTRA_PORT=${ENTRA_PORT:-18192}
PORT=${PORT:-18190}
OUT=target/bench/blast-radius
mkdir -p "$OUT"
rm -f "$OUT"/*.txt

. bench/lib.sh
need curl hey
build
start_simulator "$GRAPH_PORT" "$ENTRA_PORT"
with_caller_auth
# caller quotas out of the way (PROXY_CALLER_QUOTA would otherwise refuse the greedy app first): the
# run is about Graph's budgets and failures
export PROXY_CACHE_ENABLED=false PROXY_CALLER_QUOTA=100000000
GRAPH=${GRAPH_BASE_URL%/v1.0}
start_service "$PORT"

record() { printf '5e41e500-0000-4000-8000-%012x' "$1"; }
fault() { curl -s -X POST "$GRAPH/__faults?$1" > /dev/null; }
clear_faults() { curl -s -X DELETE "$GRAPH/__faults" > /dev/null; }
graph_calls_for() { # Graph requests whose URL contains $1, from the simulator's journal
  curl -s -X POST "$GRAPH/__admin/requests/count" -d "{\"urlPattern\":\".*$1.*\"}" | { grep -o '[0-9]\+' || echo "?"; } | head -1
}
metric() { curl -s "http://localhost:$PORT/actuator/prometheus" | { grep -F "$1" || true; } | awk '{s+=$NF} END {printf "%d", s}'; }
# one request: appends "status code" to a file
ask() { # token file url
  body=$(curl -s -w '\n%{http_code}' -H "Authorization: Bearer $1" "$3")
  code=$(printf '%s' "$body" | head -n -1 | { grep -o '"code":"[A-Z_]*"' || true; } | head -1 | cut -d'"' -f4)
  printf '%s %s\n' "$(printf '%s' "$body" | tail -n 1)" "${code:-OK}" >> "$2"
}
poll() { # token file interval url-producer: asks every interval until the run's end
  local until=$(( $(date +%s) + SECONDS_PER_RUN )) i=0
  while [ "$(date +%s)" -lt "$until" ]; do ask "$1" "$2" "$($4 $i)"; i=$((i + 1)); sleep "$3"; done
}
summary() { # file: "count status code" lines
  sort "$1" | uniq -c | sort -rn | awk '{printf "%s× %s %s; ", $1, $2, $3}'
}

DASHBOARD=$(caller_token dashboard-app); OTHER=$(caller_token reports-app); GREEDY=$(caller_token greedy-app)
POLITE=$(caller_token polite-app)
API=http://localhost:$PORT/api/v1/call-records

statuses() { # hey's output: "count× status; " per status code
  awk '/Status code distribution/ {on=1; next} on && /\[[0-9]+\]/ {gsub(/[\[\]]/, "", $1); printf "%s× %s; ", $2, $1} on && /^$/ && seen {on=0} on {seen=1}' "$1"
}

echo "## 1. A poison record polled every 200 ms, another app reading healthy records"
POISON=$(record 100)
fault "kind=poison&scope=record:$POISON&status=500"
healthy_url() { echo "$API/$(record $(( $1 % 90 )))"; }
hey -z "${SECONDS_PER_RUN}s" -c 1 -q 5 -H "Authorization: Bearer $DASHBOARD" "$API/$POISON" > "$OUT/poison-dashboard.txt" & a=$!
poll "$OTHER" "$OUT/poison-other.txt" 0.5 healthy_url & b=$!
wait $a $b
echo "| app | answers |"
echo "|---|---|"
echo "| dashboard (poison record, 5 a second) | $(statuses "$OUT/poison-dashboard.txt") |"
echo "| other app (healthy records, about 1 a second) | $(summary "$OUT/poison-other.txt") |"
echo "| Graph calls for the poison record | $(graph_calls_for "$POISON") |"
echo "| circuit open at the end | $(metric 'resilience4j_circuitbreaker_state{name="graph",state="open"}') (1 = open) |"
clear_faults

echo
echo "## 2. A greedy app paging the list with three clients, a polite app asking every 3 s"
sleep 21 # the list budget refills
list_url() { echo "$API?pageSize=10&from=2024-06-01T00:00:00Z"; }
hey -z "${SECONDS_PER_RUN}s" -c 3 -H "Authorization: Bearer $GREEDY" "$(list_url)" > "$OUT/greedy.txt" & a=$!
poll "$POLITE" "$OUT/polite.txt" 3 list_url & b=$!
wait $a $b
echo "| app | answers |"
echo "|---|---|"
echo "| greedy (3 clients, no pause) | $(statuses "$OUT/greedy.txt") |"
echo "| polite (every 3 s) | $(summary "$OUT/polite.txt") |"
echo "| Graph list calls granted, greedy / polite | $(metric 'graph_client_budget_used_total{budget="list",caller="greedy-app"') / $(metric 'graph_client_budget_used_total{budget="list",caller="polite-app"') |"

echo
echo "## 3. A Graph outage (503 on everything), then recovery"
sleep 21 # the list budget refills; the breaker's window forgets the earlier runs
fault "kind=status&status=503&times=1000000"
start=$(date +%s%N); i=200; opened=
while [ -z "$opened" ] && [ $(( ($(date +%s%N) - start) / 1000000000 )) -lt 60 ]; do
  batch=()
  for _ in 1 2 3 4 5 6 7 8; do ask "$OTHER" "$OUT/outage.txt" "$API/$(record $(( i % 130 )))" & batch+=($!); i=$((i + 1)); done
  wait "${batch[@]}"
  [ "$(metric 'resilience4j_circuitbreaker_state{name="graph",state="open"}')" = 1 ] && opened=$(( ($(date +%s%N) - start) / 1000000 ))
done
clear_faults
recovered=$(date +%s%N); closed=
while [ -z "$closed" ] && [ $(( ($(date +%s%N) - recovered) / 1000000000 )) -lt 60 ]; do
  ask "$OTHER" "$OUT/recovery.txt" "$API/$(record $(( i % 130 )))"; i=$((i + 1))
  [ "$(metric 'resilience4j_circuitbreaker_state{name="graph",state="closed"}')" = 1 ] && closed=$(( ($(date +%s%N) - recovered) / 1000000 ))
  sleep 0.2
done
echo "| measure | value |"
echo "|---|---|"
echo "| requests until the circuit opened | $(wc -l < "$OUT/outage.txt") ($(summary "$OUT/outage.txt")) |"
echo "| time to open | ${opened:-not within 60 s} ms |"
echo "| time to close after Graph recovered | ${closed:-not within 60 s} ms |"
kill -0 "$SERVICE" 2> /dev/null || { echo "the service exited during the run; see $OUT/service.log" >&2; exit 1; }
