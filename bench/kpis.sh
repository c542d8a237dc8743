#!/usr/bin/env bash
# KPI benchmark: the twelve KPIs on a generated tenant of ~1M tickets and ~3M time entries,
# against a plain aggregate scan of the same tables measured in the same run. See docs/benchmarks.md.
# Not part of ./mvnw verify; prints figures, asserts nothing about time.
#   bench/kpis.sh [--seed S] [--size large|benchmark|small|tiny] [--end-date YYYY-MM-DD] [--runs N] [--data-dir DIR] [--explain-ms N] [--pg name=value,...]
# Env: SKIP_BUILD=1 to reuse target/ as it is; CPUS (default 2) cores the JVM and PostgreSQL may use;
#      JAVA_OPTS to override the JVM flags.
set -euo pipefail
cd "$(dirname "$0")/.."

exec bench/run-benchmark.sh com.mspanalytics.benchmark.KpiBenchmark "$@"
