/* eventdb.c: questions asked of an evcode SQLite store, read-only: count
 * series by period and key, totals, top dyads. The schema is the store's
 * (README, "The event store"); the SQL text is made only of constant
 * fragments chosen by which filters are set, and every value is bound. */
#include "evcode.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

struct evc_eventdb {
    sqlite3 *db;
    char name[200]; /* labels errors */
};

/* Copies SQLite's message for the current error into err. */
static evc_status db_error(evc_eventdb *e, evc_error *err, evc_status code)
{
    return evc_error_set(err, code, e->name, 0, 0, "%s", sqlite3_errmsg(e->db));
}

evc_status evc_eventdb_open(const char *path, evc_eventdb **out,
                            evc_error *err)
{
    if (!path || !out)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0, "no store named");
    *out = NULL;
    evc_eventdb *e = calloc(1, sizeof *e);
    if (!e)
        return evc_error_set(err, EVC_ERR_NOMEM, path, 0, 0, "out of memory");
    snprintf(e->name, sizeof e->name, "%s", path);
    int rc = sqlite3_open_v2(path, &e->db,
                             SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    if (rc != SQLITE_OK) {
        evc_status st = evc_error_set(err, EVC_ERR_IO, path, 0, 0,
                                      "cannot open the store: %s",
                                      e->db ? sqlite3_errmsg(e->db)
                                            : "out of memory");
        evc_eventdb_close(e);
        return st;
    }
    sqlite3_busy_timeout(e->db, 5000); /* an ingest may be committing */
    sqlite3_stmt *st = NULL;
    rc = sqlite3_prepare_v2(e->db,
                            "SELECT 1 FROM sqlite_master WHERE type = 'table'"
                            " AND name = 'event'",
                            -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) {
        evc_status code =
            evc_error_set(err, EVC_ERR_SYNTAX, path, 0, 0,
                          "not an evcode store: %s",
                          rc == SQLITE_DONE ? "it has no event table"
                                            : sqlite3_errmsg(e->db));
        evc_eventdb_close(e);
        return code;
    }
    *out = e;
    return EVC_OK;
}

void evc_eventdb_close(evc_eventdb *e)
{
    if (!e)
        return;
    sqlite3_close(e->db);
    free(e);
}

/* ------------------------------------------------------------ SQL text */

/* A growing SQL string made of constant fragments only. */
typedef struct sqlbuf {
    char *s;
    size_t n, cap;
    int oom;
} sqlbuf;

