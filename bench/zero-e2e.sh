#!/usr/bin/env bash
# Acceptance: the real zero-cache and Zero client against orez (three PGlite instances, replication, proxy),
# driven by the shared harness. Run after `mvn -B install -DskipTests`.
# Usage: bench/zero-e2e.sh HARNESS_DIR [harness options, e.g. --repeat 3]
set -euo pipefail
cd "$(dirname "$0")/.."
harness="$1"
shift
mvn -B -q -o -pl proxy test-compile -Dspotless.check.skip=true
cp_file=$(mktemp)
mvn -B -q -o -pl proxy dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
data=$(mktemp -d)
port=${OREZ_PG_PORT:-6434}
log="$data/orez.log"
java -Xmx6g -Xss16m -cp "proxy/target/test-classes:proxy/target/classes:$(cat "$cp_file")" \
  dev.orez.proxy.ReplicatingServer "$data" "$port" >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$cp_file"' EXIT
for _ in $(seq 1 240); do
  grep -q '^ready' "$log" && break
  kill -0 $server 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.5
done
url="postgresql://user:password@127.0.0.1:$port"
"$harness/zero-e2e.sh" --upstream "$url/postgres" --cvr "$url/zero_cvr" --cdb "$url/zero_cdb" "$@"
