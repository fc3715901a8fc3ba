#!/usr/bin/env bash
# The node over HTTP (issue #7 item 9): requests/s and p50/p99 latency of
#   verify  POST /organizations/acme/credentials/verify  (the mill test report, eddsa-rdfc-2022, issued by the tenant)
#   submit  POST /organizations/acme/presentations       (TraceablePresentations of 5 mill test reports each)
# on SQLite and PostgreSQL, with one and with two `tradeproof serve` processes on one store, driven over loopback by
# benchmarks/Tradeproof.LoadGen (closed loop, keep-alive HTTP/1.1). Prints a table and the load average.
#
#   benchmarks/load/run.sh                      everything (about 8 runs of DURATION seconds plus set-up)
#   STORES=sqlite NODES=1 benchmarks/load/run.sh one configuration
#   DURATION=15 WARMUP=30 CONNECTIONS=32 SUBMIT_CONNECTIONS=16 PRESENTATIONS=20000 SCENARIOS="verify submit" (the defaults;
#   a submit warm-up ends after WARMUP s or half the presentations; the measured phase needs DURATION x rate of the rest)
#   SCENARIOS="health read verify" for the floors under verify (no token and no store; token check and one read)
#   SCENARIOS="submit-fresh": submissions whose 5 credentials are new ones from a did:key mill outside the tenant, so
#   each is stored and its twin events appended (in "submit" the credentials are the tenant's own, already stored)
#   NODE_PERF_MAP=1: the nodes write the runtime's perf map (/tmp/perf-PID.map) for perf (benchmarks/load/profile.sh)
#
# PostgreSQL: a private cluster in a temp folder (initdb/pg_ctl from TRADEPROOF_PG_BIN or /usr/lib/postgresql/*/bin,
# unix socket only, fsync on), as the postgres user when run as root. Everything is removed at exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-30}
CONNECTIONS=${CONNECTIONS:-32}
SUBMIT_CONNECTIONS=${SUBMIT_CONNECTIONS:-16}
PRESENTATIONS=${PRESENTATIONS:-20000}
STORES=${STORES:-"sqlite postgres"}
NODES=${NODES:-"1 2"}
SCENARIOS=${SCENARIOS:-"verify submit"}
FIXTURE=${FIXTURE:-"$root/../shared/design/fixtures/mill-test-report.json"}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build src/Tradeproof.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build benchmarks/Tradeproof.LoadGen -c Release -nologo -clp:ErrorsOnly >/dev/null
cli="$root/src/Tradeproof.Cli/bin/Release/net10.0/tradeproof.dll"
loadgen="$root/benchmarks/Tradeproof.LoadGen/bin/Release/net10.0/Tradeproof.LoadGen.dll"

work=$(mktemp -d /tmp/tradeproof-load-XXXXXX)
chmod 755 "$work"
servers=()
. benchmarks/lib/postgres.sh

stop_servers() {
  for pid in "${servers[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  done
  servers=()
}
cleanup() {
  stop_servers
  stop_postgres
  rm -rf "$work"
}
trap cleanup EXIT


# A fresh store: the tenant acme and a client with every scope; sets store_args, client_id, client_secret.
fresh_store() {
  local store=$1 run=$2
  node_env=()
  if [ "$store" = postgres ]; then
    [ -n "$pg_data" ] || start_postgres max_connections=300 shared_buffers=128MB
    "${as_postgres[@]}" "$pg_bin/createdb" -h "$work/pg" -p "$pg_port" -U postgres "load_$run"
    store_args=(--postgres "Host=$work/pg;Port=$pg_port;Username=postgres;Database=load_$run;Maximum Pool Size=100")
    node_env=(TRADEPROOF__NODE__OPERATORKEY="$(head -c 32 /dev/urandom | base64)")
  else
    store_args=(--data "$work/sqlite-$run")
  fi
  env "${node_env[@]}" dotnet "$cli" tenant add acme "${store_args[@]}" >/dev/null
  local client
  client=$(env "${node_env[@]}" dotnet "$cli" client add --tenant acme --scopes "issue:credentials verify:credentials read:credentials verify:presentations submit:presentations" "${store_args[@]}")
  client_id=$(grep -o '"client_id": *"[^"]*"' <<<"$client" | sed -E 's/.*"([^"]+)"$/\1/')
  client_secret=$(grep -o '"client_secret": *"[^"]*"' <<<"$client" | sed -E 's/.*"([^"]+)"$/\1/')
}

