#!/usr/bin/env bash
# Presentation received -> provisional message delivered (issue #8 target: < 200 ms on loopback).
#
# Runs `tradeproof demo --no-serve` (twelve real node processes' worth of nodes on loopback, real HTTP between them)
# RUNS times, then reads each customs or agency node's own SQLite store: for every provisional message it sent,
# the time from the filing's arrival in its inbox (presentations.received_at) to the message's acknowledged
# delivery at the filer's node (customs_outbox.delivered_at), both stamped by the sending node's clock in ms.
# "first" is the first message of a filing (normally `received`), "all" every message (decisions and agency
# answers included, which wait for the agency's own verification); "warm" the first message of every filing but a
# node's first (whose code paths run for the first time: JIT, connections), "cold" those first filings.
#
# Usage: benchmarks/customs/provisional-latency.sh [RUNS]   (default 3; about 15 s a run on a quiet machine)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
command -v sqlite3 >/dev/null || { echo "provisional-latency: needs sqlite3 (apt-get install -y sqlite3)" >&2; exit 2; }
./tradeproof --version >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "# $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), commit $(git rev-parse --short HEAD), $runs demo runs"
# User + system CPU seconds of this shell's finished children, from bash `times` (run in this shell, not a subshell:
# a subshell's children are its own) written to a file.
children_cpu() { tail -1 "$1" | awk '{ split($1, u, "m"); split($2, s, "m"); printf "%.3f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }'; }
for r in $(seq 1 "$runs"); do
  # Exit 1 is "ran, but an expectation of a scenario was not met": the stores are complete, so measure anyway and
  # say so; anything else (a crash, a build failure) stops the benchmark.
  status=0
  times >"$work/times0"
  start=$(date +%s%N)
  ./tradeproof demo --no-serve --data "$work/run$r" --port-base $((6100 + r * 40)) >"$work/run$r.log" 2>&1 || status=$?
  # The run's CPU (user + system of the demo process) beside its wall-clock time: on a loaded machine the wall clock
  # shows the load, the CPU what the run itself cost.
  times >"$work/times1"
  echo "# run $r: wall $(( ($(date +%s%N) - start) / 1000000 )) ms, CPU $(awk -v a="$(children_cpu "$work/times0")" -v b="$(children_cpu "$work/times1")" 'BEGIN { printf "%.2f", b - a }') s, load $(cut -d' ' -f1 /proc/loadavg)"
  if [ "$status" -eq 1 ]; then
    echo "# demo run $r: an expectation was not met (exit 1); measured anyway: $(grep -m1 -iE 'not met|missed|unmet' "$work/run$r.log" || true)"
  elif [ "$status" -ne 0 ]; then
    echo "demo run $r failed (exit $status, see below)" >&2; tail -20 "$work/run$r.log" >&2; exit 1
  fi
done
query="SELECT o.delivered_at - p.received_at,
              CASE WHEN o.sequence = (SELECT MIN(o2.sequence) FROM customs_outbox o2
                                      WHERE o2.tenant_id = o.tenant_id AND o2.filing = o.filing) THEN 1 ELSE 0 END,
              CASE WHEN p.received_at = (SELECT MIN(p2.received_at) FROM presentations p2
                                         JOIN customs_outbox o3 ON o3.tenant_id = p2.tenant_id AND o3.filing = p2.id
                                         WHERE p2.tenant_id = o.tenant_id) THEN 1 ELSE 0 END
       FROM customs_outbox o JOIN presentations p ON p.tenant_id = o.tenant_id AND p.id = o.filing
       WHERE o.state = 'delivered' AND o.delivered_at IS NOT NULL;"
: >"$work/samples"
while IFS= read -r db; do
  if sqlite3 "$db" "SELECT 1 FROM sqlite_master WHERE name = 'customs_outbox'" 2>/dev/null | grep -q 1; then
    sqlite3 -separator ' ' "$db" "$query" >>"$work/samples"
  fi
done < <(find "$work" -type f \( -name '*.db' -o -name '*.sqlite' \))
python3 - "$work/samples" <<'PY'
import sys
rows = [tuple(map(int, l.split())) for l in open(sys.argv[1]) if l.strip()]
def show(name, xs):
    if not xs:
        print(f"{name:6} no samples"); return
    xs = sorted(xs)
    pick = lambda q: xs[min(len(xs) - 1, int(q * len(xs)))]
    print(f"{name:6} n={len(xs):4}  p50 {pick(0.5):5} ms  p90 {pick(0.9):5} ms  p99 {pick(0.99):5} ms  max {xs[-1]:5} ms")
show("first", [d for d, f, _ in rows if f == 1])
show("all", [d for d, _, _ in rows])
# A node's first filing runs its verification and delivery code paths for the first time (JIT, connection set-up).
show("warm", [d for d, f, c in rows if f == 1 and c == 0])
show("cold", [d for d, f, c in rows if f == 1 and c == 1])
PY
