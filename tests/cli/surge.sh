#!/usr/bin/env bash
# evcode surge on the synthetic store (tests/synthetic_events.sh): the one
# surge built in is the one flag, with the numbers behind it, in table, CSV
# and JSON; filters narrow the series; and each bad argument (malformed
# date, unknown root, bad --by, ...) gives exit 2, one line on stderr and
# nothing on stdout.
set -u
. tests/synthetic_events.sh
. tests/scratch.sh

make_store "$T/s.db" || { echo "cannot make the test store"; exit 1; }

# ---- the flag and its numbers
"$EVCODE" surge --db "$T/s.db" >"$T/out" 2>"$T/err" || err "table: exit $?: $(cat "$T/err")"
[ -s "$T/err" ] && err "table: stderr: $(cat "$T/err")"
# header, one flag, summary
[ "$(wc -l <"$T/out")" -eq 3 ] || err "table: expected 3 lines, got: $(cat "$T/out")"
row=$(grep -E '^PAK ' "$T/out")
set -- $row
# country place root period start count flag mean variance disp p threshold critical
[ "$1 $2 $3 $4 $5 $6 $7" = "PAK - 19 $SYN_SURGE_WEEK $SYN_SURGE_START 30 yes" ] ||
    err "table: flag row is '$row'"
# baseline 5,4,6,5,5,4,6,5 before week 15: mean 5, variance 4/7
[ "$8" = "5.00" ] && [ "$9" = "0.57" ] && [ "${10}" = "1.12" ] ||
    err "table: baseline numbers in '$row'"
# 16 periods tested in the series: threshold 0.05 / 16
[ "${12}" = "3.13e-03" ] || err "table: threshold in '$row'"
awk -v p="${11}" 'BEGIN { exit !(p > 0 && p < 1e-9) }' || err "table: p in '$row'"
grep -q '^# 4 series (week), 64 periods tested, 1 flagged; alpha 0.05' "$T/out" ||
    err "table: summary: $(tail -1 "$T/out")"

# CSV: a header and the row
"$EVCODE" surge --db "$T/s.db" --format csv >"$T/out" 2>"$T/err" || err "csv: exit $?"
head -1 "$T/out" | grep -q '^country,place,root,period,start,count,flagged,baseline_periods,mean,variance,dispersion,p,threshold,critical$' ||
    err "csv: header: $(head -1 "$T/out")"
[ "$(sed -n 2p "$T/out" | cut -d, -f1-9)" = "PAK,,19,$SYN_SURGE_WEEK,$SYN_SURGE_START,30,1,8,5.0000" ] ||
    err "csv: row: $(sed -n 2p "$T/out")"
[ "$(wc -l <"$T/out")" -eq 2 ] || err "csv: expected 2 lines"

# JSON
"$EVCODE" surge --db "$T/s.db" --format json >"$T/out" 2>"$T/err" || err "json: exit $?"
if command -v jq >/dev/null; then
    [ "$(jq -r '[.series, .tested, .flagged, (.flags | length), .flags[0].country,
                 .flags[0].root, .flags[0].period, .flags[0].count,
                 .flags[0].mean, .flags[0].critical] | map(tostring) | join(" ")' "$T/out")" = \
      "4 64 1 1 PAK 19 $SYN_SURGE_WEEK 30 5 14" ] || err "json: $(cat "$T/out")"
else
    grep -q '"period": "'"$SYN_SURGE_WEEK"'"' "$T/out" || err "json: no flag"
fi

# --all: every tested period (16 in each of the 4 series), one flagged
"$EVCODE" surge --db "$T/s.db" --all --format csv >"$T/out" || err "all: exit $?"
[ "$(tail -n +2 "$T/out" | wc -l)" -eq 64 ] || err "--all: expected 64 rows"
[ "$(tail -n +2 "$T/out" | awk -F, '$7 == 1' | wc -l)" -eq 1 ] || err "--all: one flagged row"

