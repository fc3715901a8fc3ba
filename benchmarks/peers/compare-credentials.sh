#!/usr/bin/env bash
# Credentials: issue and verify of the mill test report per securing mechanism, Tradeproof vs Digital Bazaar's
# @digitalbazaar/vc 7.3.0 and cryptosuites (pinned in package-lock.json), side by side, alternating, in one run, with
# the bare signature verification (the floor) of each side. Operations: ops/credentials.mjs and
# benchmarks/Tradeproof.Benchmarks/Credentials/CredentialPeerOperations.cs.
# Input: shared/design/fixtures/mill-test-report.json; the JCS suites run on a copy with only the VC 2.0 context
# (Digital Bazaar's JCS verifiers reject inline contexts once parsed from JSON: see docs/interop.md).
# Options go to compare.sh (--rounds, --warmup-ms, --measure-ms, --no-build, --repo DIR to build and run the .NET
# side from a clean checkout; defaults here: --warmup-ms 6000 --measure-ms 1000). `--only verify` or `--only issue` limits the operations.
# usage: benchmarks/peers/compare-credentials.sh [--rounds N] [--measure-ms N] [--no-build] [--repo DIR] [--only verify|issue]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# A long warm-up: on a loaded machine .NET's tiered JIT (whose promotion delays are wall-clock) needed several
# seconds of CPU to reach its optimised code (1 s left eddsa-rdfc-2022 verify 5x slower, 3 s sometimes 3x);
# both sides get the same budgets.
options=(--warmup-ms 6000 --measure-ms 1000)
build=1
only=""
while [[ $# -gt 0 && "$1" == --* ]]; do
  case "$1" in
    --no-build) build=0; shift ;;
    --only) only="$2"; shift 2 ;;
    --repo) repo="$(cd "$2" && pwd)"; options+=("$1" "$2"); shift 2 ;;
    *) options+=("$1" "$2"); shift 2 ;;
  esac
done
fixture="$here/../../../shared/design/fixtures/mill-test-report.json"
[[ -f "$fixture" ]] || fixture="$repo/../shared/design/fixtures/mill-test-report.json"
dll="$repo/benchmarks/Tradeproof.Benchmarks/bin/Release/net10.0/Tradeproof.Benchmarks.dll"
if [[ $build -eq 1 || ! -f "$dll" ]]; then
  dotnet build -c Release "$repo/benchmarks/Tradeproof.Benchmarks/Tradeproof.Benchmarks.csproj" >&2
fi
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
node -e '
  const fs = require("fs");
  const credential = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  credential["@context"] = ["https://www.w3.org/ns/credentials/v2"];
  fs.writeFileSync(process.argv[2], JSON.stringify(credential, null, 2));
' "$fixture" "$data/mill-test-report-v2-context-only.json"

pick() { # keeps the operations matching --only
  local out=()
  for op in "$@"; do [[ -z "$only" || "$op" == *"$only"* || "$op" == floor-* ]] && out+=("$op"); done
  (IFS=,; echo "${out[*]}")
}
rdfc=$(pick vc-eddsa-rdfc-2022-verify vc-eddsa-rdfc-2022-issue \
  vc-ecdsa-rdfc-2019-p256-verify vc-ecdsa-rdfc-2019-p256-issue vc-ecdsa-rdfc-2019-p384-verify vc-ecdsa-rdfc-2019-p384-issue \
  vc-ecdsa-sd-2023-issue vc-ecdsa-sd-2023-derive vc-ecdsa-sd-2023-verify \
  vc-ed25519signature2020-verify vc-ed25519signature2020-issue \
  floor-ed25519-verify floor-p256-verify floor-p384-verify)
jcs=$(pick vc-eddsa-jcs-2022-verify vc-eddsa-jcs-2022-issue vc-ecdsa-jcs-2019-p256-verify vc-ecdsa-jcs-2019-p256-issue)
echo "Machine: $(nproc) cores, $(uname -sr), $(dotnet --version 2>/dev/null | sed 's/^/.NET SDK /'), Node $(node --version); $(date -u '+%Y-%m-%d %H:%M UTC'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
"$here/compare.sh" --no-build "${options[@]}" "$rdfc" "$fixture"
echo
"$here/compare.sh" --no-build "${options[@]}" "$jcs" "$data/mill-test-report-v2-context-only.json"
echo
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