static void sql_add(sqlbuf *b, const char *frag)
{
    size_t k = strlen(frag);
    if (b->oom)
        return;
    if (b->n + k + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + k + 1)
            cap *= 2;
        char *s = realloc(b->s, cap);
        if (!s) {
            b->oom = 1;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
    memcpy(b->s + b->n, frag, k + 1);
    b->n += k;
}

/* " AND col IN (?,?,?)" with n placeholders */
static void sql_in(sqlbuf *b, const char *col_in, size_t n)
{
    sql_add(b, col_in);
    for (size_t i = 0; i < n; i++)
        sql_add(b, i ? ",?" : "?");
    sql_add(b, ")");
}

static size_t bits_count(uint32_t bits, int lo, int hi)
{
    size_t n = 0;
    for (int i = lo; i <= hi; i++)
        n += (bits >> i) & 1u;
    return n;
}

/* The WHERE conditions of f, appended after a "WHERE 1=1". */
static void sql_filter(sqlbuf *b, const evc_event_filter *f)
{
    if (!f)
        return;
    if (f->has_from)
        sql_add(b, " AND day >= ?");
    if (f->has_to)
        sql_add(b, " AND day <= ?");
    if (f->roots & 0x1ffffeu)
        sql_in(b, " AND root IN (", bits_count(f->roots, 1, 20));
    if (f->quads & 0x1eu)
        sql_in(b, " AND quad IN (", bits_count(f->quads, 1, 4));
    if (f->ncountries)
        sql_in(b, " AND country IN (", f->ncountries);
    if (f->nplaces)
        sql_in(b, " AND place_name IN (", f->nplaces);
}

/* Binds f's values in the order sql_filter wrote their placeholders,
 * from parameter *idx on. */
static int bind_filter(sqlite3_stmt *st, int *idx, const evc_event_filter *f)
{
    int rc = SQLITE_OK;
    if (!f)
        return rc;
    if (f->has_from && rc == SQLITE_OK)
        rc = sqlite3_bind_int(st, (*idx)++, f->from);
    if (f->has_to && rc == SQLITE_OK)
        rc = sqlite3_bind_int(st, (*idx)++, f->to);
    if (f->roots & 0x1ffffeu)
        for (int r = 1; r <= 20 && rc == SQLITE_OK; r++)
            if ((f->roots >> r) & 1u)
                rc = sqlite3_bind_int(st, (*idx)++, r);
    if (f->quads & 0x1eu)
        for (int q = 1; q <= 4 && rc == SQLITE_OK; q++)
            if ((f->quads >> q) & 1u)
                rc = sqlite3_bind_int(st, (*idx)++, q);
    for (size_t i = 0; i < f->ncountries && rc == SQLITE_OK; i++)
        rc = sqlite3_bind_text(st, (*idx)++, f->countries[i], -1,
                               SQLITE_TRANSIENT);
    for (size_t i = 0; i < f->nplaces && rc == SQLITE_OK; i++)
        rc = sqlite3_bind_text(st, (*idx)++, f->places[i], -1,
                               SQLITE_TRANSIENT);
    return rc;
}

/* Prepares "head WHERE 1=1 <filter> extra tail" and binds the filter.
 * On failure err is set and *out is NULL. */
static evc_status prepare(evc_eventdb *e, const char *head,
                          const evc_event_filter *f, const char *extra,
                          const char *tail, sqlite3_stmt **out, int *next,
                          evc_error *err)
{
    sqlbuf b = {0};
    sql_add(&b, head);
    sql_add(&b, " WHERE 1=1");
    sql_filter(&b, f);
    sql_add(&b, extra);
    sql_add(&b, " ");
    sql_add(&b, tail);
    *out = NULL;
    if (b.oom) {
        free(b.s);
        return evc_error_set(err, EVC_ERR_NOMEM, e->name, 0, 0,
                             "out of memory");
    }
    int rc = sqlite3_prepare_v2(e->db, b.s, -1, out, NULL);
    free(b.s);
    if (rc != SQLITE_OK) {
        evc_status st = db_error(e, err, EVC_ERR_SYNTAX);
        sqlite3_finalize(*out);
        *out = NULL;
        return st;
    }
    int idx = 1;
    if (bind_filter(*out, &idx, f) != SQLITE_OK) {
        evc_status st = db_error(e, err, EVC_ERR_IO);
        sqlite3_finalize(*out);
        *out = NULL;
        return st;
    }
    if (next)
        *next = idx;
    return EVC_OK;
}

/* prepare() and the first row of a query that returns one. */
static evc_status query_row(evc_eventdb *e, const char *head,
                            const evc_event_filter *f, const char *extra,
                            const char *tail, sqlite3_stmt **st,
                            evc_error *err)
{
    evc_status s = prepare(e, head, f, extra, tail, st, NULL, err);
    if (s != EVC_OK)
        return s;
    if (sqlite3_step(*st) != SQLITE_ROW) {
        s = db_error(e, err, EVC_ERR_IO);
        sqlite3_finalize(*st);
        *st = NULL;
    }
    return s;
}

static const char *col_text(sqlite3_stmt *st, int i, evc_arena *a)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    if (!t)
        return NULL;
    return evc_arena_strndup(a, (const char *)t,
                             (size_t)sqlite3_column_bytes(st, i));
}

/* ------------------------------------------------------------ series */

/* More periods than this is a question asked at the wrong scale; more
 * counts in all (series x periods, 8 bytes each) than MAX_CELLS too. */
#define MAX_PERIODS 100000
#define MAX_CELLS 25000000

static long period_index(evc_period by, int32_t first, int32_t day)
{
    int y, m, y0, m0;
    switch (by) {
    case EVC_PERIOD_DAY:
        return (long)day - first;
    case EVC_PERIOD_WEEK:
        return ((long)evc_period_start(by, day) - first) / 7;
    case EVC_PERIOD_MONTH:
        evc_day_to_ymd(day, &y, &m, NULL);
        evc_day_to_ymd(first, &y0, &m0, NULL);
        return (long)(y - y0) * 12 + (m - m0);
    case EVC_PERIOD_YEAR:
        evc_day_to_ymd(day, &y, NULL, NULL);
        evc_day_to_ymd(first, &y0, NULL, NULL);
        return (long)y - y0;
    }
    return -1;
}

