/* weights.c: training and compiled weights of the tagger's averaged perceptron
 * (weights.h). Training stores, per feature, a short list of (class, weight,
 * running total, timestamp); averaging is lazy (Daume's timestamp trick). */
#include "tag/weights.h"
#include "util/bigmem.h"

#define KEY_BYTES 6 /* bytes of a key kept in compiled weights (the top 48
                       bits: see EVC_TAG_KEY_MASK) */

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct tw_ent {
    int64_t total;  /* sum of the weight over all ticks up to stamp */
    int32_t w;
    uint32_t stamp;
    uint32_t cls;
} tw_ent;

typedef struct tw_feat {
    uint64_t key;
    uint32_t off; /* first entry in ents */
    uint16_t n, cap;
} tw_feat;

struct evc_tag_wtrain {
    int nclass;
    uint32_t clock;
    tw_feat *feats;
    size_t nfeat, capfeat;
    tw_ent *ents;
    size_t nent, capent;
    uint32_t *table; /* feature index + 1, 0 = empty */
    size_t mask;
};

evc_tag_wtrain *evc_tag_wtrain_new(int nclass)
{
    if (nclass < 1 || nclass > EVC_TAG_MAX_CLASSES)
        return NULL;
    evc_tag_wtrain *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->nclass = nclass;
    t->mask = (1u << 16) - 1;
    t->table = calloc(t->mask + 1, sizeof *t->table);
    t->capent = 1 << 16;
    t->ents = malloc(t->capent * sizeof *t->ents);
    if (!t->table || !t->ents) {
        free(t->table);
        free(t->ents);
        free(t);
        return NULL;
    }
    return t;
}

void evc_tag_wtrain_free(evc_tag_wtrain *t)
{
    if (!t)
        return;
    free(t->feats);
    free(t->ents);
    free(t->table);
    free(t);
}

size_t evc_tag_wtrain_nfeat(const evc_tag_wtrain *t) { return t->nfeat; }

void evc_tag_wtrain_tick(evc_tag_wtrain *t) { t->clock++; }

static const tw_feat *find(const evc_tag_wtrain *t, uint64_t key)
{
    size_t i = (size_t)key & t->mask;
    for (;;) {
        uint32_t v = t->table[i];
        if (!v)
            return NULL;
        if (t->feats[v - 1].key == key)
            return &t->feats[v - 1];
        i = (i + 1) & t->mask;
    }
}

void evc_tag_wtrain_score(const evc_tag_wtrain *t, const uint64_t *f, int nf,
                          int32_t *scores)
{
    for (int k = 0; k < nf; k++) {
        const tw_feat *ft = find(t, f[k]);
        if (!ft)
            continue;
        const tw_ent *e = t->ents + ft->off;
        for (int j = 0; j < ft->n; j++)
            scores[e[j].cls] += e[j].w;
    }
}

static int grow_table(evc_tag_wtrain *t)
{
    size_t nmask = t->mask * 2 + 1;
    uint32_t *nt = calloc(nmask + 1, sizeof *nt);
    if (!nt)
        return -1;
    for (size_t k = 0; k < t->nfeat; k++) {
        size_t i = (size_t)t->feats[k].key & nmask;
        while (nt[i])
            i = (i + 1) & nmask;
        nt[i] = (uint32_t)(k + 1);
    }
    free(t->table);
    t->table = nt;
    t->mask = nmask;
    return 0;
}

/* Reserves n entries at the end of ents; returns their offset or -1. */
static long ents_reserve(evc_tag_wtrain *t, size_t n)
{
    if (t->nent + n > t->capent) {
        size_t nc = t->capent ? t->capent * 2 : 1 << 16;
        while (nc < t->nent + n)
            nc *= 2;
        if (nc > UINT32_MAX)
            return -1;
        tw_ent *ne = realloc(t->ents, nc * sizeof *ne);
        if (!ne)
            return -1;
        t->ents = ne;
        t->capent = nc;
    }
    long off = (long)t->nent;
    t->nent += n;
    return off;
}

