#!/usr/bin/env bash
# Measures the wire-protocol proxy (docs/benchmarks.md). Run after `mvn -B install -DskipTests`.
# Usage: bench/proxy.sh [SELECT-1 runs, default 2000]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/test-classpath.sh
classpath=$(test_classpath proxy)
echo "| measurement | value |"
echo "|---|---|"
java -Xmx3g -cp "$classpath" \
  dev.orez.proxy.ProxyBenchmark "${1:-2000}"
