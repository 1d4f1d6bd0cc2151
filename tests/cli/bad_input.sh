#!/usr/bin/env bash
# Bad input to `evcode code` / `evcode validate`: each case must end with the
# documented exit status (2 for an error, 1 when records were skipped), one
# clear line on stderr naming the file and line, no crash, and nothing on
# stdout but whole JSON lines of what came before the error.
# Inputs are built in a temporary folder from tests/data files.
set -u
dicts="$SHARED/data/dictionaries/validate"
. tests/scratch.sh

# expect NAME STATUS STDERR_REGEX CMD...: runs CMD, checks its exit status,
# that stderr is exactly one line matching the regex, and leaves stdout in
# $T/out for further checks.
expect() {
    local name=$1 want=$2 pat=$3
    shift 3
    "$@" >"$T/out" 2>"$T/err"
    local rc=$?
    [ $rc -eq "$want" ] || err "$name: exit $rc, expected $want"
    local n
    n=$(wc -l <"$T/err")
    [ "$n" -eq 1 ] || err "$name: $n lines on stderr, expected 1: $(head -c 400 "$T/err")"
    grep -Eq -- "$pat" "$T/err" ||
        err "$name: stderr '$(head -c 300 "$T/err")' does not match /$pat/"
}
no_stdout() {
    [ -s "$T/out" ] && err "$1: unexpected stdout: $(head -c 200 "$T/out")"
}
# every stdout line is a whole JSON object
whole_json_lines() {
    if [ -s "$T/out" ] && [ "$(tail -c 1 "$T/out" | od -An -c | tr -d ' ')" != '\n' ]; then
        err "$1: stdout ends in a partial line"
    fi
    if command -v jq >/dev/null && ! jq -e . "$T/out" >/dev/null 2>&1; then
        err "$1: stdout is not JSON Lines"
    fi
}

tok() { # ID FORM UPOS HEAD DEPREL: one 10-column token line
    printf '%s\t%s\t%s\t%s\t_\t_\t%s\t%s\t_\t_\n' "$1" "$2" "$2" "$3" "$4" "$5"
}
good_sentence() {
    printf '# sent_id = good\n'
    tok 1 Arnor PROPN 2 nsubj
    tok 2 criticized VERB 0 root
    tok 3 Gondor PROPN 2 obj
    printf '\n'
}

# ---- CoNLL-U
good_sentence >"$T/good.conllu"
"$EVCODE" code --dicts "$dicts" "$T/good.conllu" >"$T/good.out" 2>"$T/err" ||
    err "good.conllu: exit $?: $(cat "$T/err")"
[ "$(wc -l <"$T/good.out")" -eq 1 ] || err "good.conllu: expected one event"

# invalid UTF-8 in a form (line 2 of the file, byte 5 of the line)
{ printf '# sent_id = u\n'; printf '1\tAr\377nor\tArnor\tPROPN\t_\t_\t0\troot\t_\t_\n\n'; } >"$T/utf8.conllu"
expect "invalid UTF-8" 2 "^evcode: $T/utf8.conllu:2:5: .*UTF-8" \
    "$EVCODE" code --dicts "$dicts" "$T/utf8.conllu"
no_stdout "invalid UTF-8"

# a token line with 7 columns, after a good sentence (file line 6): the good
# sentence's event is written whole, then the error
{ good_sentence; printf '1\tArnor\tArnor\tPROPN\t_\t_\t0\n\n'; } >"$T/cols.conllu"
expect "7 columns" 2 "^evcode: $T/cols.conllu:6:1: expected 10 tab-separated columns, found 7$" \
    "$EVCODE" code --dicts "$dicts" "$T/cols.conllu"
whole_json_lines "7 columns"
cmp -s "$T/out" "$T/good.out" || err "7 columns: stdout is not the first sentence's event"

# a token head out of range
{ printf '1\tArnor\tArnor\tPROPN\t_\t_\t9\troot\t_\t_\n\n'; } >"$T/head.conllu"
expect "head out of range" 2 "^evcode: $T/head.conllu:1:[0-9]+: expected a head" \
    "$EVCODE" code --dicts "$dicts" "$T/head.conllu"
no_stdout "head out of range"

# an empty file: nothing, successfully
: >"$T/empty.conllu"
"$EVCODE" code --dicts "$dicts" "$T/empty.conllu" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] || err "empty file: exit $rc, expected 0"
[ -s "$T/out" ] && err "empty file: unexpected stdout"
[ -s "$T/err" ] && err "empty file: unexpected stderr: $(cat "$T/err")"
# and empty stdin
"$EVCODE" code --dicts "$dicts" - </dev/null >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -ne 0 ] || [ -s "$T/out" ] || [ -s "$T/err" ]; then
    err "empty stdin: exit $rc, or output"
fi

# a 2 MB line (over the 1 MiB line limit), in a comment and in a form
{ printf '# text = '; head -c 2097152 /dev/zero | tr '\0' a; printf '\n'
  tok 1 Arnor PROPN 0 root; printf '\n'; } >"$T/long1.conllu"
