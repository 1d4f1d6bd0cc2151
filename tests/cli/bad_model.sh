# A missing, foreign or truncated model file gives one clear error line and
# exit status 2 from every command that needs the model; nothing on stdout.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'Pakistan rejected the idea.\n' > "$tmp/a.txt"
printf 'NOTAMODELFILE-------------------' > "$tmp/foreign.model"
printf 'EVCMODEL\001\000\000\000\003\000' > "$tmp/truncated.model"
check() { # expected-message-part command...
    want=$1; shift
    set +e
    "$@" > "$tmp/out" 2> "$tmp/err"
    rc=$?
    set -e
    [ "$rc" -eq 2 ] || { echo "exit $rc for: $*"; cat "$tmp/err"; exit 1; }
    [ ! -s "$tmp/out" ] || { echo "stdout not empty for: $*"; exit 1; }
    grep -q "$want" "$tmp/err" || { echo "no '$want' in:"; cat "$tmp/err"; exit 1; }
    [ "$(grep -c . "$tmp/err")" -le 2 ] || { echo "too many lines:"; cat "$tmp/err"; exit 1; }
}
check "No such file" "$EVCODE" parse --model "$tmp/none.model" "$tmp/a.txt"
check "bad magic" "$EVCODE" parse --model "$tmp/foreign.model" "$tmp/a.txt"
check "truncated or corrupt" "$EVCODE" parse --model "$tmp/truncated.model" "$tmp/a.txt"
check "bad magic" "$EVCODE" eval-parse --model "$tmp/foreign.model" "$SHARED/data/ud/UD_English-PUD/en_pud-ud-test.conllu"
check "bad magic" "$EVCODE" code --model "$tmp/foreign.model" --dicts "$SHARED/data/dictionaries/validate" "$tmp/a.txt"
echo ok
