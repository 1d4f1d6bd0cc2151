/* verbs.c: loads PETRARCH verb dictionaries, both the PETRARCH1 format
 * (CAMEO.verbpatterns.150430.txt, PETR.Validate.verbs.txt) and the PETRARCH2
 * format (CAMEO.2.0.txt), into verb blocks, verb forms, synsets and patterns.
 *
 * The grammar, as the files use it:
 *   --- NAME [CODE] ---        a verb block; CODE is its default ("---": none)
 *   WORD {FORM FORM ...} [C]   a verb of the block, with irregular forms (else
 *                              regular -S/-ED/-ING forms are made) and its own
 *                              default code; "{}" means no other forms
 *   +W1_W2 / W1_+W2 {...}      a multi-word verb; '+' marks the verb word
 *   - UPPER * LOWER [C] # ...  a pattern: '*' is the verb; '$' source, '+'
 *                              target, '%' compound actor, '^' skip a phrase,
 *                              &SYN a synset member, '_' joins words that must
 *                              be adjacent; PETRARCH2 adds '( )' around a
 *                              prepositional phrase and '{ }' around a noun
 *                              phrase. C is "ddd", "ddd:ddd" or "---".
 *   &NAME then +MEMBER lines   a synset; members may be phrases or &OTHER.
 * Comments: '#' to end of line, and <!-- ... --> (possibly over lines). */
#include "dict/dict.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ATOMS 64
#define MAX_WORD 128

typedef struct loader {
    evc_dicts *d;
    const char *name;
    uint16_t file;
    long line;
    evc_error *err;
    /* growing arrays, frozen into the arena at the end */
    evc_pattern *pats;
    size_t npats, cap_pats;
    size_t block_first_pat; /* patterns of the current block start here */
    long cur_verb;          /* index into d->verbs, -1 before any block */
    long cur_synset;        /* synset receiving '+' members, -1 if none */
    /* synset members naming other synsets, resolved at the end */
    struct pending {
        uint32_t synset;
        const char *ref;
        long line;
    } *pend;
    size_t npend, cap_pend;
} loader;

static evc_status fail(loader *L, long col, const char *msg)
{
    return evc_error_set(L->err, EVC_ERR_SYNTAX, L->name, L->line, col, "%s",
                         msg);
}

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 64;
    while (nc < need)
        nc *= 2;
    void *q = realloc(*p, nc * elem);
    if (!q)
        return -1;
    *p = q;
    *cap = nc;
    return 0;
}

/* Strips a '#' comment (outside brackets) and trailing blanks; returns new length. */
static size_t strip_comment(const char *s, size_t n)
{
    int in_code = 0; /* '#' inside "[...]" is a code ("[###]"), not a comment */
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '[')
            in_code = 1;
        else if (s[i] == ']')
            in_code = 0;
        else if (s[i] == '#' && !in_code) {
            n = i;
            break;
        }
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    return n;
}

static const char *skip_blank(const char *s, const char *e)
{
    while (s < e && (*s == ' ' || *s == '\t' || *s == '\r'))
        s++;
    return s;
}

/* Parses "[CODE]" or "[CODE:CODE]" at s; sets code, code2; returns pointer
 * after ']' or NULL. */
static const char *parse_code(loader *L, const char *s, const char *e,
                              const char **code, const char **code2)
{
    const char *b = s + 1;
    const char *c = memchr(b, ']', (size_t)(e - b));
    if (!c)
        return NULL;
    const char *p = skip_blank(b, c);
    const char *q = c;
    while (q > p && (q[-1] == ' ' || q[-1] == '\t'))
        q--;
    const char *colon = memchr(p, ':', (size_t)(q - p));
    *code2 = NULL;
    if (colon) {
        *code = evc_arena_strndup(L->d->arena, p, (size_t)(colon - p));
        *code2 = evc_arena_strndup(L->d->arena, colon + 1, (size_t)(q - colon - 1));
    } else {
        *code = evc_arena_strndup(L->d->arena, p, (size_t)(q - p));
    }
    return c + 1;
}