static tw_feat *find_or_add(evc_tag_wtrain *t, uint64_t key)
{
    size_t i = (size_t)key & t->mask;
    for (;;) {
        uint32_t v = t->table[i];
        if (!v)
            break;
        if (t->feats[v - 1].key == key)
            return &t->feats[v - 1];
        i = (i + 1) & t->mask;
    }
    if (t->nfeat >= UINT32_MAX - 1)
        return NULL;
    if (t->nfeat == t->capfeat) {
        size_t nc = t->capfeat ? t->capfeat * 2 : 1 << 14;
        tw_feat *nf = realloc(t->feats, nc * sizeof *nf);
        if (!nf)
            return NULL;
        t->feats = nf;
        t->capfeat = nc;
    }
    tw_feat *ft = &t->feats[t->nfeat];
    ft->key = key;
    ft->off = 0;
    ft->n = ft->cap = 0;
    t->table[i] = (uint32_t)++t->nfeat;
    if (t->nfeat * 2 > t->mask) {
        if (grow_table(t) != 0)
            return NULL;
    }
    return &t->feats[t->nfeat - 1];
}

static int add(evc_tag_wtrain *t, tw_feat *ft, int cls, int delta)
{
    tw_ent *e = t->ents + ft->off;
    for (int j = 0; j < ft->n; j++) {
        if ((int)e[j].cls == cls) {
            e[j].total += (int64_t)e[j].w * (t->clock - e[j].stamp);
            e[j].stamp = t->clock;
            e[j].w += delta;
            return 0;
        }
    }
    if (ft->n == ft->cap) {
        /* Move the list to the end with twice the room; the old slots are
         * abandoned (at most half of the pool). */
        int nc = ft->cap ? ft->cap * 2 : 2;
        if (nc > t->nclass)
            nc = t->nclass;
        long off = ents_reserve(t, (size_t)nc);
        if (off < 0)
            return -1;
        memcpy(t->ents + off, t->ents + ft->off, ft->n * sizeof(tw_ent));
        ft->off = (uint32_t)off;
        ft->cap = (uint16_t)nc;
    }
    tw_ent *ne = t->ents + ft->off + ft->n++;
    ne->cls = (uint32_t)cls;
    ne->w = delta;
    ne->total = 0;
    ne->stamp = t->clock;
    return 0;
}

int evc_tag_wtrain_update(evc_tag_wtrain *t, const uint64_t *f, int nf,
                          int gold, int pred)
{
    if (gold == pred)
        return 0;
    for (int k = 0; k < nf; k++) {
        tw_feat *ft = find_or_add(t, f[k]);
        if (!ft)
            return -1;
        if (add(t, ft, gold, 1) || add(t, ft, pred, -1))
            return -1;
    }
    return 0;
}

/* ---------------------------------------------------------------- compiled */

void evc_tag_weights_free(evc_tag_weights *w)
{
    if (!w)
        return;
    free(w->keys);
    free(w->ent);
    free(w);
}

typedef struct kept_feat {
    uint64_t key;
    size_t index; /* in the trainer */
} kept_feat;

