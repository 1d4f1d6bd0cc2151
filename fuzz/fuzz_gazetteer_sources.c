/* fuzz_gazetteer_sources.c: libFuzzer target for the readers of the
 * gazetteer's sources (src/geo/build.c: countries.json, the admin1/admin2
 * JSON lists, admin1_derived.tsv, cities500.txt, the aliases file) and for
 * the dateline reader (src/geo/places.c). The input is split at "\n@@\n"
 * into up to eight parts: the six sources in their order, then an article
 * text and a dateline field. Whatever the readers accept must build an
 * index that passes gz_attach and answers lookups; a reader that refuses
 * must say where and what. */
#include "evcode.h"
#include "fuzz_geo_common.h"
#include "geo/geo.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *part[8] = {0};
    size_t len[8] = {0};
    const char *p = (const char *)data, *end = p + size;
    int n = 0;
    while (n < 8) {
        const char *sep = NULL;
        for (const char *q = p; q + 4 <= end; q++)
            if (!memcmp(q, "\n@@\n", 4)) {
                sep = q;
                break;
            }
        part[n] = p;
        len[n] = (size_t)((sep ? sep : end) - p);
        n++;
        if (!sep)
            break;
        p = sep + 4;
    }
    gz_builder *b = gz_builder_new();
    if (!b)
        return 0;
    evc_error err;
    memset(&err, 0, sizeof err);
    evc_status st = EVC_OK;
    for (int i = 0; i < 6 && i < n && !st; i++) {
        switch (i) {
        case 0: st = gz_read_countries(b, part[i], len[i], "c.json", &err); break;
        case 1: st = gz_read_admin_json(b, 1, part[i], len[i], "a1.json", &err); break;
        case 2: st = gz_read_admin1_derived(b, part[i], len[i], "d.tsv", &err); break;
        case 3: st = gz_read_admin_json(b, 2, part[i], len[i], "a2.json", &err); break;
        case 4: st = gz_read_cities(b, part[i], len[i], "cities.txt", &err); break;
        default: st = gz_read_aliases(b, part[i], len[i], "al.txt", &err); break;
        }
    }
    if (st) {
        if (!err.message[0] || !err.file[0])
            __builtin_trap();
        gz_builder_free(b);
        return 0;
    }
    unsigned char *img = NULL;
    size_t isize = 0;
    if (gz_builder_finish(b, 1, &img, &isize, &err) == EVC_OK) {
        struct evc_gazetteer g;
        if (gz_attach(&g, img, isize, "built", &err) != EVC_OK)
            __builtin_trap(); /* the builder wrote what the reader refuses */
        char *text = n > 6 ? strndup(part[6], len[6]) : NULL;
        char *dl = n > 7 ? strndup(part[7], len[7]) : NULL;
        fuzz_geo_exercise(&g, text, dl);
        free(text);
        free(dl);
        free(img);
    }
    gz_builder_free(b);
    return 0;
}
