/* weights.c: the parser's perceptron weights. Training keeps a sparse row
 * of integer (action, weight, running sum) per feature hash, for averaging
 * (Daume 2006); parsing uses a compact table: buckets of 16-bit
 * fingerprints, int16 rows (sparse or dense), pruned smallest-first to a
 * byte budget. */
#include "parse/parse_internal.h"
#include "util/bigmem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)0)
#endif

/* ---------------------------------------------------------------- training */

int tw_init(tw_table *t)
{
    memset(t, 0, sizeof *t);
    t->cap = (size_t)1 << 16;
    t->slot = calloc(t->cap, sizeof *t->slot);
    t->pool_cap = (size_t)1 << 18;
    t->pool = malloc(t->pool_cap * sizeof *t->pool);
    t->clock = 1;
    if (!t->slot || !t->pool) {
        tw_free(t);
        return -1;
    }
    return 0;
}

void tw_free(tw_table *t)
{
    free(t->slot);
    free(t->pool);
    memset(t, 0, sizeof *t);
}

static tw_slot *tw_find(const tw_table *t, uint64_t key)
{
    size_t mask = t->cap - 1, i = (size_t)key & mask;
    for (;;) {
        tw_slot *s = &t->slot[i];
        if (s->key == key)
            return s;
        if (!s->key)
            return NULL;
        i = (i + 1) & mask;
    }
}

static int tw_grow(tw_table *t)
{
    size_t cap = t->cap * 2, mask = cap - 1;
    tw_slot *ns = calloc(cap, sizeof *ns);
    if (!ns)
        return -1;
    for (size_t j = 0; j < t->cap; j++) {
        if (!t->slot[j].key)
            continue;
        size_t i = (size_t)t->slot[j].key & mask;
        while (ns[i].key)
            i = (i + 1) & mask;
        ns[i] = t->slot[j];
    }
    free(t->slot);
    t->slot = ns;
    t->cap = cap;
    return 0;
}

static tw_slot *tw_insert(tw_table *t, uint64_t key)
{
    tw_slot *s = tw_find(t, key);
    if (s)
        return s;
    if ((t->used + 1) * 2 > t->cap && tw_grow(t))
        return NULL;
    size_t mask = t->cap - 1, i = (size_t)key & mask;
    while (t->slot[i].key)
        i = (i + 1) & mask;
    s = &t->slot[i];
    s->key = key;
    s->off = 0;
    s->n = 0;
    t->used++;
    return s;
}

/* Room for the row's next entry: rows live in power-of-two blocks of the
 * pool, moved to a doubled block at its end when full. */
static int tw_row_room(tw_table *t, tw_slot *s)
{
    size_t n = s->n;
    if (n && (n & (n - 1)))
        return 0; /* not a power of two: the block has room */
    size_t need = n ? 2 * n : 1;
    if (t->pool_used + need > t->pool_cap) {
        size_t cap = t->pool_cap * 2;
        while (cap < t->pool_used + need)
            cap *= 2;
        if (cap > UINT32_MAX)
            return -1;
        tw_entry *np = realloc(t->pool, cap * sizeof *np);
        if (!np)
            return -1;
        t->pool = np;
        t->pool_cap = cap;
    }
    if (n)
        memcpy(t->pool + t->pool_used, t->pool + s->off, n * sizeof *t->pool);
    s->off = (uint32_t)t->pool_used;
    t->pool_used += need;
    return 0;
}

void tw_score(const tw_table *t, const uint64_t *f, int nf, int32_t *scores)
{
    size_t mask = t->cap - 1;
    for (int i = 0; i < nf; i++)
        PREFETCH(&t->slot[(size_t)f[i] & mask]);
    for (int i = 0; i < nf; i++) {
        const tw_slot *s = tw_find(t, f[i]);
        if (!s)
            continue;
        const tw_entry *e = t->pool + s->off;
        for (unsigned j = 0; j < s->n; j++)
            scores[e[j].act] += e[j].w;
    }
}

