#!/usr/bin/env bash
# Lays a built jar out as the image does, for bench/startup-ab.sh (not a test): Spring Boot's layers
# extracted into DIR (thin application.jar + lib/), then an AOT cache trained as the Dockerfile trains it
# (the final stage's ENV, e.g. JAVA_TOOL_OPTIONS and JDK_JAVA_OPTIONS, its training settings, -XX:MaxRAM),
# with TRAIN_ARGS added to the JVM and LAYOUT_ENV to the environment.
#
#   bench/startup-layout.sh DIR JAR
#   TRAIN_ARGS="-Dx=y"     JVM arguments of the training start
#   LAYOUT_ENV="JDK_JAVA_OPTIONS="  settings of the training start over the image's (here: without Spring
#                          AOT, for a jar built without -Pspring-aot)
#   TRAIN=refresh    the training start stops after the context refresh (-Dspring.context.exit=onRefresh)
#   TRAIN=ready      the training start runs until ready, answers a few requests (probes, metrics, an
#                    API call refused for want of a token), then stops on SIGTERM
#   TRAIN=none       no AOT cache
#   TRAIN=dockerfile the Dockerfile's own training command line, whatever it is (default)
#   JAVA=...         default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=$1 JAR=$2
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
TRAIN=${TRAIN:-dockerfile}
read -r -a TRAIN_ARGS <<< "${TRAIN_ARGS:-}"
log() { echo "startup-layout: $*" >&2; }

TRAINING_LINE=$(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' Dockerfile | grep -e '-XX:AOTCacheOutput=')
read -r -a TRAINING_ENV <<< "$(sed -n 's/^RUN env \(.*\) java .*/\1/p' <<< "$TRAINING_LINE")"
read -r -a TRAINING_JAVA <<< "$(sed -n 's/^RUN env .* java \(.*\) -jar application.jar.*/\1/p' <<< "$TRAINING_LINE")"
MEMORY=$(grep -o -e '-XX:MaxRAM=[^ ]*' <<< "$TRAINING_LINE" | cut -d= -f2)
[ ${#TRAINING_ENV[@]} -gt 0 ] && [ -n "$MEMORY" ] && [ ${#TRAINING_JAVA[@]} -gt 0 ] \
  || { log "could not read the image's options or training step from the Dockerfile"; exit 1; }
# the final stage's ENV, on ports of their own, and LAYOUT_ENV
mapfile -t IMAGE_ENV < <(python3 bench/image-env.py)
read -r -a LAYOUT <<< "${LAYOUT_ENV:-}"
IMAGE_ENV+=(SERVER_PORT=18099 MANAGEMENT_SERVER_PORT=18098 "${LAYOUT[@]}")

rm -rf "$DIR" "$DIR.layers"
"$JAVA" -Djarmode=tools -jar "$JAR" extract --layers --application-filename application.jar --destination "$DIR.layers" > /dev/null
mkdir -p "$DIR"
for layer in dependencies spring-boot-loader snapshot-dependencies application; do
  [ -d "$DIR.layers/$layer" ] && cp -r "$DIR.layers/$layer/." "$DIR/"
done
rm -rf "$DIR.layers"
case $TRAIN in
  none) exit 0 ;;
  refresh) TRAINING_JAVA=(-XX:MaxRAM="$MEMORY" -XX:AOTCacheOutput=application.aot -Dspring.context.exit=onRefresh) ;;
  dockerfile) ;;
  ready)
    TRAINING_JAVA=(-XX:MaxRAM="$MEMORY" -XX:AOTCacheOutput=application.aot)
    log "training in $DIR until ready, with requests: java ${TRAINING_JAVA[*]} ${TRAIN_ARGS[*]}"
    (cd "$DIR" && exec env "${IMAGE_ENV[@]}" "${TRAINING_ENV[@]}" \
      "$JAVA" "${TRAINING_JAVA[@]}" "${TRAIN_ARGS[@]}" -jar application.jar > "$DIR.training.log" 2>&1) &
    pid=$!
    for _ in $(seq 1 1200); do
      [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18098/actuator/health/readiness || true)" = 200 ] && break
      kill -0 $pid 2> /dev/null || { log "the training start ended (see $DIR.training.log)"; exit 1; }
      sleep 0.1
    done
    for _ in 1 2 3; do
      curl -s -o /dev/null http://127.0.0.1:18098/actuator/health/liveness
      curl -s -o /dev/null http://127.0.0.1:18098/actuator/health/readiness
      curl -s -o /dev/null http://127.0.0.1:18098/actuator/prometheus
      curl -s -o /dev/null http://127.0.0.1:18099/api/v1/call-records/00000000-0000-0000-0000-000000000000
    done
    kill -TERM $pid
    wait $pid || true
    [ -f "$DIR/application.aot" ] || { log "no application.aot after training (see $DIR.training.log)"; exit 1; }
    exit 0 ;;
  *) log "unknown TRAIN=$TRAIN"; exit 1 ;;
esac
log "training in $DIR: java ${TRAINING_JAVA[*]} ${TRAIN_ARGS[*]}"
(cd "$DIR" && env "${IMAGE_ENV[@]}" "${TRAINING_ENV[@]}" \
  "$JAVA" "${TRAINING_JAVA[@]}" "${TRAIN_ARGS[@]}" -jar application.jar > "$DIR.training.log" 2>&1) \
  || { log "the training start failed (see $DIR.training.log)"; exit 1; }
[ -f "$DIR/application.aot" ] || { log "no application.aot after training (see $DIR.training.log)"; exit 1; }
