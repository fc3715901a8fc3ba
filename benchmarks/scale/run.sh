#!/usr/bin/env bash
# Scale benchmarks (issue #10 item 1; docs/scaling.md and docs/performance.md "Scale (issue #10)").
#
#   benchmarks/scale/run.sh                 ingest + queries (growth table 10^3..10^6), e-commerce, scale-out
#   benchmarks/scale/run.sh ingest          1,000,000 credentials and 10,000,000 twin events into each store,
#                                           measured at every power of ten (ingest rate, query p50/p99, log proofs,
#                                           disk size), query plans and the inbox index at the end
#   benchmarks/scale/run.sh ecommerce       1,000,000 de minimis credentials verified (all cores) and ingested
#   benchmarks/scale/run.sh scaleout        1, 2 and 3 `tradeproof serve` processes on one PostgreSQL, submissions/s
#                                           (benchmarks/load/run.sh with STORES=postgres NODES="1 2 3" SCENARIOS=submit)
#
#   STORES="sqlite postgres" CREDENTIALS=1000000 EVENTS_PER_CREDENTIAL=10 ECOMMERCE=1000000 SAMPLES=1000
#   OUT=/tmp/tradeproof-scale-results.md (everything printed is also appended there)
#
# Durable settings as in production: SQLite WAL + synchronous=FULL; PostgreSQL fsync=on, synchronous_commit=on (a
# private cluster in a temp folder, unix socket only, as the postgres user when run as root). Databases are deleted
# after each run; the 10^6 ingest needs about 26 GB free per store (25.4 GB measured on SQLite) (checked before it starts).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
what=${1:-all}
STORES=${STORES:-"sqlite postgres"}
CREDENTIALS=${CREDENTIALS:-1000000}
EVENTS_PER_CREDENTIAL=${EVENTS_PER_CREDENTIAL:-10}
ECOMMERCE=${ECOMMERCE:-1000000}
SAMPLES=${SAMPLES:-1000}
OUT=${OUT:-/tmp/tradeproof-scale-results.md}
FIXTURE=${FIXTURE:-"$root/../shared/design/fixtures/mill-test-report.json"}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ "$what" != scaleout ]; then
  dotnet build benchmarks/Tradeproof.Scale -c Release -nologo -v:q -clp:ErrorsOnly
fi
scale=(dotnet "$root/benchmarks/Tradeproof.Scale/bin/Release/net10.0/Tradeproof.Scale.dll")

work=$(mktemp -d /tmp/tradeproof-scale-XXXXXX)
chmod 755 "$work"
. benchmarks/lib/postgres.sh
cleanup() {
  stop_postgres
  rm -rf "$work"
}
trap cleanup EXIT

log() { echo "$*" | tee -a "$OUT"; }


# store_args NAME: the Tradeproof.Scale arguments of a fresh database called NAME
store_args() {
  local store=$1 name=$2
  if [ "$store" = postgres ]; then
    [ -n "$pg_data" ] || start_postgres shared_buffers=256MB max_wal_size=4GB
    "${as_postgres[@]}" "$pg_bin/createdb" -h "$work/pg" -p "$pg_port" -U postgres "$name"
    args=(--store postgres --connection "Host=$work/pg;Port=$pg_port;Username=postgres;Database=$name;Command Timeout=0" --server-pid "$(head -1 "$pg_data/postmaster.pid")")
  else
    mkdir -p "$work/$name"
    args=(--store sqlite --path "$work/$name")
  fi
}

drop() {
  local store=$1 name=$2
  if [ "$store" = postgres ]; then "${as_postgres[@]}" "$pg_bin/dropdb" -h "$work/pg" -p "$pg_port" -U postgres "$name"; else rm -rf "${work:?}/$name"; fi
}

header() {
  log ""
  log "## $1 — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, load $(cut -d' ' -f1-3 /proc/loadavg)"
  log "command: $2"
}

run_ingest() {
  for store in $STORES; do
    free_gb=$(df -BG --output=avail "$work" | tail -1 | tr -dc 0-9)
    need=$(( CREDENTIALS * (EVENTS_PER_CREDENTIAL + 1) / 400000 + 2 ))  # 25.4 GB measured at 10^6 x 11 on SQLite
    [ "$free_gb" -ge "$need" ] || { echo "run.sh: $free_gb GB free in $work, the $store ingest needs about $need GB" >&2; exit 1; }
    store_args "$store" ingest
    header "ingest into $store" "Tradeproof.Scale ingest ${args[*]:0:2} --credentials $CREDENTIALS --events-per-credential $EVENTS_PER_CREDENTIAL --samples $SAMPLES --explain --inbox-index"
    start=$(date +%s)
    "${scale[@]}" ingest "${args[@]}" --fixture "$FIXTURE" --credentials "$CREDENTIALS" --events-per-credential "$EVENTS_PER_CREDENTIAL" \
      --samples "$SAMPLES" --explain --inbox-index | tee -a "$OUT"
    log "wall time $(( $(date +%s) - start )) s, load $(cut -d' ' -f1-3 /proc/loadavg)"
    drop "$store" ingest
  done
}

run_ecommerce() {
  for store in $STORES; do
    store_args "$store" ecommerce
    header "e-commerce into $store" "Tradeproof.Scale ecommerce ${args[*]:0:2} --count $ECOMMERCE"
    start=$(date +%s)
    "${scale[@]}" ecommerce "${args[@]}" --count "$ECOMMERCE" | tee -a "$OUT"
    log "wall time $(( $(date +%s) - start )) s, load $(cut -d' ' -f1-3 /proc/loadavg)"
    drop "$store" ecommerce
  done
}

run_scaleout() {
  header "scale-out: submissions on one PostgreSQL" "STORES=postgres NODES=\"1 2 3\" SCENARIOS=submit benchmarks/load/run.sh"
  STORES=postgres NODES="1 2 3" SCENARIOS=submit "$root/benchmarks/load/run.sh" | tee -a "$OUT"
}

case "$what" in
  ingest) run_ingest ;;
  ecommerce) run_ecommerce ;;
  scaleout) run_scaleout ;;
  all) run_ingest; run_ecommerce; run_scaleout ;;
  *) echo "usage: benchmarks/scale/run.sh [all|ingest|ecommerce|scaleout]" >&2; exit 2 ;;
esac
