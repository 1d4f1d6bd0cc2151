/* verbs.c: loads PETRARCH verb dictionaries, both the PETRARCH1 format
 * (CAMEO.verbpatterns.150430.txt, PETR.Validate.verbs.txt) and the PETRARCH2
 * format (CAMEO.2.0.txt), into verb blocks, verb forms, synsets and patterns.
 *
 * The grammar, as the files use it (PETRreader.read_verb_dictionary of both
 * PETRARCH versions reads the same lines):
 *   --- NAME [CODE] ---        a verb block; CODE is its default ("---": none)
 *   WORD {FORM FORM ...} [C]   a verb of the block, with irregular forms (else
 *                              regular -S/-ED/-ING forms are made) and its own
 *                              default code; "{}" means no other forms; a ';'
 *                              starts a TABARI comment ("SCRAP {...};shan")
 *   +W1_W2 / W1_+W2 {...}      a multi-word verb; '+' marks the verb word
 *   - UPPER * LOWER [C]        a pattern: '*' is the verb; '$' source, '+'
 *                              target, '%' compound actor, '^' skip a phrase,
 *                              &SYN a synset member, '_' joins words that must
 *                              be adjacent; PETRARCH2 adds '( )' around a
 *                              prepositional phrase and '{ }' around a noun
 *                              phrase. C is "ddd", "ddd:ddd", ":ddd" or "---".
 *   &NAME then +MEMBER lines   a synset; members may be phrases or &OTHER.
 *   ~ ...                      a PETRARCH2 transformation: not used, skipped.
 * Comments: '#' to the end of the line (not inside "[...]": "[###]" is a
 * code), <!-- ... --> (possibly over lines), and lines starting "<!".
 *
 * Errors give file:line:column. On an error the verb blocks and forms of the
 * failed file are taken back out of d, so d stays consistent (synsets that
 * file defined stay). */
#include "dict/dict.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ATOMS 64        /* elements of one pattern */
#define MAX_VERB_WORDS 16   /* words of one verb form */
#define MAX_WORD 120        /* bytes of one verb word, pattern word or name */
#define MAX_EXPANDED (1u << 20) /* members nesting may copy, per file: a
                                   bound on the blow-up of deep nesting */

/* A synset member naming another synset ("+&TIETYPES"), resolved once the
 * whole file is read (the named synset may come later). */
typedef struct pending {
    uint32_t synset; /* the synset the member belongs to */
    uint32_t target; /* the synset it names, once resolved */
    const char *ref; /* its name (in the arena) */
    long line, column;
} pending;

typedef struct loader {
    evc_dicts *d;
    const char *name;
    uint16_t file;
    evc_error *err;
    long line;
    char *text;        /* the current line, comments blanked (columns kept) */
    size_t n, cap;     /* its length and buffer size */
    long comment_line; /* where an open "<!--" began, 0 if none */
    /* patterns grow here and are frozen into the arena at the end */
    evc_pattern *pats;
    size_t npats, cap_pats;
    size_t block_first_pat; /* patterns of the current block start here */
    long cur_verb;          /* index into d->verbs, -1 before any block */
    long cur_synset;        /* synset receiving '+' members, -1 if none */
    bool p2;                /* a pattern opened '(' or '{': PETRARCH2 */
    /* the first pattern PETRARCH1 reads though it is malformed (no code, no
     * '*', two '*'): an error after all if the file is PETRARCH2 */
    long lax_line, lax_col;
    char lax_msg[80];
    evc_code_index synidx;  /* synset name (no trailing '_') -> index */
    uint8_t *defined;       /* per synset: has a "&NAME" line (or members) */
    size_t cap_defined;
    pending *pend;
    size_t npend, cap_pend;
} loader;

static bool blank(char c)
{
    return c == ' ' || c == '\t';
}

