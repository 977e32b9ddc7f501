#!/usr/bin/env bash
# Starts throwaway database clusters on 127.0.0.1, exports their URLs and control scripts,
# runs the command given as arguments, then stops them and removes their data, also on
# failure.
#
#   scripts/with-cluster-servers.sh swift test --skip-build --filter Cluster
#
# PostgreSQL: a primary and a streaming standby (pg_basebackup -R).
#   AILEDGER_TEST_PG_PRIMARY_URL, AILEDGER_TEST_PG_STANDBY_URL, AILEDGER_TEST_PG_CLUSTER_URL
#   (both hosts, target_session_attrs=read-write), AILEDGER_TEST_PG_KILL_PRIMARY (immediate
#   shutdown) and AILEDGER_TEST_PG_PROMOTE_STANDBY (pg_ctl promote).
# MariaDB Galera: three synchronous nodes (galera-4, state transfers by rsync).
#   AILEDGER_TEST_GALERA_URL (the three hosts), AILEDGER_TEST_GALERA_NODE1_URL … NODE3_URL,
#   AILEDGER_TEST_GALERA_KILL_NODE1 … (SIGKILL) and AILEDGER_TEST_GALERA_START_NODE1 …
#   (start, and wait until the node is synced).
#
# Servers run with their shipped durability settings.
set -euo pipefail

umask 077
root=$(mktemp -d /tmp/ailedger-cluster.XXXXXX)
chmod 711 "$root"
password="ailedger-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"

. "$(dirname "$0")/server-helpers.sh"

cleanup() {
  status=$?
  for node in 1 2 3; do
    pidfile="$root/galera$node/mariadbd.pid"
    [ -f "$pidfile" ] && kill -9 "$(cat "$pidfile")" 2>/dev/null || true
  done
  if [ -n "${PGBIN:-}" ]; then
    for data in "$root/pg1/data" "$root/pg2/data"; do
      [ -d "$data" ] && as_postgres "$PGBIN/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
    done
  fi
  pkill -9 -f "$root/" 2>/dev/null || true
  rm -rf "$root"
  exit $status
}
trap cleanup EXIT INT TERM

# --- PostgreSQL primary and standby -------------------------------------------
PGBIN=$(postgres_bin)
for node in 1 2; do
  mkdir -p "$root/pg$node"
  [ "$(id -u)" -eq 0 ] && chown postgres "$root/pg$node"
  chmod 700 "$root/pg$node"
done
printf '%s\n' "$password" > "$root/pg1/password"
[ "$(id -u)" -eq 0 ] && chown postgres "$root/pg1/password"
pg1_port=$(free_port)
pg2_port=$(free_port)
as_postgres "$PGBIN/initdb" --no-sync -D "$root/pg1/data" -U ailedger --pwfile="$root/pg1/password" \
  --auth-host=scram-sha-256 --auth-local=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$root/pg1/initdb.log" 2>&1 \
  || { cat "$root/pg1/initdb.log" >&2; exit 1; }
pg_options() { echo "-c listen_addresses=127.0.0.1 -c port=$1 -c unix_socket_directories=$2"; }
as_postgres "$PGBIN/pg_ctl" -D "$root/pg1/data" -o "$(pg_options "$pg1_port" "$root/pg1")" -l "$root/pg1/server.log" -w -t 60 start \
  >/dev/null || { cat "$root/pg1/server.log" >&2; exit 1; }
PGPASSWORD="$password" psql -q -h 127.0.0.1 -p "$pg1_port" -U ailedger -d postgres -c "CREATE DATABASE ailedger_test" >/dev/null
as_postgres env PGPASSWORD="$password" "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$pg1_port" -U ailedger -D "$root/pg2/data" \
  -R -X stream -c fast --no-sync >"$root/pg2/basebackup.log" 2>&1 || { cat "$root/pg2/basebackup.log" >&2; exit 1; }
as_postgres "$PGBIN/pg_ctl" -D "$root/pg2/data" -o "$(pg_options "$pg2_port" "$root/pg2")" -l "$root/pg2/server.log" -w -t 60 start \
  >/dev/null || { cat "$root/pg2/server.log" >&2; exit 1; }
# Commits wait for the standby to have them (synchronous replication), so a commit the
# primary acknowledged survives its death; without it, the last ones before a crash may be
# lost at failover.
PGPASSWORD="$password" psql -q -h 127.0.0.1 -p "$pg1_port" -U ailedger -d postgres \
  -c "ALTER SYSTEM SET synchronous_standby_names = '*'" -c "SELECT pg_reload_conf()" >/dev/null
