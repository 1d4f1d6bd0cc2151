/* jsonl.c: the JSON Lines article reader (article.h): one JSON object per
 * line (RFC 8259 via jansson; dates ISO 8601), read through a bounded line
 * buffer. Also the dispatch and UTF-8 helpers that text.c shares. */
#include "read/article.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define READ_CHUNK (64 * 1024)
#define LINE_START (64 * 1024) /* first capacity of the line buffer */
#define LINE_KEEP (1L << 20)   /* a larger line buffer is freed after use, so
                                  one long article does not pin it */

_Static_assert(READ_CHUNK <= EVC_JSONL_MAX_LINE,
               "a line inside one chunk must be within the limit");

typedef struct jsonl_reader {
    evc_article_reader base; /* first: the dispatch casts */
    FILE *f;                 /* not owned */
    char *name;              /* for messages and default ids */
    char *buf;               /* READ_CHUNK bytes of input */
    size_t pos, end;         /* unread part of buf */
    int eof;
    char *line;              /* a line spanning chunks is gathered here */
    size_t len, cap;
    long lineno;             /* lines consumed so far */
    evc_status fail;         /* sticky error (I/O), EVC_OK if none */
    evc_error ferr;
} jsonl_reader;

/* ---------------------------------------------------------------- shared */

evc_status evc_article_reader_next(evc_article_reader *r, evc_arena *a,
                                   evc_article *out, evc_error *err)
{
    if (!r || !a || !out)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "evc_article_reader_next: NULL argument");
    memset(out, 0, sizeof *out);
    return r->next(r, a, out, err);
}

void evc_article_reader_close(evc_article_reader *r)
{
    if (r)
        r->close(r);
}

