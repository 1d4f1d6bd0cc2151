/* wclass.c: word classes by the exchange algorithm (see wclass.h).
 *
 * The likelihood of the text under the class bigram model is, up to terms
 * that do not depend on the classes,
 *     sum_{c,d} F(N(c,d)) - sum_c F(Nl(c)) - sum_d F(Nr(d)),  F(x) = x log x,
 * with N(c,d) the count of class bigrams and Nl, Nr its row and column sums.
 * A pass takes each word in turn (most frequent first), takes it out of its
 * class and puts it into the class where this sum grows most, which only
 * touches the row and column of the two classes: the cost of trying a class
 * is the number of distinct neighbour classes of the word. Counts are
 * integers and the passes run in a fixed order, so the result depends only
 * on the text. */
#include "nlp/wclass.h"
#include "util/kv16.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define BOUNDARY 0xffffffffu /* the sentence boundary in the token stream */
#define FTAB 65536           /* F(x) from a table below this */

uint32_t evc_word_hash(const char *form, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        unsigned char x = (unsigned char)form[i];
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x - 'A' + 'a');
        else if (x >= '0' && x <= '9')
            x = '9';
        h = (h ^ x) * 0x100000001b3ULL;
    }
    return (uint32_t)(h ^ (h >> 32)) & 0x7fffffffu;
}

/* ------------------------------------------------------------ builder */

struct evc_wclass_builder {
    uint32_t *tok; /* keys, BOUNDARY between sentences */
    size_t n, cap;
    int oom;
};

evc_wclass_builder *evc_wclass_builder_new(void)
{
    return calloc(1, sizeof(evc_wclass_builder));
}

void evc_wclass_builder_free(evc_wclass_builder *b)
{
    if (!b)
        return;
    free(b->tok);
    free(b);
}

static int push(evc_wclass_builder *b, uint32_t k)
{
    if (b->n == b->cap) {
        size_t nc = b->cap ? 2 * b->cap : 1 << 16;
        uint32_t *v = realloc(b->tok, nc * sizeof *v);
        if (!v) {
            b->oom = 1;
            return -1;
        }
        b->tok = v;
        b->cap = nc;
    }
    b->tok[b->n++] = k;
    return 0;
}

void evc_wclass_builder_add(evc_wclass_builder *b, const char *form,
                            size_t len)
{
    if (!b || b->oom)
        return;
    if (b->n == 0 && push(b, BOUNDARY))
        return;
    push(b, evc_wclass_key(form, len));
}

void evc_wclass_builder_end(evc_wclass_builder *b)
{
    if (b && !b->oom && b->n && b->tok[b->n - 1] != BOUNDARY)
        push(b, BOUNDARY);
}

/* ------------------------------------------------------------ table */

struct evc_wclass {
    uint32_t k;  /* classes */
    evc_kv16 t;  /* key -> class */
};

uint32_t evc_wclass_get(const evc_wclass *c, uint32_t key)
{
    if (!c)
        return 0;
    /* classes are stored + 1, so that 0 is "none" */
    return evc_kv16_get(&c->t, key);
}

size_t evc_wclass_size(const evc_wclass *c) { return c ? c->t.n : 0; }
int evc_wclass_classes(const evc_wclass *c) { return c ? (int)c->k : 0; }

/* A table of k classes that takes keys[0..n) and vals[0..n) (classes + 1,
 * malloc'd; freed here on failure). */
static evc_wclass *table(uint32_t k, uint32_t *keys, uint16_t *vals,
                         uint32_t n)
{
    evc_wclass *c = keys && vals ? calloc(1, sizeof *c) : NULL;
    if (!c) {
        free(keys);
        free(vals);
        return NULL;
    }
    c->k = k;
    if (evc_kv16_init(&c->t, keys, vals, n)) {
        evc_wclass_free(c);
        return NULL;
    }
    return c;
}

evc_wclass *evc_wclass_copy(const evc_wclass *c)
{
    if (!c)
        return NULL;
    uint32_t n = c->t.n;
    uint32_t *keys = malloc((n ? n : 1) * sizeof *keys);
    uint16_t *vals = malloc((n ? n : 1) * sizeof *vals);
    if (keys && vals && n) {
        memcpy(keys, c->t.keys, n * sizeof *keys);
        memcpy(vals, c->t.vals, n * sizeof *vals);
    }
    return table(c->k, keys, vals, n);
}

