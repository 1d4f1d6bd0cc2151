/* write.c: evc_event_write, one coded event as one line of JSON Lines (RFC 8259
 * objects, the field list of DESIGN.md), of PETRARCH-style TSV, of the Phoenix
 * data set's TSV (openeventdata phoenix_pipeline, postprocess.py) or of the
 * GDELT 2.0 event table (GDELT Event Codebook V2.0, 61 tab-separated columns),
 * enriched from the CAMEO table (evc_cameo_lookup). No allocation: a stack
 * buffer. */
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

/* v rounded to `digits` decimals (1-9), written by hand so that the
 * caller's LC_NUMERIC can never turn "1.9" into "1,9". */
static void ob_fixed(outbuf *o, double v, int digits)
{
    long scale = 1;
    for (int i = 0; i < digits; i++)
        scale *= 10;
    long t = (long)(v * (double)scale + (v < 0 ? -0.5 : 0.5));
    char tmp[48];
    int k = snprintf(tmp, sizeof tmp, "%s%ld.%0*ld", t < 0 ? "-" : "",
                     (t < 0 ? -t : t) / scale, digits, (t < 0 ? -t : t) % scale);
    ob_write(o, tmp, (size_t)k);
}

/* Goldstein scores are tenths in [-10, 10]. */
static void ob_tenths(outbuf *o, double g) { ob_fixed(o, g, 1); }

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

/* The date written for an event: its own (evc_event_date_resolve), else
 * its sentence's. */
static int32_t event_date(const evc_sentence *s, const evc_event *e)
{
    return e->date ? e->date : s->date;
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

/* Three tab-separated columns: root code, quad class, Goldstein score (each
 * empty when unknown). */
static void root_quad_goldstein(outbuf *o, const char *code,
                                const evc_cameo_info *info)
{
    char root[3];
    if (code_root(code, root))
        ob_write(o, root, 2);
    ob_putc(o, '\t');
    if (info)
        ob_int(o, info->quad);
    ob_putc(o, '\t');
    if (info)
        ob_tenths(o, info->goldstein);
}

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
    if (a->antecedent) {
        ob_puts(o, ",\"antecedent\":");
        json_str(o, a->antecedent);
    }
    ob_putc(o, '}');
}

/* The next non-empty item of a ';'-separated list from p on, trimmed of
 * blanks: [*a, *b). Returns where to look for the one after, or NULL when
 * there is none. */
static const char *next_item(const char *p, const char **a, const char **b)
{
    while (p && *p) {
        size_t k = strcspn(p, ";");
        *a = p;
        *b = p + k;
        while (*a < *b && (**a == ' ' || **a == '\t'))
            (*a)++;
        while (*b > *a && ((*b)[-1] == ' ' || (*b)[-1] == '\t'))
            (*b)--;
        p += k;
        if (*p)
            p++;
        if (*b > *a)
            return p;
    }
    return NULL;
}

/* "A;B; C;" -> ["A","B","C"]: items trimmed of blanks, empty items dropped. */
static void json_issues(outbuf *o, const char *issues)
{
    ob_putc(o, '[');
    const char *a, *b;
    bool first = true;
    for (const char *p = issues; (p = next_item(p, &a, &b)) != NULL;) {
        if (!first)
            ob_putc(o, ',');
        json_strn(o, a, (size_t)(b - a));
        first = false;
    }
    ob_putc(o, ']');
}

/* A coordinate in degrees, with GeoNames' five decimals. */
static void ob_coord(outbuf *o, double v) { ob_fixed(o, v, 5); }

/* A JSON string, or null for NULL or "". */
static void json_str_or_null(outbuf *o, const char *s)
{
    json_str(o, s && *s ? s : NULL);
}

/* The "location" object: where the event happened and how evcode chose it
 * (evc_location); null when geocoding found nothing. */
