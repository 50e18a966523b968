#!/usr/bin/env bash
# Reading one Graph call record body (not a test): the service's readers against Jackson's own, in one
# JVM, ABBA rounds (GraphReadBenchmark in the test sources). The body is what bench/hop-benchmark.sh
# serves for SIZE (bench/hop/records.py).
# Usage: bench/profile/read.sh        (from the repository root; compiles the tests offline first)
# Environment: SIZE (1k, 6k or 1m; default 1m), ROUNDS (30), READS (per round and reader; 40),
#   JAVA (default Temurin 25).
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE=${SIZE:-1m}
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$JAVA" ] || JAVA=java
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
./mvnw -B -o -q test-compile -Dspring-javaformat.skip=true -Djacoco.skip=true > "$W/build.log" 2>&1 \
  || { cat "$W/build.log" >&2; exit 1; }
./mvnw -B -o -q dependency:build-classpath -Dmdep.outputFile="$W/classpath" > /dev/null
mkdir -p "$W/records"
python3 bench/hop/records.py "$SIZE" src/test/resources/simulator/records "$W/records" "$W/ids" 1 b3c4e0ee > /dev/null
"$JAVA" -Xmx256m -cp "target/test-classes:target/classes:$(cat "$W/classpath")" \
  io.callrecords.proxy.graph.internal.GraphReadBenchmark "$W/records/$(head -1 "$W/ids")" "${ROUNDS:-30}" "${READS:-40}"