int tw_update(tw_table *t, const uint64_t *f, int nf, int act, int delta)
{
    for (int i = 0; i < nf; i++) {
        tw_slot *s = tw_insert(t, f[i]);
        if (!s)
            return -1;
        tw_entry *e = t->pool + s->off;
        unsigned j = 0;
        while (j < s->n && e[j].act != (uint32_t)act)
            j++;
        if (j == s->n) {
            if (tw_row_room(t, s))
                return -1;
            e = t->pool + s->off;
            e[j].act = (uint32_t)act;
            e[j].w = 0;
            e[j].u = 0;
            s->n++;
        }
        e[j].w += delta;
        e[j].u += t->clock * delta;
    }
    return 0;
}

int tw_add_averaged(tw_table *dst, const tw_table *src, double mult)
{
    double clock = (double)src->clock;
    int64_t saved = dst->clock;
    dst->clock = 0; /* u stays 0: dst's averaged weights are its w */
    for (size_t j = 0; j < src->cap; j++) {
        const tw_slot *s = &src->slot[j];
        for (unsigned e = 0; s->key && e < s->n; e++) {
            const tw_entry *x = &src->pool[s->off + e];
            long v = lrint(((double)x->w - (double)x->u / clock) * mult);
            if (v > INT32_MAX / 4)
                v = INT32_MAX / 4;
            else if (v < -INT32_MAX / 4)
                v = -INT32_MAX / 4;
            if (v && tw_update(dst, &s->key, 1, (int)x->act, (int)v)) {
                dst->clock = saved;
                return -1;
            }
        }
    }
    dst->clock = saved;
    return 0;
}

/* ---------------------------------------------------------------- compact */

/* Layout: rows sorted by bucket (the hash's low 32 bits scaled to the
 * bucket count), then by hash. A bucket records its first row number and
 * the byte offset of its region in data. In the file a region is the
 * 16-bit fingerprints (the hash's top bits) of its k rows, then the rows.
 * Rows start at even offsets: sparse [n][n actions][n int16 LE][pad],
 * dense [255][0][npad int16 LE]. About 4 bytes of directory per row.
 *
 * In memory each region also has, after the fingerprints, the offset of
 * each row from the region's start (u16, in 2-byte units), and weights are
 * in host order. So a lookup reads its bucket, then one region that holds
 * the fingerprints, the offsets and, mostly, the row too: two cache misses,
 * and no walk over the rows before its own (the walk was a chain of
 * dependent loads and a branch that the CPU could not predict). A region's
 * memory offset is its file offset plus 2 bytes per row of the regions
 * before it: off = file off + 2 * start. */

#define QMAX 32767
#define DENSE_TAG 255
#define ROWS_PER_BUCKET 4

static inline uint16_t fp_of(uint64_t key) { return (uint16_t)(key >> 48); }

/* Zero bytes after the data, so that fp_find may read 16 bytes from the
 * last fingerprint of the last bucket. */
#define CW_TAIL 16

/* The index of fingerprint fp among the k (little-endian) fingerprints at
 * d, or k. Four at a time, as 16-bit lanes of a 64-bit word: the lowest
 * lane that equals fp is the lowest whose XOR with fp is zero (the
 * has-zero test of Mycroft: a borrow can only mark lanes above a true zero
 * lane). Lanes past k read the row offsets that follow, or the tail. */
static inline uint32_t fp_find(const uint8_t *d, uint32_t k, uint16_t fp)
{
#if defined(__SSE2__)
    /* eight at a time: lanes past k read the offsets that follow */
    const __m128i pat = _mm_set1_epi16((short)fp);
    for (uint32_t h = 0; h < k; h += 8) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(d + 2 * (size_t)h));
        unsigned z = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi16(x, pat));
        if (z) {
            uint32_t i = h + ((uint32_t)__builtin_ctz(z) >> 1);
            return i < k ? i : k;
        }
    }
    return k;
#elif defined(__GNUC__) && defined(__BYTE_ORDER__) &&                         \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0001000100010001ULL;
    const uint64_t pat = ones * fp;
    for (uint32_t h = 0; h < k; h += 4) {
        uint64_t x;
        memcpy(&x, d + 2 * (size_t)h, 8);
        x ^= pat;
        uint64_t z = (x - ones) & ~x & 0x8000800080008000ULL;
        if (z) {
            uint32_t i = h + (uint32_t)(__builtin_ctzll(z) >> 4);
            return i < k ? i : k;
        }
    }
    return k;
