#!/usr/bin/env bash
# The 10-minute soak of issue #10: mixed traffic (issue, verify, submit, twin reads) against a real node on SQLite,
# throughput, p50/p99, errors and the node's resident memory per window (SoakTests; CI runs 20 s).
# SKIP_BUILD=1 uses the test builds already there.
# usage: benchmarks/reliability/soak.sh [SECONDS=600] [WORKERS=4]   results: benchmarks/reliability/results/soak-*.md
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-600}"
workers="${2:-4}"
out=benchmarks/reliability/results
mkdir -p "$out"
report="$PWD/$out/soak-$(date -u +%Y%m%dT%H%M%SZ).md"
[ -n "${SKIP_BUILD:-}" ] || dotnet build tests/Tradeproof.Node.Tests -c Release -nologo -clp:ErrorsOnly
{
  echo "# soak $(date -u '+%Y-%m-%d %H:%M UTC'), ${seconds} s, ${workers} workers"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME"), .NET $(dotnet --version); load at start $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
} > "$report"
TRADEPROOF_SOAK_SECONDS="$seconds" TRADEPROOF_SOAK_WORKERS="$workers" TRADEPROOF_SOAK_REPORT="$report" \
  dotnet test tests/Tradeproof.Node.Tests -c Release --no-build -nologo \
  --filter "FullyQualifiedName~Reliability.SoakTests" 2>&1 | tail -5
echo "load at end $(cut -d' ' -f1-3 /proc/loadavg)" >> "$report"
cat "$report"
