/* weights.h: the tagger's sparse multiclass averaged perceptron: exact
 * integer weights in training (lazily averaged), then pruned int16 weights of
 * every pass in one hash table keyed by feature hashes. Internal to src/tag. */
#ifndef EVC_TAG_WEIGHTS_H
#define EVC_TAG_WEIGHTS_H

#include "util/bio.h"

#include <stdint.h>

#define EVC_TAG_MAX_CLASSES 255

/* ---- training ---- */

typedef struct evc_tag_wtrain evc_tag_wtrain;

/* NULL on out of memory. nclass <= EVC_TAG_MAX_CLASSES. */
evc_tag_wtrain *evc_tag_wtrain_new(int nclass);
void evc_tag_wtrain_free(evc_tag_wtrain *t);
/* Adds the current (not averaged) weights of features f[0..nf) to
 * scores[0..nclass). */
void evc_tag_wtrain_score(const evc_tag_wtrain *t, const uint64_t *f, int nf,
                          int32_t *scores);
/* The perceptron update: +1 for gold, -1 for pred on every feature.
 * Returns 0, or -1 when out of memory (the trainer is then unusable). */
int evc_tag_wtrain_update(evc_tag_wtrain *t, const uint64_t *f, int nf,
                          int gold, int pred);
/* Counts one training example (the clock of the averaging). */
void evc_tag_wtrain_tick(evc_tag_wtrain *t);
size_t evc_tag_wtrain_nfeat(const evc_tag_wtrain *t);

/* ---- compiled, read-only ---- */

/* Compiled weights keep the top 48 bits of each feature key: an unseen
 * feature matches a kept one with odds of about 1 in 10^9. */
#define EVC_TAG_KEY_MASK 0xffffffffffff0000ULL

/* The averaged weights of one pass, features sorted by key. */
typedef struct evc_tag_weights {
    int nclass;
    float scale;      /* averaged weight = stored int16 / scale */
    uint32_t nfeat;
    uint64_t *keys;   /* nfeat, strictly increasing */
    uint32_t *ent;    /* per feature: a count, then count entries packed as
                         class | (uint16)weight << 16; ent[0] is unused */
    size_t nent;      /* words in ent */
} evc_tag_weights;

/* Averages, prunes (drops weights with |average| < min_abs and features left
 * with none), quantizes and sorts by key. NULL on out of memory. */
evc_tag_weights *evc_tag_wtrain_compile(const evc_tag_wtrain *t, float min_abs);

void evc_tag_weights_free(evc_tag_weights *w);
/* A copy without the weights whose |average| < min_abs. NULL: no memory. */
evc_tag_weights *evc_tag_weights_prune(const evc_tag_weights *w,
                                       float min_abs);
/* Bytes the weights take in a file (for reports). */
size_t evc_tag_weights_file_size(const evc_tag_weights *w);
void evc_tag_weights_save(const evc_tag_weights *w, evc_bw *bw);
/* On failure returns NULL with r->err set (r->what says why). */
evc_tag_weights *evc_tag_weights_load(evc_br *r);

/* One lookup table for the weights of up to EVC_TAG_WPASSES passes: a key
 * found once gives the weights of every pass, side by side in memory (the
 * second pass reuses the first pass's lookups and cache lines). Slots are
 * 2 words: bits 16..47 of the key and the offset of its record in ent
 * (0 = empty); the high bits of the key pick the home slot, so keys inserted
 * in sorted order fill the table front to back. A record is a word holding
 * each pass's count in a byte (bits 0-7, 8-15) and whether the pass's
 * weights are dense (bits 16, 17), then the first pass's entries, then the
 * second's. A pass with weights for many classes (a quarter of them or
 * more: the frequent features, which most lookups find) has one entry
 * instead, the index of its dense row of int16 weights in dense: the row
 * is added with vector instructions rather than entry by entry. */
#define EVC_TAG_WPASSES 2

typedef struct evc_tag_wtable {
    uint32_t *slots;
    uint32_t mask;
    int shift;        /* home slot = key >> shift */
    uint32_t *ent;
    int16_t *dense;   /* rows of npad weights */
    int npad;         /* classes rounded up to 16: scores arrays must have
                         room for npad values */
} evc_tag_wtable;

/* Builds the table over w[0..npass). Returns 0 or -1 (no memory). */
int evc_tag_wtable_build(evc_tag_wtable *t, evc_tag_weights *const *w,
                         int npass);
void evc_tag_wtable_free(evc_tag_wtable *t);

#if defined(__GNUC__) || defined(__clang__)
#define EVC_TAG_PREFETCH(p) __builtin_prefetch(p)
#else
#define EVC_TAG_PREFETCH(p) ((void)(p))
#endif

/* The record offset of key in t->ent, or 0 when no pass has it.
 * Thread-safe. */
static inline uint32_t evc_tag_wtable_find(const evc_tag_wtable *t,
                                           uint64_t key)
{
    uint32_t lo = (uint32_t)(key >> 16); /* bits 16..47 */
    uint32_t i = (uint32_t)(key >> t->shift) & t->mask;
    for (;;) {
        const uint32_t *s = t->slots + 2 * (size_t)i;
        if (!s[1] || s[0] == lo)
            return s[1];
        i = (i + 1) & t->mask;
    }
}

static inline void evc_tag_wtable_prefetch(const evc_tag_wtable *t,
                                           const uint64_t *f, int nf)
{
    for (int k = 0; k < nf; k++)
        EVC_TAG_PREFETCH(t->slots +
                         2 * (size_t)((uint32_t)(f[k] >> t->shift) & t->mask));
}

/* Adds pass p's weights of the record at off (nonzero) to
 * scores[0..npad). */
static inline void evc_tag_wtable_add(const evc_tag_wtable *t, int p,
                                      uint32_t off, int32_t *scores)
{
    const uint32_t *e = t->ent + off;
    uint32_t head = e[0];
    uint32_t n = head & 0xff;
    e++;
    if (p) {
        e += n;
        n = head >> 8 & 0xff;
    }
    if (head >> (16 + p) & 1) {
        const int16_t *d = t->dense + (size_t)e[0] * (size_t)t->npad;
        for (int k = 0; k < t->npad; k += 16)
            for (int j = 0; j < 16; j++)
                scores[k + j] += d[k + j];
        return;
    }
    for (uint32_t j = 0; j < n; j++)
        scores[e[j] & 0xff] += (int16_t)(uint16_t)(e[j] >> 16);
}

/* Adds the pass-p weights of features f[0..nf) to scores[0..nclass). */
static inline void evc_tag_wtable_score(const evc_tag_wtable *t, int p,
                                        const uint64_t *f, int nf,
                                        int32_t *scores)
{
    for (int k = 0; k < nf; k++) {
        uint32_t off = evc_tag_wtable_find(t, f[k]);
        if (off)
            evc_tag_wtable_add(t, p, off, scores);
    }
}

/* ---- hashing shared by the tagger and the lemmatizer ---- */

static inline uint64_t evc_tag_mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/* FNV-1a over the ASCII-lower-cased bytes s[0..n), mixed: the key of a
 * word in the tagger's lexicons (tag sets, word classes). */
static inline uint64_t evc_tag_lower_hash_n(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        h = (h ^ (uint8_t)(c >= 'A' && c <= 'Z' ? c + 32 : c)) *
            0x100000001b3ULL;
    }
    return evc_tag_mix(h);
}

#endif
