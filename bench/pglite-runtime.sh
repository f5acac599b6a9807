#!/usr/bin/env bash
# Measures the PGlite runtime (docs/benchmarks.md). Run after `mvn -B install -DskipTests`.
# Usage: bench/pglite-runtime.sh [SELECT-1 runs, default 2000]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/test-classpath.sh
classpath=$(test_classpath pglite-runtime)
echo "| measurement | value |"
echo "|---|---|"
java -Xmx3g -cp "$classpath" \
  dev.orez.pglite.RuntimeBenchmark "${1:-2000}"
