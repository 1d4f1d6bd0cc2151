#!/usr/bin/env bash
# --format phoenix and --format gdelt on tests/data/golden.conllu (8 events,
# see golden.sh) and on tests/data/validate3.xml: the exact number of
# columns of each line and the key fields (dates, actor splits, codes, class,
# Goldstein, ids, running numbers), against the column lists of the Phoenix
# data set (26) and of the GDELT 2.0 event table (61).
set -u
. tests/scratch.sh
dicts="$SHARED/data/dictionaries/validate"
in=tests/data/golden.conllu

# field FILE LINE COLUMN: one field of a TSV file
field() { awk -F'\t' -v l="$2" -v c="$3" 'NR == l { print $c }' "$1"; }
# expect_fields FILE LINE "COL=VALUE ..." (VALUE may be empty)
expect_fields() {
    local f=$1 l=$2 kv got
    for kv in $3; do
        got=$(field "$f" "$l" "${kv%%=*}")
        [ "$got" = "${kv#*=}" ] || err "$f line $l column ${kv%%=*}: '$got', expected '${kv#*=}'"
    done
}
columns() { # FILE N: every line has N tab-separated columns
    local bad
    bad=$(awk -F'\t' -v n="$2" 'NF != n { print NR ": " NF }' "$1")
    [ -z "$bad" ] || err "$1: lines without $2 columns: $bad"
}

# ---- Phoenix
"$EVCODE" code --format phoenix --date 2015-02-19 --dicts "$dicts" "$in" >"$T/phx" 2>"$T/err" ||
    err "phoenix: exit $?: $(cat "$T/err")"
[ "$(wc -l <"$T/phx")" -eq 8 ] || err "phoenix: $(wc -l <"$T/phx") lines, expected 8"
columns "$T/phx" 26
# EventID Date Year Month Day | source Full Entity Role Attribute | target
# ... | EventCode EventRootCode PentaClass GoldsteinScore | SentenceID
expect_fields "$T/phx" 1 "1=1 2=20150219 3=2015 4=02 5=19 6=ARN 7=ARN 8= 9= 10=GON 11=GON 14=050 15=05 16=1 17=3.5 24=DEMO_00"
expect_fields "$T/phx" 2 "1=2 6=BREGOV 7=BRE 8=GOV 9= 10=GON 14=040 15=04 16=1 17=1.0 24=DEMO_17"
# 120 (reject) is verbal conflict: penta class 3 (Phoenix's 0-4 scale)
expect_fields "$T/phx" 4 "1=4 6=GON 10=OSG 14=120 15=12 16=3 17=-4.0 24=DEMO_26"
expect_fields "$T/phx" 6 "6=ARNGOV 7=ARN 8=GOV 10=GONCOP 11=GON 12=COP 14=050"
# 111 (criticize) is verbal conflict too
expect_fields "$T/phx" 7 "1=7 6=ERI 10=PHL 14=111 15=11 16=3 17=-2.0 24=PATTERN_31"
# the same events as the TSV writer, in the same order
cut -f2,3,4 <("$EVCODE" code --format tsv --dicts "$dicts" "$in") >"$T/tsv.key"
cut -f6,10,14 "$T/phx" | cmp -s - "$T/tsv.key" || err "phoenix: events differ from --format tsv"

# XML: the record's source attribute is the news source, its id the
# sentence id; no --date: the record's own date
"$EVCODE" code --format phoenix --dicts "$dicts" tests/data/validate3.xml >"$T/phx3" 2>"$T/err"
[ $? -eq 0 ] || err "phoenix xml: exit status: $(cat "$T/err")"
columns "$T/phx3" 26
expect_fields "$T/phx3" 1 "1=1 2=19950102 3=1995 4=01 5=02 6=GON 10=OSG 14=120 24=DEMO_26 25= 26=DEMO"

# ---- GDELT 2.0
"$EVCODE" code --format gdelt --date 2015-02-19 --dicts "$dicts" "$in" >"$T/gd" 2>"$T/err" ||
    err "gdelt: exit $?: $(cat "$T/err")"
[ "$(wc -l <"$T/gd")" -eq 8 ] || err "gdelt: $(wc -l <"$T/gd") lines, expected 8"
columns "$T/gd" 61
# GLOBALEVENTID SQLDATE MonthYear Year FractionDate | Actor1Code Name
# CountryCode ... Type1Code | Actor2 ... | IsRootEvent EventCode
# EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions
# NumSources NumArticles | SOURCEURL (the article id: no URL)
expect_fields "$T/gd" 1 "1=1 2=20150219 3=201502 4=2015 5=2015.1370 6=ARN 7=ARNOR 8=ARN 13= 16=GON 17=GONDOR 18=GON 26=1 27=050 28=050 29=05 30=1 31=3.5 32=1 33=1 34=1 35= 60= 61=DEMO_00"
expect_fields "$T/gd" 2 "1=2 6=BREGOV 8=BRE 13=GOV 16=GON 26=0 27=040 29=04 30=1 31=1.0 61=DEMO_17"
expect_fields "$T/gd" 4 "6=GON 16=OSG 27=120 28=120 29=12 30=3 31=-4.0"
expect_fields "$T/gd" 6 "6=ARNGOV 8=ARN 13=GOV 16=GONCOP 18=GON 23=COP"
# AvgTone, the actors' geography columns and DATEADDED are empty; the
# ActionGeo columns (52-59) hold the event's location: here only the
# country of the target (Philippines, line 7) is known
geo=$(cut -f35-51,60 "$T/gd" | tr -d '\t\n')
[ -z "$geo" ] || err "gdelt: actor geography columns not empty: $geo"
expect_fields "$T/gd" 7 "52=1 53=Philippines 54=PH 55= 56= 57=13.00000 58=122.00000 59=PH"
expect_fields "$T/gd" 1 "52= 53= 57= 59="
# FractionDate at the year's ends; no date: four empty date columns
"$EVCODE" code --format gdelt --date 2016-12-31 --dicts "$dicts" "$in" | head -1 >"$T/gd2"
expect_fields "$T/gd2" 1 "2=20161231 3=201612 4=2016 5=2016.9999"
"$EVCODE" code --format gdelt --date 2015-01-01 --dicts "$dicts" "$in" | head -1 >"$T/gd3"
expect_fields "$T/gd3" 1 "5=2015.0027"
"$EVCODE" code --format gdelt --dicts "$dicts" "$in" | head -1 >"$T/gd4"
columns "$T/gd4" 61
expect_fields "$T/gd4" 1 "1=1 2= 3= 4= 5= 6=ARN 27=050"

# ---- an unknown format is an error naming the choices
"$EVCODE" code --format csv --dicts "$dicts" "$in" >/dev/null 2>"$T/err"
[ $? -eq 2 ] || err "--format csv: expected exit 2"
grep -q "jsonl, tsv, phoenix, gdelt" "$T/err" || err "--format csv: message: $(cat "$T/err")"
exit $fail