void evc_wclass_free(evc_wclass *c)
{
    if (!c)
        return;
    evc_kv16_free(&c->t);
    free(c);
}

void evc_wclass_save(const evc_wclass *c, evc_bw *w)
{
    evc_bw_u32(w, c ? c->t.n : 0);
    if (!c)
        return;
    evc_bw_u32(w, c->k);
    evc_kv16_save(&c->t, w);
}

int evc_wclass_load(evc_br *r, evc_wclass **out)
{
    *out = NULL;
    uint32_t n = evc_br_u32(r);
    if (r->err)
        return -1;
    if (n == 0)
        return 0;
    uint32_t k = evc_br_u32(r);
    if (r->err)
        return -1;
    if (k < 2 || k > 4096) {
        evc_br_fail(r, "bad word class table (class count)");
        return -1;
    }
    evc_wclass *c = calloc(1, sizeof *c);
    if (!c) {
        evc_br_fail(r, "out of memory");
        return -1;
    }
    c->k = k;
    /* values are classes + 1: 1..k */
    if (evc_kv16_load(&c->t, r, n, k + 1,
                      "bad word class table (size, keys not increasing, or "
                      "a class out of range)")) {
        free(c);
        return -1;
    }
    for (uint32_t i = 0; i < n; i++)
        if (c->t.vals[i] == 0) {
            evc_br_fail(r, "bad word class table (class 0)");
            evc_wclass_free(c);
            return -1;
        }
    *out = c;
    return 0;
}

/* ------------------------------------------------------------ clustering */

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

typedef struct vocab_entry {
    uint32_t key, count;
} vocab_entry;

static int cmp_freq(const void *a, const void *b)
{
    const vocab_entry *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->key < y->key ? -1 : x->key > y->key;
}

static inline double Fx(const double *ftab, int64_t x)
{
    return x < FTAB ? ftab[x] : (double)x * log((double)x);
}
#define F(x) Fx(ftab, (x))

/* Neighbours of each word: for word w, the pairs (other word, count) in
 * [start[w], start[w+1]). */
typedef struct adj {
    uint32_t *start;
    uint32_t *other;
    uint32_t *count;
} adj;

/* Builds adjacency from sorted (a << 32 | b) pairs: row a, column b. */
static int adj_build(adj *g, const uint64_t *pairs, size_t np, uint32_t nw)
{
    size_t nu = 0;
    for (size_t i = 0; i < np; i++)
        nu += (i == 0 || pairs[i] != pairs[i - 1]);
    g->start = calloc((size_t)nw + 1, sizeof *g->start);
    g->other = malloc((nu ? nu : 1) * sizeof *g->other);
    g->count = malloc((nu ? nu : 1) * sizeof *g->count);
    if (!g->start || !g->other || !g->count)
        return -1;
    size_t u = 0;
    for (size_t i = 0; i < np;) {
        size_t j = i;
        while (j < np && pairs[j] == pairs[i])
            j++;
        uint32_t a = (uint32_t)(pairs[i] >> 32);
        g->start[a + 1]++;
        g->other[u] = (uint32_t)pairs[i];
        g->count[u] = (uint32_t)(j - i);
        u++;
        i = j;
    }
    for (uint32_t w = 0; w < nw; w++)
        g->start[w + 1] += g->start[w];
    return 0;
}

static void adj_free(adj *g)
{
    free(g->start);
    free(g->other);
    free(g->count);
}

