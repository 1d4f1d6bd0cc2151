#!/usr/bin/env bash
# Where the stored events happened (issue 6): the Pakistan-TTP editorial
# ingested with the Phoenix dictionaries; `query places --by-place` groups
# its events by country, province and city. The attacks on Chinese engineers
# (root 19) happened in Khyber Pakhtunkhwa, Pakistan; most events are
# Pakistan's. Needs the default model.
set -u
. tests/need_model.sh
. tests/scratch.sh
db="$T/p.db"
"$EVCODE" ingest --db "$db" --dicts "$SHARED/data/dictionaries/phoenix" \
    "$SHARED/examples/pakistan-ttp-talks.jsonl" >"$T/out" 2>"$T/err" ||
    err "ingest: exit $?: $(cat "$T/err")"
"$EVCODE" query --db "$db" places --by-place admin1 --root 19 --format csv >"$T/a1" ||
    err "places admin1: exit $?"
grep -q '^Khyber Pakhtunkhwa,PAK,[1-9]' "$T/a1" || err "no attack in Khyber Pakhtunkhwa: $(cat "$T/a1")"
[ "$(head -1 "$T/a1")" = "place,country,events" ] || err "header: $(head -1 "$T/a1")"
"$EVCODE" query --db "$db" places --by-place country --format csv >"$T/c" ||
    err "places country: exit $?"
[ "$(sed -n 2p "$T/c" | cut -d, -f1)" = PAK ] || err "Pakistan is not first: $(cat "$T/c")"
# every stored event has a country (its place's, else its actors'): the
# country counts add up to the events stored
n=$(awk -F, 'NR > 1 { s += $3 } END { print s }' "$T/c")
m=$(sed -n 's/^ingest: .* \([0-9]*\) events written.*/\1/p' "$T/out")
[ "$n" = "$m" ] || err "country counts $n, events stored $m"
"$EVCODE" query --db "$db" places --by-place city --format json >"$T/city" ||
    err "places city: exit $?"
grep -q '"place": *"Islamabad"' "$T/city" || err "no Islamabad among cities: $(cat "$T/city")"
exit $fail
