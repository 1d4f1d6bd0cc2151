#!/usr/bin/env bash
# The store's bad inputs and bad questions (issue 5): ingest of JSON Lines
# with bad lines (cut short, invalid UTF-8, no date) names each file:line,
# stores the good articles and exits 1; ingest --events likewise; reading
# formats ingest does not take is refused. Each bad query (unknown question,
# option or field, malformed date, unknown CAMEO code or root, bad --by,
# --format, --limit or full-text query, no store) gives exactly one line on
# stderr, nothing on stdout and exit status 2. Needs the default model.
set -u
. tests/need_model.sh
. tests/scratch.sh
dicts="$SHARED/data/dictionaries/phoenix"
db="$T/s.db"

# ---- ingest: bad lines among good ones
{
    echo '{"id":"a1","date":"2024-07-12","text":"Pakistan criticized Afghanistan on Monday."}'
    echo '{"id":"cut","date":"2024-07-12","text":"Pakistan'
    printf '{"id":"bad-utf8","date":"2024-07-12","text":"Pakistan \377 criticized India."}\n'
    echo '{"id":"nodate","text":"India criticized China."}'
    echo '{"id":"a2","date":"2024-07-13","text":"China accused India of spying."}'
} >"$T/in.jsonl"
f="$T/in.jsonl"
"$EVCODE" ingest --db "$db" --dicts "$dicts" "$f" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 1 ] || err "bad lines: exit $rc, want 1"
for want in "^evcode: $f:2:[0-9]+: invalid JSON" \
            "^evcode: $f:3:[0-9]+: invalid UTF-8" \
            "^evcode: $f:4: article \"nodate\" has no date: not stored"; do
    grep -Eq "$want" "$T/err" || err "no message /$want/ in: $(cat "$T/err")"
done
[ "$(wc -l <"$T/err")" -eq 3 ] || err "not 3 messages: $(cat "$T/err")"
grep -q '^ingest: 2 added, 0 replaced, 0 unchanged; 2 events written; the store holds 2 articles, 2 sentences, 2 events$' "$T/out" ||
    err "bad lines: $(cat "$T/out")"
"$EVCODE" query --db "$db" events --format csv >"$T/ev.csv"
# "on Monday" in an article of Friday 2024-07-12: the event's date is the 8th
grep -q '^[0-9]*,a1,0,2024-07-08,PAK,PAK,,Pakistan,AFG,AFG,,Afghanistan,111,11,3,.*,clause,' "$T/ev.csv" ||
    err "a1 not stored: $(cat "$T/ev.csv")"
grep -q '^[0-9]*,a2,0,2024-07-13,CHN,' "$T/ev.csv" || err "a2 not stored"
# the article without a date is stored with --date
"$EVCODE" ingest --db "$db" --date 2024-07-14 --dicts "$dicts" "$f" >"$T/out" 2>"$T/err"
grep -q '^ingest: 1 added, 0 replaced, 2 unchanged' "$T/out" || err "--date: $(cat "$T/out")"
grep -q '^[0-9]*,nodate,0,2024-07-14,IND,' <("$EVCODE" query --db "$db" events --format csv) ||
    err "--date: the undated article's event is not dated 2024-07-14"

# ---- ingest: what it does not read
"$EVCODE" ingest --db "$T/x.db" tests/data/golden.conllu >"$T/out" 2>"$T/err"
[ $? -eq 2 ] || err "conllu: want exit 2"
grep -q "ingest reads articles (jsonl, text), not conllu; code it with evcode code and load the events with --events" "$T/err" ||
    err "conllu: $(cat "$T/err")"
"$EVCODE" ingest --db "$T/x.db" --format tsv "$f" >/dev/null 2>"$T/err"
[ $? -eq 2 ] && grep -q -- "--format, --one-a-day and --explain" "$T/err" || err "--format: $(cat "$T/err")"
"$EVCODE" ingest "$f" >/dev/null 2>"$T/err"
[ $? -eq 2 ] && grep -q "which store? (--db FILE.db)" "$T/err" || err "no --db: $(cat "$T/err")"
"$EVCODE" ingest --db "$T/x.db" --events --dicts "$dicts" "$f" >/dev/null 2>"$T/err"
[ $? -eq 2 ] && grep -q -- "--events loads coded events; '--dicts' does not apply" "$T/err" ||
    err "--events --dicts: $(cat "$T/err")"
