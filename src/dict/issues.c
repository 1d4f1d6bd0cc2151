/* issues.c: loads PETRARCH issue lists (Phoenix.IssueCoding.txt) into
 * d->issues and d->issue_codes.
 *
 * The grammar, after PETRARCH's read_issue_list (comments per
 * evc_dict_reader):
 *   PHRASE [CODE]     an issue phrase
 *   ~PHRASE           ignore phrase: no issues for the sentence
 *   ~~PHRASE          ignore phrase for the story
 *   other lines       (<ISSUE ...>, </ISSUE>, lines without a code) skipped
 * (text after the code is ignored, as PETRARCH ignores it)
 * and the expansions, applied to the word they prefix:
 *   n:WORD   WORD and its plural        v:WORD   WORD, +S, +ED (+D), +ING
 *   A+B      "A B" and "A-B"
 * Ignore phrases carry EVC_PHRASE_IGNORE (and EVC_PHRASE_STORY for "~~") and
 * point at the codes "~" / "~~" in d->issue_codes, as PETRARCH stores them.
 * Payload = index into d->issue_codes. Matching is by whole words. */
#include "dict/dict.h"

#include <stdlib.h>
#include <string.h>

#define MAX_FORMS 256 /* expansions of one line; more is an error */

#define MAX_DEPTH 24   /* nested expansions of one line */

typedef struct issue_loader {
    evc_dicts *d;
    evc_dict_reader r;
    uint16_t file;
    size_t forms; /* emitted for the current line */
    evc_code_index codes; /* d->issue_codes by string */
} issue_loader;

static bool blank(char c)
{
    return c == ' ' || c == '\t';
}

static evc_status oom(issue_loader *L)
{
    return evc_error_set(L->r.err, EVC_ERR_NOMEM, L->r.name, L->r.line, 0,
                         "out of memory");
}

/* Is there an "N:" or "V:" expansion at s[i] (at the start of a word or of a
 * '+' / '-' part)? Returns 'N', 'V' or 0. s is upper-case. */
static char op_at(const char *s, size_t n, size_t i)
{
    if (i + 1 >= n || s[i + 1] != ':' || (s[i] != 'N' && s[i] != 'V'))
        return 0;
    if (i > 0 && !blank(s[i - 1]) && s[i - 1] != '+' && s[i - 1] != '-' &&
        s[i - 1] != '~')
        return 0;
    return s[i];
}

static long issue_code(issue_loader *L, const char *c, size_t n)
{
    evc_dicts *d = L->d;
    long i = evc_code_index_find(&L->codes, c, n, NULL);
    if (i >= 0)
        return i;
    const char **v = evc_dict_grow((void *)d->issue_codes, &d->cap_issue_codes,
                                   d->nissue_codes + 1, sizeof *v);
    if (!v)
        return -1;
    d->issue_codes = v;
    const char *copy = evc_arena_strndup(d->arena, c, n);
    if (!copy || evc_code_index_add(&L->codes, copy, n,
                                    (uint32_t)d->nissue_codes))
        return -1;
    d->issue_codes[d->nissue_codes] = copy;
    return (long)d->nissue_codes++;
}

static evc_status emit(issue_loader *L, const char *s, size_t n, uint32_t code,
                       uint16_t flags)
{
    uint32_t ids[EVC_PHRASE_MAX_WORDS];
    int nw = evc_dict_split_words(L->d, s, n, ids, EVC_PHRASE_MAX_WORDS);
    if (nw == -1)
        return oom(L);
    if (nw == -2)
        return evc_error_set(L->r.err, EVC_ERR_LIMIT, L->r.name, L->r.line, 0,
                             "more than %d words in the phrase",
                             EVC_PHRASE_MAX_WORDS);
    if (nw == 0)
        return EVC_OK; /* "+" alone gives a blank form: nothing to match */
    if (++L->forms > MAX_FORMS)
        return evc_error_set(L->r.err, EVC_ERR_LIMIT, L->r.name, L->r.line, 0,
                             "more than %d expanded forms", MAX_FORMS);
    evc_phrase p;
    memset(&p, 0, sizeof p);
    p.words = ids;
    p.nwords = (uint16_t)nw;
    p.flags = flags;
    p.payload = code;
    p.line = (uint32_t)L->r.line;
    p.file = L->file;
    p.text = evc_arena_strndup(L->d->arena, s, n);
    if (!p.text || evc_phrase_set_add(L->d, &L->d->issues, &p) < 0)
        return oom(L);
    return EVC_OK;
}

