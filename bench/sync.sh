#!/usr/bin/env bash
# Sync benchmark: a large simulated ConnectWise tenant synced end to end into PostgreSQL,
# against a raw COPY of the same rows measured in the same run. See docs/benchmarks.md.
# Not part of ./mvnw verify; prints figures, asserts nothing about time.
#   bench/sync.sh [--seed S] [--size benchmark|large|small|tiny] [--end-date YYYY-MM-DD] [--page-size N]
#                 [--warm-up small|tiny|none]
# Env: SKIP_BUILD=1 to reuse target/ as it is; CPUS (default 2) cores the JVM and PostgreSQL may use;
#      JAVA_OPTS to override the JVM flags.
set -euo pipefail
cd "$(dirname "$0")/.."

CP_FILE=target/bench-classpath.txt
if [[ "${SKIP_BUILD:-}" != 1 || ! -f $CP_FILE || ! -d target/test-classes ]]; then
  # test-compile: the benchmark lives in src/test (it is not shipped in the jar); the classpath includes test scope.
  ./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
fi

CPUS=${CPUS:-2}
JAVA_OPTS=${JAVA_OPTS:-"-Xms2g -Xmx6g -XX:+UseParallelGC -XX:ActiveProcessorCount=$CPUS"}
cmd=(java $JAVA_OPTS -cp "target/classes:target/test-classes:$(cat "$CP_FILE")"
     com.mspanalytics.benchmark.SyncBenchmark "$@")
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc), pinned to $CPUS" >&2
# Pin the whole run (JVM, simulators, application and the PostgreSQL it starts) to CPUS cores when taskset exists.
if command -v taskset >/dev/null && (( $(nproc) > CPUS )); then
  exec taskset -c "0-$((CPUS - 1))" "${cmd[@]}"
fi
exec "${cmd[@]}"
