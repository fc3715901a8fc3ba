#!/usr/bin/env bash
# Long kill -9 runs of issue #10 (the CI versions run 3 and 5 rounds).
#   node:    a real `tradeproof serve` on SQLite under HTTP write load (submissions, idempotent issuance) SIGKILLed at a
#            random moment, ROUNDS times: acknowledged writes lost 0, duplicates 0, twin versions dense, log leaves =
#            stored writes with contiguous indexes, audit clean (KillUnderLoadTests).
#   storage: the store's own kill writer (four writers, twin streams and credentials) SIGKILLed after 20-400
#            acknowledgements, ROUNDS times (SqliteKillTests).
# SKIP_BUILD=1 uses the test builds already there.
# usage: benchmarks/reliability/kill.sh [ROUNDS=200] [SEED]      results: benchmarks/reliability/results/kill-*.log
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-200}"
seed="${2:-$RANDOM}"
out=benchmarks/reliability/results
mkdir -p "$out"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
[ -n "${SKIP_BUILD:-}" ] || dotnet build tests/Tradeproof.Node.Tests -c Release -nologo -clp:ErrorsOnly
[ -n "${SKIP_BUILD:-}" ] || dotnet build tests/Tradeproof.Storage.Tests -c Release -nologo -clp:ErrorsOnly
echo "node kill -9: $rounds rounds, seed $seed, $(date -u), load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/kill-$stamp.log"
start=$(date +%s)
TRADEPROOF_NODE_KILL_ROUNDS="$rounds" TRADEPROOF_NODE_KILL_SEED="$seed" \
  dotnet test tests/Tradeproof.Node.Tests -c Release --no-build -nologo \
  --filter "FullyQualifiedName~KillUnderLoadTests" --logger "console;verbosity=detailed" 2>&1 | tee -a "$out/kill-$stamp.log" \
  | grep -E "^\s*(Passed|Failed)|seed .*round $rounds/|unanswered submissions were kept|Total tests" || true
echo "node: $(( $(date +%s) - start )) s" | tee -a "$out/kill-$stamp.log"
start=$(date +%s)
TRADEPROOF_STORAGE_KILL_ROUNDS="$rounds" \
  dotnet test tests/Tradeproof.Storage.Tests -c Release --no-build -nologo \
  --filter "FullyQualifiedName~SqliteKillTests" --logger "console;verbosity=detailed" 2>&1 | tee -a "$out/kill-$stamp.log" \
  | grep -E "^\s*(Passed|Failed)|Total tests" || true
echo "storage: $(( $(date +%s) - start )) s" | tee -a "$out/kill-$stamp.log"
