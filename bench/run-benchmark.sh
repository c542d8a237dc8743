#!/usr/bin/env bash
# What every bench/*.sh does: builds the classes and runs one benchmark main, pinned to CPUS cores.
#   bench/run-benchmark.sh MainClass [benchmark options...]
# Env: SKIP_BUILD=1 to reuse target/ as it is; CPUS (default 2) cores the benchmark and everything it starts may use;
#      JAVA_OPTS to override the JVM flags.
set -euo pipefail
cd "$(dirname "$0")/.."
main=$1
shift

CP_FILE=target/bench-classpath.txt
if [[ "${SKIP_BUILD:-}" != 1 || ! -f $CP_FILE || ! -d target/test-classes ]]; then
  # test-compile: the benchmarks live in src/test (they are not shipped in the jar); the classpath includes test scope.
  ./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
fi

CPUS=${CPUS:-2}
JAVA_OPTS=${JAVA_OPTS:-"-Xms2g -Xmx6g -XX:+UseParallelGC -XX:ActiveProcessorCount=$CPUS"}
cmd=(java $JAVA_OPTS -cp "target/classes:target/test-classes:$(cat "$CP_FILE")" "$main" "$@")
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc), pinned to $CPUS" >&2
# Pin the whole run (the JVM and what it starts: simulators, application, PostgreSQL, Chromium) to CPUS cores when
# taskset exists.
if command -v taskset >/dev/null && (( $(nproc) > CPUS )); then
  exec taskset -c "0-$((CPUS - 1))" "${cmd[@]}"
fi
exec "${cmd[@]}"
