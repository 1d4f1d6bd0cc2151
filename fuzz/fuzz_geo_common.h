/* fuzz_geo_common.h: what the gazetteer fuzz targets share: a tiny parsed
 * sentence with place-like names, and the exercise of a gazetteer that
 * loaded (lookups, mentions, locations), checking their contracts. Included
 * by exactly one fuzz_gazetteer_*.c each (a target is one translation
 * unit). */
#ifndef EVC_FUZZ_GEO_COMMON_H
#define EVC_FUZZ_GEO_COMMON_H

#include "evcode.h"

#include <string.h>

/* "Rebels attacked a school in Lower Kastle , Zedland ." */
static const char fuzz_geo_conllu[] =
    "1\tRebels\trebel\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
    "2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\ta\ta\tDET\tDT\t_\t4\tdet\t_\t_\n"
    "4\tschool\tschool\tNOUN\tNN\t_\t2\tobj\t_\t_\n"
    "5\tin\tin\tADP\tIN\t_\t7\tcase\t_\t_\n"
    "6\tLower\tLower\tPROPN\tNNP\t_\t7\tcompound\t_\t_\n"
    "7\tKastle\tKastle\tPROPN\tNNP\t_\t2\tobl\t_\t_\n"
    "8\t,\t,\tPUNCT\t,\t_\t9\tpunct\t_\t_\n"
    "9\tZedland\tZedland\tPROPN\tNNP\t_\t7\tappos\t_\t_\n"
    "10\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n";

static void fuzz_check_place(const evc_place *p)
{
    if (!p->name || !p->feature_code || !p->gn_code || !p->admin1 ||
        !p->admin1_iso || !p->admin1_gn || !p->country || !p->country2 ||
        !p->country_name || p->kind < EVC_PLACE_CITY || p->kind > EVC_PLACE_REGION)
        __builtin_trap();
    if (p->has_coords && (p->lat < -90 || p->lat > 90 || p->lon < -180 || p->lon > 180))
        __builtin_trap();
}

/* Looks names up, finds the mentions of the sentence (with `text` and
 * `dateline` as the article's, either may be NULL) and places an event. */
static void fuzz_geo_exercise(const evc_gazetteer *g, const char *text,
                              const char *dateline)
{
    static const char *const names[] = {"Springfield", "Lower Kastle", "Kastle",
                                        "Zedland", "HP", "Zed Vale", "Ill.",
                                        "Nowhere", "Murren City", ""};
    evc_place p[4];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        int n = evc_gazetteer_lookup(g, names[i], p, 4);
        for (int k = 0; k < n && k < 4; k++)
            fuzz_check_place(&p[k]);
    }
    if (evc_gazetteer_country(g, "ZZZ", p))
        fuzz_check_place(&p[0]);
    evc_arena *a = evc_arena_new(0);
    evc_sentence s;
    evc_error err;
    if (!a || evc_conllu_parse(fuzz_geo_conllu, sizeof fuzz_geo_conllu - 1, a, &s,
                               "fuzz", 1, &err) != EVC_OK) {
        evc_arena_free(a);
        return;
    }
    evc_geo_doc *d;
    if (evc_geo_doc_new(g, &s, 1, text, dateline, a, &d, &err) == EVC_OK) {
        const evc_place_mention *m;
        int n = evc_geo_doc_mentions(d, &m);
        for (int i = 0; i < n; i++) {
            fuzz_check_place(&m[i].place);
            if (!m[i].text || !m[i].how || m[i].sentence < -1 || m[i].sentence > 0)
                __builtin_trap();
        }
        evc_event e;
        memset(&e, 0, sizeof e);
        e.verb = 2;
        e.source.root = "ZZZ";
        e.target.root = "USA";
        evc_location loc;
        if (evc_geo_locate(d, 0, &e, &loc)) {
            fuzz_check_place(&loc.place);
            if (!loc.method || !loc.text)
                __builtin_trap();
        }
    }
    evc_arena_free(a);
}

#endif