static uint32_t intern_upper(loader *L, const char *s, size_t n)
{
    char buf[MAX_WORD];
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    evc_upcase(buf, s, n);
    return evc_wordtab_intern(&L->d->words, buf, n);
}

static long find_synset(const evc_dicts *d, const char *name, size_t n)
{
    while (n > 0 && name[n - 1] == '_')
        n--;
    for (size_t i = 0; i < d->nsynsets; i++)
        if (strlen(d->synsets[i].name) == n &&
            strncmp(d->synsets[i].name, name, n) == 0)
            return (long)i;
    return -1;
}

static long add_synset(loader *L, const char *name, size_t n)
{
    evc_dicts *d = L->d;
    while (n > 0 && name[n - 1] == '_')
        n--;
    long k = find_synset(d, name, n);
    if (k >= 0)
        return k; /* redefinition: members are added to the same set */
    if (grow((void **)&d->synsets, &d->cap_synsets, d->nsynsets + 1,
             sizeof *d->synsets))
        return -1;
    evc_synset *sy = &d->synsets[d->nsynsets];
    memset(sy, 0, sizeof *sy);
    sy->name = evc_arena_strndup(d->arena, name, n);
    return (long)d->nsynsets++;
}

/* --------------------------------------------------------------- patterns */

typedef struct atom {
    uint8_t kind;   /* evc_pat_kind, or 255 for the verb '*' */
    uint8_t joined; /* joined by '_' to the previous atom */
    uint8_t prefix;
    uint32_t id;
} atom;

#define ATOM_VERB 255