/* The key columns of each kind of series, then day and count. */
static const struct {
    const char *head, *extra, *tail;
    int nkey;
} series_sql[] = {
    [EVC_SERIES_ALL] = {"SELECT day, count(*) FROM event", "",
                        "GROUP BY day ORDER BY day", 0},
    [EVC_SERIES_ROOT] = {"SELECT root, day, count(*) FROM event", "",
                         "GROUP BY root, day ORDER BY root, day", 1},
    [EVC_SERIES_QUAD] = {"SELECT quad, day, count(*) FROM event", "",
                         "GROUP BY quad, day ORDER BY quad, day", 1},
    [EVC_SERIES_COUNTRY_ROOT] = {
        "SELECT country, root, day, count(*) FROM event",
        " AND country IS NOT NULL",
        "GROUP BY country, root, day ORDER BY country, root, day", 2},
    [EVC_SERIES_PLACE_ROOT] = {
        "SELECT geonameid, max(place_name), max(country), root, day,"
        " count(*) FROM event",
        " AND geonameid IS NOT NULL",
        "GROUP BY geonameid, root, day ORDER BY geonameid, root, day", 4},
};

/* One row's key, read from the columns before day. */
typedef struct row_key {
    const unsigned char *country, *place;
    long long geonameid;
    int root, quad;
} row_key;

static void read_key(sqlite3_stmt *st, evc_series_key key, row_key *k)
{
    memset(k, 0, sizeof *k);
    switch (key) {
    case EVC_SERIES_ALL:
        break;
    case EVC_SERIES_ROOT:
        k->root = sqlite3_column_int(st, 0);
        break;
    case EVC_SERIES_QUAD:
        k->quad = sqlite3_column_int(st, 0);
        break;
    case EVC_SERIES_COUNTRY_ROOT:
        k->country = sqlite3_column_text(st, 0);
        k->root = sqlite3_column_int(st, 1);
        break;
    case EVC_SERIES_PLACE_ROOT:
        k->geonameid = sqlite3_column_int64(st, 0);
        k->place = sqlite3_column_text(st, 1);
        k->country = sqlite3_column_text(st, 2);
        k->root = sqlite3_column_int(st, 3);
        break;
    }
}

static int same_str(const unsigned char *a, const char *b)
{
    if (!a || !b)
        return !a && !b;
    return strcmp((const char *)a, b) == 0;
}

static int same_key(const row_key *k, const evc_series *s, evc_series_key key)
{
    switch (key) {
    case EVC_SERIES_ALL:
        return 1;
    case EVC_SERIES_ROOT:
        return k->root == s->root;
    case EVC_SERIES_QUAD:
        return k->quad == s->quad;
    case EVC_SERIES_COUNTRY_ROOT:
        return k->root == s->root && same_str(k->country, s->country);
    case EVC_SERIES_PLACE_ROOT:
        return k->geonameid == s->geonameid && k->root == s->root;
    }
    return 0;
}

void evc_series_set_free(evc_series_set *s)
{
    if (!s)
        return;
    evc_arena *a = s->arena;
    free(s->series);
    evc_arena_free(a);
}

/* The first and last day of the events that pass f (and the key's own
 * condition). 0 when there are none. */
static evc_status event_span(evc_eventdb *e, const evc_event_filter *f,
                             const char *extra, int *any, int32_t *lo,
                             int32_t *hi, evc_error *err)
{
    sqlite3_stmt *st;
    evc_status s = query_row(e, "SELECT min(day), max(day) FROM event", f,
                             extra, "", &st, err);
    if (s != EVC_OK)
        return s;
    *any = sqlite3_column_type(st, 0) != SQLITE_NULL;
    *lo = (int32_t)sqlite3_column_int(st, 0);
    *hi = (int32_t)sqlite3_column_int(st, 1);
    sqlite3_finalize(st);
    return EVC_OK;
}

