#!/usr/bin/env bash
# orez pg_restore and orez pg_dump on a real production-like dump: the database of the dump round-trip test
# (cli/src/test/resources/dump/source-database.sql: 100,000 accounts, 100,000 audit rows, 20,000 items, 38 MB of
# plain SQL) built in Debian's PostgreSQL and dumped by its pg_dump. Each run restores it directly into a new data
# directory, then through a running orez (--skip-zero-cache), and dumps it back through that orez and directly.
# Times are wall clock of the whole command (JVM start and opening the database included); the rows/s figure is
# the restore's own, from its summary. Needs Debian's postgresql package (.ci/debian-packages).
# Run after `mvn -B package -DskipTests`. Usage: bench/dump-restore.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
jar=$PWD/cli/target/orez.jar
[[ -f $jar ]] || { echo "build $jar first: mvn -B package -DskipTests" >&2; exit 2; }
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=$(mktemp -d)
chmod 755 "$work"
as_postgres=()
[[ $(id -u) -eq 0 ]] && as_postgres=(runuser -u postgres --)
cleanup() {
  "${as_postgres[@]}" "$bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  pkill -f "data-dir=$work/" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port=55999
[[ $(id -u) -eq 0 ]] && chown postgres "$work"  # the server writes its socket and log there
"${as_postgres[@]}" "$bin/initdb" -D "$work/pg" -U postgres -A trust --no-sync >/dev/null
"${as_postgres[@]}" "$bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w \
  -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
psql=("$bin/psql" -h 127.0.0.1 -p $port -U postgres -q -v ON_ERROR_STOP=1)
"${psql[@]}" -d postgres -c "CREATE DATABASE source"
"${psql[@]}" -d source -f cli/src/test/resources/dump/source-database.sql >/dev/null
"$bin/pg_dump" -h 127.0.0.1 -p $port -U postgres -f "$work/production.sql" source
echo "dump: $(du -m "$work/production.sql" | cut -f1) MB, pg_dump $("$bin/pg_dump" --version | awk '{print $3}')"
seconds() { local start=$1; awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
# The same work on Debian's PostgreSQL, for reference: psql loading the dump, and its pg_dump.
"${psql[@]}" -d postgres -c "CREATE DATABASE reference"
start=$(date +%s.%N)
"${psql[@]}" -d reference -f "$work/production.sql" >/dev/null
restore_s=$(seconds "$start")
start=$(date +%s.%N)
"$bin/pg_dump" -h 127.0.0.1 -p $port -U postgres -f "$work/reference.sql" reference
echo "reference: psql restore into PostgreSQL ${restore_s} s, pg_dump $(seconds "$start") s"

orez() { (cd "$work" && NO_COLOR=1 java -jar "$jar" "$@"); }
rate() { grep 'restored .* rows in' | grep -o '([0-9,]* rows/s)' | tr -d '(),' | awk '{print $1}'; }

for i in $(seq 1 "$runs"); do
  data=$work/run-$i
  start=$(date +%s.%N)
  direct=$(orez pg_restore production.sql --direct --data-dir="$data" 2>&1 | rate)
  direct_s=$(seconds "$start")

  (cd "$work" && NO_COLOR=1 exec java -jar "$jar" --skip-zero-cache --data-dir="$data-wire" --pg-port=0 \
    >"$work/orez-$i.log" 2>&1) &
  until grep -q 'ready in' "$work/orez-$i.log"; do sleep 0.1; done
  start=$(date +%s.%N)
  wire=$(orez pg_restore production.sql --data-dir="$data-wire" 2>&1 | rate)
  wire_s=$(seconds "$start")
  start=$(date +%s.%N)
  orez pg_dump --data-dir="$data-wire" -o "$work/through-orez.sql" >/dev/null
  dump_wire_s=$(seconds "$start")
  pkill -TERM -f "data-dir=$data-wire" && while pgrep -f "data-dir=$data-wire" >/dev/null; do sleep 0.1; done

  start=$(date +%s.%N)
  orez pg_dump --data-dir="$data" -o "$work/direct.sql" >/dev/null
  dump_direct_s=$(seconds "$start")
  echo "run $i: restore direct ${direct_s} s (${direct} rows/s), through orez ${wire_s} s (${wire} rows/s);" \
    "dump through orez ${dump_wire_s} s, direct ${dump_direct_s} s ($(du -m "$work/direct.sql" | cut -f1) MB)"
done
