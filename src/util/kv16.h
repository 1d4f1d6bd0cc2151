/* kv16.h: a read-only table from nonzero 32-bit keys to 16-bit values,
 * kept as strictly increasing keys (the file order) and looked up by open
 * addressing. The tagger's word lexicon and the parser's word classes are
 * such tables, stored as u32 count then 6 bytes a key (u32 key, u16 value,
 * little-endian). */
#ifndef EVC_UTIL_KV16_H
#define EVC_UTIL_KV16_H

#include "util/bio.h"

#include <stddef.h>
#include <stdint.h>

typedef struct evc_kv16 {
    uint32_t n;
    uint32_t *keys;  /* n, strictly increasing, nonzero */
    uint16_t *vals;
    uint64_t *slots; /* key << 32 | value; 0 = empty */
    uint32_t mask;
} evc_kv16;

/* Takes keys and vals (malloc'd, n each, keys strictly increasing and
 * nonzero) into m and indexes them. 0, or -1 out of memory (then m holds
 * them all the same: free with evc_kv16_free). */
int evc_kv16_init(evc_kv16 *m, uint32_t *keys, uint16_t *vals, uint32_t n);
/* The value of key; 0 when absent (or m is NULL). */
static inline uint32_t evc_kv16_get(const evc_kv16 *m, uint32_t key)
{
    if (!m || !m->slots || !key)
        return 0;
    for (uint32_t i = (key * 0x9e3779b1u) & m->mask;; i = (i + 1) & m->mask) {
        uint64_t s = m->slots[i];
        if (!s)
            return 0;
        if ((uint32_t)(s >> 32) == key)
            return (uint32_t)(s & 0xffff);
    }
}
/* Writes the n records (not the count). */
void evc_kv16_save(const evc_kv16 *m, evc_bw *w);
/* Reads n records into m, checking that keys are nonzero and increasing
 * and that values are below max_val: 0, or -1 with r->err set (what names
 * the table). */
int evc_kv16_load(evc_kv16 *m, evc_br *r, uint32_t n, uint32_t max_val,
                  const char *what);
void evc_kv16_free(evc_kv16 *m); /* frees the arrays, not m */

#endif