static evc_status parse_pattern(loader *L, const char *s, const char *e)
{
    atom at[MAX_ATOMS];
    int na = 0, verb_at = -1;
    const char *code = NULL, *code2 = NULL;
    const char *start = s;
    const char *p = s + 1; /* after '-' */
    int joined = 0;

    while (p < e) {
        if (*p == ' ' || *p == '\t' || *p == '\r') {
            joined = 0;
            p++;
            continue;
        }
        if (*p == '[') {
            const char *q = parse_code(L, p, e, &code, &code2);
            if (!q)
                return fail(L, p - start + 1, "expected ']' closing the code");
            p = skip_blank(q, e);
            if (p < e)
                return fail(L, p - start + 1,
                            "unexpected text after the pattern's code");
            break;
        }
        if (*p == '_') {
            joined = 1;
            p++;
            continue;
        }
        if (na >= MAX_ATOMS)
            return fail(L, p - start + 1, "pattern too long (over 64 elements)");
        atom *a = &at[na];
        memset(a, 0, sizeof *a);
        a->joined = (uint8_t)joined;
        joined = 0;
        char c = *p;
        if (c == '*' || c == '$' || c == '+' || c == '%' || c == '^' ||
            c == '(' || c == ')' || c == '{' || c == '}') {
            switch (c) {
            case '*':
                if (verb_at >= 0)
                    return fail(L, p - start + 1, "a second '*' in one pattern");
                a->kind = ATOM_VERB;
                verb_at = na;
                break;
            case '$': a->kind = EVC_PE_SOURCE; break;
            case '+': a->kind = EVC_PE_TARGET; break;
            case '%': a->kind = EVC_PE_COMPOUND; break;
            case '^': a->kind = EVC_PE_SKIP; break;
            case '(': a->kind = EVC_PE_PP_OPEN; break;
            case ')': a->kind = EVC_PE_PP_CLOSE; break;
            case '{': a->kind = EVC_PE_BRACE_OPEN; break;
            case '}': a->kind = EVC_PE_BRACE_CLOSE; break;
            }
            if (c == '(' || c == '{' || c == ')' || c == '}')
                L->d->verb_format = 2;
            na++;
            p++;
            continue;
        }
        /* a word or &SYNSET: runs to a blank, '_', bracket or paren */
        const char *w = p;
        while (p < e && *p != ' ' && *p != '\t' && *p != '_' && *p != '[' &&
               *p != '(' && *p != ')' && *p != '{' && *p != '}' && *p != '\r')
            p++;
        if (*w == '&') {
            long k = find_synset(L->d, w + 1, (size_t)(p - w - 1));
            if (k < 0)
                k = add_synset(L, w + 1, (size_t)(p - w - 1)); /* defined later */
            if (k < 0)
                return evc_error_set(L->err, EVC_ERR_NOMEM, L->name, L->line,
                                     0, "out of memory");
            a->kind = EVC_PE_SYNSET;
            a->id = (uint32_t)k;
        } else {
            a->kind = EVC_PE_WORD;
            a->id = intern_upper(L, w, (size_t)(p - w));
            /* a word followed directly by '_' and then a blank, or at the
             * end, is exact; otherwise it may prefix-match */
            a->prefix = 0; /* PETRARCH matches whole words (no stemming) */
        }
        na++;
    }
    if (!code)
        return fail(L, e - start + 1, "expected a code '[ddd]' ending the pattern");
    if (verb_at < 0)
        return fail(L, 2, "expected '*' marking the verb in the pattern");

    if (grow((void **)&L->pats, &L->cap_pats, L->npats + 1, sizeof *L->pats))
        return evc_error_set(L->err, EVC_ERR_NOMEM, L->name, L->line, 0,
                             "out of memory");
    evc_pattern *pt = &L->pats[L->npats];
    memset(pt, 0, sizeof *pt);
    int nup = verb_at, nlo = na - verb_at - 1;
    evc_pat_elem *up = evc_arena_alloc(L->d->arena, sizeof *up * (size_t)(nup + 1));
    evc_pat_elem *lo = evc_arena_alloc(L->d->arena, sizeof *lo * (size_t)(nlo + 1));
    if (!up || !lo)
        return evc_error_set(L->err, EVC_ERR_NOMEM, L->name, L->line, 0,
                             "out of memory");
    /* upper: nearest the verb first; element j is atom verb_at-1-j, joined to
     * the element nearer the verb when the atom after it was joined */
    for (int j = 0; j < nup; j++) {
        const atom *a = &at[verb_at - 1 - j];
        up[j] = (evc_pat_elem){a->kind, at[verb_at - j].joined, a->prefix, 0, a->id};
    }
    for (int j = 0; j < nlo; j++) {
        const atom *a = &at[verb_at + 1 + j];
        lo[j] = (evc_pat_elem){a->kind, a->joined, a->prefix, 0, a->id};
    }
    pt->upper = up;
    pt->lower = lo;
    pt->nupper = (uint8_t)nup;
    pt->nlower = (uint8_t)nlo;
    pt->verb_joined_upper = at[verb_at].joined;
    pt->verb_joined_lower = verb_at + 1 < na ? at[verb_at + 1].joined : 0;
    pt->code = code;
    pt->code2 = code2;
    for (int j = 0; j < na; j++)
        if (at[j].kind == EVC_PE_WORD)
            pt->wordmask |= (uint64_t)1 << (at[j].id % 64);
    pt->line = (uint32_t)L->line;
    pt->file = L->file;
    size_t tl = (size_t)(e - s);
    pt->text = evc_arena_strndup(L->d->arena, s, tl);
    L->npats++;
    return EVC_OK;
}

/* --------------------------------------------------------------- verb forms */

static evc_status add_form(loader *L, const uint32_t *words, int n, int vpos,
                           const char *code, const char *code2)
{
    evc_dicts *d = L->d;
    if (grow((void **)&d->forms, &d->cap_forms, d->nforms + 1, sizeof *d->forms))
        return evc_error_set(L->err, EVC_ERR_NOMEM, L->name, L->line, 0,
                             "out of memory");
    uint32_t *w = evc_arena_alloc(d->arena, sizeof *w * (size_t)n);
    if (!w)
        return evc_error_set(L->err, EVC_ERR_NOMEM, L->name, L->line, 0,
                             "out of memory");
    memcpy(w, words, sizeof *w * (size_t)n);
    evc_verb_form *f = &d->forms[d->nforms++];
    f->words = w;
    f->nwords = (uint16_t)n;
    f->verb_pos = (uint16_t)vpos;
    f->verb = (uint32_t)L->cur_verb;
    f->code = code;
    f->code2 = code2;
    f->line = (uint32_t)L->line;
    return EVC_OK;
}

