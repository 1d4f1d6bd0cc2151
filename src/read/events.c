/* events.c: the reader of coded events in JSON Lines, the objects `evcode
 * code` writes (DESIGN.md, "Command line": article_id, sentence, date,
 * source, target, code, negated, issues, text, verb), for loading them into
 * the store. Lines come through the JSON Lines article reader's line and
 * JSON handling (jsonl.c); this file checks the members. */
#include "read/article.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct evc_event_reader {
    evc_article_reader *lines; /* a JSON Lines reader, for its lines */
    char *name;
};

evc_status evc_event_reader_open(FILE *f, const char *name,
                                 evc_event_reader **out, evc_error *err)
{
    if (!out)
        return evc_error_set(err, EVC_ERR_ARG, name, 0, 0,
                             "evc_event_reader_open: NULL argument");
    *out = NULL;
    evc_event_reader *r = calloc(1, sizeof *r);
    if (!r)
        return evc_error_set(err, EVC_ERR_NOMEM, name, 0, 0, "out of memory");
    evc_status st = evc_jsonl_reader_open(f, name, &r->lines, err);
    if (st != EVC_OK) {
        free(r);
        return st;
    }
    r->name = strdup(name && name[0] && strcmp(name, "-") ? name : "stdin");
    if (!r->name) {
        evc_event_reader_close(r);
        return evc_error_set(err, EVC_ERR_NOMEM, name, 0, 0, "out of memory");
    }
    *out = r;
    return EVC_OK;
}

void evc_event_reader_close(evc_event_reader *r)
{
    if (!r)
        return;
    evc_article_reader_close(r->lines);
    free(r->name);
    free(r);
}

/* What is being read, for messages: the line, and the article when known. */
typedef struct ctx {
    const char *file;
    long line;
    char pre[96]; /* "event of article \"X\": " or "" */
    evc_error *err;
    evc_arena *a;
    int oom;
} ctx;

static evc_status bad(ctx *c, const char *fmt, const char *what, const char *detail)
{
    char msg[200];
    snprintf(msg, sizeof msg, fmt, what, detail);
    return evc_error_set(c->err, EVC_ERR_SYNTAX, c->file, c->line, 0, "%s%s",
                         c->pre, msg);
}

static const char *copy(ctx *c, const json_t *v)
{
    const char *s = evc_arena_strndup(c->a, json_string_value(v),
                                      json_string_length(v));
    if (!s)
        c->oom = 1;
    return s;
}

/* An optional string member: *out NULL when absent or null; -1 when it has
 * another type (error set). */
static int opt_string(ctx *c, const json_t *obj, const char *key,
                      const char **out)
{
    const json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v)) {
        bad(c, "expected \"%s\" to be a string%s", key, "");
        return -1;
    }
    *out = copy(c, v);
    return 0;
}

/* "source" or "target": {"code","root","agent","text"[,"antecedent"]}. */
static int actor(ctx *c, const json_t *obj, const char *key, evc_actor *out)
{
    const json_t *v = json_object_get(obj, key);
    memset(out, 0, sizeof *out);
    if (!json_is_object(v)) {
        bad(c, "expected \"%s\" to be an object {\"code\", \"root\", \"agent\", "
               "\"text\"}%s", key, "");
        return -1;
    }
    static const char *const keys[4] = {"code", "root", "agent", "text"};
    const char **dst[4] = {&out->code, &out->root, &out->agent, &out->text};
    for (int i = 0; i < 4; i++) {
        if (opt_string(c, v, keys[i], dst[i]))
            return -1;
        if (!*dst[i])
            *dst[i] = "";
    }
    return opt_string(c, v, "antecedent", &out->antecedent);
}

/* "location": null, absent, or the object evcode code writes ({"name",
 * "geonameid", "feature_code", "lat", "lon", "admin1", "admin1_code",
 * "admin1_geonames", "country", "method", "text"}). The place's kind comes
 * from its feature code. */
