/* phrases.c: phrase sets (actor, agent, discard, issue and synset phrases),
 * indexed by first word with the longest phrase first, so a match is one hash
 * probe plus a short run of integer compares; and the choice of an actor's
 * date-restricted code, as PETRARCH's get_actor_code makes it. */
#include "dict/dict.h"

#include <stdlib.h>
#include <string.h>

long evc_phrase_set_add(evc_dicts *d, evc_phrase_set *set, const evc_phrase *p)
{
    if (!p || p->nwords == 0 || !p->words)
        return -1;
    evc_phrase *v = evc_dict_grow(set->v, &set->cap, set->n + 1, sizeof *v);
    if (!v)
        return -1;
    set->v = v;
    uint32_t *w = evc_arena_alloc(d->arena, sizeof *w * p->nwords);
    if (!w)
        return -1;
    memcpy(w, p->words, sizeof *w * p->nwords);
    evc_phrase *q = &set->v[set->n];
    *q = *p;
    q->words = w;
    return (long)set->n++;
}

void evc_phrase_set_release(evc_phrase_set *set)
{
    if (!set)
        return;
    free(set->v);
    free(set->slot_word);
    free(set->slot_start);
    free(set->slot_count);
    free(set->prefix_first);
    memset(set, 0, sizeof *set);
}

