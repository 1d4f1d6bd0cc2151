# `evcode train` on a small slice of EWT train (smoke test, not the shipped
# model): training twice with the same seed gives the same bytes; the model
# loads and parses raw text into well-formed CoNLL-U; `eval-parse` scores it
# above chance; a model cut short, or with one byte changed, gives one clear
# error line and exit 2.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ud="$SHARED/data/ud/UD_English-EWT"
# the first 300 sentences of train, the first 100 of dev
awk 'BEGIN { RS = ""; ORS = "\n\n" } NR <= 300' "$ud/en_ewt-ud-train.conllu" > "$tmp/train.conllu"
awk 'BEGIN { RS = ""; ORS = "\n\n" } NR <= 100' "$ud/en_ewt-ud-dev.conllu" > "$tmp/dev.conllu"
[ "$(grep -c '^# text' "$tmp/train.conllu")" -eq 300 ] || { echo "slice"; exit 1; }

for m in a b; do
    "$EVCODE" train --quiet --seed 7 --tag-epochs 2 --parse-epochs 2 \
        --train "$tmp/train.conllu" --dev "$tmp/dev.conllu" -o "$tmp/$m.model"
done
cmp "$tmp/a.model" "$tmp/b.model" || { echo "training is not deterministic"; exit 1; }

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
