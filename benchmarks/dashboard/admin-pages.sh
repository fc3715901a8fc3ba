#!/usr/bin/env bash
# Server-side time of the dashboard's pages (twins, twin, inbox, inbox entry, outbox and the operator pages; issue #9 target:
# under 100 ms per page) over the demo's data:
# starts `tradeproof demo --scenario steel` (twelve nodes on loopback), signs in with the one-time link the demo
# prints (POST of its token, as the "Sign in" button does), then requests each admin page of the CBP node N times
# (default 30) with curl and prints p50/p95/max of the time to first byte (the page is rendered before its first byte
# is sent) and the page size.
#
#   benchmarks/dashboard/admin-pages.sh
#   N=100 TRADEPROOF_DLL=src/Tradeproof.Cli/bin/Release/net10.0/tradeproof.dll benchmarks/dashboard/admin-pages.sh
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
n=${N:-30}
work=$(mktemp -d "${TMPDIR:-/tmp}/tradeproof-admin.XXXXXX")
demo_pid=
cleanup() { if [ -n "$demo_pid" ]; then kill "$demo_pid" 2>/dev/null; wait "$demo_pid" 2>/dev/null; fi; rm -rf "$work"; }
trap cleanup EXIT
if [ -n "${TRADEPROOF_DLL:-}" ]; then tp() { dotnet "$TRADEPROOF_DLL" "$@"; }; else tp() { "$root/tradeproof" "$@"; }; fi
tp --help > /dev/null || exit 1
echo "machine: $(nproc) cores, $(uname -sr), $(date -u +%Y-%m-%dT%H:%M:%SZ); load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# exec: $demo_pid is the demo's own process, so the cleanup stops it (with a shell function in between, kill reached
# only the subshell and the demo's nodes kept running after the script).
( if [ -n "${TRADEPROOF_DLL:-}" ]; then exec dotnet "$TRADEPROOF_DLL" demo --scenario steel; else exec "$root/tradeproof" demo --scenario steel; fi ) \
  > "$work/demo.out" 2> "$work/demo.err" &
demo_pid=$!
for _ in $(seq 1 600); do
  grep -q "sign-in link" "$work/demo.err" 2>/dev/null && break
  kill -0 "$demo_pid" 2>/dev/null || { cat "$work/demo.err" >&2; exit 1; }
  sleep 0.5
done
link=$(grep -o "http://[^ ]*/dashboard/login?token=[^ ]*" "$work/demo.err" | head -1)
[ -n "$link" ] || { echo "the demo printed no sign-in link" >&2; cat "$work/demo.err" >&2; exit 1; }
base=${link%%/dashboard/*}
cookie=$(curl -s -o /dev/null -D - -H "Origin: $base" --data "token=${link##*token=}" "$base/dashboard/login" \
  | grep -i '^set-cookie:' | sed -e 's/^[Ss]et-[Cc]ookie: //' -e 's/;.*//')
[ -n "$cookie" ] || { echo "sign-in refused" >&2; exit 1; }
credential=$(curl -s -H "Cookie: $cookie" "$base/dashboard/organizations/cbp/status-lists" | grep -o 'credential=[^"#]*' | head -1)
twin=$(curl -s -H "Cookie: $cookie" "$base/dashboard/organizations/cbp/twins" | grep -o 'twin?id=[^"]*' | head -1 | sed 's/&amp;/\&/g')
entry=$(curl -s -H "Cookie: $cookie" "$base/dashboard/organizations/cbp/inbox" | grep -o 'inbox/entry?id=[^"]*' | head -1 | sed 's/&amp;/\&/g')

pages=(
  "/dashboard/organizations/cbp/twins"
  "/dashboard/organizations/cbp/$twin"
  "/dashboard/organizations/cbp/inbox"
  "/dashboard/organizations/cbp/$entry"
  "/dashboard/organizations/cbp/outbox"
  "/dashboard/organizations/cbp/outbox?state=delivered"
  "/dashboard/organizations/cbp/registry"
  "/dashboard/organizations/cbp/keys"
  "/dashboard/organizations/cbp/status-lists"
  "/dashboard/organizations/cbp/status-lists?$credential"
  "/dashboard/log"
  "/dashboard/log?index=0"
)
printf '%-60s %8s %8s %8s %9s\n' page p50_ms p95_ms max_ms bytes
for page in "${pages[@]}"; do
  url="$base$page"
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$url")
  [ "$status" = 200 ] || { echo "$page: HTTP $status" >&2; exit 1; }
  for _ in $(seq 1 "$n"); do curl -s -o /dev/null -H "Cookie: $cookie" -w '%{time_starttransfer} %{size_download}\n' "$url"; done > "$work/times"
  sort -n "$work/times" | awk -v page="$page" '{ t[NR] = $1 * 1000; b = $2 } END {
    printf "%-60s %8.1f %8.1f %8.1f %9d\n", substr(page, 1, 60), t[int((NR + 1) / 2)], t[int(NR * 0.95 + 0.5)], t[NR], b }'
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
