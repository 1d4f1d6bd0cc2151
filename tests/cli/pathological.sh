#!/usr/bin/env bash
# Pathological parses with a time budget, to catch quadratic (or worse)
# coding: sentences of 4000 tokens (the reader's limit is 4096), each coded by
# `evcode code` within 5 s:
#   chain-verbs  each token headed by the previous, all coded verbs
#                ("criticized", alternately conj and advcl)
#   chain-mixed  each token headed by the previous: verbs, actors, nouns and
#                prepositions (xcomp, obj, nmod, case, conj)
#   flat         every token headed by token 1: conjoined actors and verbs,
#                objects, prepositional phrases
# The files are generated here (about 200 KB each), not stored.
set -u
dicts="$SHARED/data/dictionaries/validate"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
N=4000
BUDGET=5

gen() { # SHAPE: writes one sentence of $N tokens
    awk -v shape="$1" -v N="$N" '
    function tok(i, f, u, h, r) {
        printf "%d\t%s\t%s\t%s\t_\t_\t%d\t%s\t_\t_\n", i, f, f, u, h, r
    }
    BEGIN {
        print "# sent_id = " shape
        for (i = 1; i <= N; i++) {
            if (i == 1) { tok(i, "criticized", "VERB", 0, "root"); continue }
            if (shape == "chain-verbs") {
                tok(i, "criticized", "VERB", i - 1, i % 2 ? "conj" : "advcl")
            } else if (shape == "chain-mixed") {
                k = i % 6
                if (k == 0)      tok(i, "Gondor", "PROPN", i - 1, "obj")
                else if (k == 1) tok(i, "criticized", "VERB", i - 1, "xcomp")
                else if (k == 2) tok(i, "officials", "NOUN", i - 1, "obj")
                else if (k == 3) tok(i, "of", "ADP", i - 1, "case")
                else if (k == 4) tok(i, "Arnor", "PROPN", i - 1, "nmod")
                else             tok(i, "Bree", "PROPN", i - 1, "conj")
            } else if (i == 2) { # flat
                tok(i, "Arnor", "PROPN", 1, "nsubj")
            } else {
                k = i % 5
                if (k == 0)      tok(i, "Gondor", "PROPN", 1, "conj")
                else if (k == 1) tok(i, "criticized", "VERB", 1, "conj")
                else if (k == 2) tok(i, "city", "NOUN", 1, "obj")
                else if (k == 3) tok(i, "of", "ADP", 1, "case")
                else             tok(i, "Mordor", "PROPN", 1, "obl")
            }
        }
        print ""
    }'
}

for shape in chain-verbs chain-mixed flat; do
    gen "$shape" >"$T/$shape.conllu"
    start=$(date +%s.%N)
    timeout "$BUDGET" "$EVCODE" code --dicts "$dicts" "$T/$shape.conllu" \
        >"$T/out" 2>"$T/err"
    rc=$?
    end=$(date +%s.%N)
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
    echo "$shape: $N tokens, exit $rc, ${secs}s, $(wc -l <"$T/out") events"
    if [ $rc -eq 124 ]; then
        echo "$shape: not coded within ${BUDGET}s"; fail=1
    elif [ $rc -ne 0 ]; then
        echo "$shape: exit $rc: $(head -c 300 "$T/err")"; fail=1
    fi
done
exit $fail