static int is_vowel(char c)
{
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}

/* Regular English forms of an upper-case verb: -S, -ED, -ING. */
static int regular_forms(const char *v, size_t n, char out[3][MAX_WORD])
{
    if (n == 0 || n + 4 >= MAX_WORD)
        return 0;
    char last = v[n - 1], prev = n > 1 ? v[n - 2] : 0;
    /* -S */
    if (last == 'S' || last == 'X' || last == 'Z' ||
        (last == 'H' && (prev == 'C' || prev == 'S')))
        snprintf(out[0], MAX_WORD, "%.*sES", (int)n, v);
    else if (last == 'Y' && !is_vowel(prev))
        snprintf(out[0], MAX_WORD, "%.*sIES", (int)(n - 1), v);
    else
        snprintf(out[0], MAX_WORD, "%.*sS", (int)n, v);
    /* -ED */
    if (last == 'E')
        snprintf(out[1], MAX_WORD, "%.*sD", (int)n, v);
    else if (last == 'Y' && !is_vowel(prev))
        snprintf(out[1], MAX_WORD, "%.*sIED", (int)(n - 1), v);
    else
        snprintf(out[1], MAX_WORD, "%.*sED", (int)n, v);
    /* -ING */
    if (last == 'E' && prev != 'E' && n > 2)
        snprintf(out[2], MAX_WORD, "%.*sING", (int)(n - 1), v);
    else
        snprintf(out[2], MAX_WORD, "%.*sING", (int)n, v);
    return 3;
}

/* Splits a verb phrase like "KLM_NOP_+RST" or "+FIGHT_BACK" or "SAY" into
 * upper-case words; *vpos is the word marked '+' (0 if none). */
static int split_verb_phrase(loader *L, const char *s, size_t n,
                             char words[][MAX_WORD], int max, int *vpos)
{
    int nw = 0;
    *vpos = 0;
    size_t i = 0;
    while (i < n && nw < max) {
        while (i < n && (s[i] == '_' || s[i] == ' '))
            i++;
        if (i >= n)
            break;
        int mark = 0;
        if (s[i] == '+') {
            mark = 1;
            i++;
        }
        size_t b = i;
        while (i < n && s[i] != '_' && s[i] != ' ')
            i++;
        size_t len = i - b;
        if (len == 0)
            continue;
        if (len >= MAX_WORD)
            len = MAX_WORD - 1;
        evc_upcase(words[nw], s + b, len);
        words[nw][len] = 0;
        if (mark)
            *vpos = nw;
        nw++;
    }
    (void)L;
    return nw;
}

