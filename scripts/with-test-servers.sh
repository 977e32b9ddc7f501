#!/usr/bin/env bash
# Starts throwaway database servers on 127.0.0.1, exports their URLs, runs the command
# given as arguments, then stops the servers and removes their data, also on failure.
#
#   scripts/with-test-servers.sh swift test
#
# Exports AILEDGER_TEST_POSTGRES_URL, AILEDGER_TEST_POSTGRES_SOCKET_URL (the same
# server through its unix socket) and AILEDGER_TEST_POSTGRES_RESTART (a command that
# restarts the server, for recovery tests), _STOP and _START; for MariaDB,
# AILEDGER_TEST_MYSQL_URL, AILEDGER_TEST_MYSQL_SOCKET_URL, AILEDGER_TEST_MYSQL_RESTART
# (kills the server with SIGKILL and starts it again), _STOP and _START.
#
# Tests trade durability for speed (PostgreSQL fsync=off, MariaDB flushing its log once a
# second). With AILEDGER_DEFAULT_DURABILITY=1, as the benchmarks set it, both servers run
# with their shipped durability settings instead, and MariaDB reads its files through the
# operating system's page cache (innodb_flush_method=fsync, still flushing every commit),
# as PostgreSQL does: with its 128 MB buffer pool and O_DIRECT, every scan larger than
# the pool would read the disk while PostgreSQL's reads the page cache.
set -euo pipefail

umask 077
if [ "${AILEDGER_DEFAULT_DURABILITY:-}" = 1 ]; then
  pg_tuning="" my_tuning="--innodb-flush-method=fsync"
else
  pg_tuning="-c fsync=off" my_tuning="--innodb-flush-log-at-trx-commit=2"
fi
root=$(mktemp -d /tmp/ailedger-servers.XXXXXX)
# The server users must reach their data directories; the password stays private.
chmod 711 "$root"
password="ailedger-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
pids_to_stop=()

. "$(dirname "$0")/server-helpers.sh"

cleanup() {
  status=$?
  if [ -n "${my_pid:-}" ]; then kill "$my_pid" 2>/dev/null || true; fi
  if [ -f "$root/my/mariadbd.pid" ]; then
    kill "$(cat "$root/my/mariadbd.pid")" 2>/dev/null || true
    for _ in $(seq 100); do [ -f "$root/my/mariadbd.pid" ] || break; sleep 0.1; done
    [ -f "$root/my/mariadbd.pid" ] && kill -9 "$(cat "$root/my/mariadbd.pid")" 2>/dev/null || true
  fi
  if [ -n "${PGBIN:-}" ] && [ -d "$root/pg/data" ]; then
    as_postgres "$PGBIN/pg_ctl" -D "$root/pg/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$root"
  exit $status
}
trap cleanup EXIT INT TERM

# --- PostgreSQL ---------------------------------------------------------------
PGBIN=$(postgres_bin)
mkdir -p "$root/pg"
[ "$(id -u)" -eq 0 ] && chown postgres "$root/pg"
printf '%s\n' "$password" > "$root/pg/password"
[ "$(id -u)" -eq 0 ] && chown postgres "$root/pg/password"
chmod 700 "$root/pg"
pg_port=$(free_port)
as_postgres "$PGBIN/initdb" --no-sync -D "$root/pg/data" -U ailedger --pwfile="$root/pg/password" \
  --auth-host=scram-sha-256 --auth-local=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$root/pg/initdb.log" 2>&1 \
  || { cat "$root/pg/initdb.log" >&2; exit 1; }
pg_options="-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$root/pg $pg_tuning"
as_postgres "$PGBIN/pg_ctl" -D "$root/pg/data" -o "$pg_options" -l "$root/pg/server.log" -w -t 60 start >/dev/null \
  || { cat "$root/pg/server.log" >&2; exit 1; }
PGPASSWORD="$password" psql -q -h 127.0.0.1 -p "$pg_port" -U ailedger -d postgres -c "CREATE DATABASE ailedger_test" >/dev/null
export AILEDGER_TEST_POSTGRES_URL="postgres://ailedger:$password@127.0.0.1:$pg_port/ailedger_test"
socket_host=$(printf '%s' "$root/pg" | sed 's|/|%2F|g')
export AILEDGER_TEST_POSTGRES_SOCKET_URL="postgres://ailedger:$password@$socket_host:$pg_port/ailedger_test"
# Scripts that restart, stop (immediate shutdown) and start the server, for recovery tests.
if [ "$(id -u)" -eq 0 ]; then prefix="runuser -u postgres --"; else prefix=""; fi
pg_ctl_line="$prefix '$PGBIN/pg_ctl' -D '$root/pg/data' -o '$pg_options' -l '$root/pg/server.log' -w -t 60"
for action in restart stop start; do
  case $action in
    restart) command="$pg_ctl_line -m fast restart" ;;
    stop) command="$pg_ctl_line -m immediate stop" ;;
    start) command="$pg_ctl_line start" ;;
  esac
  printf '#!/usr/bin/env bash\n%s </dev/null >>%s 2>&1\n' "$command" "'$root/pg/control.log'" > "$root/$action-postgres.sh"
  chmod 755 "$root/$action-postgres.sh"
