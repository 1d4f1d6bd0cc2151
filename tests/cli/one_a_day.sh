#!/usr/bin/env bash
# --one-a-day (Phoenix's duplicate filter) on tests/data/one_a_day.xml: six
# records over two days, 8 events; duplicates of one day become one record
# at the place of the first, listing every sentence id; the same event on
# another day is kept. The same with -j 2, in Phoenix format (ids joined by
# ';', running numbers over the kept records), and for input out of date
# order (a warning, the held events still merged).
set -u
. tests/scratch.sh
dicts="$SHARED/data/dictionaries/validate"
in=tests/data/one_a_day.xml

# without the filter: 8 events, ARN>GON 050 four times
"$EVCODE" code --format tsv --dicts "$dicts" "$in" >"$T/all" 2>"$T/err" || err "plain: exit $?"
[ "$(wc -l <"$T/all")" -eq 8 ] || err "plain: $(wc -l <"$T/all") events, expected 8"

# key: date source target code and the ids, one line per record
summary() {
    if command -v jq >/dev/null; then
        jq -r '[.date, .source.code, .target.code, .code, (.ids | join(","))] | join(" ")' "$1"
    else # the same without jq
        sed -E 's/^.*"date":"([^"]*)".*"source":\{"code":"([^"]*)".*"target":\{"code":"([^"]*)".*,"code":"([^"]*)",.*"ids":\[([^]]*)\].*$/\1 \2 \3 \4 \5/; s/"//g' "$1"
    fi
}
cat >"$T/want" <<'EOF'
1995-01-02 ARN GON 050 A-1,B-1
1995-01-02 GON OSG 120 B-2
1995-01-02 OSG GON 120 B-2
1995-01-03 ARN GON 050 C-1,C-2
1995-01-03 GON OSG 120 D-1
1995-01-03 OSG GON 120 D-1
EOF
for j in 1 2; do
    "$EVCODE" code -j $j --one-a-day --dicts "$dicts" "$in" >"$T/oad$j" 2>"$T/err"
    rc=$?
    [ $rc -eq 0 ] && [ ! -s "$T/err" ] || err "-j $j: exit $rc: $(cat "$T/err")"
    summary "$T/oad$j" >"$T/got$j"
    diff -u "$T/want" "$T/got$j" || err "-j $j: records differ"
done
cmp -s "$T/oad1" "$T/oad2" || err "-j 2 output differs from -j 1"
# the kept record is the first occurrence, whole (its text, verb, article)
head -1 "$T/oad1" | grep -q '^{"article_id":"A-1","sentence":0,"sentence_id":"A-1","date":"1995-01-02".*"verb":"restore","ids":\["A-1","B-1"\]}$' ||
    err "first record: $(head -1 "$T/oad1")"

# Phoenix: SentenceID lists the ids, EventID counts kept records
"$EVCODE" code --one-a-day --format phoenix --dicts "$dicts" "$in" >"$T/phx" 2>"$T/err" ||
    err "phoenix: exit $?"
cut -f1,2,6,10,14,24 "$T/phx" >"$T/phx.key"
printf '%s\n' "1	19950102	ARN	GON	050	A-1;B-1" "2	19950102	GON	OSG	120	B-2" \
    "3	19950102	OSG	GON	120	B-2" "4	19950103	ARN	GON	050	C-1;C-2" \
    "5	19950103	GON	OSG	120	D-1" "6	19950103	OSG	GON	120	D-1" >"$T/phx.want"
diff -u "$T/phx.want" "$T/phx.key" || err "phoenix: records differ"
# GDELT: NumMentions and NumArticles count the ids
"$EVCODE" code --one-a-day --format gdelt --dicts "$dicts" "$in" | head -1 | cut -f1,2,27,32,33,34 >"$T/gd"
[ "$(cat "$T/gd")" = "1	19950102	050	2	1	2" ] || err "gdelt: $(cat "$T/gd")"

# out of date order: a warning; the events held are merged all the same
"$EVCODE" code --one-a-day --dicts "$dicts" tests/data/one_a_day_unsorted.xml >"$T/uns" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] || err "unsorted: exit $rc"
grep -q -- "--one-a-day: input is not in date order (F-1)" "$T/err" || err "unsorted: message: $(cat "$T/err")"
summary "$T/uns" >"$T/uns.got"
printf '%s\n' "1995-01-03 ARN GON 050 E-1,G-1" "1995-01-02 ARN GON 050 F-1" >"$T/uns.want"
diff -u "$T/uns.want" "$T/uns.got" || err "unsorted: records differ"
exit $fail
