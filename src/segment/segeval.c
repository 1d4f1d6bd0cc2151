/* segeval.c: scores evc_segment against a CoNLL-U treebank the way the CoNLL
 * 2018 shared task's conll18_ud_eval.py does: rebuild the raw text from the
 * "# text" lines, segment it, compare token, word and sentence spans over the
 * text with whitespace removed. Reads the file's lines itself because it
 * needs what evc_conllu_reader drops: "# newpar", "# newdoc" and multiword
 * token lines. */
#include "segment/segment.h"
#include "segment/sbd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

typedef struct span {
    size_t start, end;
} span;

typedef struct spans {
    span *v;
    size_t n, cap;
} spans;

typedef struct buf {
    char *p;
    size_t n, cap;
} buf;

/* Appends [a, b); an empty span (a form of only whitespace, which the
 * official script rejects) is left out, as it can match nothing. */
static int spans_push(spans *s, size_t a, size_t b)
{
    if (a == b)
        return 1;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 4096;
        span *v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return 0;
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n].start = a;
    s->v[s->n].end = b;
    s->n++;
    return 1;
}

static int buf_add(buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 65536;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            return 0;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
    return 1;
}

/* Length of the character at s (n > 0 bytes left) and whether it is
 * whitespace: ASCII blanks and Unicode Zs, Zl, Zp (the script removes Zs). */
static int char_ws(const char *s, size_t n, int *len)
{
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80) {
        *len = 1;
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
               c == '\v';
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k =
        utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp);
    if (k <= 0) {
        *len = 1;
        return 0;
    }
    *len = (int)k;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
           cat == UTF8PROC_CATEGORY_ZP;
}

/* Appends the non-whitespace bytes of s[0..n) to b. */
static int add_visible(buf *b, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        int k;
        int ws = char_ws(s + i, n - i, &k);
        if (!ws && !buf_add(b, s + i, (size_t)k))
            return 0;
        i += (size_t)k;
    }
    return 1;
}

static void score(evc_seg_count *c, const spans *gold, const spans *sys)
{
    size_t gi = 0, si = 0;
    long correct = 0;
    while (gi < gold->n && si < sys->n) {
        if (sys->v[si].start < gold->v[gi].start) {
            si++;
        } else if (gold->v[gi].start < sys->v[si].start) {
            gi++;
        } else {
            correct += gold->v[gi].end == sys->v[si].end;
            gi++;
            si++;
        }
    }
    c->gold = (long)gold->n;
    c->system = (long)sys->n;
    c->correct = correct;
    c->precision = sys->n ? (double)correct / (double)sys->n : 0;
    c->recall = gold->n ? (double)correct / (double)gold->n : 0;
    c->f1 = c->precision + c->recall > 0
                ? 2 * c->precision * c->recall / (c->precision + c->recall)
                : 0;
}

/* The gold side: the raw text, the visible characters of the forms, and the
 * spans (in visible-byte positions) of tokens, words and sentences. */
typedef struct gold {
    buf text;    /* rebuilt raw text */
    buf chars;   /* the forms' visible bytes, concatenated */
    buf stext;   /* visible bytes of the current sentence's "# text" */
    spans tokens, words, sents;
    spans ends;  /* byte offsets in text where sentences end (start unused) */
} gold;

/* If line (NUL-free, n bytes) is "# key" or "# key = ...", returns a pointer
 * past the key, else NULL. */
static const char *comment_key(const char *line, size_t n, const char *key)
{
    size_t i = 1;
    while (i < n && line[i] == ' ')
        i++;
    size_t k = strlen(key);
    if (n - i < k || memcmp(line + i, key, k) != 0)
        return NULL;
    if (i + k < n && line[i + k] != ' ' && line[i + k] != '=' &&
        line[i + k] != '\t')
        return NULL;
    return line + i + k;
}

/* Field f (0-based) of a tab-separated line: sets *p and *n. */
static int field(const char *line, size_t n, int f, const char **p, size_t *len)
{
    size_t i = 0;
    for (int k = 0; k < f; k++) {
        const char *t = memchr(line + i, '\t', n - i);
        if (!t)
            return 0;
        i = (size_t)(t - line) + 1;
    }
    const char *t = memchr(line + i, '\t', n - i);
    *p = line + i;
    *len = t ? (size_t)(t - (line + i)) : n - i;
    return 1;
}

