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

exec bench/run-benchmark.sh com.mspanalytics.benchmark.SyncBenchmark "$@"
