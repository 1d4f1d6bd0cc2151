/* agents.c: loads PETRARCH agent dictionaries (Phoenix.agents.txt,
 * PETR.Validate.agents.txt) into d->agents and d->agent_codes.
 *
 * The grammar, as the files use it (comments per evc_dict_reader):
 *   !NAME! = ITEM, ITEM, ...         a substitution set
 *   PHRASE [~CODE]                   an agent whose code follows the actor's
 *   PHRASE [CODE~]                   ... or precedes it (EVC_PHRASE_AGENT_SUFFIX)
 *   PHRASE {PLURAL} [~CODE]          an irregular plural; "{}" = no plural
 *   PRE!NAME!POST [~CODE]            one agent per ITEM, no plurals
 * Without {...} the regular plural is added (evc_noun_plural). PETRARCH forms
 * it from the last letter (Y -> IES, S -> +ES, else +S) and so mangles a
 * phrase ending in '_' ("MINISTRY_" -> "MINISTRY S"); here a trailing '_' is
 * dropped first and vowel+Y, X, Z, CH, SH follow English, as the Phoenix
 * file's header ("regular plurals have been removed") intends. A line without
 * any "[...]" code is skipped, as PETRARCH skips it. Payload = index into
 * d->agent_codes (the code without its '~'). */
#include "dict/dict.h"

#include <stdlib.h>
#include <string.h>

typedef struct marker {
    char *name;
    size_t nlen;
    size_t first, n; /* items[first .. first+n) */
} marker;

typedef struct item {
    const char *s;
    size_t n;
} item;

typedef struct agent_loader {
    evc_dicts *d;
    evc_dict_reader r;
    uint16_t file;
    marker *marks;
    size_t nmarks, cap_marks;
    item *items;
    size_t nitems, cap_items;
    char *scratch;
    size_t cap_scratch;
    evc_code_index codes;      /* d->agent_codes by string */
    evc_code_index mark_index; /* marks by name */
} agent_loader;

static bool blank(char c)
{
    return c == ' ' || c == '\t';
}

static evc_status oom(agent_loader *L)
{
    return evc_error_set(L->r.err, EVC_ERR_NOMEM, L->r.name, L->r.line, 0,
                         "out of memory");
}

/* s[0..n) without leading and trailing blanks. */
static const char *trim(const char *s, size_t *n)
{
    while (*n > 0 && blank(*s)) {
        s++;
        (*n)--;
    }
    while (*n > 0 && blank(s[*n - 1]))
        (*n)--;
    return s;
}

static char *scratch(agent_loader *L, size_t need)
{
    char *p = evc_dict_grow(L->scratch, &L->cap_scratch, need, 1);
    if (p)
        L->scratch = p;
    return p;
}

/* Adds phrase s[0..n) with agent code index `code`. `at` locates errors. */
static evc_status add_agent(agent_loader *L, const char *at, const char *s,
                            size_t n, uint32_t code, uint16_t flags)
{
    uint32_t ids[EVC_PHRASE_MAX_WORDS];
    int nw = evc_dict_split_words(L->d, s, n, ids, EVC_PHRASE_MAX_WORDS);
    if (nw == -1)
        return oom(L);
    if (nw == -2)
        return evc_error_set(L->r.err, EVC_ERR_LIMIT, L->r.name, L->r.line,
                             0, "more than %d words in the phrase",
                             EVC_PHRASE_MAX_WORDS);
    if (nw == 0)
        return evc_dict_reader_fail(&L->r, at, "expected an agent phrase");
    evc_phrase p;
    memset(&p, 0, sizeof p);
    p.words = ids;
    p.nwords = (uint16_t)nw;
    p.flags = flags;
    p.payload = code;
    p.line = (uint32_t)L->r.line;
    p.file = L->file;
    p.text = evc_arena_strndup(L->d->arena, s, n);
    if (!p.text || evc_phrase_set_add_split(L->d, &L->d->agents, &p) < 0)
        return oom(L);
    return EVC_OK;
}

