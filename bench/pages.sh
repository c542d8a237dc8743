#!/usr/bin/env bash
# Dashboard page benchmark: server time of every page (overview, the twelve KPI pages, the busiest client and tech,
# anomalies) over HTTP with a signed-in session, against GET /health measured in the same run; first contentful
# paint in headless Chromium; the pages' compressed JavaScript. On the KPI benchmark's tenant (~1M tickets, ~3M time
# entries; a --data-dir of either benchmark serves both). See docs/benchmarks.md. Not part of ./mvnw verify; prints
# figures, asserts nothing about time.
#   bench/pages.sh [--seed S] [--size large|benchmark|small|tiny] [--end-date YYYY-MM-DD] [--runs N] [--warm-up N]
#                  [--paint-runs N] [--data-dir DIR] [--explain-ms N] [--pg name=value,...]
# Env: SKIP_BUILD=1 to reuse target/ as it is; CPUS (default 2) cores the JVM, PostgreSQL and Chromium may use;
#      JAVA_OPTS to override the JVM flags; CHROMIUM and CHROMEDRIVER (default /usr/bin/chromium, /usr/bin/chromedriver).
set -euo pipefail
cd "$(dirname "$0")/.."
exec bench/run-benchmark.sh com.mspanalytics.benchmark.PageBenchmark "$@"
