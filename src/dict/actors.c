/* actors.c: loads PETRARCH/TABARI actor dictionaries (Phoenix.*.actors.txt,
 * PETR.Validate.actors.txt) into d->actors and d->actor_codes.
 *
 * The grammar, as the files use it (comments per evc_dict_reader):
 *   NAME_PHRASE [CODE] [CODE DATES] ...   an entry; codes are optional here
 *   +SYNONYM_PHRASE                        more phrases of the same entry
 *   \t[CODE] or \t[CODE DATES] [..] ...    code lines (indented) of the entry
 * where DATES is "<D", ">D" or "D-D" (blanks allowed around the parts) and D
 * is yymmdd or yyyymmdd (see evc_dict_parse_date); a bare "D" is read as
 * ">D". Text after the last code group of a line is a note, ignored.
 * Every phrase of an entry shares the entry's codes: phrase payload = index
 * of the first code in d->actor_codes, flags = count.
 * An entry line that follows an entry still without codes joins it, as in
 * PETRARCH1 (Phoenix lists "LEONID_BREZHNEV_", "LEONID_ILYICH_BREZHNEV", ...
 * and then their codes); an entry left with no code at all adds nothing.
 * Special codes such as "---" (PETRARCH's null actor) and "+++" are stored
 * as written: PETRARCH gives them no meaning of their own. */
#include "dict/dict.h"

#include <stdlib.h>
#include <string.h>

/* Repeated codes ("AFG") share one copy in the arena; case is kept. */
static const char *code_string(evc_code_index *x, evc_arena *a, const char *s,
                               size_t n)
{
    const char *c;
    if (evc_code_index_find(x, s, n, &c) >= 0)
        return c;
    c = evc_arena_strndup(a, s, n);
    if (!c || evc_code_index_add(x, c, n, 0))
        return NULL;
    return c;
}

typedef struct actor_loader {
    evc_dicts *d;
    evc_dict_reader r;
    uint16_t file;
    evc_code_index codes;
    bool in_entry;
    size_t first_phrase; /* the entry's phrases are d->actors.v[first..n) */
    size_t first_code;   /* its codes are d->actor_codes[first..n) */
} actor_loader;

static bool blank(char c)
{
    return c == ' ' || c == '\t';
}

static evc_status oom(actor_loader *L)
{
    return evc_error_set(L->r.err, EVC_ERR_NOMEM, L->r.name, L->r.line, 0,
                         "out of memory");
}

/* Adds the phrase s[0..n) (as written) to the current entry. */
static evc_status add_phrase(actor_loader *L, const char *s, size_t n)
{
    while (n > 0 && blank(s[n - 1]))
        n--;
    uint32_t ids[EVC_PHRASE_MAX_WORDS];
    int nw = evc_dict_split_words(L->d, s, n, ids, EVC_PHRASE_MAX_WORDS);
    if (nw == -1)
        return oom(L);
    if (nw == -2)
        return evc_error_set(L->r.err, EVC_ERR_LIMIT, L->r.name, L->r.line,
                             (long)(s - L->r.text) + 1,
                             "more than %d words in the phrase",
                             EVC_PHRASE_MAX_WORDS);
    if (nw == 0)
        return evc_dict_reader_fail(&L->r, s, "expected an actor phrase");
    evc_phrase p;
    memset(&p, 0, sizeof p);
    p.words = ids;
    p.nwords = (uint16_t)nw;
    p.payload = (uint32_t)L->first_code;
    p.line = (uint32_t)L->r.line;
    p.file = L->file;
    p.text = evc_arena_strndup(L->d->arena, s, n);
    if (!p.text || evc_phrase_set_add_split(L->d, &L->d->actors, &p) < 0)
        return oom(L);
    return EVC_OK;
}

/* Closes the current entry: its phrases get the code count, or are dropped
 * if it has no code. */