static evc_status fail(loader *L, evc_status code, const char *at,
                       const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* An error at the column of `at` (a pointer into L->text, or NULL). */
static evc_status fail(loader *L, evc_status code, const char *at,
                       const char *fmt, ...)
{
    long col = 0;
    if (at && L->text && at >= L->text && at <= L->text + L->n)
        col = (long)(at - L->text) + 1;
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return evc_error_set(L->err, code, L->name, L->line, col, "%s", msg);
}

static evc_status oom(loader *L)
{
    return evc_error_set(L->err, EVC_ERR_NOMEM, L->name, L->line, 0,
                         "out of memory");
}

static const char *skip_blank(const char *s, const char *e)
{
    while (s < e && blank(*s))
        s++;
    return s;
}

static char *find3(char *s, size_t n, const char *pat)
{
    for (size_t i = 0; i + 3 <= n; i++)
        if (s[i] == pat[0] && s[i + 1] == pat[1] && s[i + 2] == pat[2])
            return s + i;
    return NULL;
}

/* ------------------------------------------------------------ lines */

/* Copies the line b[0..n) into L->text and blanks its comments, keeping the
 * columns: '#' (outside "[...]") to the end, "<!-- ... -->" wherever it is
 * (an unclosed one runs on over the next lines). A CR becomes a blank. Trims
 * trailing blanks. Returns -1 on OOM. */
static int take_line(loader *L, const char *b, size_t n)
{
    if (n + 1 > L->cap) {
        size_t nc = L->cap ? L->cap : 256;
        while (nc < n + 1)
            nc *= 2;
        char *q = realloc(L->text, nc);
        if (!q)
            return -1;
        L->text = q;
        L->cap = nc;
    }
    char *t = L->text;
    memcpy(t, b, n);
    for (size_t i = 0; i < n; i++)
        if (t[i] == '\r')
            t[i] = ' ';
    bool in_code = false;
    size_t i = 0;
    while (i < n) {
        if (L->comment_line) {
            char *c = find3(t + i, n - i, "-->");
            size_t stop = c ? (size_t)(c - t) + 3 : n;
            memset(t + i, ' ', stop - i);
            i = stop;
            if (c)
                L->comment_line = 0;
            continue;
        }
        if (t[i] == '<' && n - i >= 4 && memcmp(t + i, "<!--", 4) == 0) {
            L->comment_line = L->line;
            memset(t + i, ' ', 4);
            i += 4;
            continue;
        }
        if (t[i] == '[')
            in_code = true;
        else if (t[i] == ']')
            in_code = false;
        else if (t[i] == '#' && !in_code) {
            n = i;
            break;
        }
        i++;
    }
    while (n > 0 && blank(t[n - 1]))
        n--;
    t[n] = 0;
    L->n = n;
    return 0;
}

/* Parses "[CODE]" or "[CODE:CODE2]" starting at s ('['): sets *code and
 * *code2 (NULL without a ':'), both in the arena. Returns the position after
 * ']', or NULL if there is none before e (or on OOM: *code stays NULL). */
static const char *parse_code(loader *L, const char *s, const char *e,
                              const char **code, const char **code2)
{
    *code = *code2 = NULL;
    const char *c = memchr(s + 1, ']', (size_t)(e - s - 1));
    if (!c)
        return NULL;
    const char *p = skip_blank(s + 1, c), *q = c;
    while (q > p && blank(q[-1]))
        q--;
    const char *colon = memchr(p, ':', (size_t)(q - p));
    evc_arena *a = L->d->arena;
    if (colon) {
        *code = evc_arena_strndup(a, p, (size_t)(colon - p));
        *code2 = evc_arena_strndup(a, colon + 1, (size_t)(q - colon - 1));
        if (!*code2)
            *code = NULL;
    } else {
        *code = evc_arena_strndup(a, p, (size_t)(q - p));
    }
    return c + 1;
}

/* Interns the word s[0..n) upper-cased into *id; an error if it is too long
 * or memory runs out. */
static evc_status intern_word(loader *L, const char *s, size_t n, uint32_t *id)
{
    if (n > MAX_WORD)
        return fail(L, EVC_ERR_LIMIT, s, "word longer than %d bytes", MAX_WORD);
    char buf[MAX_WORD + 1];
    evc_upcase(buf, s, n);
    *id = evc_wordtab_intern(&L->d->words, buf, n);
    return *id ? EVC_OK : oom(L);
}

/* Notes the first pattern read leniently, as PETRARCH1 reads it; the error
 * it becomes in a PETRARCH2 file (where PETRARCH2 fails or misreads it). */
static void lax(loader *L, const char *at, const char *msg)
{
    if (L->lax_line)
        return;
    L->lax_line = L->line;
    L->lax_col = at ? (long)(at - L->text) + 1 : 0;
    snprintf(L->lax_msg, sizeof L->lax_msg, "%s", msg);
}

/* ------------------------------------------------------------ synsets */

/* The synset named s[0..n) (a trailing '_' is not part of the name), or
 * -1. */
static long find_synset(const loader *L, const char *s, size_t n)
{
    while (n > 0 && s[n - 1] == '_')
        n--;
    return evc_code_index_find(&L->synidx, s, n, NULL);
}

/* The synset named s[0..n), created (without members) if new; -1 on OOM. */
static long add_synset(loader *L, const char *s, size_t n)
{
    evc_dicts *d = L->d;
    while (n > 0 && s[n - 1] == '_')
        n--;
    long k = find_synset(L, s, n);
    if (k >= 0)
        return k; /* a redefinition adds to the same set */
    evc_synset *v = evc_dict_grow(d->synsets, &d->cap_synsets, d->nsynsets + 1,
                                  sizeof *v);
    if (!v)
        return -1;
    d->synsets = v;
    uint8_t *f = evc_dict_grow(L->defined, &L->cap_defined, d->nsynsets + 1, 1);
    if (!f)
        return -1;
    L->defined = f;
    char *name = evc_arena_strndup(d->arena, s, n);
    if (!name || evc_code_index_add(&L->synidx, name, n, (uint32_t)d->nsynsets))
        return -1;
    evc_synset *sy = &d->synsets[d->nsynsets];
    memset(sy, 0, sizeof *sy);
    sy->name = name;
    L->defined[d->nsynsets] = 0;
    return (long)d->nsynsets++;
}

/* "&NAME": starts a synset; its '+' lines follow. */
static evc_status parse_synset_head(loader *L, const char *s, const char *e)
{
    const char *q = s + 1;
    while (q < e && !blank(*q))
        q++;
    size_t n = (size_t)(q - s - 1);
    while (n > 0 && s[n] == '_')
        n--;
    if (n == 0)
        return fail(L, EVC_ERR_SYNTAX, s + 1, "expected a synset name after '&'");
    if (n > MAX_WORD)
        return fail(L, EVC_ERR_LIMIT, s + 1, "synset name longer than %d bytes",
                    MAX_WORD);
    q = skip_blank(q, e);
    if (q < e)
        return fail(L, EVC_ERR_SYNTAX, q, "expected the end of the line after "
                    "the synset name");
    long k = add_synset(L, s + 1, n);
    if (k < 0)
        return oom(L);
    L->defined[k] = 1;
    L->cur_synset = k;
    return EVC_OK;
}

/* The number of words in s[0..n) ('_' and blanks separate them). */
static size_t count_words(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '_' && !blank(s[i]) && (i == 0 || s[i - 1] == '_' ||
                                             blank(s[i - 1])))
            k++;
    return k;
}

