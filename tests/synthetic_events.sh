# synthetic_events.sh: sourced by the CLI tests of surge and report. Defines
# synthetic_events, which prints events in evcode's JSON Lines (as `evcode
# code` writes them) whose counts are known by construction, and make_store
# FILE.db, which stores them (with the fixture program mkeventdb until
# `evcode ingest --events` loads them). Needs $EVC_MKEVENTDB (make cli sets it).
#
# 20 ISO weeks from Monday 2024-01-01 (2024-W01 .. 2024-W20):
#   PAK, root 19 (190, quad 4), PAKINS -> PAK: 5, 4, 6, 5, ... a week, and
#       30 in week index 15 (2024-W16, from 2024-04-15): the one surge
#   AFG, root 01 (010, quad 1), AFGGOV -> PAKGOV: 3 a week
#   CHN, root 12 (120, quad 3), CHNGOV -> PAKGOV: 2 a week
#   USA, root 07 (070, quad 2), USAGOV -> PAK: 1 a week
#   and one hostile event (010) in week 0 whose actor codes and texts are
#   HTML and script, with no country.
# So: 4 roots, 4 quad classes, 5 dyads, 3 + 1 countries, 1 surge.
SYN_WEEKS=20
SYN_SURGE_WEEK=2024-W16
SYN_SURGE_START=2024-04-15

synthetic_events() {
    awk -v weeks="$SYN_WEEKS" '
    function ev(day, n, src, sroot, stext, tgt, troot, ttext, code, root, quad, verb, country,   i, d) {
        for (i = 0; i < n; i++) {
            d = day + (i % 7)
            printf "{\"article_id\":\"a%d-%s-%d\",\"sentence\":%d,\"date\":\"%s\",", d, code, i, i % 3, date[d]
            printf "\"source\":{\"code\":\"%s\",\"root\":\"%s\",\"agent\":\"\",\"text\":\"%s\"},", src, sroot, stext
            printf "\"target\":{\"code\":\"%s\",\"root\":\"%s\",\"agent\":\"\",\"text\":\"%s\"},", tgt, troot, ttext
            printf "\"code\":\"%s\",\"root\":\"%s\",\"quad\":%d,\"goldstein\":0,\"plover\":null,", code, root, quad
            printf "\"negated\":false,\"issues\":[],\"text\":\"synthetic\",\"verb\":\"%s\"", verb
            if (country != "") printf ",\"country\":\"%s\"", country
            printf "}\n"
        }
    }
    BEGIN {
        # the days of 2024 from January 1 (a Monday); 2024 is a leap year
        split("31 29 31 30 31 30 31 31 30 31 30 31", ml, " ")
        n = 0
        for (m = 1; m <= 12; m++)
            for (d = 1; d <= ml[m]; d++)
                date[n++] = sprintf("2024-%02d-%02d", m, d)
        split("5 4 6 5", pat, " ")
        for (w = 0; w < weeks; w++) {
            day = 7 * w
            c = (w == 15) ? 30 : pat[w % 4 + 1]
            ev(day, c, "PAKINS", "PAK", "the TTP", "PAK", "PAK", "Pakistanis", "190", "19", 4, "attacked", "PAK")
            ev(day, 3, "AFGGOV", "AFG", "Kabul", "PAKGOV", "PAK", "Islamabad", "010", "01", 1, "said", "AFG")
            ev(day, 2, "CHNGOV", "CHN", "Beijing", "PAKGOV", "PAK", "Islamabad", "120", "12", 3, "rejected", "CHN")
            ev(day, 1, "USAGOV", "USA", "Washington", "PAK", "PAK", "Pakistan", "070", "07", 2, "aided", "USA")
        }
        # hostile strings: escaped JSON here, raw HTML once stored
        ev(0, 1, "<img src=x onerror=alert(1)>", "<b>", "<script>alert(\\\"pwned\\\")</script>", \
           "\\\"><svg onload=alert(2)>", "&amp;", "Tom & Jerry'\''s <i>", "010", "01", 1, "<u>said</u>", "")
    }'
}

# make_store FILE.db: the synthetic events in a store
make_store() {
    synthetic_events | "$EVC_MKEVENTDB" "$1" 2>/dev/null
}

# expect_error COMMAND PATTERN ARGS...: `evcode COMMAND ARGS...` must exit 2
# with one line on stderr matching PATTERN and nothing on stdout. Uses the
# caller's $T and err.
expect_error() {
    local cmd=$1 pat=$2
    shift 2
    "$EVCODE" "$cmd" "$@" >"$T/out" 2>"$T/err"
    local rc=$?
    [ $rc -eq 2 ] || err "$cmd $*: exit $rc, expected 2"
    [ "$(wc -l <"$T/err")" -eq 1 ] || err "$cmd $*: stderr is not one line: $(cat "$T/err")"
    grep -Eq -- "$pat" "$T/err" || err "$cmd $*: stderr '$(cat "$T/err")' does not match /$pat/"
    [ -s "$T/out" ] && err "$cmd $*: output on stdout: $(head -c 200 "$T/out")"
}
