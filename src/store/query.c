/* query.c: the questions of the store (evcode.h, "store"): filters given in
 * their command-line form and checked (CAMEO codes and roots against the
 * CAMEO table, countries against ISO 3166-1, ISO 8601 calendar dates),
 * counts per day, ISO week, month or year, dyads, actors, and the events
 * with their sentences. The SQL is put together from fixed pieces and `?`
 * placeholders only; every value the caller gives is a bound parameter. */
#include "store/store.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- filters */

typedef struct strlist {
    char **v;
    int n, cap;
} strlist;

/* The values of a field, ORed; the fields ANDed. */
enum { F_CODE, F_SOURCE_ROOT, F_SOURCE, F_TARGET_ROOT, F_TARGET, F_COUNTRY,
       F_PLACE, F_NLISTS };

struct evc_query {
    int roots[21]; /* roots[r] = 1: root r wanted */
    int nroots;
    int quads[5];
    int nquads;
    strlist list[F_NLISTS];
    long from, to; /* days since 1970-01-01 */
    int has_from, has_to;
    char *match;
};

evc_query *evc_query_new(void) { return calloc(1, sizeof(evc_query)); }

void evc_query_free(evc_query *q)
{
    if (!q)
        return;
    for (int f = 0; f < F_NLISTS; f++) {
        for (int i = 0; i < q->list[f].n; i++)
            free(q->list[f].v[i]);
        free(q->list[f].v);
    }
    free(q->match);
    free(q);
}

static int list_add(strlist *l, const char *s, size_t n)
{
    for (int i = 0; i < l->n; i++)
        if (strlen(l->v[i]) == n && memcmp(l->v[i], s, n) == 0)
            return 0;
    if (l->n == l->cap) {
        int nc = l->cap ? l->cap * 2 : 8;
        char **nv = realloc(l->v, (size_t)nc * sizeof *nv);
        if (!nv)
            return -1;
        l->v = nv;
        l->cap = nc;
    }
    char *c = malloc(n + 1);
    if (!c)
        return -1;
    memcpy(c, s, n);
    c[n] = 0;
    l->v[l->n++] = c;
    return 0;
}

/* An item of a comma-separated value, for messages: at most 40 bytes,
 * control characters as '?'. */
