#!/usr/bin/env bash
# evcode ingest on the first 300 Reuters articles (issue 5): stored once,
# ingested again (with -j 2) nothing changes (same counts, same events, same
# row ids); the stored events exported in each format are the bytes
# `evcode code` writes; --recode rewrites the same content; a changed
# article replaces its events and only its; `ingest --events` loads
# `evcode code`'s JSON Lines into a store that exports the same lines.
# Needs the default model; SKIP without it.
set -u
. tests/need_model.sh
. tests/scratch.sh
dicts="$SHARED/data/dictionaries/phoenix"
head -300 "$SHARED/corpus/reuters21578.jsonl" >"$T/r.jsonl"
db="$T/a.db"

# snapshot NAME: what the store holds, through query and export
snapshot() {
    "$EVCODE" export --db "$db" --format csv >"$T/$1.csv" &&
    "$EVCODE" query --db "$db" counts --by day --format csv >"$T/$1.counts" &&
    "$EVCODE" query --db "$db" dyads --limit 1000 --format csv >"$T/$1.dyads" &&
    "$EVCODE" query --db "$db" actors --limit 1000 --format json >"$T/$1.actors" ||
        err "snapshot $1: a query failed"
}
same() { # A B: two snapshots are equal
    for x in csv counts dyads actors; do
        cmp -s "$T/$1.$x" "$T/$2.$x" || err "$1 vs $2: $x differ: $(diff "$T/$1.$x" "$T/$2.$x" | head -4)"
    done
}

"$EVCODE" ingest --db "$db" --dicts "$dicts" "$T/r.jsonl" >"$T/out1" 2>"$T/err1" ||
    err "first ingest: exit $?: $(head -3 "$T/err1")"
grep -q '^ingest: 300 added, 0 replaced, 0 unchanged; [1-9][0-9]* events written; the store holds 300 articles, [1-9][0-9]* sentences, [1-9][0-9]* events$' "$T/out1" ||
    err "first ingest said: $(cat "$T/out1")"
events=$(sed -E 's/.* holds .* ([0-9]+) events$/\1/' "$T/out1")
[ "$events" -ge 100 ] || err "only $events events from 300 articles"
snapshot one
[ "$("$EVCODE" export --db "$db" --format jsonl | wc -l)" -eq "$events" ] ||
    err "export has not the $events events"
head -1 "$T/one.csv" | grep -q '^id,article_id,sentence,date,source,' || err "csv header: $(head -1 "$T/one.csv")"
[ "$(awk -F, 'NR > 1 { s += $4 } END { print s }' "$T/one.counts")" -eq "$events" ] ||
    err "daily counts do not add up to $events"

# again, with two threads: nothing written, the same store
"$EVCODE" ingest --db "$db" -j 2 --dicts "$dicts" "$T/r.jsonl" >"$T/out2" 2>"$T/err2" ||
    err "second ingest: exit $?"
grep -q "^ingest: 0 added, 0 replaced, 300 unchanged; 0 events written; the store holds 300 articles, [0-9]* sentences, $events events\$" "$T/out2" ||
    err "second ingest said: $(cat "$T/out2")"
snapshot two
same one two

# the store gives back what evcode code writes, in every format
for f in jsonl phoenix gdelt; do
    "$EVCODE" code --format "$f" --dicts "$dicts" "$T/r.jsonl" >"$T/code.$f" 2>/dev/null
    "$EVCODE" export --db "$db" --format "$f" >"$T/export.$f" || err "export $f: exit $?"
    [ -s "$T/code.$f" ] && cmp -s "$T/code.$f" "$T/export.$f" ||
        err "export --format $f differs from code: $(diff "$T/code.$f" "$T/export.$f" | head -4)"
done

"$EVCODE" export --db "$db" --format gdelt -o "$T/export.o" || err "export -o: exit $?"
cmp -s "$T/export.o" "$T/export.gdelt" || err "export -o FILE differs from stdout"