static evc_status end_entry(actor_loader *L)
{
    if (!L->in_entry)
        return EVC_OK;
    L->in_entry = false;
    size_t ncodes = L->d->nactor_codes - L->first_code;
    if (ncodes == 0) {
        L->d->actors.n = L->first_phrase;
        return EVC_OK;
    }
    if (ncodes > UINT16_MAX)
        return evc_error_set(L->r.err, EVC_ERR_LIMIT, L->r.name, L->r.line, 0,
                             "more than %u codes for one actor entry",
                             (unsigned)UINT16_MAX);
    for (size_t i = L->first_phrase; i < L->d->actors.n; i++)
        L->d->actors.v[i].flags = (uint16_t)ncodes;
    return EVC_OK;
}

/* Parses one date of a restriction at s[0..n) (blanks already removed). */
static evc_status date_at(actor_loader *L, const char *at, const char *s,
                          size_t n, int32_t *out)
{
    *out = evc_dict_parse_date(s, n);
    if (!*out)
        return evc_dict_reader_fail(&L->r, at, "expected a date yymmdd or "
                                               "yyyymmdd");
    return EVC_OK;
}

/* Appends code c[0..ce) with the dates of *dc to the current entry. */
static evc_status add_code(actor_loader *L, const char *c, const char *ce,
                           evc_dated_code *dc)
{
    dc->code = code_string(&L->codes, L->d->arena, c, (size_t)(ce - c));
    if (!dc->code)
        return oom(L);
    evc_dicts *d = L->d;
    evc_dated_code *v = evc_dict_grow(d->actor_codes, &d->cap_actor_codes,
                                      d->nactor_codes + 1, sizeof *v);
    if (!v)
        return oom(L);
    d->actor_codes = v;
    d->actor_codes[d->nactor_codes++] = *dc;
    return EVC_OK;
}

/* One "[CODE]" or "[CODE DATES]" group whose '[' is at p and ']' at q. */
static evc_status code_group(actor_loader *L, char *p, const char *q)
{
    char *c = p + 1;
    while (c < q && blank(*c))
        c++;
    char *ce = c;
    while (ce < q && !blank(*ce))
        ce++;
    if (ce == c)
        return evc_dict_reader_fail(&L->r, c, "expected a code inside '[ ]'");
    for (char *k = c; k < ce; k++)
        if (*k == '<' || *k == '>')
            return evc_dict_reader_fail(&L->r, k, "expected a blank between "
                                                  "the code and its dates");
    evc_dated_code dc = {NULL, 0, 0};
    char *rs = ce;
    while (rs < q && blank(*rs))
        rs++;
    if (rs < q) {
        /* the restriction without its blanks: "< 950601" -> "<950601" */
        char buf[40];
        size_t n = 0;
        for (char *k = rs; k < q; k++)
            if (!blank(*k)) {
                if (n + 1 >= sizeof buf)
                    return evc_dict_reader_fail(&L->r, rs, "expected '<DATE', "
                                                "'>DATE' or 'DATE-DATE'");
                buf[n++] = *k;
            }
        buf[n] = 0;
        evc_status st;
        if (buf[0] == '<' || buf[0] == '>') {
            int32_t dt;
            if ((st = date_at(L, rs, buf + 1, n - 1, &dt)) != EVC_OK)
                return st;
            if (buf[0] == '<')
                dc.to = dt;
            else
                dc.from = dt;
        } else {
            char *dash = memchr(buf, '-', n);
            if (!dash) {
                /* a bare date ("[MNEGOV 20121204]", twice in Phoenix):
                 * PETRARCH garbles it; read as "from that date on" */
                if (buf[0] < '0' || buf[0] > '9')
                    return evc_dict_reader_fail(&L->r, rs, "expected '<DATE', "
                                                "'>DATE' or 'DATE-DATE' after "
                                                "the code");
                if ((st = date_at(L, rs, buf, n, &dc.from)) != EVC_OK)
                    return st;
                return add_code(L, c, ce, &dc);
            }
            if ((st = date_at(L, rs, buf, (size_t)(dash - buf), &dc.from)) !=
                    EVC_OK ||
                (st = date_at(L, rs, dash + 1, n - (size_t)(dash - buf) - 1,
                              &dc.to)) != EVC_OK)
                return st;
            /* an inverted range ("20121207-20120802": the Phoenix files
             * have two) is kept and never applies, as in PETRARCH */
        }
    }
    return add_code(L, c, ce, &dc);
}

