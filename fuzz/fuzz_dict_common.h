/* fuzz_dict_common.h: the body shared by the libFuzzer targets of the
 * actor, agent, discard and issue loaders: parse the input as a dictionary
 * file with one loader and, if it loads, match a sentence made of the
 * dictionary's own words against every phrase set. Included by exactly one
 * fuzz_dict_*.c each (a fuzz target is one translation unit). */
#ifndef EVC_FUZZ_DICT_COMMON_H
#define EVC_FUZZ_DICT_COMMON_H

#include "dict/dict.h"

#include <stdint.h>
#include <string.h>

typedef evc_status (*parse_fn)(evc_dicts *, const char *, const char *, size_t,
                               evc_error *);

/* Builds a sentence from up to 12 words of the table (picked by the input's
 * bytes), then matches from every token. */
static void exercise(const evc_dicts *d, const uint8_t *data, size_t size)
{
    evc_token tok[13];
    evc_sentence s;
    memset(tok, 0, sizeof tok);
    memset(&s, 0, sizeof s);
    s.tok = tok;
    tok[0].form = "ROOT";
    int n = 0;
    for (size_t i = 0; i < size && n < 12 && d->words.nwords; i += 7) {
        size_t id = 1 + (data[i] * 131u + i) % d->words.nwords;
        tok[++n].form = d->words.words[id];
        tok[n].lemma = i % 2 ? d->words.words[id] : "_";
    }
    s.ntok = n;
    evc_dicts_prepare(d, &s);
    const evc_phrase_set *sets[] = {&d->actors, &d->agents, &d->discards,
                                    &d->issues};
    for (size_t k = 0; k < 4; k++)
        for (int i = 1; i <= n; i++) {
            int len;
            const evc_phrase *p =
                evc_phrase_set_match(d, sets[k], &s, NULL, n + 1, i, &len);
            if (p && k == 0) {
                (void)evc_actor_code_on(d, p, 0);
                (void)evc_actor_code_on(d, p, 19950601);
                (void)evc_actor_code_on(d, p, 20200101);
            }
        }
}

static int fuzz_dict_parse(const uint8_t *data, size_t size, parse_fn parse)
{
    evc_dicts *d;
    if (evc_dicts_new(&d, NULL) != EVC_OK)
        return 0;
    evc_error err;
    memset(&err, 0, sizeof err);
    if (parse(d, "fuzz", (const char *)data, size, &err) ==
            EVC_OK &&
        evc_dicts_finish(d, &err) == EVC_OK) {
        evc_dict_stats st;
        evc_dicts_stats(d, &st);
        exercise(d, data, size);
    } else {
        char msg[600];
        evc_error_format(&err, msg, sizeof msg);
    }
    evc_dicts_free(d);
    return 0;
}

#endif
