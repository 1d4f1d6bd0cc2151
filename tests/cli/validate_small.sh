#!/usr/bin/env bash
# `evcode validate` on tests/data/validate3.xml: three records, DEMO_26
# (passes: GON>OSG and OSG>GON 120), DEMO_24 (noevents, nothing coded:
# passes) and WRONG_GOLD_01 (DEMO_00 with its gold changed to 190: fails).
# Checks the "N passed, M failed" line, the FAIL report and the exit status:
# 1 when something failed, 0 when --floor is met, 1 when it is not.
set -u
xml=tests/data/validate3.xml
dicts="$SHARED/data/dictionaries/validate"
. tests/scratch.sh

"$EVCODE" validate --dicts "$dicts" "$xml" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 1 ] || err "validate: exit $rc, expected 1 (a record failed)"
[ "$(tail -n 1 "$T/out")" = "2 passed, 1 failed" ] ||
    err "validate: last line '$(tail -n 1 "$T/out")', expected '2 passed, 1 failed'"
[ "$(grep -c '^FAIL ' "$T/out")" -eq 1 ] || err "validate: expected one FAIL line"
grep -q "^FAIL WRONG_GOLD_01 ($xml:[0-9]*)" "$T/out" ||
    err "validate: the FAIL line does not name WRONG_GOLD_01 and its file:line"
grep -q '^  gold: ARN>GON:190$' "$T/out" || err "validate: gold line missing"
grep -q '^  got:  ARN>GON:050$' "$T/out" || err "validate: got line missing"
[ -s "$T/err" ] && err "validate: unexpected stderr: $(cat "$T/err")"

# --quiet: only the summary
"$EVCODE" validate --quiet --dicts "$dicts" "$xml" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 1 ] || err "validate --quiet: exit $rc, expected 1"
[ "$(cat "$T/out")" = "2 passed, 1 failed" ] ||
    err "validate --quiet: output '$(cat "$T/out")'"

# --floor met: success even with a failure
"$EVCODE" validate --quiet --floor 2 --dicts "$dicts" "$xml" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] || err "validate --floor 2: exit $rc, expected 0"
[ "$(cat "$T/out")" = "2 passed, 1 failed" ] ||
    err "validate --floor 2: output '$(cat "$T/out")'"
[ -s "$T/err" ] && err "validate --floor 2: unexpected stderr: $(cat "$T/err")"

# --floor not met: exit 1 and one line saying so
"$EVCODE" validate --quiet --floor 3 --dicts "$dicts" "$xml" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 1 ] || err "validate --floor 3: exit $rc, expected 1"
if [ "$(wc -l <"$T/err")" -ne 1 ] || ! grep -q 'below the floor of 3' "$T/err"; then
    err "validate --floor 3: stderr '$(cat "$T/err")'"
fi

# all records pass: exit 0 (the first two records alone)
n=$(grep -n '<Sentence [^>]*id="WRONG_GOLD_01"' "$xml" | cut -d: -f1)
{ head -n $((n - 1)) "$xml"; printf '</Sentences>\n</Validation>\n'; } >"$T/two.xml"
"$EVCODE" validate --dicts "$dicts" "$T/two.xml" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] || err "validate (two passing records): exit $rc, expected 0"
[ "$(cat "$T/out")" = "2 passed, 0 failed" ] ||
    err "validate (two passing records): output '$(cat "$T/out")'"
exit $fail
