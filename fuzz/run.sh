#!/usr/bin/env bash
# run.sh: builds each fuzz/fuzz_*.c as a libFuzzer binary (clang, with ASan
# and UBSan) and runs it for $EVC_FUZZ_SECONDS seconds on its seed corpus
# (fuzz/corpus/<name>/, copied so the repository stays clean). Any finding
# fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${EVC_FUZZ_SECONDS:-20}"
out=build-fuzz
mkdir -p "$out"
CFLAGS="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION -Iinclude -Isrc"
LIBS="-lexpat -ljansson -lutf8proc -lz -lsqlite3 -lm -pthread"
src=$(ls src/*/*.c)
# fuzz_model trains its small model on this at start-up
export EVC_FUZZ_TRAIN="$PWD/tests/data/builtin_roots.conllu"
# the gazetteer targets build the small test gazetteer from these sources
export EVC_FUZZ_GAZETTEER="$PWD/tests/data/gazetteer"
for f in fuzz/fuzz_*.c; do
    [ -e "$f" ] || continue
    name=$(basename "$f" .c)
    echo "== $name (${secs}s)"
    clang $CFLAGS "$f" $src $LIBS -o "$out/$name"
    corpus="$out/corpus-$name"
    mkdir -p "$corpus"
    seeds="fuzz/corpus/${name#fuzz_}"
    [ -d "$seeds" ] && cp -r "$seeds"/. "$corpus"/ 2>/dev/null || true
    (cd "$out" && ./"$name" -max_total_time="$secs" -max_len=65536 \
        -rss_limit_mb=2048 -print_final_stats=0 "corpus-$name" 2>&1 | tail -3)
done
