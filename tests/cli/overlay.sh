#!/usr/bin/env bash
# Dictionary overlay and the data folder. EVCODE_DATA points at a temporary
# folder written here (never at the project's data/, which may change):
#   DATA/dictionaries/overlay  goes before --dicts DIR (its actors win) unless
#                              --no-overlay; its manifest has no verbs line;
#   DATA/dictionaries/evcode   the set used without --dicts (no overlay);
#   DATA/evcode.model          the default model.
set -u
. tests/scratch.sh
shared=$(cd "$SHARED" && pwd)
phoenix="$shared/data/dictionaries/phoenix"
EVCODE=$(cd "$(dirname "$EVCODE")" && pwd)/$(basename "$EVCODE")
unset EVCODE_DICTS EVCODE_MODEL

tok() { printf '%s\t%s\t%s\t%s\t_\t_\t%s\t%s\t_\t_\n' "$1" "$2" "$2" "$3" "$4" "$5"; }
{
    printf '# sent_id = s1\n# text = Pakistan criticized India.\n'
    tok 1 Pakistan PROPN 2 nsubj
    tok 2 criticized VERB 0 root
    tok 3 India PROPN 2 obj
    tok 4 . PUNCT 2 punct
    printf '\n'
} >"$T/s.conllu"
# source target code
code() { "$@" --format tsv "$T/s.conllu" 2>"$T/err" | cut -f2-4; }

mkdir -p "$T/empty" "$T/data/dictionaries/overlay"
export EVCODE_DATA="$T/empty"
got=$(code "$EVCODE" code --dicts "$phoenix")
[ "$got" = "PAK	IND	111" ] || err "phoenix alone: '$got' $(cat "$T/err")"

# the overlay: an actor file naming Pakistan otherwise, and no verbs
cat >"$T/data/dictionaries/overlay/evcode.dicts" <<'EOF'
# test overlay: actors only
actors test.actors.txt
EOF
cat >"$T/data/dictionaries/overlay/test.actors.txt" <<'EOF'
PAKISTAN_ [XPK]  # written by tests/cli/overlay.sh: overrides Phoenix's PAK
GONDOR_ [XGN]    # and the validation set's GON
EOF
export EVCODE_DATA="$T/data"
got=$(code "$EVCODE" code --dicts "$phoenix")
[ "$got" = "XPK	IND	111" ] || err "with the overlay: '$got' $(cat "$T/err")"
got=$(code "$EVCODE" code --no-overlay --dicts "$phoenix")
[ "$got" = "PAK	IND	111" ] || err "--no-overlay: '$got' $(cat "$T/err")"
# $EVCODE_DICTS stands for --dicts: the overlay applies too
got=$(EVCODE_DICTS="$phoenix" code "$EVCODE" code)
[ "$got" = "XPK	IND	111" ] || err "EVCODE_DICTS with the overlay: '$got' $(cat "$T/err")"
# validate keeps PETRARCH's dictionaries as they are: no overlay (with it,
# DEMO_26 would code XGN for Gondor and fail)
got=$("$EVCODE" code --format tsv --dicts "$shared/data/dictionaries/validate" \
    tests/data/validate3.xml | cut -f2 | sort -u | tr '\n' ' ')
[ "$got" = "ARN OSG XGN " ] || err "code validate3.xml with the overlay: sources '$got'"
"$EVCODE" validate --dicts "$shared/data/dictionaries/validate" tests/data/validate3.xml \
    >"$T/v" 2>&1
grep -q "^2 passed, 1 failed" "$T/v" || err "validate: $(tail -1 "$T/v")"

# the overlay alone has no verbs: it codes nothing, and says nothing wrong
"$EVCODE" code --no-overlay --dicts "$T/data/dictionaries/overlay" "$T/s.conllu" >"$T/o" 2>"$T/err"
[ $? -eq 0 ] && [ ! -s "$T/o" ] || err "overlay alone: exit, output or $(cat "$T/err")"

# a broken overlay line is reported with its file and line
printf 'PAKISTAN_ [XPK\n' >"$T/data/dictionaries/overlay/test.actors.txt"
"$EVCODE" code --dicts "$phoenix" "$T/s.conllu" >/dev/null 2>"$T/err"
[ $? -eq 2 ] || err "bad overlay: expected exit 2"
grep -q "test.actors.txt:1" "$T/err" || err "bad overlay: message: $(cat "$T/err")"
rm -r "$T/data/dictionaries/overlay"

# the built-in set: used without --dicts, with no overlay
mkdir -p "$T/data/dictionaries/evcode" "$T/data/dictionaries/overlay"
cat >"$T/data/dictionaries/evcode/evcode.dicts" <<EOF
verbs $phoenix/CAMEO.2.0.txt
actors $phoenix/Phoenix.Countries.actors.txt
agents $phoenix/Phoenix.agents.txt
EOF
printf 'PAKISTAN_ [XPK]\n' >"$T/data/dictionaries/overlay/test.actors.txt"
printf 'actors test.actors.txt\n' >"$T/data/dictionaries/overlay/evcode.dicts"
got=$(code "$EVCODE" code)
[ "$got" = "PAK	IND	111" ] || err "built-in set: '$got' $(cat "$T/err")"
# ... and --dicts still takes the overlay
got=$(code "$EVCODE" code --dicts "$phoenix")
[ "$got" = "XPK	IND	111" ] || err "--dicts beside a built-in set: '$got' $(cat "$T/err")"

# no dictionaries anywhere: one clear line, exit 2
export EVCODE_DATA="$T/empty"
(cd "$T/empty" && "$EVCODE" code "$T/s.conllu") >/dev/null 2>"$T/err"
[ $? -eq 2 ] || err "no dictionaries: expected exit 2"
grep -q "no dictionaries found: pass --dicts DIR or set EVCODE_DICTS" "$T/err" ||
    err "no dictionaries: message: $(cat "$T/err")"

# the default model is DATA/evcode.model
printf 'not a model' >"$T/data/evcode.model"
export EVCODE_DATA="$T/data"
printf 'Pakistan criticized India.\n' >"$T/a.txt"
"$EVCODE" code --dicts "$phoenix" "$T/a.txt" >/dev/null 2>"$T/err"
[ $? -eq 2 ] || err "default model: expected exit 2"
grep -q "$T/data/evcode.model" "$T/err" || err "default model: message: $(cat "$T/err")"
exit $fail
