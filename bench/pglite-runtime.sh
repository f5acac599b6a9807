#!/usr/bin/env bash
# Measures the PGlite runtime (docs/benchmarks.md). Run after `mvn -B install -DskipTests`.
# Usage: bench/pglite-runtime.sh [SELECT-1 runs, default 2000]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl pglite-runtime test-compile -Dspotless.check.skip=true
cp_file=$(mktemp)
mvn -B -q -o -pl pglite-runtime dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
echo "| measurement | value |"
echo "|---|---|"
java -Xmx3g -cp "pglite-runtime/target/test-classes:pglite-runtime/target/classes:$(cat "$cp_file")" \
  dev.orez.pglite.RuntimeBenchmark "${1:-2000}"
rm -f "$cp_file"