static int location(ctx *c, const json_t *obj, evc_coded_event *e)
{
    const json_t *v = json_object_get(obj, "location");
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_object(v)) {
        bad(c, "expected \"%s\" to be an object or null%s", "location", "");
        return -1;
    }
    static const char *const keys[] = {"name", "feature_code", "admin1",
                                       "admin1_code", "admin1_geonames",
                                       "country", "method", "text"};
    const char **dst[] = {&e->place_name, &e->feature_code, &e->admin1,
                          &e->admin1_code, &e->admin1_geonames, &e->country,
                          &e->loc_method, &e->loc_text};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (opt_string(c, v, keys[i], dst[i]))
            return -1;
    if (!e->loc_method) {
        bad(c, "expected \"%s\" in \"location\"%s", "method", "");
        return -1;
    }
    const json_t *g = json_object_get(v, "geonameid");
    const json_t *la = json_object_get(v, "lat"), *lo = json_object_get(v, "lon");
    if ((g && !json_is_null(g) && !json_is_number(g)) ||
        (la && !json_is_null(la) && !json_is_number(la)) ||
        (lo && !json_is_null(lo) && !json_is_number(lo))) {
        bad(c, "expected numbers or null for %s%s", "\"geonameid\", \"lat\", \"lon\"", "");
        return -1;
    }
    double gid = json_is_number(g) ? json_number_value(g) : 0;
    e->geonameid = gid >= 1 && gid < 1e12 ? (long)gid : 0;
    e->has_coords = json_is_number(la) && json_is_number(lo);
    e->lat = e->has_coords ? json_number_value(la) : 0;
    e->lon = e->has_coords ? json_number_value(lo) : 0;
    const char *fc = e->feature_code ? e->feature_code : "";
    e->place_kind = !strncmp(fc, "PCL", 3)  ? EVC_PLACE_COUNTRY
                    : !strcmp(fc, "ADM1")   ? EVC_PLACE_ADMIN1
                    : !strcmp(fc, "ADM2")   ? EVC_PLACE_ADMIN2
                    : !strcmp(fc, "RGN")    ? EVC_PLACE_REGION
                    : e->geonameid > 0      ? EVC_PLACE_CITY
                                            : EVC_PLACE_NONE;
    return 0;
}

/* A strict YYYY-MM-DD date -> yyyymmdd, 0 if it is not one. */
static int32_t iso_date(const char *s)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    int v[3] = {0, 0, 0}, at[3] = {0, 5, 8}, len[3] = {4, 2, 2};
    for (int k = 0; k < 3; k++)
        for (int i = 0; i < len[k]; i++) {
            char ch = s[at[k] + i];
            if (ch < '0' || ch > '9')
                return 0;
            v[k] = v[k] * 10 + (ch - '0');
        }
    int y = v[0], m = v[1], d = v[2];
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] + (m == 2 && leap))
        return 0;
    return (int32_t)(y * 10000 + m * 100 + d);
}

/* A code of 2-4 digits whose root (the first two) is a CAMEO root. */
static int cameo_code(const char *code)
{
    size_t n = strlen(code);
    if (n < 2 || n > 4 || strspn(code, "0123456789") != n)
        return 0;
    char root[3] = {code[0], code[1], 0};
    return evc_cameo_lookup(root) != NULL;
}

/* "issues": an array of strings -> "A;B", or absent/null -> "". */
static int issues(ctx *c, const json_t *obj, const char **out)
{
    const json_t *v = json_object_get(obj, "issues");
    *out = "";
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_array(v)) {
        bad(c, "expected \"%s\" to be an array of strings%s", "issues", "");
        return -1;
    }
    size_t total = 1, i;
    const json_t *x;
    json_array_foreach(v, i, x) {
        if (!json_is_string(x)) {
            bad(c, "expected \"%s\" to be an array of strings%s", "issues", "");
            return -1;
        }
        total += json_string_length(x) + 1;
    }
    char *buf = evc_arena_alloc(c->a, total), *p = buf;
    if (!buf) {
        c->oom = 1;
        return 0;
    }
    json_array_foreach(v, i, x) {
        if (p > buf)
            *p++ = ';';
        memcpy(p, json_string_value(x), json_string_length(x));
        p += json_string_length(x);
    }
    *p = 0;
    *out = buf;
    return 0;
}