for _ in $(seq 240); do
  state=$(PGPASSWORD="$password" psql -q -t -A -h 127.0.0.1 -p "$pg1_port" -U ailedger -d postgres \
    -c "SELECT sync_state FROM pg_stat_replication" 2>/dev/null || true)
  [ "$state" = sync ] && break
  sleep 0.25
done
[ "$state" = sync ] || { echo "error: the standby did not start streaming synchronously" >&2; cat "$root/pg2/server.log" >&2; exit 1; }
pg_url() { echo "postgres://ailedger:$password@$1/ailedger_test$2"; }
export AILEDGER_TEST_PG_PRIMARY_URL=$(pg_url "127.0.0.1:$pg1_port" "")
export AILEDGER_TEST_PG_STANDBY_URL=$(pg_url "127.0.0.1:$pg2_port" "")
export AILEDGER_TEST_PG_CLUSTER_URL=$(pg_url "127.0.0.1:$pg1_port,127.0.0.1:$pg2_port" "?target_session_attrs=read-write")
if [ "$(id -u)" -eq 0 ]; then prefix="runuser -u postgres --"; else prefix=""; fi
printf '#!/usr/bin/env bash\n%s %s -D %s -m immediate stop >>%s 2>&1\n' "$prefix" "'$PGBIN/pg_ctl'" "'$root/pg1/data'" \
  "'$root/control.log'" > "$root/kill-pg-primary.sh"
printf '#!/usr/bin/env bash\n%s %s -D %s -w -t 60 promote >>%s 2>&1\n' "$prefix" "'$PGBIN/pg_ctl'" "'$root/pg2/data'" \
  "'$root/control.log'" > "$root/promote-pg-standby.sh"
chmod 755 "$root/kill-pg-primary.sh" "$root/promote-pg-standby.sh"
export AILEDGER_TEST_PG_KILL_PRIMARY="$root/kill-pg-primary.sh"
export AILEDGER_TEST_PG_PROMOTE_STANDBY="$root/promote-pg-standby.sh"
echo "PostgreSQL primary on 127.0.0.1:$pg1_port, standby on 127.0.0.1:$pg2_port"