/* "+MEMBER": a phrase, or "+&OTHER" (resolved at the end of the file). */
static evc_status add_member(loader *L, const char *s, const char *e)
{
    const char *p = skip_blank(s + 1, e);
    if (p >= e)
        return fail(L, EVC_ERR_SYNTAX, s + 1, "expected a synset member "
                    "after '+'");
    if (*p == '&') {
        size_t n = (size_t)(e - p - 1);
        while (n > 0 && p[n] == '_')
            n--;
        if (n == 0)
            return fail(L, EVC_ERR_SYNTAX, p + 1, "expected a synset name "
                        "after '&'");
        pending *v = evc_dict_grow(L->pend, &L->cap_pend, L->npend + 1,
                                   sizeof *v);
        if (!v)
            return oom(L);
        L->pend = v;
        pending *r = &L->pend[L->npend];
        r->synset = (uint32_t)L->cur_synset;
        r->target = 0;
        r->ref = evc_arena_strndup(L->d->arena, p + 1, n);
        r->line = L->line;
        r->column = (long)(p - L->text) + 1;
        if (!r->ref)
            return oom(L);
        L->npend++;
        return EVC_OK;
    }
    if (count_words(p, (size_t)(e - p)) > EVC_PHRASE_MAX_WORDS)
        return fail(L, EVC_ERR_LIMIT, p, "more than %d words in the synset "
                    "member", EVC_PHRASE_MAX_WORDS);
    evc_phrase ph;
    memset(&ph, 0, sizeof ph);
    int n = evc_phrase_parse(L->d, p, (size_t)(e - p), &ph.words, &ph.prefix);
    if (n < 0)
        return oom(L);
    if (n == 0)
        return fail(L, EVC_ERR_SYNTAX, p, "expected a synset member after '+'");
    ph.nwords = (uint16_t)n;
    ph.line = (uint32_t)L->line;
    ph.file = L->file;
    ph.text = evc_arena_strndup(L->d->arena, p, (size_t)(e - p));
    if (!ph.text ||
        evc_phrase_set_add(L->d, &L->d->synsets[L->cur_synset].members, &ph) < 0)
        return oom(L);
    return EVC_OK;
}

/* A set of phrases (by their words), for copying members without
 * duplicates: slots hold index+1 into the synset's members. */
typedef struct member_set {
    uint32_t *slot;
    size_t nslots, n;
} member_set;

static uint32_t hash_words(const uint32_t *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= w[i];
        h *= 16777619u;
        h ^= h >> 13;
    }
    return h ^ (uint32_t)n;
}

/* Adds member i of set v (unless an equal phrase is there); returns 1 if
 * added, 0 if present, -1 on OOM. */
static int member_set_put(member_set *s, const evc_phrase_set *v, size_t i)
{
    if ((s->n + 1) * 2 > s->nslots) {
        size_t ns = s->nslots ? s->nslots * 2 : 64;
        uint32_t *t = calloc(ns, sizeof *t);
        if (!t)
            return -1;
        for (size_t k = 0; k < s->nslots; k++) {
            if (!s->slot[k])
                continue;
            const evc_phrase *p = &v->v[s->slot[k] - 1];
            size_t h = hash_words(p->words, p->nwords) & (ns - 1);
            while (t[h])
                h = (h + 1) & (ns - 1);
            t[h] = s->slot[k];
        }
        free(s->slot);
        s->slot = t;
        s->nslots = ns;
    }
    const evc_phrase *p = &v->v[i];
    size_t h = hash_words(p->words, p->nwords) & (s->nslots - 1);
    for (; s->slot[h]; h = (h + 1) & (s->nslots - 1)) {
        const evc_phrase *q = &v->v[s->slot[h] - 1];
        if (q->nwords == p->nwords &&
            memcmp(q->words, p->words, sizeof *p->words * p->nwords) == 0)
            return 0;
    }
    s->slot[h] = (uint32_t)i + 1;
    s->n++;
    return 1;
}

/* Resolves "+&OTHER" members: each synset gets the members of every synset
 * it reaches through such references (any depth, cycles allowed), without
 * duplicates. Members are copied by value; their word arrays are shared. */
