/* fuzz_model.c: libFuzzer target for the model reader (src/nlp/model.c and
 * the tagger's and parser's section readers). A small model is trained once
 * at start-up ($EVC_FUZZ_TRAIN, a CoNLL-U file; fuzz/run.sh sets it); each
 * input then alters a copy of its bytes: input[0] bit 0 set cuts the file
 * at the offset in input[1..2], the rest are patches of 4 bytes (a 3-byte
 * offset, a value). Checksums are off in fuzz builds (util/bio.c), so the
 * changes reach the readers. A model that loads must then analyze text. */
#include "evcode.h"
#include "fuzz_patch.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static uint8_t *base;
static size_t base_len;
static char path[64];

static uint8_t *read_all(const char *p, size_t *len)
{
    FILE *f = fopen(p, "rb");
    if (!f)
        return NULL;
    uint8_t *b = NULL;
    size_t n = 0, cap = 0, k;
    do {
        if (n == cap) {
            cap = cap ? cap * 2 : 1 << 20;
            uint8_t *q = realloc(b, cap);
            if (!q)
                abort();
            b = q;
        }
        k = fread(b + n, 1, cap - n, f);
        n += k;
    } while (k > 0);
    fclose(f);
    *len = n;
    return b;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    const char *train = getenv("EVC_FUZZ_TRAIN");
    if (!train) {
        fprintf(stderr, "fuzz_model: set EVC_FUZZ_TRAIN to a CoNLL-U file\n");
        abort();
    }
    snprintf(path, sizeof path, "/tmp/evc-fuzz-model-%ld", (long)getpid());
    evc_train_opts o;
    memset(&o, 0, sizeof o);
    o.seed = 1;
    o.tag_epochs = 1;
    o.parse_epochs = 1;
    evc_model *m;
    evc_error err = {0};
    const char *files[1] = {train};
    o.class_text = files; /* so that the word-class tables are read too */
    o.nclass_text = 1;
    o.classes = 16;
    if (evc_model_train(files, 1, NULL, &o, &m, &err) ||
        evc_model_save(m, path, &err)) {
        fprintf(stderr, "fuzz_model: %s\n", err.message);
        abort();
    }
    evc_model_free(m);
    base = read_all(path, &base_len);
    if (!base || base_len < 16)
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t len;
    uint8_t *b = fuzz_patch(base, base_len, data, size, &len);
    if (!b)
        return 0;
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(b, 1, len, f) != len || fclose(f) != 0)
        abort();
    free(b);
    evc_model *m;
    evc_error err = {0};
    if (evc_model_load(path, &m, &err) == EVC_OK) {
        static const char text[] = "Pakistan rejected the offer on Monday. "
                                   "The U.S. envoy, Mr. Khan, said it's late.";
        evc_arena *a = evc_arena_new(0);
        evc_sentence *s;
        int n;
        if (a && evc_model_analyze(m, text, sizeof text - 1, a, &s, &n, &err) == EVC_OK)
            for (int k = 0; k < n; k++)
                for (int t = 1; t <= s[k].ntok; t++)
                    if (s[k].tok[t].head < 0 || s[k].tok[t].head > s[k].ntok)
                        __builtin_trap();
        evc_arena_free(a);
        evc_model_free(m);
    } else if (!err.message[0]) {
        __builtin_trap(); /* an error must say what was wrong */
    }
    return 0;
}