static void json_location(outbuf *o, const evc_location *l)
{
    if (!l) {
        ob_puts(o, "null");
        return;
    }
    const evc_place *p = &l->place;
    ob_puts(o, "{\"name\":");
    json_str(o, or_empty(p->name));
    ob_puts(o, ",\"geonameid\":");
    if (p->geonameid > 0)
        ob_int(o, p->geonameid);
    else
        ob_puts(o, "null");
    ob_puts(o, ",\"feature_code\":");
    json_str_or_null(o, p->feature_code);
    ob_puts(o, ",\"lat\":");
    if (p->has_coords) {
        ob_coord(o, p->lat);
        ob_puts(o, ",\"lon\":");
        ob_coord(o, p->lon);
    } else {
        ob_puts(o, "null,\"lon\":null");
    }
    static const char *const keys[] = {"admin1", "admin1_code", "admin1_geonames",
                                       "country", "method", "text"};
    const char *const vals[] = {p->admin1, p->admin1_iso, p->admin1_gn,
                                p->country, l->method, l->text};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        ob_puts(o, ",\"");
        ob_puts(o, keys[i]);
        ob_puts(o, "\":");
        json_str_or_null(o, vals[i]);
    }
    ob_putc(o, '}');
}

/* One object per line, fields in this order:
 *   article_id   string (article_id, else s->id) or null
 *   sentence     number, the sentence's index in its article
 *   sentence_id  string (s->id) or null
 *   date         "yyyy-mm-dd": the event's own date (e->date), else the
 *                sentence's (s->date); null when neither is known
 *   date_method  how the date was chosen: e->date_method ("clause",
 *                "sentence", "article", "none"), else "article" when the
 *                sentence has a date and "none" when not
 *   source       {"code","root","agent","text"}, strings ("" when none),
 *                and "antecedent" when coreference resolved it (the text
 *                of the earlier actor it stands for)
 *   target       the same
 *   code         CAMEO code string (null if the event has none)
 *   root         first two digits of code, or null
 *   quad         1-4, null for codes not in CAMEO
 *   goldstein    GDELT Goldstein score (one decimal), null if not in CAMEO
 *   plover       {"type","mode"} ("" mode when the crosswalk gives none), or
 *                null when the code has no PLOVER crosswalk entry
 *   negated      true/false
 *   issues       array of strings, e->issues split on ';'
 *   location     present only when ctx->geo: null, or {"name",
 *                "geonameid" (null but for cities), "feature_code", "lat",
 *                "lon" (five decimals, null when unknown), "admin1" (name),
 *                "admin1_code" (ISO 3166-2), "admin1_geonames" ("PK.03"),
 *                "country" (ISO 3166-1 alpha-3), "method" (clause,
 *                sentence, dateline, actor), "text" (the words placed)};
 *                unknown members are null
 *   text         the sentence (s->text) or null
 *   verb         form of token e->verb, or null
 *   explain      string; present only when e->explain is non-NULL
 *   ids          array of strings; present only when ctx->nids > 0 (the
 *                one-a-day filter: the sentences the record stands for) */
