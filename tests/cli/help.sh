#!/usr/bin/env bash
# "evcode CMD --help" for every command: the usage on stdout (naming the
# command), nothing on stderr, exit 0, and nothing done (no store, no index
# written). Also "-h" after other options.
set -u
. tests/scratch.sh
# the binary as run_cli.sh names it (relative to the tree), from the
# scratch folder this test works in
case $EVCODE in /*) ;; *) EVCODE=$PWD/$EVCODE ;; esac
cd "$T" || exit 1

for cmd in code validate parse train eval-parse ingest query export surge \
    report places gazetteer "gazetteer build"; do
    # shellcheck disable=SC2086
    "$EVCODE" $cmd --help >out 2>errs; rc=$?
    [ "$rc" -eq 0 ] || err "$cmd --help: exit $rc"
    [ -s errs ] && err "$cmd --help: wrote to stderr: $(head -2 errs)"
    first=${cmd%% *}
    grep -q -- "$first" out || err "$cmd --help: usage does not name '$first'"
done
"$EVCODE" ingest --db x.db -h >out 2>errs || err "ingest --db x.db -h: exit $?"
[ -e x.db ] && err "ingest -h created the store"
"$EVCODE" train --train none.conllu -o m.model --help >out 2>errs ||
    err "train ... --help: exit $?"
[ -e m.model ] && err "train --help wrote a model"
grep -q -- "--classes-text" out || err "train --help: no train options"
# an unknown option is still an error
"$EVCODE" parse --no-such-option </dev/null >out 2>errs && err "parse --no-such-option: exit 0"
grep -q "unknown option" errs || err "parse --no-such-option: $(cat errs)"
exit $fail