evc_status evc_wclass_build(evc_wclass_builder *b, int k, int min_count,
                            int iters, FILE *verbose, evc_wclass **out,
                            evc_error *err)
{
    *out = NULL;
    if (!b || k < 2 || k > 4096 || min_count < 1 || iters < 0)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "evc_wclass_build: bad argument");
    if (b->oom)
        return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
    evc_status st = EVC_ERR_NOMEM;
    uint32_t *sorted = NULL, *id = NULL, *cls = NULL, *touch = NULL;
    vocab_entry *voc = NULL;
    uint64_t *pairs = NULL;
    int64_t *N = NULL, *Nl = NULL, *Nr = NULL, *Lw = NULL, *Rw = NULL;
    adj right = {0}, left = {0};
    evc_wclass *c = NULL;
    double *ftab = NULL;
    size_t n = b->n;

    if (!(ftab = malloc(FTAB * sizeof *ftab)))
        goto fail;
    ftab[0] = 0;
    for (int x = 1; x < FTAB; x++)
        ftab[x] = (double)x * log((double)x);

    /* the vocabulary: distinct keys by count, then key */
    if (!(sorted = malloc((n ? n : 1) * sizeof *sorted)))
        goto fail;
    if (n)
        memcpy(sorted, b->tok, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, cmp_u32);
    size_t nd = 0;
    for (size_t i = 0; i < n; i++)
        nd += (i == 0 || sorted[i] != sorted[i - 1]);
    if (!(voc = malloc((nd ? nd : 1) * sizeof *voc)))
        goto fail;
    nd = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && sorted[j] == sorted[i])
            j++;
        voc[nd].key = sorted[i];
        voc[nd].count = (uint32_t)(j - i);
        nd++;
        i = j;
    }
    free(sorted);
    sorted = NULL;
    qsort(voc, nd, sizeof *voc, cmp_freq);
    /* words 0..V-1 are the frequent ones (not the boundary); V stands for
     * every rarer word, V + 1 for the boundary */
    uint32_t V = 0;
    for (size_t i = 0; i < nd; i++)
        if (voc[i].count >= (uint32_t)min_count && voc[i].key != BOUNDARY)
            voc[V++] = voc[i];
    uint32_t W = V + 2, RARE = V, BND = V + 1;
    /* key -> word by binary search over the frequent keys sorted by key */
    vocab_entry *byk = malloc((V ? V : 1) * sizeof *byk);
    if (!byk)
        goto fail;
    for (uint32_t i = 0; i < V; i++) {
        byk[i].key = voc[i].key;
        byk[i].count = i; /* the word's number */
    }
    qsort(byk, V, sizeof *byk, cmp_u32);
    if (!(id = malloc((n ? n : 1) * sizeof *id))) {
        free(byk);
        goto fail;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t key = b->tok[i];
        if (key == BOUNDARY) {
            id[i] = BND;
            continue;
        }
        size_t lo = 0, hi = V;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (byk[mid].key < key)
                lo = mid + 1;
            else
                hi = mid;
        }
        id[i] = lo < V && byk[lo].key == key ? byk[lo].count : RARE;
    }
    free(byk);

    /* bigrams, as right neighbours and as left neighbours */
    size_t np = n ? n - 1 : 0;
    if (!(pairs = malloc((np ? np : 1) * sizeof *pairs)))
        goto fail;
    for (size_t i = 0; i < np; i++)
        pairs[i] = (uint64_t)id[i] << 32 | id[i + 1];
    qsort(pairs, np, sizeof *pairs, cmp_u64);
    if (adj_build(&right, pairs, np, W))
        goto fail;
    for (size_t i = 0; i < np; i++)
        pairs[i] = (uint64_t)id[i + 1] << 32 | id[i];
    qsort(pairs, np, sizeof *pairs, cmp_u64);
    if (adj_build(&left, pairs, np, W))
        goto fail;
    free(pairs);
    pairs = NULL;
    free(id);
    id = NULL;

    /* start: word i in class i mod k */
    size_t kk = (size_t)k;
    cls = malloc((size_t)W * sizeof *cls);
    N = calloc(kk * kk, sizeof *N);
    Nl = calloc(kk, sizeof *Nl);
    Nr = calloc(kk, sizeof *Nr);
    Lw = calloc(kk, sizeof *Lw);
    Rw = calloc(kk, sizeof *Rw);
    touch = malloc(2 * kk * sizeof *touch);
    if (!cls || !N || !Nl || !Nr || !Lw || !Rw || !touch)
        goto fail;
    for (uint32_t w = 0; w < W; w++)
        cls[w] = w % (uint32_t)k;
    for (uint32_t w = 0; w < W; w++)
        for (uint32_t e = right.start[w]; e < right.start[w + 1]; e++) {
            uint32_t a = cls[w], d = cls[right.other[e]];
            N[a * kk + d] += right.count[e];
            Nl[a] += right.count[e];
            Nr[d] += right.count[e];
        }

    for (int it = 0; it < iters; it++) {
        long moves = 0;
        for (uint32_t w = 0; w < W; w++) {
            uint32_t a = cls[w];
            int64_t self = 0, tl = 0, tr = 0;
            uint32_t *tL = touch, *tR = touch + kk;
            int nL = 0, nR = 0;
            for (uint32_t e = left.start[w]; e < left.start[w + 1]; e++) {
                uint32_t v = left.other[e];
                if (v == w) {
                    self = left.count[e];
                    continue;
                }
                uint32_t c2 = cls[v];
                if (!Lw[c2])
                    tL[nL++] = c2;
                Lw[c2] += left.count[e];
                tr += left.count[e];
            }
            for (uint32_t e = right.start[w]; e < right.start[w + 1]; e++) {
                uint32_t x = right.other[e];
                if (x == w)
                    continue;
                uint32_t d = cls[x];
                if (!Rw[d])
                    tR[nR++] = d;
                Rw[d] += right.count[e];
                tl += right.count[e];
            }
            tl += self;
            tr += self;
            /* take w out of a */
            for (int i = 0; i < nL; i++)
                N[tL[i] * kk + a] -= Lw[tL[i]];
            for (int i = 0; i < nR; i++)
                N[a * kk + tR[i]] -= Rw[tR[i]];
            N[a * kk + a] -= self;
            Nl[a] -= tl;
            Nr[a] -= tr;
            /* the class where it adds most */
            uint32_t best = a;
            double bestgain = -INFINITY;
            for (uint32_t j = 0; j < (uint32_t)k; j++) {
                uint32_t bc = (a + j) % (uint32_t)k; /* a first */
                double g = 0;
                for (int i = 0; i < nL; i++) {
                    uint32_t c2 = tL[i];
                    if (c2 == bc)
                        continue;
                    int64_t x = N[c2 * kk + bc];
                    g += F(x + Lw[c2]) - F(x);
                }
                const int64_t *row = N + bc * kk;
                for (int i = 0; i < nR; i++) {
                    uint32_t d = tR[i];
                    if (d == bc)
                        continue;
                    g += F(row[d] + Rw[d]) - F(row[d]);
                }
                int64_t xb = row[bc];
                g += F(xb + Lw[bc] + Rw[bc] + self) - F(xb);
                g -= F(Nl[bc] + tl) - F(Nl[bc]) + F(Nr[bc] + tr) - F(Nr[bc]);
                /* another class only when strictly better */
                if (j == 0 || g > bestgain + 1e-9) {
                    bestgain = g;
                    best = bc;
                }
            }
            /* put it into best */
            for (int i = 0; i < nL; i++)
                N[tL[i] * kk + best] += Lw[tL[i]];
            for (int i = 0; i < nR; i++)
                N[best * kk + tR[i]] += Rw[tR[i]];
            N[best * kk + best] += self;
            Nl[best] += tl;
            Nr[best] += tr;
            cls[w] = best;
            moves += best != a;
            for (int i = 0; i < nL; i++)
                Lw[tL[i]] = 0;
            for (int i = 0; i < nR; i++)
                Rw[tR[i]] = 0;
        }
        if (verbose) {
            double ll = 0;
            for (size_t i = 0; i < kk * kk; i++)
                ll += F(N[i]);
            for (size_t i = 0; i < kk; i++)
                ll -= F(Nl[i]) + F(Nr[i]);
            fprintf(verbose, "word classes pass %d: %ld words moved, objective %.6g\n",
                    it + 1, moves, ll);
        }
        if (!moves)
            break;
    }

    /* the table: frequent words by key, classes + 1 */
    {
        vocab_entry *kv = malloc((V ? V : 1) * sizeof *kv);
        uint32_t *keys = malloc((V ? V : 1) * sizeof *keys);
        uint16_t *vals = malloc((V ? V : 1) * sizeof *vals);
        int ok = kv && keys && vals;
        if (ok) {
            for (uint32_t i = 0; i < V; i++) {
                kv[i].key = voc[i].key;
                kv[i].count = cls[i] + 1;
            }
            qsort(kv, V, sizeof *kv, cmp_u32);
            for (uint32_t i = 0; i < V; i++) {
                keys[i] = kv[i].key;
                vals[i] = (uint16_t)kv[i].count;
            }
        }
        free(kv);
        if (ok) {
            c = table((uint32_t)k, keys, vals, V); /* takes keys, vals */
        } else {
            free(keys);
            free(vals);
        }
        if (!c)
            goto fail;
    }
    *out = c;
    c = NULL;
    st = EVC_OK;
    goto out;
fail:
    st = evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
out:
    evc_wclass_free(c);
    free(sorted);
    free(id);
    free(voc);
    free(pairs);
    free(cls);
    free(touch);
    free(N);
    free(Nl);
    free(Nr);
    free(Lw);
    free(Rw);
    free(ftab);
    adj_free(&right);
    adj_free(&left);
    return st;
}