#else
    uint32_t h = 0;
    while (h < k && (uint16_t)(d[2 * h] | d[2 * h + 1] << 8) != fp)
        h++;
    return h;
#endif
}

static size_t buckets_for(size_t rows)
{
    size_t n = rows / ROWS_PER_BUCKET;
    return n < 64 ? 64 : n;
}

/* The bucket of a hash: its low 32 bits scaled to [0, nb) (Lemire's
 * multiply-shift), so nb need not be a power of two. */
static inline uint32_t bucket_of(uint64_t key, uint32_t nb)
{
    return (uint32_t)(((uint64_t)(uint32_t)key * nb) >> 32);
}

int cw_pad(int nact) { return (nact + 15) & ~15; }

static inline size_t sparse_bytes(size_t k) { return (2 + 3 * k) & ~(size_t)1; }
static inline size_t dense_bytes(int npad) { return 2 + 2 * (size_t)npad; }

static inline size_t row_size(const uint8_t *r, int npad)
{
    return r[0] == DENSE_TAG ? dense_bytes(npad) : sparse_bytes(r[0]);
}

static int host_is_le(void)
{
    const uint16_t one = 1;
    return *(const uint8_t *)&one == 1;
}

/* Weights are little-endian in the file, host order in memory. */
static inline void put_le16(uint8_t *d, int16_t v)
{
    d[0] = (uint8_t)((uint16_t)v & 0xff);
    d[1] = (uint8_t)((uint16_t)v >> 8);
}

static inline int16_t get_le16(const uint8_t *s)
{
    return (int16_t)(uint16_t)(s[0] | s[1] << 8);
}

static int cmp_desc(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x < y) - (x > y);
}

/* The smallest threshold on |q| that makes the model fit max_bytes. A row
 * whose weights, largest first, are q(1) >= q(2) >= ... grows by delta(i)
 * bytes when q(i) is kept (its fingerprint comes with the first; the jump
 * to a dense row at the dense_min-th), so one pass puts each delta at its
 * |q| in a histogram, and suffix sums give the size at every threshold.
 * q holds the quantized averaged weights in the training pool's layout. */
static int fit_threshold(const tw_table *t, const int16_t *q, int npad,
                         int dense_min, size_t max_bytes)
{
    double *bytes = calloc(QMAX + 2, sizeof *bytes);
    size_t *rows = calloc(QMAX + 2, sizeof *rows);
    int thr = QMAX + 1;
    if (!bytes || !rows)
        goto out;
    int mag[PS_MAX_ACTIONS];
    for (size_t j = 0; j < t->cap; j++) {
        const tw_slot *s = &t->slot[j];
        if (!s->key)
            continue;
        int n = 0;
        for (unsigned e = 0; e < s->n && n < PS_MAX_ACTIONS; e++)
            if (q[s->off + e])
                mag[n++] = abs(q[s->off + e]);
        if (!n)
            continue;
        qsort(mag, (size_t)n, sizeof *mag, cmp_desc);
        rows[mag[0]]++;
        for (int i = 1; i <= n; i++) {
            double d;
            if (i < dense_min)
                d = (double)sparse_bytes((size_t)i) - (i > 1 ? (double)sparse_bytes((size_t)i - 1) : -2.0);
            else if (i == dense_min)
                d = (double)dense_bytes(npad) - (double)sparse_bytes((size_t)i - 1);
            else
                d = 0;
            bytes[mag[i - 1]] += d;
        }
    }
    double b = 0;
    size_t r = 0;
    for (int x = QMAX; x >= 1; x--) {
        b += bytes[x];
        r += rows[x];
        if (b + (double)((buckets_for(r) + 1) * sizeof(cw_bucket)) > (double)max_bytes)
            break;
        thr = x;
    }
out:
    free(bytes);
    free(rows);
    return thr;
}

typedef struct kept_row {
    uint64_t key;
    uint32_t slot; /* in the training table */
    uint32_t bucket;
} kept_row;

static int cmp_kept(const void *a, const void *b)
{
    const kept_row *x = a, *y = b;
    if (x->bucket != y->bucket)
        return x->bucket < y->bucket ? -1 : 1;
    return (x->key > y->key) - (x->key < y->key);
}