static evc_status resolve_nested(loader *L)
{
    evc_dicts *d = L->d;
    if (!L->npend)
        return EVC_OK;
    for (size_t i = 0; i < L->npend; i++) {
        pending *r = &L->pend[i];
        long k = find_synset(L, r->ref, strlen(r->ref));
        if (k < 0 || !L->defined[k]) {
            L->line = r->line;
            L->n = 0;
            return evc_error_set(L->err, EVC_ERR_SYNTAX, L->name, r->line,
                                 r->column, "synset member names an undefined "
                                 "synset '&%.100s'", r->ref);
        }
        r->target = (uint32_t)k;
    }
    size_t ns = d->nsynsets;
    /* references by synset (CSR), the members each synset has of its own,
     * and a visit stamp per synset */
    size_t *first = calloc(ns + 1, sizeof *first);
    uint32_t *to = malloc(sizeof *to * L->npend);
    size_t *own = malloc(sizeof *own * ns);
    uint32_t *stamp = calloc(ns, sizeof *stamp);
    uint32_t *stack = malloc(sizeof *stack * (ns + 1));
    member_set set = {NULL, 0, 0};
    evc_status st = EVC_OK;
    if (!first || !to || !own || !stamp || !stack) {
        st = oom(L);
        goto out;
    }
    for (size_t i = 0; i < L->npend; i++)
        first[L->pend[i].synset + 1]++;
    for (size_t i = 0; i < ns; i++) {
        first[i + 1] += first[i];
        own[i] = d->synsets[i].members.n;
    }
    {
        size_t *fill = calloc(ns, sizeof *fill);
        if (!fill) {
            st = oom(L);
            goto out;
        }
        for (size_t i = 0; i < L->npend; i++) {
            uint32_t s = L->pend[i].synset;
            to[first[s] + fill[s]++] = L->pend[i].target;
        }
        free(fill);
    }
    size_t copied = 0;
    for (size_t s = 0; s < ns; s++) {
        if (first[s] == first[s + 1])
            continue;
        evc_phrase_set *dst = &d->synsets[s].members;
        /* a fresh set sized by this synset (clearing one a large synset
         * grew would cost its size for every synset after it) */
        free(set.slot);
        set = (member_set){NULL, 0, 0};
        for (size_t i = 0; i < dst->n; i++)
            if (member_set_put(&set, dst, i) < 0) {
                st = oom(L);
                goto out;
            }
        /* depth-first over the references from s */
        uint32_t mark = (uint32_t)s + 1;
        size_t top = 0;
        stamp[s] = mark;
        stack[top++] = (uint32_t)s;
        while (top) {
            uint32_t u = stack[--top];
            for (size_t j = first[u]; j < first[u + 1]; j++) {
                uint32_t w = to[j];
                if (stamp[w] == mark)
                    continue;
                stamp[w] = mark;
                stack[top++] = w;
                const evc_phrase_set *src = &d->synsets[w].members;
                for (size_t m = 0; m < own[w]; m++) {
                    evc_phrase *v = evc_dict_grow(dst->v, &dst->cap, dst->n + 1,
                                                  sizeof *v);
                    if (!v) {
                        st = oom(L);
                        goto out;
                    }
                    dst->v = v;
                    dst->v[dst->n] = src->v[m];
                    int r = member_set_put(&set, dst, dst->n);
                    if (r < 0) {
                        st = oom(L);
                        goto out;
                    }
                    if (r == 0)
                        continue; /* already a member */
                    dst->n++;
                    if (++copied > MAX_EXPANDED) {
                        st = evc_error_set(L->err, EVC_ERR_LIMIT, L->name, 0, 0,
                                           "nested synsets expand to more than "
                                           "%u members", MAX_EXPANDED);
                        goto out;
                    }
                }
            }
        }
    }
out:
    free(first);
    free(to);
    free(own);
    free(stamp);
    free(stack);
    free(set.slot);
    return st;
}

/* ------------------------------------------------------------ patterns */

typedef struct atom {
    uint8_t kind;   /* evc_pat_kind, or ATOM_VERB for the verb '*' */
    uint8_t joined; /* joined by '_' to the previous atom */
    uint32_t id;
} atom;

#define ATOM_VERB 255

static bool ends_word(char c)
{
    return blank(c) || c == '_' || c == '[' || c == '(' || c == ')' ||
           c == '{' || c == '}';
}

/* "&NAME" in a pattern at p: sets *k to the synset and *end to where its
 * name ends. The name may hold '_' ("&FIGHT_OF_WORDS") and '_' also joins a
 * synset to a following word ("&TIETYPES_MEMOS"), so the longest defined
 * name wins; with none defined, the name runs to the first '_' (a synset
 * defined later, or never: then it matches nothing, as in PETRARCH). */
static evc_status pattern_synset(loader *L, const char *p, const char *e,
                                 long *k, const char **end)
{
    const char *nb = p + 1, *r = nb;
    while (r < e && (*r == '_' || !ends_word(*r)))
        r++;
    size_t rl = (size_t)(r - nb);
    while (rl > 0 && nb[rl - 1] == '_')
        rl--;
    if (rl > MAX_WORD)
        return fail(L, EVC_ERR_LIMIT, nb, "synset name longer than %d bytes",
                    MAX_WORD);
    for (size_t m = rl; m > 0; m--) {
        if (m < rl && nb[m] != '_')
            continue;
        *k = find_synset(L, nb, m);
        if (*k >= 0 && L->defined[*k]) {
            *end = nb + m;
            return EVC_OK;
        }
    }
    size_t m = 0;
    while (m < rl && nb[m] != '_')
        m++;
    if (m == 0)
        return fail(L, EVC_ERR_SYNTAX, nb, "expected a synset name after '&'");
    *k = add_synset(L, nb, m);
    *end = nb + m;
    return *k < 0 ? oom(L) : EVC_OK;
}

