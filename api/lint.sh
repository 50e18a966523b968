#!/usr/bin/env bash
# Checks the contract with tools nobody here wrote, as a new user of the API would:
#   1. Spectral: its OpenAPI rules (spectral:oas) and the OWASP API security ruleset;
#   2. Redocly CLI: its recommended rules;
#   3. Stoplight Prism in proxy mode in front of the running service (on the Graph simulator): every
#      endpoint, parameter and error the contract describes, every answer validated against it.
# Rules switched off are explained in docs/api-lint.md. The tools come from the npm registry, cached per
# user. Exits non-zero on any finding or violation.
# Usage: api/lint.sh [--no-prism]   (--no-prism: the two linters only, no service started)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TOOLS=${XDG_CACHE_HOME:-$HOME/.cache}/callrecords-proxy/api-lint
BIN=$TOOLS/node_modules/.bin

if [ ! -x "$BIN/spectral" ] || [ ! -x "$BIN/redocly" ] || [ ! -x "$BIN/prism" ]; then
  mkdir -p "$TOOLS"
  [ -f "$TOOLS/package.json" ] || echo '{"private": true}' > "$TOOLS/package.json"
  (cd "$TOOLS" && npm install --no-audit --no-fund --silent @stoplight/spectral-cli@6.16.3 \
    @stoplight/spectral-owasp-ruleset@2.0.1 @redocly/cli@2.77.0 @stoplight/prism-cli@5.16.0)
fi

echo "== Spectral (spectral:oas, OWASP)"
# the ruleset extends an npm package, which Spectral resolves next to the ruleset file
cp api/lint/spectral.yaml "$TOOLS/spectral.yaml"
"$BIN/spectral" lint api-spec.yaml --ruleset "$TOOLS/spectral.yaml" --fail-severity=hint

echo "== Redocly (recommended)"
"$BIN/redocly" lint api-spec.yaml --config api/lint/redocly.yaml 2>&1 | grep -v -e '^ *║' -e '^ *╔' -e '^ *╚' || true
"$BIN/redocly" lint api-spec.yaml --config api/lint/redocly.yaml > /dev/null 2>&1

if [ "${1:-}" = "--no-prism" ]; then
  exit 0
fi

