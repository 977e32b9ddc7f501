#!/usr/bin/env bash
# Makes .build/browser-venv: Selenium from PyPI, which drives Debian's chromium through
# chromium-driver in the dashboard's browser tests (Tests/Dashboard/dashboard_test.py).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/browser-venv
version=4.51.0
if [ -x "$venv/bin/python" ] && "$venv/bin/pip" show selenium 2>/dev/null | grep -q "^Version: $version$"; then
  exit 0
fi
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "selenium==$version"
