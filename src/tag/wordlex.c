/* wordlex.c: the tagger's word-class lexicon (wordlex.h). Reads a word list
 * and WordNet 3.0's index.{noun,verb,adj,adv} and {noun,verb,adj}.exc
 * (format: wndb(5WN)); inflected forms get their classes from WordNet's
 * "morphy" suffix rules (morphy(7WN)) applied to every word read. */
#include "tag/wordlex.h"
#include "util/kv16.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct evc_wordlex {
    evc_kv16 t; /* key32 of the word -> classes */
};

/* A word's key in the file: the hash's high half, never 0. */
static uint32_t key32(uint64_t h)
{
    uint32_t k = (uint32_t)(h >> 32);
    return k ? k : 1;
}

uint32_t evc_wordlex_get(const evc_wordlex *l, uint64_t h)
{
    return l ? evc_kv16_get(&l->t, key32(h)) : 0;
}

size_t evc_wordlex_size(const evc_wordlex *l) { return l ? l->t.n : 0; }

void evc_wordlex_free(evc_wordlex *l)
{
    if (!l)
        return;
    evc_kv16_free(&l->t);
    free(l);
}

/* ---------------------------------------------------------------- build */

/* Words being collected: strings (for the suffix rules) and classes, by
 * 64-bit hash in an open-addressing table. */
typedef struct entry {
    uint64_t h;
    uint32_t str;      /* offset in text */
    uint16_t cls;
    uint16_t senses[4];/* WordNet senses as noun, verb, adj, adv */
} entry;

typedef struct builder {
    entry *e;
    size_t n, cap;
    uint32_t *slot;    /* entry index + 1; 0 = empty */
    size_t mask;
    char *text;
    size_t ntext, captext;
    int oom;
} builder;

static entry *find(const builder *b, uint64_t h)
{
    if (!b->slot)
        return NULL;
    for (size_t i = (size_t)h & b->mask;; i = (i + 1) & b->mask) {
        if (!b->slot[i])
            return NULL;
        if (b->e[b->slot[i] - 1].h == h)
            return &b->e[b->slot[i] - 1];
    }
}

static int grow_slots(builder *b)
{
    size_t cap = b->slot ? (b->mask + 1) * 2 : 1 << 16;
    uint32_t *s = calloc(cap, sizeof *s);
    if (!s)
        return -1;
    for (size_t j = 0; j < b->n; j++) {
        size_t i = (size_t)b->e[j].h & (cap - 1);
        while (s[i])
            i = (i + 1) & (cap - 1);
        s[i] = (uint32_t)j + 1;
    }
    free(b->slot);
    b->slot = s;
    b->mask = cap - 1;
    return 0;
}

