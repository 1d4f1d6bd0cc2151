/* filter.c: the options that choose events, shared by `evcode surge` and
 * `evcode report` (see filter.h). Values are checked here, so a bad date,
 * root or country stops the command with one line before the store is read. */
#include "filter.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_fail(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "evcode: %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return 2;
}

int cli_fail_err(const char *cmd, const evc_error *e)
{
    char buf[700];
    evc_error_format(e, buf, sizeof buf);
    return cli_fail(cmd, "%s", buf);
}

const char *cli_value(const char *cmd, int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        cli_fail(cmd, "%s needs a value", argv[*i]);
        return NULL;
    }
    return argv[++*i];
}

/* "1,4" -> quad bits */
static int parse_quads(const char *s, uint32_t *bits)
{
    uint32_t b = 0;
    for (;;) {
        if (s[0] < '1' || s[0] > '4' || (s[1] != ',' && s[1] != '\0'))
            return -1;
        b |= 1u << (s[0] - '0');
        if (s[1] == '\0')
            break;
        s += 2;
    }
    *bits = b;
    return 0;
}

static int add_countries(const char *cmd, cli_filter *cf, const char *v)
{
    const char *p = v;
    for (;;) {
        size_t len = strcspn(p, ",");
        int ok = len == 3;
        for (size_t k = 0; ok && k < 3; k++)
            ok = isalpha((unsigned char)p[k]) != 0;
        if (!ok)
            return cli_fail(cmd,
                            "--country: '%.*s' is not a three-letter country "
                            "code (ISO 3166 alpha-3, e.g. PAK)",
                            (int)(len > 40 ? 40 : len), p);
        if (cf->f.ncountries == CLI_MAX_LIST)
            return cli_fail(cmd, "--country: more than %d countries",
                            CLI_MAX_LIST);
        char *c = cf->country_buf[cf->f.ncountries];
        for (size_t k = 0; k < 3; k++)
            c[k] = (char)toupper((unsigned char)p[k]);
        c[3] = '\0';
        cf->countries[cf->f.ncountries++] = c;
        cf->f.countries = cf->countries;
        if (p[len] == '\0')
            return 1;
        p += len + 1;
    }
}

int cli_filter_option(const char *cmd, cli_filter *cf, int argc, char **argv,
                      int *i)
{
    const char *a = argv[*i];
    if (strcmp(a, "--root") && strcmp(a, "--quad") && strcmp(a, "--country") &&
        strcmp(a, "--place") && strcmp(a, "--from") && strcmp(a, "--to"))
        return 0;
    const char *v = cli_value(cmd, argc, argv, i);
    if (!v)
        return 2;
    evc_error e;
    if (!strcmp(a, "--root")) {
        uint32_t bits;
        if (evc_roots_parse(v, &bits, &e) != EVC_OK)
            return cli_fail(cmd, "--root: %s", e.message);
        cf->f.roots |= bits;
    } else if (!strcmp(a, "--quad")) {
        uint32_t bits;
        if (parse_quads(v, &bits))
            return cli_fail(cmd,
                            "--quad: '%.40s' is not a list of quad classes "
                            "1-4 (1 verbal cooperation, 2 material "
                            "cooperation, 3 verbal conflict, 4 material "
                            "conflict)", v);
        cf->f.quads |= bits;
    } else if (!strcmp(a, "--country")) {
        return add_countries(cmd, cf, v);
    } else if (!strcmp(a, "--place")) {
        if (!*v)
            return cli_fail(cmd, "--place: empty place name");
        if (cf->f.nplaces == CLI_MAX_LIST)
            return cli_fail(cmd, "--place: more than %d places", CLI_MAX_LIST);
        cf->places[cf->f.nplaces++] = v;
        cf->f.places = cf->places;
    } else {
        int32_t day;
        if (evc_day_parse(v, &day, &e) != EVC_OK)
            return cli_fail(cmd, "%s: %s", a, e.message);
        if (!strcmp(a, "--from")) {
            cf->f.has_from = 1;
            cf->f.from = day;
        } else {
            cf->f.has_to = 1;
            cf->f.to = day;
        }
    }
    return 1;
}

int cli_filter_finish(const char *cmd, cli_filter *cf)
{
    if (cf->f.has_from && cf->f.has_to && cf->f.from > cf->f.to) {
        char a[11], b[11];
        evc_day_format(cf->f.from, a);
        evc_day_format(cf->f.to, b);
        return cli_fail(cmd, "--from %s is after --to %s", a, b);
    }
    return 0;
}