# --recode: every article rewritten, the same content
"$EVCODE" ingest --db "$db" --recode --dicts "$dicts" "$T/r.jsonl" >"$T/out3" 2>&1 ||
    err "recode: exit $?"
grep -q '^ingest: 0 added, 300 replaced, 0 unchanged' "$T/out3" || err "recode said: $(cat "$T/out3")"
"$EVCODE" export --db "$db" --format jsonl | cmp -s - "$T/code.jsonl" || err "recode changed the events"

# one article changed (reuters-4: a sentence about Brazil's debt hangs over
# the banks, 190): it alone is replaced, its new events in place of the old
sed -E '/"id": "reuters-4"/s/"text": "/"text": "Iran attacked Iraq on Monday. /' "$T/r.jsonl" >"$T/r2.jsonl"
cmp -s "$T/r.jsonl" "$T/r2.jsonl" && err "test setup: reuters-4 not changed"
"$EVCODE" ingest --db "$db" --dicts "$dicts" "$T/r2.jsonl" >"$T/out4" 2>&1 || err "changed: exit $?"
grep -q '^ingest: 0 added, 1 replaced, 299 unchanged' "$T/out4" || err "changed said: $(cat "$T/out4")"
"$EVCODE" code --dicts "$dicts" "$T/r2.jsonl" >"$T/code2.jsonl" 2>/dev/null
"$EVCODE" export --db "$db" --format jsonl >"$T/export2.jsonl"
cmp -s <(sort "$T/code2.jsonl") <(sort "$T/export2.jsonl") ||
    err "after a change: not the events of the changed input: $(diff <(sort "$T/code2.jsonl") <(sort "$T/export2.jsonl") | head -4)"
grep -q '"article_id":"reuters-4","sentence":0,.*"source":{"code":"IRN".*"target":{"code":"IRQ"' "$T/export2.jsonl" ||
    err "the changed article's new event is not stored"
"$EVCODE" query --db "$db" events --match 'Iran AND attacked' --format csv >"$T/m.csv"
[ "$(grep -c '^[0-9]*,reuters-4,0,' "$T/m.csv")" -ge 1 ] || err "--match does not find the new sentence"

# --events: the JSON Lines of code, stored and given back; twice: unchanged
"$EVCODE" ingest --db "$T/b.db" --events "$T/code.jsonl" >"$T/out5" 2>&1 || err "--events: exit $?"
n=$(grep -c . "$T/code.jsonl")
grep -q "^ingest: [0-9]* added, 0 replaced, 0 unchanged; $n events written" "$T/out5" ||
    err "--events said: $(cat "$T/out5")"
"$EVCODE" export --db "$T/b.db" --format jsonl | cmp -s - "$T/code.jsonl" ||
    err "--events: export differs from the loaded lines"
"$EVCODE" ingest --db "$T/b.db" --events "$T/code.jsonl" >"$T/out6" 2>&1 || err "--events again: exit $?"
grep -q "^ingest: 0 added, 0 replaced, [1-9][0-9]* unchanged; 0 events written" "$T/out6" ||
    err "--events again said: $(cat "$T/out6")"
# the same articles' lines split in two files, one article's lines apart:
# appended, not replaced
grep -v '"article_id":"reuters-2"' "$T/code.jsonl" >"$T/part1.jsonl"
grep '"article_id":"reuters-2"' "$T/code.jsonl" >"$T/part2.jsonl"
grep '"article_id":"reuters-2"' "$T/code.jsonl" >>"$T/part1.jsonl"
"$EVCODE" ingest --db "$T/c.db" --events "$T/part1.jsonl" "$T/part2.jsonl" >"$T/out7" 2>&1 ||
    err "--events in parts: exit $?"
grep -q 'appended to' "$T/out7" || err "--events in parts said: $(cat "$T/out7")"
[ "$("$EVCODE" export --db "$T/c.db" --format jsonl | grep -c '"article_id":"reuters-2"')" -eq \
  "$((2 * $(grep -c . "$T/part2.jsonl")))" ] || err "--events in parts: reuters-2 not appended"
exit $fail
