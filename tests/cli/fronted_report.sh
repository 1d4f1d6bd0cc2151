# A clause before its speech verb is reported speech, coded on its own:
# "Arnor attacked Mordor, officials said" is ARN>MOR 190 and no statement
# by the officials toward Arnor (PETRARCH's gold reads such a verb as a
# parataxis; evcode's parser may attach the clause as its ccomp).
set -eu
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
printf -- '--- ATTACK [190] ---\nATTACK\n\n--- SAY [010] ---\nSAY {SAID SAYS}\n' > "$T/v.txt"
printf 'ARNOR [ARN]\nMORDOR [MOR]\nGONDOR [GON]\n' > "$T/a.txt"
printf 'OFFICIAL [~GOV]\n' > "$T/g.txt"
printf 'verbs v.txt\nactors a.txt\nagents g.txt\n' > "$T/evcode.dicts"
row() { printf '%s\t%s\t%s\t%s\t%s\t_\t%s\t%s\t_\t_\n' "$@"; }
{
    echo "# sent_id = fronted"
    row 1 Arnor Arnor PROPN NNP 2 nsubj
    row 2 attacked attack VERB VBD 6 ccomp
    row 3 Mordor Mordor PROPN NNP 2 obj
    row 4 , , PUNCT , 6 punct
    row 5 officials official NOUN NNS 6 nsubj
    row 6 said say VERB VBD 0 root
    row 7 . . PUNCT . 6 punct
    echo
    echo "# sent_id = after"
    row 1 Gondor Gondor PROPN NNP 2 nsubj
    row 2 said say VERB VBD 0 root
    row 3 Arnor Arnor PROPN NNP 4 nsubj
    row 4 attacked attack VERB VBD 2 ccomp
    row 5 Mordor Mordor PROPN NNP 4 obj
    row 6 . . PUNCT . 2 punct
    echo
} > "$T/in.conllu"
"$EVCODE" code --no-overlay --format tsv --dicts "$T" "$T/in.conllu" | cut -f2-4,8 > "$T/out"
printf 'ARN\tMOR\t190\tfronted\nGON\tARN\t010\tafter\nARN\tMOR\t190\tafter\n' > "$T/want"
diff "$T/want" "$T/out"