/* s[0..i) + mid[0..m) + s[j..n) in a new malloc'd string (length in *len). */
static char *splice(const char *s, size_t n, size_t i, size_t j,
                    const char *mid, size_t m, size_t *len)
{
    char *t = malloc(i + m + (n - j) + 1);
    if (!t)
        return NULL;
    memcpy(t, s, i);
    memcpy(t + i, mid, m);
    memcpy(t + i + m, s + j, n - j);
    *len = i + m + (n - j);
    t[*len] = 0;
    return t;
}

/* Expands the first '+' (all of them go before any n:/v:, as in PETRARCH),
 * else the first n:/v:, and recurses; emits each finished form. Depth and
 * forms are bounded (an expansion can uncover another: "n:v:x"). */
static evc_status expand(issue_loader *L, const char *s, size_t n,
                         uint32_t code, uint16_t flags, int depth)
{
    if (depth > MAX_DEPTH)
        return evc_error_set(L->r.err, EVC_ERR_LIMIT, L->r.name, L->r.line, 0,
                             "more than %d nested expansions", MAX_DEPTH);
    char alt[4][64];
    size_t nalt = 0, i = 0, j = 0;
    const char *plus = memchr(s, '+', n);
    if (plus) {
        i = (size_t)(plus - s);
        j = i + 1;
        alt[0][0] = ' ';
        alt[1][0] = '-';
        alt[0][1] = alt[1][1] = 0;
        nalt = 2;
    } else {
        char op = 0;
        for (i = 0; i < n && !(op = op_at(s, n, i)); i++)
            ;
        if (!op)
            return emit(L, s, n, code, flags);
        size_t b = i + 2;
        j = b;
        while (j < n && !blank(s[j]))
            j++;
        size_t rn = j - b;
        const char *root = s + b;
        if (rn == 0)
            return evc_dict_reader_fail(&L->r, NULL, "expected a word after "
                                        "'%c:'", op == 'N' ? 'n' : 'v');
        if (rn + 4 > sizeof alt[0])
            return evc_dict_reader_fail(&L->r, NULL, "word after '%c:' is too "
                                        "long to expand", op == 'N' ? 'n' : 'v');
        memcpy(alt[0], root, rn);
        alt[0][rn] = 0;
        if (op == 'N') {
            if (!evc_noun_plural(alt[1], sizeof alt[1], root, rn))
                return evc_dict_reader_fail(&L->r, NULL, "cannot form the "
                                            "plural of '%.*s'", (int)rn, root);
            nalt = 2;
        } else {
            bool e = root[rn - 1] == 'E';
            memcpy(alt[1], root, rn);
            memcpy(alt[1] + rn, "S", 2);
            memcpy(alt[2], root, rn);
            memcpy(alt[2] + rn, e ? "D" : "ED", e ? 2 : 3);
            memcpy(alt[3], root, rn - (e ? 1 : 0));
            memcpy(alt[3] + rn - (e ? 1 : 0), "ING", 4);
            nalt = 4;
        }
    }
    for (size_t k = 0; k < nalt; k++) {
        size_t len;
        char *t = splice(s, n, i, j, alt[k], strlen(alt[k]), &len);
        if (!t)
            return oom(L);
        evc_status st = expand(L, t, len, code, flags, depth + 1);
        free(t);
        if (st != EVC_OK)
            return st;
    }
    return EVC_OK;
}

/* Checks the expansions written in the phrase t[0..n) (a pointer into
 * r->text, so errors get their column): each needs a word, and together
 * they may not make more than MAX_FORMS forms. */
