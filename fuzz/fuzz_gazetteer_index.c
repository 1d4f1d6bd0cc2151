/* fuzz_gazetteer_index.c: libFuzzer target for the gazetteer's index reader
 * (src/geo/gazetteer.c, gz_attach: every offset and index of a cache file
 * checked). The index of the small test gazetteer ($EVC_FUZZ_GAZETTEER, the
 * folder tests/data/gazetteer; fuzz/run.sh sets it) is built once; each
 * input alters a copy of it as fuzz_model.c alters a model (input[0] bit 0:
 * cut at the offset in input[1..2]; then patches of 4 bytes: a 3-byte
 * offset and a value), and is also read as an index of its own. Checksums
 * are off in fuzz builds, so the changes reach the structural checks. An
 * index that loads must answer lookups and place a sentence. */
#include "evcode.h"
#include "fuzz_geo_common.h"
#include "fuzz_patch.h"
#include "geo/geo.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static uint8_t *base;
static size_t base_len;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    const char *dir = getenv("EVC_FUZZ_GAZETTEER");
    if (!dir) {
        fprintf(stderr, "fuzz_gazetteer_index: set EVC_FUZZ_GAZETTEER to "
                        "tests/data/gazetteer\n");
        abort();
    }
    static char geo[512], countries[512], aliases[512], cache[64];
    snprintf(geo, sizeof geo, "%s/geonames", dir);
    snprintf(countries, sizeof countries, "%s/countries.json", dir);
    snprintf(aliases, sizeof aliases, "%s/aliases.txt", dir);
    snprintf(cache, sizeof cache, "/tmp/evc-fuzz-gaz-%ld.idx", (long)getpid());
    evc_gazetteer_sources src = {geo, countries, aliases};
    evc_error err = {0};
    if (evc_gazetteer_build(&src, cache, &err)) {
        fprintf(stderr, "fuzz_gazetteer_index: %s: %s\n", err.file, err.message);
        abort();
    }
    FILE *f = fopen(cache, "rb");
    if (!f)
        abort();
    base = malloc(1 << 20);
    base_len = base ? fread(base, 1, 1 << 20, f) : 0;
    fclose(f);
    remove(cache);
    if (base_len < sizeof(gz_header))
        abort();
    return 0;
}

static void try_image(const unsigned char *img, size_t len)
{
    /* gz_attach reads in place: a copy aligned like a mapped file */
    void *copy = aligned_alloc(64, (len + 63) / 64 * 64 + 64);
    if (!copy)
        return;
    memcpy(copy, img, len);
    struct evc_gazetteer g;
    evc_error err;
    memset(&err, 0, sizeof err);
    if (gz_attach(&g, copy, len, "fuzz.idx", &err) == EVC_OK)
        fuzz_geo_exercise(&g, "SPRINGFIELD, Ill. (Reuters) - x", NULL);
    else if (!err.message[0] || err.code != EVC_ERR_SYNTAX)
        __builtin_trap(); /* an error must say what was wrong */
    free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t len;
    uint8_t *b = fuzz_patch(base, base_len, data, size, &len);
    if (!b)
        return 0;
    try_image(b, len);
    free(b);
    try_image(data, size);
    return 0;
}
