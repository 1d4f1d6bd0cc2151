/* country.c: evc_country_known and evc_country_codes, the country codes
 * (ISO 3166-1 alpha-3 as CAMEO uses them) by binary search over the table
 * that tools/gen_country_codes.awk generates into country_codes.c. */
#include "evcode.h"

#include <string.h>

/* Defined in the generated country_codes.c (declared there the same way). */
extern const char evc_country_table[][4];
extern const size_t evc_country_table_size;

int evc_country_known(const char *code)
{
    if (!code || strlen(code) != 3)
        return 0;
    size_t lo = 0, hi = evc_country_table_size;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(evc_country_table[mid], code);
        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

const char *evc_country_codes(size_t i)
{
    return i < evc_country_table_size ? evc_country_table[i] : NULL;
}
