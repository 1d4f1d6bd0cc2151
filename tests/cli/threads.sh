#!/usr/bin/env bash
# -j N: worker threads code batches of articles, the main thread writes them
# in input order, so the bytes (stdout and stderr) and the exit status are
# those of -j 1. Inputs span many batches (64 items each): the PUD treebank
# (1000 sentences), the 284 PETRARCH validation records, and broken copies
# of both (a record without a parse and one with a bad parse in the middle:
# status 1; a bad CoNLL-U line at sentence 600: status 2, everything before
# it still written).
set -u
. tests/scratch.sh

pud="$SHARED/data/ud/UD_English-PUD/en_pud-ud-test.conllu"
xml="$SHARED/data/validation/PETR.UnitTest.records.ud.xml"
phoenix="$SHARED/data/dictionaries/phoenix"
validate="$SHARED/data/dictionaries/validate"

# same NAME WANT_STATUS ARGS...: -j1, -j2, -j 3 and -j auto give the same
# stdout, stderr and status, the status being WANT_STATUS.
same() {
    local name=$1 want=$2
    shift 2
    "$EVCODE" code -j1 "$@" >"$T/$name.1.out" 2>"$T/$name.1.err"
    local rc1=$?
    [ "$rc1" -eq "$want" ] || err "$name: -j1 exit $rc1, expected $want: $(head -c 300 "$T/$name.1.err")"
    for j in 2 "3" auto; do
        "$EVCODE" code -j "$j" "$@" >"$T/$name.$j.out" 2>"$T/$name.$j.err"
        local rc=$?
        [ "$rc" -eq "$rc1" ] || err "$name: -j $j exit $rc, -j1 exit $rc1"
        cmp -s "$T/$name.1.out" "$T/$name.$j.out" ||
            err "$name: -j $j stdout differs from -j1: $(diff "$T/$name.1.out" "$T/$name.$j.out" | head -5)"
        cmp -s "$T/$name.1.err" "$T/$name.$j.err" ||
            err "$name: -j $j stderr differs from -j1: $(diff "$T/$name.1.err" "$T/$name.$j.err" | head -5)"
    done
}

# ---- good inputs: the same events whatever -j, and there are events
same pud 0 --dicts "$phoenix" "$pud"
n=$(wc -l <"$T/pud.1.out")
[ "$n" -ge 40 ] || err "pud: only $n events"
[ -s "$T/pud.1.err" ] && err "pud: stderr: $(head -c 300 "$T/pud.1.err")"
same pudtsv 0 --format tsv --dicts "$phoenix" "$pud"
same xml 0 --dicts "$validate" "$xml"
n=$(wc -l <"$T/xml.1.out")
[ "$n" -ge 250 ] || err "xml: only $n events"
# the first and the last record's events are there, in input order
first=$(head -1 "$T/xml.1.out" | sed -E 's/^\{"article_id":"([^"]*)".*/\1/')
last=$(tail -1 "$T/xml.1.out" | sed -E 's/^\{"article_id":"([^"]*)".*/\1/')
[ "$first" = "DEMO_00" ] || err "xml: first event from '$first', expected DEMO_00"
# (ABOUT_02 is the last record with events: ICC_01 codes none, and
# FINAL-RECORD is an end marker)
[ "$last" = "ABOUT_02" ] || err "xml: last event from '$last', expected ABOUT_02"

# two files in one run: their outputs one after the other
same two 0 --dicts "$validate" "$xml" tests/data/story_discard.xml
cat "$T/xml.1.out" >"$T/two.want"
"$EVCODE" code --dicts "$validate" tests/data/story_discard.xml >>"$T/two.want"
cmp -s "$T/two.want" "$T/two.1.out" || err "two files: not the concatenation of each"

