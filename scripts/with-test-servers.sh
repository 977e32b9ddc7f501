#!/usr/bin/env bash
# Starts throwaway database servers on 127.0.0.1, exports their URLs, runs the command
# given as arguments, then stops the servers and removes their data, also on failure.
#
#   scripts/with-test-servers.sh swift test
#
# Exports AILEDGER_TEST_POSTGRES_URL, AILEDGER_TEST_POSTGRES_SOCKET_URL (the same
# server through its unix socket) and AILEDGER_TEST_POSTGRES_RESTART (a command that
# restarts the server, for recovery tests).
set -euo pipefail

root=$(mktemp -d /tmp/ailedger-servers.XXXXXX)
chmod 755 "$root"
password="ailedger-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
pids_to_stop=()

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}

cleanup() {
  status=$?
  if [ -n "${PGBIN:-}" ] && [ -d "$root/pg/data" ]; then
    as_postgres "$PGBIN/pg_ctl" -D "$root/pg/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$root"
  exit $status
}
trap cleanup EXIT INT TERM

# --- PostgreSQL ---------------------------------------------------------------
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "error: PostgreSQL server binaries not found under /usr/lib/postgresql (install the postgresql package)" >&2
  exit 1
fi
mkdir -p "$root/pg"
[ "$(id -u)" -eq 0 ] && chown postgres "$root/pg"
printf '%s\n' "$password" > "$root/pg/password"
[ "$(id -u)" -eq 0 ] && chown postgres "$root/pg/password"
pg_port=$(free_port)
as_postgres "$PGBIN/initdb" --no-sync -D "$root/pg/data" -U ailedger --pwfile="$root/pg/password" \
  --auth-host=scram-sha-256 --auth-local=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$root/pg/initdb.log" 2>&1 \
  || { cat "$root/pg/initdb.log" >&2; exit 1; }
pg_options="-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$root/pg -c fsync=off"
as_postgres "$PGBIN/pg_ctl" -D "$root/pg/data" -o "$pg_options" -l "$root/pg/server.log" -w -t 60 start >/dev/null \
  || { cat "$root/pg/server.log" >&2; exit 1; }
PGPASSWORD="$password" psql -q -h 127.0.0.1 -p "$pg_port" -U ailedger -d postgres -c "CREATE DATABASE ailedger_test" >/dev/null
export AILEDGER_TEST_POSTGRES_URL="postgres://ailedger:$password@127.0.0.1:$pg_port/ailedger_test"
socket_host=$(printf '%s' "$root/pg" | sed 's|/|%2F|g')
export AILEDGER_TEST_POSTGRES_SOCKET_URL="postgres://ailedger:$password@$socket_host:$pg_port/ailedger_test"
restart_script="$root/restart-postgres.sh"
{
  echo '#!/usr/bin/env bash'
  if [ "$(id -u)" -eq 0 ]; then prefix="runuser -u postgres --"; else prefix=""; fi
  echo "$prefix '$PGBIN/pg_ctl' -D '$root/pg/data' -o '$pg_options' -l '$root/pg/server.log' -m fast -w -t 60 restart </dev/null >>'$root/pg/restart.log' 2>&1"
} > "$restart_script"
chmod 755 "$restart_script"
export AILEDGER_TEST_POSTGRES_RESTART="$restart_script"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"

"$@"