expect "2 MB comment line" 2 "^evcode: $T/long1.conllu:1: line longer than" \
    "$EVCODE" code --dicts "$dicts" "$T/long1.conllu"
no_stdout "2 MB comment line"
{ good_sentence; printf '1\t'; head -c 2097152 /dev/zero | tr '\0' b
  printf '\tb\tNOUN\t_\t_\t0\troot\t_\t_\n\n'; } >"$T/long2.conllu"
expect "2 MB token line" 2 "^evcode: $T/long2.conllu:6: line longer than" \
    "$EVCODE" code --dicts "$dicts" "$T/long2.conllu"
whole_json_lines "2 MB token line"

# more tokens than a sentence may have (4096)
awk 'BEGIN { for (i = 1; i <= 4097; i++)
    printf "%d\tw\tw\tNOUN\t_\t_\t%d\tdep\t_\t_\n", i, i == 1 ? 0 : 1; print "" }' >"$T/many.conllu"
expect "4097 tokens" 2 "^evcode: $T/many.conllu:4097:1: sentence longer than 4096 tokens" \
    "$EVCODE" code --dicts "$dicts" "$T/many.conllu"
no_stdout "4097 tokens"

# ---- PETRARCH XML (from tests/data/validate3.xml)
xml=tests/data/validate3.xml
"$EVCODE" code --dicts "$dicts" "$xml" >"$T/full.out" 2>"$T/err" ||
    err "validate3.xml: exit $?: $(cat "$T/err")"
grep '"article_id":"DEMO_26"' "$T/full.out" >"$T/first.out"
[ "$(wc -l <"$T/first.out")" -eq 2 ] || err "validate3.xml: DEMO_26 should give 2 events"

# truncated in the middle of the second record (inside its <Parse>, in the
# middle of a line): the first record's events, then one error line naming
# the last line and the open record
n=$(grep -n '<Sentence [^>]*id="DEMO_24"' "$xml" | cut -d: -f1)
head -n $((n + 12)) "$xml" | head -c -7 >"$T/trunc.xml"
last=$((n + 12))
expect "truncated XML" 2 "^evcode: $T/trunc.xml:$last:[0-9]+: .*DEMO_24.*line $n" \
    "$EVCODE" code --dicts "$dicts" "$T/trunc.xml"
whole_json_lines "truncated XML"
cmp -s "$T/out" "$T/first.out" || err "truncated XML: stdout is not the first record's events"
expect "truncated XML (validate)" 2 "^evcode: $T/trunc.xml:$last:[0-9]+: " \
    "$EVCODE" validate --dicts "$dicts" "$T/trunc.xml"
no_stdout "truncated XML (validate)"

# truncated inside a tag
head -c 200 "$xml" >"$T/trunc2.xml"
printf '<Sentence id="X" da' >>"$T/trunc2.xml"
expect "XML cut in a tag" 2 "^evcode: $T/trunc2.xml:[0-9]+:" \
    "$EVCODE" code --dicts "$dicts" "$T/trunc2.xml"
no_stdout "XML cut in a tag"

# a record whose <Parse> has a 7-column line: that record is skipped (one
# error line with the file line of the bad token), the others are coded,
# exit 1
pl=$((n + 10))
awk -v n=$pl 'NR == n { sub(/\t[^\t]*\t[^\t]*\t[^\t]*$/, "") } { print }' "$xml" >"$T/badparse.xml"
expect "bad <Parse>" 1 "^evcode: $T/badparse.xml:$pl:1: expected 10 tab-separated columns" \
    "$EVCODE" code --dicts "$dicts" "$T/badparse.xml"
whole_json_lines "bad <Parse>"
cmp -s "$T/out" "$T/full.out" || err "bad <Parse>: the other records' events differ"

# ---- files, options, commands
expect "missing file" 2 "^evcode: $T/nope.conllu: No such file" \
    "$EVCODE" code --dicts "$dicts" "$T/nope.conllu"
no_stdout "missing file"
expect "unknown option" 2 "^evcode: code: unknown option '--frobnicate'$" \
    "$EVCODE" code --frobnicate "$T/good.conllu"
no_stdout "unknown option"
expect "unknown validate option" 2 "^evcode: validate: unknown option '--frobnicate'$" \
    "$EVCODE" validate --frobnicate "$xml"
no_stdout "unknown validate option"
expect "bad --format" 2 "^evcode: unknown --format 'xls'" \
    "$EVCODE" code --format xls "$T/good.conllu"
no_stdout "bad --format"
expect "bad --date" 2 "^evcode: --date wants YYYY-MM-DD" \
    "$EVCODE" code --date 2010-13-45 "$T/good.conllu"
no_stdout "bad --date"

# an unknown command: the error line first (the usage follows on stderr)
"$EVCODE" frobnicate >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 2 ] || err "unknown command: exit $rc, expected 2"
[ "$(head -n 1 "$T/err")" = "evcode: unknown command 'frobnicate'" ] ||
    err "unknown command: stderr starts '$(head -n 1 "$T/err")'"
no_stdout "unknown command"
exit $fail