# --- MariaDB Galera -------------------------------------------------------------
mysqld_bin=$(command -v mariadbd || echo /usr/sbin/mariadbd)
provider=$(ls /usr/lib/galera/libgalera_smm.so /usr/lib/*/galera/libgalera_smm.so 2>/dev/null | head -n 1 || true)
if [ ! -x "$mysqld_bin" ] || [ -z "$provider" ]; then
  echo "error: mariadbd or the Galera provider not found (install mariadb-server and galera-4)" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then my_user=mysql; else my_user=$(id -un); fi
declare -a my_port gcomm_port ist_port sst_port
for node in 1 2 3; do
  mkdir -p "$root/galera$node/data"
  [ "$(id -u)" -eq 0 ] && chown -R mysql "$root/galera$node"
  my_port[$node]=$(free_port); gcomm_port[$node]=$(free_port); ist_port[$node]=$(free_port); sst_port[$node]=$(free_port)
done
members="127.0.0.1:${gcomm_port[1]},127.0.0.1:${gcomm_port[2]},127.0.0.1:${gcomm_port[3]}"
mariadb-install-db --no-defaults --datadir="$root/galera1/data" --user="$my_user" --skip-test-db \
  --auth-root-authentication-method=socket >"$root/galera1/install.log" 2>&1 \
  || { cat "$root/galera1/install.log" >&2; exit 1; }
galera_start() {
  local node=$1 dir="$root/galera$1"
  echo "$mysqld_bin --no-defaults --datadir=$dir/data --user=$my_user --bind-address=127.0.0.1 --port=${my_port[$node]} \
--socket=$dir/mysql.sock --pid-file=$dir/mariadbd.pid --log-error=$dir/error.log --tmpdir=$dir --skip-name-resolve \
--innodb-buffer-pool-size=64M --binlog-format=ROW --default-storage-engine=InnoDB --innodb-autoinc-lock-mode=2 \
--wsrep-on=ON --wsrep-provider=$provider --wsrep-cluster-name=ailedger-test --wsrep-cluster-address=gcomm://$members \
--wsrep-node-name=node$node --wsrep-node-address=127.0.0.1:${gcomm_port[$node]} \
'--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:${gcomm_port[$node]};ist.recv_addr=127.0.0.1:${ist_port[$node]}' \
--wsrep-sst-method=rsync --wsrep-sst-receive-address=127.0.0.1:${sst_port[$node]}"
}
# Waits until node $1 answers and reports itself synced.
galera_wait() {
  local socket="$root/galera$1/mysql.sock"
  for _ in $(seq 480); do
    state=$(mariadb --no-defaults --socket="$socket" -uroot -N -B -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null \
      | awk '{print $2}') || true
    [ "$state" = Synced ] && return 0
    sleep 0.25
  done
  echo "error: Galera node $1 did not sync" >&2
  cat "$root/galera$1/error.log" >&2
  return 1
}
for node in 1 2 3; do
  {
    echo '#!/usr/bin/env bash'
    echo "kill -9 \$(cat '$root/galera$node/mariadbd.pid' 2>/dev/null) 2>/dev/null || true"
    echo "for _ in \$(seq 100); do [ -S '$root/galera$node/mysql.sock' ] && mariadb-admin --no-defaults --socket='$root/galera$node/mysql.sock' -uroot ping >/dev/null 2>&1 || break; sleep 0.1; done"
    echo "rm -f '$root/galera$node/mariadbd.pid'"
  } > "$root/kill-galera$node.sh"
  # Starts the node and waits until it is synced. A node that stops while rejoining (a
  # state transfer that failed) is started once more, as an operator would, after its log.
  {
    echo '#!/usr/bin/env bash'
    echo 'for attempt in 1 2; do'
    echo "  $(galera_start "$node") </dev/null >/dev/null 2>&1 &"
    echo '  pid=$!'
    echo '  for _ in $(seq 480); do'
    echo "    state=\$(mariadb --no-defaults --socket='$root/galera$node/mysql.sock' -uroot -N -B -e \"SHOW STATUS LIKE 'wsrep_local_state_comment'\" 2>/dev/null | awk '{print \$2}')"
    echo '    [ "$state" = Synced ] && exit 0'
    echo '    kill -0 "$pid" 2>/dev/null || break'
    echo '    sleep 0.25'
    echo '  done'
    echo '  kill -0 "$pid" 2>/dev/null && exit 1'
    echo "  echo \"Galera node $node stopped while starting (attempt \$attempt); the end of its log:\" >&2"
    echo "  tail -n 25 '$root/galera$node/error.log' >&2"
    echo '  sleep 2'
    echo 'done'
    echo 'exit 1'
  } > "$root/start-galera$node.sh"
  chmod 755 "$root/kill-galera$node.sh" "$root/start-galera$node.sh"
  export "AILEDGER_TEST_GALERA_KILL_NODE$node=$root/kill-galera$node.sh"
  export "AILEDGER_TEST_GALERA_START_NODE$node=$root/start-galera$node.sh"
  export "AILEDGER_TEST_GALERA_NODE${node}_URL=mysql://ailedger:$password@127.0.0.1:${my_port[$node]}/ailedger_test"
done
# The first node founds the cluster and gets the database and user; its data directory,
# shut down cleanly, then seeds the other two, so that they join without a state transfer.
bash -c "$(galera_start 1) --wsrep-new-cluster" </dev/null >/dev/null 2>&1 &
disown
galera_wait 1
mariadb --no-defaults --socket="$root/galera1/mysql.sock" -uroot <<SQL
CREATE DATABASE ailedger_test CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE USER 'ailedger'@'127.0.0.1' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON *.* TO 'ailedger'@'127.0.0.1';
SQL
mariadb-admin --no-defaults --socket="$root/galera1/mysql.sock" -uroot shutdown
for _ in $(seq 240); do [ -f "$root/galera1/mariadbd.pid" ] || break; sleep 0.25; done
for node in 2 3; do
  rm -rf "$root/galera$node/data"
  cp -a "$root/galera1/data" "$root/galera$node/data"
  sed -i 's/^safe_to_bootstrap:.*/safe_to_bootstrap: 0/' "$root/galera$node/data/grastate.dat"
done
bash -c "$(galera_start 1) --wsrep-new-cluster" </dev/null >/dev/null 2>&1 &
disown
galera_wait 1
for node in 2 3; do
  "$root/start-galera$node.sh" || { cat "$root/galera$node/error.log" >&2; exit 1; }
done
export AILEDGER_TEST_GALERA_URL="mysql://ailedger:$password@127.0.0.1:${my_port[1]},127.0.0.1:${my_port[2]},127.0.0.1:${my_port[3]}/ailedger_test"
size=$(mariadb --no-defaults --socket="$root/galera1/mysql.sock" -uroot -N -B -e "SHOW STATUS LIKE 'wsrep_cluster_size'" | awk '{print $2}')
echo "MariaDB Galera: $size nodes on 127.0.0.1:${my_port[1]}, ${my_port[2]}, ${my_port[3]}"

"$@"
