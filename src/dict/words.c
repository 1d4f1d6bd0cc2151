/* words.c: the dictionaries' word table (interned upper-case words with dense
 * ids, open addressing over FNV-1a), dictionary phrase splitting, regular
 * noun plurals, and the per-sentence word-id lookup the coder matches with.
 *
 * Matching rule (checked against PETRARCH 1 and 2, PETRreader.py and
 * petrarch*.py): every dictionary word matches a sentence word exactly,
 * case-insensitively. TABARI's stems (a word without a trailing '_' matching
 * any word it begins) are not what PETRARCH does: its actor, agent, discard
 * and issue lookups compare whole words, and the trailing '_' that the files
 * keep from TABARI only ends the word. So evc_phrase_parse never sets prefix
 * bits; evc_word_matches still honours them for callers that set their own. */
#include "dict/dict.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------ word table */

static inline unsigned char up(unsigned char c)
{
    return (c >= 'a' && c <= 'z') ? (unsigned char)(c - 'a' + 'A') : c;
}

/* FNV-1a over the upper-cased bytes, so a lookup may skip the copy. */
static uint32_t hash_upper(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= up((unsigned char)s[i]);
        h *= 16777619u;
    }
    return h;
}

/* Is words-table string w (NUL-terminated, upper-case) equal to s[0..n)
 * upper-cased? */
static bool same_upper(const char *w, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (w[i] == 0 || (unsigned char)w[i] != up((unsigned char)s[i]))
            return false;
    return w[n] == 0;
}

int evc_wordtab_init(evc_wordtab *t, evc_arena *arena)
{
    memset(t, 0, sizeof *t);
    t->arena = arena;
    t->cap_words = 1024;
    t->words = calloc(t->cap_words, sizeof *t->words);
    t->nslots = 2048;
    t->hash = calloc(t->nslots, sizeof *t->hash);
    if (!t->words || !t->hash) {
        evc_wordtab_release(t);
        return -1;
    }
    return 0;
}

void evc_wordtab_release(evc_wordtab *t)
{
    if (!t)
        return;
    free(t->words);
    free(t->hash);
    t->words = NULL;
    t->hash = NULL;
    t->nwords = t->cap_words = t->nslots = 0;
}

/* Looks s[0..n) up case-insensitively (the table holds upper-case words). */
static uint32_t find_ci(const evc_wordtab *t, const char *s, size_t n)
{
    if (!t->nslots || n == 0)
        return 0;
    size_t mask = t->nslots - 1;
    uint32_t hv = hash_upper(s, n);
    for (size_t h = hv & mask;; h = (h + 1) & mask) {
        uint64_t slot = t->hash[h];
        uint32_t id = (uint32_t)slot;
        if (id == 0)
            return 0;
        if ((uint32_t)(slot >> 32) == hv && same_upper(t->words[id], s, n))
            return id;
    }
}

uint32_t evc_wordtab_find(const evc_wordtab *t, const char *s, size_t n)
{
    return find_ci(t, s, n);
}

/* Doubles the slot array and re-inserts every id. */
static int rehash(evc_wordtab *t)
{
    size_t ns = t->nslots * 2;
    uint64_t *nh = calloc(ns, sizeof *nh);
    if (!nh)
        return -1;
    for (size_t id = 1; id <= t->nwords; id++) {
        const char *w = t->words[id];
        uint32_t hv = hash_upper(w, strlen(w));
        size_t h = hv & (ns - 1);
        while (nh[h])
            h = (h + 1) & (ns - 1);
        nh[h] = (uint64_t)hv << 32 | (uint32_t)id;
    }
    free(t->hash);
    t->hash = nh;
    t->nslots = ns;
    return 0;
}

uint32_t evc_wordtab_intern(evc_wordtab *t, const char *s, size_t n)
{
    if (n == 0 || !t->hash)
        return 0;
    uint32_t id = find_ci(t, s, n);
    if (id)
        return id;
    if (t->nwords + 1 >= UINT32_MAX)
        return 0;
    if ((t->nwords + 1) * 2 > t->nslots && rehash(t))
        return 0;
    if (t->nwords + 1 >= t->cap_words) {
        size_t nc = t->cap_words * 2;
        const char **nw = realloc(t->words, nc * sizeof *nw);
        if (!nw)
            return 0;
        t->words = nw;
        t->cap_words = nc;
    }
    char *copy = evc_arena_alloc(t->arena, n + 1);
    if (!copy)
        return 0;
    evc_upcase(copy, s, n);
    id = (uint32_t)++t->nwords;
    t->words[id] = copy;
    size_t mask = t->nslots - 1;
    uint32_t hv = hash_upper(s, n);
    size_t h = hv & mask;
    while (t->hash[h])
        h = (h + 1) & mask;
    t->hash[h] = (uint64_t)hv << 32 | id;
    return id;
}

