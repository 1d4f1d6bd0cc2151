# `evcode train` on a small slice of EWT train (smoke test, not the shipped
# model), with word classes from a slice of Reuters and two parser runs
# summed: training twice with the same seed gives the same bytes; class
# text that cannot be read stops it; the model loads and parses raw text
# into well-formed CoNLL-U; `eval-parse` scores it above chance; a model cut
# short, or with one byte changed, gives one clear error line and exit 2.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ud="$SHARED/data/ud/UD_English-EWT"
# the first 300 sentences of train, the first 100 of dev
awk 'BEGIN { RS = ""; ORS = "\n\n" } NR <= 300' "$ud/en_ewt-ud-train.conllu" > "$tmp/train.conllu"
awk 'BEGIN { RS = ""; ORS = "\n\n" } NR <= 100' "$ud/en_ewt-ud-dev.conllu" > "$tmp/dev.conllu"
[ "$(grep -c '^# text' "$tmp/train.conllu")" -eq 300 ] || { echo "slice"; exit 1; }

# word classes from 300 Reuters articles and the slice's own forms
head -n 300 "$SHARED/corpus/reuters21578.jsonl" > "$tmp/text.jsonl"
for m in a b; do
    "$EVCODE" train --seed 7 --tag-epochs 2 --parse-epochs 2 --parse-runs 2 \
        --classes-text "$tmp/text.jsonl" --classes 64 \
        --train "$tmp/train.conllu" --dev "$tmp/dev.conllu" -o "$tmp/$m.model" 2> "$tmp/$m.log"
done
cmp "$tmp/a.model" "$tmp/b.model" || { echo "training is not deterministic"; exit 1; }
grep -q '^word classes: [0-9]* words of [0-9]* tokens in 64 classes' "$tmp/a.log" ||
    { echo "no word classes:"; head -3 "$tmp/a.log"; exit 1; }
grep -q '^sum of 2 runs: ' "$tmp/a.log" || { echo "not two parser runs:"; cat "$tmp/a.log"; exit 1; }
# without word classes the model is another one
"$EVCODE" train --quiet --seed 7 --tag-epochs 2 --parse-epochs 2 \
    --train "$tmp/train.conllu" --dev "$tmp/dev.conllu" -o "$tmp/c.model"
cmp -s "$tmp/a.model" "$tmp/c.model" && { echo "word classes changed nothing"; exit 1; }
# unreadable class text stops training with file and line, and writes no model
{ head -n 2 "$tmp/text.jsonl"; echo '{"id": "x", "text": "cut'; } > "$tmp/bad.jsonl"
set +e
"$EVCODE" train --quiet --tag-epochs 1 --parse-epochs 1 --classes-text "$tmp/bad.jsonl" \
    --train "$tmp/train.conllu" -o "$tmp/bad.model" 2> "$tmp/e"
rc=$?
"$EVCODE" train --quiet --classes-text "$tmp/missing.jsonl" \
    --train "$tmp/train.conllu" -o "$tmp/bad.model" 2> "$tmp/e2"
rc2=$?
set -e
[ "$rc" -eq 2 ] && [ "$rc2" -eq 2 ] || { echo "exit $rc, $rc2 for bad class text"; exit 1; }
grep -q 'bad.jsonl:3' "$tmp/e" || { echo "no file:line in:"; cat "$tmp/e"; exit 1; }
grep -q 'missing.jsonl' "$tmp/e2" || { echo "no file in:"; cat "$tmp/e2"; exit 1; }
[ ! -e "$tmp/bad.model" ] || { echo "a model from bad class text"; exit 1; }

printf 'Pakistan rejected the offer. The minister said it was late.\n' > "$tmp/a.txt"
"$EVCODE" parse --model "$tmp/a.model" "$tmp/a.txt" > "$tmp/out.conllu"
[ "$(grep -c '^# text = ' "$tmp/out.conllu")" -eq 2 ] || { echo "sentences:"; cat "$tmp/out.conllu"; exit 1; }
grep -q '^# text = Pakistan rejected the offer\.$' "$tmp/out.conllu" || { echo "text line"; exit 1; }
# ten columns on every token line, one root per sentence, heads in range
awk -F'\t' '
    /^#/ { next }
    /^$/ { if (n) { if (roots != 1) bad = "roots " roots; n = roots = 0 }; next }
    { n++; if (NF != 10) bad = "columns " NF
      if ($7 == 0) roots++
      if ($7 !~ /^[0-9]+$/) bad = "head " $7 }
    END { if (bad != "") { print bad; exit 1 } }' "$tmp/out.conllu"

"$EVCODE" eval-parse --model "$tmp/a.model" "$tmp/dev.conllu" > "$tmp/eval" 2>&1
# a few hundred sentences already give far better than chance
awk '/gold tokens/ { for (i = 1; i < NF; i++) if ($i == "UPOS") u = $(i + 1) + 0
                     for (i = 1; i < NF; i++) if ($i == "UAS") a = $(i + 1) + 0 }
     END { if (!(u > 70 && a > 40)) { print "UPOS " u " UAS " a; exit 1 } }' "$tmp/eval" \
    || { cat "$tmp/eval"; exit 1; }

bad() { # expected-message-part model-file
    set +e
    "$EVCODE" parse --model "$2" "$tmp/a.txt" > "$tmp/o" 2> "$tmp/e"
    rc=$?
    set -e
    [ "$rc" -eq 2 ] || { echo "exit $rc for $2"; cat "$tmp/e"; exit 1; }
    [ ! -s "$tmp/o" ] || { echo "output from $2"; exit 1; }
    grep -q "$1" "$tmp/e" || { echo "no '$1' in:"; cat "$tmp/e"; exit 1; }
    [ "$(grep -c . "$tmp/e")" -eq 1 ] || { echo "not one line:"; cat "$tmp/e"; exit 1; }
}
size=$(wc -c < "$tmp/a.model")
head -c $((size / 2)) "$tmp/a.model" > "$tmp/half.model"
bad "truncated or corrupt" "$tmp/half.model"
# one byte in the middle changed
cp "$tmp/a.model" "$tmp/flip.model"
printf '\377' | dd of="$tmp/flip.model" bs=1 seek=$((size / 2)) conv=notrunc status=none
cmp -s "$tmp/a.model" "$tmp/flip.model" && printf '\000' | dd of="$tmp/flip.model" bs=1 seek=$((size / 2)) conv=notrunc status=none
bad "checksum" "$tmp/flip.model"
echo ok