evc_status evc_eventdb_series(evc_eventdb *e, const evc_event_filter *f,
                              evc_period by, evc_series_key key,
                              evc_series_set **out, evc_error *err)
{
    if (!e || !out || (unsigned)key > EVC_SERIES_PLACE_ROOT ||
        (unsigned)by > EVC_PERIOD_YEAR)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "series: bad arguments");
    *out = NULL;
    evc_arena *a = evc_arena_new(0);
    evc_series_set *set = a ? evc_arena_alloc(a, sizeof *set) : NULL;
    if (!set) {
        evc_arena_free(a);
        return evc_error_set(err, EVC_ERR_NOMEM, e->name, 0, 0,
                             "out of memory");
    }
    memset(set, 0, sizeof *set);
    set->arena = a;
    set->by = by;
    sqlite3_stmt *st = NULL;
    evc_status s;
    size_t cap = 0;

    /* the span of periods */
    int any = 0;
    int32_t lo = 0, hi = 0;
    s = event_span(e, f, series_sql[key].extra, &any, &lo, &hi, err);
    if (s != EVC_OK)
        goto fail;
    if (f && f->has_from)
        lo = f->from;
    if (f && f->has_to)
        hi = f->to;
    if (!any || lo > hi) {
        *out = set;
        return EVC_OK;
    }
    int32_t first = evc_period_start(by, lo);
    long np = period_index(by, first, hi) + 1;
    if (np > MAX_PERIODS) {
        char d0[11], d1[11];
        evc_day_format(lo, d0);
        evc_day_format(hi, d1);
        s = evc_error_set(err, EVC_ERR_LIMIT, e->name, 0, 0,
                          "%s to %s is %ld %ss, more than %d: choose a "
                          "longer period or a shorter span",
                          d0, d1, np, evc_period_name(by), MAX_PERIODS);
        goto fail;
    }
    set->nperiods = (size_t)np;
    set->start = evc_arena_alloc(a, set->nperiods * sizeof *set->start);
    set->coverage = evc_arena_alloc(a, set->nperiods * sizeof *set->coverage);
    if (!set->start || !set->coverage)
        goto oom;
    int32_t d = first;
    for (size_t i = 0; i < set->nperiods; i++) {
        set->start[i] = d;
        set->coverage[i] = 0;
        d = evc_period_next(by, d);
    }
    int32_t end = d - 1; /* last day of the last period */

    /* coverage: every event in the span, whatever the filter */
    if (sqlite3_prepare_v2(e->db,
                           "SELECT day, count(*) FROM event WHERE day >= ?1"
                           " AND day <= ?2 GROUP BY day",
                           -1, &st, NULL) != SQLITE_OK ||
        sqlite3_bind_int(st, 1, first) != SQLITE_OK ||
        sqlite3_bind_int(st, 2, end) != SQLITE_OK) {
        s = db_error(e, err, EVC_ERR_SYNTAX);
        goto fail;
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long i = period_index(by, first, sqlite3_column_int(st, 0));
        if (i >= 0 && (size_t)i < set->nperiods)
            set->coverage[i] += (long)sqlite3_column_int64(st, 1);
    }
    if (rc != SQLITE_DONE) {
        s = db_error(e, err, EVC_ERR_IO);
        goto fail;
    }
    sqlite3_finalize(st);
    st = NULL;

    /* the series */
    s = prepare(e, series_sql[key].head, f, series_sql[key].extra,
                series_sql[key].tail, &st, NULL, err);
    if (s != EVC_OK)
        goto fail;
    int nkey = series_sql[key].nkey;
    evc_series *cur = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        row_key k;
        read_key(st, key, &k);
        if (!cur || !same_key(&k, cur, key)) {
            if ((set->nseries + 1) * set->nperiods > MAX_CELLS) {
                s = evc_error_set(err, EVC_ERR_LIMIT, e->name, 0, 0,
                                  "more than %d counts (series x %ss): "
                                  "narrow the question or choose a longer "
                                  "period", MAX_CELLS, evc_period_name(by));
                goto fail;
            }
            if (set->nseries == cap) {
                size_t nc = cap ? cap * 2 : 16;
                evc_series *ns = realloc(set->series, nc * sizeof *ns);
                if (!ns)
                    goto oom;
                set->series = ns;
                cap = nc;
            }
            cur = &set->series[set->nseries++];
            memset(cur, 0, sizeof *cur);
            cur->root = k.root;
            cur->quad = k.quad;
            cur->geonameid = k.geonameid;
            if (k.country &&
                !(cur->country = evc_arena_strdup(a, (const char *)k.country)))
                goto oom;
            if (k.place &&
                !(cur->place = evc_arena_strdup(a, (const char *)k.place)))
                goto oom;
            cur->count = evc_arena_alloc(a, set->nperiods * sizeof *cur->count);
            if (!cur->count)
                goto oom;
            for (size_t i = 0; i < set->nperiods; i++)
                cur->count[i] = 0;
        }
        long i = period_index(by, first, sqlite3_column_int(st, nkey));
        long n = (long)sqlite3_column_int64(st, nkey + 1);
        if (i >= 0 && (size_t)i < set->nperiods) {
            cur->count[i] += n;
            cur->total += n;
        }
    }
    if (rc != SQLITE_DONE) {
        s = db_error(e, err, EVC_ERR_IO);
        goto fail;
    }
    sqlite3_finalize(st);
    st = NULL;
    for (size_t j = 0; j < set->nseries; j++)
        for (size_t i = 0; i < set->nperiods; i++)
            if (set->coverage[i] == 0)
                set->series[j].count[i] = -1;
    *out = set;
    return EVC_OK;