static const char *shown(const char *s, size_t n, char buf[48])
{
    size_t k = n < 40 ? n : 40;
    for (size_t i = 0; i < k; i++)
        buf[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7F ? '?' : s[i];
    if (k < n)
        memcpy(buf + k, "...", 4);
    else
        buf[k] = 0;
    return buf;
}

/* A whole number of at most 4 digits in s[0..n), or -1. */
static int small_number(const char *s, size_t n)
{
    if (n == 0 || n > 4)
        return -1;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* A strict YYYY-MM-DD calendar date -> days since 1970-01-01; 0 if not. */
static int parse_day(const char *s, long *day)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    int y = small_number(s, 4), m = small_number(s + 5, 2),
        d = small_number(s + 8, 2);
    if (y < 0 || m < 0 || d < 0 || !evc_ymd_valid(y, m, d))
        return 0;
    *day = evc_days_from_ymd(y * 10000 + m * 100 + d);
    return 1;
}

static const char *const field_names =
    "root, code, quad, source, target, country, place, from, to, match";

/* One item of a list-valued field. */
static evc_status set_item(evc_query *q, const char *field, const char *s,
                           size_t n, evc_error *err)
{
    char show[48], up[64];
    int oom = 0;
    if (!strcmp(field, "root") || !strcmp(field, "quad")) {
        int isroot = field[0] == 'r', max = isroot ? 20 : 4;
        const char *dash = memchr(s, '-', n);
        size_t n1 = dash ? (size_t)(dash - s) : n;
        int lo = small_number(s, n1), hi = dash ? small_number(dash + 1, n - n1 - 1) : lo;
        if (lo < 1 || hi < lo || hi > max)
            return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                                 "%s '%s': not a %s (1-%d)", field,
                                 shown(s, n, show),
                                 isroot ? "CAMEO root code" : "quad class", max);
        for (int r = lo; r <= hi; r++) {
            int *have = isroot ? &q->roots[r] : &q->quads[r];
            if (!*have) {
                *have = 1;
                if (isroot)
                    q->nroots++;
                else
                    q->nquads++;
            }
        }
        return EVC_OK;
    }
    if (!strcmp(field, "code")) {
        char code[8];
        if (n >= sizeof code || !evc_cameo_lookup((memcpy(code, s, n), code[n] = 0, code)))
            return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                                 "code '%s': not a CAMEO event code (e.g. 190, "
                                 "1823)", shown(s, n, show));
        oom = list_add(&q->list[F_CODE], s, n);
    } else if (!strcmp(field, "source") || !strcmp(field, "target") ||
               !strcmp(field, "country")) {
        /* codes are upper case; "pak" is read as PAK */
        int ok = n >= 3 && n < sizeof up;
        for (size_t i = 0; ok && i < n; i++) {
            unsigned char c = (unsigned char)s[i];
            up[i] = (char)toupper(c);
            ok = isalnum(c) || c == '-';
        }
        if (ok)
            up[n] = 0;
        if (field[0] == 'c') {
            if (!ok || !evc_country_known(up))
                return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                                     "country '%s': not a country code (ISO "
                                     "3166-1 alpha-3, e.g. PAK)",
                                     shown(s, n, show));
            oom = list_add(&q->list[F_COUNTRY], up, n);
        } else {
            if (!ok)
                return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                                     "%s '%s': not an actor code (letters, e.g. "
                                     "PAK or PAKGOV)", field, shown(s, n, show));
            int src = field[0] == 's';
            oom = list_add(&q->list[n == 3 ? (src ? F_SOURCE_ROOT : F_TARGET_ROOT)
                                           : (src ? F_SOURCE : F_TARGET)],
                           up, n);
        }
    } else if (!strcmp(field, "place")) {
        oom = list_add(&q->list[F_PLACE], s, n);
    } else
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "unknown field '%s' (%s)", field, field_names);
    return oom ? evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory")
               : EVC_OK;
}

evc_status evc_query_set(evc_query *q, const char *field, const char *value,
                         evc_error *err)
{
    if (!q || !field || !value)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "evc_query_set: NULL argument");
    if (!strcmp(field, "from") || !strcmp(field, "to")) {
        long day;
        char show[48];
        if (!parse_day(value, &day))
            return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                                 "%s '%s': not a date (YYYY-MM-DD)", field,
                                 shown(value, strlen(value), show));
        if (field[0] == 'f')
            q->from = day, q->has_from = 1;
        else
            q->to = day, q->has_to = 1;
        return EVC_OK;
    }
    if (!strcmp(field, "match")) {
        if (!*value)
            return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                                 "match: an empty text query");
        char *m = strdup(value);
        if (!m)
            return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
        free(q->match);
        q->match = m;
        return EVC_OK;
    }
    /* a comma-separated list; blanks around items are ignored */
    const char *p = value;
    for (;;) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        const char *a = p, *b = p + n;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        if (a == b)
            return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                                 "%s: an empty value in '%s'", field, value);
        evc_status st = set_item(q, field, a, (size_t)(b - a), err);
        if (st)
            return st;
        if (!end)
            return EVC_OK;
        p = end + 1;
    }
}

/* ---------------------------------------------------------------- SQL */

/* SQL text of fixed pieces, and the values for its placeholders in order. */
typedef struct arg {
    const char *text; /* NULL: the integer */
    sqlite3_int64 num;
} arg;

typedef struct sqlb {
    char *s;
    size_t n, cap;
    arg *args;
    int nargs, cap_args;
    int oom;
} sqlb;

