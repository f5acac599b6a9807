#!/usr/bin/env bash
# Acceptance: the real zero-cache and Zero client against orez (three PGlite instances, replication, proxy),
# driven by the shared harness. Run after `mvn -B install -DskipTests`.
# Usage: bench/zero-e2e.sh HARNESS_DIR [harness options, e.g. --repeat 3]
set -euo pipefail
cd "$(dirname "$0")/.."
harness="$1"
shift
source bench/test-classpath.sh
classpath=$(test_classpath proxy)
data=$(mktemp -d)
port=${OREZ_PG_PORT:-6434}
log="$data/orez.log"
java -Xmx6g -Xss16m -cp "$classpath" \
  dev.orez.proxy.ReplicatingServer "$data" "$port" >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
for _ in $(seq 1 240); do
  grep -q '^ready' "$log" && break
  kill -0 $server 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.5
done
url="postgresql://user:password@127.0.0.1:$port"
"$harness/zero-e2e.sh" --upstream "$url/postgres" --cvr "$url/zero_cvr" --cdb "$url/zero_cdb" "$@"