void evc_upcase(char *dst, const char *src, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dst[i] = (char)up((unsigned char)src[i]);
    dst[n] = 0;
}

/* ------------------------------------------------------------ phrases */

static bool is_sep(char c)
{
    return c == ' ' || c == '\t' || c == '_';
}

/* Interns one word, splitting off an English possessive the way the
 * tokenizer does ("WOMEN'S" -> WOMEN 'S, "JOURNALISTS'" -> JOURNALISTS '),
 * so dictionary phrases line up with sentence tokens. Returns the number of
 * ids written (1 or 2), 0 if max is exceeded, -1 on OOM. */
static int intern_word(evc_wordtab *t, const char *w, size_t n, uint32_t *ids,
                       int room)
{
    size_t cut = n;
    if (n > 2 && w[n - 2] == '\'' && up((unsigned char)w[n - 1]) == 'S')
        cut = n - 2;
    else if (n > 2 && w[n - 1] == '\'' && up((unsigned char)w[n - 2]) == 'S')
        cut = n - 1;
    int need = cut < n ? 2 : 1;
    if (need > room)
        return 0;
    ids[0] = evc_wordtab_intern(t, w, cut);
    if (!ids[0])
        return -1;
    if (need == 2) {
        ids[1] = evc_wordtab_intern(t, w + cut, n - cut);
        if (!ids[1])
            return -1;
    }
    return need;
}

int evc_dict_split_words(evc_dicts *d, const char *s, size_t n, uint32_t *ids,
                         int max)
{
    int nw = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && is_sep(s[i]))
            i++;
        size_t b = i;
        while (i < n && !is_sep(s[i]))
            i++;
        if (i == b)
            break;
        int k = intern_word(&d->words, s + b, i - b, ids + nw, max - nw);
        if (k < 0)
            return -1;
        if (k == 0)
            return -2;
        nw += k;
    }
    return nw;
}

int evc_dict_split_hyphens(evc_dicts *d, const uint32_t *ids, int nw,
                            uint32_t *out, int max)
{
    int n = 0, split = 0;
    for (int i = 0; i < nw; i++) {
        const char *w = d->words.words[ids[i]];
        size_t len = strlen(w), b = 0;
        for (size_t k = 1; k + 1 < len; k++) {
            if (w[k] != '-' || w[k - 1] == '-' || w[k + 1] == '-')
                continue;
            if (n + 2 > max)
                return -2;
            if (!(out[n++] = evc_wordtab_intern(&d->words, w + b, k - b)) ||
                !(out[n++] = evc_wordtab_intern(&d->words, "-", 1)))
                return -1;
            b = k + 1;
            split = 1;
        }
        if (n + 1 > max)
            return -2;
        if (b == 0)
            out[n++] = ids[i];
        else if (!(out[n++] = evc_wordtab_intern(&d->words, w + b, len - b)))
            return -1;
    }
    return split ? n : 0;
}

long evc_phrase_set_add_split(evc_dicts *d, evc_phrase_set *set,
                              const evc_phrase *p)
{
    long k = evc_phrase_set_add(d, set, p);
    if (k < 0)
        return -1;
    uint32_t split[EVC_PHRASE_MAX_WORDS];
    int ns = evc_dict_split_hyphens(d, p->words, p->nwords, split,
                                    EVC_PHRASE_MAX_WORDS);
    if (ns == -1)
        return -1;
    if (ns > 0) { /* a split form too long (-2) is simply not added */
        evc_phrase q = *p;
        q.words = split;
        q.nwords = (uint16_t)ns;
        if (evc_phrase_set_add(d, set, &q) < 0)
            return -1;
    }
    return k;
}

int evc_phrase_parse(evc_dicts *d, const char *s, size_t n,
                     const uint32_t **words, uint32_t *prefix)
{
    uint32_t stack[EVC_PHRASE_MAX_WORDS], *ids = stack, *heap = NULL;
    if (prefix)
        *prefix = 0; /* PETRARCH matches whole words only: see the top */
    *words = NULL;
    int nw = evc_dict_split_words(d, s, n, ids, EVC_PHRASE_MAX_WORDS);
    if (nw == -2) {
        /* a long phrase: at most n+1 words (possessives split in two) */
        size_t max = n + 1 < UINT16_MAX ? n + 1 : UINT16_MAX;
        heap = malloc(sizeof *heap * max);
        if (!heap)
            return -1;
        ids = heap;
        nw = evc_dict_split_words(d, s, n, ids, (int)max);
        if (nw == -2)
            nw = -1; /* more than a phrase can hold */
    }
    uint32_t *w = NULL;
    if (nw > 0) {
        w = evc_arena_alloc(d->arena, sizeof *w * (size_t)nw);
        if (w)
            memcpy(w, ids, sizeof *w * (size_t)nw);
        else
            nw = -1;
    }
    free(heap);
    *words = w;
    return nw;
}

