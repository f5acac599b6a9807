#!/usr/bin/env bash
# Time from `java -jar orez.jar` to "ready" (zero-cache healthy): cold (empty data directory) and warm (the same
# directory again), each RUNS times, with the median. zero-cache and Node must already be in orez's cache (run
# orez once, or the cli tests, before measuring: provisioning is a one-time download, not start-up).
# Run after `mvn -B package -DskipTests`. Usage: bench/orez-start.sh [RUNS] [extra orez flags]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
shift || true
jar=$PWD/cli/target/orez.jar
[[ -f $jar ]] || { echo "build $jar first: mvn -B package -DskipTests" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Starts orez on $1, prints the seconds until its "ready" line, stops it with SIGTERM.
time_to_ready() {
  local data=$1 log=$work/orez.log start now pid
  start=$(date +%s.%N)
  (cd "$work" && NO_COLOR=1 exec java -jar "$jar" --data-dir="$data" --pg-port=0 --zero-port=0 "${@:2}" >"$log" 2>&1) &
  pid=$!
  until grep -q 'ready in' "$log"; do
    kill -0 $pid 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.05
  done
  now=$(date +%s.%N)
  kill -TERM $pid
  wait $pid || true
  awk -v a="$start" -v b="$now" 'BEGIN { printf "%.2f\n", b - a }'
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

cold=() warm=()
for i in $(seq 1 "$runs"); do
  cold+=("$(time_to_ready "$work/cold-$i" "$@")")
  warm+=("$(time_to_ready "$work/cold-$i" "$@")")
  echo "run $i: cold ${cold[-1]} s, warm ${warm[-1]} s"
done
echo "cold start to healthy: median $(printf '%s\n' "${cold[@]}" | median) s (runs: ${cold[*]})"
echo "warm start to healthy: median $(printf '%s\n' "${warm[@]}" | median) s (runs: ${warm[*]})"
