#!/usr/bin/env bash
# Bulk issue and bulk verify of a marketplace's daily batch of CBP Section 321 de minimis declarations
# (the e-commerce vocabulary of src/Tradeproof.Trade: CBPSection321DeMinimisCredential), issue #9's target:
# verify 100,000 from a file at >= 5,000 per second with all cores.
#
#   benchmarks/bulk/run.sh                 # 100,000 declarations, eddsa-jcs-2022 (the marketplace's suite)
#   N=20000 benchmarks/bulk/run.sh         # fewer
#   SUITES=all benchmarks/bulk/run.sh      # every suite: eddsa-jcs-2022 eddsa-rdfc-2022 ecdsa-jcs-2019 ecdsa-rdfc-2019 jwt-ed25519 jwt-p256
#   WORKERS=1 benchmarks/bulk/run.sh       # one core (default: all)
#
# Prints one line per suite and step with the rate, the machine (cores) and the load average before and after.
# Exits non-zero when a step fails or a credential does not verify. Work files go to a temporary folder
# (KEEP=1 keeps it).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
n=${N:-100000}
suites=${SUITES:-eddsa-jcs-2022}
if [ "$suites" = all ]; then
  suites="eddsa-jcs-2022 eddsa-rdfc-2022 ecdsa-jcs-2019 ecdsa-rdfc-2019 jwt-ed25519 jwt-p256"
fi
workers=()
if [ -n "${WORKERS:-}" ]; then workers=(--workers "$WORKERS"); fi
work=$(mktemp -d "${TMPDIR:-/tmp}/tradeproof-bulk.XXXXXX")
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$work"' EXIT; fi

# TRADEPROOF_DLL=path/to/tradeproof.dll runs that build instead of ./tradeproof (which builds the checkout first).
if [ -n "${TRADEPROOF_DLL:-}" ]; then tp() { dotnet "$TRADEPROOF_DLL" "$@"; }; else tp() { "$root/tradeproof" "$@"; }; fi
tp --help > /dev/null # builds the command first, outside the timings

echo "machine: $(nproc) cores, $(uname -sr), $(date -u +%Y-%m-%dT%H:%M:%SZ); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
tp key generate --type ed25519 --out "$work/ed25519.key.json" > /dev/null
tp key generate --type p256 --out "$work/p256.key.json" > /dev/null

# N declarations: a marketplace (the issuer is filled in from the key) declaring N parcels, each with its own
# tracking number, seller, buyer and listed price under the USD 800 de minimis threshold.
awk -v n="$n" 'BEGIN {
  split("VN CN MX CA KR TW TH IN", origin, " ");
  split("Defiance,Ohio,43512 Austin,Texas,73301 Denver,Colorado,80014 Fresno,California,93650 Albany,New York,12084", city, " ");
  for (i = 1; i <= n; i++) {
    o = origin[(i % 8) + 1]; split(city[(i % 5) + 1], c, ",");
    price = 5 + (i * 37) % 790;
    printf "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\",\"https://w3id.org/traceability/v1\"],"
    printf "\"type\":[\"VerifiableCredential\",\"CBPSection321DeMinimisCredential\"],"
    printf "\"credentialSubject\":{\"type\":[\"DeMinimisShipment\"],\"originatorCode\":\"CBP0000288215\",\"participantFilerType\":\"Online Marketplace\","
    printf "\"shipmentTrackingNumber\":\"SN%010d\",\"modeOfTransportation\":\"Air\",", i
    printf "\"seller\":{\"type\":[\"Organization\"],\"name\":\"Seller %d\",\"location\":{\"type\":[\"Place\"],\"address\":{\"type\":[\"PostalAddress\"],\"addressCountry\":\"%s\"}}},", i % 997, o
    printf "\"buyer\":{\"type\":[\"Entity\"],\"entityType\":\"Person\",\"name\":\"Buyer %d\",\"address\":{\"type\":[\"PostalAddress\"],\"addressLocality\":\"%s\",\"addressRegion\":\"%s\",\"postalCode\":\"%s\",\"addressCountry\":\"US\"}},", i, c[1], c[2], c[3]
    printf "\"enhancedProductDescription\":\"Parcel %d: consumer goods\",\"knownCarrierCustomerFlag\":true,\"knownMarketplaceSellerFlag\":true,", i
    printf "\"marketplaceSellerAccountNumber\":\"V%05d\",", i % 99991
    printf "\"listedPriceOnMarketplace\":{\"type\":[\"PriceSpecification\"],\"price\":%d,\"priceCurrency\":\"USD\"}}}\n", price
  }
}' > "$work/declarations.jsonl"
echo "declarations: $n in $(du -h "$work/declarations.jsonl" | cut -f1)"

rate() { sed -n 's/.*"perSecond": \([0-9.]*\).*/\1/p'; }
status=0
for suite in $suites; do
  case "$suite" in
    jwt-ed25519) key=ed25519; args=(--suite jwt) ;;
    jwt-p256) key=p256; args=(--suite jwt) ;;
    ecdsa-*) key=p256; args=(--suite "$suite") ;;
    *) key=ed25519; args=(--suite "$suite") ;;
  esac
  issued="$work/issued-$suite.jsonl"
  if ! tp issue --bulk "$work/declarations.jsonl" --key "$work/$key.key.json" "${args[@]}" --out "$issued" --json --quiet "${workers[@]}" > "$work/issue-$suite.json"; then
    echo "$suite: issue failed"; cat "$work/issue-$suite.json"; status=1; continue
  fi
  echo "$suite: issue  $n: $(rate < "$work/issue-$suite.json")/s ($(du -h "$issued" | cut -f1))"
  if ! tp verify --bulk "$issued" --json --quiet "${workers[@]}" > "$work/verify-$suite.json"; then
    echo "$suite: verify failed"; head -c 2000 "$work/verify-$suite.json"; status=1; continue
  fi
  echo "$suite: verify $n: $(rate < "$work/verify-$suite.json")/s (all valid)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "${KEEP:-}" ]; then echo "files kept in $work"; fi
exit $status