# filters: other roots or countries have no surge; a lower-case country is
# read as its code; a span that ends before the spike has none
for args in "--root 1,7,12" "--country afg,chn" "--to 2024-04-14" "--quad 1,2,3"; do
    # shellcheck disable=SC2086
    "$EVCODE" surge --db "$T/s.db" $args --format csv >"$T/out" 2>"$T/err" ||
        err "$args: exit $?: $(cat "$T/err")"
    [ "$(wc -l <"$T/out")" -eq 1 ] || err "$args: expected no flag: $(cat "$T/out")"
done
"$EVCODE" surge --db "$T/s.db" --country pak --root 18-20 --format csv >"$T/out" || err "pak: exit"
[ "$(wc -l <"$T/out")" -eq 2 ] || err "--country pak --root 18-20: expected the flag"
# by month the spike is one month against too short a baseline: no flag
"$EVCODE" surge --db "$T/s.db" --by month --format csv >"$T/out" || err "month: exit"
[ "$(wc -l <"$T/out")" -eq 1 ] || err "--by month: expected no flag: $(cat "$T/out")"
# a narrower window and a stricter alpha still find it; min-count above it does not
"$EVCODE" surge --db "$T/s.db" --window 4 --alpha 0.001 --format csv >"$T/out" || err "window: exit"
[ "$(wc -l <"$T/out")" -eq 2 ] || err "--window 4 --alpha 0.001: expected the flag"
"$EVCODE" surge --db "$T/s.db" --min-count 31 --format csv >"$T/out" || err "min-count: exit"
[ "$(wc -l <"$T/out")" -eq 1 ] || err "--min-count 31: expected no flag"

# ---- bad arguments: exit 2, one line on stderr matching, nothing on stdout
echo "not a database at all, just some text that is long enough" >"$T/junk.db"
bad() { expect_error surge "$@"; }
db=(--db "$T/s.db")
bad "^evcode: surge: --from: '2024-13-01' is not a date \(YYYY-MM-DD\)$" "${db[@]}" --from 2024-13-01
bad "^evcode: surge: --to: '2024-02-30' is not a date" "${db[@]}" --to 2024-02-30
bad "^evcode: surge: --from: '24-01-01' is not a date" "${db[@]}" --from 24-01-01
bad "^evcode: surge: --from 2024-03-01 is after --to 2024-02-01$" "${db[@]}" --from 2024-03-01 --to 2024-02-01
bad "^evcode: surge: --root: unknown CAMEO root '21' \(roots are 1-20\)$" "${db[@]}" --root 18,21
bad "^evcode: surge: --root: unknown CAMEO root 'x'" "${db[@]}" --root x
bad "^evcode: surge: --by: unknown period 'fortnight' \(day, week, month or year\)$" "${db[@]}" --by fortnight
bad "^evcode: surge: --country: 'PAKI' is not a three-letter country code" "${db[@]}" --country PAKI
bad "^evcode: surge: --quad: '5' is not a list of quad classes" "${db[@]}" --quad 5
bad "^evcode: surge: --window: '1' is not a number of periods" "${db[@]}" --window 1
bad "^evcode: surge: --alpha: '1.5' is not a probability" "${db[@]}" --alpha 1.5
bad "^evcode: surge: --min-count: '0' is not a count" "${db[@]}" --min-count 0
bad "^evcode: surge: --format: unknown format 'xml' \(table, csv or json\)$" "${db[@]}" --format xml
bad "^evcode: surge: unknown option '--bogus' \(see evcode surge --help\)$" "${db[@]}" --bogus
bad "^evcode: surge: --db FILE is required$"
bad "^evcode: surge: --db needs a value$" --db
bad "^evcode: surge: .*missing\.db: cannot open the store" --db "$T/missing.db"
bad "^evcode: surge: .*junk\.db: not an evcode store" --db "$T/junk.db"
# the span is too long for days
bad "^evcode: surge: .*0001-01-01 to 9999-12-31 is [0-9]+ days" "${db[@]}" --by day --from 0001-01-01 --to 9999-12-31

exit $fail
