#!/usr/bin/env bash
# What the node's operability layer costs per request (issue #7 item 7): node CPU per request and requests/s of
#   health  GET /health                          (no token, no store: Kestrel, routing and our middleware)
#   read    GET /organizations/acme/credentials/ID (token, rate limiter, tenant, one SQLite read)
# with everything on (the defaults), with the request log off, and with the request log, rate limiter and metrics
# off, driven over loopback by benchmarks/Tradeproof.LoadGen. Node CPU per request (from /proc) is steadier than
# requests/s on a loaded machine; compare within one run.
#
#   benchmarks/operability/overhead.sh            DURATION=10 WARMUP=3 CONNECTIONS=16 SCENARIOS="health read"
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
CONNECTIONS=${CONNECTIONS:-16}
SCENARIOS=${SCENARIOS:-"health read"}
FIXTURE=${FIXTURE:-"$root/../shared/design/fixtures/mill-test-report.json"}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build src/Tradeproof.Cli -c Release -nologo -clp:ErrorsOnly >&2
dotnet build benchmarks/Tradeproof.LoadGen -c Release -nologo -clp:ErrorsOnly >&2
cli="$root/src/Tradeproof.Cli/bin/Release/net10.0/tradeproof.dll"
loadgen="$root/benchmarks/Tradeproof.LoadGen/bin/Release/net10.0/Tradeproof.LoadGen.dll"

work=$(mktemp -d /tmp/tradeproof-ops-XXXXXX)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

data="$work/data"
dotnet "$cli" tenant add acme --name "ACME Steel" --data "$data" >/dev/null
client=$(dotnet "$cli" client add --tenant acme --scopes "issue:credentials verify:credentials read:credentials" --data "$data")
client_id=$(grep -o '"client_id": *"[^"]*"' <<<"$client" | sed -E 's/.*"([^"]+)"$/\1/')
client_secret=$(grep -o '"client_secret": *"[^"]*"' <<<"$client" | sed -E 's/.*"([^"]+)"$/\1/')

declare -A configs=(
  [all-on]=""
  [no-request-log]="TRADEPROOF__NODE__LOGGING__REQUESTS=false"
  [all-off]="TRADEPROOF__NODE__LOGGING__REQUESTS=false TRADEPROOF__NODE__RATELIMIT__ENABLED=false TRADEPROOF__NODE__METRICS__ENABLED=false"
)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)  ($(nproc) cores)"
printf '| configuration | scenario | ok | errors | req/s | p50 ms | p99 ms | node CPU ms/req | load (1 min) |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n'
for name in all-on no-request-log all-off; do
  log="$work/node-$name.log"
  # shellcheck disable=SC2086
  env ${configs[$name]} dotnet "$cli" serve --urls http://127.0.0.1:0 --data "$data" >"$log" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do grep -q 'node listening on' "$log" && break; sleep 0.2; done
  url=$(sed -n 's/^tradeproof: node listening on //p' "$log" | head -1)
  [ -n "$url" ] || { echo "overhead.sh: the node did not start:" >&2; cat "$log" >&2; exit 1; }
  for scenario in $SCENARIOS; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    line=$(dotnet "$loadgen" "$scenario" --url "$url" --pid "$server" --tenant acme --client-id "$client_id" --client-secret "$client_secret" \
      --connections "$CONNECTIONS" --duration "$DURATION" --warmup "$WARMUP" --fixture "$FIXTURE" --label "$name" | grep '^RESULT' || true)
    get() { sed -nE "s/.* $1=([^ ]+).*/\1/p" <<<"$line"; }
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$scenario" "$(get ok)" "$(get errors)" "$(get rps)" "$(get p50_ms)" "$(get p99_ms)" "$(get server_cpu_ms)" "$load"
  done
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