static evc_status check_forms(issue_loader *L, const char *t, size_t n)
{
    size_t forms = 1;
    for (size_t i = 0; i < n; i++) {
        size_t f = 1;
        char c = t[i];
        char u = (c == 'n' || c == 'v') ? (char)(c - 'a' + 'A') : c;
        char two[2] = {u, i + 1 < n ? t[i + 1] : 0};
        if (c == '+') {
            f = 2;
        } else if (op_at(two, 2, 0) &&
                   (i == 0 || blank(t[i - 1]) || t[i - 1] == '+' ||
                    t[i - 1] == '-' || t[i - 1] == '~')) {
            if (i + 2 >= n || blank(t[i + 2]) || t[i + 2] == '+')
                return evc_dict_reader_fail(&L->r, t + i, "expected a word "
                                                          "after '%c:'", c);
            f = u == 'N' ? 2 : 4;
        }
        forms *= f;
        if (forms > MAX_FORMS)
            return evc_error_set(L->r.err, EVC_ERR_LIMIT, L->r.name, L->r.line,
                                 (long)(t + i - L->r.text) + 1,
                                 "more than %d expanded forms", MAX_FORMS);
    }
    return EVC_OK;
}

static evc_status issue_line(issue_loader *L)
{
    char *p = L->r.text;
    while (blank(*p))
        p++;
    uint16_t flags = 0;
    long code;
    char *t;
    size_t tn;
    if (*p == '~') {
        bool story = p[1] == '~';
        flags = EVC_PHRASE_IGNORE | (story ? EVC_PHRASE_STORY : 0);
        t = p + (story ? 2 : 1);
        tn = strlen(t);
        code = issue_code(L, story ? "~~" : "~", story ? 2 : 1);
    } else {
        char *lb = strchr(p, '[');
        if (!lb) {
            char *rb = strchr(p, ']');
            if (rb)
                return evc_dict_reader_fail(&L->r, rb, "expected '[' before "
                                                       "']'");
            return EVC_OK; /* <ISSUE ...>, </ISSUE>, a bare phrase: skipped */
        }
        char *rb = strchr(lb, ']');
        char *lb2 = strchr(lb + 1, '[');
        if (!rb || (lb2 && lb2 < rb))
            return evc_dict_reader_fail(&L->r, lb, "expected ']' closing the "
                                                   "issue code");
        /* text after the code is ignored, as PETRARCH ignores it (the
         * Phoenix file has "...[MEDIA_CENSORSHIP]intimidation of ...",
         * "[NAMED_TERROR_GROUP]*******") */
        char *c = lb + 1;
        while (c < rb && blank(*c))
            c++;
        char *ce = rb;
        while (ce > c && blank(ce[-1]))
            ce--;
        if (ce == c)
            return evc_dict_reader_fail(&L->r, lb + 1, "expected an issue code "
                                                       "inside '[ ]'");
        for (char *k = c; k < ce; k++)
            if (blank(*k))
                return evc_dict_reader_fail(&L->r, k, "expected one code "
                                                      "without blanks");
        t = p;
        tn = (size_t)(lb - p);
        code = issue_code(L, c, (size_t)(ce - c));
    }
    if (code < 0)
        return oom(L);
    while (tn > 0 && blank(t[tn - 1]))
        tn--;
    while (tn > 0 && blank(*t)) {
        t++;
        tn--;
    }
    if (tn == 0)
        return evc_dict_reader_fail(&L->r, t, "expected an issue phrase");
    evc_status st = check_forms(L, t, tn);
    if (st != EVC_OK)
        return st;
    evc_upcase(t, t, tn); /* in place: PETRARCH matches upper-case */
    L->forms = 0;
    return expand(L, t, tn, (uint32_t)code, flags, 0);
}

evc_status evc_dict_parse_issues(evc_dicts *d, const char *name,
                                 const char *buf, size_t len, evc_error *err)
{
    issue_loader L;
    memset(&L, 0, sizeof L);
    L.d = d;
    evc_status st = evc_dict_reader_open(&L.r, name, buf, len, err);
    if (st != EVC_OK)
        return st;
    L.file = evc_dicts_add_file(d, name);
    st = evc_code_index_fill(&L.codes, d->issue_codes, d->nissue_codes, name, err);
    while (st == EVC_OK && (st = evc_dict_reader_next(&L.r)) == EVC_OK)
        if ((st = issue_line(&L)) != EVC_OK)
            break;
    if (st == EVC_END)
        st = EVC_OK;
    evc_dict_reader_close(&L.r);
    evc_code_index_release(&L.codes);
    return st;
}

evc_status evc_dict_load_issues(evc_dicts *d, const char *path, evc_error *err)
{
    return evc_dict_load_with(d, path, evc_dict_parse_issues, err);
}