static evc_status parse_verb_line(loader *L, const char *s, const char *e)
{
    const char *start = s;
    /* the phrase runs to '{', '[' or end */
    const char *p = s;
    while (p < e && *p != '{' && *p != '[')
        p++;
    const char *pe = p;
    while (pe > s && (pe[-1] == ' ' || pe[-1] == '\t'))
        pe--;
    char words[16][MAX_WORD];
    int vpos;
    int nw = split_verb_phrase(L, s, (size_t)(pe - s), words, 16, &vpos);
    if (nw == 0)
        return fail(L, 1, "expected a verb");
    const char *irregular = NULL, *irr_end = NULL;
    const char *code = NULL, *code2 = NULL;
    while (p < e) {
        if (*p == '{') {
            const char *c = memchr(p, '}', (size_t)(e - p));
            if (!c)
                return fail(L, p - start + 1, "expected '}' closing the verb forms");
            irregular = p + 1;
            irr_end = c;
            p = c + 1;
        } else if (*p == '[') {
            const char *q = parse_code(L, p, e, &code, &code2);
            if (!q)
                return fail(L, p - start + 1, "expected ']' closing the code");
            p = q;
        } else if (*p == ' ' || *p == '\t' || *p == '\r') {
            p++;
        } else if (*p == ';') {
            break; /* a TABARI comment: "SCRAP {...};shan 8/30/93" */
        } else {
            return fail(L, p - start + 1,
                        "expected '{forms}' or '[code]' after the verb");
        }
    }
    uint32_t ids[16];
    for (int i = 0; i < nw; i++)
        ids[i] = evc_wordtab_intern(&L->d->words, words[i], strlen(words[i]));
    evc_status st = add_form(L, ids, nw, vpos, code, code2);
    if (st)
        return st;
    if (irregular) {
        /* each form is a phrase like the base: "FOUGHT" or "+FOUGHT_BACK" */
        const char *q = irregular;
        while (q < irr_end) {
            while (q < irr_end && (*q == ' ' || *q == '\t'))
                q++;
            const char *b = q;
            while (q < irr_end && *q != ' ' && *q != '\t')
                q++;
            if (q == b)
                break;
            char fw[16][MAX_WORD];
            int fv;
            int fn = split_verb_phrase(L, b, (size_t)(q - b), fw, 16, &fv);
            if (fn == 1 && nw > 1) {
                /* a bare form replaces the verb word of a multi-word verb */
                ids[vpos] = evc_wordtab_intern(&L->d->words, fw[0], strlen(fw[0]));
                if ((st = add_form(L, ids, nw, vpos, code, code2)))
                    return st;
                ids[vpos] = evc_wordtab_intern(&L->d->words, words[vpos],
                                               strlen(words[vpos]));
            } else if (fn > 0) {
                uint32_t fid[16];
                for (int i = 0; i < fn; i++)
                    fid[i] = evc_wordtab_intern(&L->d->words, fw[i], strlen(fw[i]));
                if ((st = add_form(L, fid, fn, fv, code, code2)))
                    return st;
            }
        }
    } else {
        char rf[3][MAX_WORD];
        int k = regular_forms(words[vpos], strlen(words[vpos]), rf);
        for (int i = 0; i < k; i++) {
            ids[vpos] = evc_wordtab_intern(&L->d->words, rf[i], strlen(rf[i]));
            if ((st = add_form(L, ids, nw, vpos, code, code2)))
                return st;
        }
    }
    return EVC_OK;
}

/* --------------------------------------------------------------- blocks */

static void close_block(loader *L)
{
    if (L->cur_verb < 0)
        return;
    evc_verb *v = &L->d->verbs[L->cur_verb];
    /* pattern pointers are fixed up in finish(), once L->pats stops moving */
    v->pats = (const evc_pattern *)(uintptr_t)L->block_first_pat;
    v->npats = (uint32_t)(L->npats - L->block_first_pat);
}

static evc_status parse_block_head(loader *L, const char *s, const char *e)
{
    const char *start = s;
    const char *p = s;
    while (p < e && *p == '-')
        p++;
    p = skip_blank(p, e);
    const char *nb = p;
    while (p < e && *p != '[' && *p != ' ' && *p != '\t')
        p++;
    if (p == nb)
        return fail(L, nb - start + 1, "expected a verb block name after '---'");
    const char *ne = p;
    p = skip_blank(p, e);
    const char *code = NULL, *code2 = NULL;
    if (p < e && *p == '[') {
        p = parse_code(L, p, e, &code, &code2);
        if (!p)
            return fail(L, e - start + 1, "expected ']' closing the block's code");
    }
    close_block(L);
    evc_dicts *d = L->d;
    if (grow((void **)&d->verbs, &d->cap_verbs, d->nverbs + 1, sizeof *d->verbs))
        return evc_error_set(L->err, EVC_ERR_NOMEM, L->name, L->line, 0,
                             "out of memory");
    evc_verb *v = &d->verbs[d->nverbs];
    memset(v, 0, sizeof *v);
    v->name = evc_arena_strndup(d->arena, nb, (size_t)(ne - nb));
    v->code = code ? code : "---";
    v->code2 = code2;
    v->line = (uint32_t)L->line;
    v->file = L->file;
    L->cur_verb = (long)d->nverbs++;
    L->block_first_pat = L->npats;
    L->cur_synset = -1;
    return EVC_OK;
}

