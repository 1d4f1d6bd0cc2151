/* kv16.c: read-only u32 -> u16 tables (kv16.h). */
#include "util/kv16.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int evc_kv16_init(evc_kv16 *m, uint32_t *keys, uint16_t *vals, uint32_t n)
{
    m->n = n;
    m->keys = keys;
    m->vals = vals;
    size_t cap = 16;
    while (cap < 2 * (size_t)n)
        cap *= 2;
    if (!(m->slots = calloc(cap, sizeof *m->slots)))
        return -1;
    m->mask = (uint32_t)(cap - 1);
    for (uint32_t j = 0; j < n; j++) {
        uint32_t i = (keys[j] * 0x9e3779b1u) & m->mask;
        while (m->slots[i])
            i = (i + 1) & m->mask;
        m->slots[i] = (uint64_t)keys[j] << 32 | vals[j];
    }
    return 0;
}

void evc_kv16_save(const evc_kv16 *m, evc_bw *w)
{
    uint8_t buf[6 * 1024];
    size_t k = 0;
    for (uint32_t j = 0; j < m->n; j++) {
        for (int b = 0; b < 4; b++)
            buf[k++] = (uint8_t)(m->keys[j] >> (8 * b));
        buf[k++] = (uint8_t)m->vals[j];
        buf[k++] = (uint8_t)(m->vals[j] >> 8);
        if (k == sizeof buf) {
            evc_bw_bytes(w, buf, k);
            k = 0;
        }
    }
    evc_bw_bytes(w, buf, k);
}

int evc_kv16_load(evc_kv16 *m, evc_br *r, uint32_t n, uint32_t max_val,
                  const char *what)
{
    memset(m, 0, sizeof *m);
    if (r->err)
        return -1;
    if (n > (size_t)(r->end - r->p) / 6) {
        evc_br_fail(r, what);
        return -1;
    }
    uint32_t *keys = malloc((n ? n : 1) * sizeof *keys);
    uint16_t *vals = malloc((n ? n : 1) * sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        evc_br_fail(r, "out of memory");
        return -1;
    }
    for (uint32_t j = 0; j < n; j++) {
        uint8_t p[6];
        if (evc_br_bytes(r, p, 6))
            goto fail;
        keys[j] = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                  (uint32_t)p[3] << 24;
        vals[j] = (uint16_t)(p[4] | p[5] << 8);
        if (keys[j] == 0 || (j && keys[j] <= keys[j - 1]) || vals[j] >= max_val) {
            evc_br_fail(r, what);
            goto fail;
        }
    }
    if (evc_kv16_init(m, keys, vals, n)) {
        evc_kv16_free(m);
        evc_br_fail(r, "out of memory");
        return -1;
    }
    return 0;
fail:
    free(keys);
    free(vals);
    memset(m, 0, sizeof *m);
    return -1;
}

void evc_kv16_free(evc_kv16 *m)
{
    if (!m)
        return;
    free(m->keys);
    free(m->vals);
    free(m->slots);
    memset(m, 0, sizeof *m);
}
