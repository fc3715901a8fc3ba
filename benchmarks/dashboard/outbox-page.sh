#!/usr/bin/env bash
# Server-side time of the dashboard's customs outbox page over a large outbox (issue #9 target: under 100 ms a page).
# Makes a node's store with one organization, `cbp`, fills its outbox with MESSAGES rows straight in SQLite (default
# 100,000: every 1,000th given up, the newest 100 pending and due in a year so nothing is delivered, the rest delivered),
# starts `tradeproof serve` on a loopback port, signs in with `tradeproof dashboard link` (POST of the token, as the
# "Sign in" button does) and requests each page N times (default 30) with curl: p50/p95/max of the time to first byte
# (the page is rendered before its first byte is sent) and the page size. `?state=failed` is the worst case: the 100
# given-up rows are spread over the whole table, which is read newest first until 200 match (as the API's listing).
#
#   benchmarks/dashboard/outbox-page.sh
#   N=50 MESSAGES=20000 TRADEPROOF_DLL=src/Tradeproof.Cli/bin/Release/net10.0/tradeproof.dll benchmarks/dashboard/outbox-page.sh
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
n=${N:-30}
messages=${MESSAGES:-100000}
work=$(mktemp -d "${TMPDIR:-/tmp}/tradeproof-outbox.XXXXXX")
node_pid=
cleanup() { if [ -n "$node_pid" ]; then kill "$node_pid" 2>/dev/null; wait "$node_pid" 2>/dev/null; fi; rm -rf "$work"; }
trap cleanup EXIT
if [ -n "${TRADEPROOF_DLL:-}" ]; then tp() { dotnet "$TRADEPROOF_DLL" "$@"; }; else tp() { "$root/tradeproof" "$@"; }; fi
command -v sqlite3 > /dev/null || { echo "sqlite3 is needed (apt-get install -y sqlite3)" >&2; exit 1; }
tp --help > /dev/null || exit 1
echo "machine: $(nproc) cores, $(uname -sr), $(date -u +%Y-%m-%dT%H:%M:%SZ); load before: $(cut -d' ' -f1-3 /proc/loadavg); $messages messages"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://localhost:$port"
tp tenant add cbp --data "$work/data" --public-url "$base" > /dev/null || exit 1
now=$(date +%s%3N)
sqlite3 "$work/data/tradeproof.db" <<SQL || exit 1
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $messages)
INSERT INTO customs_outbox (tenant_id, id, kind, recipient, filing, status, content, state, attempts, next_attempt_at, last_error, created_at, delivered_at)
SELECT 'cbp', printf('urn:uuid:00000000-0000-4000-8000-%012d', i), 'provisional-message', 'did:web:filer.example:organizations:f' || (i % 97),
       printf('urn:uuid:10000000-0000-4000-8000-%012d', i), 'may-proceed', CAST('[]' AS BLOB),
       CASE WHEN i > $messages - 100 THEN 'pending' WHEN i % 1000 = 0 THEN 'failed' ELSE 'delivered' END,
       CASE WHEN i % 1000 = 0 THEN 1 ELSE 0 END, $now + 31536000000,
       CASE WHEN i % 1000 = 0 THEN 'Refused by the recipient (422), not retried: Issuer not trusted for this credential type' END,
       $now - ($messages - i) * 1000, CASE WHEN i <= $messages - 100 AND i % 1000 <> 0 THEN $now - ($messages - i) * 1000 + 300 END
FROM n;
SQL

# exec: $node_pid is the node's own process (its CPU time is read from /proc).
( if [ -n "${TRADEPROOF_DLL:-}" ]; then exec dotnet "$TRADEPROOF_DLL" serve --data "$work/data" --public-url "$base" --urls "$base"
  else exec "$root/tradeproof" serve --data "$work/data" --public-url "$base" --urls "$base"; fi ) > "$work/serve.out" 2> "$work/serve.err" &
node_pid=$!
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$node_pid/stat"; }
for _ in $(seq 1 240); do
  curl -s -o /dev/null "$base/health" && break
  kill -0 "$node_pid" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
  sleep 0.5
done
link=$(tp dashboard link --data "$work/data" --public-url "$base" --url "$base")
cookie=$(curl -s -o /dev/null -D - -H "Origin: $base" --data "token=${link##*token=}" "$base/dashboard/login" \
  | grep -i '^set-cookie:' | sed -e 's/^[Ss]et-[Cc]ookie: //' -e 's/;.*//')
[ -n "$cookie" ] || { echo "sign-in refused" >&2; exit 1; }

printf '%-60s %8s %8s %8s %11s %9s\n' page p50_ms p95_ms max_ms cpu_ms/req bytes
for page in "" "?state=pending" "?state=delivered" "?state=failed"; do
  url="$base/dashboard/organizations/cbp/outbox$page"
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$url")
  [ "$status" = 200 ] || { echo "$url: HTTP $status" >&2; exit 1; }
  before=$(cpu_ticks)
  for _ in $(seq 1 "$n"); do curl -s -o /dev/null -H "Cookie: $cookie" -w '%{time_starttransfer} %{size_download}\n' "$url"; done > "$work/times"
  ticks=$(( $(cpu_ticks) - before ))
  # Node CPU per request: user + system time of the node process over the N requests (10 ms ticks, so N >= 30).
  sort -n "$work/times" | awk -v page="/dashboard/organizations/cbp/outbox$page" -v ticks="$ticks" -v hz="$(getconf CLK_TCK)" '{ t[NR] = $1 * 1000; b = $2 } END {
    printf "%-60s %8.1f %8.1f %8.1f %11.2f %9d\n", page, t[int((NR + 1) / 2)], t[int(NR * 0.95 + 0.5)], t[NR], ticks * 1000 / hz / NR, b }'
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
