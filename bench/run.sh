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
echo "== event dates only: every verb of the gold UD parses of EWT, PUD, GUM test"
"$BENCH_DIR/bench_dates" "$S/data/ud/UD_English-EWT/en_ewt-ud-test.conllu" \
    "$S/data/ud/UD_English-PUD/en_pud-ud-test.conllu" \
    "$S/data/ud/UD_English-GUM/en_gum-ud-test.lite.conllu"
echo
echo "== segmentation: raw text of UD EWT test"
"$BENCH_DIR/bench_segment" "$S/data/ud/UD_English-EWT/en_ewt-ud-test.conllu"
echo
echo "== gazetteer: build, open the cached index, geocode gold parses of PUD + EWT test"
"$BENCH_DIR/bench_gazetteer" "$S/data/gazetteer/geonames" "$S/data/countries/countries.json" \
    data/gazetteer/aliases.txt \
    "$S/data/ud/UD_English-PUD/en_pud-ud-test.conllu" \
    "$S/data/ud/UD_English-EWT/en_ewt-ud-test.conllu"
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
echo
echo "== end to end: evcode code on ../shared/corpus/reuters21578.jsonl (19,043 articles), Phoenix dictionaries + overlay"
if [ -f "$MODEL" ]; then
    # geocoding is on unless --no-geo (the second run: what it costs)
    for opts in "-j 1" "-j 1 --no-geo" "-j 2"; do
        echo "$opts:"
        # exit status 1 = some articles were skipped (e.g. without text):
        # counted, not fatal
        rc=0
        # EVCODE_DATA: this tree's data/ (the overlay), wherever the binary is
        # shellcheck disable=SC2086
        log=$(EVCODE_DATA="$PWD/data" "${EVCODE:-./evcode}" code --model "$MODEL" \
            --dicts "$S/data/dictionaries/phoenix" --stats $opts \
            "$S/corpus/reuters21578.jsonl" 2>&1 >/dev/null) || rc=$?
        [ "$rc" -le 1 ] || { echo "$log" | tail -3; exit 1; }
        echo "$log" | grep 'items/s'
        echo "  ($(echo "$log" | grep -vc 'items/s') articles skipped with a message)"
    done
else
    echo "no model at $MODEL: skipped"
fi
echo
echo "== store: evcode ingest of ../shared/corpus/reuters21578.jsonl into a new SQLite store, -j 2, then again"
if [ -f "$MODEL" ]; then
    db="$BENCH_DIR/reuters.db"
    rm -f "$db" "$db-wal" "$db-shm"
    for run in first second; do
        rc=0
        log=$(EVCODE_DATA="$PWD/data" "${EVCODE:-./evcode}" ingest --db "$db" --model "$MODEL" \
            --dicts "$S/data/dictionaries/phoenix" --stats -j 2 \
            "$S/corpus/reuters21578.jsonl" 2>&1) || rc=$?
        [ "$rc" -le 1 ] || { echo "$log" | tail -3; exit 1; }
        echo "$run: $(echo "$log" | grep '^ingest: ')"
        echo "  $(echo "$log" | grep 'items/s' | sed 's/^evcode: //')"
        "${EVCODE:-./evcode}" query --db "$db" counts --by day --format csv >"$BENCH_DIR/reuters.$run.counts"
        "${EVCODE:-./evcode}" export --db "$db" --format csv >"$BENCH_DIR/reuters.$run.csv"
    done
    if cmp -s "$BENCH_DIR/reuters.first.counts" "$BENCH_DIR/reuters.second.counts" &&
        cmp -s "$BENCH_DIR/reuters.first.csv" "$BENCH_DIR/reuters.second.csv"; then
        echo "  the second ingest left the store as it was: the same daily counts, the same rows"
    else
        echo "  the second ingest CHANGED the store"; exit 1
    fi
else
    echo "no model at $MODEL: skipped"
fi
echo
echo "== store: questions on 10 million synthetic events (built once into $BENCH_DIR/store-10m.db, then reused)"
"$BENCH_DIR/bench_store" "$BENCH_DIR/store-10m.db" "${EVCODE:-./evcode}" 10000000
