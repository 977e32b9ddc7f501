#!/usr/bin/env bash
# Runs `swift test` with the arguments given and, when a test fails, repeats the lines
# that say which test failed and why at the very end of the output, where a log shown
# only by its tail (as CI shows it) still has them.
#
#   scripts/swift-test.sh --skip-build --filter SQLiteConformanceTests
set -uo pipefail

log=$(mktemp /tmp/ailedger-test-log.XXXXXX)
trap 'rm -f "$log"' EXIT
"${SWIFT:-swift}" test "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then
  echo ""
  echo "=== swift test failed (exit $status); what failed, from the output above:"
  grep -E '^✘ Test .* recorded an issue|^✘ Test .* failed|^[^ ].*: error: |Fatal error|fatal error' "$log" | grep -v '^✘ Test run with' | head -40
fi
exit "$status"