static evc_status event_from(ctx *c, const json_t *obj, evc_event_line *out)
{
    const json_t *v = json_object_get(obj, "article_id");
    if (!json_is_string(v) || json_string_length(v) == 0)
        return bad(c, "expected \"%s\" to be a non-empty string%s", "article_id", "");
    out->article_id = copy(c, v);
    if (out->article_id) {
        char show[72];
        snprintf(c->pre, sizeof c->pre, "event of article \"%s\": ",
                 evc_article_id_show(out->article_id, show, sizeof show));
    }
    evc_coded_event *e = &out->ev;
    v = json_object_get(obj, "sentence");
    double d = json_is_number(v) ? json_number_value(v) : -1;
    if (!(d >= 0 && d < 1048576 && floor(d) == d))
        return bad(c, "expected \"%s\" to be the sentence's index (0, 1, ...)%s",
                   "sentence", "");
    e->sentence = (int)d;
    v = json_object_get(obj, "date");
    if (!json_is_string(v))
        return bad(c, "expected \"%s\" as YYYY-MM-DD%s", "date",
                   v && json_is_null(v) ? ", found null: the store keeps events "
                                          "by date" : "");
    e->date = iso_date(json_string_value(v));
    if (!e->date) {
        char show[48];
        return bad(c, "expected \"%s\" as YYYY-MM-DD, found \"%s\"", "date",
                   evc_article_id_show(json_string_value(v), show, 44));
    }
    if (actor(c, obj, "source", &e->ev.source) || actor(c, obj, "target", &e->ev.target))
        return EVC_ERR_SYNTAX;
    v = json_object_get(obj, "code");
    if (!json_is_string(v))
        return bad(c, "expected \"%s\" to be a CAMEO code string%s", "code", "");
    char show[48];
    if (!cameo_code(json_string_value(v)))
        return bad(c, "\"%s\" \"%s\" is not a CAMEO code", "code",
                   evc_article_id_show(json_string_value(v), show, 44));
    e->ev.code = copy(c, v);
    v = json_object_get(obj, "negated");
    if (v && !json_is_boolean(v) && !json_is_null(v))
        return bad(c, "expected \"%s\" to be true or false%s", "negated", "");
    e->ev.negated = json_is_true(v);
    if (issues(c, obj, &e->ev.issues) || opt_string(c, obj, "text", &out->text) ||
        opt_string(c, obj, "verb", &e->verb) ||
        opt_string(c, obj, "date_method", &e->date_method) ||
        location(c, obj, e))
        return EVC_ERR_SYNTAX;
    return EVC_OK;
}

evc_status evc_event_reader_next(evc_event_reader *r, evc_arena *a,
                                 evc_event_line *out, evc_error *err)
{
    if (!r || !a || !out)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "evc_event_reader_next: NULL argument");
    memset(out, 0, sizeof *out);
    json_t *root = NULL;
    const char *line = NULL;
    size_t len = 0;
    long lineno = 0;
    evc_status st = evc_jsonl_reader_object(r->lines, &root, &line, &len,
                                            &lineno, err);
    if (st != EVC_OK)
        return st;
    ctx c;
    memset(&c, 0, sizeof c);
    c.file = r->name;
    c.line = lineno;
    c.err = err;
    c.a = a;
    st = event_from(&c, root, out);
    json_decref(root);
    if (st == EVC_OK && !c.oom) {
        out->raw = evc_arena_strndup(a, line, len);
        out->raw_len = len;
        out->line = lineno;
        if (out->raw)
            return EVC_OK;
        c.oom = 1;
    }
    if (c.oom)
        st = evc_error_set(err, EVC_ERR_NOMEM, r->name, lineno, 0,
                           "%sout of memory", c.pre);
    memset(out, 0, sizeof *out);
    return st;
}
