#!/usr/bin/env bash
# Dictionary folders named by `evcode code --dicts DIR`, built in a temporary
# folder with an `evcode.dicts` manifest ("KIND FILE" lines, KIND one of
# verbs, actors, agents, discards, issues; FILE relative to the folder).
# A good folder codes a sentence; a broken actors line, a bad manifest line,
# a manifest naming a missing file and a missing folder each give exit 2 and
# one stderr line "evcode: FILE:LINE:COLUMN: expected ...", nothing on stdout.
set -u
. tests/scratch.sh

expect() { # NAME STATUS STDERR_REGEX CMD...
    local name=$1 want=$2 pat=$3
    shift 3
    "$@" >"$T/out" 2>"$T/err"
    local rc=$?
    [ $rc -eq "$want" ] || err "$name: exit $rc, expected $want"
    [ "$(wc -l <"$T/err")" -eq 1 ] || err "$name: stderr is not one line: $(cat "$T/err")"
    grep -Eq -- "$pat" "$T/err" || err "$name: stderr '$(cat "$T/err")' does not match /$pat/"
    [ -s "$T/out" ] && err "$name: unexpected stdout: $(head -c 200 "$T/out")"
}

printf '1\tArnor\tArnor\tPROPN\t_\t_\t2\tnsubj\t_\t_\n2\tcriticized\tcriticize\tVERB\t_\t_\t0\troot\t_\t_\n3\tGondor\tGondor\tPROPN\t_\t_\t2\tobj\t_\t_\n\n' >"$T/s.conllu"

mkdir "$T/d"
cat >"$T/d/verbs.txt" <<'EOF'
--- CRITICIZE [111] ---
CRITICIZE
- * (OVER PLANS) [112]
EOF
cat >"$T/d/actors.txt" <<'EOF'
ARNOR [ARN]
GONDOR [GON]
EOF
printf 'OFFICIAL [~GOV]\n' >"$T/d/agents.txt"
printf 'MONTHS LATER\n' >"$T/d/discards.txt"
cat >"$T/d/evcode.dicts" <<'EOF'
# test set: every kind the manifest knows, except issues
verbs     verbs.txt
actors    actors.txt
agents    agents.txt
discards  discards.txt
EOF

# the good folder
"$EVCODE" code --format tsv --dicts "$T/d" "$T/s.conllu" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] || err "good folder: exit $rc: $(cat "$T/err")"
[ "$(cut -f2-4 "$T/out")" = "$(printf 'ARN\tGON\t111')" ] ||
    err "good folder: got '$(cat "$T/out")', expected ARN GON 111"

# a broken actors line: a code without its ']' on line 3, column 8
printf 'ARNOR [ARN]\nGONDOR [GON]\nMORDOR [MOR\n' >"$T/d/actors.txt"
expect "broken actors line" 2 "^evcode: $T/d/actors.txt:3:8: expected ']' closing the code$" \
    "$EVCODE" code --dicts "$T/d" "$T/s.conllu"
# codes before any actor (line 2 after a comment line)
printf '# codes first\n\t[ARN]\nARNOR\n' >"$T/d/actors.txt"
expect "actor codes before an entry" 2 "^evcode: $T/d/actors.txt:2:[0-9]+: expected an actor entry" \
    "$EVCODE" code --dicts "$T/d" "$T/s.conllu"
printf 'ARNOR [ARN]\nGONDOR [GON]\n' >"$T/d/actors.txt"

# a broken agents line: no '~' in the code
printf 'OFFICIAL [GOV]\n' >"$T/d/agents.txt"
expect "broken agents line" 2 "^evcode: $T/d/agents.txt:1:[0-9]+: expected '~CODE' or 'CODE~'" \
    "$EVCODE" code --dicts "$T/d" "$T/s.conllu"
printf 'OFFICIAL [~GOV]\n' >"$T/d/agents.txt"

# a broken verbs line: a pattern without its code
printf -- '--- CRITICIZE [111] ---\nCRITICIZE\n- * (OVER PLANS)\n' >"$T/d/verbs.txt"
expect "pattern without a code" 2 "^evcode: $T/d/verbs.txt:3:[0-9]+: expected a code" \
    "$EVCODE" code --dicts "$T/d" "$T/s.conllu"
printf -- '--- CRITICIZE [111] ---\nCRITICIZE\n' >"$T/d/verbs.txt"

# the manifest: an unknown kind (line 3), a second verbs line, a missing file
cp "$T/d/evcode.dicts" "$T/manifest"
printf 'verbs verbs.txt\nactors actors.txt\nactor actors.txt\n' >"$T/d/evcode.dicts"
expect "manifest: unknown kind" 2 "^evcode: $T/d/evcode.dicts:3:1: expected verbs, actors, agents, discards or issues$" \
    "$EVCODE" code --dicts "$T/d" "$T/s.conllu"
printf 'verbs verbs.txt\nverbs verbs.txt\n' >"$T/d/evcode.dicts"
expect "manifest: second verbs line" 2 "^evcode: $T/d/evcode.dicts:2:1: second 'verbs' line" \
    "$EVCODE" code --dicts "$T/d" "$T/s.conllu"
printf 'verbs verbs.txt\nactors nothere.txt\n' >"$T/d/evcode.dicts"
expect "manifest: missing file" 2 "^evcode: $T/d/nothere.txt: cannot open" \
    "$EVCODE" code --dicts "$T/d" "$T/s.conllu"
cp "$T/manifest" "$T/d/evcode.dicts"

# no such folder; a folder with neither manifest nor standard names
expect "no folder" 2 "^evcode: $T/nowhere: no such dictionary folder$" \
    "$EVCODE" code --dicts "$T/nowhere" "$T/s.conllu"
mkdir "$T/emptydir"
expect "empty folder" 2 "^evcode: $T/emptydir: no evcode.dicts manifest" \
    "$EVCODE" code --dicts "$T/emptydir" "$T/s.conllu"

# the folder works again once repaired
"$EVCODE" code --dicts "$T/d" "$T/s.conllu" >"$T/out" 2>"$T/err" ||
    err "repaired folder: exit $?: $(cat "$T/err")"
exit $fail