size_t evc_utf8_valid_prefix(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
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

size_t evc_utf8_count(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

const char *evc_article_id_show(const char *id, char *buf, size_t n)
{
    size_t max = n >= 64 ? 60 : n - 4, k = 0; /* room for "...\0" */
    for (; k < max && id[k]; k++)
        buf[k] = (unsigned char)id[k] < 0x20 || id[k] == 0x7F ? '?' : id[k];
    if (id[k]) {
        while (k > 0 && ((unsigned char)id[k] & 0xC0) == 0x80)
            k--; /* id[k] continues a character: cut before that one */
        memcpy(buf + k, "...", 3);
        k += 3;
    }
    buf[k] = 0;
    return buf;
}

/* Replaces control characters in s by '?', so a message stays one line. */
static void printable(char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7F)
            *s = '?';
}

/* ---------------------------------------------------------------- lines */

static evc_status reader_sticky(jsonl_reader *r, evc_error *err,
                                evc_status code, const char *msg)
{
    r->fail = evc_error_set(&r->ferr, code, r->name, r->lineno + 1, 0, "%s",
                            msg);
    if (err)
        *err = r->ferr;
    return code;
}

static int line_reserve(jsonl_reader *r, size_t need)
{
    if (need <= r->cap)
        return 0;
    size_t cap = r->cap ? r->cap : LINE_START;
    while (cap < need)
        cap *= 2;
    if (cap > (size_t)EVC_JSONL_MAX_LINE)
        cap = (size_t)EVC_JSONL_MAX_LINE;
    char *p = realloc(r->line, cap);
    if (!p)
        return -1;
    r->line = p;
    r->cap = cap;
    return 0;
}

/* Reads the next line: *p, *n its bytes without the '\n' (valid until the
 * next call), *newline whether a '\n' ended it. EVC_END at end of input. A
 * line too long (EVC_ERR_LIMIT) or too big for memory (EVC_ERR_NOMEM) is
 * consumed without being kept and reported with its line number. A line
 * that lies within the current chunk is not copied. */
static evc_status read_line(jsonl_reader *r, const char **p, size_t *n,
                            int *newline, evc_error *err)
{
    if (r->cap > (size_t)LINE_KEEP) {
        free(r->line);
        r->line = NULL;
        r->cap = 0;
    }
    r->len = 0;
    *newline = 0;
    evc_status skip = EVC_OK; /* why the rest of the line is being dropped */
    int got = 0;
    for (;;) {
        if (r->pos == r->end) {
            if (r->eof)
                break;
            errno = 0;
            size_t k = fread(r->buf, 1, READ_CHUNK, r->f);
            if (k < READ_CHUNK) {
                if (ferror(r->f)) {
                    char msg[128];
                    snprintf(msg, sizeof msg, "read error%s%s",
                             errno ? ": " : "", errno ? strerror(errno) : "");
                    return reader_sticky(r, err, EVC_ERR_IO, msg);
                }
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
        r->pos += take + (nl != NULL);
        *newline = nl != NULL;
        if (skip == EVC_OK) {
            if (nl && r->len == 0) {
                r->lineno++;
                *p = s;
                *n = take;
                return EVC_OK;
            }
            if (r->len + take > (size_t)EVC_JSONL_MAX_LINE)
                skip = EVC_ERR_LIMIT;
            else if (line_reserve(r, r->len + take) != 0)
                skip = EVC_ERR_NOMEM;
            else {
                memcpy(r->line + r->len, s, take);
                r->len += take;
            }
        }
        if (nl)
            break;
    }
    if (!got)
        return EVC_END;
    r->lineno++;
    if (skip == EVC_ERR_LIMIT)
        return evc_error_set(err, EVC_ERR_LIMIT, r->name, r->lineno, 0,
                             "line longer than %ld bytes: skipped",
                             EVC_JSONL_MAX_LINE);
    if (skip == EVC_ERR_NOMEM)
        return evc_error_set(err, EVC_ERR_NOMEM, r->name, r->lineno, 0,
                             "out of memory for a line of over %zu bytes: "
                             "skipped", r->len);
    *p = r->line;
    *n = r->len;
    return EVC_OK;
}

/* ---------------------------------------------------------------- dates */

static int digits(const char *s, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        *v = *v * 10 + (s[i] - '0');
    }
    return 1;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* s[0..n) as an ISO 8601 date: YYYY-MM-DD, optionally followed by 'T' (or a
 * space) and HH:MM[:SS[.fraction]] with an optional zone (Z, +hh, +hh:mm,
 * +hhmm, or '-' for '+'); or YYYYMMDD. The date is taken as written (the
 * local date of the zone given, not converted to UTC), which is what the
 * news item says. Returns yyyymmdd, or 0 when malformed or impossible. */
static int32_t parse_iso_date(const char *s, size_t n)
{
    while (n > 0 && s[0] == ' ')
        s++, n--;
    while (n > 0 && s[n - 1] == ' ')
        n--;
    int y, m, d;
    size_t i;
    if (n == 8 && digits(s, 4, &y) && digits(s + 4, 2, &m) &&
        digits(s + 6, 2, &d))
        i = 8;
    else if (n >= 10 && s[4] == '-' && s[7] == '-' && digits(s, 4, &y) &&
             digits(s + 5, 2, &m) && digits(s + 8, 2, &d))
        i = 10;
    else
        return 0;
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return 0;
    int32_t date = (int32_t)(y * 10000 + m * 100 + d);
    if (i == n)
        return date;
    if (i != 10 || (s[i] != 'T' && s[i] != 't' && s[i] != ' '))
        return 0;
    i++;
    int hh, mm, ss;
    if (n - i < 5 || !digits(s + i, 2, &hh) || s[i + 2] != ':' ||
        !digits(s + i + 3, 2, &mm) || hh > 23 || mm > 59)
        return 0;
    i += 5;
    if (i + 3 <= n && s[i] == ':') {
        if (!digits(s + i + 1, 2, &ss) || ss > 60)
            return 0;
        i += 3;
        if (i < n && (s[i] == '.' || s[i] == ',')) {
            size_t j = ++i;
            while (i < n && s[i] >= '0' && s[i] <= '9')
                i++;
            if (i == j)
                return 0;
        }
    }
    if (i == n)
        return date;
    if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == n)
        return date;
    if (s[i] != '+' && s[i] != '-')
        return 0;
    i++;
    int zh, zm = 0;
    if (n - i < 2 || !digits(s + i, 2, &zh) || zh > 23)
        return 0;
    i += 2;
    if (i < n) {
        if (s[i] == ':')
            i++;
        if (n - i != 2 || !digits(s + i, 2, &zm) || zm > 59)
            return 0;
    }
    return date;
}

/* ---------------------------------------------------------------- members */

/* A top-level member of the line's object, as raw input bytes. */
typedef struct member {
    const char *key; /* with its quotes */
    size_t klen;
    const char *val;
    size_t vlen;
} member;

static size_t skip_ws(const char *p, size_t n, size_t i)
{
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
                     p[i] == '\n'))
        i++;
    return i;
}