static uint32_t mix(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

typedef struct sort_key {
    uint32_t first;
    uint32_t nwords;
    size_t idx;
} sort_key;

/* By first word, then longest first, then as added (file order), so among
 * equal phrases the first written wins. */
static int cmp_key(const void *a, const void *b)
{
    const sort_key *x = a, *y = b;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    if (x->nwords != y->nwords)
        return x->nwords > y->nwords ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Drops the index (not the phrases). */
static void drop_index(evc_phrase_set *set)
{
    free(set->slot_word);
    free(set->slot_start);
    free(set->slot_count);
    free(set->prefix_first);
    set->slot_word = set->slot_start = set->slot_count = set->prefix_first = NULL;
    set->nslots = set->nprefix_first = 0;
}

int evc_phrase_set_finish(evc_phrase_set *set)
{
    drop_index(set);
    if (set->n == 0)
        return 0;
    if (set->n > UINT32_MAX)
        return -1;
    sort_key *k = malloc(set->n * sizeof *k);
    evc_phrase *v = malloc(set->n * sizeof *v);
    if (!k || !v) {
        free(k);
        free(v);
        return -1;
    }
    for (size_t i = 0; i < set->n; i++) {
        k[i].first = set->v[i].words[0];
        k[i].nwords = set->v[i].nwords;
        k[i].idx = i;
    }
    qsort(k, set->n, sizeof *k, cmp_key);
    size_t distinct = 0, nprefix = 0;
    for (size_t i = 0; i < set->n; i++) {
        v[i] = set->v[k[i].idx];
        if (i == 0 || k[i].first != k[i - 1].first)
            distinct++;
        if (v[i].prefix & 1)
            nprefix++;
    }
    free(k);
    free(set->v);
    set->v = v;
    set->cap = set->n; /* frozen: exactly n */

    size_t ns = 16;
    while (ns < distinct * 2)
        ns *= 2;
    set->slot_word = calloc(ns, sizeof(uint32_t));
    set->slot_start = calloc(ns, sizeof(uint32_t));
    set->slot_count = calloc(ns, sizeof(uint32_t));
    set->prefix_first = nprefix ? malloc(nprefix * sizeof(uint32_t)) : NULL;
    if (!set->slot_word || !set->slot_start || !set->slot_count ||
        (nprefix && !set->prefix_first)) {
        drop_index(set);
        return -1;
    }
    set->nslots = ns;
    for (size_t i = 0; i < set->n;) {
        uint32_t w = v[i].words[0];
        size_t j = i;
        while (j < set->n && v[j].words[0] == w)
            j++;
        size_t h = mix(w) & (ns - 1);
        while (set->slot_word[h])
            h = (h + 1) & (ns - 1);
        set->slot_word[h] = w;
        set->slot_start[h] = (uint32_t)i;
        set->slot_count[h] = (uint32_t)(j - i);
        i = j;
    }
    for (size_t i = 0; i < set->n; i++)
        if (v[i].prefix & 1)
            set->prefix_first[set->nprefix_first++] = (uint32_t)i;
    return 0;
}

/* Does p match the tokens toks[start..ntoks) from their first? */
static bool phrase_at(const evc_dicts *d, const evc_phrase *p,
                      const evc_sentence *s, const int *toks, int ntoks,
                      int start)
{
    if (p->nwords > ntoks - start)
        return false;
    for (int k = 0; k < p->nwords; k++) {
        int t = toks ? toks[start + k] : start + k;
        if (t < 0 || t > s->ntok)
            return false;
        bool pre = k < 32 && ((p->prefix >> k) & 1);
        if (!evc_word_matches(d, &s->tok[t], p->words[k], pre))
            return false;
    }
    return true;
}

const evc_phrase *evc_phrase_set_match(const evc_dicts *d,
                                       const evc_phrase_set *set,
                                       const evc_sentence *s, const int *toks,
                                       int ntoks, int start, int *len)
{
    if (len)
        *len = 0;
    if (!d || !set || !s || !s->tok || set->n == 0 || start < 0 ||
        start >= ntoks)
        return NULL;
    const evc_phrase *best = NULL;
    if (set->nslots == 0) {
        /* not finished: try everything (tests, or a set being built) */
        for (size_t i = 0; i < set->n; i++) {
            const evc_phrase *p = &set->v[i];
            if ((!best || p->nwords > best->nwords) &&
                phrase_at(d, p, s, toks, ntoks, start))
                best = p;
        }
    } else {
        int t0 = toks ? toks[start] : start;
        if (t0 < 0 || t0 > s->ntok)
            return NULL;
        uint32_t w = s->tok[t0].word;
        if (w) {
            size_t mask = set->nslots - 1;
            for (size_t h = mix(w) & mask; set->slot_word[h];
                 h = (h + 1) & mask) {
                if (set->slot_word[h] != w)
                    continue;
                /* the run is longest first: the first match is the best */
                const evc_phrase *run = set->v + set->slot_start[h];
                for (uint32_t i = 0; i < set->slot_count[h]; i++)
                    if (phrase_at(d, &run[i], s, toks, ntoks, start)) {
                        best = &run[i];
                        break;
                    }
                break;
            }
        }
        for (size_t i = 0; i < set->nprefix_first; i++) {
            const evc_phrase *p = &set->v[set->prefix_first[i]];
            if ((!best || p->nwords > best->nwords) &&
                phrase_at(d, p, s, toks, ntoks, start))
                best = p;
        }
    }
    if (best && len)
        *len = best->nwords;
    return best;
}

static bool undated(const evc_dated_code *c)
{
    return c->from == 0 && c->to == 0;
}

const char *evc_actor_code_on(const evc_dicts *d, const evc_phrase *p,
                              int32_t date)
{
    if (!d || !p || p->flags == 0 || p->payload >= d->nactor_codes ||
        p->flags > d->nactor_codes - p->payload)
        return NULL;
    const evc_dated_code *c = d->actor_codes + p->payload;
    size_t n = p->flags;
    if (date != 0) {
        for (size_t i = 0; i < n; i++)
            if (!undated(&c[i]) && (c[i].from == 0 || date >= c[i].from) &&
                (c[i].to == 0 || date <= c[i].to))
                return c[i].code;
        for (size_t i = 0; i < n; i++)
            if (undated(&c[i]))
                return c[i].code;
        return NULL;
    }
    /* no date: the default code, else the restriction that reaches latest
     * (open-ended "> date" first), as news is usually recent */
    const evc_dated_code *best = NULL;
    for (size_t i = 0; i < n; i++) {
        if (undated(&c[i]))
            return c[i].code;
        if (c[i].from && c[i].to && c[i].from > c[i].to)
            continue; /* an inverted range never applies */
        int64_t end = c[i].to ? c[i].to : INT32_MAX;
        int64_t bend = best ? (best->to ? best->to : INT32_MAX) : -1;
        if (!best || end > bend || (end == bend && c[i].from > best->from))
            best = &c[i];
    }
    return best ? best->code : NULL;
}