echo 'not a database, just text long enough to fill an SQLite header of 100 bytes ..........................' >"$T/text.db"
"$EVCODE" ingest --db "$T/text.db" --events /dev/null >/dev/null 2>"$T/err"
[ $? -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "text.db" "$T/err" ||
    err "not a store: $(cat "$T/err")"

# ---- ingest --events: bad lines
"$EVCODE" export --db "$db" --format jsonl >"$T/good.jsonl"
{
    head -1 "$T/good.jsonl"
    echo '{"article_id":"z","sentence":0,"date":"2024-02-30","source":{},"target":{},"code":"190"}'
    echo '{"article_id":"z","sentence":0,"date":"2024-02-03","source":{},"target":{},"code":"2"}'
    tail -1 "$T/good.jsonl" | head -c 60
} >"$T/ev.jsonl"
e="$T/ev.jsonl"
"$EVCODE" ingest --db "$T/e.db" --events "$e" >"$T/out" 2>"$T/err"
[ $? -eq 1 ] || err "--events bad lines: want exit 1"
for want in "^evcode: $e:2: event of article \"z\": expected \"date\" as YYYY-MM-DD, found \"2024-02-30\"" \
            "^evcode: $e:3: event of article \"z\": \"code\" \"2\" is not a CAMEO code" \
            "^evcode: $e:4:[0-9]+: invalid JSON: .*truncated"; do
    grep -Eq "$want" "$T/err" || err "--events: no message /$want/ in: $(cat "$T/err")"
done
[ "$(wc -l <"$T/err")" -eq 3 ] || err "--events: not 3 messages"
grep -q '^ingest: 1 added, 0 replaced, 0 unchanged; 1 events written' "$T/out" || err "--events: $(cat "$T/out")"

# ---- bad questions: one line on stderr, nothing on stdout, exit 2
# bad WANT ARGS...: WANT a pattern of the one line
bad() {
    local want=$1
    shift
    "$EVCODE" "$@" >"$T/out" 2>"$T/err"
    local rc=$?
    [ $rc -eq 2 ] || err "$*: exit $rc, want 2"
    [ -s "$T/out" ] && err "$*: wrote to stdout: $(head -2 "$T/out")"
    [ "$(wc -l <"$T/err")" -eq 1 ] || err "$*: not one line: $(cat "$T/err")"
    grep -Eq "^evcode: $want" "$T/err" || err "$*: '$(cat "$T/err")' is not /$want/"
}
q() { echo query --db "$db"; }
bad "query: unknown question 'count' \(counts, dyads, actors, places, events\)" $(q) count
bad "query: which question\? \(counts, dyads, actors, places, events\)" $(q)
bad "query: --by-place: unknown place level 'street' \(country, admin1 or city\)" $(q) places --by-place street
bad "query: --by-place is for places, not counts" $(q) counts --by-place admin1
bad "query: unknown option '--colour'" $(q) counts --colour red
bad "query: --from '2024-13-01': not a date \(YYYY-MM-DD\)" $(q) counts --from 2024-13-01
bad "query: --to '12/07/2024': not a date \(YYYY-MM-DD\)" $(q) counts --to 12/07/2024
bad "query: --code '999': not a CAMEO event code" $(q) events --code 190,999
bad "query: --root '21': not a CAMEO root code \(1-20\)" $(q) counts --root 18,21
bad "query: --quad '0': not a quad class \(1-4\)" $(q) dyads --quad 0
bad "query: --country 'PAKISTAN': not a country code" $(q) counts --country PAKISTAN
bad "query: --source 'P\*': not an actor code" $(q) actors --source 'P*'
bad "query: --by: unknown period 'quarter' \(day, week, month or year\)" $(q) counts --by quarter
bad "query: --by is for counts, not events" $(q) events --by month
bad "query: --format 'xml': not an output format \(table, csv, json\)" $(q) counts --format xml
bad "query: --limit 'ten': not a number of rows" $(q) dyads --limit ten
bad "query: --root wants a value" $(q) counts --root
bad "query: --from 2024-02-01 is after to 2024-01-01: no day is in the range" $(q) counts --from 2024-02-01 --to 2024-01-01
bad "query: --match: not a full-text query" $(q) events --match 'AND ('
bad "query: which store\? \(--db FILE.db\)" query counts
bad "query: .*absent.db: no such store" query --db "$T/absent.db" counts
[ -e "$T/absent.db" ] && err "a query created a store"
bad "query: .*text.db: " query --db "$T/text.db" counts
bad "export: which --format\? \(jsonl, phoenix, gdelt, csv\)" export --db "$db"
bad "export: --format 'tsv': not an export format" export --db "$db" --format tsv
bad "export: unknown option '--day'" export --db "$db" --format csv --day 1

# ---- good questions answer on stdout, status 0
"$EVCODE" query --db "$db" counts --by day --country AFG --root 11 --format csv >"$T/out" 2>"$T/err" ||
    err "counts: exit $?: $(cat "$T/err")"
[ "$(cat "$T/out")" = "period,start,end,events
2024-07-08,2024-07-08,2024-07-08,1" ] || err "counts: $(cat "$T/out")"
"$EVCODE" query --db "$db" counts --by week --from 2024-07-01 --to 2024-07-21 >"$T/out" ||
    err "counts week: exit $?"
[ "$(cat "$T/out")" = "period           events
2024-W27              0
2024-W28              3
2024-W29              0" ] || err "counts week: $(cat "$T/out")"
exit $fail
