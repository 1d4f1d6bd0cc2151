/* discards.c: loads PETRARCH discard lists (Phoenix.discards.txt,
 * PETR.Validate.discards.txt) into d->discards.
 *
 * One phrase per line (comments per evc_dict_reader): "+PHRASE" discards the
 * whole story (EVC_PHRASE_STORY), "PHRASE" the sentence. Words are separated
 * by blanks or '_' and match whole, case-insensitive sentence words, as
 * PETRARCH's check_discards does; a trailing '_' ("GROUP A_") only ends the
 * word. Payload is unused (0). */
#include "dict/dict.h"

#include <stdlib.h>
#include <string.h>

static evc_status discard_line(evc_dicts *d, evc_dict_reader *r, uint16_t file)
{
    char *p = r->text;
    while (*p == ' ' || *p == '\t')
        p++;
    evc_phrase ph;
    memset(&ph, 0, sizeof ph);
    if (*p == '+') {
        ph.flags = EVC_PHRASE_STORY;
        p++;
    }
    uint32_t ids[EVC_PHRASE_MAX_WORDS];
    size_t n = strlen(p);
    int nw = evc_dict_split_words(d, p, n, ids, EVC_PHRASE_MAX_WORDS);
    if (nw == -1)
        return evc_error_set(r->err, EVC_ERR_NOMEM, r->name, r->line, 0,
                             "out of memory");
    if (nw == -2)
        return evc_error_set(r->err, EVC_ERR_LIMIT, r->name, r->line,
                             (long)(p - r->text) + 1,
                             "more than %d words in the phrase",
                             EVC_PHRASE_MAX_WORDS);
    if (nw == 0)
        return evc_dict_reader_fail(r, p, "expected a discard phrase");
    ph.words = ids;
    ph.nwords = (uint16_t)nw;
    ph.line = (uint32_t)r->line;
    ph.file = file;
    ph.text = evc_arena_strndup(d->arena, p, n);
    if (!ph.text || evc_phrase_set_add(d, &d->discards, &ph) < 0)
        return evc_error_set(r->err, EVC_ERR_NOMEM, r->name, r->line, 0,
                             "out of memory");
    return EVC_OK;
}

evc_status evc_dict_parse_discards(evc_dicts *d, const char *name,
                                   const char *buf, size_t len, evc_error *err)
{
    evc_dict_reader r;
    evc_status st = evc_dict_reader_open(&r, name, buf, len, err);
    if (st != EVC_OK)
        return st;
    uint16_t file = evc_dicts_add_file(d, name);
    while ((st = evc_dict_reader_next(&r)) == EVC_OK)
        if ((st = discard_line(d, &r, file)) != EVC_OK)
            break;
    if (st == EVC_END)
        st = EVC_OK;
    evc_dict_reader_close(&r);
    return st;
}

evc_status evc_dict_load_discards(evc_dicts *d, const char *path, evc_error *err)
{
    return evc_dict_load_with(d, path, evc_dict_parse_discards, err);
}
