/* text.c: the plain-text article reader (article.h): the whole input is one
 * article, UTF-8 without NUL bytes, kept byte for byte (CRLF too, so offsets
 * match the file) except for a leading BOM, which is dropped. */
#include "read/article.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define READ_CHUNK (64 * 1024)

typedef struct text_reader {
    evc_article_reader base; /* first: the dispatch casts */
    FILE *f;                 /* not owned */
    char *name;              /* for messages */
    char *id;                /* the article's id, from name */
    int done;                /* the one article has been returned */
    evc_status fail;         /* sticky error (I/O), EVC_OK if none */
    evc_error ferr;
} text_reader;

/* "dir/name.ext" -> "name". A name whose base is empty or only an
 * extension (".txt") is kept whole. */
static char *id_from_name(const char *name)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
    if (n == 0)
        return strdup(name);
    return strndup(base, n);
}

/* Reads all of r->f into a malloc'd buffer (*buf, *len). More than
 * EVC_TEXT_MAX bytes gives EVC_ERR_LIMIT and nothing is kept. */
static evc_status slurp(text_reader *r, char **buf, size_t *len,
                        evc_error *err)
{
    size_t cap = READ_CHUNK, n = 0;
    char *b = malloc(cap);
    if (!b)
        goto nomem;
    for (;;) {
        if (n == cap) {
            if (cap == (size_t)EVC_TEXT_MAX) {
                /* full: one more byte means the file is too big */
                char probe;
                if (fread(&probe, 1, 1, r->f) == 1) {
                    char show[72];
                    free(b);
                    return evc_error_set(
                        err, EVC_ERR_LIMIT, r->name, 0, 0,
                        "article \"%s\": text file larger than %ld bytes",
                        evc_article_id_show(r->id, show, sizeof show),
                        EVC_TEXT_MAX);
                }
                if (ferror(r->f))
                    goto ioerr;
                break;
            }
            cap = cap * 2 > (size_t)EVC_TEXT_MAX ? (size_t)EVC_TEXT_MAX
                                                 : cap * 2;
            char *nb = realloc(b, cap);
            if (!nb)
                goto nomem;
            b = nb;
        }
        errno = 0;
        size_t k = fread(b + n, 1, cap - n, r->f);
        n += k;
        if (n < cap) { /* a short read: end of input or an error */
            if (ferror(r->f))
                goto ioerr;
            break;
        }
    }
    *buf = b;
    *len = n;
    return EVC_OK;
ioerr:
    free(b);
    r->fail = evc_error_set(&r->ferr, EVC_ERR_IO, r->name, 0, 0,
                            "read error%s%s", errno ? ": " : "",
                            errno ? strerror(errno) : "");
    if (err)
        *err = r->ferr;
    return EVC_ERR_IO;
nomem:
    free(b);
    return evc_error_set(err, EVC_ERR_NOMEM, r->name, 0, 0,
                         "out of memory for the text");
}

/* The 1-based line and column (in characters) of byte `at` of s. */
static void position(const char *s, size_t at, long *line, long *col)
{
    size_t start = 0;
    *line = 1;
    for (size_t i = 0; i < at; i++)
        if (s[i] == '\n') {
            (*line)++;
            start = i + 1;
        }
    *col = (long)evc_utf8_count(s + start, at - start) + 1;
}

static evc_status text_next(evc_article_reader *base, evc_arena *a,
                            evc_article *out, evc_error *err)
{
    text_reader *r = (text_reader *)base;
    if (r->fail) {
        if (err)
            *err = r->ferr;
        return r->fail;
    }
    if (r->done)
        return EVC_END;
    r->done = 1; /* whatever happens, there is no second article */

    char *buf = NULL;
    size_t n = 0;
    evc_status st = slurp(r, &buf, &n, err);
    if (st != EVC_OK)
        return st;
    char show[72];
    const char *p = buf;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3, n -= 3;
    long line, col;
    size_t ok = evc_utf8_valid_prefix(p, n);
    const char *nul = memchr(p, 0, ok);
    if (n == 0) {
        st = EVC_END;
    } else if (nul) {
        position(p, (size_t)(nul - p), &line, &col);
        st = evc_error_set(err, EVC_ERR_SYNTAX, r->name, line, col,
                           "article \"%s\": NUL byte (not a text file?)",
                           evc_article_id_show(r->id, show, sizeof show));
    } else if (ok < n) {
        position(p, ok, &line, &col);
        st = evc_error_set(err, EVC_ERR_UTF8, r->name, line, col,
                           "article \"%s\": invalid UTF-8 (byte 0x%02X)",
                           evc_article_id_show(r->id, show, sizeof show),
                           (unsigned)(unsigned char)p[ok]);
    } else {
        out->id = evc_arena_strdup(a, r->id);
        out->text = evc_arena_strndup(a, p, n);
        out->text_len = n;
        out->line = 1;
        if (!out->id || !out->text) {
            memset(out, 0, sizeof *out);
            st = evc_error_set(err, EVC_ERR_NOMEM, r->name, 0, 0,
                               "article \"%s\": out of memory",
                               evc_article_id_show(r->id, show, sizeof show));
        }
    }
    free(buf);
    return st;
}

static void text_close(evc_article_reader *base)
{
    text_reader *r = (text_reader *)base;
    free(r->name);
    free(r->id);
    free(r);
}

evc_status evc_text_reader_open(FILE *f, const char *name,
                                evc_article_reader **out, evc_error *err)
{
    const char *label =
        name && name[0] && strcmp(name, "-") != 0 ? name : "stdin";
    if (!f || !out)
        return evc_error_set(err, EVC_ERR_ARG, label, 0, 0,
                             "evc_text_reader_open: NULL argument");
    *out = NULL;
    text_reader *r = calloc(1, sizeof *r);
    if (!r)
        return evc_error_set(err, EVC_ERR_NOMEM, label, 0, 0,
                             "out of memory");
    r->base.next = text_next;
    r->base.close = text_close;
    r->f = f;
    r->name = strdup(label);
    r->id = r->name ? id_from_name(label) : NULL;
    if (!r->name || !r->id) {
        text_close(&r->base);
        return evc_error_set(err, EVC_ERR_NOMEM, label, 0, 0,
                             "out of memory");
    }
    *out = &r->base;
    return EVC_OK;
}