static evc_status add_member(loader *L, const char *s, const char *e)
{
    evc_synset *sy = &L->d->synsets[L->cur_synset];
    const char *p = skip_blank(s + 1, e);
    if (p >= e)
        return fail(L, 2, "expected a synset member after '+'");
    if (*p == '&') {
        if (grow((void **)&L->pend, &L->cap_pend, L->npend + 1, sizeof *L->pend))
            return evc_error_set(L->err, EVC_ERR_NOMEM, L->name, L->line, 0,
                                 "out of memory");
        L->pend[L->npend].synset = (uint32_t)L->cur_synset;
        L->pend[L->npend].ref = evc_arena_strndup(L->d->arena, p + 1, (size_t)(e - p - 1));
        L->pend[L->npend].line = L->line;
        L->npend++;
        return EVC_OK;
    }
    evc_phrase ph;
    memset(&ph, 0, sizeof ph);
    int n = evc_phrase_parse(L->d, p, (size_t)(e - p), &ph.words, &ph.prefix);
    if (n < 0)
        return evc_error_set(L->err, EVC_ERR_NOMEM, L->name, L->line, 0,
                             "out of memory");
    if (n == 0)
        return fail(L, 2, "expected a synset member after '+'");
    ph.nwords = (uint16_t)n;
    ph.line = (uint32_t)L->line;
    ph.file = L->file;
    ph.text = evc_arena_strndup(L->d->arena, p, (size_t)(e - p));
    if (evc_phrase_set_add(L->d, &sy->members, &ph) < 0)
        return evc_error_set(L->err, EVC_ERR_NOMEM, L->name, L->line, 0,
                             "out of memory");
    return EVC_OK;
}

/* Copies the members of synset `from` into `to` (one level per call; the
 * caller repeats until nothing changes, so nesting of any depth resolves). */
static int copy_members(evc_dicts *d, uint32_t to, uint32_t from)
{
    if (to == from)
        return 0;
    const evc_phrase_set *src = &d->synsets[from].members;
    int added = 0;
    for (size_t i = 0; i < src->n; i++) {
        const evc_phrase *ph = &src->v[i];
        evc_phrase_set *dst = &d->synsets[to].members;
        int dup = 0;
        for (size_t j = 0; j < dst->n && !dup; j++)
            dup = dst->v[j].nwords == ph->nwords &&
                  memcmp(dst->v[j].words, ph->words,
                         sizeof *ph->words * ph->nwords) == 0;
        if (dup)
            continue;
        if (evc_phrase_set_add(d, dst, ph) < 0)
            return -1;
        added = 1;
    }
    return added;
}

