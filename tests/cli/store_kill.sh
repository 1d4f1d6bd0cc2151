#!/usr/bin/env bash
# An ingest killed with SIGKILL midway loses nothing and duplicates nothing
# (issue 5): once the store holds its first committed batches, the ingest
# of 640 Reuters articles is killed; the store still opens and holds whole
# articles only; the same ingest run again adds the rest (skipping what was
# committed) and the store is then the one an uninterrupted ingest makes:
# the same rows with the same ids (CSV export), the same counts, the same
# events. Needs the default model; SKIP without it.
set -u
. tests/need_model.sh
T=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$T"' EXIT
fail=0
err() { echo "$*"; fail=1; }
dicts="$SHARED/data/dictionaries/phoenix"
head -640 "$SHARED/corpus/reuters21578.jsonl" >"$T/r.jsonl"

"$EVCODE" ingest --db "$T/full.db" --dicts "$dicts" "$T/r.jsonl" >"$T/full.out" 2>&1 ||
    err "uninterrupted ingest: exit $?: $(cat "$T/full.out")"
grep -q '^ingest: 640 added' "$T/full.out" || err "uninterrupted: $(cat "$T/full.out")"

stored() { # events committed in the store so far (0 while it is not there)
    "$EVCODE" export --db "$T/killed.db" --format jsonl 2>/dev/null | wc -l
}
"$EVCODE" ingest --db "$T/killed.db" -j 2 --dicts "$dicts" "$T/r.jsonl" >/dev/null 2>&1 &
pid=$!
n=0
for _ in $(seq 1 600); do
    n=$(stored)
    [ "$n" -gt 0 ] && break
    sleep 0.05
done
kill -9 "$pid" 2>/dev/null
killed=$?
wait "$pid" 2>/dev/null
status=$?
pid=
[ "$killed" -eq 0 ] && [ "$status" -eq 137 ] ||
    err "the ingest was not killed midway (kill $killed, status $status): make the input longer"
[ "$n" -gt 0 ] || err "nothing was committed before the kill"
"$EVCODE" export --db "$T/killed.db" --format csv >"$T/partial.csv" ||
    err "the killed store does not open"
partial=$("$EVCODE" export --db "$T/killed.db" --format jsonl | wc -l)
total=$("$EVCODE" export --db "$T/full.db" --format jsonl | wc -l)
[ "$partial" -gt 0 ] && [ "$partial" -lt "$total" ] ||
    err "after the kill: $partial events of $total"
# whole articles only: each stored article has all the events it has in the
# uninterrupted store
"$EVCODE" export --db "$T/killed.db" --format jsonl >"$T/partial.jsonl"
"$EVCODE" export --db "$T/full.db" --format jsonl >"$T/full.jsonl"
ids=$(sed -E 's/^\{"article_id":"([^"]*)".*/\1/' "$T/partial.jsonl" | sort -u)
for id in $ids; do
    a=$(grep -c "^{\"article_id\":\"$id\"," "$T/partial.jsonl")
    b=$(grep -c "^{\"article_id\":\"$id\"," "$T/full.jsonl")
    [ "$a" -eq "$b" ] || err "article $id: $a events after the kill, $b in full"
done

"$EVCODE" ingest --db "$T/killed.db" --dicts "$dicts" "$T/r.jsonl" >"$T/rerun.out" 2>&1 ||
    err "rerun: exit $?: $(cat "$T/rerun.out")"
grep -Eq '^ingest: [1-9][0-9]* added, 0 replaced, [1-9][0-9]* unchanged' "$T/rerun.out" ||
    err "rerun: $(cat "$T/rerun.out")"
[ "$(sed 's/.*; the store/the store/' "$T/full.out")" = "$(sed 's/.*; the store/the store/' "$T/rerun.out")" ] ||
    err "totals differ: $(cat "$T/full.out") / $(cat "$T/rerun.out")"
for db in full killed; do
    "$EVCODE" export --db "$T/$db.db" --format csv >"$T/$db.csv"
    "$EVCODE" export --db "$T/$db.db" --format jsonl | sort >"$T/$db.sorted"
    "$EVCODE" query --db "$T/$db.db" counts --by day --format csv >"$T/$db.counts"
    "$EVCODE" query --db "$T/$db.db" events --match 'oil' --limit 0 --format csv >"$T/$db.match"
done
for x in csv sorted counts match; do
    [ -s "$T/full.$x" ] && cmp -s "$T/full.$x" "$T/killed.$x" ||
        err "killed and rerun vs uninterrupted: $x differ: $(diff "$T/full.$x" "$T/killed.$x" | head -4)"
done
exit $fail
