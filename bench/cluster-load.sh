#!/usr/bin/env bash
# Cluster load (not a test): one Graph simulator and three replicas of the packaged service as
# separate processes, with caller authentication on (five apps, each its own token), Graph's
# published budgets, the record cache on and one PROXY_CURSOR_KEY, played the same traffic twice:
#   1. local mode: no Redis, PROXY_CLUSTER_REPLICAS=3 (each replica a third of each budget, as the
#      Helm chart runs replicas without Redis);
#   2. cluster mode: the same, plus one redis-server (no persistence) that the replicas share.
# The traffic is generated once and replayed identically: hot records (a few ids every app asks
# for), cold ones (the simulator's 130 generated records), a few list requests, round-robin over
# the three replicas, from ten paced curl clients (two per app). Halfway through, the simulator
# throttles the list once (429, Retry-After 10 s) as Graph would. Per setup it prints the answers'
# status and problem codes, p50/p99, Graph calls per 1,000 requests and Graph's 429s (from the
# simulator's request journal). Then a third, shorter run in cluster mode stops redis-server in the
# middle of the load and starts it again: failed requests, and each replica's cluster_mode before,
# during and after. Replicas are restarted and Redis flushed between runs.
# Results: docs/cluster-load.md. SERVICE_JAR=<jar> measures another build.
# Usage: bench/cluster-load.sh [seconds per setup, default 60] [requests per second, default 60]
#        [seconds of the Redis outage run, default 40]
# Ports (127.0.0.1): GRAPH_PORT 18491, ENTRA_PORT 18492, replicas PORTS "18490 18493 18494",
# REDIS_PORT 18495.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-60}
RATE=${2:-60}
OUTAGE_SECONDS=${3:-40}
GRAPH_PORT=${GRAPH_PORT:-18491}
ENTRA_PORT=${ENTRA_PORT:-18492}
read -r -a PORTS <<< "${PORTS:-18490 18493 18494}"
REDIS_PORT=${REDIS_PORT:-18495}
CLIENTS=10 # two per app
OUT=target/bench/cluster-load
mkdir -p "$OUT"
rm -rf "${OUT:?}"/run-* "$OUT"/*.log

. bench/lib.sh
need curl jq redis-server
for port in "$GRAPH_PORT" "$ENTRA_PORT" "${PORTS[@]}" "$REDIS_PORT"; do need_free_port "$port"; done
build
start_simulator "$GRAPH_PORT" "$ENTRA_PORT"
with_caller_auth
GRAPH=${GRAPH_BASE_URL%/v1.0}
# the record cache on (start_simulator turns it off for the other benchmarks); caller quotas out of
# the way (600 a minute per app would refuse part of this traffic): the run is about Graph's budgets
export PROXY_CACHE_ENABLED=true PROXY_CALLER_QUOTA=100000000 PROXY_CLUSTER_REPLICAS=3
export PROXY_CURSOR_KEY=cluster-load-bench-cursor-key-not-a-secret-0123456789
APPS=(dashboard-app reports-app billing-app quality-app audit-app)
declare -A TOKENS
for app in "${APPS[@]}"; do TOKENS[$app]=$(caller_token "$app"); done

# The traffic, written once: one file of URLs per client, replayed by every run. Of each 100
# requests about 50 ask for one of 5 hot records, 47 for one of the 125 other generated records,
# 3 for a page of the list (a few different windows).
record() { printf '5e41e500-0000-4000-8000-%012x' "$1"; } # RecordFactory.seriesId
per_client=$(( RATE * SECONDS_PER_RUN / CLIENTS ))
write_traffic() { # directory, requests per client
  mkdir -p "$1"
  RANDOM=14
  for c in $(seq 0 $((CLIENTS - 1))); do
    for i in $(seq 0 $(($2 - 1))); do
      port=${PORTS[$(( (i + c) % 3 ))]}
      r=$((RANDOM % 100))
      if [ $r -lt 50 ]; then path=/$(record $((RANDOM % 5)))
      elif [ $r -lt 97 ]; then path=/$(record $((5 + RANDOM % 125)))
      else path="?pageSize=10&from=2024-06-0$((1 + RANDOM % 3))T00:00:00Z"
      fi
      echo "url = \"http://127.0.0.1:$port/api/v1/call-records$path\""
    done > "$1/client-$c.urls"
  done
}
write_traffic "$OUT/traffic" "$per_client"
write_traffic "$OUT/traffic-outage" $(( RATE * OUTAGE_SECONDS / CLIENTS ))

replicas=()
# Starts the three replicas and warms them up: each app asks each replica once for a record outside
# the traffic (the first authenticated request fetches the signing keys and Graph's token, and a
# freshly started JVM on a busy machine answers it in seconds), then the simulator's journal is
# emptied so that only the run's Graph calls are counted.
start_replicas() { # log prefix
  replicas=()
  for n in 0 1 2; do start_service "${PORTS[$n]}" "$1-replica-$n"; replicas+=("$SERVICE"); done
  for port in "${PORTS[@]}"; do
    for app in "${APPS[@]}"; do
      curl -s -o /dev/null -H "Authorization: Bearer ${TOKENS[$app]}" \
        "http://127.0.0.1:$port/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5"
    done
  done
  curl -s -X DELETE "$GRAPH/__admin/requests" > /dev/null
}
stop_replicas() { for pid in "${replicas[@]}"; do stop_pid "$pid"; done; replicas=(); }
reset_graph() {
  curl -s -X DELETE "$GRAPH/__faults" > /dev/null
  curl -s -X DELETE "$GRAPH/__admin/requests" > /dev/null
}
sum_metric() { # metric line prefix: the sum over the three replicas
  local total=0
  for port in "${PORTS[@]}"; do total=$((total + $(metric "$port" "$1"))); done
  echo "$total"
}
metric() { # port, metric line prefix: the sum of the matching samples
  curl -s "http://127.0.0.1:$1/actuator/prometheus" | { grep -F "$2" || true; } | awk '{s+=$NF} END {printf "%d", s}'
}
modes() { # each replica's cluster_mode (1 cluster, 0 local, ? no answer)
  local m=()
  for port in "${PORTS[@]}"; do
    m+=("$(curl -s -m 2 "http://127.0.0.1:$port/actuator/prometheus" | awk '/^cluster_mode/ {print $NF+0}')")
  done
  echo "${m[0]:-?} ${m[1]:-?} ${m[2]:-?}"
}

# Starts replaying a traffic directory (load_wait waits for its end): each client one curl, paced at
# its share of RATE, every answer's "status seconds" to run/client-N.times, bodies to
# run/client-N.bodies.
clients=()
load_start() { # traffic directory, run directory
  mkdir -p "$2"
  local c app
  clients=()
  for c in $(seq 0 $((CLIENTS - 1))); do
    app=${APPS[$((c % ${#APPS[@]}))]}
    curl -s --rate "$(( RATE * 60 / CLIENTS ))/m" -H "Authorization: Bearer ${TOKENS[$app]}" \
      -w '%{stderr}%{http_code} %{time_total}\n' -K "$1/client-$c.urls" > "$2/client-$c.bodies" 2> "$2/client-$c.times" &
    clients+=($!)
    pids+=($!)
  done
}
load_wait() { wait "${clients[@]}"; }
percentile() { # file of seconds, percentile: milliseconds
  sort -n "$1" | awk -v p="$2" '{v[NR]=$1} END {i=int(NR*p/100+0.999); if (i<1) i=1; printf "%.0f", v[i]*1000}'
}
journal() { # jq filter over the simulator's Graph calls to the call records: a count
  curl -s "$GRAPH/__admin/requests" | jq "[.requests[] | select(.request.url | test(\"/communications/callRecords\")) | $1] | length"
}
report() { # run directory, name, seconds taken
  local run=$1 total
  cat "$run"/client-*.times > "$run/all.times"
  awk '{print $2}' "$run/all.times" > "$run/latencies"
  total=$(wc -l < "$run/all.times")
  local graph records lists throttled
  graph=$(journal 'select(true)')
  records=$(journal 'select(.request.url | test("/callRecords/"))')
  lists=$((graph - records))
  throttled=$(journal 'select(.response.status == 429)')
  {
    echo "| $2 | $total | $3 s | $(awk '{print $1}' "$run/all.times" | sort | uniq -c | sort -rn | awk '{printf "%s× %s; ", $1, $2}')" \
      "| $(cat "$run"/client-*.bodies | { grep -o '"code":"[A-Z_]*"' || true; } | cut -d'"' -f4 | sort | uniq -c | sort -rn | awk '{printf "%s× %s; ", $1, $2}')" \
      "| $graph ($records records, $lists list) | $(awk -v g="$graph" -v t="$total" 'BEGIN {printf "%.1f", g * 1000 / t}')" \
      "| $throttled | $(percentile "$run/latencies" 50) / $(percentile "$run/latencies" 99) ms" \
      "| $(sum_metric cluster_redis_lost_total) / $(sum_metric cluster_redis_errors_total) |"
  } >> "$OUT/results.md"
  for n in 0 1 2; do
    curl -s "http://127.0.0.1:${PORTS[$n]}/actuator/prometheus" \
      | { grep -E '^(cluster_|graph_client_(requests_seconds_count|budget_rejections|fair_share|throttle_waits|retries))' || true; } \
      > "$run/replica-$n.metrics"
  done
}

run() { # name, traffic directory, run directory
  reset_graph
  [ -n "${REDIS:-}" ] && redis-cli -p "$REDIS_PORT" flushall > /dev/null
  start_replicas "$3"
  local half=$(( SECONDS_PER_RUN / 2 )) started
  ( sleep "$half"; curl -s -X POST "$GRAPH/__faults?kind=throttle&scope=list&retryAfter=10" > /dev/null ) &
  pids+=($!)
  started=$(date +%s)
  load_start "$2" "$OUT/$3"
  load_wait
  report "$OUT/$3" "$1" $(( $(date +%s) - started ))
  stop_replicas
}

echo "| setup | requests | took | statuses | problem codes | Graph calls | per 1,000 requests | Graph 429s | p50 / p99 | fallbacks to local mode / Redis errors |" > "$OUT/results.md"
echo "|---|---|---|---|---|---|---|---|---|---|" >> "$OUT/results.md"

echo "== local mode: three replicas, no Redis (PROXY_CLUSTER_REPLICAS=3)" >&2
unset SPRING_DATA_REDIS_URL PROXY_CLUSTER_CACHE_KEY
run "local mode (no Redis)" "$OUT/traffic" run-local

echo "== cluster mode: three replicas, one Redis" >&2
start_redis "$REDIS_PORT"
export SPRING_DATA_REDIS_URL=redis://127.0.0.1:$REDIS_PORT
export PROXY_CLUSTER_CACHE_KEY=cluster-load-bench-cache-key-not-a-secret-0123456789
run "cluster mode (Redis)" "$OUT/traffic" run-cluster

echo "== cluster mode, redis-server stopped in the middle of the load and started again" >&2
reset_graph
redis-cli -p "$REDIS_PORT" flushall > /dev/null
start_replicas run-outage
before=$(modes)
load_start "$OUT/traffic-outage" "$OUT/run-outage"
third=$(( OUTAGE_SECONDS / 3 ))
sleep "$third"
stop_pid "$REDIS"
stopped=$(date +%s)
sleep 3
during=$(modes)
sleep $(( third - 3 > 0 ? third - 3 : 0 ))
start_redis "$REDIS_PORT"
restarted=$(date +%s)
down=$(( restarted - stopped ))
# how long until every replica is back in cluster mode (Lettuce reconnects first, with its backoff)
back="not within 60 s"
while [ $(( $(date +%s) - restarted )) -lt 60 ]; do
  [ "$(modes)" = "1 1 1" ] && { back="$(( $(date +%s) - restarted )) s"; break; }
  sleep 0.5
done
load_wait
sleep 2
after=$(modes)
cat "$OUT"/run-outage/client-*.times > "$OUT/run-outage/all.times"
outage_total=$(wc -l < "$OUT/run-outage/all.times")
failed=$(awk '$1 !~ /^2/' "$OUT/run-outage/all.times" | wc -l)
lost=""
for n in 0 1 2; do lost+="$(metric "${PORTS[$n]}" cluster_redis_lost_total) "; done
for n in 0 1 2; do curl -s "http://127.0.0.1:${PORTS[$n]}/actuator/health/cluster" > "$OUT/run-outage/replica-$n.health"; done
stop_replicas

echo
echo "## Three replicas, $RATE requests/s for $SECONDS_PER_RUN s (the same traffic), caller auth on, five apps"
echo
cat "$OUT/results.md"
echo
echo "## Redis stopped under load (cluster mode, $RATE requests/s for $OUTAGE_SECONDS s; down for $down s)"
echo
echo "| measure | value |"
echo "|---|---|"
echo "| requests | $outage_total |"
echo "| statuses | $(awk '{print $1}' "$OUT/run-outage/all.times" | sort | uniq -c | sort -rn | awk '{printf "%s× %s; ", $1, $2}') |"
echo "| failed (not 2xx) | $failed |"
echo "| cluster_mode per replica: before / during / after | $before / $during / $after |"
echo "| all replicas back in cluster mode after Redis restarted | $back |"
echo "| fallbacks to local mode per replica (cluster_redis_lost_total) | $lost|"
echo
echo "Each replica's metrics at the end of a run: $OUT/run-*/replica-*.metrics; logs: $OUT/*.log"