/* A pattern line: s is where it starts (its text), body where its elements
 * start (after '-'), e its end. */
static evc_status parse_pattern(loader *L, const char *s, const char *body,
                                const char *e)
{
    atom at[MAX_ATOMS];
    int na = 0, verb_at = -1;
    const char *code = NULL, *code2 = NULL;
    const char *p = body;
    uint8_t joined = 0;
    evc_status st;

    while (p < e) {
        char c = *p;
        if (blank(c)) {
            joined = 0;
            p++;
            continue;
        }
        if (c == '_') {
            joined = 1;
            p++;
            continue;
        }
        if (c == '[') {
            const char *q = parse_code(L, p, e, &code, &code2);
            if (!q)
                return fail(L, EVC_ERR_SYNTAX, p, "expected ']' closing the code");
            if (!code)
                return oom(L);
            q = skip_blank(q, e);
            if (q < e)
                return fail(L, EVC_ERR_SYNTAX, q, "unexpected text after the "
                            "pattern's code");
            break;
        }
        if (na >= MAX_ATOMS)
            return fail(L, EVC_ERR_LIMIT, p, "more than %d elements in the "
                        "pattern", MAX_ATOMS);
        atom *a = &at[na];
        a->joined = joined;
        a->id = 0;
        joined = 0;
        const char *next = p + 1;
        switch (c) {
        case '*':
            if (verb_at < 0) {
                a->kind = ATOM_VERB;
                verb_at = na;
            } else {
                /* PETRARCH1 splits at the first '*' and reads a second one
                 * as a word (CAMEO.verbpatterns.150430 "- * COMMIT * AID") */
                lax(L, p, "a second '*' in one pattern");
                a->kind = EVC_PE_WORD;
                if ((st = intern_word(L, p, 1, &a->id)))
                    return st;
            }
            break;
        case '$': a->kind = EVC_PE_SOURCE; break;
        case '+': a->kind = EVC_PE_TARGET; break;
        case '%': a->kind = EVC_PE_COMPOUND; break;
        case '^': a->kind = EVC_PE_SKIP; break;
        case '(': a->kind = EVC_PE_PP_OPEN; L->p2 = true; break;
        case ')': a->kind = EVC_PE_PP_CLOSE; break;
        case '{': a->kind = EVC_PE_BRACE_OPEN; L->p2 = true; break;
        case '}': a->kind = EVC_PE_BRACE_CLOSE; break;
        case '&': {
            long k = -1;
            if ((st = pattern_synset(L, p, e, &k, &next)))
                return st;
            a->kind = EVC_PE_SYNSET;
            a->id = (uint32_t)k;
            break;
        }
        default:
            while (next < e && !ends_word(*next))
                next++;
            a->kind = EVC_PE_WORD;
            /* PETRARCH matches whole words (no stems): no prefix flag */
            if ((st = intern_word(L, p, (size_t)(next - p), &a->id)))
                return st;
        }
        na++;
        p = next;
    }
    if (!code) {
        /* PETRARCH1 reads a pattern without "[...]" as one with an empty
         * code (CAMEO.verbpatterns.150430 line 5860): it matches and codes
         * nothing */
        lax(L, e, "expected a code '[ddd]' ending the pattern");
        code = "";
    }
    if (verb_at < 0) {
        /* and one without '*' as all upper ("- TIVILIAN [202]", line 8056) */
        lax(L, body, "expected '*' marking the verb in the pattern");
        verb_at = na;
    }

    evc_pattern *v = evc_dict_grow(L->pats, &L->cap_pats, L->npats + 1,
                                   sizeof *v);
    if (!v)
        return oom(L);
    L->pats = v;
    int nup = verb_at, nlo = verb_at < na ? na - verb_at - 1 : 0;
    evc_arena *ar = L->d->arena;
    evc_pat_elem *up = evc_arena_alloc(ar, sizeof *up * (size_t)(nup + 1));
    evc_pat_elem *lo = evc_arena_alloc(ar, sizeof *lo * (size_t)(nlo + 1));
    const char *text = evc_arena_strndup(ar, s, (size_t)(e - s));
    if (!up || !lo || !text)
        return oom(L);
    /* upper: nearest the verb first; element j is atom verb_at-1-j, joined to
     * the element nearer the verb when the atom after it was joined */
    uint8_t verb_joined = verb_at < na ? at[verb_at].joined : 0;
    for (int j = 0; j < nup; j++) {
        const atom *a = &at[verb_at - 1 - j];
        uint8_t jn = j == 0 ? verb_joined : at[verb_at - j].joined;
        up[j] = (evc_pat_elem){a->kind, jn, 0, 0, a->id};
    }
    for (int j = 0; j < nlo; j++) {
        const atom *a = &at[verb_at + 1 + j];
        lo[j] = (evc_pat_elem){a->kind, a->joined, 0, 0, a->id};
    }
    evc_pattern *pt = &L->pats[L->npats++];
    memset(pt, 0, sizeof *pt);
    pt->upper = up;
    pt->lower = lo;
    pt->nupper = (uint8_t)nup;
    pt->nlower = (uint8_t)nlo;
    pt->verb_joined_upper = verb_joined;
    pt->verb_joined_lower = verb_at + 1 < na ? at[verb_at + 1].joined : 0;
    pt->code = code;
    pt->code2 = code2;
    for (int j = 0; j < na; j++) /* the coder's quick "can it match?" test */
        if (at[j].kind == EVC_PE_WORD)
            evc_mask_set(pt->wordmask, at[j].id);
    pt->line = (uint32_t)L->line;
    pt->file = L->file;
    pt->text = text;
    return EVC_OK;
}

