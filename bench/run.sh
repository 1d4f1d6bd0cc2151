#!/usr/bin/env bash
# run.sh: make bench. Names the machine and compiler, then runs each benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BENCH_DIR:=build/bench}"
S=../shared
echo "machine: $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
echo "compiler: $(${CC:-cc} --version | head -1)"
echo
echo "== coding only: full Phoenix dictionaries, gold UD parses of PUD + EWT test"
"$BENCH_DIR/bench_code" "$S/data/dictionaries/phoenix" \
    "$S/data/ud/UD_English-PUD/en_pud-ud-test.conllu" \
    "$S/data/ud/UD_English-EWT/en_ewt-ud-test.conllu"
echo
echo "== segmentation: raw text of UD EWT test"
"$BENCH_DIR/bench_segment" "$S/data/ud/UD_English-EWT/en_ewt-ud-test.conllu"
echo
MODEL=${EVCODE_MODEL:-data/evcode.model}
echo "== analysis (segment + tag + parse, one core): raw text of UD EWT, PUD, GUM test"
if [ -f "$MODEL" ]; then
    "$BENCH_DIR/bench_pipeline" "$MODEL" \
        "$S/data/ud/UD_English-EWT/en_ewt-ud-test.conllu" \
        "$S/data/ud/UD_English-PUD/en_pud-ud-test.conllu" \
        "$S/data/ud/UD_English-GUM/en_gum-ud-test.lite.conllu"
else
    echo "no model at $MODEL: skipped"
fi