/* "!NAME! = A, B, C": (re)defines a substitution set. */
static evc_status define_marker(agent_loader *L, char *p)
{
    if (*p != '!')
        return evc_dict_reader_fail(&L->r, p, "expected '!NAME!' before '='");
    char *e = strchr(p + 1, '!');
    if (!e)
        return evc_dict_reader_fail(&L->r, p, "expected '!' closing the "
                                              "substitution marker");
    if (e == p + 1)
        return evc_dict_reader_fail(&L->r, e, "expected a marker name");
    char *q = e + 1;
    while (blank(*q))
        q++;
    if (*q != '=')
        return evc_dict_reader_fail(&L->r, q, "expected '=' after the "
                                              "substitution marker");
    size_t nlen = (size_t)(e - p - 1);
    long mi = evc_code_index_find(&L->mark_index, p + 1, nlen, NULL);
    marker *m;
    if (mi >= 0) {
        m = &L->marks[mi]; /* redefined: the new list replaces the old */
    } else {
        marker *v = evc_dict_grow(L->marks, &L->cap_marks, L->nmarks + 1,
                                  sizeof *v);
        if (!v)
            return oom(L);
        L->marks = v;
        m = &L->marks[L->nmarks];
        m->name = evc_arena_strndup(L->d->arena, p + 1, nlen);
        if (!m->name || evc_code_index_add(&L->mark_index, m->name, nlen,
                                           (uint32_t)L->nmarks))
            return oom(L);
        L->nmarks++;
        m->nlen = nlen;
    }
    m->first = L->nitems;
    m->n = 0;
    for (char *s = q + 1;;) {
        char *c = strchr(s, ',');
        size_t n = c ? (size_t)(c - s) : strlen(s);
        const char *t = trim(s, &n);
        if (n > 0) {
            item *v = evc_dict_grow(L->items, &L->cap_items, L->nitems + 1,
                                    sizeof *v);
            if (!v)
                return oom(L);
            L->items = v;
            const char *copy = evc_arena_strndup(L->d->arena, t, n);
            if (!copy)
                return oom(L);
            L->items[L->nitems].s = copy;
            L->items[L->nitems].n = n;
            L->nitems++;
            m->n++;
        }
        if (!c)
            break;
        s = c + 1;
    }
    if (m->n == 0)
        return evc_dict_reader_fail(&L->r, q + 1, "expected a list of words "
                                                  "after '='");
    return EVC_OK;
}

/* The index of code c[0..n) in d->agent_codes, adding it if new. */
static long agent_code(agent_loader *L, const char *c, size_t n)
{
    evc_dicts *d = L->d;
    long i = evc_code_index_find(&L->codes, c, n, NULL);
    if (i >= 0)
        return i;
    const char **v = evc_dict_grow((void *)d->agent_codes, &d->cap_agent_codes,
                                   d->nagent_codes + 1, sizeof *v);
    if (!v)
        return -1;
    d->agent_codes = v;
    const char *copy = evc_arena_strndup(d->arena, c, n);
    if (!copy || evc_code_index_add(&L->codes, copy, n,
                                    (uint32_t)d->nagent_codes))
        return -1;
    d->agent_codes[d->nagent_codes] = copy;
    return (long)d->nagent_codes++;
}

