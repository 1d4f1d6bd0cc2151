/* bio.h: binary writer and bounds-checked reader for model files
 * (little-endian integers and floats, length-prefixed strings and arrays,
 * CRC-32 over everything written or read). Internal to libevcode. */
#ifndef EVC_BIO_H
#define EVC_BIO_H

#include "evcode.h"

#include <stdint.h>
#include <stdio.h>

/* Writer: errors are sticky; check bw.err (0 = fine) once at the end. */
typedef struct evc_bw {
    FILE *f;
    int err;
    uint32_t crc;
} evc_bw;

void evc_bw_init(evc_bw *w, FILE *f);
void evc_bw_bytes(evc_bw *w, const void *p, size_t n);
void evc_bw_u8(evc_bw *w, uint8_t v);
void evc_bw_u32(evc_bw *w, uint32_t v);
void evc_bw_u64(evc_bw *w, uint64_t v);
void evc_bw_i32(evc_bw *w, int32_t v);
void evc_bw_f32(evc_bw *w, float v);
void evc_bw_str(evc_bw *w, const char *s); /* u32 length + bytes */
/* Arrays: u64 count, then the elements, each little-endian. */
void evc_bw_u32s(evc_bw *w, const uint32_t *v, size_t n);
void evc_bw_f32s(evc_bw *w, const float *v, size_t n);

/* Reader over a buffer in memory. On any overrun or bad value it sets
 * err (and what) and returns zeros from then on, so a caller may read a
 * whole section and check once. */
typedef struct evc_br {
    const uint8_t *p, *end;
    int err;
    const char *what; /* a static description of the first problem */
    uint32_t crc;
} evc_br;

void evc_br_init(evc_br *r, const void *buf, size_t len);
int evc_br_bytes(evc_br *r, void *out, size_t n);
/* The next n bytes where they are (counted in the checksum), or NULL. */
const uint8_t *evc_br_take(evc_br *r, size_t n);
uint8_t evc_br_u8(evc_br *r);
uint32_t evc_br_u32(evc_br *r);
uint64_t evc_br_u64(evc_br *r);
int32_t evc_br_i32(evc_br *r);
float evc_br_f32(evc_br *r);
/* A string copied into the arena (NUL-terminated); max_len bounds it. */
char *evc_br_str(evc_br *r, evc_arena *a, uint32_t max_len);
/* Arrays written by evc_bw_u32s / evc_bw_f32s: the count is checked against
 * max and the bytes left; *n gets the count; storage is malloc'd (caller
 * frees) so large models need not sit in an arena. */
uint32_t *evc_br_u32s(evc_br *r, size_t max, size_t *n);
float *evc_br_f32s(evc_br *r, size_t max, size_t *n);
void evc_br_fail(evc_br *r, const char *what);

uint32_t evc_crc32(uint32_t crc, const void *p, size_t n);

#endif
