#!/usr/bin/env bash
# JCS (RFC 8785): Tradeproof vs the npm `canonicalize` package (pinned in package-lock.json), side by side.
# Inputs: the 3 KB credential shared/design/fixtures/mill-test-report.json and synthetic credential-shaped
# documents of 10^3, 10^4 and 10^5 bytes (written by the benchmarks project into a temporary folder).
# Operations: `jcs` (JSON text in, canonical form out; Node: canonicalize(JSON.parse(text))) and `jcs-parsed`
# (an already parsed value in; .NET: a JsonElement). Options go to compare.sh (--rounds, --warmup-ms,
# --measure-ms, --no-build, --repo DIR to build and run the .NET side from a clean checkout).
# usage: benchmarks/peers/compare-jcs.sh [--rounds N] [--measure-ms N] [--no-build] [--repo DIR] [op: jcs | jcs-parsed]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
fixture="$repo/../shared/design/fixtures/mill-test-report.json"
options=()
build=1
while [[ $# -gt 0 && "$1" == --* ]]; do
  case "$1" in
    --no-build) build=0; shift ;;
    --repo) repo="$(cd "$2" && pwd)"; options+=("$1" "$2"); shift 2 ;;
    *) options+=("$1" "$2"); shift 2 ;;
  esac
done
op="${1:-jcs}"
dll="$repo/benchmarks/Tradeproof.Benchmarks/bin/Release/net10.0/Tradeproof.Benchmarks.dll"
if [[ $build -eq 1 || ! -f "$dll" ]]; then
  dotnet build -c Release "$repo/benchmarks/Tradeproof.Benchmarks/Tradeproof.Benchmarks.csproj" >&2
fi
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
dotnet "$dll" peer jcs-write-synthetic "$data" --warmup-ms 0 --measure-ms 1 > /dev/null
inputs=("$fixture" "$data"/jcs-synthetic-{1000,10000,100000}.json)
"$here/compare.sh" --no-build "${options[@]}" "$op" "${inputs[@]}"