oom:
    s = evc_error_set(err, EVC_ERR_NOMEM, e->name, 0, 0, "out of memory");
fail:
    sqlite3_finalize(st);
    evc_series_set_free(set);
    return s;
}

/* ------------------------------------------------------------ totals, dyads */

evc_status evc_eventdb_totals(evc_eventdb *e, const evc_event_filter *f,
                              evc_event_totals *out, evc_error *err)
{
    if (!e || !out)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "totals: bad arguments");
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    evc_status s = query_row(e,
                             "SELECT count(*), count(DISTINCT article),"
                             " count(DISTINCT country), min(day), max(day)"
                             " FROM event",
                             f, "", "", &st, err);
    if (s != EVC_OK)
        return s;
    out->events = (long)sqlite3_column_int64(st, 0);
    out->articles = (long)sqlite3_column_int64(st, 1);
    out->countries = (long)sqlite3_column_int64(st, 2);
    out->first_day = (int32_t)sqlite3_column_int(st, 3);
    out->last_day = (int32_t)sqlite3_column_int(st, 4);
    sqlite3_finalize(st);
    return EVC_OK;
}

void evc_dyad_list_free(evc_dyad_list *l)
{
    if (l)
        evc_arena_free(l->arena);
}

evc_status evc_eventdb_dyads(evc_eventdb *e, const evc_event_filter *f,
                             size_t limit, evc_dyad_list **out,
                             evc_error *err)
{
    if (!e || !out)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "dyads: bad arguments");
    *out = NULL;
    if (limit > 100000)
        limit = 100000;
    evc_arena *a = evc_arena_new(0);
    evc_dyad_list *l = a ? evc_arena_alloc(a, sizeof *l) : NULL;
    if (l)
        l->dyad = evc_arena_alloc(a, (limit ? limit : 1) * sizeof *l->dyad);
    if (!l || !l->dyad) {
        evc_arena_free(a);
        return evc_error_set(err, EVC_ERR_NOMEM, e->name, 0, 0,
                             "out of memory");
    }
    l->n = 0;
    l->distinct = 0;
    l->arena = a;
    /* SQLite gives the bare columns of the row holding max(day): the
     * example is the dyad's latest event (the last stored among ties). The
     * window count, taken before LIMIT, is the number of dyads, so one
     * scan answers both. */
    sqlite3_stmt *st;
    int idx;
    evc_status s = prepare(e,
                           "SELECT source, target, count(*) AS n, max(day),"
                           " source_text, target_text, verb, code, date,"
                           " count(*) OVER () FROM event",
                           f, " AND source IS NOT NULL AND target IS NOT NULL",
                           "GROUP BY source, target"
                           " ORDER BY n DESC, source, target LIMIT ?",
                           &st, &idx, err);
    if (s != EVC_OK) {
        evc_arena_free(a);
        return s;
    }
    sqlite3_bind_int64(st, idx, (sqlite3_int64)limit);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && l->n < limit) {
        evc_dyad *d = &l->dyad[l->n++];
        d->source = col_text(st, 0, a);
        d->target = col_text(st, 1, a);
        d->count = (long)sqlite3_column_int64(st, 2);
        d->source_text = col_text(st, 4, a);
        d->target_text = col_text(st, 5, a);
        d->verb = col_text(st, 6, a);
        d->code = col_text(st, 7, a);
        d->date = col_text(st, 8, a);
        l->distinct = (long)sqlite3_column_int64(st, 9);
        if (!d->source || !d->target) {
            sqlite3_finalize(st);
            evc_arena_free(a);
            return evc_error_set(err, EVC_ERR_NOMEM, e->name, 0, 0,
                                 "out of memory");
        }
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        s = db_error(e, err, EVC_ERR_IO);
        sqlite3_finalize(st);
        evc_arena_free(a);
        return s;
    }
    sqlite3_finalize(st);
    *out = l;
    return EVC_OK;
}