/* Code groups from p (a '[') on. Text after the last group is a note and
 * is ignored ("[MNCMED]\tNewspapers/Magazines\t$137,000,000" in Phoenix;
 * PETRARCH1 reads only the first group and ignores the rest of the line). */
static evc_status code_groups(actor_loader *L, char *p)
{
    for (;;) {
        while (blank(*p))
            p++;
        if (*p != '[')
            return EVC_OK;
        char *q = p + 1;
        while (*q && *q != ']' && *q != '[')
            q++;
        if (*q != ']')
            return evc_dict_reader_fail(&L->r, p, "expected ']' closing the "
                                                  "code");
        evc_status st = code_group(L, p, q);
        if (st != EVC_OK)
            return st;
        p = q + 1;
    }
}

static evc_status actor_line(actor_loader *L)
{
    char *p = L->r.text;
    while (blank(*p))
        p++;
    if (*p == '[') {
        if (!L->in_entry)
            return evc_dict_reader_fail(&L->r, p, "expected an actor entry "
                                                  "before its codes");
        return code_groups(L, p);
    }
    if (*p == '+') {
        if (!L->in_entry)
            return evc_dict_reader_fail(&L->r, p, "expected an actor entry "
                                                  "before a '+' synonym");
        char *b = strchr(p, '[');
        if (b)
            return evc_dict_reader_fail(&L->r, b, "expected no codes on a "
                                                  "'+' synonym line");
        return add_phrase(L, p + 1, strlen(p + 1));
    }
    evc_status st;
    if (!L->in_entry || L->d->nactor_codes > L->first_code) {
        if ((st = end_entry(L)) != EVC_OK)
            return st;
        L->in_entry = true;
        L->first_phrase = L->d->actors.n;
        L->first_code = L->d->nactor_codes;
    } /* else: joins the entry above, which has no code yet (see the top) */
    char *b = strchr(p, '[');
    size_t n = b ? (size_t)(b - p) : strlen(p);
    char *rb = memchr(p, ']', n);
    if (rb)
        return evc_dict_reader_fail(&L->r, rb, "expected '[' before ']'");
    if ((st = add_phrase(L, p, n)) != EVC_OK)
        return st;
    return b ? code_groups(L, b) : EVC_OK;
}

evc_status evc_dict_parse_actors(evc_dicts *d, const char *name,
                                 const char *buf, size_t len, evc_error *err)
{
    actor_loader L;
    memset(&L, 0, sizeof L);
    L.d = d;
    evc_status st = evc_dict_reader_open(&L.r, name, buf, len, err);
    if (st != EVC_OK)
        return st;
    L.file = evc_dicts_add_file(d, name);
    while ((st = evc_dict_reader_next(&L.r)) == EVC_OK) {
        if (strstr(L.r.text, "---STOP---")) { /* PETRARCH1's end marker */
            st = EVC_END;
            break;
        }
        if ((st = actor_line(&L)) != EVC_OK)
            break;
    }
    if (st == EVC_END)
        st = end_entry(&L);
    evc_dict_reader_close(&L.r);
    evc_code_index_release(&L.codes);
    return st;
}

evc_status evc_dict_load_actors(evc_dicts *d, const char *path, evc_error *err)
{
    return evc_dict_load_with(d, path, evc_dict_parse_actors, err);
}
