/* fuzz_conllu.c: libFuzzer target for the CoNLL-U reader (src/read/conllu.c):
 * the input as one sentence block, then as a file through the stream reader. */
#include "evcode.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Every token a successful parse returns must be well formed. */
static void check_sentence(const evc_sentence *s)
{
    for (int i = 1; i <= s->ntok; i++) {
        const evc_token *t = &s->tok[i];
        if (t->head < 0 || t->head > s->ntok || !t->form || !t->lemma ||
            !t->upos || !t->xpos || !t->feats || !t->deprel)
            __builtin_trap();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    evc_arena *a = evc_arena_new(0);
    if (!a)
        return 0;
    evc_sentence s;
    evc_error err;
    if (evc_conllu_parse((const char *)data, size, a, &s, "fuzz", 1, &err) ==
        EVC_OK)
        check_sentence(&s);
    evc_arena_reset(a);

    if (size > 0) {
        FILE *f = fmemopen((void *)data, size, "r");
        evc_conllu_reader *r = NULL;
        if (f && evc_conllu_reader_open(f, "fuzz", &r, &err) == EVC_OK) {
            /* syntax errors skip a sentence; stop on anything sticky */
            for (int n = 0; n < 100000; n++) {
                evc_status st = evc_conllu_reader_next(r, a, &s, &err);
                if (st == EVC_OK)
                    check_sentence(&s);
                else if (st != EVC_ERR_SYNTAX && st != EVC_ERR_UTF8)
                    break;
                evc_arena_reset(a);
            }
        }
        evc_conllu_reader_close(r);
        if (f)
            fclose(f);
    }
    evc_arena_free(a);
    return 0;
}