/* ------------------------------------------------------------ verb forms */

static evc_status add_form(loader *L, const uint32_t *words, int n, int vpos,
                           const char *code, const char *code2)
{
    evc_dicts *d = L->d;
    evc_verb_form *v = evc_dict_grow(d->forms, &d->cap_forms, d->nforms + 1,
                                     sizeof *v);
    if (!v)
        return oom(L);
    d->forms = v;
    uint32_t *w = evc_arena_alloc(d->arena, sizeof *w * (size_t)n);
    if (!w)
        return oom(L);
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

static bool is_vowel(char c)
{
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}

/* The regular -S, -ED and -ING forms of the upper-case verb v[0..n)
 * (n <= MAX_WORD): "RESTORE" -> RESTORES RESTORED RESTORING, "CARRY" ->
 * CARRIES CARRIED CARRYING, "REACH" -> REACHES REACHED REACHING. */
static void regular_forms(const char *v, size_t n, char out[3][MAX_WORD + 8])
{
    int k = (int)n;
    char last = n ? v[n - 1] : 0, prev = n > 1 ? v[n - 2] : 0;
    bool cons_y = last == 'Y' && !is_vowel(prev);
    if (last == 'S' || last == 'X' || last == 'Z' ||
        (last == 'H' && (prev == 'C' || prev == 'S')))
        snprintf(out[0], MAX_WORD + 8, "%.*sES", k, v);
    else if (cons_y)
        snprintf(out[0], MAX_WORD + 8, "%.*sIES", k - 1, v);
    else
        snprintf(out[0], MAX_WORD + 8, "%.*sS", k, v);
    if (last == 'E')
        snprintf(out[1], MAX_WORD + 8, "%.*sD", k, v);
    else if (cons_y)
        snprintf(out[1], MAX_WORD + 8, "%.*sIED", k - 1, v);
    else
        snprintf(out[1], MAX_WORD + 8, "%.*sED", k, v);
    if (last == 'E' && prev != 'E' && n > 2)
        snprintf(out[2], MAX_WORD + 8, "%.*sING", k - 1, v);
    else
        snprintf(out[2], MAX_WORD + 8, "%.*sING", k, v);
}

/* Splits a verb phrase ("SAY", "+FIGHT_BACK", "KLM_NOP_+RST") into interned
 * words ids[0..*nw); *vpos is the word marked '+' (0 if none). */
static evc_status split_verb(loader *L, const char *s, const char *e,
                             uint32_t *ids, int *nw, int *vpos)
{
    *nw = 0;
    *vpos = 0;
    const char *p = s;
    for (;;) {
        while (p < e && (*p == '_' || blank(*p)))
            p++;
        if (p >= e)
            return EVC_OK;
        bool mark = *p == '+';
        if (mark)
            p++;
        const char *b = p;
        while (p < e && *p != '_' && !blank(*p))
            p++;
        if (p == b)
            continue; /* a lone '+' */
        if (*nw >= MAX_VERB_WORDS)
            return fail(L, EVC_ERR_LIMIT, b, "more than %d words in the verb",
                        MAX_VERB_WORDS);
        evc_status st = intern_word(L, b, (size_t)(p - b), &ids[*nw]);
        if (st)
            return st;
        if (mark)
            *vpos = *nw;
        (*nw)++;
    }
}

/* A verb line of the current block: "WORD {FORMS} [CODE]". */
static evc_status parse_verb_line(loader *L, const char *s, const char *e)
{
    const char *p = s;
    while (p < e && *p != '{' && *p != '[' && *p != ';')
        p++;
    uint32_t ids[MAX_VERB_WORDS];
    int nw, vpos;
    evc_status st = split_verb(L, s, p, ids, &nw, &vpos);
    if (st)
        return st;
    if (nw == 0)
        return fail(L, EVC_ERR_SYNTAX, s, "expected a verb");
    const char *irr = NULL, *irr_end = NULL;
    const char *code = NULL, *code2 = NULL;
    while (p < e) {
        if (*p == '{') {
            const char *c = memchr(p, '}', (size_t)(e - p));
            if (!c)
                return fail(L, EVC_ERR_SYNTAX, p, "expected '}' closing the "
                            "verb forms");
            irr = p + 1;
            irr_end = c;
            p = c + 1;
        } else if (*p == '[') {
            const char *q = parse_code(L, p, e, &code, &code2);
            if (!q)
                return fail(L, EVC_ERR_SYNTAX, p, "expected ']' closing the code");
            if (!code)
                return oom(L);
            p = q;
        } else if (blank(*p)) {
            p++;
        } else if (*p == ';') {
            break; /* a TABARI comment: "SCRAP {...};shan 8/30/93" */
        } else {
            return fail(L, EVC_ERR_SYNTAX, p, "expected '{forms}' or '[code]' "
                        "after the verb");
        }
    }
    if ((st = add_form(L, ids, nw, vpos, code, code2)))
        return st;
    if (!irr) {
        const char *v = L->d->words.words[ids[vpos]];
        char rf[3][MAX_WORD + 8];
        regular_forms(v, strlen(v), rf);
        for (int i = 0; i < 3; i++) {
            uint32_t id = evc_wordtab_intern(&L->d->words, rf[i], strlen(rf[i]));
            if (!id)
                return oom(L);
            uint32_t fw[MAX_VERB_WORDS];
            memcpy(fw, ids, sizeof *fw * (size_t)nw);
            fw[vpos] = id;
            if ((st = add_form(L, fw, nw, vpos, code, code2)))
                return st;
        }
        return EVC_OK;
    }
    /* each irregular form is a phrase like the base ("FOUGHT",
     * "+FOUGHT_BACK"); a one-word form of a multi-word verb replaces its
     * verb word */
    for (const char *q = irr; q < irr_end;) {
        q = skip_blank(q, irr_end);
        const char *b = q;
        while (q < irr_end && !blank(*q))
            q++;
        if (q == b)
            break;
        uint32_t fw[MAX_VERB_WORDS];
        int fn, fv;
        if ((st = split_verb(L, b, q, fw, &fn, &fv)))
            return st;
        if (fn == 1 && nw > 1) {
            uint32_t one = fw[0];
            memcpy(fw, ids, sizeof *fw * (size_t)nw);
            fw[vpos] = one;
            fn = nw;
            fv = vpos;
        }
        if (fn > 0 && (st = add_form(L, fw, fn, fv, code, code2)))
            return st;
    }
    return EVC_OK;
}

/* ------------------------------------------------------------ blocks */

static void close_block(loader *L)
{
    if (L->cur_verb < 0)
        return;
    evc_verb *v = &L->d->verbs[L->cur_verb];
    /* an offset until the patterns are frozen (L->pats still moves) */
    v->pats = (const evc_pattern *)(uintptr_t)L->block_first_pat;
    v->npats = (uint32_t)(L->npats - L->block_first_pat);
}

/* "--- NAME [CODE] ---" */
static evc_status parse_block_head(loader *L, const char *s, const char *e)
{
    const char *p = s;
    while (p < e && *p == '-')
        p++;
    p = skip_blank(p, e);
    const char *nb = p;
    while (p < e && *p != '[' && !blank(*p))
        p++;
    if (p == nb || (p - nb >= 3 && memcmp(nb, "---", 3) == 0))
        return fail(L, EVC_ERR_SYNTAX, nb, "expected a verb block name after "
                    "'---'");
    const char *ne = p;
    p = skip_blank(p, e);
    const char *code = NULL, *code2 = NULL;
    if (p < e && *p == '[') {
        const char *q = parse_code(L, p, e, &code, &code2);
        if (!q)
            return fail(L, EVC_ERR_SYNTAX, p, "expected ']' closing the block's "
                        "code");
        if (!code)
            return oom(L);
    }
    close_block(L);
    evc_dicts *d = L->d;
    evc_verb *vs = evc_dict_grow(d->verbs, &d->cap_verbs, d->nverbs + 1,
                                 sizeof *vs);
    if (!vs)
        return oom(L);
    d->verbs = vs;
    evc_verb *v = &d->verbs[d->nverbs];
    memset(v, 0, sizeof *v);
    v->name = evc_arena_strndup(d->arena, nb, (size_t)(ne - nb));
    if (!v->name)
        return oom(L);
    v->code = code ? code : "---";
    v->code2 = code2;
    v->line = (uint32_t)L->line;
    v->file = L->file;
    L->cur_verb = (long)d->nverbs++;
    L->block_first_pat = L->npats;
    return EVC_OK;
}

/* One cleaned, non-blank line: s its first non-blank, e its end. */
static evc_status parse_line(loader *L, const char *s, const char *e)
{
    if (*s == '+' && L->cur_synset >= 0)
        return add_member(L, s, e);
    L->cur_synset = -1; /* any other line ends a synset */
    if (e - s >= 3 && memcmp(s, "---", 3) == 0)
        return parse_block_head(L, s, e);
    if (*s == '-') {
        if (L->cur_verb < 0)
            return fail(L, EVC_ERR_SYNTAX, s, "pattern before any "
                        "'--- VERB [code] ---' block");
        return parse_pattern(L, s, s + 1, e);
    }
    if (*s == '*' && L->cur_verb >= 0 && memchr(s, '[', (size_t)(e - s)))
        /* a pattern that lost its '-' (PETR.Validate.verbs.2.0.txt line 453,
         * "* (TO QUESTION) [110]"): read it as one */
        return parse_pattern(L, s, s, e);
    if (*s == '&')
        return parse_synset_head(L, s, e);
    if (*s == '~')
        return EVC_OK; /* a PETRARCH2 transformation: evcode does not use them */
    if (L->cur_verb >= 0)
        return parse_verb_line(L, s, e);
    if (*s == '<')
        return EVC_OK; /* other markup outside blocks */
    return fail(L, EVC_ERR_SYNTAX, s, "expected a synset '&NAME' or a "
                "'--- VERB [code] ---' block");
}

/* Puts the patterns into the arena and turns the blocks' offsets into
 * pointers. */
static evc_status freeze_patterns(loader *L, size_t verbs_before)
{
    evc_dicts *d = L->d;
    evc_pattern *frozen = NULL;
    if (L->npats) {
        frozen = evc_arena_alloc(d->arena, sizeof *frozen * L->npats);
        if (!frozen)
            return oom(L);
        memcpy(frozen, L->pats, sizeof *frozen * L->npats);
    }
    for (size_t i = verbs_before; i < d->nverbs; i++) {
        uintptr_t first = (uintptr_t)d->verbs[i].pats;
        d->verbs[i].pats = frozen && d->verbs[i].npats ? frozen + first : NULL;
    }
    return EVC_OK;
}

evc_status evc_dict_parse_verbs(evc_dicts *d, const char *name, const char *buf,
                                size_t len, evc_error *err)
{
    if (!d)
        return evc_error_set(err, EVC_ERR_ARG, name, 0, 0, "no dictionaries");
    loader L;
    memset(&L, 0, sizeof L);
    L.d = d;
    L.name = name ? name : "";
    L.err = err;
    L.cur_verb = -1;
    L.cur_synset = -1;
    size_t verbs_before = d->nverbs, forms_before = d->nforms;

    /* the encoding (UTF-8, no NUL bytes) and a byte-order mark: the check
     * every dictionary loader shares */
    evc_dict_reader rd;
    evc_status st = evc_dict_reader_open(&rd, L.name, buf, len, err);
    size_t pos = rd.pos;
    evc_dict_reader_close(&rd);
    if (st)
        return st;
    if (!buf)
        len = 0;
    L.file = evc_dicts_add_file(d, L.name);
    if (!d->verb_format)
        d->verb_format = 1;
    /* synsets of files loaded before count as defined if they have members */
    if (d->nsynsets) {
        L.defined = calloc(d->nsynsets, 1);
        if (!L.defined) {
            st = oom(&L);
            goto out;
        }
        L.cap_defined = d->nsynsets;
        for (size_t i = 0; i < d->nsynsets; i++) {
            L.defined[i] = d->synsets[i].members.n > 0;
            const char *nm = d->synsets[i].name;
            if (evc_code_index_add(&L.synidx, nm, strlen(nm), (uint32_t)i)) {
                st = oom(&L);
                goto out;
            }
        }
    }

    while (pos < len) {
        const char *b = buf + pos;
        const char *nl = memchr(b, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - b) : len - pos;
        pos += n + (nl ? 1 : 0);
        L.line++;
        bool was_comment = L.comment_line != 0;
        const char *lead = skip_blank(b, b + n);
        while (lead < b + n && *lead == '\r')
            lead = skip_blank(lead + 1, b + n);
        if (!was_comment && b + n - lead >= 2 && lead[0] == '<' &&
            lead[1] == '!' && !(b + n - lead >= 4 && lead[2] == '-' &&
                                lead[3] == '-'))
            continue; /* "<!...": PETRARCH skips the line */
        if (take_line(&L, b, n)) {
            st = oom(&L);
            goto out;
        }
        const char *e = L.text + L.n, *s = skip_blank(L.text, e);
        if (s == e) {
            if (lead == b + n && !was_comment)
                L.cur_synset = -1; /* a blank line ends a synset; a comment
                                      doesn't */
            continue;
        }
        if ((st = parse_line(&L, s, e)))
            goto out;
    }
    if (L.comment_line) {
        st = evc_error_set(err, EVC_ERR_SYNTAX, L.name, L.comment_line, 0,
                           "expected '-->' closing the comment opened here");
        goto out;
    }
    close_block(&L);
    L.n = 0;
    if ((st = resolve_nested(&L)))
        goto out;
    if ((st = freeze_patterns(&L, verbs_before)))
        goto out;
    if (L.p2 && L.lax_line) {
        st = evc_error_set(err, EVC_ERR_SYNTAX, L.name, L.lax_line, L.lax_col,
                           "%s (in a PETRARCH2-format file)", L.lax_msg);
        goto out;
    }
    if (L.p2)
        d->verb_format = 2;
out:
    if (st) {
        /* take this file's blocks and forms back out: their patterns were
         * never frozen */
        d->nverbs = verbs_before;
        d->nforms = forms_before;
    }
    free(L.text);
    free(L.pats);
    free(L.pend);
    free(L.defined);
    evc_code_index_release(&L.synidx);
    return st;
}

evc_status evc_dict_load_verbs(evc_dicts *d, const char *path, evc_error *err)
{
    return evc_dict_load_with(d, path, evc_dict_parse_verbs, err);
}

/* ------------------------------------------------------------ index */

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
    d->form_nslots = 0;
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