/* The entry of the lower-cased word w[0..len), added if new. */
static entry *intern(builder *b, const char *w, size_t len)
{
    uint64_t h = evc_tag_lower_hash_n(w, len);
    entry *e = find(b, h);
    if (e || b->oom)
        return e;
    if (!b->slot || 2 * (b->n + 1) > b->mask + 1) {
        if (grow_slots(b))
            goto oom;
    }
    if (b->n == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 1 << 15;
        entry *ne = realloc(b->e, cap * sizeof *ne);
        if (!ne)
            goto oom;
        b->e = ne;
        b->cap = cap;
    }
    if (b->ntext + len + 1 > b->captext) {
        size_t cap = b->captext ? 2 * b->captext : 1 << 20;
        while (cap < b->ntext + len + 1)
            cap *= 2;
        char *nt = realloc(b->text, cap);
        if (!nt)
            goto oom;
        b->text = nt;
        b->captext = cap;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)w[i];
        b->text[b->ntext + i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    b->text[b->ntext + len] = 0;
    e = &b->e[b->n];
    memset(e, 0, sizeof *e);
    e->h = h;
    e->str = (uint32_t)b->ntext;
    b->ntext += len + 1;
    size_t i = (size_t)h & b->mask;
    while (b->slot[i])
        i = (i + 1) & b->mask;
    b->slot[i] = (uint32_t)++b->n;
    return e;
oom:
    b->oom = 1;
    return NULL;
}

/* A word worth keeping: a single token (WordNet joins phrases with '_')
 * and not a possessive (the word list has one for most nouns). */
static int plain_word(const char *w, size_t len)
{
    if (len == 0 || len > 40)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (w[i] == '_' || w[i] == ' ' || w[i] == '\'')
            return 0;
    return 1;
}

/* One line at a time from f into buf (truncated lines are skipped). */
static int next_line(FILE *f, char *buf, size_t n, size_t *len)
{
    while (fgets(buf, (int)n, f)) {
        size_t k = strlen(buf);
        if (k && buf[k - 1] != '\n' && !feof(f)) {
            int c;
            while ((c = fgetc(f)) != EOF && c != '\n')
                ;
            continue;
        }
        while (k && (buf[k - 1] == '\n' || buf[k - 1] == '\r'))
            k--;
        buf[k] = 0;
        *len = k;
        return 1;
    }
    return 0;
}

static int read_word_list(builder *b, const char *path)
{
    FILE *f = path && *path ? fopen(path, "rb") : NULL;
    if (!f)
        return 0;
    char line[256];
    size_t len;
    int any = 0;
    while (next_line(f, line, sizeof line, &len)) {
        if (!plain_word(line, len))
            continue;
        entry *e = intern(b, line, len);
        if (!e)
            continue;
        e->cls |= line[0] >= 'A' && line[0] <= 'Z' ? EVC_WL_CAP : EVC_WL_LOWER;
        any = 1;
    }
    fclose(f);
    return any;
}

static const char *const POS_NAME[4] = {"noun", "verb", "adj", "adv"};

/* The WordNet file dir/PRE POS SUF ("index.noun", "verb.exc"), or NULL. */
static FILE *open_wordnet(const char *dir, const char *pre, int pos,
                          const char *suf)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s%s%s", dir, pre, POS_NAME[pos], suf);
    return fopen(path, "rb");
}

/* index.POS: "lemma pos synset_cnt ...", after license lines that start
 * with spaces. */
static int read_index(builder *b, const char *dir, int pos)
{
    FILE *f = open_wordnet(dir, "index.", pos, "");
    if (!f)
        return 0;
    char line[8192];
    size_t len;
    int any = 0;
    while (next_line(f, line, sizeof line, &len)) {
        if (line[0] == ' ')
            continue;
        char *sp = strchr(line, ' ');
        if (!sp)
            continue;
        size_t wl = (size_t)(sp - line);
        if (!plain_word(line, wl))
            continue;
        char *p2 = strchr(sp + 1, ' ');
        long senses = p2 ? strtol(p2 + 1, NULL, 10) : 1;
        entry *e = intern(b, line, wl);
        if (!e)
            continue;
        e->cls |= (uint16_t)(EVC_WL_NOUN << pos);
        e->senses[pos] = (uint16_t)(senses < 1 ? 1 : senses > 65535 ? 65535
                                                                     : senses);
        any = 1;
    }
    fclose(f);
    return any;
}

/* POS.exc: "inflected-form base-form...". */
static int read_exc(builder *b, const char *dir, int pos, uint16_t cls)
{
    FILE *f = open_wordnet(dir, "", pos, ".exc");
    if (!f)
        return 0;
    char line[1024];
    size_t len;
    int any = 0;
    while (next_line(f, line, sizeof line, &len)) {
        char *sp = strchr(line, ' ');
        size_t wl = sp ? (size_t)(sp - line) : len;
        if (!plain_word(line, wl))
            continue;
        entry *e = intern(b, line, wl);
        if (!e)
            continue;
        /* verb.exc lists irregular -ing forms too ("running run") */
        e->cls |= cls == EVC_WL_VED && wl > 4 && !memcmp(line + wl - 3, "ing", 3)
                      ? EVC_WL_VING : cls;
        any = 1;
    }
    fclose(f);
    return any;
}

