/* cameo.c: evc_cameo_lookup, CAMEO code -> codebook facts (name, Goldstein,
 * quad class, root, PLOVER type/mode), by binary search over the table that
 * tools/gen_cameo.c generates into cameo_table.c from the CAMEO/PLOVER files. */
#include "evcode.h"

#include <stddef.h>
#include <stdint.h>

/* Defined in the generated cameo_table.c (declared there the same way). */
extern const size_t evc_cameo_table_size;
extern const uint32_t evc_cameo_keys[];
extern const evc_cameo_info evc_cameo_table[];

/* Exact match only: "042" and "0421"-style 3- and 4-digit codes and the
 * 2-digit roots ("04") are found; anything else is NULL, including codes the
 * PETRARCH dictionaries use that CAMEO does not ("075A", "080!", "023?",
 * "---"), surrounding blanks, and 4-digit codes CAMEO lacks ("0421"). There is
 * no fallback to the parent code: the caller decides whether "0421" should be
 * read as "042". Thread-safe; the result points into static storage. */
const evc_cameo_info *evc_cameo_lookup(const char *code)
{
    if (!code)
        return NULL;
    /* Pack the digits as the generator packed the keys, so one integer
     * compare per step replaces strcmp. */
    uint32_t key = 0;
    size_t n = 0;
    for (; n < 4 && code[n]; n++) {
        unsigned char c = (unsigned char)code[n];
        if (c < '0' || c > '9')
            return NULL;
        key |= (uint32_t)c << (24 - 8 * n);
    }
    if (n < 2 || code[n] != '\0')
        return NULL;

    size_t lo = 0, hi = evc_cameo_table_size;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t k = evc_cameo_keys[mid];
        if (k == key)
            return &evc_cameo_table[mid];
        if (k < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}
