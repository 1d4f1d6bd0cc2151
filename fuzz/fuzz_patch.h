/* fuzz_patch.h: how the fuzz targets of binary files (fuzz_model.c,
 * fuzz_gazetteer_index.c) alter a good file with an input: input[0] bit 0
 * set cuts the file at the offset in input[1..2] (a fraction of its length
 * over 65536); the rest are patches of 4 bytes, a 3-byte offset (modulo the
 * length) and the byte to put there. Included by exactly one target each. */
#ifndef EVC_FUZZ_PATCH_H
#define EVC_FUZZ_PATCH_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A malloc'd copy of base[0..base_len) altered by data; *len its length
 * (at most base_len). NULL when out of memory. */
static uint8_t *fuzz_patch(const uint8_t *base, size_t base_len,
                           const uint8_t *data, size_t size, size_t *len)
{
    uint8_t *b = malloc(base_len);
    if (!b)
        return NULL;
    memcpy(b, base, base_len);
    size_t i = 0;
    *len = base_len;
    if (size >= 3 && (data[0] & 1)) {
        *len = ((size_t)data[1] << 8 | data[2]) * base_len / 65536;
        i = 3;
    } else if (size >= 1) {
        i = 1;
    }
    for (; i + 4 <= size; i += 4) {
        size_t off = ((size_t)data[i] << 16 | (size_t)data[i + 1] << 8 |
                      data[i + 2]) % base_len;
        b[off] = data[i + 3];
    }
    return b;
}

#endif