int cw_build(cw_model *m, const tw_table *t, int nact, size_t max_bytes,
             int dense_min)
{
    memset(m, 0, sizeof *m);
    m->npad = cw_pad(nact);
    if (dense_min < 1)
        dense_min = 1;
    double clock = (double)t->clock, maxabs = 0;
    /* averaged weights, avg = w - u / clock, of the live entries only: the
     * pool also holds blocks that rows outgrew, and unused room */
    for (size_t j = 0; j < t->cap; j++) {
        const tw_slot *s = &t->slot[j];
        for (unsigned e = 0; s->key && e < s->n; e++) {
            const tw_entry *x = &t->pool[s->off + e];
            double a = fabs((double)x->w - (double)x->u / clock);
            if (a > maxabs)
                maxabs = a;
        }
    }
    m->scale = maxabs > 0 ? (float)(QMAX / maxabs) : 1.0f;
    int16_t *q = calloc(t->pool_used ? t->pool_used : 1, sizeof *q);
    kept_row *kept = NULL;
    uint8_t *file = NULL;
    if (!q)
        return -1;
    for (size_t j = 0; j < t->cap; j++) {
        const tw_slot *s = &t->slot[j];
        for (unsigned e = 0; s->key && e < s->n; e++) {
            const tw_entry *x = &t->pool[s->off + e];
            double v = ((double)x->w - (double)x->u / clock) * (double)m->scale;
            long r = lrint(v);
            q[s->off + e] = (int16_t)(r > QMAX ? QMAX : r < -QMAX ? -QMAX : r);
        }
    }
    int thr = fit_threshold(t, q, m->npad, dense_min, max_bytes);

    /* the rows that keep a weight, in bucket order */
    size_t nkept = 0, data_len = 0;
    for (size_t j = 0; j < t->cap; j++) {
        const tw_slot *s = &t->slot[j];
        size_t k = 0;
        for (unsigned e = 0; s->key && e < s->n; e++)
            k += abs(q[s->off + e]) >= thr;
        if (k) {
            nkept++;
            data_len += 2 + ((int)k >= dense_min ? dense_bytes(m->npad) : sparse_bytes(k));
        }
    }
    size_t nb = buckets_for(nkept);
    m->nb = (uint32_t)nb;
    kept = malloc((nkept ? nkept : 1) * sizeof *kept);
    m->bucket = evc_big_alloc((nb + 1) * sizeof *m->bucket, 1);
    /* the rows in the file's layout, laid out for lookups at the end */
    file = calloc(data_len + 1, 1);
    if (!kept || !m->bucket || !file)
        goto fail;
    nkept = 0;
    for (size_t j = 0; j < t->cap; j++) {
        const tw_slot *s = &t->slot[j];
        int any = 0;
        for (unsigned e = 0; s->key && e < s->n; e++)
            any |= abs(q[s->off + e]) >= thr;
        if (!any)
            continue;
        kept[nkept].key = s->key;
        kept[nkept].slot = (uint32_t)j;
        kept[nkept].bucket = bucket_of(s->key, m->nb);
        nkept++;
    }
    qsort(kept, nkept, sizeof *kept, cmp_kept);

    size_t at = 0, b = 0;
    for (size_t r = 0; r < nkept; r++) {
        const tw_slot *s = &t->slot[kept[r].slot];
        if (b <= kept[r].bucket) {
            while (b <= kept[r].bucket) { /* empty buckets start here too */
                m->bucket[b].start = (uint32_t)r;
                m->bucket[b].off = (uint32_t)at;
                b++;
            }
            /* the bucket's region opens with its rows' fingerprints */
            size_t k = r;
            while (k < nkept && kept[k].bucket == kept[r].bucket) {
                uint16_t fp = fp_of(kept[k].key);
                file[at++] = (uint8_t)(fp & 0xff);
                file[at++] = (uint8_t)(fp >> 8);
                k++;
            }
        }
        /* weights in action order, whatever order training met them in */
        uint8_t acts[PS_MAX_ACTIONS];
        int16_t ws[PS_MAX_ACTIONS];
        int n = 0;
        for (int a = 0; a < nact; a++)
            for (unsigned e = 0; e < s->n; e++)
                if (t->pool[s->off + e].act == (uint32_t)a &&
                    abs(q[s->off + e]) >= thr) {
                    acts[n] = (uint8_t)a;
                    ws[n++] = q[s->off + e];
                }
        uint8_t *row = file + at;
        if (n >= dense_min) {
            row[0] = DENSE_TAG;
            /* the file's layout: little-endian, as cw_validate reads it */
            for (int k = 0; k < n; k++)
                put_le16(row + 2 + 2 * (size_t)acts[k], ws[k]);
            at += dense_bytes(m->npad);
            m->ndense++;
        } else {
            row[0] = (uint8_t)n;
            memcpy(row + 1, acts, (size_t)n);
            for (int k = 0; k < n; k++) {
                uint16_t u = (uint16_t)ws[k];
                row[1 + n + 2 * k] = (uint8_t)(u & 0xff);
                row[2 + n + 2 * k] = (uint8_t)(u >> 8);
            }
            at += sparse_bytes((size_t)n);
        }
        m->entries += (size_t)n;
    }
    for (; b <= nb; b++) {
        m->bucket[b].start = (uint32_t)nkept;
        m->bucket[b].off = (uint32_t)at;
    }
    m->rows = nkept;
    m->data_len = at;
    m->file = file;
    int bad = cw_validate(m, nact);
    free(file);
    free(kept);
    free(q);
    if (bad)
        cw_free(m);
    return bad ? -1 : 0;
fail:
    free(file);
    free(kept);
    free(q);
    cw_free(m);
    return -1;
}

