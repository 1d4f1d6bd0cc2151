/* map.h: a small open-addressing hash map from 64-bit hashes to 32-bit
 * values (linear probing, power-of-two size, load <= 1/2), used by the
 * tagger's lexicon and the lemmatizer. Internal to src/tag. */
#ifndef EVC_TAG_MAP_H
#define EVC_TAG_MAP_H

#include <stdint.h>
#include <stdlib.h>

typedef struct evc_tmap {
    uint64_t *keys;
    uint32_t *vals; /* value + 1; 0 marks an empty slot */
    size_t mask;
    size_t n;
} evc_tmap;

/* Room for about `expect` keys before growing. Returns 0 or -1 (no memory). */
static inline int evc_tmap_init(evc_tmap *m, size_t expect)
{
    size_t cap = 16;
    while (cap < expect * 2)
        cap *= 2;
    m->keys = calloc(cap, sizeof *m->keys);
    m->vals = calloc(cap, sizeof *m->vals);
    m->mask = cap - 1;
    m->n = 0;
    if (!m->keys || !m->vals) {
        free(m->keys);
        free(m->vals);
        m->keys = NULL;
        m->vals = NULL;
        return -1;
    }
    return 0;
}

static inline void evc_tmap_free(evc_tmap *m)
{
    free(m->keys);
    free(m->vals);
    m->keys = NULL;
    m->vals = NULL;
    m->n = 0;
}

/* The value stored for key, or -1. */
static inline long evc_tmap_get(const evc_tmap *m, uint64_t key)
{
    size_t i = (size_t)(key ^ key >> 29) & m->mask;
    for (;;) {
        uint32_t v = m->vals[i];
        if (!v)
            return -1;
        if (m->keys[i] == key)
            return (long)(v - 1);
        i = (i + 1) & m->mask;
    }
}

/* Sets key to val (replacing an old value). Returns 0 or -1 (no memory). */
static inline int evc_tmap_put(evc_tmap *m, uint64_t key, uint32_t val)
{
    if ((m->n + 1) * 2 > m->mask + 1) {
        evc_tmap big;
        if (evc_tmap_init(&big, m->mask + 1) != 0)
            return -1;
        for (size_t j = 0; j <= m->mask; j++)
            if (m->vals[j])
                evc_tmap_put(&big, m->keys[j], m->vals[j] - 1);
        evc_tmap_free(m);
        *m = big;
    }
    size_t i = (size_t)(key ^ key >> 29) & m->mask;
    while (m->vals[i] && m->keys[i] != key)
        i = (i + 1) & m->mask;
    if (!m->vals[i])
        m->n++;
    m->keys[i] = key;
    m->vals[i] = val + 1;
    return 0;
}

#endif