static void write_jsonl(outbuf *o, const evc_write_ctx *c,
                        const evc_sentence *s, const evc_event *e)
{
    const char *article_id = c->article_id;
    int sentence_index = c->sentence_index;
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
    bool dated = split_date(event_date(s, e), &y, &m, &d);
    if (dated) {
        char tmp[16];
        int k = snprintf(tmp, sizeof tmp, "\"%04d-%02d-%02d\"", y, m, d);
        ob_write(o, tmp, (size_t)k);
    } else {
        ob_puts(o, "null");
    }
    ob_puts(o, ",\"date_method\":");
    json_str(o, e->date_method ? e->date_method : dated ? "article" : "none");
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
    if (c->geo) {
        ob_puts(o, ",\"location\":");
        json_location(o, c->location);
    }
    ob_puts(o, ",\"text\":");
    json_str(o, s->text);
    ob_puts(o, ",\"verb\":");
    json_str(o, verb_form(s, e));
    if (e->explain) {
        ob_puts(o, ",\"explain\":");
        json_str(o, e->explain);
    }
    if (c->nids > 0 && c->ids) {
        ob_puts(o, ",\"ids\":[");
        for (int i = 0; i < c->nids; i++) {
            if (i)
                ob_putc(o, ',');
            json_str(o, or_empty(c->ids[i]));
        }
        ob_putc(o, ']');
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
 *    1 date          yyyymmdd (the event's date, see write_jsonl), empty
 *                    when unknown
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
static void write_tsv(outbuf *o, const evc_write_ctx *c,
                      const evc_sentence *s, const evc_event *e)
{
    const char *article_id = c->article_id;
    int sentence_index = c->sentence_index;
    const evc_cameo_info *info = evc_cameo_lookup(e->code);
    int y, m, d;

    if (split_date(event_date(s, e), &y, &m, &d)) {
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
    root_quad_goldstein(o, e->code, info);
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

/* ------------------------------------------------------------ Phoenix */

/* The running number (left out when negative) and the tab after it. */
static void number_column(outbuf *o, long n)
{
    if (n >= 0)
        ob_int(o, n);
    ob_putc(o, '\t');
}

/* Source and target in a format's actor columns, each followed by a tab. */
static void actor_columns(outbuf *o, const evc_event *e,
                          void (*columns)(outbuf *, const evc_actor *))
{
    columns(o, &e->source);
    ob_putc(o, '\t');
    columns(o, &e->target);
    ob_putc(o, '\t');
}


/* The 13 primary agents of the Phoenix data set (postprocess.py): the role
 * column holds one of them when it follows the actor's root. */
static bool phoenix_agent(const char *p)
{
    static const char agents[] = "GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL";
    if (strlen(p) < 3)
        return false;
    for (size_t i = 0; i + 3 <= sizeof agents - 1; i += 4)
        if (memcmp(agents + i, p, 3) == 0)
            return true;
    return false;
}

/* The roots the Phoenix data set keeps as the entity besides countries. */
static bool phoenix_group(const char *p)
{
    return strncmp(p, "IGO", 3) == 0 || strncmp(p, "NGO", 3) == 0 ||
           strncmp(p, "IMG", 3) == 0 || strncmp(p, "MNC", 3) == 0;
}

/* An actor code split as the Phoenix data set splits it: Full, Entity (the
 * first three letters when they are a country or IGO/NGO/IMG/MNC), Role (the
 * next three when one of the primary agents) and Attribute (the other
 * three-letter groups after them, joined by ';'). Phoenix tests the root
 * against a fixed list of ISO 3166 codes; evcode's actor dictionaries code
 * every country with its ISO code, so three upper-case letters that are not
 * an agent stand for one. "---" (no actor) gives "---" and three empty
 * columns. */
static void phoenix_actor(outbuf *o, const evc_actor *a)
{
    const char *code = or_empty(a->code);
    tsv_field(o, code);
    ob_putc(o, '\t');
    size_t n = strlen(code);
    bool rooted = n >= 3 && code[0] >= 'A' && code[0] <= 'Z' &&
                  code[1] >= 'A' && code[1] <= 'Z' && code[2] >= 'A' &&
                  code[2] <= 'Z' && !phoenix_agent(code);
    if (rooted)
        ob_write(o, code, 3);
    ob_putc(o, '\t');
    size_t at = 3;
    if (n >= 6 && phoenix_agent(code + 3)) {
        ob_write(o, code + 3, 3);
        at = 6;
    }
    ob_putc(o, '\t');
    if (strcmp(code, "---") == 0)
        return;
    for (size_t k = at; k < n; k += 3) {
        if (k > at)
            ob_putc(o, ';');
        ob_write(o, code + k, n - k < 3 ? n - k : 3);
    }
}

/* Phoenix's "quad class" is a penta class, from the root code
 * (postprocess.py's quad_conversion): 0 neutral (01, 02), 1 verbal
 * cooperation (03-05), 2 material cooperation (06-08), 3 verbal conflict
 * (09-13, 16), 4 material conflict (14, 15, 17-20); -1 for other roots. */
static int phoenix_penta(const char *root)
{
    int r = (root[0] - '0') * 10 + (root[1] - '0');
    if (r >= 1 && r <= 2)
        return 0;
    if (r >= 3 && r <= 5)
        return 1;
    if (r >= 6 && r <= 8)
        return 2;
    if ((r >= 9 && r <= 13) || r == 16)
        return 3;
    if ((r >= 14 && r <= 15) || (r >= 17 && r <= 20))
        return 4;
    return -1;
}

/* The sentence id of a record: ctx->ids joined by ';', else s->id, else
 * "article_id-sentence_index". */
static void record_ids(outbuf *o, const evc_write_ctx *c, const evc_sentence *s)
{
    if (c->nids > 0 && c->ids) {
        for (int i = 0; i < c->nids; i++) {
            if (i)
                ob_putc(o, ';');
            tsv_field(o, c->ids[i]);
        }
    } else if (s->id && (!c->article_id || strcmp(s->id, c->article_id) != 0)) {
        tsv_field(o, s->id);
    } else {
        tsv_field(o, c->article_id ? c->article_id : s->id);
        ob_putc(o, '-');
        ob_int(o, c->sentence_index);
    }
}

/* One line of the 26 columns of the Phoenix data set, as its pipeline's
 * postprocess.py writes them:
 *    1 EventID               ctx->event_number (left out when negative)
 *    2 Date                  yyyymmdd, the event's date (see write_jsonl)
 *    3 Year  4 Month  5 Day  yyyy, mm, dd (zero-padded, as sliced from Date)
 *    6 SourceActorFull       source code
 *    7 SourceActorEntity     its country or IGO/NGO/IMG/MNC root
 *    8 SourceActorRole       its primary agent (GOV, MIL, ...)
 *    9 SourceActorAttribute  its other three-letter codes, ';'-separated
 *   10-13 TargetActor...     the same for the target
 *   14 EventCode             CAMEO code
 *   15 EventRootCode         its first two digits
 *   16 PentaClass            0-4 (see phoenix_penta)
 *   17 GoldsteinScore        GDELT Goldstein score
 *   18 Issues                "CODE,1;CODE,1" (issue, count)
 *   19 Lat  20 Lon  21 LocationName  22 StateName  23 CountryCode
 *                            ctx->location: latitude, longitude (five
 *                            decimals), the place's name, its first-order
 *                            division's name, ISO 3166-1 alpha-3; empty
 *                            when the event has no location
 *   24 SentenceID            ids (see record_ids)
 *   25 URLs                  ctx->url
 *   26 NewsSources           ctx->news_source */
static void write_phoenix(outbuf *o, const evc_write_ctx *c,
                          const evc_sentence *s, const evc_event *e)
{
    const evc_cameo_info *info = evc_cameo_lookup(e->code);
    char root[3];
    int y, m, d;
    number_column(o, c->event_number);
    if (split_date(event_date(s, e), &y, &m, &d)) {
        char tmp[48];
        int k = snprintf(tmp, sizeof tmp, "%04d%02d%02d\t%04d\t%02d\t%02d", y,
                         m, d, y, m, d);
        ob_write(o, tmp, (size_t)k);
    } else {
        ob_write(o, "\t\t\t", 3);
    }
    ob_putc(o, '\t');
    actor_columns(o, e, phoenix_actor);
    tsv_field(o, e->code);
    ob_putc(o, '\t');
    bool rooted = code_root(e->code, root);
    if (rooted)
        ob_write(o, root, 2);
    ob_putc(o, '\t');
    if (rooted && phoenix_penta(root) >= 0)
        ob_int(o, phoenix_penta(root));
    ob_putc(o, '\t');
    if (info)
        ob_tenths(o, info->goldstein);
    ob_putc(o, '\t');
    const char *a, *b;
    bool first = true;
    for (const char *p = e->issues; (p = next_item(p, &a, &b)) != NULL;) {
        if (!first)
            ob_putc(o, ';');
        for (const char *q = a; q < b; q++)
            ob_putc(o, *q == '\n' || *q == '\r' || *q == '\t' ? ' ' : *q);
        ob_puts(o, ",1");
        first = false;
    }
    ob_putc(o, '\t');
    const evc_location *loc = c->location;
    if (loc && loc->place.has_coords) {
        ob_coord(o, loc->place.lat);
        ob_putc(o, '\t');
        ob_coord(o, loc->place.lon);
    } else {
        ob_putc(o, '\t');
    }
    ob_putc(o, '\t');
    tsv_field(o, loc ? loc->place.name : NULL);
    ob_putc(o, '\t');
    tsv_field(o, loc ? loc->place.admin1 : NULL);
    ob_putc(o, '\t');
    tsv_field(o, loc ? loc->place.country : NULL);
    ob_putc(o, '\t');
    record_ids(o, c, s);
    ob_putc(o, '\t');
    tsv_field(o, c->url);
    ob_putc(o, '\t');
    tsv_field(o, c->news_source);
    ob_putc(o, '\n');
}

/* ------------------------------------------------------------ GDELT */

/* Actor columns 6-15 (and 16-25) of GDELT: Code, Name, CountryCode,
 * KnownGroupCode, EthnicCode, Religion1Code, Religion2Code, Type1Code,
 * Type2Code, Type3Code. Name is the actor's words upper-cased as GDELT
 * writes names; CountryCode the three-letter root unless it is IGO, NGO,
 * IMG or MNC; the type codes the three-letter groups after the root (the
 * agents). Known group, ethnic and religion codes need lists evcode does not
 * have: empty. An actor coded "---" (none) gives ten empty columns. */
static void gdelt_actor(outbuf *o, const evc_actor *a)
{
    const char *code = or_empty(a->code);
    if (strcmp(code, "---") == 0)
        code = "";
    size_t n = strlen(code);
    tsv_field(o, code);
    ob_putc(o, '\t');
    if (n) {
        for (const char *p = or_empty(a->text); *p; p++) {
            char ch = *p;
            if (ch == '\t' || ch == '\n' || ch == '\r')
                ch = ' ';
            else if (ch >= 'a' && ch <= 'z')
                ch = (char)(ch - 'a' + 'A');
            ob_putc(o, ch);
        }
    }
    ob_putc(o, '\t');
    if (n >= 3 && !phoenix_group(code) && !phoenix_agent(code))
        ob_write(o, code, 3);
    ob_write(o, "\t\t\t\t\t", 5); /* KnownGroup, Ethnic, Religion1, Religion2 */
    for (int t = 0; t < 3; t++) {
        size_t at = 3 + 3 * (size_t)t;
        if (at < n)
            ob_write(o, code + at, n - at < 3 ? n - at : 3);
        if (t < 2)
            ob_putc(o, '\t');
    }
}

/* The eight ActionGeo_ columns of GDELT 2.0, tab-separated (no tab after
 * the last): Type (1 country, 2 US state, 3 US city, 4 world city, 5 world
 * state: a division or region elsewhere), FullName ("City, Division,
 * Country"), CountryCode, ADM1Code (country code + GeoNames admin1 code,
 * "PK03", "USNY"), ADM2Code (the GeoNames admin2 code of an ADM2 place),
 * Lat, Long, FeatureID (the GeoNames id of a city, the ADM1Code of a
 * division, the country code of a country). GDELT writes FIPS 10-4 country
 * codes; evcode has no FIPS table and writes ISO 3166-1 alpha-2 instead
 * (the same letters for many countries, not all). */
static void gdelt_geo(outbuf *o, const evc_location *l)
{
    if (!l) {
        for (int i = 0; i < 7; i++)
            ob_putc(o, '\t');
        return;
    }
    const evc_place *p = &l->place;
    int us = strcmp(or_empty(p->country2), "US") == 0;
    int type = p->kind == EVC_PLACE_COUNTRY ? 1
               : p->kind == EVC_PLACE_CITY  ? (us ? 3 : 4)
                                            : (us ? 2 : 5);
    ob_int(o, type);
    ob_putc(o, '\t');
    const char *parts[3] = {p->kind == EVC_PLACE_COUNTRY ? NULL : p->name,
                            p->kind == EVC_PLACE_ADMIN1 ? NULL : p->admin1,
                            p->country_name};
    bool first = true;
    for (int i = 0; i < 3; i++) {
        if (!parts[i] || !*parts[i])
            continue;
        if (!first)
            ob_write(o, ", ", 2);
        tsv_field(o, parts[i]);
        first = false;
    }
    ob_putc(o, '\t');
    tsv_field(o, p->country2);
    ob_putc(o, '\t');
    /* "PK.03" -> "PK03" */
    char adm1[32] = "";
    const char *gn = or_empty(p->admin1_gn);
    if (gn[0] && gn[1] && gn[2] == '.')
        snprintf(adm1, sizeof adm1, "%.2s%.20s", gn, gn + 3);
    ob_puts(o, adm1);
    ob_putc(o, '\t');
    if (p->kind == EVC_PLACE_ADMIN2)
        tsv_field(o, p->gn_code);
    ob_putc(o, '\t');
    if (p->has_coords) {
        ob_coord(o, p->lat);
        ob_putc(o, '\t');
        ob_coord(o, p->lon);
    } else {
        ob_putc(o, '\t');
    }
    ob_putc(o, '\t');
    if (p->kind == EVC_PLACE_CITY)
        ob_int(o, p->geonameid);
    else if (p->kind == EVC_PLACE_COUNTRY)
        tsv_field(o, p->country2);
    else
        ob_puts(o, adm1);
}

/* One line of the 61 columns of the GDELT 2.0 event table (GDELT Event
 * Codebook V2.0), tab-separated, no header:
 *    1 GLOBALEVENTID   ctx->event_number (left out when negative)
 *    2 SQLDATE         yyyymmdd, the event's date (see write_jsonl)
 *    3 MonthYear       yyyymm
 *    4 Year            yyyy
 *    5 FractionDate    yyyy.ffff, ffff = day of the year / 365 (the
 *                      codebook's own approximation, (MONTH*30+DAY)/365,
 *                      would pass 1 in December)
 *    6-15 Actor1...    see gdelt_actor (the source)
 *   16-25 Actor2...    the target
 *   26 IsRootEvent     1 for the article's first sentence, else 0 (GDELT:
 *                      the lead paragraph)
 *   27 EventCode       CAMEO code
 *   28 EventBaseCode   its first three digits
 *   29 EventRootCode   its first two
 *   30 QuadClass       1-4
 *   31 GoldsteinScale  one decimal
 *   32 NumMentions  33 NumSources  34 NumArticles
 *                      the number of ids the record stands for (1 without
 *                      one-a-day); NumSources 1
 *   35 AvgTone         empty
 *   36-43 Actor1Geo_, 44-51 Actor2Geo_ (8 columns each): empty
 *   52-59 ActionGeo_Type, _FullName, _CountryCode, _ADM1Code, _ADM2Code,
 *                      _Lat, _Long, _FeatureID from ctx->location (see
 *                      gdelt_geo); empty when the event has none
 *   60 DATEADDED       empty
 *   61 SOURCEURL       ctx->url, else the article id */
static void write_gdelt(outbuf *o, const evc_write_ctx *c,
                        const evc_sentence *s, const evc_event *e)
{
    static const int cum[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273,
                                304, 334};
    const evc_cameo_info *info = evc_cameo_lookup(e->code);
    int y, m, d;
    number_column(o, c->event_number);
    if (split_date(event_date(s, e), &y, &m, &d)) {
        int doy = cum[m - 1] + d +
                  (m > 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
        long frac = ((long)doy * 10000 + 182) / 365;
        if (frac > 9999)
            frac = 9999;
        char tmp[64];
        int k = snprintf(tmp, sizeof tmp, "%04d%02d%02d\t%04d%02d\t%04d\t%04d.%04ld",
                         y, m, d, y, m, y, y, frac);
        ob_write(o, tmp, (size_t)k);
    } else {
        ob_write(o, "\t\t\t", 3);
    }
    ob_putc(o, '\t');
    actor_columns(o, e, gdelt_actor);
    ob_putc(o, c->sentence_index == 0 ? '1' : '0');
    ob_putc(o, '\t');
    tsv_field(o, e->code);
    ob_putc(o, '\t');
    const char *code = or_empty(e->code);
    size_t cl = strlen(code);
    ob_write(o, code, cl > 3 ? 3 : cl);
    ob_putc(o, '\t');
    root_quad_goldstein(o, e->code, info);
    long mentions = c->nids > 0 ? c->nids : 1;
    ob_putc(o, '\t');
    ob_int(o, mentions);
    ob_write(o, "\t1\t", 3);
    ob_int(o, mentions);
    /* AvgTone, the actors' 16 geography columns: empty */
    for (int i = 0; i < 18; i++)
        ob_putc(o, '\t');
    gdelt_geo(o, c->location);
    /* DATEADDED: empty */
    ob_write(o, "\t\t", 2);
    if (c->url && *c->url)
        tsv_field(o, c->url);
    else
        tsv_field(o, c->article_id ? c->article_id : s->id);
    ob_putc(o, '\n');
}

/* ------------------------------------------------------------ entry point */

evc_status evc_event_write(FILE *out, evc_format fmt, const char *article_id,
                           int sentence_index, const evc_sentence *s,
                           const evc_event *e, evc_error *err)
{
    evc_write_ctx c;
    memset(&c, 0, sizeof c);
    c.article_id = article_id;
    c.sentence_index = sentence_index;
    return evc_event_write_ctx(out, fmt, &c, s, e, err);
}

evc_status evc_event_write_ctx(FILE *out, evc_format fmt,
                               const evc_write_ctx *ctx, const evc_sentence *s,
                               const evc_event *e, evc_error *err)
{
    evc_write_ctx none;
    if (!ctx) {
        memset(&none, 0, sizeof none);
        ctx = &none;
    }
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
        write_jsonl(&o, ctx, s, e);
        break;
    case EVC_FORMAT_TSV:
        write_tsv(&o, ctx, s, e);
        break;
    case EVC_FORMAT_PHOENIX:
        write_phoenix(&o, ctx, s, e);
        break;
    case EVC_FORMAT_GDELT:
        write_gdelt(&o, ctx, s, e);
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
