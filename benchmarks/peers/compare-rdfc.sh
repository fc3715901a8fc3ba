#!/usr/bin/env bash
# RDFC-1.0: Tradeproof vs Digital Bazaar rdf-canonize (pinned in package-lock.json), side by side.
# Inputs: the credential-shaped datasets of benchmarks/data (50, 68, 500, 5,000 quads) and a few
# W3C rdf-canon cases with shared blank-node hashes. Extra arguments go to compare.sh (e.g. --rounds 3).
# usage: benchmarks/peers/compare-rdfc.sh [--rounds N] [--measure-ms N] [--repo DIR] [op: rdfc | rdfc-nq | nquads-parse]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
options=()
while [[ $# -gt 0 && "$1" == --* ]]; do
  if [[ "$1" == --no-build ]]; then options+=("$1"); shift; else options+=("$1" "$2"); shift 2; fi
done
op="${1:-rdfc}"
suite="${TRADEPROOF_CONFORMANCE:-$repo/../shared/conformance}/rdf-canon/rdfc10"
inputs=("$repo"/benchmarks/data/credentials-{50,68,500,5000}.nq)
if [[ -d "$suite" ]]; then
  # test044 (evil: 12 blank nodes, 3,348 Hash N-Degree Quads steps), test059 (19 blank nodes), test054 (t-graph).
  inputs+=("$suite/test044-in.nq" "$suite/test059-in.nq" "$suite/test054-in.nq")
fi
exec "$here/compare.sh" "${options[@]}" "$op" "${inputs[@]}"
