#!/usr/bin/env bash
# Clearline beside the classic-ledger peer, in one run on one machine and one PostgreSQL server:
#   1. a node on the PostgreSQL profile (fresh database), driven by the load generator (a warm-up, then
#      each of RATES payments/s for SECONDS), as in BENCHMARKS.md;
#   2. the peer, ../shared/bench/pg-double-entry.sh (kept outside this repository; skipped, and said so,
#      where it is missing), with 8 clients for SECONDS.
# The load average is printed before each part: the figures only compare on a machine equally busy.
# Usage, from anywhere: [WARM_UP_RATE=20 WARM_UP_COUNT=1200] ops/bench/compare-classic.sh [RATES] [SECONDS]
#   (RATES comma-separated, default 20,40; SECONDS default 60)
# Needs PostgreSQL on 127.0.0.1:5432 reachable as PGUSER (default postgres), psql, and pgbench for the peer.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
peer="$root/../shared/bench/pg-double-entry.sh"
rates=${1:-20,40} seconds=${2:-60}
# Warm-up: the JIT's first minutes are not what is measured (smaller on a machine where the node is slow,
# lest its backlog spill into the measured runs).
warm_up_rate=${WARM_UP_RATE:-20} warm_up_count=${WARM_UP_COUNT:-1200}
# A node that is not ready after this long failed to start: its log says why.
ready_wait_seconds=180
port=${CLEARLINE_BENCH_PORT:-8189}
db=clearline_bench_compare
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
work=$(mktemp -d /tmp/clearline-compare.XXXXXX)
load_average() { echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"; }

echo "== Clearline: a node on PostgreSQL (database $db), the load generator at $rates /s for $seconds s each"
psql -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
CLEARLINE_DB_URL="jdbc:postgresql://$PGHOST:5432/$db" CLEARLINE_DB_USER="$PGUSER" \
  "$root/clearline" node --spring.profiles.active=demo,postgres --server.port="$port" \
  --clearline.data-dir="$work/data" >"$work/node.log" 2>&1 &
node=$!
trap 'kill "$node" 2>/dev/null || true; wait "$node" 2>/dev/null || true' EXIT
for _ in $(seq "$ready_wait_seconds"); do
  curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null && break
  kill -0 "$node" 2>/dev/null || { echo "the node stopped; see $work/node.log"; exit 1; }
  sleep 1
done
curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null \
  || { echo "the node was not ready within $ready_wait_seconds s; see $work/node.log"; exit 1; }
# The load generator exits 1 when some message got no pacs.002 in time: a figure, not a reason to stop.
"$root/clearline" load --url "http://127.0.0.1:$port" --rate "$warm_up_rate" --count "$warm_up_count" \
  >"$work/warm-up.txt" || echo "warm-up: not every payment was answered in time ($work/warm-up.txt)"
for rate in ${rates//,/ }; do
  load_average
  "$root/clearline" load --url "http://127.0.0.1:$port" --rate "$rate" --duration "$seconds" \
    || echo "(at $rate/s not every payment was answered in time)"
done
kill "$node"
wait "$node" 2>/dev/null || true

echo "== The classic-ledger peer: double-entry transfers in PostgreSQL, 8 clients for $seconds s"
if [ -f "$peer" ]; then
  load_average
  bash "$peer" ledger_peer 8 "$seconds" 1000
else
  echo "skipped: $peer not found (it is not part of this repository)"
fi
