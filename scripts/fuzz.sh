#!/usr/bin/env bash
# Runs each libFuzzer target of Fuzz/ for SECONDS seconds, starting from its checked-in
# corpus (Fuzz/Corpus/TARGET). New inputs go to a scratch folder, never to the corpus;
# a crash leaves its input under .build-fuzz/crashes/ and fails the run.
# Usage: scripts/fuzz.sh SECONDS TARGET...
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=$1; shift
binary=.build-fuzz/debug/AILedgerFuzz
[ -x "$binary" ] || { echo "error: $binary is missing: run make fuzz-build" >&2; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p .build-fuzz/crashes
failed=0
for target in "$@"; do
    mkdir -p "$scratch/$target"
    log="$scratch/$target.log"
    if AILEDGER_FUZZ_TARGET=$target SWIFT_BACKTRACE=enable=no "$binary" -max_total_time="$seconds" \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=".build-fuzz/crashes/$target-" \
        "$scratch/$target" "Fuzz/Corpus/$target" >"$log" 2>&1; then
        runs=$(grep -a 'stat::number_of_executed_units' "$log" | awk '{print $2}')
        printf 'fuzz %-10s %12s executions in %ss, no crash\n' "$target" "${runs:-?}" "$seconds"
    else
        failed=1
        echo "fuzz $target: FAILED" >&2
        grep -a -E '^[a-z]+: |Fatal error|ERROR: libFuzzer|Test unit written' "$log" | head -5 >&2
    fi
done
exit $failed
