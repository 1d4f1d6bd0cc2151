/* conllu.c: reads CoNLL-U (universaldependencies.org/format.html) into
 * evc_sentence, one sentence block at a time, from memory or from a FILE*.
 * UD v1 labels (dobj, nsubjpass, nmod under a verb, ...) become UD v2. */
#include "evcode.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Hard limits. A real sentence is a few kilobytes; these stop runaway input. */
#define MAX_LINE (1L << 20)   /* bytes per line, without its '\n' */
#define MAX_TOKENS 4096       /* token lines per sentence */
#define MAX_BLOCK (16L << 20) /* bytes per sentence block (streaming reader) */
#define READ_CHUNK (64 * 1024)

/* ---------------------------------------------------------------- helpers */

/* Length of the longest valid UTF-8 prefix of s[0..n): n if all of it is valid.
 * utf8proc rejects overlong forms, surrogates and code points past U+10FFFF. */
static size_t utf8_valid_prefix(const char *s, size_t n)
{
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    while (i < n) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            return i;
        i += (size_t)k;
    }
    return n;
}

/* Next line of [*p, end): sets *ls and *ll to it (without '\n' and a trailing
 * '\r') and advances *p past its '\n'. Returns 0 when no line is left. */
static int next_line(const char **p, const char *end, const char **ls,
                     size_t *ll)
{
    if (*p >= end)
        return 0;
    const char *s = *p;
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    const char *e = nl ? nl : end;
    *p = nl ? nl + 1 : end;
    if (e > s && e[-1] == '\r')
        e--;
    *ls = s;
    *ll = (size_t)(e - s);
    return 1;
}

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}

