#!/usr/bin/env bash
# Acceptance: the real zero-cache and Zero client against `orez --skip-zero-cache` started from orez.jar (three
# PGlite instances, replication, proxy), driven by the shared harness, which runs its own zero-cache.
# With OREZ_SQLITE=wasm the harness's zero-cache loads orez's WebAssembly SQLite (the shim orez.jar writes out,
# preloaded through NODE_OPTIONS as orez does); otherwise its native addon.
# Run after `mvn -B package -DskipTests`.
# Usage: [OREZ_SQLITE=wasm] bench/zero-e2e.sh HARNESS_DIR [harness options, e.g. --repeat 3]
set -euo pipefail
cd "$(dirname "$0")/.."
harness="$1"
shift
jar=cli/target/orez.jar
[[ -f $jar ]] || { echo "build $jar first: mvn -B package -DskipTests" >&2; exit 2; }
data=$(mktemp -d)
log="$data/orez.log"
NO_COLOR=1 java -jar "$jar" --skip-zero-cache --data-dir="$data/data" --pg-port="${OREZ_PG_PORT:-6434}" >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
for _ in $(seq 1 240); do
  grep -q 'ready in' "$log" && break
  kill -0 $server 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.5
done
if [[ ${OREZ_SQLITE:-native} == wasm ]]; then
  preload=$(java -cp "$jar" bench/InstallSqliteShim.java "$data/cache")
  export NODE_OPTIONS="--require $preload ${NODE_OPTIONS:-}"
fi
url=$(sed -n 's|.*postgres *\(postgresql://[^ ]*\)/postgres$|\1|p' "$log")
[[ -n $url ]] || { cat "$log"; exit 1; }
"$harness/zero-e2e.sh" --upstream "$url/postgres" --cvr "$url/zero_cvr" --cdb "$url/zero_cdb" "$@"