static void put(sqlb *b, const char *piece)
{
    size_t k = strlen(piece);
    if (b->oom)
        return;
    if (b->n + k + 1 > b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 1024;
        while (nc < b->n + k + 1)
            nc *= 2;
        char *ns = realloc(b->s, nc);
        if (!ns) {
            b->oom = 1;
            return;
        }
        b->s = ns;
        b->cap = nc;
    }
    memcpy(b->s + b->n, piece, k + 1);
    b->n += k;
}

/* A `?` placeholder for a text (or, text NULL, an integer). */
static void param(sqlb *b, const char *text, sqlite3_int64 num)
{
    if (b->oom)
        return;
    if (b->nargs == b->cap_args) {
        int nc = b->cap_args ? b->cap_args * 2 : 16;
        arg *na = realloc(b->args, (size_t)nc * sizeof *na);
        if (!na) {
            b->oom = 1;
            return;
        }
        b->args = na;
        b->cap_args = nc;
    }
    b->args[b->nargs].text = text;
    b->args[b->nargs].num = num;
    b->nargs++;
    put(b, "?");
}

/* "col IN (?, ?, ...)" over a list of texts. */
static void in_texts(sqlb *b, const char *col, const strlist *l)
{
    put(b, col);
    put(b, " IN (");
    for (int i = 0; i < l->n; i++) {
        if (i)
            put(b, ", ");
        param(b, l->v[i], 0);
    }
    put(b, ")");
}

static void in_numbers(sqlb *b, const char *col, const int *want, int max)
{
    put(b, col);
    put(b, " IN (");
    int first = 1;
    for (int v = 1; v <= max; v++)
        if (want[v]) {
            if (!first)
                put(b, ", ");
            param(b, NULL, v);
            first = 0;
        }
    put(b, ")");
}

/* An actor filter: roots (three letters) or whole codes. */
static void actor_filter(sqlb *b, const evc_query *q, int roots, int codes,
                         const char *root_col, const char *code_col)
{
    const strlist *r = &q->list[roots], *c = &q->list[codes];
    if (!r->n && !c->n)
        return;
    put(b, " AND (");
    if (r->n)
        in_texts(b, root_col, r);
    if (r->n && c->n)
        put(b, " OR ");
    if (c->n)
        in_texts(b, code_col, c);
    put(b, ")");
}

/* " WHERE 1" and an AND for each filter set, on table alias e. */
static void where(sqlb *b, const evc_query *q)
{
    put(b, " WHERE 1");
    if (q->nroots) {
        put(b, " AND ");
        in_numbers(b, "e.root", q->roots, 20);
    }
    if (q->nquads) {
        put(b, " AND ");
        in_numbers(b, "e.quad", q->quads, 4);
    }
    if (q->list[F_CODE].n) {
        put(b, " AND ");
        in_texts(b, "e.code", &q->list[F_CODE]);
    }
    actor_filter(b, q, F_SOURCE_ROOT, F_SOURCE, "e.source_root", "e.source");
    actor_filter(b, q, F_TARGET_ROOT, F_TARGET, "e.target_root", "e.target");
    if (q->list[F_COUNTRY].n) {
        put(b, " AND ");
        in_texts(b, "e.country", &q->list[F_COUNTRY]);
    }
    if (q->list[F_PLACE].n) {
        put(b, " AND (");
        in_texts(b, "e.place_name COLLATE NOCASE", &q->list[F_PLACE]);
        put(b, " OR ");
        in_texts(b, "e.admin1 COLLATE NOCASE", &q->list[F_PLACE]);
        put(b, ")");
    }
    if (q->has_from) {
        put(b, " AND e.day >= ");
        param(b, NULL, q->from);
    }
    if (q->has_to) {
        put(b, " AND e.day <= ");
        param(b, NULL, q->to);
    }
    if (q->match) {
        put(b, " AND e.article * 1048576 + e.sentence IN (SELECT rowid FROM "
               "sentence_fts WHERE sentence_fts MATCH ");
        param(b, q->match, 0);
        put(b, ")");
    }
}

