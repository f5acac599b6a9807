#!/usr/bin/env bash
# Measures the local S3 server (docs/benchmarks.md): PUT and GET throughput for 1 MiB objects.
# Usage: bench/s3.sh [objects per measurement, default 500]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/test-classpath.sh
classpath=$(test_classpath cli)
echo "| measurement | value |"
echo "|---|---|"
java -cp "$classpath" dev.orez.cli.s3.S3Benchmark "${1:-500}" 2>/dev/null
