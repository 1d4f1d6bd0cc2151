/* write.c: evc_event_write, one coded event as one line of JSON Lines (RFC 8259
 * objects, the field list of DESIGN.md) or of PETRARCH-style TSV, enriched
 * from the CAMEO table (evc_cameo_lookup). No allocation: a stack buffer. */
#include "evcode.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

/* ------------------------------------------------------------ output buffer */

/* Lines are built in a stack buffer and handed to stdio in large pieces; a
 * line longer than the buffer takes several fwrite calls, so threads that
 * share one FILE must serialize their calls. */
typedef struct outbuf {
    FILE *f;
    size_t n;
    bool failed;
    char b[4096];
} outbuf;

static void ob_flush(outbuf *o)
{
    if (o->n && fwrite(o->b, 1, o->n, o->f) != o->n)
        o->failed = true;
    o->n = 0;
}

static void ob_write(outbuf *o, const char *s, size_t n)
{
    if (n > sizeof o->b - o->n) {
        ob_flush(o);
        if (n >= sizeof o->b) {
            if (fwrite(s, 1, n, o->f) != n)
                o->failed = true;
            return;
        }
    }
    memcpy(o->b + o->n, s, n);
    o->n += n;
}

static void ob_puts(outbuf *o, const char *s) { ob_write(o, s, strlen(s)); }

static void ob_putc(outbuf *o, char c)
{
    if (o->n == sizeof o->b)
        ob_flush(o);
    o->b[o->n++] = c;
}

static void ob_int(outbuf *o, long v)
{
    char tmp[24];
    int k = snprintf(tmp, sizeof tmp, "%ld", v);
    ob_write(o, tmp, (size_t)k);
}

/* Goldstein scores are tenths in [-10, 10]; written by hand so that the
 * caller's LC_NUMERIC can never turn "1.9" into "1,9". */
static void ob_tenths(outbuf *o, double g)
{
    long t = (long)(g * 10.0 + (g < 0 ? -0.5 : 0.5));
    char tmp[32];
    int k = snprintf(tmp, sizeof tmp, "%s%ld.%ld", t < 0 ? "-" : "",
                     (t < 0 ? -t : t) / 10, (t < 0 ? -t : t) % 10);
    ob_write(o, tmp, (size_t)k);
}

/* ------------------------------------------------------------ shared facts */

/* The date as year, month, day, or false if s->date is 0 or not a date. */
static bool split_date(int32_t d, int *y, int *m, int *day)
{
    if (d <= 0)
        return false;
    *y = d / 10000;
    *m = d / 100 % 100;
    *day = d % 100;
    return *y >= 1 && *y <= 9999 && *m >= 1 && *m <= 12 && *day >= 1 && *day <= 31;
}

static const char *verb_form(const evc_sentence *s, const evc_event *e)
{
    if (!s->tok || e->verb < 1 || e->verb > s->ntok)
        return NULL;
    return s->tok[e->verb].form;
}

/* A code's root is its first two digits, known to CAMEO or not ("0421" is
 * no CAMEO code but its root is still "04"). False for non-digit codes. */
static bool code_root(const char *code, char root[3])
{
    if (!code || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9')
        return false;
    root[0] = code[0];
    root[1] = code[1];
    root[2] = '\0';
    return true;
}

static const char *or_empty(const char *s) { return s ? s : ""; }

/* ------------------------------------------------------------ JSON Lines */

/* A JSON string of s[0..n): '"', '\\' and control bytes escaped; valid UTF-8
 * kept as is; each byte that does not start a valid UTF-8 sequence (stray
 * continuation, overlong form, surrogate, beyond U+10FFFF, truncated) becomes
 * U+FFFD, so every line is valid UTF-8 JSON. */
static void json_strn(outbuf *o, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    ob_putc(o, '"');
    while (p < end) {
        const unsigned char *run = p;
        while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
            p++;
        if (p > run)
            ob_write(o, (const char *)run, (size_t)(p - run));
        if (p == end)
            break;
        unsigned char c = *p;
        if (c >= 0x80) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t k = utf8proc_iterate(p, end - p, &cp);
            if (k > 0) {
                ob_write(o, (const char *)p, (size_t)k);
                p += k;
            } else {
                ob_write(o, "\xEF\xBF\xBD", 3);
                p++;
            }
            continue;
        }
        p++;
        switch (c) {
        case '"': ob_write(o, "\\\"", 2); break;
        case '\\': ob_write(o, "\\\\", 2); break;
        case '\n': ob_write(o, "\\n", 2); break;
        case '\r': ob_write(o, "\\r", 2); break;
        case '\t': ob_write(o, "\\t", 2); break;
        case '\b': ob_write(o, "\\b", 2); break;
        case '\f': ob_write(o, "\\f", 2); break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            ob_write(o, u, 6);
        }
        }
    }
    ob_putc(o, '"');
}