/* ------------------------------------------------------------ plurals */

static bool is_vowel(char c)
{
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}

size_t evc_noun_plural(char *dst, size_t cap, const char *w, size_t n)
{
    while (n > 0 && is_sep(w[n - 1]))
        n--;
    if (n == 0 || cap < n + 3)
        return 0;
    memcpy(dst, w, n);
    char last = (char)up((unsigned char)w[n - 1]);
    char prev = n > 1 ? (char)up((unsigned char)w[n - 2]) : 0;
    size_t k;
    if (last == 'Y' && n > 1 && !is_vowel(prev) && !is_sep(prev)) {
        memcpy(dst + n - 1, "IES", 3);
        k = n + 2;
    } else if (last == 'S' || last == 'X' || last == 'Z' ||
               (last == 'H' && (prev == 'C' || prev == 'S'))) {
        memcpy(dst + n, "ES", 2);
        k = n + 2;
    } else {
        dst[n] = 'S';
        k = n + 1;
    }
    dst[k] = 0;
    return k;
}

/* ------------------------------------------------------------ matching */

void evc_dicts_prepare(const evc_dicts *d, evc_sentence *s)
{
    if (!d || !s || !s->tok)
        return;
    for (int i = 0; i <= s->ntok; i++) {
        evc_token *t = &s->tok[i];
        t->word = 0;
        t->lword = 0;
        if (i == 0)
            continue; /* the artificial root */
        if (t->form)
            t->word = find_ci(&d->words, t->form, strlen(t->form));
        if (t->lemma && t->lemma[0] && !(t->lemma[0] == '_' && !t->lemma[1]))
            t->lword = (t->form && strcasecmp(t->lemma, t->form) == 0)
                           ? t->word
                           : find_ci(&d->words, t->lemma, strlen(t->lemma));
    }
}

bool evc_word_matches(const evc_dicts *d, const evc_token *tok, uint32_t w,
                      bool prefix)
{
    if (w == 0)
        return false;
    if (tok->word == w)
        return true;
    if (!prefix || !tok->form || w > d->words.nwords)
        return false;
    const char *dw = d->words.words[w];
    const char *f = tok->form;
    size_t i = 0;
    for (; dw[i]; i++)
        if (!f[i] || up((unsigned char)f[i]) != (unsigned char)dw[i])
            return false;
    return true;
}

/* ------------------------------------------------------------ code index */

static uint32_t hash_exact(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

long evc_code_index_find(const evc_code_index *x, const char *s, size_t n,
                         const char **stored)
{
    if (!x->nslots)
        return -1;
    size_t mask = x->nslots - 1;
    for (size_t h = hash_exact(s, n) & mask; x->str[h]; h = (h + 1) & mask)
        if (x->len[h] == n && memcmp(x->str[h], s, n) == 0) {
            if (stored)
                *stored = x->str[h];
            return (long)x->val[h];
        }
    return -1;
}

static void index_put(const char **str, size_t *len, uint32_t *val,
                      size_t nslots, const char *s, size_t n, uint32_t v)
{
    size_t h = hash_exact(s, n) & (nslots - 1);
    while (str[h])
        h = (h + 1) & (nslots - 1);
    str[h] = s;
    len[h] = n;
    val[h] = v;
}

int evc_code_index_add(evc_code_index *x, const char *s, size_t n, uint32_t v)
{
    if ((x->n + 1) * 2 > x->nslots) {
        size_t ns = x->nslots ? x->nslots * 2 : 64;
        const char **str = calloc(ns, sizeof *str);
        size_t *len = calloc(ns, sizeof *len);
        uint32_t *val = calloc(ns, sizeof *val);
        if (!str || !len || !val) {
            free((void *)str);
            free(len);
            free(val);
            return -1;
        }
        for (size_t i = 0; i < x->nslots; i++)
            if (x->str[i])
                index_put(str, len, val, ns, x->str[i], x->len[i], x->val[i]);
        size_t n0 = x->n;
        evc_code_index_release(x);
        x->str = str;
        x->len = len;
        x->val = val;
        x->nslots = ns;
        x->n = n0;
    }
    index_put(x->str, x->len, x->val, x->nslots, s, n, v);
    x->n++;
    return 0;
}

evc_status evc_code_index_fill(evc_code_index *x, const char *const *codes,
                               size_t n, const char *name, evc_error *err)
{
    for (size_t i = 0; i < n; i++)
        if (evc_code_index_add(x, codes[i], strlen(codes[i]), (uint32_t)i))
            return evc_error_set(err, EVC_ERR_NOMEM, name, 0, 0,
                                 "out of memory");
    return EVC_OK;
}

void evc_code_index_release(evc_code_index *x)
{
    free((void *)x->str);
    free(x->len);
    free(x->val);
    x->str = NULL;
    x->len = NULL;
    x->val = NULL;
    x->nslots = x->n = 0;
}