evc_status evc_dict_parse_verbs(evc_dicts *d, const char *name, const char *buf,
                                size_t len, evc_error *err)
{
    loader L;
    memset(&L, 0, sizeof L);
    L.d = d;
    L.name = name;
    L.err = err;
    L.cur_verb = -1;
    L.cur_synset = -1;
    L.file = evc_dicts_add_file(d, name);
    if (!d->verb_format)
        d->verb_format = 1;
    size_t verbs_before = d->nverbs;
    evc_status st = EVC_OK;
    int in_comment = 0;
    const char *p = buf, *end = buf + len;

    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        L.line++;
        const char *s = p;
        p = nl ? nl + 1 : end;
        /* <!-- ... --> comments, possibly spanning lines */
        if (in_comment) {
            const char *c = NULL;
            for (const char *q = s; q + 2 < le + 0 && !c; q++)
                if (q[0] == '-' && q[1] == '-' && q[2] == '>')
                    c = q;
            if (!c)
                continue;
            in_comment = 0;
            s = c + 3;
        }
        s = skip_blank(s, le);
        size_t n = strip_comment(s, (size_t)(le - s));
        const char *e = s + n;
        if (e - s >= 4 && memcmp(s, "<!--", 4) == 0) {
            const char *c = NULL;
            for (const char *q = s + 4; q + 2 < e + 0 && !c; q++)
                if (q[0] == '-' && q[1] == '-' && q[2] == '>')
                    c = q;
            if (!c && !(e - s >= 7 && memcmp(e - 3, "-->", 3) == 0))
                in_comment = 1;
            continue;
        }
        if (s == e) {
            if (s == le || *s == '\r')
                L.cur_synset = -1; /* a blank line ends a synset; a comment doesn't */
            continue;
        }
        if (e - s >= 3 && memcmp(s, "---", 3) == 0) {
            st = parse_block_head(&L, s, e);
        } else if (*s == '*' && L.cur_verb >= 0 && memchr(s, '[', (size_t)(e - s))) {
            /* a pattern that lost its leading '-' (PETR.Validate.verbs.2.0
             * line 453, "* (TO QUESTION) [110]"): read it as one */
            char tmp[1024];
            size_t k = (size_t)(e - s);
            if (k + 3 > sizeof tmp)
                k = sizeof tmp - 3;
            tmp[0] = '-';
            tmp[1] = ' ';
            memcpy(tmp + 2, s, k);
            st = parse_pattern(&L, tmp, tmp + k + 2);
        } else if (*s == '-') {
            if (L.cur_verb < 0)
                st = fail(&L, 1, "pattern before any '--- VERB [code] ---' block");
            else
                st = parse_pattern(&L, s, e);
        } else if (*s == '&') {
            const char *q = s + 1;
            while (q < e && *q != ' ' && *q != '\t')
                q++;
            if (q == s + 1)
                st = fail(&L, 2, "expected a synset name after '&'");
            else {
                long k = add_synset(&L, s + 1, (size_t)(q - s - 1));
                if (k < 0)
                    st = evc_error_set(err, EVC_ERR_NOMEM, name, L.line, 0,
                                       "out of memory");
                L.cur_synset = k;
            }
        } else if (*s == '+' && L.cur_synset >= 0) {
            st = add_member(&L, s, e);
        } else if (L.cur_verb >= 0) {
            st = parse_verb_line(&L, s, e);
        } else if (*s == '<') {
            continue; /* other markup lines outside blocks */
        } else {
            st = fail(&L, 1, "expected a synset '&NAME' or a '--- VERB [code] ---' block");
        }
        if (st)
            goto out;
    }
    if (in_comment) {
        st = fail(&L, 0, "unterminated '<!--' comment");
        goto out;
    }
    close_block(&L);

    /* nested synsets: resolve references until nothing changes */
    for (size_t i = 0; i < L.npend; i++) {
        long k = find_synset(d, L.pend[i].ref, strlen(L.pend[i].ref));
        if (k < 0) {
            L.line = L.pend[i].line;
            st = fail(&L, 1, "synset member names an undefined synset");
            goto out;
        }
    }
    for (int round = 0; round < 8; round++) {
        int changed = 0;
        for (size_t i = 0; i < L.npend; i++) {
            long k = find_synset(d, L.pend[i].ref, strlen(L.pend[i].ref));
            int r = copy_members(d, L.pend[i].synset, (uint32_t)k);
            if (r < 0) {
                st = evc_error_set(err, EVC_ERR_NOMEM, name, 0, 0, "out of memory");
                goto out;
            }
            changed |= r;
        }
        if (!changed)
            break;
    }

    /* freeze patterns into the arena and fix up the blocks' pointers */
    {
        evc_pattern *frozen = NULL;
        if (L.npats) {
            frozen = evc_arena_alloc(d->arena, sizeof *frozen * L.npats);
            if (!frozen) {
                st = evc_error_set(err, EVC_ERR_NOMEM, name, 0, 0, "out of memory");
                goto out;
            }
            memcpy(frozen, L.pats, sizeof *frozen * L.npats);
        }
        for (size_t i = verbs_before; i < d->nverbs; i++) {
            uintptr_t first = (uintptr_t)d->verbs[i].pats;
            d->verbs[i].pats = frozen ? frozen + first : NULL;
        }
    }