done
export AILEDGER_TEST_POSTGRES_RESTART="$root/restart-postgres.sh"
export AILEDGER_TEST_POSTGRES_STOP="$root/stop-postgres.sh"
export AILEDGER_TEST_POSTGRES_START="$root/start-postgres.sh"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"

# --- MariaDB ------------------------------------------------------------------
if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ]; then
  echo "error: mariadbd not found (install the mariadb-server package)" >&2
  exit 1
fi
mysqld_bin=$(command -v mariadbd || echo /usr/sbin/mariadbd)
mkdir -p "$root/my"
if [ "$(id -u)" -eq 0 ]; then my_user=mysql; chown mysql "$root/my"; else my_user=$(id -un); fi
mariadb-install-db --no-defaults --datadir="$root/my/data" --user="$my_user" --skip-test-db \
  --auth-root-authentication-method=socket >"$root/my/install.log" 2>&1 \
  || { cat "$root/my/install.log" >&2; exit 1; }
my_port=$(free_port)
my_start="$mysqld_bin --no-defaults --datadir=$root/my/data --user=$my_user --bind-address=127.0.0.1 \
  --port=$my_port --socket=$root/my/mysql.sock --pid-file=$root/my/mariadbd.pid --log-error=$root/my/error.log --tmpdir=$root/my \
  --skip-name-resolve $my_tuning"
wait_for_mysql() {
  for _ in $(seq 120); do
    mariadb-admin --no-defaults --socket="$root/my/mysql.sock" -uroot ping >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  cat "$root/my/error.log" >&2
  return 1
}
$my_start </dev/null >/dev/null 2>&1 &
my_pid=$!
disown
wait_for_mysql
mariadb --no-defaults --socket="$root/my/mysql.sock" -uroot <<SQL
CREATE DATABASE ailedger_test CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE USER 'ailedger'@'127.0.0.1' IDENTIFIED BY '$password';
CREATE USER 'ailedger'@'localhost' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON ailedger_test.* TO 'ailedger'@'127.0.0.1';
GRANT ALL PRIVILEGES ON ailedger_test.* TO 'ailedger'@'localhost';
SQL
export AILEDGER_TEST_MYSQL_URL="mysql://ailedger:$password@127.0.0.1:$my_port/ailedger_test"
socket_path=$(printf '%s' "$root/my/mysql.sock" | sed 's|/|%2F|g')
export AILEDGER_TEST_MYSQL_SOCKET_URL="mysql://ailedger:$password@$socket_path/ailedger_test"
# Scripts that kill the server with SIGKILL, start it, or both, for recovery tests.
{
  echo '#!/usr/bin/env bash'
  echo "kill -9 \$(cat '$root/my/mariadbd.pid' 2>/dev/null) 2>/dev/null || true"
  echo "for _ in \$(seq 100); do mariadb-admin --no-defaults --socket='$root/my/mysql.sock' -uroot ping >/dev/null 2>&1 || break; sleep 0.1; done"
  echo "rm -f '$root/my/mariadbd.pid'"
} > "$root/stop-mysql.sh"
{
  echo '#!/usr/bin/env bash'
  echo "$my_start </dev/null >/dev/null 2>&1 &"
  echo 'for _ in $(seq 120); do'
  echo "  mariadb-admin --no-defaults --socket='$root/my/mysql.sock' -uroot ping >/dev/null 2>&1 && exit 0"
  echo '  sleep 0.25'
  echo 'done'
  echo 'exit 1'
} > "$root/start-mysql.sh"
printf '#!/usr/bin/env bash\nset -e\n%s\nsleep 0.5\n%s\n' "'$root/stop-mysql.sh'" "'$root/start-mysql.sh'" > "$root/restart-mysql.sh"
chmod 755 "$root/stop-mysql.sh" "$root/start-mysql.sh" "$root/restart-mysql.sh"
export AILEDGER_TEST_MYSQL_RESTART="$root/restart-mysql.sh"
export AILEDGER_TEST_MYSQL_STOP="$root/stop-mysql.sh"
export AILEDGER_TEST_MYSQL_START="$root/start-mysql.sh"
echo "MariaDB $("$mysqld_bin" --version | awk '{print $3}') on 127.0.0.1:$my_port"

"$@"