void cli_query_init(cli_query *q)
{
    memset(q, 0, sizeof *q);
    q->by = -1;
    evc_surge_params_default(&q->surge);
}

/* an integer lo..hi, the whole of v */
static int parse_long(const char *v, long lo, long hi, long *out)
{
    char *end;
    long x = strtol(v, &end, 10);
    if (!*v || *end || x < lo || x > hi)
        return -1;
    *out = x;
    return 0;
}

int cli_query_option(const char *cmd, cli_query *q, int argc, char **argv,
                     int *i)
{
    int took = cli_filter_option(cmd, &q->filter, argc, argv, i);
    if (took)
        return took;
    const char *a = argv[*i];
    if (strcmp(a, "--db") && strcmp(a, "--by") && strcmp(a, "--window") &&
        strcmp(a, "--alpha") && strcmp(a, "--min-count"))
        return 0;
    const char *v = cli_value(cmd, argc, argv, i);
    if (!v)
        return 2;
    long n;
    evc_error e;
    if (!strcmp(a, "--db")) {
        q->db = v;
    } else if (!strcmp(a, "--by")) {
        evc_period p;
        if (evc_period_parse(v, &p, &e) != EVC_OK)
            return cli_fail(cmd, "--by: %s", e.message);
        q->by = (int)p;
    } else if (!strcmp(a, "--window")) {
        if (parse_long(v, 2, 10000, &n))
            return cli_fail(cmd, "--window: '%.40s' is not a number of "
                                 "periods from 2 to 10000", v);
        q->surge.window = (int)n;
        if (q->surge.min_baseline > q->surge.window)
            q->surge.min_baseline = q->surge.window;
    } else if (!strcmp(a, "--min-count")) {
        if (parse_long(v, 1, 1000000000L, &n))
            return cli_fail(cmd, "--min-count: '%.40s' is not a count of 1 "
                                 "or more", v);
        q->surge.min_count = n;
    } else {
        char *end;
        double x = strtod(v, &end);
        if (!*v || *end || !(x > 0.0 && x < 1.0))
            return cli_fail(cmd, "--alpha: '%.40s' is not a probability "
                                 "between 0 and 1 (e.g. 0.05)", v);
        q->surge.alpha = x;
    }
    return 1;
}

int cli_open_db(const char *cmd, const char *path, evc_eventdb **db)
{
    evc_error e;
    if (!path)
        return cli_fail(cmd, "--db FILE is required");
    if (evc_eventdb_open(path, db, &e) != EVC_OK)
        return cli_fail_err(cmd, &e);
    return 0;
}

/* appends printf output to buf at *k */
static void add(char *buf, size_t n, size_t *k, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static void add(char *buf, size_t n, size_t *k, const char *fmt, ...)
{
    if (*k >= n)
        return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(buf + *k, n - *k, fmt, ap);
    va_end(ap);
    if (w > 0)
        *k += (size_t)w;
}

void cli_filter_describe(const cli_filter *cf, char *buf, size_t n)
{
    size_t k = 0;
    const evc_event_filter *f = &cf->f;
    buf[0] = '\0';
    if (f->roots) {
        add(buf, n, &k, "%sroots", k ? ", " : "");
        for (int r = 1, first = 1; r <= 20; r++)
            if ((f->roots >> r) & 1u) {
                add(buf, n, &k, "%s%02d", first ? " " : ",", r);
                first = 0;
            }
    }
    if (f->quads) {
        add(buf, n, &k, "%squad", k ? ", " : "");
        for (int q = 1, first = 1; q <= 4; q++)
            if ((f->quads >> q) & 1u) {
                add(buf, n, &k, "%s%d", first ? " " : ",", q);
                first = 0;
            }
    }
    for (size_t i = 0; i < f->ncountries; i++)
        add(buf, n, &k, "%s%s", k ? ", " : "", f->countries[i]);
    for (size_t i = 0; i < f->nplaces; i++)
        add(buf, n, &k, "%s%s", k ? ", " : "", f->places[i]);
    char d[11];
    if (f->has_from) {
        evc_day_format(f->from, d);
        add(buf, n, &k, "%sfrom %s", k ? ", " : "", d);
    }
    if (f->has_to) {
        evc_day_format(f->to, d);
        add(buf, n, &k, "%sto %s", k ? ", " : "", d);
    }
    if (!k)
        snprintf(buf, n, "all events");
}
