#!/usr/bin/env bash
# Times one operation in Tradeproof (.NET) and in its Node peer, alternating, in the same run, and prints a
# markdown table of medians and the ratio. Reusable for any operation both sides implement:
#   .NET: a class implementing IPeerOperation (benchmarks/Tradeproof.Benchmarks/<Library>/...)
#   Node: an entry in benchmarks/peers/ops/*.mjs
# usage: compare.sh [--rounds 5] [--warmup-ms 1000] [--measure-ms 2000] [--no-build] [--repo DIR] <op>[,<op>...] <input-file>...
#   several comma-separated operations are interleaved in each round and summarised in one table.
#   --repo DIR: build and run the .NET side from another checkout, e.g. a `git archive HEAD` copy, so that
#               other people's unfinished edits in the working tree cannot break or race the build.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
rounds=5; warmup=1000; measure=2000; build=1
while [[ $# -gt 0 && "$1" == --* ]]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --warmup-ms) warmup="$2"; shift 2 ;;
    --measure-ms) measure="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --repo) repo="$(cd "$2" && pwd)"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ $# -ge 2 ]] || { sed -n 2,10p "${BASH_SOURCE[0]}" >&2; exit 2; }
IFS=, read -r -a ops <<< "$1"; shift

if [[ ! -d "$here/node_modules" ]]; then
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund >&2)
fi
dll="$repo/benchmarks/Tradeproof.Benchmarks/bin/Release/net10.0/Tradeproof.Benchmarks.dll"
if [[ $build -eq 1 || ! -f "$dll" ]]; then
  dotnet build -c Release "$repo/benchmarks/Tradeproof.Benchmarks/Tradeproof.Benchmarks.csproj" >&2
fi

results="$(mktemp)"
trap 'rm -f "$results"' EXIT
for input in "$@"; do
  for ((r = 1; r <= rounds; r++)); do
    for op in "${ops[@]}"; do
      # Alternate which side goes first, so drift in machine load hits both alike.
      if (( r % 2 )); then order=(dotnet node); else order=(node dotnet); fi
      for side in "${order[@]}"; do
        if [[ $side == dotnet ]]; then
          line="$(dotnet "$dll" peer "$op" "$input" --warmup-ms "$warmup" --measure-ms "$measure")"
        else
          line="$(node "$here/time.mjs" "$op" "$input" --warmup-ms "$warmup" --measure-ms "$measure")"
        fi
        echo "{\"side\":\"$side\",\"round\":$r,\"data\":$line}" >> "$results"
        echo "  round $r $side: $line" >&2
      done
    done
  done
done

node "$here/summarize.mjs" < "$results"