/* From the '"' at p[i], the index after the closing quote; n if none. A
 * quote closes the string when an even number of backslashes precedes it;
 * each backslash run is counted once, so this stays linear. */
static size_t skip_string(const char *p, size_t n, size_t i)
{
    size_t open = i++;
    while (i < n) {
        const char *q = memchr(p + i, '"', n - i);
        if (!q)
            return n;
        size_t j = (size_t)(q - p), b = 0;
        while (j - b - 1 > open && p[j - b - 1] == '\\')
            b++;
        if (b % 2 == 0)
            return j + 1;
        i = j + 1;
    }
    return n;
}

static size_t skip_value(const char *p, size_t n, size_t i)
{
    if (i >= n)
        return n;
    if (p[i] == '"')
        return skip_string(p, n, i);
    if (p[i] == '{' || p[i] == '[') {
        int depth = 0;
        while (i < n) {
            char c = p[i];
            if (c == '"') {
                i = skip_string(p, n, i);
                continue;
            }
            if (c == '{' || c == '[')
                depth++;
            else if ((c == '}' || c == ']') && --depth == 0)
                return i + 1;
            i++;
        }
        return n;
    }
    while (i < n && p[i] != ',' && p[i] != '}' && p[i] != ']' &&
           p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
        i++;
    return i;
}

/* Steps through the members of the object in p[0..n), which jansson has
 * already accepted (so this only finds boundaries; it still never reads
 * past n). *i starts at 0. Returns 1 with *m filled, 0 at the end, -1 if
 * the text is not what jansson accepted (a bug). */
static int next_member(const char *p, size_t n, size_t *i, member *m)
{
    size_t k = skip_ws(p, n, *i);
    if (k < n && *i == 0) {
        if (p[k] != '{')
            return -1;
        k = skip_ws(p, n, k + 1);
    } else if (k < n && p[k] == ',')
        k = skip_ws(p, n, k + 1);
    if (k >= n)
        return -1;
    if (p[k] == '}')
        return 0;
    if (p[k] != '"')
        return -1;
    m->key = p + k;
    k = skip_string(p, n, k);
    m->klen = (size_t)(p + k - m->key);
    k = skip_ws(p, n, k);
    if (k >= n || p[k] != ':')
        return -1;
    k = skip_ws(p, n, k + 1);
    m->val = p + k;
    k = skip_value(p, n, k);
    m->vlen = (size_t)(p + k - m->val);
    if (m->vlen == 0)
        return -1;
    *i = k;
    return 1;
}

/* The fields evc_article has a place for. */
enum { K_ID, K_DATE, K_TEXT, K_TITLE, K_SOURCE, K_URL, K_OTHER };
static const char *const known[] = {"id", "date", "text",
                                    "title", "source", "url"};

static int key_kind(const member *m)
{
    const char *k = m->key + 1;
    size_t n = m->klen - 2;
    json_t *dec = NULL;
    if (memchr(k, '\\', n)) { /* an escaped key: let jansson decode it */
        dec = json_loadb(m->key, m->klen, JSON_DECODE_ANY, NULL);
        if (!json_is_string(dec)) {
            json_decref(dec);
            return K_OTHER;
        }
        k = json_string_value(dec);
        n = json_string_length(dec);
    }
    int kind = K_OTHER;
    for (int i = 0; i < K_OTHER; i++)
        if (strlen(known[i]) == n && memcmp(known[i], k, n) == 0)
            kind = i;
    json_decref(dec);
    return kind;
}

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "a value";
}