static int all_digits(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* Kind of a non-blank line, judged by its first character and ID field. */
enum line_kind { LINE_COMMENT, LINE_TOKEN, LINE_RANGE, LINE_EMPTY_NODE };

static enum line_kind classify(const char *s, size_t n)
{
    if (s[0] == '#')
        return LINE_COMMENT;
    const char *tab = memchr(s, '\t', n);
    size_t idlen = tab ? (size_t)(tab - s) : n;
    if (memchr(s, '-', idlen))
        return LINE_RANGE;
    if (memchr(s, '.', idlen))
        return LINE_EMPTY_NODE;
    return LINE_TOKEN;
}

/* Parses a decimal of at most 9 digits; -1 if s is not one. */
static long parse_uint(const char *s)
{
    size_t n = strlen(s);
    if (!all_digits(s, n) || n > 9)
        return -1;
    long v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* If the comment line s (NUL-terminated, starting with '#') is
 * "# key = value", returns value trimmed, else NULL. Modifies s in place. */
static char *comment_value(char *s, const char *key)
{
    s++;
    while (*s == ' ' || *s == '\t')
        s++;
    size_t k = strlen(key);
    if (strncmp(s, key, k) != 0)
        return NULL;
    s += k;
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s != '=')
        return NULL;
    s++;
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = 0;
    return s;
}

/* The UD v2 label for a v1 label that maps regardless of context, or NULL. */
static const char *map_fixed(const char *rel)
{
    static const char *const map[][2] = {
        {"dobj", "obj"},
        {"nsubjpass", "nsubj:pass"},
        {"csubjpass", "csubj:pass"},
        {"auxpass", "aux:pass"},
        /* v2 has no `neg`: negation particles are advmod (and Polarity=Neg).
         * The lemma (not, never, n't, no) stays, which is what the coder
         * checks to detect a negated verb. */
        {"neg", "advmod"},
        {"mwe", "fixed"},
        {"name", "flat"},
        {"foreign", "flat:foreign"},
        {"remnant", "orphan"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(rel, map[i][0]) == 0)
            return map[i][1];
    return NULL;
}

static int is_predicate(const char *upos)
{
    return strcmp(upos, "VERB") == 0 || strcmp(upos, "AUX") == 0 ||
           strcmp(upos, "ADJ") == 0 || strcmp(upos, "ADV") == 0;
}

static int has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A label that only UD v2 has. */
static int v2_only(const char *rel)
{
    return strcmp(rel, "obj") == 0 || has_prefix(rel, "obl") ||
           has_prefix(rel, "fixed") || has_prefix(rel, "flat") ||
           strcmp(rel, "orphan") == 0 || strstr(rel, ":pass") != NULL ||
           strcmp(rel, "nmod:unmarked") == 0 || strcmp(rel, "nmod:desc") == 0;
}

/* Whether the sentence is annotated in UD v1. The `nmod` rule below must not
 * touch v2 input: v2 treebanks (EWT, GUM) keep a few nmod under adjectives.
 * v1 is a v1-only label, or, with no v2-only label, an nmod under a verb
 * (which v2 forbids). */
static int is_v1(const evc_token *tok, int ntok)
{
    int v2 = 0, nmod_verb = 0;
    for (int i = 1; i <= ntok; i++) {
        const char *rel = tok[i].deprel;
        if (map_fixed(rel))
            return 1;
        v2 |= v2_only(rel);
        if (has_prefix(rel, "nmod") && tok[i].head > 0) {
            const char *up = tok[tok[i].head].upos;
            nmod_verb |= strcmp(up, "VERB") == 0 || strcmp(up, "AUX") == 0;
        }
    }
    return !v2 && nmod_verb;
}

/* The v2 label for the v1 label of tok[i]. v2 splits v1 `nmod` by its head:
 * a nominal modifying a predicate (VERB, AUX, ADJ or ADV head, as the v2
 * guidelines define `obl`) becomes `obl`, one modifying a nominal stays
 * `nmod`; the :tmod and :npmod subtypes follow. `nmod:poss` is kept. */
static const char *map_v1(const evc_token *tok, int i)
{
    const char *rel = tok[i].deprel;
    const char *m = map_fixed(rel);
    if (m)
        return m;
    if (!has_prefix(rel, "nmod") || tok[i].head <= 0 ||
        !is_predicate(tok[tok[i].head].upos))
        return rel;
    if (strcmp(rel, "nmod") == 0)
        return "obl";
    if (strcmp(rel, "nmod:tmod") == 0)
        return "obl:tmod";
    if (strcmp(rel, "nmod:npmod") == 0)
        return "obl:npmod";
    return rel;
}

/* Splits the NUL-terminated line into its tab-separated fields in place.
 * Returns the number of fields; at most `max` are stored in f[]. */
static int split_fields(char *line, char **f, int max)
{
    int n = 0;
    char *s = line;
    for (;;) {
        if (n < max)
            f[n] = s;
        n++;
        char *tab = strchr(s, '\t');
        if (!tab)
            break;
        *tab = 0;
        s = tab + 1;
    }
    return n;
}

/* ---------------------------------------------------------------- parse */

/* Contract in evcode.h. Two passes over the block: the first checks line
 * lengths, UTF-8 and the block shape and counts tokens; the second works on
 * one arena copy of the text, cutting it into fields in place, so a sentence
 * costs two arena allocations whatever its length. */
evc_status evc_conllu_parse(const char *text, size_t len, evc_arena *arena,
                            evc_sentence *out, const char *file,
                            long first_line, evc_error *err)
{
    if ((!text && len) || !arena || !out)
        return evc_error_set(err, EVC_ERR_ARG, file, 0, 0,
                             "evc_conllu_parse: NULL argument");
    memset(out, 0, sizeof *out);
    if (first_line < 1)
        first_line = 1;

    /* pass 1: limits, encoding, shape */
    const char *p = text, *end = text + len, *ls;
    size_t ll;
    long lineno = first_line - 1;
    int ntok = 0, seen_content = 0, seen_gap = 0;
    while (next_line(&p, end, &ls, &ll)) {
        lineno++;
        if (ll > (size_t)MAX_LINE)
            return evc_error_set(err, EVC_ERR_LIMIT, file, lineno, 0,
                                 "line longer than %ld bytes", MAX_LINE);
        size_t ok = utf8_valid_prefix(ls, ll);
        if (ok < ll)
            return evc_error_set(err, EVC_ERR_UTF8, file, lineno,
                                 (long)ok + 1,
                                 "invalid UTF-8 byte 0x%02x",
                                 (unsigned char)ls[ok]);
        const char *nul = memchr(ls, 0, ll);
        if (nul)
            return evc_error_set(err, EVC_ERR_SYNTAX, file, lineno,
                                 (long)(nul - ls) + 1, "unexpected NUL byte");
        if (is_blank(ls, ll)) {
            if (seen_content)
                seen_gap = 1;
            continue;
        }
        if (seen_gap)
            return evc_error_set(err, EVC_ERR_SYNTAX, file, lineno, 1,
                                 "expected one sentence, found a blank line "
                                 "followed by more lines");
        seen_content = 1;
        if (classify(ls, ll) == LINE_TOKEN && ++ntok > MAX_TOKENS)
            return evc_error_set(err, EVC_ERR_LIMIT, file, lineno, 1,
                                 "sentence longer than %d tokens", MAX_TOKENS);
    }
    if (ntok == 0)
        return evc_error_set(err, EVC_ERR_SYNTAX, file, first_line, 1,
                             "expected at least one token line");

    /* pass 2: fields, on an arena copy */
    char *copy = evc_arena_strndup(arena, text, len);
    evc_token *tok = evc_arena_alloc(arena, (size_t)(ntok + 1) * sizeof *tok);
    if (!copy || !tok)
        return evc_error_set(err, EVC_ERR_NOMEM, file, 0, 0, "out of memory");
    memset(tok, 0, (size_t)(ntok + 1) * sizeof *tok);
    for (int i = 0; i <= ntok; i++)
        tok[i].off = -1; /* CoNLL-U carries no offsets into a text */
    tok[0].form = tok[0].lemma = "ROOT";
    tok[0].upos = tok[0].xpos = tok[0].feats = "_";
    tok[0].deprel = "root";
    tok[0].head = -1;

    p = copy;
    end = copy + len;
    lineno = first_line - 1;
    int idx = 0;
    while (next_line(&p, end, &ls, &ll)) {
        lineno++;
        char *line = copy + (ls - copy);
        line[ll] = 0; /* over the '\n' or '\r', or the copy's terminator */
        if (is_blank(line, ll))
            continue;
        enum line_kind kind = classify(line, ll);
        if (kind == LINE_COMMENT) {
            char *v;
            if (!out->id && (v = comment_value(line, "sent_id")))
                out->id = v;
            else if (!out->text && (v = comment_value(line, "text")))
                out->text = v;
            continue;
        }
        char *f[10];
        int nf = split_fields(line, f, 10);
        if (nf != 10)
            return evc_error_set(err, EVC_ERR_SYNTAX, file, lineno, 1,
                                 "expected 10 tab-separated columns, found %d",
                                 nf);
        for (int k = 0; k < 10; k++)
            if (!f[k][0])
                return evc_error_set(err, EVC_ERR_SYNTAX, file, lineno,
                                     (long)(f[k] - line) + 1,
                                     "expected a value in column %d "
                                     "(\"_\" if none), found nothing",
                                     k + 1);
        if (kind != LINE_TOKEN) {
            /* multiword range "4-5" or empty node "8.1": checked, skipped */
            char sep = kind == LINE_RANGE ? '-' : '.';
            char *s = strchr(f[0], sep);
            if (!all_digits(f[0], (size_t)(s - f[0])) ||
                !all_digits(s + 1, strlen(s + 1)))
                return evc_error_set(err, EVC_ERR_SYNTAX, file, lineno, 1,
                                     "expected a token id, a range N-M or an "
                                     "empty node N.M, found \"%.40s\"",
                                     f[0]);
            continue;
        }
        idx++;
        if (parse_uint(f[0]) != idx)
            return evc_error_set(err, EVC_ERR_SYNTAX, file, lineno, 1,
                                 "expected token id %d, found \"%.40s\"", idx,
                                 f[0]);
        long head = parse_uint(f[6]);
        if (head < 0 || head > ntok)
            return evc_error_set(err, EVC_ERR_SYNTAX, file, lineno,
                                 (long)(f[6] - line) + 1,
                                 "expected a head between 0 and %d, found "
                                 "\"%.40s\"",
                                 ntok, f[6]);
        evc_token *t = &tok[idx];
        t->form = f[1];
        t->lemma = f[2];
        /* UD v1 CONJ is v2 CCONJ, the tag the tagger and coder use */
        t->upos = strcmp(f[3], "CONJ") == 0 ? "CCONJ" : f[3];
        t->xpos = f[4];
        t->feats = f[5];
        t->head = (int)head;
        t->deprel = f[7];
    }

    /* pass 3: v1 → v2 labels, once every head's UPOS is known */
    if (is_v1(tok, ntok))
        for (int i = 1; i <= ntok; i++)
            tok[i].deprel = map_v1(tok, i);

    out->ntok = ntok;
    out->tok = tok;
    return EVC_OK;
}

/* ---------------------------------------------------------------- reader */

struct evc_conllu_reader {
    FILE *f;          /* not owned */
    char *name;       /* for error messages */
    char *buf;        /* input buffer of READ_CHUNK bytes */
    size_t pos, end;  /* unread part of buf */
    int eof;
    char *blk;        /* the sentence block being gathered */
    size_t blen, bcap;
    long lineno;      /* lines consumed so far */
    evc_status fail;  /* sticky error (I/O, limits), EVC_OK if none */
    evc_error ferr;
};

/* Contract in evcode.h. The reader does not own f; close it after
 * evc_conllu_reader_close. */
evc_status evc_conllu_reader_open(FILE *f, const char *name,
                                  evc_conllu_reader **out, evc_error *err)
{
    if (!f || !out)
        return evc_error_set(err, EVC_ERR_ARG, name, 0, 0,
                             "evc_conllu_reader_open: NULL argument");
    *out = NULL;
    evc_conllu_reader *r = calloc(1, sizeof *r);
    if (!r)
        goto nomem;
    r->f = f;
    r->name = strdup(name ? name : "");
    r->buf = malloc(READ_CHUNK);
    r->bcap = 4096;
    r->blk = malloc(r->bcap);
    if (!r->name || !r->buf || !r->blk)
        goto nomem;
    *out = r;
    return EVC_OK;
nomem:
    evc_conllu_reader_close(r);
    return evc_error_set(err, EVC_ERR_NOMEM, name, 0, 0, "out of memory");
}

void evc_conllu_reader_close(evc_conllu_reader *r)
{
    if (!r)
        return;
    free(r->name);
    free(r->buf);
    free(r->blk);
    free(r);
}

/* Sets the reader's sticky error and returns it. */
static evc_status reader_fail(evc_conllu_reader *r, evc_error *err,
                              evc_status code, long line, const char *msg)
{
    r->fail = evc_error_set(&r->ferr, code, r->name, line, 0, "%s", msg);
    if (err)
        *err = r->ferr;
    return code;
}

static evc_status block_append(evc_conllu_reader *r, const char *s, size_t n,
                               evc_error *err)
{
    if (r->blen + n > (size_t)MAX_BLOCK)
        return reader_fail(r, err, EVC_ERR_LIMIT, r->lineno + 1,
                           "sentence block longer than 16 MiB");
    if (r->blen + n > r->bcap) {
        size_t cap = r->bcap;
        while (cap < r->blen + n)
            cap *= 2;
        char *nb = realloc(r->blk, cap);
        if (!nb)
            return reader_fail(r, err, EVC_ERR_NOMEM, 0, "out of memory");
        r->blk = nb;
        r->bcap = cap;
    }
    memcpy(r->blk + r->blen, s, n);
    r->blen += n;
    return EVC_OK;
}

/* Appends the next input line and its '\n' to the block and sets *n to the
 * line's length. EVC_END when the input is exhausted. A line is never held
 * beyond MAX_LINE bytes, so memory stays bounded on hostile input. */
static evc_status read_line(evc_conllu_reader *r, size_t *n, evc_error *err)
{
    size_t len = 0;
    int got = 0;
    for (;;) {
        if (r->pos == r->end) {
            if (r->eof)
                break;
            size_t k = fread(r->buf, 1, READ_CHUNK, r->f);
            if (k < READ_CHUNK) {
                if (ferror(r->f))
                    return reader_fail(r, err, EVC_ERR_IO, r->lineno + 1,
                                       "read error");
                r->eof = 1;
            }
            r->pos = 0;
            r->end = k;
            if (k == 0)
                break;
        }
        got = 1;
        const char *s = r->buf + r->pos;
        const char *nl = memchr(s, '\n', r->end - r->pos);
        size_t take = nl ? (size_t)(nl - s) : r->end - r->pos;
        if (len + take > (size_t)MAX_LINE)
            return reader_fail(r, err, EVC_ERR_LIMIT, r->lineno + 1,
                               "line longer than 1048576 bytes");
        evc_status st = block_append(r, s, take, err);
        if (st != EVC_OK)
            return st;
        len += take;
        r->pos += take + (nl ? 1 : 0);
        if (nl)
            break;
    }
    if (!got)
        return EVC_END;
    r->lineno++;
    *n = len;
    return block_append(r, "\n", 1, err);
}

/* Contract in evcode.h. A malformed sentence is reported and skipped: the
 * next call goes on with the following sentence. I/O errors and exceeded
 * limits stop the reader: every later call returns the same error. */
evc_status evc_conllu_reader_next(evc_conllu_reader *r, evc_arena *arena,
                                  evc_sentence *out, evc_error *err)
{
    if (!r || !arena || !out)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "evc_conllu_reader_next: NULL argument");
    if (r->fail) {
        if (err)
            *err = r->ferr;
        return r->fail;
    }
    r->blen = 0;
    long first = 0;
    for (;;) {
        size_t start = r->blen, n = 0;
        evc_status st = read_line(r, &n, err);
        if (st == EVC_END)
            break;
        if (st != EVC_OK)
            return st;
        if (is_blank(r->blk + start, n)) {
            r->blen = start; /* blank lines separate; they are not kept */
            if (first)
                break;
            continue;
        }
        if (!first)
            first = r->lineno;
    }
    if (!first)
        return EVC_END;
    return evc_conllu_parse(r->blk, r->blen, arena, out, r->name, first, err);
}