static int by_key(const void *a, const void *b)
{
    const kept_feat *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static double average(const evc_tag_wtrain *t, const tw_ent *e)
{
    double T = t->clock ? (double)t->clock : 1.0;
    return ((double)e->total + (double)e->w * (double)(t->clock - e->stamp)) / T;
}

evc_tag_weights *evc_tag_wtrain_compile(const evc_tag_wtrain *t, float min_abs)
{
    evc_tag_weights *w = calloc(1, sizeof *w);
    kept_feat *kf = NULL;
    if (!w)
        return NULL;
    w->nclass = t->nclass;
    /* First pass: the largest kept average, the kept features, the sizes. */
    double maxabs = 0;
    size_t nkeep = 0, nent = 1;
    kf = malloc((t->nfeat ? t->nfeat : 1) * sizeof *kf);
    if (!kf)
        goto fail;
    for (size_t k = 0; k < t->nfeat; k++) {
        const tw_feat *ft = &t->feats[k];
        int kept = 0;
        for (int j = 0; j < ft->n; j++) {
            double avg = fabs(average(t, &t->ents[ft->off + j]));
            if (avg < min_abs || avg == 0)
                continue;
            kept++;
            if (avg > maxabs)
                maxabs = avg;
        }
        if (kept) {
            kf[nkeep].key = ft->key & EVC_TAG_KEY_MASK;
            kf[nkeep++].index = k;
            nent += 1 + (size_t)kept;
        }
    }
    qsort(kf, nkeep, sizeof *kf, by_key);
    /* Two features whose keys agree in the kept bits (about one model in a
     * thousand has a pair): the first in training order stays. */
    size_t nu = 0;
    for (size_t k = 0; k < nkeep; k++) {
        if (nu > 0 && kf[nu - 1].key == kf[k].key)
            continue;
        kf[nu++] = kf[k];
    }
    nkeep = nu;
    w->scale = maxabs > 0 ? (float)(32767.0 / maxabs) : 1.0f;
    w->keys = malloc((nkeep ? nkeep : 1) * sizeof *w->keys);
    w->ent = malloc(nent * sizeof *w->ent);
    if (!w->keys || !w->ent)
        goto fail;
    w->ent[0] = 0;
    size_t off = 1;
    for (size_t k = 0; k < nkeep; k++) {
        const tw_feat *ft = &t->feats[kf[k].index];
        size_t head = off++;
        uint32_t kept = 0;
        for (int j = 0; j < ft->n; j++) {
            const tw_ent *e = &t->ents[ft->off + j];
            double avg = average(t, e);
            if (fabs(avg) < min_abs || avg == 0)
                continue;
            long q = lround(avg * w->scale);
            if (q > 32767)
                q = 32767;
            if (q < -32767)
                q = -32767;
            w->ent[off++] = e->cls | (uint32_t)(uint16_t)(int16_t)q << 16;
            kept++;
        }
        w->ent[head] = kept;
        w->keys[k] = kf[k].key;
    }
    w->nfeat = (uint32_t)nkeep;
    w->nent = off;
    free(kf);
    return w;
fail:
    free(kf);
    evc_tag_weights_free(w);
    return NULL;
}

evc_tag_weights *evc_tag_weights_prune(const evc_tag_weights *w, float min_abs)
{
    evc_tag_weights *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    o->nclass = w->nclass;
    o->scale = w->scale;
    o->keys = malloc((w->nfeat ? w->nfeat : 1) * sizeof *o->keys);
    o->ent = malloc(w->nent * sizeof *o->ent);
    if (!o->keys || !o->ent) {
        evc_tag_weights_free(o);
        return NULL;
    }
    long qmin = lround(min_abs * w->scale);
    size_t in = 1, out = 1;
    o->ent[0] = 0;
    for (uint32_t k = 0; k < w->nfeat; k++) {
        uint32_t n = w->ent[in];
        size_t head = out++;
        uint32_t kept = 0;
        for (uint32_t j = 1; j <= n; j++) {
            uint32_t e = w->ent[in + j];
            long q = (int16_t)(uint16_t)(e >> 16);
            if (labs(q) >= qmin && q != 0) {
                o->ent[out++] = e;
                kept++;
            }
        }
        in += 1 + n;
        if (kept) {
            o->ent[head] = kept;
            o->keys[o->nfeat++] = w->keys[k];
        } else {
            out = head;
        }
    }
    o->nent = out;
    return o;
}

/* ---------------------------------------------------------------- table */

void evc_tag_wtable_free(evc_tag_wtable *t)
{
    free(t->slots);
    free(t->ent);
    free(t->dense);
    memset(t, 0, sizeof *t);
}

int evc_tag_wtable_build(evc_tag_wtable *t, evc_tag_weights *const *w,
                         int npass)
{
    evc_tag_wtable_free(t);
    size_t total = 0, words = 1;
    for (int p = 0; p < npass; p++)
        words += w[p]->nent; /* an upper bound */
    {
        /* the number of distinct keys, by merging the sorted lists */
        size_t pos[EVC_TAG_WPASSES] = {0};
        for (;;) {
            int have = 0;
            uint64_t key = 0;
            for (int p = 0; p < npass; p++)
                if (pos[p] < w[p]->nfeat &&
                    (!have || w[p]->keys[pos[p]] < key)) {
                    key = w[p]->keys[pos[p]];
                    have = 1;
                }
            if (!have)
                break;
            total++;
            for (int p = 0; p < npass; p++)
                if (pos[p] < w[p]->nfeat && w[p]->keys[pos[p]] == key)
                    pos[p]++;
        }
    }
    /* dense rows: passes with weights for a quarter of the classes or more */
    int nclass = 0;
    for (int p = 0; p < npass; p++)
        nclass = w[p]->nclass > nclass ? w[p]->nclass : nclass;
    int npad = (nclass + 15) & ~15;
    uint32_t dmin = (uint32_t)(nclass + 3) / 4;
    if (dmin < 2)
        dmin = 2;
    size_t ndense = 0;
    for (int p = 0; p < npass; p++)
        for (size_t k = 0, o = 1; k < w[p]->nfeat; k++) {
            ndense += w[p]->ent[o] >= dmin;
            o += 1 + w[p]->ent[o];
        }
    size_t n = 1024;
    int bits = 10;
    while (n < total + total / 4) { /* load <= 0.8 */
        n *= 2;
        bits++;
    }
    if (words > UINT32_MAX)
        return -1;
    t->slots = evc_big_alloc(2 * n * sizeof *t->slots, 1);
    t->ent = evc_big_alloc(words * sizeof *t->ent, 0);
    t->dense = evc_big_alloc((ndense ? ndense : 1) * (size_t)(npad ? npad : 16) *
                             sizeof *t->dense, 1);
    t->npad = npad;
    if (!t->slots || !t->ent || !t->dense) {
        evc_tag_wtable_free(t);
        return -1;
    }
    t->mask = (uint32_t)(n - 1);
    t->shift = 64 - bits;
    /* Merge the sorted key lists; equal keys share a record. Home slots grow
     * with the key, so the writes sweep the table once. */
    size_t pos[EVC_TAG_WPASSES] = {0}, off[EVC_TAG_WPASSES];
    for (int p = 0; p < npass; p++)
        off[p] = 1;
    size_t out = 1, nd = 0;
    t->ent[0] = 0;
    for (;;) {
        int have = 0;
        uint64_t key = 0;
        for (int p = 0; p < npass; p++)
            if (pos[p] < w[p]->nfeat && (!have || w[p]->keys[pos[p]] < key)) {
                key = w[p]->keys[pos[p]];
                have = 1;
            }
        if (!have)
            break;
        uint32_t i = (uint32_t)(key >> t->shift) & t->mask;
        while (t->slots[2 * (size_t)i + 1])
            i = (i + 1) & t->mask;
        t->slots[2 * (size_t)i] = (uint32_t)(key >> 16);
        t->slots[2 * (size_t)i + 1] = (uint32_t)out;
        size_t head = out++;
        t->ent[head] = 0;
        for (int p = 0; p < npass; p++)
            if (pos[p] < w[p]->nfeat && w[p]->keys[pos[p]] == key) {
                uint32_t c = w[p]->ent[off[p]];
                const uint32_t *e = w[p]->ent + off[p] + 1;
                if (c >= dmin) {
                    int16_t *d = t->dense + nd * (size_t)npad;
                    for (uint32_t j = 0; j < c; j++)
                        d[e[j] & 0xff] = (int16_t)(uint16_t)(e[j] >> 16);
                    t->ent[out++] = (uint32_t)nd++;
                    t->ent[head] |= 1u << (8 * p) | 1u << (16 + p);
                } else {
                    memcpy(t->ent + out, e, c * sizeof *t->ent);
                    out += c;
                    t->ent[head] |= c << (8 * p);
                }
                off[p] += 1 + c;
                pos[p]++;
            }
    }
    return 0;
}

size_t evc_tag_weights_file_size(const evc_tag_weights *w)
{
    return 4 + 4 + 8 + (size_t)w->nfeat * (KEY_BYTES + 1) + 8 +
           (w->nent - 1 - w->nfeat) * 3;
}

/* File layout: u32 nclass, f32 scale, u64 nfeat, nfeat keys (their top
 * KEY_BYTES bytes, little-endian), nfeat u8
 * counts, u64 nentries, then each entry as u8 class + i16 weight. Keys,
 * counts and entries are written as raw little-endian blocks so a model
 * loads in a few milliseconds. */
void evc_tag_weights_save(const evc_tag_weights *w, evc_bw *bw)
{
    evc_bw_u32(bw, (uint32_t)w->nclass);
    evc_bw_f32(bw, w->scale);
    evc_bw_u64(bw, w->nfeat);
    size_t ne = w->nent - 1 - w->nfeat;
    size_t bufn = (size_t)w->nfeat * KEY_BYTES;
    if (ne * 3 > bufn)
        bufn = ne * 3;
    uint8_t *buf = malloc(bufn ? bufn : 1);
    if (!buf) {
        bw->err = 1;
        return;
    }
    for (uint32_t k = 0; k < w->nfeat; k++)
        for (int b = 0; b < KEY_BYTES; b++)
            buf[KEY_BYTES * (size_t)k + b] =
                (uint8_t)(w->keys[k] >> (64 - 8 * KEY_BYTES + 8 * b));
    evc_bw_bytes(bw, buf, (size_t)w->nfeat * KEY_BYTES);
    size_t off = 1;
    for (uint32_t k = 0; k < w->nfeat; k++) {
        buf[k] = (uint8_t)w->ent[off];
        off += 1 + w->ent[off];
    }
    evc_bw_bytes(bw, buf, w->nfeat);
    evc_bw_u64(bw, ne);
    size_t j = 0;
    off = 1;
    for (uint32_t k = 0; k < w->nfeat; k++) {
        uint32_t n = w->ent[off];
        for (uint32_t i = 1; i <= n; i++) {
            uint32_t e = w->ent[off + i];
            buf[j++] = (uint8_t)e;
            buf[j++] = (uint8_t)(e >> 16);
            buf[j++] = (uint8_t)(e >> 24);
        }
        off += 1 + n;
    }
    evc_bw_bytes(bw, buf, j);
    free(buf);
}

evc_tag_weights *evc_tag_weights_load(evc_br *r)
{
    evc_tag_weights *w = calloc(1, sizeof *w);
    uint8_t *buf = NULL;
    if (!w) {
        evc_br_fail(r, "out of memory");
        return NULL;
    }
    uint32_t nclass = evc_br_u32(r);
    w->scale = evc_br_f32(r);
    uint64_t nf = evc_br_u64(r);
    if (r->err)
        goto fail;
    if (nclass < 1 || nclass > EVC_TAG_MAX_CLASSES || !(w->scale > 0) ||
        nf > (uint64_t)(r->end - r->p) / (KEY_BYTES + 1) ||
        nf > UINT32_MAX / 4) {
        evc_br_fail(r, "tagger weights: bad header");
        goto fail;
    }
    w->nclass = (int)nclass;
    w->nfeat = (uint32_t)nf;
    w->keys = malloc((nf ? nf : 1) * sizeof *w->keys);
    buf = malloc(nf * KEY_BYTES + 1);
    if (!w->keys || !buf) {
        evc_br_fail(r, "out of memory");
        goto fail;
    }
    if (evc_br_bytes(r, buf, nf * KEY_BYTES) != 0)
        goto fail;
    for (size_t k = 0; k < nf; k++) {
        uint64_t v = 0;
        for (int b = KEY_BYTES - 1; b >= 0; b--)
            v = v << 8 | buf[KEY_BYTES * k + b];
        v <<= 64 - 8 * KEY_BYTES;
        w->keys[k] = v;
        if (k > 0 && v <= w->keys[k - 1]) {
            evc_br_fail(r, "tagger weights: keys out of order");
            goto fail;
        }
    }
    if (evc_br_bytes(r, buf, nf) != 0)
        goto fail;
    /* counts are kept in buf[0..nf) while the entries are read */
    uint64_t total = 0;
    for (size_t k = 0; k < nf; k++) {
        if (buf[k] == 0 || buf[k] > nclass) {
            evc_br_fail(r, "tagger weights: bad feature size");
            goto fail;
        }
        total += buf[k];
    }
    uint64_t ne = evc_br_u64(r);
    if (r->err)
        goto fail;
    if (ne != total || ne > (uint64_t)(r->end - r->p) / 3) {
        evc_br_fail(r, "tagger weights: entry count mismatch");
        goto fail;
    }
    w->nent = 1 + nf + ne;
    w->ent = malloc(w->nent * sizeof *w->ent);
    uint8_t *eb = malloc(ne * 3 + 1);
    if (!w->ent || !eb) {
        free(eb);
        evc_br_fail(r, "out of memory");
        goto fail;
    }
    if (evc_br_bytes(r, eb, ne * 3) != 0) {
        free(eb);
        goto fail;
    }
    w->ent[0] = 0;
    size_t off = 1, j = 0;
    for (size_t k = 0; k < nf; k++) {
        uint32_t n = buf[k];
        w->ent[off++] = n;
        for (uint32_t i = 0; i < n; i++, j += 3) {
            if (eb[j] >= nclass) {
                free(eb);
                evc_br_fail(r, "tagger weights: class out of range");
                goto fail;
            }
            w->ent[off++] = (uint32_t)eb[j] | (uint32_t)eb[j + 1] << 16 |
                            (uint32_t)eb[j + 2] << 24;
        }
    }
    free(eb);
    free(buf);
    return w;
fail:
    free(buf);
    evc_tag_weights_free(w);
    return NULL;
}