out:
    free(L.pats);
    free(L.pend);
    return st;
}

evc_status evc_dict_load_verbs(evc_dicts *d, const char *path, evc_error *err)
{
    char *buf;
    size_t len;
    evc_status st = evc_read_file(path, &buf, &len, err);
    if (st)
        return st;
    st = evc_dict_parse_verbs(d, path, buf, len, err);
    free(buf);
    return st;
}

/* --------------------------------------------------------------- index */

static int cmp_form(const void *a, const void *b)
{
    const evc_verb_form *x = a, *y = b;
    uint32_t wx = x->words[x->verb_pos], wy = y->words[y->verb_pos];
    if (wx != wy)
        return wx < wy ? -1 : 1;
    /* longer (multi-word) forms first, so they are tried before the bare verb */
    if (x->nwords != y->nwords)
        return x->nwords > y->nwords ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

static uint32_t hash_u32(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

evc_status evc_dict_verbs_finish(evc_dicts *d, evc_error *err)
{
    if (d->nforms)
        qsort(d->forms, d->nforms, sizeof *d->forms, cmp_form);
    size_t ns = 16;
    while (ns < d->nforms * 2)
        ns *= 2;
    free(d->form_slot_word);
    free(d->form_slot_start);
    free(d->form_slot_count);
    d->form_slot_word = calloc(ns, sizeof(uint32_t));
    d->form_slot_start = calloc(ns, sizeof(uint32_t));
    d->form_slot_count = calloc(ns, sizeof(uint32_t));
    if (!d->form_slot_word || !d->form_slot_start || !d->form_slot_count)
        return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
    d->form_nslots = ns;
    for (size_t i = 0; i < d->nforms;) {
        uint32_t w = d->forms[i].words[d->forms[i].verb_pos];
        size_t j = i;
        while (j < d->nforms && d->forms[j].words[d->forms[j].verb_pos] == w)
            j++;
        size_t h = hash_u32(w) & (ns - 1);
        while (d->form_slot_word[h])
            h = (h + 1) & (ns - 1);
        d->form_slot_word[h] = w;
        d->form_slot_start[h] = (uint32_t)i;
        d->form_slot_count[h] = (uint32_t)(j - i);
        i = j;
    }
    for (size_t i = 0; i < d->nsynsets; i++)
        if (evc_phrase_set_finish(&d->synsets[i].members))
            return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
    return EVC_OK;
}

size_t evc_dict_verb_forms(const evc_dicts *d, uint32_t w, size_t *first)
{
    if (!w || !d->form_nslots)
        return 0;
    size_t h = hash_u32(w) & (d->form_nslots - 1);
    while (d->form_slot_word[h]) {
        if (d->form_slot_word[h] == w) {
            *first = d->form_slot_start[h];
            return d->form_slot_count[h];
        }
        h = (h + 1) & (d->form_nslots - 1);
    }
    return 0;
}

void evc_dict_verbs_release(evc_dicts *d)
{
    for (size_t i = 0; i < d->nsynsets; i++)
        evc_phrase_set_release(&d->synsets[i].members);
    free(d->synsets);
    free(d->verbs);
    free(d->forms);
    free(d->form_slot_word);
    free(d->form_slot_start);
    free(d->form_slot_count);
    d->synsets = NULL;
    d->verbs = NULL;
    d->forms = NULL;
    d->form_slot_word = d->form_slot_start = d->form_slot_count = NULL;
    d->nsynsets = d->nverbs = d->nforms = d->form_nslots = 0;
}