/* 1 if w[0..n) minus a suffix of `cut` bytes plus `add` is a WordNet
 * lemma of part of speech pos (a bit of EVC_WL_NOUN..ADV). */
static int stem_is(const builder *b, const char *w, size_t n, size_t cut,
                   const char *add, uint16_t pos)
{
    char buf[64];
    size_t al = strlen(add);
    if (n <= cut || n - cut + al >= sizeof buf || n - cut < 2)
        return 0;
    memcpy(buf, w, n - cut);
    memcpy(buf + n - cut, add, al);
    const entry *e = find(b, evc_tag_lower_hash_n(buf, n - cut + al));
    return e && (e->cls & pos);
}

static int ends(const char *w, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && memcmp(w + n - k, suf, k) == 0;
}

/* A doubled final consonant before -ed/-ing ("stopped" -> "stop"). */
static int doubled(const char *w, size_t n, size_t cut)
{
    return n > cut + 2 && w[n - cut - 1] == w[n - cut - 2] &&
           !strchr("aeiou", w[n - cut - 1]);
}

/* The inflection classes of word w by morphy's detachment rules. */
static uint16_t morphy(const builder *b, const char *w, size_t n)
{
    uint16_t c = 0;
    const uint16_t N = EVC_WL_NOUN, V = EVC_WL_VERB, J = EVC_WL_ADJ;
    if ((ends(w, n, "s") && !ends(w, n, "ss") && stem_is(b, w, n, 1, "", N)) ||
        (ends(w, n, "ses") && stem_is(b, w, n, 3, "s", N)) ||
        (ends(w, n, "xes") && stem_is(b, w, n, 3, "x", N)) ||
        (ends(w, n, "zes") && stem_is(b, w, n, 3, "z", N)) ||
        (ends(w, n, "ches") && stem_is(b, w, n, 4, "ch", N)) ||
        (ends(w, n, "shes") && stem_is(b, w, n, 4, "sh", N)) ||
        (ends(w, n, "men") && stem_is(b, w, n, 3, "man", N)) ||
        (ends(w, n, "ies") && stem_is(b, w, n, 3, "y", N)))
        c |= EVC_WL_NPL;
    if ((ends(w, n, "s") && !ends(w, n, "ss") && stem_is(b, w, n, 1, "", V)) ||
        (ends(w, n, "ies") && stem_is(b, w, n, 3, "y", V)) ||
        (ends(w, n, "es") && (stem_is(b, w, n, 2, "e", V) ||
                              stem_is(b, w, n, 2, "", V))))
        c |= EVC_WL_VS;
    if (ends(w, n, "ed") &&
        (stem_is(b, w, n, 2, "e", V) || stem_is(b, w, n, 2, "", V) ||
         (ends(w, n, "ied") && stem_is(b, w, n, 3, "y", V)) ||
         (doubled(w, n, 2) && stem_is(b, w, n, 3, "", V))))
        c |= EVC_WL_VED;
    if (ends(w, n, "ing") &&
        (stem_is(b, w, n, 3, "e", V) || stem_is(b, w, n, 3, "", V) ||
         (doubled(w, n, 3) && stem_is(b, w, n, 4, "", V))))
        c |= EVC_WL_VING;
    if ((ends(w, n, "er") && (stem_is(b, w, n, 2, "", J) ||
                              stem_is(b, w, n, 1, "", J) ||
                              (ends(w, n, "ier") && stem_is(b, w, n, 3, "y", J)) ||
                              (doubled(w, n, 2) && stem_is(b, w, n, 3, "", J)))) ||
        (ends(w, n, "est") && (stem_is(b, w, n, 3, "", J) ||
                               stem_is(b, w, n, 2, "", J) ||
                               (ends(w, n, "iest") && stem_is(b, w, n, 4, "y", J)) ||
                               (doubled(w, n, 3) && stem_is(b, w, n, 4, "", J)))))
        c |= EVC_WL_ADJCMP;
    return c;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

evc_status evc_wordlex_build(const char *words, const char *wordnet,
                             evc_wordlex **out, evc_error *err)
{
    builder b;
    memset(&b, 0, sizeof b);
    evc_wordlex *l = NULL;
    uint64_t *kv = NULL;
    *out = NULL;
    int any = 0;
    if (wordnet && *wordnet) {
        for (int pos = 0; pos < 4; pos++)
            any |= read_index(&b, wordnet, pos);
        any |= read_exc(&b, wordnet, 0, EVC_WL_NPL);
        any |= read_exc(&b, wordnet, 1, EVC_WL_VED);
        any |= read_exc(&b, wordnet, 2, EVC_WL_ADJCMP);
    }
    any |= read_word_list(&b, words);
    if (b.oom)
        goto oom;
    if (!any || b.n == 0) {
        free(b.e);
        free(b.slot);
        free(b.text);
        return EVC_OK;
    }
    /* suffix rules and the dominant sense, then one 32-bit key per word
     * (on a clash of keys, the classes are merged) */
    kv = malloc(b.n * sizeof *kv);
    l = calloc(1, sizeof *l);
    if (!kv || !l)
        goto oom;
    for (size_t j = 0; j < b.n; j++) {
        entry *e = &b.e[j];
        const char *w = b.text + e->str;
        uint16_t c = e->cls | morphy(&b, w, strlen(w));
        int dom = 0;
        for (int p = 1; p < 4; p++)
            if (e->senses[p] > e->senses[dom])
                dom = p;
        c |= (uint16_t)(dom << EVC_WL_DOM_SHIFT);
        kv[j] = (uint64_t)key32(e->h) << 32 | c;
    }
    qsort(kv, b.n, sizeof *kv, cmp_u64);
    uint32_t *keys = malloc((b.n ? b.n : 1) * sizeof *keys);
    uint16_t *vals = malloc((b.n ? b.n : 1) * sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        goto oom;
    }
    uint32_t nk = 0;
    for (size_t j = 0; j < b.n; j++) {
        uint32_t k = (uint32_t)(kv[j] >> 32);
        uint16_t v = (uint16_t)kv[j];
        if (nk && keys[nk - 1] == k) {
            vals[nk - 1] |= v;
            continue;
        }
        keys[nk] = k;
        vals[nk++] = v;
    }
    if (evc_kv16_init(&l->t, keys, vals, nk))
        goto oom;
    free(kv);
    free(b.e);
    free(b.slot);
    free(b.text);
    *out = l;
    return EVC_OK;
oom:
    free(kv);
    free(b.e);
    free(b.slot);
    free(b.text);
    evc_wordlex_free(l);
    return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0,
                         "word lexicon: out of memory");
}

/* ---------------------------------------------------------------- file */

void evc_wordlex_save(const evc_wordlex *l, evc_bw *w)
{
    evc_bw_u32(w, l ? l->t.n : 0);
    if (l)
        evc_kv16_save(&l->t, w);
}

int evc_wordlex_load(evc_br *r, evc_wordlex **out)
{
    *out = NULL;
    uint32_t n = evc_br_u32(r);
    if (r->err)
        return -1;
    if (n == 0)
        return 0;
    evc_wordlex *l = calloc(1, sizeof *l);
    if (!l) {
        evc_br_fail(r, "out of memory");
        return -1;
    }
    if (evc_kv16_load(&l->t, r, n, 0x10000,
                      "bad word lexicon (size, or keys not increasing)")) {
        free(l);
        return -1;
    }
    *out = l;
    return 0;
}
