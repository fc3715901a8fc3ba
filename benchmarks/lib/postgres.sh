# A private PostgreSQL cluster for benchmark scripts (sourced; needs $work, a folder the script removes at exit).
#   start_postgres [SETTING ...]   initdb + pg_ctl start on a random port, socket in $work/pg; sets pg_bin, pg_data,
#                                  pg_port; each SETTING is a server option such as "shared_buffers=256MB"
#   stop_postgres                  immediate stop (for the script's exit trap); nothing when none was started
#   as_postgres                    the command prefix that runs PostgreSQL's programs (runuser when root)
pg_data=""
as_postgres=()
if [ "$(id -u)" = 0 ]; then as_postgres=(runuser -u postgres --); fi

start_postgres() {
  pg_bin=${TRADEPROOF_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
  [ -x "$pg_bin/initdb" ] || { echo "$(basename "$0"): PostgreSQL is not installed (apt-get install -y postgresql)" >&2; exit 1; }
  mkdir -p "$work/pg"
  [ "$(id -u)" = 0 ] && chown postgres "$work/pg"
  pg_data="$work/pg/data"
  pg_port=$((20000 + RANDOM % 20000))
  local options="-p $pg_port -k $work/pg -c listen_addresses='' -c fsync=on -c synchronous_commit=on" setting
  for setting in "$@"; do options+=" -c $setting"; done
  "${as_postgres[@]}" "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
  "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pg/server.log" -w start -o "$options" >/dev/null
}

stop_postgres() {
  if [ -n "$pg_data" ]; then "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w stop >/dev/null 2>&1 || true; fi
}
