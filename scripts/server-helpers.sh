# Helpers for the scripts that start throwaway database servers (with-test-servers.sh,
# with-cluster-servers.sh), which source this file after setting $root.

# Runs a command as the postgres user when running as root (initdb refuses root).
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A TCP port on 127.0.0.1 that nothing listens on and that this run has not handed out
# before (they are noted in $root/ports: a port is taken only when its server starts).
free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 30000))
    grep -qx "$port" "$root/ports" 2>/dev/null && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port" >> "$root/ports"
      echo "$port"
      return
    fi
  done
}

# The newest PostgreSQL server's bin folder; exits the script when there is none.
postgres_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "error: PostgreSQL server binaries not found under /usr/lib/postgresql (install the postgresql package)" >&2
    exit 1
  fi
  echo "$bin"
}