# Starts N node processes on the store; sets urls.
start_nodes() {
  local count=$1 run=$2
  urls=()
  pids=()
  for i in $(seq 1 "$count"); do
    local log="$work/node-$run-$i.log"
    env "${node_env[@]}" ${NODE_PERF_MAP:+DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0} dotnet "$cli" serve --urls http://127.0.0.1:0 --public-url http://localhost:5080 "${store_args[@]}" >"$log" 2>&1 &
    servers+=($!)
    pids+=(--pid $!)
    for _ in $(seq 1 600); do
      if grep -q 'node listening on' "$log"; then break; fi
      sleep 0.2
    done
    local url
    url=$(sed -n 's/^tradeproof: node listening on //p' "$log" | head -1)
    [ -n "$url" ] || { echo "run.sh: node $i did not start:" >&2; cat "$log" >&2; exit 1; }
    urls+=(--url "$url")
  done
}

results="$work/results.txt"
: >"$results"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)  ($(nproc) cores)" | tee "$work/load-before"
run=0
for store in $STORES; do
  for nodes in $NODES; do
    run=$((run + 1))
    fresh_store "$store" "$run"
    start_nodes "$nodes" "$run"
    for scenario in $SCENARIOS; do
      connections=$CONNECTIONS
      generator=("$scenario")
      # submit-fresh: every presentation carries new credentials of a mill outside the tenant (twin events appended)
      [ "$scenario" = submit-fresh ] && generator=(submit --fresh)
      case "$scenario" in submit*) connections=$SUBMIT_CONNECTIONS ;; esac
      load=$(cut -d' ' -f1 /proc/loadavg)
      line=$(dotnet "$loadgen" "${generator[@]}" "${urls[@]}" "${pids[@]}" --tenant acme --client-id "$client_id" --client-secret "$client_secret" \
        --connections "$connections" --duration "$DURATION" --warmup "$WARMUP" --presentations "$PRESENTATIONS" \
        --fixture "$FIXTURE" --label "$store" | tee -a "$work/loadgen.log" | grep '^RESULT' || true)
      echo "$line load=$load" | tee -a "$results"
    done
    stop_servers
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

cores=$(nproc)
printf '\n| scenario | store | nodes | connections | ok | errors | seconds | req/s | p50 ms | p90 ms | p99 ms | node CPU ms/req | generator CPU ms/req | CPU-bound req/s | load (1 min) |\n'
printf '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n'
while read -r line; do
  get() { sed -nE "s/.* $1=([^ ]+).*/\1/p" <<<"$line"; }
  [ -n "$(get scenario)" ] || { echo "| (failed: $line) |"; continue; }
  # What the cores could serve if nothing else ran: cores / (node + generator CPU per request).
  bound=$(awk -v c="$cores" -v s="$(get server_cpu_ms)" -v g="$(get client_cpu_ms)" 'BEGIN { if (s + g > 0) printf "%.0f", c * 1000 / (s + g); else print "-" }')
  printf '| %s | %s | %s | %s | %s | %s | %s | **%s** | %s | %s | %s | %s | %s | %s | %s |\n' "$(get scenario)" "$(get label)" "$(get nodes)" "$(get connections)" \
    "$(get ok)" "$(get errors)" "$(get seconds)" "$(get rps)" "$(get p50_ms)" "$(get p90_ms)" "$(get p99_ms)" "$(get server_cpu_ms)" "$(get client_cpu_ms)" "$bound" "$(get load)"
done <"$results"
# The nodes' runtime over the measured phase (their GET /metrics): counts that do not move with the machine's speed.
printf '\n| scenario | store | nodes | gen0 GCs per 1k req | gen1 per 1k | gen2 per 1k | GC pause ms/req | KiB allocated/req | JIT methods in phase | JIT ms in phase |\n'
printf '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n'
while read -r line; do
  get() { sed -nE "s/.* $1=([^ ]+).*/\1/p" <<<"$line"; }
  [ -n "$(get scenario)" ] || continue
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$(get scenario)" "$(get label)" "$(get nodes)" \
    "$(get gc0_per_1k)" "$(get gc1_per_1k)" "$(get gc2_per_1k)" "$(get gc_pause_ms)" "$(get alloc_kb)" "$(get jit_methods)" "$(get jit_ms)"
done <"$results"
grep -h '^first error' "$work/loadgen.log" | sort | uniq -c | head -5 || true
