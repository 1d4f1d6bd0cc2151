#!/usr/bin/env bash
# run_cli.sh: runs every tests/cli/*.sh with $EVCODE set; each script exits
# non-zero on failure. A script that cannot run here (a missing model)
# prints a line starting "SKIP:" and exits 0; it is reported as skipped.
# Prints a summary and fails if any script failed.
set -u
cd "$(dirname "$0")/.."
: "${EVCODE:=build/evcode}"
export EVCODE
export SHARED=../shared
# the gazetteer index of this run (built by the first test that needs it),
# not the user's cache
if [ -z "${EVCODE_GAZETTEER_CACHE:-}" ]; then
    gazdir=$(mktemp -d)
    trap 'rm -rf "$gazdir"' EXIT
    export EVCODE_GAZETTEER_CACHE="$gazdir/gazetteer.idx"
fi
fail=0; n=0; skip=0
for t in tests/cli/*.sh; do
    [ -e "$t" ] || continue
    n=$((n + 1))
    if out=$(bash "$t" 2>&1); then
        if reason=$(echo "$out" | grep -m1 '^SKIP:'); then
            echo "skip $t (${reason#SKIP: })"
            skip=$((skip + 1))
        else
            echo "ok   $t"
        fi
    else
        echo "FAIL $t"; echo "$out" | sed 's/^/     /' | tail -40
        fail=$((fail + 1))
    fi
done
echo "$n CLI tests, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