/* "HEAD [CODE]" with '[' at lb and ']' at rb. */
static evc_status agent_entry(agent_loader *L, char *head, char *lb, char *rb)
{
    for (char *k = rb + 1; *k; k++)
        if (!blank(*k))
            return evc_dict_reader_fail(&L->r, k, "expected the end of the "
                                                  "line after the code");
    size_t cn = (size_t)(rb - lb - 1);
    const char *c = trim(lb + 1, &cn);
    uint16_t flags = 0;
    if (cn > 0 && c[0] == '~') {
        c++;
        cn--;
    } else if (cn > 0 && c[cn - 1] == '~') {
        cn--;
        flags = EVC_PHRASE_AGENT_SUFFIX;
    } else {
        return evc_dict_reader_fail(&L->r, lb + 1, "expected '~CODE' or "
                                                   "'CODE~' inside '[ ]'");
    }
    if (cn == 0)
        return evc_dict_reader_fail(&L->r, lb + 1, "expected a code next to "
                                                   "'~'");
    for (size_t i = 0; i < cn; i++)
        if (blank(c[i]) || c[i] == '~')
            return evc_dict_reader_fail(&L->r, c + i, "expected one code "
                                                      "without blanks");
    long code = agent_code(L, c, cn);
    if (code < 0)
        return oom(L);

    size_t hn = (size_t)(lb - head);
    const char *h = trim(head, &hn);
    if (hn == 0)
        return evc_dict_reader_fail(&L->r, head, "expected an agent phrase "
                                                 "before the code");
    const char *bang = memchr(h, '!', hn);
    if (bang) {
        const char *end = memchr(bang + 1, '!', hn - (size_t)(bang + 1 - h));
        if (!end)
            return evc_dict_reader_fail(&L->r, bang, "expected '!' closing the "
                                                     "substitution marker");
        size_t nlen = (size_t)(end - bang - 1);
        long mi = evc_code_index_find(&L->mark_index, bang + 1, nlen, NULL);
        if (mi < 0)
            return evc_dict_reader_fail(&L->r, bang, "undefined substitution "
                                        "marker !%.*s!", (int)nlen, bang + 1);
        const marker *m = &L->marks[mi];
        size_t pre = (size_t)(bang - h), post = hn - (size_t)(end + 1 - h);
        for (size_t i = 0; i < m->n; i++) {
            const item *it = &L->items[m->first + i];
            char *s = scratch(L, pre + it->n + post + 1);
            if (!s)
                return oom(L);
            memcpy(s, h, pre);
            memcpy(s + pre, it->s, it->n);
            memcpy(s + pre + it->n, end + 1, post);
            evc_status st = add_agent(L, bang, s, pre + it->n + post,
                                      (uint32_t)code, flags);
            if (st != EVC_OK)
                return st;
        }
        return EVC_OK;
    }
    const char *ob = memchr(h, '{', hn);
    if (ob) {
        const char *cb = memchr(ob, '}', hn - (size_t)(ob - h));
        if (!cb)
            return evc_dict_reader_fail(&L->r, ob, "expected '}' closing the "
                                                   "plural");
        if (cb + 1 != h + hn)
            return evc_dict_reader_fail(&L->r, cb + 1, "expected the code "
                                                       "after '}'");
        size_t an = (size_t)(ob - h);
        const char *a = trim(h, &an);
        evc_status st = add_agent(L, h, a, an, (uint32_t)code, flags);
        if (st != EVC_OK)
            return st;
        size_t pn = (size_t)(cb - ob - 1);
        const char *pl = trim(ob + 1, &pn);
        if (pn == 0)
            return EVC_OK; /* "{}": no plural */
        return add_agent(L, ob + 1, pl, pn, (uint32_t)code, flags);
    }
    if (memchr(h, '}', hn))
        return evc_dict_reader_fail(&L->r, memchr(h, '}', hn),
                                    "expected '{' before '}'");
    evc_status st = add_agent(L, h, h, hn, (uint32_t)code, flags);
    if (st != EVC_OK)
        return st;
    char *s = scratch(L, hn + 3);
    if (!s)
        return oom(L);
    size_t pn = evc_noun_plural(s, hn + 3, h, hn);
    if (pn == 0)
        return EVC_OK;
    return add_agent(L, h, s, pn, (uint32_t)code, flags);
}

static evc_status agent_line(agent_loader *L)
{
    char *p = L->r.text;
    while (blank(*p))
        p++;
    if (strchr(p, '!') && strchr(p, '=')) /* PETRARCH's test */
        return define_marker(L, p);
    char *lb = strchr(p, '[');
    if (!lb) {
        char *rb = strchr(p, ']');
        if (rb)
            return evc_dict_reader_fail(&L->r, rb, "expected '[' before ']'");
        return EVC_OK; /* no code: PETRARCH skips the line */
    }
    char *rb = strchr(lb, ']');
    if (!rb) {
        /* "[~ENV}": in Phoenix.agents.txt, and PETRARCH's own documentation
         * writes "[~LEG}"; a '}' ending the line closes the code */
        char *e = lb + strlen(lb);
        if (e > lb + 1 && e[-1] == '}' && !memchr(lb, '{', (size_t)(e - lb)))
            rb = e - 1;
    }
    char *lb2 = strchr(lb + 1, '[');
    if (!rb || (lb2 && lb2 < rb))
        return evc_dict_reader_fail(&L->r, lb, "expected ']' closing the code");
    return agent_entry(L, p, lb, rb);
}

evc_status evc_dict_parse_agents(evc_dicts *d, const char *name,
                                 const char *buf, size_t len, evc_error *err)
{
    agent_loader L;
    memset(&L, 0, sizeof L);
    L.d = d;
    evc_status st = evc_dict_reader_open(&L.r, name, buf, len, err);
    if (st != EVC_OK)
        return st;
    L.file = evc_dicts_add_file(d, name);
    st = evc_code_index_fill(&L.codes, d->agent_codes, d->nagent_codes, name, err);
    while (st == EVC_OK && (st = evc_dict_reader_next(&L.r)) == EVC_OK)
        if ((st = agent_line(&L)) != EVC_OK)
            break;
    if (st == EVC_END)
        st = EVC_OK;
    evc_dict_reader_close(&L.r);
    evc_code_index_release(&L.codes);
    evc_code_index_release(&L.mark_index);
    free(L.marks);
    free(L.items);
    free(L.scratch);
    return st;
}

evc_status evc_dict_load_agents(evc_dicts *d, const char *path, evc_error *err)
{
    return evc_dict_load_with(d, path, evc_dict_parse_agents, err);
}