void cw_free(cw_model *m)
{
    free(m->bucket);
    free(m->data);
    memset(m, 0, sizeof *m);
}

size_t cw_bytes(const cw_model *m)
{
    if (!m->bucket)
        return 0;
    return ((size_t)m->nb + 1) * sizeof(cw_bucket) + m->data_len;
}

/* Adds the sparse row r's weights (host order in memory) to scores. */
static inline void add_sparse(int32_t *scores, const uint8_t *r)
{
    int n = r[0];
    const uint8_t *act = r + 1, *w = r + 1 + n;
    for (int k = 0; k < n; k++) {
        int16_t v;
        memcpy(&v, w + 2 * k, 2);
        scores[act[k]] += v;
    }
}

/* scores[0..npad) += the sum of the nr dense rows. The sum runs 16 lanes
 * at a time over all the rows, so the 16 running sums stay in vector
 * registers and each row costs a widening load and an add per 16 weights
 * instead of loading and storing the scores again for every row. */
static inline void add_dense_rows(int32_t *restrict sc,
                                  const int16_t *const *rows, int nr, int npad)
{
    for (int k = 0; k < npad; k += 16) {
        int32_t acc[16];
        for (int j = 0; j < 16; j++)
            acc[j] = sc[k + j];
        for (int r = 0; r < nr; r++) {
            const int16_t *w = rows[r] + k;
            for (int j = 0; j < 16; j++)
                acc[j] += w[j];
        }
        for (int j = 0; j < 16; j++)
            sc[k + j] = acc[j];
    }
}

