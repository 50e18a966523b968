# Shared by bench/profile/profile.sh and bench/profile/ab.sh (sourced, not run): the Graph stand-in of
# bench/hop-benchmark.sh and the settings that point the service at it.
#
# stand_in DIR PORT SIZE COUNT ID_PREFIX writes COUNT records of SIZE (bench/hop/records.py) under
# DIR/docroot, their ids in DIR/ids.txt, and starts nginx on PORT of 127.0.0.1. It sets STAND_IN_PID,
# INCLUDE and SUFFIX (the service's include that reads, maps and returns all of a record, as a query)
# and SERVICE_ENV: the service's settings against the stand-in, caller authentication and the record
# cache off, Graph budgets and the caller quota out of the way, the audit log at WARN.
stand_in() {
  local dir=$1 port=$2 size=$3 count=$4 prefix=$5 user_line="" tenant=dc368399-474c-4d40-900c-6265431fd81f
  mkdir -p "$dir/upstream/tmp" "$dir/docroot/v1.0/communications/callRecords"
  read -r _ _ _ _ _ INCLUDE _ < <(python3 bench/hop/records.py "$size" src/test/resources/simulator/records \
    "$dir/docroot/v1.0/communications/callRecords" "$dir/ids.txt" "$count" "$prefix")
  SUFFIX=""; [ "$INCLUDE" != none ] && SUFFIX="?include=$INCLUDE"
  [ "$(id -u)" = 0 ] && user_line="user $(id -un) $(id -gn);"
  sed -e "s|@WORK@|$dir|g" -e "s|@DOCROOT@|$dir/docroot|g" -e "s|@UPSTREAM_PORT@|$port|g" -e "s|@TENANT_ID@|$tenant|g" \
    -e "s|@USER_LINE@|$user_line|g" bench/hop/upstream.conf.template > "$dir/upstream/nginx.conf"
  nginx -e "$dir/upstream/error.log" -p "$dir/upstream" -c "$dir/upstream/nginx.conf" -g 'daemon off;' > /dev/null 2>&1 &
  STAND_IN_PID=$!
  SERVICE_ENV=(AZURE_TENANT_ID=$tenant AZURE_CLIENT_ID=3f0d9c63-5a0e-4bf4-8f0e-000000c0ffee
    AZURE_CLIENT_SECRET=bench-only-secret AZURE_AUTHORITY_HOST="http://127.0.0.1:$port"
    GRAPH_BASE_URL="http://127.0.0.1:$port/v1.0" PROXY_AUTH_ENABLED=false PROXY_CALLER_QUOTA=100000000
    PROXY_CACHE_ENABLED=false GRAPH_BUDGET_RECORD=100000000 GRAPH_BUDGET_LIST=100000000
    GRAPH_BUDGET_APP=100000000 LOGGING_LEVEL_CALLRECORDS_AUDIT=WARN)
}
