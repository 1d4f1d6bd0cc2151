/* dict_sent.h: test sentences made of blank-separated words, and the
 * dictionary phrase, actor code and agent code that start them; shared by
 * the dictionary tests. */
#ifndef EVC_TEST_DICT_SENT_H
#define EVC_TEST_DICT_SENT_H

#include "dict/dict.h"

#include <stdio.h>
#include <string.h>

#define TS_MAXTOK 64

/* A sentence whose token forms point into its own buffer; tok[0] is the
 * artificial root. */
typedef struct test_sent {
    evc_sentence s;
    evc_token tok[TS_MAXTOK + 1];
    char buf[1024];
} test_sent;

/* Splits `words` on blanks into tokens 1..n and looks their ids up in d. */
static void ts_make(test_sent *x, const evc_dicts *d, const char *words,
                    int32_t date)
{
    memset(x, 0, sizeof *x);
    snprintf(x->buf, sizeof x->buf, "%s", words);
    x->s.tok = x->tok;
    x->s.date = date;
    x->tok[0].form = "ROOT";
    int n = 0;
    for (char *p = strtok(x->buf, " "); p && n < TS_MAXTOK;
         p = strtok(NULL, " "))
        x->tok[++n].form = p;
    x->s.ntok = n;
    evc_dicts_prepare(d, &x->s);
}

/* The longest phrase of `set` starting at token `start` (1-based) of the
 * sentence `words`; *len gets its length. */
static const evc_phrase *ts_match(const evc_dicts *d, const evc_phrase_set *set,
                                  const char *words, int start, int *len)
{
    test_sent x;
    ts_make(&x, d, words, 0);
    return evc_phrase_set_match(d, set, &x.s, NULL, x.s.ntok + 1, start, len);
}

/* The actor code of the phrase that starts `words`, on `date`; "(none)" if
 * no phrase matches, "(null)" if one matches without a code for the date. */
static const char *ts_actor(const evc_dicts *d, const char *words,
                            int32_t date)
{
    int len;
    const evc_phrase *p = ts_match(d, &d->actors, words, 1, &len);
    if (!p)
        return "(none)";
    const char *c = evc_actor_code_on(d, p, date);
    return c ? c : "(null)";
}

/* The agent code (with '~' where the file puts it) of the phrase starting
 * `words`, or "(none)". Uses a static buffer. */
static const char *ts_agent(const evc_dicts *d, const char *words)
{
    static char buf[64];
    int len;
    const evc_phrase *p = ts_match(d, &d->agents, words, 1, &len);
    if (!p)
        return "(none)";
    const char *c = d->agent_codes[p->payload];
    if (p->flags & EVC_PHRASE_AGENT_SUFFIX)
        snprintf(buf, sizeof buf, "%s~", c);
    else
        snprintf(buf, sizeof buf, "~%s", c);
    return buf;
}

#endif
