/* fuzz_xml.c: libFuzzer target for the PETRARCH XML reader (src/read/xml.c):
 * reads every record of the input and parses each <Parse> as CoNLL-U, as
 * `evcode validate` does. */
#include "evcode.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) /* fmemopen refuses an empty buffer */
        return 0;
    FILE *f = fmemopen((void *)data, size, "r");
    if (!f)
        return 0;
    evc_arena *a = evc_arena_new(0);
    evc_xml_reader *r = NULL;
    evc_error err;
    if (a && evc_xml_reader_open(f, "fuzz.xml", &r, &err) == EVC_OK) {
        evc_record rec;
        while (evc_xml_reader_next(r, a, &rec, &err) == EVC_OK) {
            if (!rec.id || !rec.text || (rec.ngold > 0 && !rec.gold))
                __builtin_trap();
            for (int i = 0; i < rec.ngold; i++)
                if (!rec.gold[i].source || !rec.gold[i].target ||
                    !rec.gold[i].code)
                    __builtin_trap();
            if (rec.parse) {
                evc_sentence s;
                evc_conllu_parse(rec.parse, strlen(rec.parse), a, &s,
                                 "fuzz.xml", rec.parse_line, &err);
            }
            evc_arena_reset(a);
        }
        const evc_environment *env = evc_xml_reader_environment(r);
        if (env->nactorfiles < 0 || env->nactorfiles > 8)
            __builtin_trap();
    }
    evc_xml_reader_close(r);
    evc_arena_free(a);
    fclose(f);
    return 0;
}
