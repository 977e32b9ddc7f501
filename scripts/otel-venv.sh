#!/usr/bin/env bash
# Makes .build/otel-venv: the OpenTelemetry Python SDK and its OTLP/HTTP exporter from
# PyPI, which the OTLP tests send real spans with (Tests/OTLP/send_genai_spans.py).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/otel-venv
version=1.45.2
if [ -x "$venv/bin/python" ] && "$venv/bin/pip" show opentelemetry-exporter-otlp-proto-http 2>/dev/null | grep -q "^Version: $version$"; then
  exit 0
fi
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check \
  "opentelemetry-sdk==$version" "opentelemetry-exporter-otlp-proto-http==$version"