echo "== Prism proxy in front of the service on the simulator"
WORK=$(mktemp -d)
SERVICE_PORT=${SERVICE_PORT:-18080}
PRISM_PORT=${PRISM_PORT:-14010}
service_pid=""
prism_pid=""
cleanup() {
  [ -n "$prism_pid" ] && kill "$prism_pid" 2> /dev/null || true
  [ -n "$service_pid" ] && kill -- "-$service_pid" 2> /dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# the service and the simulator in one process group of their own, so that they end together
setsid env SERVER_PORT="$SERVICE_PORT" ./mvnw -B -q -o spring-boot:test-run \
  > "$WORK/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 180); do
  grep -q "callrecords-proxy is running" "$WORK/service.log" 2> /dev/null && break
  kill -0 "$service_pid" 2> /dev/null || { cat "$WORK/service.log"; echo "the service did not start" >&2; exit 1; }
  sleep 1
done
grep -q "callrecords-proxy is running" "$WORK/service.log" || { echo "the service did not start in time" >&2; exit 1; }
# the token request the service prints for the local run: the simulated Entra ID, a made-up caller app
read -r TOKEN_URL CLIENT_ID CLIENT_SECRET SCOPE < <(python3 -c '
import re, sys
m = re.search(r"curl -s \x27(\S+)\x27 -d grant_type=client_credentials -d client_id=(\S+) -d client_secret=(\S+) -d scope=(\S+) ",
              open(sys.argv[1]).read())
print(*m.groups())' "$WORK/service.log")
TOKEN=$(curl -s "$TOKEN_URL" -d grant_type=client_credentials -d "client_id=$CLIENT_ID" \
  -d "client_secret=$CLIENT_SECRET" -d "scope=$SCOPE" | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
[ -n "$TOKEN" ] || { echo "no caller token from the simulated Entra ID" >&2; exit 1; }

"$BIN/prism" proxy api-spec.yaml "http://localhost:$SERVICE_PORT" --port "$PRISM_PORT" --errors=false \
  > "$WORK/prism.log" 2>&1 &
prism_pid=$!
for _ in $(seq 1 60); do
  curl -s -o /dev/null "http://127.0.0.1:$PRISM_PORT/api-spec.yaml" && break
  sleep 1
done

R=/api/v1/call-records
RICH=6f6b2e7c-3d1a-4c5e-8f90-1a2b3c4d5e6f
BIG=b16c0de0-0000-4000-8000-000000000320
# status | request | expected request violation (1: the request breaks the contract on purpose)
cat > "$WORK/requests" <<REQUESTS
200|$R/$RICH|0
200|$R/$RICH?include=participants,sessions,segments|0
200|$R/$RICH?include=sessions&fields=id,type,startDateTime,endDateTime,organizer|0
200|$R/e523d2ed-2966-4b6b-925b-754a88034cc5?include=segments|0
200|$R/a1b2c3d4-0000-4000-8000-00000000000a|0
200|$R/c3ad8c4b-4a87-4ab1-bef0-284d2f40ed9f?include=participants,sessions|0
200|$R?pageSize=5&from=2024-06-01T00:00:00Z&to=2024-06-02T00:00:00%2B0200|0
200|$R?participantId=%2B14255550100|0
200|$R?participantId=a11ce000-0000-4000-8000-000000000003|0
200|$R/$BIG/sessions?includeSegments=true&pageSize=3|0
200|$R/$BIG/sessions?pageSize=60|0
200|$R/$BIG/participants?pageSize=130|0
404|$R/00000000-0000-4000-8000-000000000404|0
404|$R/00000000-0000-4000-8000-000000000404/sessions|0
404|$R/00000000-0000-4000-8000-000000000404/participants|0
400|$R/not-a-guid?include=everything|1
400|$R?pageSize=61|1
400|$R?from=yesterday|1
400|$R?participantId=nobody|1
400|$R/$BIG/sessions?includeSegments=1|1
400|$R/$BIG/participants?cursor=forged|0
400|$R?cursor=forged|0
REQUESTS

failures=0
check() {
  local expected=$1 path=$2 invalid=$3 token=${4:-$TOKEN} accept=${5:-application/json}
  local headers="$WORK/headers"
  local status
  status=$(curl -s -o "$WORK/body" -D "$headers" -w '%{http_code}' -H "Accept: $accept" \
    ${token:+-H "Authorization: Bearer $token"} "http://127.0.0.1:$PRISM_PORT$path")
  local violations
  violations=$(grep -i '^sl-violations:' "$headers" | cut -d' ' -f2- | tr -d '\r' || true)
  local verdict
  verdict=$(VIOLATIONS="$violations" INVALID="$invalid" python3 -c '
import json, os
raw = os.environ["VIOLATIONS"]
found = json.loads(raw) if raw else []
response = [v for v in found if v.get("location", [""])[0] != "request"]
request = [v for v in found if v.get("location", [""])[0] == "request"]
problems = [f"response: {v}" for v in response]
if request and os.environ["INVALID"] != "1":
    problems += [f"request: {v}" for v in request]
if not request and os.environ["INVALID"] == "1":
    problems.append("Prism found nothing wrong with a request that breaks the contract on purpose")
print("; ".join(problems))')
  if [ "$status" != "$expected" ] || [ -n "$verdict" ]; then
    echo "FAIL $path: status $status (expected $expected) $verdict"
    failures=$((failures + 1))
  else
    echo "ok   $status $path"
  fi
}

while IFS='|' read -r expected path invalid; do
  check "$expected" "$path" "$invalid"
done < "$WORK/requests"
# every page of every list, by the cursors the answers carry
for list in "$R?pageSize=60" "$R/$BIG/sessions?includeSegments=true&pageSize=60" "$R/$BIG/participants?pageSize=130"; do
  path=$list
  pages=0
  while [ -n "$path" ]; do
    check 200 "$path" 0
    pages=$((pages + 1))
    cursor=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1])).get("nextCursor", ""))' "$WORK/body")
    path=${cursor:+${list%%\?*}?cursor=$cursor}
  done
  echo "     ($pages pages)"
done
check 401 "$R/$RICH" 0 "not-a-token"
check 406 "$R/$RICH" 0 "$TOKEN" "text/html"

echo "== $failures failed"
[ "$failures" -eq 0 ]
