#!/usr/bin/env bash
# evcode report on the synthetic store (tests/synthetic_events.sh): one HTML
# file, self-contained and escaped, with the charts the store implies; bad
# arguments give exit 2 and one line; an error never leaves a partial or
# clobbered report. (tests/cli/report_chromium.sh renders it.)
set -u
. tests/synthetic_events.sh
. tests/scratch.sh

make_store "$T/s.db" || { echo "cannot make the test store"; exit 1; }

"$EVCODE" report --db "$T/s.db" -o "$T/r.html" --title "Synthetic <test>" \
    >"$T/out" 2>"$T/err" || err "report: exit $?: $(cat "$T/err")"
[ -s "$T/out" ] || [ -s "$T/err" ] && err "report: output on stdout or stderr"
h="$T/r.html"
[ -s "$h" ] || err "report: no file"
head -1 "$h" | grep -qx '<!DOCTYPE html>' || err "report: not HTML5"
tail -1 "$h" | grep -qx '</html>' || err "report: not whole"
grep -q '<h1>Synthetic &lt;test&gt;</h1>' "$h" || err "report: title not escaped"
grep -q "Store <code>s.db</code> · all events · 2024-01-01 to 2024-05-17 · by week</p>" "$h" ||
    err "report: subtitle: $(grep -m1 'class="sub"' "$h")"
grep -qi '<script' "$h" && err "report: has a script"
grep -qiE 'https?:|url\(|@import| src="' "$h" && err "report: refers to something outside"
grep -q '&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;' "$h" || err "report: hostile text not escaped"
# the charts: 4 quad bands, 4 root lines, 5 dyad bars, one surge circled
[ "$(grep -c '<path class="series area"' "$h")" -eq 4 ] || err "report: quad bands"
[ "$(grep -c '<rect class="bar"' "$h")" -eq 5 ] || err "report: dyad bars"
[ "$(grep -c '<circle class="surge"' "$h")" -eq 1 ] || err "report: surge marks"
grep -q "<td>$SYN_SURGE_WEEK</td><td class=\"n\">30</td>" "$h" || err "report: surge table row"
# the totals: 20 weeks of 5,4,6,5 (but 30 in week 15), 3, 2 and 1, and the hostile one
[ "$(grep -c '<tr><th>events</th><td class="n">246</td></tr>' "$h")" -eq 1 ] || err "report: total events"

# filters and --by reach the page
"$EVCODE" report --db "$T/s.db" -o "$T/f.html" --country AFG --by month --from 2024-02-01 ||
    err "filtered report: exit $?"
grep -q '· AFG, from 2024-02-01 · 2024-02-05 to 2024-05-15 · by month</p>' "$T/f.html" ||
    err "filtered report: subtitle: $(grep -m1 'class="sub"' "$T/f.html")"
[ "$(grep -c '<path class="series area"' "$T/f.html")" -eq 1 ] || err "filtered report: quad bands"

# ---- errors: exit 2, one line, no report, no temporary file left, and an
# existing report is left as it was
echo old >"$T/keep.html"
bad() {
    expect_error report "$@"
    [ "$(cat "$T/keep.html")" = old ] || err "report ${*:2}: the old report was changed"
    ls "$T" | grep -q 'tmp' && err "report ${*:2}: a temporary file was left: $(ls "$T")"
}
k=(-o "$T/keep.html")
bad "^evcode: report: -o REPORT.html is required$" --db "$T/s.db"
bad "^evcode: report: --db FILE is required$" "${k[@]}"
bad "^evcode: report: --from: '2024-02-30' is not a date" --db "$T/s.db" "${k[@]}" --from 2024-02-30
bad "^evcode: report: --root: unknown CAMEO root '0'" --db "$T/s.db" "${k[@]}" --root 0
bad "^evcode: report: --by: unknown period 'hour'" --db "$T/s.db" "${k[@]}" --by hour
bad "^evcode: report: --top: '0' is not a number from 1 to 100$" --db "$T/s.db" "${k[@]}" --top 0
bad "^evcode: report: --alpha: 'x' is not a probability" --db "$T/s.db" "${k[@]}" --alpha x
bad "^evcode: report: unknown option '--pdf'" --db "$T/s.db" "${k[@]}" --pdf
bad "^evcode: report: .*nope\.db: cannot open the store" --db "$T/nope.db" "${k[@]}"
# an error while the report is written: the span is too long for days
bad "^evcode: report: .*is [0-9]+ days, more than 100000" --db "$T/s.db" "${k[@]}" \
    --by day --from 0001-01-01 --to 9999-12-31
# a folder that does not exist
"$EVCODE" report --db "$T/s.db" -o "$T/no/such/dir/r.html" 2>"$T/err"
[ $? -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] &&
    grep -q "no/such/dir/r.html: cannot write the report here" "$T/err" ||
    err "report into a missing folder: $(cat "$T/err")"

exit $fail
