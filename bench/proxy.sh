#!/usr/bin/env bash
# Measures the wire-protocol proxy (docs/benchmarks.md). Run after `mvn -B install -DskipTests`.
# Usage: bench/proxy.sh [SELECT-1 runs, default 2000]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl proxy test-compile -Dspotless.check.skip=true
cp_file=$(mktemp)
mvn -B -q -o -pl proxy dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
echo "| measurement | value |"
echo "|---|---|"
java -Xmx3g -cp "proxy/target/test-classes:proxy/target/classes:$(cat "$cp_file")" \
  dev.orez.proxy.ProxyBenchmark "${1:-2000}"
rm -f "$cp_file"