/* A JSON string, or null for NULL. */
static void json_str(outbuf *o, const char *s)
{
    if (s)
        json_strn(o, s, strlen(s));
    else
        ob_write(o, "null", 4);
}

static void json_actor(outbuf *o, const evc_actor *a)
{
    ob_puts(o, "{\"code\":");
    json_str(o, or_empty(a->code));
    ob_puts(o, ",\"root\":");
    json_str(o, or_empty(a->root));
    ob_puts(o, ",\"agent\":");
    json_str(o, or_empty(a->agent));
    ob_puts(o, ",\"text\":");
    json_str(o, or_empty(a->text));
    ob_putc(o, '}');
}

/* "A;B; C;" -> ["A","B","C"]: items trimmed of blanks, empty items dropped. */
static void json_issues(outbuf *o, const char *issues)
{
    ob_putc(o, '[');
    bool first = true;
    for (const char *p = issues ? issues : ""; *p;) {
        const char *e = strchr(p, ';');
        if (!e)
            e = p + strlen(p);
        const char *a = p, *b = e;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        if (b > a) {
            if (!first)
                ob_putc(o, ',');
            json_strn(o, a, (size_t)(b - a));
            first = false;
        }
        p = *e ? e + 1 : e;
    }
    ob_putc(o, ']');
}

/* One object per line, fields in this order:
 *   article_id   string (article_id, else s->id) or null
 *   sentence     number, the sentence's index in its article
 *   sentence_id  string (s->id) or null
 *   date         "yyyy-mm-dd" from s->date, or null when unknown
 *   source       {"code","root","agent","text"}, strings ("" when none)
 *   target       the same
 *   code         CAMEO code string (null if the event has none)
 *   root         first two digits of code, or null
 *   quad         1-4, null for codes not in CAMEO
 *   goldstein    GDELT Goldstein score (one decimal), null if not in CAMEO
 *   plover       {"type","mode"} ("" mode when the crosswalk gives none), or
 *                null when the code has no PLOVER crosswalk entry
 *   negated      true/false
 *   issues       array of strings, e->issues split on ';'
 *   text         the sentence (s->text) or null
 *   verb         form of token e->verb, or null
 *   explain      string; present only when e->explain is non-NULL */
static void write_jsonl(outbuf *o, const char *article_id, int sentence_index,
                        const evc_sentence *s, const evc_event *e)
{
    const evc_cameo_info *info = evc_cameo_lookup(e->code);
    char root[3];
    int y, m, d;

    ob_puts(o, "{\"article_id\":");
    json_str(o, article_id ? article_id : s->id);
    ob_puts(o, ",\"sentence\":");
    ob_int(o, sentence_index);
    ob_puts(o, ",\"sentence_id\":");
    json_str(o, s->id);
    ob_puts(o, ",\"date\":");
    if (split_date(s->date, &y, &m, &d)) {
        char tmp[16];
        int k = snprintf(tmp, sizeof tmp, "\"%04d-%02d-%02d\"", y, m, d);
        ob_write(o, tmp, (size_t)k);
    } else {
        ob_puts(o, "null");
    }
    ob_puts(o, ",\"source\":");
    json_actor(o, &e->source);
    ob_puts(o, ",\"target\":");
    json_actor(o, &e->target);
    ob_puts(o, ",\"code\":");
    json_str(o, e->code);
    ob_puts(o, ",\"root\":");
    json_str(o, code_root(e->code, root) ? root : NULL);
    ob_puts(o, ",\"quad\":");
    if (info)
        ob_int(o, info->quad);
    else
        ob_puts(o, "null");
    ob_puts(o, ",\"goldstein\":");
    if (info)
        ob_tenths(o, info->goldstein);
    else
        ob_puts(o, "null");
    ob_puts(o, ",\"plover\":");
    if (info && info->plover_type[0]) {
        ob_puts(o, "{\"type\":");
        json_str(o, info->plover_type);
        ob_puts(o, ",\"mode\":");
        json_str(o, info->plover_mode);
        ob_putc(o, '}');
    } else {
        ob_puts(o, "null");
    }
    ob_puts(o, e->negated ? ",\"negated\":true" : ",\"negated\":false");
    ob_puts(o, ",\"issues\":");
    json_issues(o, e->issues);
    ob_puts(o, ",\"text\":");
    json_str(o, s->text);
    ob_puts(o, ",\"verb\":");
    json_str(o, verb_form(s, e));
    if (e->explain) {
        ob_puts(o, ",\"explain\":");
        json_str(o, e->explain);
    }
    ob_puts(o, "}\n");
}