static void gold_free(gold *g)
{
    free(g->text.p);
    free(g->chars.p);
    free(g->stext.p);
    free(g->tokens.v);
    free(g->words.v);
    free(g->sents.v);
    free(g->ends.v);
}

/* The decimal at s[0..n) up to its first non-digit (at most 9 digits). */
static long field_num(const char *s, size_t n)
{
    long v = 0;
    for (size_t i = 0; i < n && i < 9 && s[i] >= '0' && s[i] <= '9'; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static evc_status read_gold(const char *doc, size_t len, const char *name,
                            gold *g, evc_error *err)
{
    if (!doc)
        doc = "";
    const char *p = doc, *end = doc + len;
    long lineno = 0, sent_line = 0;
    int in_sent = 0, newpar = 0, have_text = 0, nsent = 0;
    size_t sent_start = 0;   /* visible position where the sentence begins */
    long mwt_last = 0;       /* last word id of the open multiword token */
    size_t mwt_start = 0, mwt_end = 0, mwt_pos = 0, mwt_first_word = 0;
    int mwt_spelled = 0;
    while (p <= end) {
        const char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
        const char *le = nl ? nl : end;
        size_t n = (size_t)(le - p);
        if (n && p[n - 1] == '\r')
            n--;
        lineno++;
        int blank = 1;
        for (size_t i = 0; i < n && blank; i++)
            blank = p[i] == ' ' || p[i] == '\t';
        if (blank) {
            if (in_sent) {
                if (!have_text)
                    return evc_error_set(err, EVC_ERR_SYNTAX, name, sent_line, 0,
                                         "sentence without a \"# text\" line");
                size_t here = g->chars.n;
                if (g->stext.n != here - sent_start ||
                    (g->stext.n &&
                     memcmp(g->stext.p, g->chars.p + sent_start, g->stext.n) != 0))
                    return evc_error_set(
                        err, EVC_ERR_SYNTAX, name, sent_line, 0,
                        "the token forms do not spell the sentence's text");
                if (!spans_push(&g->sents, sent_start, here))
                    return EVC_ERR_NOMEM;
                if (!spans_push(&g->ends, 0, g->text.n))
                    return EVC_ERR_NOMEM;
                nsent++;
            }
            in_sent = have_text = 0;
            newpar = 0;
            if (!nl)
                break;
            p = nl + 1;
            continue;
        }
        if (!in_sent) {
            in_sent = 1;
            sent_line = lineno;
            sent_start = g->chars.n;
            g->stext.n = 0;
            mwt_last = 0;
        }
        if (p[0] == '#') {
            const char *v;
            if (comment_key(p, n, "newpar") || comment_key(p, n, "newdoc")) {
                newpar = 1;
            } else if ((v = comment_key(p, n, "text")) != NULL && !have_text) {
                while (v < p + n && *v == ' ')
                    v++;
                if (v < p + n && *v == '=')
                    v++;
                if (v < p + n && *v == ' ')
                    v++;
                size_t tl = (size_t)(p + n - v);
                while (tl && (v[tl - 1] == ' ' || v[tl - 1] == '\t'))
                    tl--;
                if (nsent > 0 && !buf_add(&g->text, newpar ? "\n" : " ", 1))
                    return EVC_ERR_NOMEM;
                if (!buf_add(&g->text, v, tl) || !add_visible(&g->stext, v, tl))
                    return EVC_ERR_NOMEM;
                have_text = 1;
            }
        } else {
            const char *id, *form;
            size_t idn, fn;
            if (!field(p, n, 0, &id, &idn) || !field(p, n, 1, &form, &fn))
                return evc_error_set(err, EVC_ERR_SYNTAX, name, lineno, 0,
                                     "token line without a FORM field");
            const char *dash = memchr(id, '-', idn);
            if (memchr(id, '.', idn)) {
                /* empty node: no text */
            } else if (dash) {
                size_t a = g->chars.n;
                if (!add_visible(&g->chars, form, fn))
                    return EVC_ERR_NOMEM;
                if (!spans_push(&g->tokens, a, g->chars.n))
                    return EVC_ERR_NOMEM;
                mwt_last = field_num(dash + 1, (size_t)(id + idn - dash - 1));
                mwt_start = mwt_pos = a;
                mwt_end = g->chars.n;
                mwt_first_word = g->words.n;
                mwt_spelled = 1;
            } else {
                long wid = field_num(id, idn);
                if (wid <= mwt_last) {
                    /* a word of the multiword token: its own span if the
                     * forms spell the token, else the token's span */
                    size_t before = g->chars.n;
                    if (!add_visible(&g->chars, form, fn))
                        return EVC_ERR_NOMEM;
                    size_t wl = g->chars.n - before;
                    if (!mwt_spelled || mwt_pos + wl > mwt_end ||
                        (wl && memcmp(g->chars.p + mwt_pos, g->chars.p + before,
                                      wl) != 0))
                        mwt_spelled = 0;
                    g->chars.n = before; /* the token's line spelled these */
                    if (!spans_push(&g->words, mwt_pos, mwt_pos + wl))
                        return EVC_ERR_NOMEM;
                    mwt_pos += wl;
                    if (wid == mwt_last) {
                        if (mwt_pos != mwt_end)
                            mwt_spelled = 0;
                        for (size_t k = mwt_first_word; !mwt_spelled && k < g->words.n; k++) {
                            g->words.v[k].start = mwt_start;
                            g->words.v[k].end = mwt_end;
                        }
                        mwt_last = 0;
                    }
                } else {
                    size_t a = g->chars.n;
                    if (!add_visible(&g->chars, form, fn))
                        return EVC_ERR_NOMEM;
                    if (!spans_push(&g->tokens, a, g->chars.n) ||
                        !spans_push(&g->words, a, g->chars.n))
                        return EVC_ERR_NOMEM;
                }
            }
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    if (in_sent) {
        if (!have_text)
            return evc_error_set(err, EVC_ERR_SYNTAX, name, sent_line, 0,
                                 "sentence without a \"# text\" line");
        if (!spans_push(&g->sents, sent_start, g->chars.n))
            return EVC_ERR_NOMEM;
        if (!spans_push(&g->ends, 0, g->text.n))
            return EVC_ERR_NOMEM;
    }
    return EVC_OK;
}

evc_status evc_segment_eval_mem(const char *conllu, size_t len,
                                const char *name, evc_seg_scores *out,
                                evc_error *err)
{
    if ((!conllu && len) || !out)
        return evc_error_set(err, EVC_ERR_ARG, name, 0, 0,
                             "evc_segment_eval: missing input or output");
    memset(out, 0, sizeof *out);
    gold g;
    memset(&g, 0, sizeof g);
    spans st = {0}, sw = {0}, ss = {0};
    size_t *vis = NULL;
    evc_arena *a = NULL;
    evc_status rc = read_gold(conllu, len, name, &g, err);
    if (rc != EVC_OK) {
        if (rc == EVC_ERR_NOMEM)
            evc_error_set(err, rc, name, 0, 0, "out of memory");
        goto done;
    }
    /* visible position of every byte offset of the raw text */
    const char *text = g.text.p ? g.text.p : "";
    size_t tn = g.text.n;
    vis = malloc((tn + 1) * sizeof *vis);
    a = evc_arena_new(1 << 20);
    if (!vis || !a) {
        rc = evc_error_set(err, EVC_ERR_NOMEM, name, 0, 0, "out of memory");
        goto done;
    }
    size_t v = 0;
    for (size_t i = 0; i < tn;) {
        int k;
        int ws = char_ws(text + i, tn - i, &k);
        for (int j = 0; j < k && i + (size_t)j <= tn; j++)
            vis[i + (size_t)j] = v;
        v += ws ? 0 : (size_t)k;
        i += (size_t)k;
    }
    vis[tn] = v;
    if (v != g.chars.n) {
        rc = evc_error_set(err, EVC_ERR_SYNTAX, name, 0, 0,
                           "the token forms do not spell the text");
        goto done;
    }
    evc_sentence *sents;
    int ns;
    rc = evc_segment(text, tn, a, &sents, &ns, err);
    if (rc != EVC_OK)
        goto done;
    for (int i = 0; i < ns; i++) {
        const evc_sentence *s = &sents[i];
        if (s->ntok < 1)
            continue;
        size_t sa = vis[s->tok[1].off];
        size_t se = vis[s->tok[s->ntok].off + s->tok[s->ntok].len];
        if (!spans_push(&ss, sa, se)) {
            rc = EVC_ERR_NOMEM;
            goto done;
        }
        for (int j = 1; j <= s->ntok; j++) {
            const evc_token *t = &s->tok[j];
            size_t ta = vis[t->off], te = vis[t->off + t->len];
            if (!spans_push(&sw, ta, te)) {
                rc = EVC_ERR_NOMEM;
                goto done;
            }
            if (j > 1 && evc_segment_joins_previous(s, j))
                st.v[st.n - 1].end = te;
            else if (!spans_push(&st, ta, te)) {
                rc = EVC_ERR_NOMEM;
                goto done;
            }
        }
    }
    score(&out->tokens, &g.tokens, &st);
    score(&out->words, &g.words, &sw);
    score(&out->sentences, &g.sents, &ss);
    out->bytes = tn;
done:
    if (rc == EVC_ERR_NOMEM && err && err->code != EVC_ERR_NOMEM)
        evc_error_set(err, rc, name, 0, 0, "out of memory");
    gold_free(&g);
    free(st.v);
    free(sw.v);
    free(ss.v);
    free(vis);
    evc_arena_free(a);
    return rc;
}

evc_status evc_segment_eval(const char *conllu_path, evc_seg_scores *out,
                            evc_error *err)
{
    if (!conllu_path || !out)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "evc_segment_eval: missing path or output");
    memset(out, 0, sizeof *out);
    FILE *f = fopen(conllu_path, "rb");
    if (!f)
        return evc_error_set(err, EVC_ERR_IO, conllu_path, 0, 0,
                             "cannot open file");
    char *data = NULL;
    size_t n = 0, cap = 0;
    evc_status rc = EVC_OK;
    for (;;) {
        if (n + 65536 > cap) {
            size_t nc = cap ? cap * 2 : 1 << 20;
            char *d = realloc(data, nc);
            if (!d) {
                rc = evc_error_set(err, EVC_ERR_NOMEM, conllu_path, 0, 0,
                                   "out of memory");
                break;
            }
            data = d;
            cap = nc;
        }
        size_t r = fread(data + n, 1, cap - n, f);
        n += r;
        if (r == 0) {
            if (ferror(f))
                rc = evc_error_set(err, EVC_ERR_IO, conllu_path, 0, 0,
                                   "read error");
            break;
        }
    }
    fclose(f);
    if (rc == EVC_OK)
        rc = evc_segment_eval_mem(data, n, conllu_path, out, err);
    free(data);
    return rc;
}

evc_status evc_sbd_gold(const char *conllu, size_t len, const char *name,
                        char **text, size_t *tlen, size_t **ends,
                        size_t *nends, evc_error *err)
{
    gold g;
    memset(&g, 0, sizeof g);
    *text = NULL;
    *ends = NULL;
    *tlen = *nends = 0;
    evc_status rc = read_gold(conllu, len, name, &g, err);
    size_t *e = NULL;
    if (rc == EVC_OK && g.ends.n) {
        e = malloc(g.ends.n * sizeof *e);
        if (!e)
            rc = EVC_ERR_NOMEM;
        for (size_t i = 0; e && i < g.ends.n; i++)
            e[i] = g.ends.v[i].end;
    }
    if (rc == EVC_ERR_NOMEM)
        evc_error_set(err, rc, name, 0, 0, "out of memory");
    if (rc != EVC_OK) {
        free(e);
        gold_free(&g);
        return rc;
    }
    *text = g.text.p ? g.text.p : calloc(1, 1);
    *tlen = g.text.n;
    *ends = e;
    *nends = e ? g.ends.n : 0;
    g.text.p = NULL;
    gold_free(&g);
    return *text ? EVC_OK : evc_error_set(err, EVC_ERR_NOMEM, name, 0, 0, "out of memory");
}
