# Raw articles with bad lines among good ones (issue 4): invalid UTF-8, a
# JSON line without "text", a 100 MB line (over the 16 MiB limit), a JSON
# line cut short. Each gives one message naming the file and line, the good
# articles before and after are still analyzed and coded, and the exit
# status is 1 (something skipped). Needs the default model; SKIP without it.
set -u
. tests/need_model.sh
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
{
    echo '{"id":"a1","date":"2024-07-12","text":"Pakistan criticized Afghanistan on Monday."}'
    printf '{"id":"bad-utf8","text":"Pakistan \377\376 criticized India."}\n'
    echo '{"id":"no-text","date":"2024-07-12"}'
    printf '{"id":"huge","text":"'
    head -c 104857600 /dev/zero | tr '\0' a
    printf '"}\n'
    echo '{"id":"cut","text":"Pakistan'
    echo '{"id":"a2","date":"2024-07-12","text":"China accused India of spying."}'
} > "$T/in.jsonl"
"$EVCODE" code --dicts "$SHARED/data/dictionaries/phoenix" "$T/in.jsonl" > "$T/out" 2> "$T/err"
rc=$?
fail=0
[ $rc -eq 1 ] || { echo "exit $rc, want 1"; fail=1; }
f="$T/in.jsonl"
for want in "^evcode: $f:2:[0-9]+: invalid UTF-8" \
            "^evcode: $f:3: article \"no-text\": expected a string field \"text\"" \
            "^evcode: $f:4: line longer than 16777216 bytes: skipped" \
            "^evcode: $f:5:[0-9]+: invalid JSON"; do
    grep -Eq "$want" "$T/err" || { echo "no message /$want/"; fail=1; }
done
[ "$(wc -l < "$T/err")" -eq 4 ] || { echo "not 4 messages"; fail=1; }
# the good articles' events, nothing from the bad ones
grep -q '"article_id":"a1".*"source":{"code":"PAK".*"target":{"code":"AFG".*"code":"111"' "$T/out" \
    || { echo "a1 not coded"; fail=1; }
grep -q '"article_id":"a2".*"source":{"code":"CHN".*"target":{"code":"IND".*"code":"112"' "$T/out" \
    || { echo "a2 not coded"; fail=1; }
[ "$(grep -vc '"article_id":"a[12]"' "$T/out")" -eq 0 ] || { echo "events of bad lines"; fail=1; }
[ $fail -eq 0 ] || { cat "$T/err"; cut -c1-200 "$T/out"; }
exit $fail