/* ------------------------------------------------------------ TSV */

/* A TSV field: tabs, newlines and carriage returns become spaces so the
 * line keeps its columns; all other bytes pass through. NULL is empty. */
static void tsv_field(outbuf *o, const char *s)
{
    if (!s)
        return;
    for (const char *p = s; *p;) {
        size_t k = strcspn(p, "\t\n\r");
        ob_write(o, p, k);
        p += k;
        if (*p) {
            ob_putc(o, ' ');
            p++;
        }
    }
}

/* One line of 12 tab-separated columns, PETRARCH's event order first:
 *    1 date          yyyymmdd, empty when unknown
 *    2 source        source actor code
 *    3 target        target actor code
 *    4 code          CAMEO event code
 *    5 root          root code (first two digits of code)
 *    6 quad          quad class 1-4, empty for codes not in CAMEO
 *    7 goldstein     GDELT Goldstein score, empty for codes not in CAMEO
 *    8 article_id    article_id, else s->id
 *    9 sentence      the sentence's index in its article
 *   10 source_text   words of the source actor
 *   11 target_text   words of the target actor
 *   12 verb          form of the coded verb token
 * No header line is written; this comment is the column list. */
static void write_tsv(outbuf *o, const char *article_id, int sentence_index,
                      const evc_sentence *s, const evc_event *e)
{
    const evc_cameo_info *info = evc_cameo_lookup(e->code);
    char root[3];
    int y, m, d;

    if (split_date(s->date, &y, &m, &d)) {
        char tmp[16];
        int k = snprintf(tmp, sizeof tmp, "%04d%02d%02d", y, m, d);
        ob_write(o, tmp, (size_t)k);
    }
    ob_putc(o, '\t');
    tsv_field(o, e->source.code);
    ob_putc(o, '\t');
    tsv_field(o, e->target.code);
    ob_putc(o, '\t');
    tsv_field(o, e->code);
    ob_putc(o, '\t');
    if (code_root(e->code, root))
        ob_write(o, root, 2);
    ob_putc(o, '\t');
    if (info)
        ob_int(o, info->quad);
    ob_putc(o, '\t');
    if (info)
        ob_tenths(o, info->goldstein);
    ob_putc(o, '\t');
    tsv_field(o, article_id ? article_id : s->id);
    ob_putc(o, '\t');
    ob_int(o, sentence_index);
    ob_putc(o, '\t');
    tsv_field(o, e->source.text);
    ob_putc(o, '\t');
    tsv_field(o, e->target.text);
    ob_putc(o, '\t');
    tsv_field(o, verb_form(s, e));
    ob_putc(o, '\n');
}

/* ------------------------------------------------------------ entry point */

evc_status evc_event_write(FILE *out, evc_format fmt, const char *article_id,
                           int sentence_index, const evc_sentence *s,
                           const evc_event *e, evc_error *err)
{
    if (!out || !s || !e)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "evc_event_write: NULL %s",
                             !out ? "stream" : !s ? "sentence" : "event");
    outbuf o;
    o.f = out;
    o.n = 0;
    o.failed = false;
    switch (fmt) {
    case EVC_FORMAT_JSONL:
        write_jsonl(&o, article_id, sentence_index, s, e);
        break;
    case EVC_FORMAT_TSV:
        write_tsv(&o, article_id, sentence_index, s, e);
        break;
    default:
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "evc_event_write: unknown format %d", (int)fmt);
    }
    ob_flush(&o);
    if (o.failed || ferror(out))
        return evc_error_set(err, EVC_ERR_IO, NULL, 0, 0, "writing an event: %s",
                             errno ? strerror(errno) : "stream error");
    return EVC_OK;
}
