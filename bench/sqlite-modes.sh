#!/usr/bin/env bash
# zero-cache on orez's WebAssembly SQLite vs on its native addon: the shared acceptance harness against
# `orez --skip-zero-cache`, RUNS times per mode, the modes alternating so that both see the same machine state.
# Prints the harness's summary line per run (time to healthy, change->replica latency, bulk catch-up, client).
# Run after `mvn -B package -DskipTests`. Usage: bench/sqlite-modes.sh HARNESS_DIR [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
harness="$1"
runs=${2:-3}
for run in $(seq 1 "$runs"); do
  for mode in wasm native; do
    line=$(OREZ_SQLITE=$mode bench/zero-e2e.sh "$harness" 2>&1 | grep '^ZERO-E2E' || true)
    echo "$mode run $run: ${line:-no summary line (the harness failed)}"
  done
done