# ---- a record without <Parse> (COMPOUND_41) and one with a bad parse
# (PATTERN_30: a token line of three columns) in the middle: both reported
# in input order, both skipped, status 1, the others coded
awk '
/<Sentence .*id="COMPOUND_41"/ { drop = 1 }
/<Sentence .*id="PATTERN_30"/ { bad = 1 }
drop && /<Parse>/ { skip = 1 }
skip { if (/<\/Parse>/) { skip = 0; drop = 0; sub(/.*<\/Parse>/, "") } else next }
bad && /<Parse>/ { print; print "1\tbroken\tline"; bad = 0; next }
{ print }' "$xml" >"$T/bad.xml"
grep -q 'id="COMPOUND_41"' "$T/bad.xml" || err "bad.xml: record lost"
same badxml 1 --dicts "$validate" "$T/bad.xml"
[ "$(wc -l <"$T/badxml.1.err")" -eq 2 ] ||
    err "badxml: expected 2 lines on stderr: $(cat "$T/badxml.1.err")"
head -1 "$T/badxml.1.err" | grep -q 'record COMPOUND_41 has no <Parse>; skipped' ||
    err "badxml: first message: $(head -1 "$T/badxml.1.err")"
sed -n 2p "$T/badxml.1.err" | grep -Eq 'bad\.xml:[0-9]+:.*(column|field)' ||
    err "badxml: second message: $(sed -n 2p "$T/badxml.1.err")"
grep -q '"article_id":"COMPOUND_41"' "$T/badxml.1.out" && err "badxml: COMPOUND_41 coded"
m=$(wc -l <"$T/badxml.1.out")
[ "$m" -lt "$(wc -l <"$T/xml.1.out")" ] && [ "$m" -ge 240 ] ||
    err "badxml: $m events (good file: $(wc -l <"$T/xml.1.out"))"

# ---- a bad CoNLL-U line at sentence 600: status 2, one message, and the
# events of the 599 sentences before it, as with one thread
awk 'BEGIN { s = 0 } /^# sent_id/ { s++ } s == 600 && /^1\t/ && !done { print "1\tx"; done = 1; next } { print }' \
    "$pud" >"$T/bad.conllu"
same badconllu 2 --dicts "$phoenix" "$T/bad.conllu"
[ "$(wc -l <"$T/badconllu.1.err")" -eq 1 ] ||
    err "badconllu: expected 1 line on stderr: $(cat "$T/badconllu.1.err")"
grep -q 'bad\.conllu:[0-9]' "$T/badconllu.1.err" || err "badconllu: message: $(cat "$T/badconllu.1.err")"
k=$(wc -l <"$T/badconllu.1.out")
[ "$k" -gt 0 ] && [ "$k" -lt "$(wc -l <"$T/pud.1.out")" ] ||
    err "badconllu: $k events before the error"
head -"$k" "$T/pud.1.out" | cmp -s - "$T/badconllu.1.out" ||
    err "badconllu: the events before the error are not those of the good file"

# ---- the progress line: only on a terminal (above, stderr was a file and
# stayed empty), shown from the first article, cleared at the end, and not
# with --quiet
if command -v script >/dev/null; then
    script -qc "'$EVCODE' code -j2 --dicts '$phoenix' '$pud' 2>&1 >/dev/null" /dev/null >"$T/tty" </dev/null
    grep -aq "articles, [0-9]* sentences/s, [0-9]* events" "$T/tty" ||
        err "progress: no progress line on a terminal: $(head -c 200 "$T/tty" | od -c | head -3)"
    [ "$(tail -c 4 "$T/tty" | od -An -c | tr -d ' \n')" = '\r033[K' ] ||
        err "progress: the line is not cleared at the end"
    script -qc "'$EVCODE' code -j2 --quiet --dicts '$phoenix' '$pud' 2>&1 >/dev/null" /dev/null >"$T/tty" </dev/null
    [ -s "$T/tty" ] && err "progress: --quiet still writes: $(head -c 200 "$T/tty")"
fi

# ---- bad -j values
for v in -1 x 2x; do
    "$EVCODE" code -j "$v" --dicts "$validate" "$xml" >/dev/null 2>"$T/err"
    [ $? -eq 2 ] || err "-j $v: expected exit 2"
    grep -q -- "-j wants" "$T/err" || err "-j $v: message: $(cat "$T/err")"
done
exit $fail