/* ---------------------------------------------------------------- articles */

static char *arena_copy(evc_arena *a, const char *s, size_t n, int *oom)
{
    char *c = evc_arena_strndup(a, s, n);
    if (!c)
        *oom = 1;
    return c;
}

/* A string member or NULL (absent or null); -1 if it has another type. */
static int get_string(json_t *root, const char *key, evc_arena *a,
                      const char **out, int *oom)
{
    json_t *v = json_object_get(root, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return -1;
    *out = arena_copy(a, json_string_value(v), json_string_length(v), oom);
    return 0;
}

/* The line p[0..n) as a JSON object (*root, to be json_decref'd), or the
 * error that names its line and column. `newline`: a '\n' ended the line
 * (if not, the input ended inside it, so a JSON error likely means
 * truncation). */
static evc_status load_object(jsonl_reader *r, const char *p, size_t n,
                              int newline, json_t **out, evc_error *err)
{
    *out = NULL;
    size_t ok = evc_utf8_valid_prefix(p, n);
    if (ok < n)
        return evc_error_set(err, EVC_ERR_UTF8, r->name, r->lineno,
                             (long)evc_utf8_count(p, ok) + 1,
                             "invalid UTF-8 (byte 0x%02X)",
                             (unsigned)(unsigned char)p[ok]);
    /* JSON has no place for a raw NUL, but jansson 2.14 skips one that
     * follows a number, so it is refused here */
    const char *nul = memchr(p, 0, n);
    if (nul)
        return evc_error_set(err, EVC_ERR_SYNTAX, r->name, r->lineno,
                             (long)evc_utf8_count(p, (size_t)(nul - p)) + 1,
                             "invalid JSON: a NUL byte");

    json_error_t je;
    json_t *root = json_loadb(p, n,
                              JSON_DECODE_ANY | JSON_REJECT_DUPLICATES |
                                  JSON_DECODE_INT_AS_REAL,
                              &je);
    if (!root) {
        if (json_error_code(&je) == json_error_out_of_memory)
            return evc_error_set(err, EVC_ERR_NOMEM, r->name, r->lineno, 0,
                                 "out of memory parsing the line");
        printable(je.text);
        return evc_error_set(err, EVC_ERR_SYNTAX, r->name, r->lineno,
                             je.column > 0 ? je.column : 0,
                             "invalid JSON: %s%s", je.text,
                             newline ? "" : " (input ends in this line: "
                                            "truncated?)");
    }
    if (!json_is_object(root)) {
        evc_status st = evc_error_set(err, EVC_ERR_SYNTAX, r->name, r->lineno,
                                      1, "expected a JSON object, found %s",
                                      type_name(root));
        json_decref(root);
        return st;
    }
    *out = root;
    return EVC_OK;
}

/* Turns the line p[0..n) into *out (newline: see load_object). */
static evc_status parse_article(jsonl_reader *r, const char *p, size_t n,
                                int newline, evc_arena *a, evc_article *out,
                                evc_error *err)
{
    json_t *root;
    evc_status st = load_object(r, p, n, newline, &root, err);
    if (st != EVC_OK)
        return st;
    char show[72], pre[96] = "";
    int oom = 0;

    /* one pass over the raw members: where id and date are, and how big
     * the carried-through rest is */
    member id_m = {0}, date_m = {0};
    size_t extra_len = 0, nextra = 0, i = 0;
    member m;
    int more;
    while ((more = next_member(p, n, &i, &m)) == 1) {
        int kind = key_kind(&m);
        if (kind == K_ID)
            id_m = m;
        else if (kind == K_DATE)
            date_m = m;
        else if (kind == K_OTHER) {
            extra_len += m.klen + 1 + m.vlen + 1; /* "key":value, */
            nextra++;
        }
    }
    if (more < 0) {
        st = evc_error_set(err, EVC_ERR_SYNTAX, r->name, r->lineno, 0,
                           "invalid JSON object");
        goto done;
    }

    json_t *v = json_object_get(root, "id");
    if (json_is_string(v) && json_string_length(v) > 0)
        out->id = arena_copy(a, json_string_value(v), json_string_length(v),
                             &oom);
    else if (json_is_number(v) && id_m.val)
        out->id = arena_copy(a, id_m.val, id_m.vlen, &oom); /* as written */
    else if (v && !json_is_null(v) && !json_is_string(v)) {
        st = evc_error_set(err, EVC_ERR_SYNTAX, r->name, r->lineno,
                           id_m.val ? (long)evc_utf8_count(p, (size_t)(
                                          id_m.val - p)) + 1 : 0,
                           "expected \"id\" to be a string or a number, "
                           "found %s", type_name(v));
        goto done;
    } else {
        char buf[300];
        snprintf(buf, sizeof buf, "%s:%ld", r->name, r->lineno);
        out->id = arena_copy(a, buf, strlen(buf), &oom);
        v = NULL; /* no id of its own for messages */
    }
    if (oom)
        goto nomem;
    if (v)
        snprintf(pre, sizeof pre, "article \"%s\": ",
                 evc_article_id_show(out->id, show, sizeof show));

    v = json_object_get(root, "text");
    if (!json_is_string(v)) {
        st = evc_error_set(err, EVC_ERR_SYNTAX, r->name, r->lineno, 0,
                           "%sexpected a string field \"text\"%s%s", pre,
                           v ? ", found " : "", v ? type_name(v) : "");
        goto done;
    }
    out->text_len = json_string_length(v);
    out->text = arena_copy(a, json_string_value(v), out->text_len, &oom);

    v = json_object_get(root, "date");
    long date_col = date_m.val
        ? (long)evc_utf8_count(p, (size_t)(date_m.val - p)) + 1 : 0;
    if (json_is_string(v) && json_string_length(v) > 0) {
        const char *ds = json_string_value(v);
        out->date = parse_iso_date(ds, json_string_length(v));
        if (out->date == 0) {
            st = evc_error_set(err, EVC_ERR_SYNTAX, r->name, r->lineno,
                               date_col,
                               "%sexpected \"date\" as YYYY-MM-DD, "
                               "YYYY-MM-DDTHH:MM:SS[Z|+hh:mm] or YYYYMMDD, "
                               "found \"%s\"", pre,
                               evc_article_id_show(ds, show, 40));
            goto done;
        }
        out->date_str = arena_copy(a, ds, json_string_length(v), &oom);
    } else if (v && !json_is_null(v) && !json_is_string(v)) {
        st = evc_error_set(err, EVC_ERR_SYNTAX, r->name, r->lineno, date_col,
                           "%sexpected \"date\" as an ISO date string, "
                           "found %s", pre, type_name(v));
        goto done;
    }

    static const char *const opt[] = {"title", "source", "url"};
    const char **dst[] = {&out->title, &out->source, &out->url};
    for (int k = 0; k < 3; k++)
        if (get_string(root, opt[k], a, dst[k], &oom) != 0) {
            st = evc_error_set(err, EVC_ERR_SYNTAX, r->name, r->lineno, 0,
                               "%sexpected a string field \"%s\", found %s",
                               pre, opt[k],
                               type_name(json_object_get(root, opt[k])));
            goto done;
        }

    if (nextra > 0) {
        /* "{" + members joined by "," + "}": extra_len counted a ',' after
         * each member, which covers the braces */
        char *x = evc_arena_alloc(a, extra_len + 2);
        if (!x)
            goto nomem;
        size_t k = 0;
        x[k++] = '{';
        i = 0;
        while (next_member(p, n, &i, &m) == 1) {
            if (key_kind(&m) != K_OTHER)
                continue;
            if (k > 1)
                x[k++] = ',';
            memcpy(x + k, m.key, m.klen);
            k += m.klen;
            x[k++] = ':';
            memcpy(x + k, m.val, m.vlen);
            k += m.vlen;
        }
        x[k++] = '}';
        x[k] = 0;
        out->extra_json = x;
    }
    if (oom)
        goto nomem;
    out->line = r->lineno;
    goto done;
nomem:
    st = evc_error_set(err, EVC_ERR_NOMEM, r->name, r->lineno, 0,
                       "%sout of memory", pre);
done:
    json_decref(root);
    if (st != EVC_OK)
        memset(out, 0, sizeof *out);
    return st;
}

static int is_blank(const char *p, size_t n)
{
    return skip_ws(p, n, 0) == n;
}

/* The next line that is not blank, without a first line's BOM. */
static evc_status next_line(jsonl_reader *r, const char **p, size_t *n,
                            int *newline, evc_error *err)
{
    if (r->fail) {
        if (err)
            *err = r->ferr;
        return r->fail;
    }
    for (;;) {
        *p = NULL;
        *n = 0;
        *newline = 0;
        evc_status st = read_line(r, p, n, newline, err);
        if (st != EVC_OK)
            return st;
        if (r->lineno == 1 && *n >= 3 && memcmp(*p, "\xEF\xBB\xBF", 3) == 0)
            *p += 3, *n -= 3; /* a BOM some editors put first */
        if (!is_blank(*p, *n))
            return EVC_OK;
    }
}

static evc_status jsonl_next(evc_article_reader *base, evc_arena *a,
                             evc_article *out, evc_error *err)
{
    jsonl_reader *r = (jsonl_reader *)base;
    const char *p;
    size_t n;
    int newline;
    evc_status st = next_line(r, &p, &n, &newline, err);
    return st != EVC_OK ? st : parse_article(r, p, n, newline, a, out, err);
}

evc_status evc_jsonl_reader_object(evc_article_reader *base, struct json_t **root,
                                   const char **line, size_t *len,
                                   long *lineno, evc_error *err)
{
    jsonl_reader *r = (jsonl_reader *)base;
    const char *p;
    size_t n;
    int newline;
    *root = NULL;
    evc_status st = next_line(r, &p, &n, &newline, err);
    *lineno = r->lineno;
    if (st != EVC_OK)
        return st;
    *line = p;
    *len = n;
    return load_object(r, p, n, newline, root, err);
}

static void jsonl_close(evc_article_reader *base)
{
    jsonl_reader *r = (jsonl_reader *)base;
    free(r->name);
    free(r->buf);
    free(r->line);
    free(r);
}

evc_status evc_jsonl_reader_open(FILE *f, const char *name,
                                 evc_article_reader **out, evc_error *err)
{
    const char *label =
        name && name[0] && strcmp(name, "-") != 0 ? name : "stdin";
    if (!f || !out)
        return evc_error_set(err, EVC_ERR_ARG, label, 0, 0,
                             "evc_jsonl_reader_open: NULL argument");
    *out = NULL;
    jsonl_reader *r = calloc(1, sizeof *r);
    if (!r)
        return evc_error_set(err, EVC_ERR_NOMEM, label, 0, 0,
                             "out of memory");
    r->base.next = jsonl_next;
    r->base.close = jsonl_close;
    r->f = f;
    r->name = strdup(label);
    r->buf = malloc(READ_CHUNK);
    if (!r->name || !r->buf) {
        jsonl_close(&r->base);
        return evc_error_set(err, EVC_ERR_NOMEM, label, 0, 0,
                             "out of memory");
    }
    *out = &r->base;
    return EVC_OK;
}
