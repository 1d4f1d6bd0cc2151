/* fuzz_dates.c: libFuzzer target for the event-date resolver
 * (src/enrich/dates.c): the input as one CoNLL-U sentence, whose words and
 * tree come from outside, resolved for every verb position against article
 * dates at the ends of the calendar and in between. */
#include "evcode.h"

#include <stdint.h>
#include <string.h>

/* A result is a real date with its method, or no date with "none". */
static void check(const evc_sentence *s, const evc_date_res *r)
{
    if (!r->method)
        __builtin_trap();
    if (r->date) {
        if (!evc_date_valid(r->date) || evc_date_to_day(r->date) != r->day ||
            strlen(r->iso) != 10 || r->gran == EVC_DATE_NONE)
            __builtin_trap();
    } else if (strcmp(r->method, "none") != 0 || r->iso[0]) {
        __builtin_trap();
    }
    if (r->first < 0 || r->last < r->first || r->last > s->ntok)
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int32_t dates[] = {0, 10101, 10102, 19870226, 20240229, 20241231,
                                    99991230, 99991231};
    evc_arena *a = evc_arena_new(0);
    if (!a)
        return 0;
    evc_sentence s;
    evc_error err;
    if (evc_conllu_parse((const char *)data, size, a, &s, "fuzz", 1, &err) == EVC_OK) {
        for (size_t k = 0; k < sizeof dates / sizeof dates[0]; k++)
            for (int v = -1; v <= s.ntok + 1; v++) {
                evc_date_res r;
                if (evc_event_date_resolve(&s, v, dates[k], &r) != EVC_OK)
                    __builtin_trap();
                check(&s, &r);
            }
    }
    evc_arena_free(a);
    return 0;
}
