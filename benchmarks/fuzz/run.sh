#!/usr/bin/env bash
# The long run of the mutation fuzzer (issue #10 item 3): every parser target for a number of cases or minutes each,
# printing cases/s and findings; replayable inputs of findings go to benchmarks/fuzz/findings/ (not committed).
#   benchmarks/fuzz/run.sh                       # 1,000,000 cases per target, seed 1
#   benchmarks/fuzz/run.sh --minutes 5           # 5 minutes per target
#   benchmarks/fuzz/run.sh --target jsonld --seed 7 --cases 5000000
#   benchmarks/fuzz/run.sh --target jcs --seed 1 --first 123 --cases 1 --dump   # replay one case
# Exit code 1 when anything was found. Needs ../shared/conformance beside the repository (seed corpora).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dotnet build "$root/benchmarks/Tradeproof.Fuzz" -c Release -nologo -clp:ErrorsOnly >/dev/null
args=("$@")
if [[ ! " ${args[*]-} " =~ " --cases " && ! " ${args[*]-} " =~ " --minutes " ]]; then
  args+=(--cases 1000000)
fi
exec dotnet "$root/benchmarks/Tradeproof.Fuzz/bin/Release/net10.0/Tradeproof.Fuzz.dll" --out "$here/findings" "${args[@]}"
