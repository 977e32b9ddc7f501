#!/usr/bin/env bash
# Runs schemathesis against /openapi.json of a live `ailedger serve` in front of each
# database URL given: no answer may be a 5xx, and every answer must match the document
# (status, content type, schema). schemathesis comes from PyPI into a venv under .build/.
# Usage: scripts/api-check.sh URL...
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/api-venv
schemathesis_version=4.32.5
if [ ! -x "$venv/bin/schemathesis" ] || ! "$venv/bin/pip" show schemathesis 2>/dev/null | grep -q "^Version: $schemathesis_version$"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$schemathesis_version"
fi
binary=.build/debug/ailedger
failed=0
for url in "$@"; do
  name=${url%%:*}
  "$binary" migrate up --url "$url" >/dev/null
  log=$(mktemp)
  "$binary" serve --url "$url" --port 0 --insecure-no-auth --outbox "$log.outbox" >"$log" 2>&1 &
  server=$!
  port=""
  for _ in $(seq 100); do
    port=$(grep -o 'on http://127\.0\.0\.1:[0-9]*' "$log" | head -1 | cut -d: -f3 || true)
    [ -n "$port" ] && break
    sleep 0.1
  done
  if [ -z "$port" ]; then
    echo "api-check $name: the server did not start:" >&2; cat "$log" >&2; kill "$server" 2>/dev/null || true; exit 1
  fi
  if "$venv/bin/schemathesis" run "http://127.0.0.1:$port/openapi.json" \
      --checks not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance \
      --max-examples 25 --request-timeout 20 --no-color >"$log.st" 2>&1; then
    echo "api-check $name: $(grep -E '[0-9]+ generated' "$log.st" | tr -s ' ' | sed 's/^ //')"
  else
    failed=1
    echo "api-check $name: FAILED" >&2
    tail -60 "$log.st" >&2
  fi
  kill -TERM "$server"
  wait "$server" || { failed=1; echo "api-check $name: the server did not stop cleanly:" >&2; tail -20 "$log" >&2; }
  rm -f "$log" "$log.st" "$log.outbox" "$log.outbox-wal" "$log.outbox-shm"
done
exit $failed