/* The same with AVX2 where the CPU has it (asked at each call: a load and
 * a test), over blocks of 64 lanes: the block's sums stay in eight ymm
 * registers, and each row costs one widening load (vpmovsxwd) and one add
 * per 8 weights. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define CW_AVX2 1

#define LD16(p) _mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *)(const void *)(p)))
#define LD32(p) _mm256_loadu_si256((const __m256i *)(const void *)(p))
#define ST32(p, v) _mm256_storeu_si256((__m256i *)(void *)(p), (v))

__attribute__((target("avx2"))) static void
add_dense_avx2(int32_t *restrict sc, const int16_t *const *rows, int nr,
               int npad)
{
    int k = 0;
    for (; k + 64 <= npad; k += 64) {
        __m256i a0 = LD32(sc + k), a1 = LD32(sc + k + 8),
                a2 = LD32(sc + k + 16), a3 = LD32(sc + k + 24),
                a4 = LD32(sc + k + 32), a5 = LD32(sc + k + 40),
                a6 = LD32(sc + k + 48), a7 = LD32(sc + k + 56);
        for (int r = 0; r < nr; r++) {
            const int16_t *w = rows[r] + k;
            a0 = _mm256_add_epi32(a0, LD16(w));
            a1 = _mm256_add_epi32(a1, LD16(w + 8));
            a2 = _mm256_add_epi32(a2, LD16(w + 16));
            a3 = _mm256_add_epi32(a3, LD16(w + 24));
            a4 = _mm256_add_epi32(a4, LD16(w + 32));
            a5 = _mm256_add_epi32(a5, LD16(w + 40));
            a6 = _mm256_add_epi32(a6, LD16(w + 48));
            a7 = _mm256_add_epi32(a7, LD16(w + 56));
        }
        ST32(sc + k, a0);
        ST32(sc + k + 8, a1);
        ST32(sc + k + 16, a2);
        ST32(sc + k + 24, a3);
        ST32(sc + k + 32, a4);
        ST32(sc + k + 40, a5);
        ST32(sc + k + 48, a6);
        ST32(sc + k + 56, a7);
    }
    for (; k < npad; k += 16) {
        __m256i a0 = LD32(sc + k), a1 = LD32(sc + k + 8);
        for (int r = 0; r < nr; r++) {
            a0 = _mm256_add_epi32(a0, LD16(rows[r] + k));
            a1 = _mm256_add_epi32(a1, LD16(rows[r] + k + 8));
        }
        ST32(sc + k, a0);
        ST32(sc + k + 8, a1);
    }
}
#undef LD16
#undef LD32
#undef ST32
#endif

/* A lookup costs two dependent cache misses (bucket, then region), so the
 * features go through a software pipeline: while feature i's bucket is
 * being fetched, feature i - LAG's region is, and feature i - 2 LAG is
 * scored, which keeps a steady number of misses in flight. Sparse rows are
 * added at once; dense rows (the frequent features: most lookups of a
 * configuration find one) are collected, their lines prefetched, and
 * summed together at the end. */
#define LAG 8

void cw_score(const cw_model *m, const uint64_t *f, int nf, int32_t *scores)
{
    uint32_t nb = m->nb;
    const cw_bucket *bk = m->bucket;
    const uint8_t *data = m->data;
    const cw_bucket *bx[PS_NFEAT];
    const int16_t *dense[PS_NFEAT];
    int nd = 0;
    size_t dbytes = dense_bytes(m->npad);
    /* the three stages; i, j and q count the features each has done */
#define FETCH_BUCKET(i)                                                       \
    do {                                                                      \
        bx[i] = &bk[bucket_of(f[i], nb)];                                     \
        PREFETCH(bx[i]);                                                      \
    } while (0)
#define FETCH_REGION(j) PREFETCH(data + bx[j]->off)
#define SCORE(q)                                                              \
    do {                                                                      \
        const cw_bucket *x_ = bx[q];                                          \
        uint32_t k_ = x_[1].start - x_->start;                                \
        const uint8_t *d_ = data + x_->off;                                   \
        uint32_t h_ = fp_find(d_, k_, fp_of(f[q]));                           \
        if (h_ < k_) {                                                        \
            uint16_t o_;                                                      \
            memcpy(&o_, d_ + 2 * (size_t)(k_ + h_), 2);                       \
            const uint8_t *r_ = d_ + 2 * (size_t)o_;                          \
            if (r_[0] == DENSE_TAG) {                                         \
                PREFETCH(r_ + 64);                                            \
                PREFETCH(r_ + 128);                                           \
                PREFETCH(r_ + dbytes - 1);                                    \
                dense[nd++] = (const int16_t *)(const void *)(r_ + 2);        \
            } else {                                                          \
                add_sparse(scores, r_);                                       \
            }                                                                 \
        }                                                                     \
    } while (0)
    int i = 0, j = 0, q = 0;
    for (; i < nf && i < LAG; i++)
        FETCH_BUCKET(i);
    for (; i < nf && i < 2 * LAG; i++, j++) {
        FETCH_BUCKET(i);
        FETCH_REGION(j);
    }
    for (; i < nf; i++, j++, q++) {
        FETCH_BUCKET(i);
        FETCH_REGION(j);
        SCORE(q);
    }
    for (; j < nf; j++, q++) {
        FETCH_REGION(j);
        SCORE(q);
    }
    for (; q < nf; q++)
        SCORE(q);
#undef FETCH_BUCKET
#undef FETCH_REGION
#undef SCORE
#ifdef CW_AVX2
    if (__builtin_cpu_supports("avx2")) {
        add_dense_avx2(scores, dense, nd, m->npad);
        return;
    }
#endif
    add_dense_rows(scores, dense, nd, m->npad);
}