static void sqlb_free(sqlb *b)
{
    free(b->s);
    free(b->args);
}

/* Prepares b's SQL and binds its values. NULL after setting err. */
static sqlite3_stmt *prepare(evc_store *s, sqlb *b, evc_error *err)
{
    if (b->oom) {
        evc_error_set(err, EVC_ERR_NOMEM, s->path, 0, 0, "out of memory");
        return NULL;
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, b->s, -1, &st, NULL) != SQLITE_OK) {
        evc_store_fail(s, err, "preparing a query");
        return NULL;
    }
    for (int i = 0; i < b->nargs; i++) {
        int rc = b->args[i].text
                     ? sqlite3_bind_text(st, i + 1, b->args[i].text, -1, SQLITE_STATIC)
                     : sqlite3_bind_int64(st, i + 1, b->args[i].num);
        if (rc != SQLITE_OK) {
            evc_store_fail(s, err, "binding a query's values");
            sqlite3_finalize(st);
            return NULL;
        }
    }
    return st;
}

/* After the last step: SQLITE_DONE is fine; an FTS5 syntax error in
 * --match is the caller's mistake (EVC_ERR_ARG), anything else the store's. */
static evc_status finish(evc_store *s, const evc_query *q, int rc,
                         evc_error *err)
{
    if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        return EVC_OK;
    const char *msg = sqlite3_errmsg(s->db);
    if (q->match && (strstr(msg, "fts5") || strstr(msg, "syntax error") ||
                     strstr(msg, "no such column")))
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "match: not a full-text query (%s)", msg);
    return evc_store_fail(s, err, "running a query");
}

static evc_status check_range(const evc_query *q, evc_error *err)
{
    if (q->has_from && q->has_to && q->from > q->to) {
        char from[16], to[16];
        evc_ymd_format(evc_ymd_from_days(q->from), from);
        evc_ymd_format(evc_ymd_from_days(q->to), to);
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "from %s is after to %s: no day is in the range",
                             from, to);
    }
    return EVC_OK;
}

/* ---------------------------------------------------------------- counts */

