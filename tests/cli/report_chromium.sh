#!/usr/bin/env bash
# The report rendered by headless Chromium (Debian's chromium): a copy of
# the report gets tests/report_check.js (and loses its Content-Security-
# Policy, which forbids scripts), Chromium runs it and dumps the DOM, and the
# test reads what was really drawn: every chart laid out, every series path
# with a length or an area inside its plot, every bar and surge mark drawn,
# every text with a width, and no element made from the store's strings.
#   1. the synthetic store (tests/synthetic_events.sh): exact counts known
#   2. a slice of Reuters (../shared/corpus/reuters21578.jsonl, every 40th
#      article): `evcode ingest` when the binary has it, else `evcode code`
#      and the fixture loader; needs the model (else that part is skipped)
# Without chromium: SKIP, except in CI (CI=true), where .ci/run installs it
# and its absence fails. Screenshots go to the temporary folder only.
set -u
. tests/synthetic_events.sh
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$CHROMIUM" ]; then
    if [ "${CI:-}" = true ]; then
        echo "chromium is not installed, but CI=true: .ci/run installs it"
        exit 1
    fi
    echo "SKIP: no chromium (apt-get install --no-install-recommends chromium)"
    exit 0
fi
. tests/scratch.sh

# render REPORT.html NAME: the checker's lines in $T/NAME.check
render() {
    sed '/Content-Security-Policy/d' "$1" |
        awk -v js=tests/report_check.js '
            /<\/body>/ { print "<script>"; while ((getline l < js) > 0) print l; print "</script>" }
            { print }' >"$T/$2.html"
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --user-data-dir="$T/profile" --dump-dom "file://$T/$2.html" \
        >"$T/$2.dom" 2>"$T/$2.log"
    sed -n '/<pre id="evc-check">/,/<\/pre>/p' "$T/$2.dom" |
        sed 's/.*<pre id="evc-check">//; s/<\/pre>.*//' >"$T/$2.check"
    [ -s "$T/$2.check" ] || err "$2: chromium gave no measurements: $(tail -3 "$T/$2.log")"
}
# every chart of the check file: laid out, and all it has drawn
all_drawn() {
    awk -v name="$1" '
        /^chart / {
            n++
            for (i = 3; i <= NF; i++) {
                split($i, kv, "="); k = kv[1]; v = kv[2]
                if ((k == "w" || k == "h") && v + 0 <= 0) { print name ": " $2 " not laid out: " $0; bad = 1 }
                if (split(v, ab, "/") == 2 && ab[1] != ab[2]) { print name ": " $2 " " k " not all drawn: " $0; bad = 1 }
            }
        }
        END { if (!n) { print name ": no charts"; bad = 1 } exit bad }' "$T/$1.check" || fail=1
}
# chart NAME KIND FIELD VALUE: the chart's FIELD is VALUE (e.g. series=4/4)
chart() {
    grep -q "^chart $2 .* $3=$4\( \|$\)" "$T/$1.check" ||
        err "$1: chart $2: expected $3=$4: $(grep "^chart $2 " "$T/$1.check")"
}

# ---- 1. the synthetic store
make_store "$T/s.db" || { echo "cannot make the test store"; exit 1; }
"$EVCODE" report --db "$T/s.db" -o "$T/syn-report.html" || err "report: exit $?"
grep -q "Content-Security-Policy\" content=\"default-src 'none'" "$T/syn-report.html" ||
    err "the report has no Content-Security-Policy"
render "$T/syn-report.html" syn
all_drawn syn
chart syn quad series 4/4
chart syn root series 4/4
chart syn dyads bars 5/5
chart syn surge-1 marks 1/1
chart syn surge-1 series 2/2
grep -q '^chart surge-2 ' "$T/syn.check" && err "syn: a second surge chart"
# only the injected script; no element from the hostile strings; 4 charts
grep -qx 'elements script=1 img=0 b=0 u=0 svg=4' "$T/syn.check" ||
    err "syn: elements: $(grep '^elements' "$T/syn.check")"

# ---- 2. a slice of Reuters
corpus="$SHARED/corpus/reuters21578.jsonl"
if [ ! -f "$corpus" ]; then
    echo "(no $corpus: Reuters part not run)"
    exit $fail
fi
. tests/need_model.sh
awk 'NR % 40 == 1' "$corpus" >"$T/slice.jsonl"
if "$EVCODE" ingest --help >/dev/null 2>&1; then
    "$EVCODE" ingest --db "$T/reuters.db" "$T/slice.jsonl" >"$T/ingest.log" 2>&1 ||
        err "ingest: exit $?: $(tail -3 "$T/ingest.log")"
else
    "$EVCODE" code --quiet "$T/slice.jsonl" 2>"$T/code.log" |
        "$EVC_MKEVENTDB" "$T/reuters.db" 2>>"$T/code.log" ||
        err "code and load: $(tail -3 "$T/code.log")"
fi
"$EVCODE" report --db "$T/reuters.db" -o "$T/reuters-report.html" --title "Reuters 1987" ||
    err "reuters report: exit $?"
render "$T/reuters-report.html" reuters
all_drawn reuters
for kind in quad root dyads; do
    grep -q "^chart $kind " "$T/reuters.check" || err "reuters: no $kind chart"
done
grep -q '^elements script=1 img=0' "$T/reuters.check" ||
    err "reuters: elements: $(grep '^elements' "$T/reuters.check")"
# a screenshot, to the temporary folder only: it must not be blank
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --hide-scrollbars --user-data-dir="$T/profile" --window-size=1000,2400 \
    --screenshot="$T/reuters.png" "file://$T/reuters-report.html" >/dev/null 2>&1
size=$(wc -c <"$T/reuters.png" 2>/dev/null || echo 0)
[ "$size" -gt 20000 ] || err "reuters: screenshot of $size bytes"
[ $fail -eq 0 ] && sed 's/^/  /' "$T/syn.check" "$T/reuters.check"
exit $fail
