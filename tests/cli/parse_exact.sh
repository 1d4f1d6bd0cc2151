# evcode parse decides a parser move early when the templates without words
# already put it far ahead, and keeps the tagger's first-pass label where
# it is far ahead (the default), or scores every move and every token whole
# (--exact). Both must give the same tokens, nearly the same tags and heads,
# and well-formed trees: on EWT dev the two give the same tags, UAS and LAS.
# Needs the default model DATA/evcode.model; SKIP without it.
set -u
. tests/need_model.sh
. tests/scratch.sh
GOLD="$SHARED/data/ud/UD_English-EWT/en_ewt-ud-dev.conllu"

"$EVCODE" parse "$SHARED/examples/pakistan-ttp-talks.txt" >"$T/early" 2>"$T/err" ||
    err "parse: exit $?: $(cat "$T/err")"
"$EVCODE" parse --exact "$SHARED/examples/pakistan-ttp-talks.txt" >"$T/exact" 2>"$T/err" ||
    err "parse --exact: exit $?: $(cat "$T/err")"
# columns 1-6 (ids, forms, lemmas, tags) are the segmenter's and the
# tagger's: the same tokens, and the same tags but for one in 200 at most
paste "$T/early" "$T/exact" | awk -F'\t' '/^#/ { next } NF != 20 && $0 != "\t" { bad++ }
    NF == 20 { n++; bad += ($1 != $11 || $2 != $12); tags += ($3 $4 $5 $6 != $13 $14 $15 $16) }
    END { printf "tags: %d of %d differ\n", tags, n; exit !(n > 500 && !bad && tags * 200 <= n) }' ||
    err "tokens or tags differ between parse and parse --exact"
n=$(grep -c '^[0-9]' "$T/exact")
[ "$n" -gt 500 ] || err "only $n tokens parsed"
# every sentence a tree with one root: one "root" per sentence
roots=$(awk -F'\t' '$8 == "root"' "$T/early" | wc -l)
sents=$(grep -c '^# sent_id' "$T/early")
[ "$roots" -eq "$sents" ] || err "$roots roots in $sents sentences"

# on gold tokens: the heads of the two agree on 99% or more
"$EVCODE" parse --input-format conllu "$GOLD" >"$T/e2" 2>/dev/null || err "parse conllu: exit $?"
"$EVCODE" parse --exact --input-format conllu "$GOLD" >"$T/x2" 2>/dev/null || err "parse --exact conllu: exit $?"
paste "$T/e2" "$T/x2" | awk -F'\t' 'NF == 20 && $1 ~ /^[0-9]+$/ { n++; same += ($7 == $17) }
    END { printf "heads: %d of %d the same (%.2f%%)\n", same, n, 100 * same / n;
          exit !(n > 20000 && same >= 0.99 * n) }' || err "heads of parse and parse --exact differ on more than 1%"

# eval-parse takes --exact too
"$EVCODE" eval-parse --exact "$GOLD" >"$T/ev" 2>&1 || err "eval-parse --exact: exit $?"
grep -q 'UAS' "$T/ev" || err "eval-parse --exact: no scores: $(cat "$T/ev")"
exit $fail
