/* fuzz_dict_verbs.c: libFuzzer target for the verb loader (verbs.c): parses
 * the input as a verb dictionary into a fresh set, finishes it whether or not
 * parsing succeeded (a failed file must leave the set consistent), checks
 * the structure's invariants and looks every word up in the form index. */
#include "dict/dict.h"

#include <stdint.h>
#include <string.h>

/* A broken invariant is a finding: stop here so libFuzzer reports it. */
#define ENSURE(c)                                                            \
    do {                                                                     \
        if (!(c))                                                            \
            __builtin_trap();                                                \
    } while (0)

static void check_word(const evc_dicts *d, uint32_t w)
{
    ENSURE(w >= 1 && w <= d->words.nwords);
    const char *s = d->words.words[w];
    ENSURE(s && s[0]);
    /* the word table finds what it holds */
    ENSURE(evc_wordtab_find(&d->words, s, strlen(s)) == w);
}

static void check_elems(const evc_dicts *d, const evc_pat_elem *e, int n)
{
    for (int i = 0; i < n; i++) {
        ENSURE(e[i].kind <= EVC_PE_SKIP);
        if (e[i].kind == EVC_PE_WORD)
            check_word(d, e[i].id);
        else if (e[i].kind == EVC_PE_SYNSET)
            ENSURE(e[i].id < d->nsynsets);
    }
}

static void check(const evc_dicts *d)
{
    for (size_t i = 0; i < d->nverbs; i++) {
        const evc_verb *v = &d->verbs[i];
        ENSURE(v->name && v->code);
        ENSURE(v->npats == 0 || v->pats != NULL);
        for (uint32_t j = 0; j < v->npats; j++) {
            const evc_pattern *p = &v->pats[j];
            ENSURE(p->code && p->text && p->line >= v->line);
            check_elems(d, p->upper, p->nupper);
            check_elems(d, p->lower, p->nlower);
        }
    }
    for (size_t i = 0; i < d->nforms; i++) {
        const evc_verb_form *f = &d->forms[i];
        ENSURE(f->nwords >= 1 && f->verb_pos < f->nwords);
        ENSURE(f->verb < d->nverbs);
        for (int k = 0; k < f->nwords; k++)
            check_word(d, f->words[k]);
    }
    for (size_t i = 0; i < d->nsynsets; i++) {
        const evc_phrase_set *m = &d->synsets[i].members;
        ENSURE(d->synsets[i].name && d->synsets[i].name[0]);
        for (size_t k = 0; k < m->n; k++) {
            ENSURE(m->v[k].nwords >= 1 && m->v[k].words);
            for (int w = 0; w < m->v[k].nwords; w++)
                check_word(d, m->v[k].words[w]);
        }
    }
    /* the form index: every word's run holds exactly its forms */
    size_t indexed = 0;
    for (uint32_t w = 1; w <= d->words.nwords; w++) {
        size_t first = 0, n = evc_dict_verb_forms(d, w, &first);
        ENSURE(n == 0 || first + n <= d->nforms);
        for (size_t k = first; k < first + n; k++)
            ENSURE(d->forms[k].words[d->forms[k].verb_pos] == w);
        indexed += n;
    }
    ENSURE(indexed == d->nforms);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    evc_dicts *d;
    if (evc_dicts_new(&d, NULL) != EVC_OK)
        return 0;
    evc_error err;
    memset(&err, 0, sizeof err);
    evc_status st =
        evc_dict_parse_verbs(d, "fuzz", (const char *)data, size, &err);
    if (st != EVC_OK) {
        ENSURE(err.code == st && err.message[0]);
        char msg[600];
        evc_error_format(&err, msg, sizeof msg);
    }
    if (evc_dicts_finish(d, &err) == EVC_OK)
        check(d);
    evc_dicts_free(d);
    return 0;
}
