#!/usr/bin/env bash
# Event dates (issue 6): each event of a raw article gets its own date from
# the expression that governs its verb, resolved against the article date
# (2024-07-12 was a Friday), and says how it was chosen: "date" and
# "date_method" in JSON Lines, the date columns of TSV, Phoenix and GDELT.
# No article date: null and "none"; --date gives one. --one-a-day keeps
# events of different days apart. The built-in dictionaries code the
# sentences; needs the default model (SKIP without it).
set -u
. tests/need_model.sh
. tests/scratch.sh

cat >"$T/a.jsonl" <<'EOF'
{"id":"d1","date":"2024-07-12","text":"Pakistan criticized Afghanistan on Monday. China accused India of spying. Iran will meet Iraq next week. Russia attacked Ukraine last month, officials said yesterday."}
EOF
# "sentence date date_method" per event
triples() {
    sed -E 's/^.*"sentence":([0-9]+),.*"date":("[^"]*"|null),"date_method":"([^"]*)".*$/\1 \2 \3/; s/"//g' "$1"
}

"$EVCODE" code "$T/a.jsonl" >"$T/out" 2>"$T/err" || err "jsonl: exit $?: $(cat "$T/err")"
triples "$T/out" >"$T/got"
cat >"$T/want" <<'EOF'
0 2024-07-08 clause
1 2024-07-12 article
2 2024-07-15 clause
3 2024-06-01 clause
EOF
diff -u "$T/want" "$T/got" || err "jsonl: dates differ"

# the other formats' date columns carry the same dates
"$EVCODE" code --format tsv "$T/a.jsonl" | cut -f1,9 >"$T/tsv"
printf '20240708\t0\n20240712\t1\n20240715\t2\n20240601\t3\n' | diff -u - "$T/tsv" || err "tsv dates"
"$EVCODE" code --format phoenix "$T/a.jsonl" | cut -f2-5 >"$T/phx"
printf '20240708\t2024\t07\t08\n20240712\t2024\t07\t12\n20240715\t2024\t07\t15\n20240601\t2024\t06\t01\n' |
    diff -u - "$T/phx" || err "phoenix dates"
"$EVCODE" code --format gdelt "$T/a.jsonl" | cut -f2-4 >"$T/gdelt"
printf '20240708\t202407\t2024\n20240712\t202407\t2024\n20240715\t202407\t2024\n20240601\t202406\t2024\n' |
    diff -u - "$T/gdelt" || err "gdelt dates"

# a text file has no date: null, "none"; --date gives it one
printf 'Pakistan criticized Afghanistan on Monday.\n' >"$T/b.txt"
"$EVCODE" code "$T/b.txt" >"$T/out" 2>"$T/err" || err "text: exit $?"
[ "$(triples "$T/out")" = "0 null none" ] || err "no date: $(triples "$T/out")"
"$EVCODE" code --date 2024-07-19 "$T/b.txt" >"$T/out" 2>"$T/err" || err "--date: exit $?"
[ "$(triples "$T/out")" = "0 2024-07-15 clause" ] || err "--date: $(triples "$T/out")"

# --one-a-day: the same dyad and code on two days are two records; on one
# day (said two ways), one record with both ids
cat >"$T/c.jsonl" <<'EOF'
{"id":"o1","date":"2024-07-12","text":"Pakistan criticized Afghanistan on Monday. Pakistan criticized Afghanistan on Tuesday."}
{"id":"o2","date":"2024-07-12","text":"Pakistan criticized Afghanistan on July 8."}
EOF
"$EVCODE" code --one-a-day "$T/c.jsonl" >"$T/out" 2>"$T/err" || err "one-a-day: exit $?"
sed -E 's/^.*"date":"([^"]*)".*"ids":\[([^]]*)\].*$/\1 \2/; s/"//g' "$T/out" >"$T/got"
printf '2024-07-08 o1-0,o2-0\n2024-07-09 o1-1\n' | diff -u - "$T/got" || err "one-a-day records"
exit $fail