/* ---------------------------------------------------------------- file */

/* Where row r's weights start (r + 1 + n sparse, r + 2 dense), with their
 * number in *n (sparse: its entries, dense: its npad slots). */
static inline const uint8_t *row_weights(const uint8_t *r, int npad, int *n)
{
    if (r[0] == DENSE_TAG) {
        *n = npad;
        return r + 2;
    }
    *n = r[0];
    return r + 1 + r[0];
}

void cw_save(const cw_model *m, evc_bw *w)
{
    evc_bw_f32(w, m->scale);
    uint32_t nb = m->nb;
    evc_bw_u32(w, nb);
    evc_bw_u32(w, (uint32_t)m->rows);
    evc_bw_u64(w, m->data_len);
    uint8_t buf[8192];
    size_t k = 0;
#define PUT(v, nbytes)                                                        \
    do {                                                                      \
        for (int b_ = 0; b_ < (nbytes); b_++)                                 \
            buf[k++] = (uint8_t)((v) >> (8 * b_));                            \
        if (k + 8 > sizeof buf) {                                             \
            evc_bw_bytes(w, buf, k);                                          \
            k = 0;                                                            \
        }                                                                     \
    } while (0)
    /* file offsets: without the 2 bytes of row offset per row */
    for (uint32_t i = 0; i <= nb; i++) {
        PUT(m->bucket[i].start, 4);
        PUT(m->bucket[i].off - 2 * m->bucket[i].start, 4);
    }
#undef PUT
    evc_bw_bytes(w, buf, k);
    int le = host_is_le();
    for (uint32_t b = 0; b < nb; b++) {
        const cw_bucket *x = &m->bucket[b];
        uint32_t n = x[1].start - x->start;
        const uint8_t *d = m->data + x->off, *end = m->data + x[1].off;
        evc_bw_bytes(w, d, 2 * (size_t)n); /* fingerprints */
        const uint8_t *r = d + 4 * (size_t)n;
        if (le) { /* the rows as they are */
            evc_bw_bytes(w, r, (size_t)(end - r));
            continue;
        }
        while (r < end) {
            size_t sz = row_size(r, m->npad);
            int nw;
            const uint8_t *ws = row_weights(r, m->npad, &nw);
            evc_bw_bytes(w, r, (size_t)(ws - r));
            for (int i = 0; i < nw; i++) {
                int16_t v;
                uint8_t two[2];
                memcpy(&v, ws + 2 * i, 2);
                put_le16(two, v);
                evc_bw_bytes(w, two, 2);
            }
            evc_bw_bytes(w, ws + 2 * nw, sz - (size_t)(ws + 2 * nw - r));
            r += sz;
        }
    }
}

#define MAX_BUCKETS ((uint32_t)1 << 26)
#define MAX_DATA ((uint64_t)1 << 31)

