#!/usr/bin/env bash
# Measures the local S3 server (docs/benchmarks.md): PUT and GET throughput for 1 MiB objects.
# Usage: bench/s3.sh [objects per measurement, default 500]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl cli test-compile -Dspotless.check.skip=true
cp_file=$(mktemp)
mvn -B -q -o -pl cli dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
echo "| measurement | value |"
echo "|---|---|"
java -cp "cli/target/test-classes:cli/target/classes:$(cat "$cp_file")" dev.orez.cli.s3.S3Benchmark "${1:-500}" 2>/dev/null
rm -f "$cp_file"
