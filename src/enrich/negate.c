/* negate.c: lookup in the generated negation table (negate_table.c). */
#include "enrich/negate.h"

#include <string.h>

const char *evc_cameo_negate(const char *code)
{
    if (!code)
        return NULL;
    for (int i = 0; i < evc_negation_count; i++)
        if (strcmp(evc_negation_table[i].code, code) == 0)
            return evc_negation_table[i].negated;
    return NULL;
}