const char *cw_load(cw_model *m, evc_br *r, int nact)
{
    memset(m, 0, sizeof *m);
    m->npad = cw_pad(nact);
    m->scale = evc_br_f32(r);
    uint32_t nb = evc_br_u32(r), rows = evc_br_u32(r);
    uint64_t dlen = evc_br_u64(r);
    if (r->err)
        return NULL;
    if (nb < 1 || nb > MAX_BUCKETS)
        return "bad weight table size";
    uint64_t need = ((uint64_t)nb + 1) * 8 + dlen;
    if (dlen > MAX_DATA || rows > MAX_DATA || need > (uint64_t)(r->end - r->p))
        return "truncated";
    m->nb = nb;
    m->rows = rows;
    m->data_len = (size_t)dlen;
    m->bucket = evc_big_alloc(((size_t)nb + 1) * sizeof *m->bucket, 1);
    if (!m->bucket)
        return "out of memory";
    /* read the array in place, then decode its little-endian values */
    evc_br_bytes(r, m->bucket, ((size_t)nb + 1) * 8);
    for (uint32_t i = 0; i <= nb; i++) {
        const uint8_t *b = (const uint8_t *)&m->bucket[i];
        uint32_t s = (uint32_t)b[0] | (uint32_t)b[1] << 8 |
                     (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
        uint32_t o = (uint32_t)b[4] | (uint32_t)b[5] << 8 |
                     (uint32_t)b[6] << 16 | (uint32_t)b[7] << 24;
        m->bucket[i].start = s;
        m->bucket[i].off = o;
    }
    /* the rows stay in the reader's buffer until cw_validate */
    m->file = evc_br_take(r, (size_t)dlen);
    return NULL;
}

/* Copies row r (file layout, little-endian) to d in host order. */
static void copy_row(uint8_t *d, const uint8_t *r, size_t sz, int npad, int le)
{
    memcpy(d, r, sz);
    if (le)
        return;
    int n;
    const uint8_t *ws = row_weights(r, npad, &n);
    uint8_t *wd = d + (ws - r);
    for (int i = 0; i < n; i++) {
        int16_t v = get_le16(ws + 2 * i);
        memcpy(wd + 2 * i, &v, 2);
    }
}

/* Checks the rows that cw_load (or cw_build) left at m->file: buckets in
 * order and in range, rows that tile their regions exactly, actions <
 * nact, regions small enough for 16-bit row offsets; counts dense rows and
 * weights; and lays the rows out in m->data with their offsets (the
 * layout at the top), bucket offsets turned to memory offsets. */
int cw_validate(cw_model *m, int nact)
{
    uint32_t nb = m->nb;
    const uint8_t *src = m->file;
    m->file = NULL;
    if (!src || m->data)
        return -1;
    if (m->bucket[0].start != 0 || m->bucket[0].off != 0 ||
        m->bucket[nb].start != m->rows || m->bucket[nb].off != m->data_len)
        return -1;
    uint64_t mem = (uint64_t)m->data_len + 2 * (uint64_t)m->rows;
    if (mem > UINT32_MAX - CW_TAIL || mem > SIZE_MAX - CW_TAIL)
        return -1;
    for (uint32_t b = 0; b < nb; b++) {
        const cw_bucket *x = &m->bucket[b];
        if (x[1].start < x->start || x[1].off < x->off ||
            x[1].off - x->off < 2 * (uint64_t)(x[1].start - x->start))
            return -1;
    }
    m->data = evc_big_alloc((size_t)mem + CW_TAIL, 0);
    if (!m->data)
        return -1;
    memset(m->data + mem, 0, CW_TAIL);
    int le = host_is_le();
    m->entries = m->ndense = 0;
    for (uint32_t b = 0; b < nb; b++) {
        const cw_bucket *x = &m->bucket[b];
        uint32_t k = x[1].start - x->start;
        const uint8_t *s = src + x->off;
        size_t len = x[1].off - x->off; /* the region in the file */
        uint8_t *d = m->data + x->off + 2 * (size_t)x->start;
        memcpy(d, s, 2 * (size_t)k);
        size_t at = 2 * (size_t)k;
        for (uint32_t h = 0; h < k; h++) {
            if (at + 2 > len)
                return -1;
            const uint8_t *r = s + at;
            size_t sz = row_size(r, m->npad);
            size_t to = at + 2 * (size_t)k; /* the row's offset in memory */
            if (r[0] == 0 || sz > len - at || to / 2 > UINT16_MAX)
                return -1;
            if (r[0] == DENSE_TAG) {
                for (int i = 0; i < m->npad; i++)
                    m->entries += (r[2 + 2 * i] | r[3 + 2 * i]) != 0;
                m->ndense++;
            } else {
                for (int i = 0; i < r[0]; i++)
                    if (r[1 + i] >= nact)
                        return -1;
                m->entries += r[0];
            }
            uint16_t o = (uint16_t)(to / 2);
            memcpy(d + 2 * ((size_t)k + h), &o, 2);
            copy_row(d + to, r, sz, m->npad, le);
            at += sz;
        }
        if (at != len)
            return -1;
    }
    for (uint32_t b = 0; b <= nb; b++)
        m->bucket[b].off += 2 * m->bucket[b].start;
    return 0;
}
