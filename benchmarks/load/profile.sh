#!/usr/bin/env bash
# Where a node's CPU goes in one load scenario: runs benchmarks/load/run.sh (SQLite, one node) with the runtime's perf
# map on, records `perf record -a -g` while it runs, and
# prints run.sh's table and the `tradeproof serve` samples of the measured phase attributed by benchmarks/load/attribute.py
# (verification, store, the node's own parts, HTTP, JIT, ...). Needs perf (apt-get install linux-perf) and python3.
#
#   SCENARIO=submit benchmarks/load/profile.sh
#   SCENARIO=submit-fresh DURATION=15 WARMUP=10 PRESENTATIONS=6000 FREQUENCY=499 benchmarks/load/profile.sh
#   KEEP=/tmp/prof benchmarks/load/profile.sh    also keeps perf.data, the perf script text and the perf map there
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
SCENARIO=${SCENARIO:-submit}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-10}
PRESENTATIONS=${PRESENTATIONS:-6000}
FREQUENCY=${FREQUENCY:-499}
command -v perf >/dev/null || { echo "profile.sh: perf is not installed (apt-get install linux-perf)" >&2; exit 1; }

out=$(mktemp -d /tmp/tradeproof-profile-XXXXXX)
runner=
recorder=
cleanup() {
  [ -n "$runner" ] && kill "$runner" 2>/dev/null && wait "$runner" 2>/dev/null || true
  [ -n "$recorder" ] && kill -INT "$recorder" 2>/dev/null && wait "$recorder" 2>/dev/null || true
  [ -n "${KEEP:-}" ] && { mkdir -p "$KEEP"; cp -r "$out"/. "$KEEP"/; }
  rm -rf "$out"
}
trap cleanup EXIT

NODE_PERF_MAP=1 STORES=sqlite NODES=1 SCENARIOS="$SCENARIO" DURATION="$DURATION" \
  WARMUP="$WARMUP" PRESENTATIONS="$PRESENTATIONS" benchmarks/load/run.sh >"$out/run.log" 2>&1 &
runner=$!
node=
for _ in $(seq 1 1800); do
  node=$(pgrep -P "$runner" -f 'tradeproof.dll serve' | head -1 || true)
  [ -n "$node" ] && break
  kill -0 "$runner" 2>/dev/null || { cat "$out/run.log" >&2; exit 1; }
  sleep 0.5
done
[ -n "$node" ] || { echo "profile.sh: no serve process under run.sh" >&2; exit 1; }
# All CPUs from the node's start (perf takes seconds to set up on a busy machine), the node's samples picked out
# afterwards: `perf record -p` follows only the threads alive when it attaches, and the runtime replaces thread-pool
# workers and its tiering thread during a run.
perf record -a -F "$FREQUENCY" -g -o "$out/perf.data" >/dev/null 2>"$out/perf.log" &
recorder=$!
wait "$runner" || true
runner=
kill -INT "$recorder" 2>/dev/null || true
wait "$recorder" 2>/dev/null || true
recorder=
grep -q '^RESULT' "$out/run.log" || { echo "profile.sh: the load generator gave no result" >&2; cat "$out/run.log" >&2; exit 1; }
cp "/tmp/perf-$node.map" "$out/" 2>/dev/null || true
perf script -i "$out/perf.data" --pid "$node" -F comm,tid,time,ip,sym,dso >"$out/perf.txt" 2>/dev/null
rm -f "/tmp/perf-$node.map" "/tmp/perfinfo-$node.map"
sed -n '/^| scenario/,$p' "$out/run.log"
echo
# The measured phase: the DURATION seconds before the load generator stopped (the node's last busy second; run.sh stops
# the node at once), whenever perf's set-up let it start sampling.
echo "perf: serve (pid $node) at $FREQUENCY Hz, the measured phase only (the last $DURATION s of load):"
python3 benchmarks/load/attribute.py "$out/perf.txt" "end-$((DURATION + 1))" "end-1"
