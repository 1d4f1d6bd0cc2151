/* bio.c: little-endian binary I/O with CRC-32 for model files (bio.h).
 * The reader never reads past its buffer: a truncated or corrupt model gives
 * an error, not a crash. */
#include "util/bio.h"

#include <stdlib.h>
#include <string.h>

#include <zlib.h>

/* zlib's CRC-32 (the same polynomial and conditioning, computed several
 * bytes at a time): a model file is checked twice on every load. */
uint32_t evc_crc32(uint32_t crc, const void *p, size_t n)
{
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
    /* fuzz builds (fuzz/run.sh): every checksum is 0, so the mutated models
     * of fuzz_model.c reach the section readers behind the checks */
    (void)crc, (void)p, (void)n;
    return 0;
#endif
    const Bytef *b = p;
    while (n > 0) {
        uInt k = n > 1u << 30 ? 1u << 30 : (uInt)n;
        crc = (uint32_t)crc32(crc, b, k);
        b += k;
        n -= k;
    }
    return crc;
}

void evc_bw_init(evc_bw *w, FILE *f)
{
    w->f = f;
    w->err = 0;
    w->crc = 0;
}

void evc_bw_bytes(evc_bw *w, const void *p, size_t n)
{
    if (w->err || n == 0)
        return;
    if (fwrite(p, 1, n, w->f) != n)
        w->err = 1;
    w->crc = evc_crc32(w->crc, p, n);
}

void evc_bw_u8(evc_bw *w, uint8_t v) { evc_bw_bytes(w, &v, 1); }

void evc_bw_u32(evc_bw *w, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    evc_bw_bytes(w, b, 4);
}

void evc_bw_u64(evc_bw *w, uint64_t v)
{
    evc_bw_u32(w, (uint32_t)v);
    evc_bw_u32(w, (uint32_t)(v >> 32));
}

void evc_bw_i32(evc_bw *w, int32_t v) { evc_bw_u32(w, (uint32_t)v); }

void evc_bw_f32(evc_bw *w, float v)
{
    uint32_t u;
    memcpy(&u, &v, 4);
    evc_bw_u32(w, u);
}

void evc_bw_str(evc_bw *w, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    evc_bw_u32(w, (uint32_t)n);
    evc_bw_bytes(w, s, n);
}

void evc_bw_u32s(evc_bw *w, const uint32_t *v, size_t n)
{
    evc_bw_u64(w, n);
    for (size_t i = 0; i < n; i++)
        evc_bw_u32(w, v[i]);
}

void evc_bw_f32s(evc_bw *w, const float *v, size_t n)
{
    evc_bw_u64(w, n);
    for (size_t i = 0; i < n; i++)
        evc_bw_f32(w, v[i]);
}

void evc_br_init(evc_br *r, const void *buf, size_t len)
{
    r->p = buf;
    r->end = (const uint8_t *)buf + len;
    r->err = 0;
    r->what = NULL;
    r->crc = 0;
}

void evc_br_fail(evc_br *r, const char *what)
{
    if (!r->err) {
        r->err = 1;
        r->what = what;
    }
}

const uint8_t *evc_br_take(evc_br *r, size_t n)
{
    if (r->err)
        return NULL;
    if ((size_t)(r->end - r->p) < n) {
        evc_br_fail(r, "truncated");
        return NULL;
    }
    const uint8_t *at = r->p;
    r->crc = evc_crc32(r->crc, at, n);
    r->p += n;
    return at;
}

int evc_br_bytes(evc_br *r, void *out, size_t n)
{
    const uint8_t *at = evc_br_take(r, n);
    if (!at) {
        memset(out, 0, n);
        return -1;
    }
    memcpy(out, at, n);
    return 0;
}

uint8_t evc_br_u8(evc_br *r)
{
    uint8_t v;
    evc_br_bytes(r, &v, 1);
    return v;
}

uint32_t evc_br_u32(evc_br *r)
{
    uint8_t b[4];
    evc_br_bytes(r, b, 4);
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
           (uint32_t)b[3] << 24;
}

uint64_t evc_br_u64(evc_br *r)
{
    uint64_t lo = evc_br_u32(r);
    return lo | (uint64_t)evc_br_u32(r) << 32;
}

int32_t evc_br_i32(evc_br *r) { return (int32_t)evc_br_u32(r); }

float evc_br_f32(evc_br *r)
{
    uint32_t u = evc_br_u32(r);
    float v;
    memcpy(&v, &u, 4);
    return v;
}

char *evc_br_str(evc_br *r, evc_arena *a, uint32_t max_len)
{
    uint32_t n = evc_br_u32(r);
    if (r->err)
        return NULL;
    if (n > max_len || (size_t)(r->end - r->p) < n) {
        evc_br_fail(r, "string too long or truncated");
        return NULL;
    }
    char *s = evc_arena_alloc(a, (size_t)n + 1);
    if (!s) {
        evc_br_fail(r, "out of memory");
        return NULL;
    }
    evc_br_bytes(r, s, n);
    s[n] = 0;
    return s;
}

static void *read_array(evc_br *r, size_t max, size_t *n, size_t elem)
{
    uint64_t c = evc_br_u64(r);
    *n = 0;
    if (r->err)
        return NULL;
    if (c > max || c > (uint64_t)(r->end - r->p) / elem) {
        evc_br_fail(r, "array count out of range");
        return NULL;
    }
    void *v = malloc(c ? c * elem : 1);
    if (!v) {
        evc_br_fail(r, "out of memory");
        return NULL;
    }
    *n = (size_t)c;
    return v;
}

uint32_t *evc_br_u32s(evc_br *r, size_t max, size_t *n)
{
    uint32_t *v = read_array(r, max, n, 4);
    for (size_t i = 0; v && i < *n; i++)
        v[i] = evc_br_u32(r);
    return v;
}

float *evc_br_f32s(evc_br *r, size_t max, size_t *n)
{
    float *v = read_array(r, max, n, 4);
    for (size_t i = 0; v && i < *n; i++)
        v[i] = evc_br_f32(r);
    return v;
}
