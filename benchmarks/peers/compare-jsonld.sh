#!/usr/bin/env bash
# JSON-LD: Tradeproof.JsonLd vs Digital Bazaar jsonld (pinned in package-lock.json), side by side, on the mill test
# report credential (shared/design/fixtures/mill-test-report.json). Extra options go to compare.sh (e.g. --rounds 3).
# usage: benchmarks/peers/compare-jsonld.sh [--rounds N] [--measure-ms N] [--no-build] [--repo DIR] [ops...]
#   ops: jsonld-expand jsonld-to-rdf jsonld-compact jsonld-flatten (default: all four)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
options=()
while [[ $# -gt 0 && "$1" == --* ]]; do
  if [[ "$1" == --no-build ]]; then options+=("$1"); shift; else options+=("$1" "$2"); shift 2; fi
done
ops=("$@")
[[ ${#ops[@]} -gt 0 ]] || ops=(jsonld-expand jsonld-to-rdf jsonld-compact jsonld-flatten)
input="${TRADEPROOF_FIXTURES:-$repo/../shared/design/fixtures}/mill-test-report.json"
first=1
for op in "${ops[@]}"; do
  if [[ $first -eq 1 ]]; then
    "$here/compare.sh" "${options[@]}" "$op" "$input"
    first=0
    # Build once.
    [[ " ${options[*]:-} " == *" --no-build "* ]] || options+=(--no-build)
  else
    "$here/compare.sh" "${options[@]}" "$op" "$input"
  fi
done