static long floor_div(long a, long b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* The period (as a number that grows by one from each period to the next)
 * of a day. Weeks run Monday to Sunday; day 0, 1970-01-01, is a Thursday. */
static long period_of(evc_period by, long day)
{
    int32_t ymd;
    switch (by) {
    case EVC_PERIOD_DAY:
        return day;
    case EVC_PERIOD_WEEK:
        return floor_div(day + 3, 7);
    case EVC_PERIOD_MONTH:
        ymd = evc_ymd_from_days(day);
        return (long)(ymd / 10000) * 12 + ymd / 100 % 100 - 1;
    default:
        return evc_ymd_from_days(day) / 10000;
    }
}

/* Fills r's label, first and last day for period p. */
static void period_row(evc_period by, long p, evc_count_row *r)
{
    long first, last;
    switch (by) {
    case EVC_PERIOD_DAY:
        first = last = p;
        break;
    case EVC_PERIOD_WEEK:
        first = p * 7 - 3;
        last = first + 6;
        break;
    case EVC_PERIOD_MONTH: {
        long y = floor_div(p, 12), m = p - y * 12 + 1;
        first = evc_days_from_ymd((int32_t)(y * 10000 + m * 100 + 1));
        last = evc_days_from_ymd(m == 12 ? (int32_t)((y + 1) * 10000 + 101)
                                         : (int32_t)(y * 10000 + (m + 1) * 100 + 1)) - 1;
        break;
    }
    default:
        first = evc_days_from_ymd((int32_t)(p * 10000 + 101));
        last = evc_days_from_ymd((int32_t)(p * 10000 + 1231));
    }
    r->start = evc_ymd_from_days(first);
    r->end = evc_ymd_from_days(last);
    int y = r->start / 10000, m = r->start / 100 % 100, d = r->start % 100;
    switch (by) {
    case EVC_PERIOD_DAY:
        snprintf(r->period, sizeof r->period, "%04d-%02d-%02d", y, m, d);
        break;
    case EVC_PERIOD_WEEK: {
        /* ISO 8601: the week belongs to the year of its Thursday, and is
         * numbered from that year's first week with a Thursday */
        int32_t thu = evc_ymd_from_days(first + 3);
        long jan1 = evc_days_from_ymd(thu / 10000 * 10000 + 101);
        long week = (first + 3 - jan1) / 7 + 1;
        snprintf(r->period, sizeof r->period, "%04u-W%02u",
                 (unsigned)thu / 10000 % 10000, (unsigned)week % 100);
        break;
    }
    case EVC_PERIOD_MONTH:
        snprintf(r->period, sizeof r->period, "%04d-%02d", y, m);
        break;
    default:
        snprintf(r->period, sizeof r->period, "%04d", y);
    }
}

/* Counts per period, for periods lo .. lo + n - 1, grown at either end. */
typedef struct tally {
    long *c;
    long lo, n, cap;
} tally;

static int tally_add(tally *t, long p, long count)
{
    long lo = t->n && t->lo < p ? t->lo : p;
    long hi = t->n && t->lo + t->n > p + 1 ? t->lo + t->n : p + 1;
    if (hi - lo != t->n) {
        if (hi - lo > t->cap) {
            long cap = t->cap ? t->cap : 64;
            while (cap < hi - lo)
                cap *= 2;
            long *c = realloc(t->c, (size_t)cap * sizeof *c);
            if (!c)
                return -1;
            t->c = c;
            t->cap = cap;
        }
        /* the old counts move up by the periods added below them */
        long shift = t->n ? t->lo - lo : 0;
        memmove(t->c + shift, t->c, (size_t)t->n * sizeof *t->c);
        memset(t->c, 0, (size_t)shift * sizeof *t->c);
        memset(t->c + shift + t->n, 0, (size_t)(hi - lo - shift - t->n) * sizeof *t->c);
        t->lo = lo;
        t->n = hi - lo;
    }
    t->c[p - t->lo] += count;
    return 0;
}

evc_status evc_store_counts(evc_store *s, const evc_query *q, evc_period by,
                            evc_count_fn fn, void *arg, evc_error *err)
{
    evc_status st = check_range(q, err);
    if (st)
        return st;
    /* Counted per day by SQLite, grouped first by the columns of the index
     * the filters will likely use, so that the groups follow the index and
     * need no sorting (country and root: event_country_root_day, root:
     * event_root_day, an actor's root: event_dyad, else event_day); the
     * days become weeks, months, years here, whatever order they come in. */
    sqlb b = {0};
    put(&b, "SELECT e.day, count(*) FROM event e");
    where(&b, q);
    if (q->list[F_COUNTRY].n)
        put(&b, " GROUP BY e.country, e.root, e.day");
    else if (q->nroots)
        put(&b, " GROUP BY e.root, e.day");
    else if (q->list[F_SOURCE_ROOT].n || q->list[F_TARGET_ROOT].n)
        put(&b, " GROUP BY e.source_root, e.target_root, e.day");
    else
        put(&b, " GROUP BY e.day");
    sqlite3_stmt *qs = prepare(s, &b, err);
    sqlb_free(&b);
    if (!qs)
        return err ? err->code : EVC_ERR_IO;
    tally t = {0};
    int rc;
    while ((rc = sqlite3_step(qs)) == SQLITE_ROW)
        if (tally_add(&t, period_of(by, (long)sqlite3_column_int64(qs, 0)),
                      (long)sqlite3_column_int64(qs, 1))) {
            sqlite3_finalize(qs);
            free(t.c);
            return evc_error_set(err, EVC_ERR_NOMEM, s->path, 0, 0, "out of memory");
        }
    st = finish(s, q, rc, err);
    sqlite3_finalize(qs);
    if (st == EVC_OK && (t.n || (q->has_from && q->has_to))) {
        /* every period from the first to the last, zeros included */
        long first = q->has_from ? period_of(by, q->from) : t.lo;
        long last = q->has_to ? period_of(by, q->to) : t.lo + t.n - 1;
        for (long p = first; p <= last; p++) {
            evc_count_row r;
            period_row(by, p, &r);
            r.count = p >= t.lo && p < t.lo + t.n ? t.c[p - t.lo] : 0;
            if (fn(arg, &r))
                break;
        }
    }
    free(t.c);
    return st;
}

/* ---------------------------------------------------------------- dyads, actors */

static const char *col_text(sqlite3_stmt *q, int i)
{
    return (const char *)sqlite3_column_text(q, i);
}

/* Runs a prepared query of (source, target or NULL, count[, as_source,
 * as_target]) rows through fn. */
static evc_status pairs(evc_store *s, const evc_query *q, sqlb *b, int actors,
                        evc_pair_fn fn, void *arg, evc_error *err)
{
    sqlite3_stmt *qs = prepare(s, b, err);
    sqlb_free(b);
    if (!qs)
        return err ? err->code : EVC_ERR_IO;
    int rc;
    while ((rc = sqlite3_step(qs)) == SQLITE_ROW) {
        evc_pair_row r;
        memset(&r, 0, sizeof r);
        r.source = col_text(qs, 0);
        r.target = actors ? NULL : col_text(qs, 1);
        r.count = (long)sqlite3_column_int64(qs, 2);
        if (actors) {
            r.as_source = (long)sqlite3_column_int64(qs, 3);
            r.as_target = (long)sqlite3_column_int64(qs, 4);
        }
        if (fn(arg, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    evc_status st = finish(s, q, rc, err);
    sqlite3_finalize(qs);
    return st;
}

evc_status evc_store_dyads(evc_store *s, const evc_query *q, int limit,
                           evc_pair_fn fn, void *arg, evc_error *err)
{
    evc_status st = check_range(q, err);
    if (st)
        return st;
    sqlb b = {0};
    put(&b, "SELECT e.source_root, e.target_root, count(*) AS n FROM event e");
    where(&b, q);
    put(&b, " AND e.source_root IS NOT NULL AND e.source_root <> '---'"
            " AND e.target_root IS NOT NULL AND e.target_root <> '---'"
            " GROUP BY e.source_root, e.target_root"
            " ORDER BY n DESC, e.source_root, e.target_root LIMIT ");
    param(&b, NULL, limit > 0 ? limit : 1);
    return pairs(s, q, &b, 0, fn, arg, err);
}

evc_status evc_place_level_parse(const char *s, evc_place_level *out,
                                 evc_error *err)
{
    static const char *const names[] = {"country", "admin1", "city"};
    for (int i = 0; s && i < 3; i++)
        if (!strcmp(s, names[i])) {
            *out = (evc_place_level)i;
            return EVC_OK;
        }
    return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                         "unknown place level '%.40s' (country, admin1 or city)",
                         s ? s : "");
}

evc_status evc_store_places(evc_store *s, const evc_query *q,
                            evc_place_level level, int limit, evc_pair_fn fn,
                            void *arg, evc_error *err)
{
    evc_status st = check_range(q, err);
    if (st)
        return st;
    /* the column of each level: fixed SQL text, chosen by an enum */
    static const char *const cols[] = {"e.country", "e.admin1", "e.place_name"};
    static const char *const only[] = {"", "", " AND e.place_kind = 1"};
    int l = level >= EVC_PLACE_LEVEL_COUNTRY && level <= EVC_PLACE_LEVEL_CITY
                ? (int)level : 0;
    sqlb b = {0};
    put(&b, "SELECT ");
    put(&b, cols[l]);
    put(&b, ", e.country, count(*) AS n FROM event e");
    where(&b, q);
    put(&b, " AND ");
    put(&b, cols[l]);
    put(&b, " IS NOT NULL AND ");
    put(&b, cols[l]);
    put(&b, " <> ''");
    put(&b, only[l]);
    put(&b, " GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ");
    param(&b, NULL, limit > 0 ? limit : 1);
    return pairs(s, q, &b, 0, fn, arg, err);
}

evc_status evc_store_actors(evc_store *s, const evc_query *q, int limit,
                            evc_pair_fn fn, void *arg, evc_error *err)
{
    evc_status st = check_range(q, err);
    if (st)
        return st;
    sqlb b = {0};
    put(&b, "SELECT actor, NULL, sum(src) + sum(tgt) AS n, sum(src), sum(tgt)"
            " FROM (SELECT e.source AS actor, 1 AS src, 0 AS tgt FROM event e");
    where(&b, q);
    put(&b, " AND e.source IS NOT NULL AND e.source <> '---'"
            " UNION ALL SELECT e.target, 0, 1 FROM event e");
    where(&b, q);
    put(&b, " AND e.target IS NOT NULL AND e.target <> '---')"
            " GROUP BY actor ORDER BY n DESC, actor LIMIT ");
    param(&b, NULL, limit > 0 ? limit : 1);
    return pairs(s, q, &b, 1, fn, arg, err);
}

/* ---------------------------------------------------------------- events */

static const char *or_empty(const char *s) { return s ? s : ""; }

/* Columns 0-34 of the events query into r (strings owned by the query). */
static void event_row(sqlite3_stmt *q, evc_event_row *r)
{
    memset(r, 0, sizeof *r);
    r->id = (long)sqlite3_column_int64(q, 0);
    r->article_id = col_text(q, 1);
    r->url = col_text(q, 2);
    r->news_source = col_text(q, 3);
    r->text = col_text(q, 4);
    evc_coded_event *e = &r->ev;
    e->sentence = sqlite3_column_int(q, 5);
    e->date = evc_ymd_from_days((long)sqlite3_column_int64(q, 6));
    evc_actor *actors[2] = {&e->ev.source, &e->ev.target};
    for (int k = 0; k < 2; k++) {
        int c = 7 + 5 * k;
        actors[k]->code = or_empty(col_text(q, c));
        actors[k]->root = or_empty(col_text(q, c + 1));
        actors[k]->agent = or_empty(col_text(q, c + 2));
        actors[k]->text = or_empty(col_text(q, c + 3));
        actors[k]->antecedent = col_text(q, c + 4);
    }
    e->ev.code = col_text(q, 17);
    r->root = sqlite3_column_int(q, 18);
    r->quad = sqlite3_column_int(q, 19);
    r->has_goldstein = sqlite3_column_type(q, 20) != SQLITE_NULL;
    r->goldstein = sqlite3_column_double(q, 20);
    r->plover = col_text(q, 21);
    e->ev.negated = sqlite3_column_int(q, 22);
    e->verb = col_text(q, 23);
    e->country = col_text(q, 24);
    e->place_name = col_text(q, 25);
    e->geonameid = (long)sqlite3_column_int64(q, 26);
    e->feature_code = col_text(q, 27);
    e->has_coords = sqlite3_column_type(q, 28) != SQLITE_NULL &&
                    sqlite3_column_type(q, 29) != SQLITE_NULL;
    e->lat = sqlite3_column_double(q, 28);
    e->lon = sqlite3_column_double(q, 29);
    e->admin1 = col_text(q, 30);
    e->admin1_code = col_text(q, 31);
    e->loc_method = col_text(q, 32);
    e->date_method = col_text(q, 33);
    e->ev.issues = or_empty(col_text(q, 34));
    e->admin1_geonames = col_text(q, 35);
    e->loc_text = col_text(q, 36);
    e->place_kind = sqlite3_column_int(q, 37);
    e->place_gn_code = col_text(q, 38);
    e->country2 = col_text(q, 39);
    e->country_name = col_text(q, 40);
}

evc_status evc_store_events(evc_store *s, const evc_query *q, evc_order order,
                            long limit, evc_event_fn fn, void *arg,
                            evc_error *err)
{
    evc_status st = check_range(q, err);
    if (st)
        return st;
    sqlb b = {0};
    put(&b, "SELECT e.id, a.ext_id, a.url, a.source, s.text, e.sentence, e.day,"
            " e.source, e.source_root, e.source_agent, e.source_text, e.source_antecedent,"
            " e.target, e.target_root, e.target_agent, e.target_text, e.target_antecedent,"
            " e.code, e.root, e.quad, e.goldstein, e.plover, e.negated, e.verb,"
            " e.country, e.place_name, e.geonameid, e.feature_code, e.lat, e.lon,"
            " e.admin1, e.admin1_code, e.loc_method, e.date_method, e.issues,"
            " e.admin1_geonames, e.loc_text, e.place_kind, e.place_gn_code,"
            " e.country2, e.country_name"
            " FROM event e JOIN article a ON a.id = e.article"
            " LEFT JOIN sentence s ON s.article = e.article AND s.idx = e.sentence");
    where(&b, q);
    put(&b, order == EVC_ORDER_DATE ? " ORDER BY e.day, e.article, e.id"
                                    : " ORDER BY e.article, e.id");
    if (limit > 0) {
        put(&b, " LIMIT ");
        param(&b, NULL, limit);
    }
    sqlite3_stmt *qs = prepare(s, &b, err);
    sqlb_free(&b);
    if (!qs)
        return err ? err->code : EVC_ERR_IO;
    int rc;
    while ((rc = sqlite3_step(qs)) == SQLITE_ROW) {
        evc_event_row r;
        event_row(qs, &r);
        if (fn(arg, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    st = finish(s, q, rc, err);
    sqlite3_finalize(qs);
    return st;
}

evc_status evc_event_row_write(FILE *out, evc_format fmt, long event_number,
                               const evc_event_row *r, evc_error *err)
{
    /* the sentence as the writers read it: id, text, date, and the coded
     * verb as token 1 */
    evc_token tok[2];
    memset(tok, 0, sizeof tok);
    tok[1].form = r->ev.verb;
    evc_sentence s;
    memset(&s, 0, sizeof s);
    s.id = r->article_id;
    s.text = r->text;
    s.date = r->ev.date;
    s.tok = tok;
    s.ntok = r->ev.verb ? 1 : 0;
    evc_event e = r->ev.ev;
    e.verb = r->ev.verb ? 1 : 0;
    e.explain = NULL;
    e.date = r->ev.date;
    e.date_method = r->ev.date_method;
    /* the location, as geocoding gave it (events without one: null) */
    const evc_coded_event *c = &r->ev;
    evc_location loc;
    memset(&loc, 0, sizeof loc);
    if (c->loc_method) {
        evc_place *pl = &loc.place;
        pl->kind = (evc_place_kind)c->place_kind;
        pl->geonameid = c->geonameid;
        pl->name = or_empty(c->place_name);
        pl->feature_code = or_empty(c->feature_code);
        pl->gn_code = or_empty(c->place_gn_code);
        pl->has_coords = c->has_coords;
        pl->lat = c->lat;
        pl->lon = c->lon;
        pl->admin1 = or_empty(c->admin1);
        pl->admin1_iso = or_empty(c->admin1_code);
        pl->admin1_gn = or_empty(c->admin1_geonames);
        pl->country = or_empty(c->country);
        pl->country2 = or_empty(c->country2);
        pl->country_name = or_empty(c->country_name);
        loc.text = c->loc_text;
        loc.method = c->loc_method;
    }
    evc_write_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.article_id = r->article_id;
    ctx.sentence_index = r->ev.sentence;
    ctx.event_number = event_number;
    ctx.url = r->url;
    ctx.news_source = r->news_source;
    ctx.geo = 1;
    ctx.location = c->loc_method ? &loc : NULL;
    return evc_event_write_ctx(out, fmt, &ctx, &s, &e, err);
}
