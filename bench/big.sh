#!/usr/bin/env bash
# big.sh: make bench-big. Codes a generated JSON Lines file of about 1 GB
# (the Reuters corpus repeated, each copy's ids made unique) with -j N
# (default 2) and prints the --stats line, whose peak RSS shows that memory
# stays bounded however long the input. Not part of make bench: it takes
# about half an hour on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
S=../shared
: "${EVCODE:=./evcode}" "${BIG_JOBS:=2}" "${BIG_BYTES:=1000000000}"
MODEL=${EVCODE_MODEL:-data/evcode.model}
out=build/big.jsonl
mkdir -p build
if [ ! -f "$out" ] || [ "$(wc -c < "$out")" -lt "$BIG_BYTES" ]; then
    : > "$out"
    copy=0
    while [ "$(wc -c < "$out")" -lt "$BIG_BYTES" ]; do
        copy=$((copy + 1))
        sed "s/^{\"id\": *\"\\([^\"]*\\)\"/{\"id\":\"\\1-$copy\"/" \
            "$S/corpus/reuters21578.jsonl" >> "$out"
    done
fi
echo "input: $out, $(wc -c < "$out") bytes, $(wc -l < "$out") articles"
rc=0
log=$(EVCODE_DATA="$PWD/data" "$EVCODE" code --model "$MODEL" \
    --dicts "$S/data/dictionaries/phoenix" \
    --stats -j "$BIG_JOBS" "$out" 2>&1 >/dev/null) || rc=$?
[ "$rc" -le 1 ] || { echo "$log" | tail -3; exit 1; }
echo "$log" | grep 'items/s'
