/* test_eventdb.c: the calendar (days, ISO weeks, periods), root lists, and
 * the store's count series, totals and dyads on a test store whose events
 * are known, including filter values that try to break out of the SQL. */
#include "evcode.h"
#include "store_fixture.h"
#include "testing.h"

#include <stdlib.h>

static char dir[256];
static char path_in_dir[512];

static const char *tmp_path(const char *name)
{
    snprintf(path_in_dir, sizeof path_in_dir, "%s/%s", dir, name);
    return path_in_dir;
}

static void test_days(void)
{
    CHECK_INT(evc_day_from_ymd(1970, 1, 1), 0);
    CHECK_INT(evc_day_from_ymd(2000, 3, 1), 11017);
    CHECK_INT(evc_day_from_ymd(1969, 12, 31), -1);
    CHECK_INT(evc_day_from_ymd(1987, 3, 2), 6269);
    int bad = 0;
    for (int32_t d = -800000; d <= 800000; d += 37) {
        int y, m, dd;
        evc_day_to_ymd(d, &y, &m, &dd);
        bad += evc_day_from_ymd(y, m, dd) != d;
    }
    CHECK_INT(bad, 0);
    int32_t day;
    CHECK_INT(evc_day_parse("1988-02-29", &day, NULL), EVC_OK);
    CHECK_INT(day, evc_day_from_ymd(1988, 2, 29));
    const char *bad_dates[] = {"1987-02-29", "1987-13-01", "87-01-01",
                               "1987-1-01", "", "1987-03-32", "1987-03-01x",
                               "0000-01-01", "1987/03/01", "1900-02-29"};
    evc_error e;
    for (size_t i = 0; i < sizeof bad_dates / sizeof *bad_dates; i++)
        CHECK_INT(evc_day_parse(bad_dates[i], &day, &e), EVC_ERR_ARG);
    CHECK(strstr(e.message, "1900-02-29") && strstr(e.message, "YYYY-MM-DD"));
    char buf[16];
    evc_day_format(evc_day_from_ymd(2024, 7, 9), buf);
    CHECK_STR(buf, "2024-07-09");
}

static void test_periods(void)
{
    char buf[32];
    /* ISO weeks: the year of the week's Thursday */
    int32_t sun = evc_day_from_ymd(2021, 1, 3);
    CHECK_INT(evc_period_start(EVC_PERIOD_WEEK, sun),
              evc_day_from_ymd(2020, 12, 28));
    evc_period_label(EVC_PERIOD_WEEK, evc_period_start(EVC_PERIOD_WEEK, sun),
                     buf, sizeof buf);
    CHECK_STR(buf, "2020-W53");
    evc_period_label(EVC_PERIOD_WEEK, evc_day_from_ymd(2021, 1, 4), buf,
                     sizeof buf);
    CHECK_STR(buf, "2021-W01");
    evc_period_label(EVC_PERIOD_WEEK, evc_day_from_ymd(2008, 12, 29), buf,
                     sizeof buf);
    CHECK_STR(buf, "2009-W01");
    evc_period_label(EVC_PERIOD_WEEK, evc_day_from_ymd(1987, 3, 2), buf,
                     sizeof buf);
    CHECK_STR(buf, "1987-W10");
    /* a day before 1970 starts its week on the right Monday */
    CHECK_INT(evc_period_start(EVC_PERIOD_WEEK, evc_day_from_ymd(1969, 12, 31)),
              evc_day_from_ymd(1969, 12, 29));
    int32_t d = evc_day_from_ymd(1987, 12, 15);
    CHECK_INT(evc_period_start(EVC_PERIOD_MONTH, d), evc_day_from_ymd(1987, 12, 1));
    CHECK_INT(evc_period_next(EVC_PERIOD_MONTH, evc_day_from_ymd(1987, 12, 1)),
              evc_day_from_ymd(1988, 1, 1));
    CHECK_INT(evc_period_next(EVC_PERIOD_YEAR, evc_day_from_ymd(1987, 1, 1)),
              evc_day_from_ymd(1988, 1, 1));
    evc_period_label(EVC_PERIOD_MONTH, d, buf, sizeof buf);
    CHECK_STR(buf, "1987-12");
    evc_period p;
    CHECK_INT(evc_period_parse("month", &p, NULL), EVC_OK);
    CHECK_INT(p, EVC_PERIOD_MONTH);
    evc_error e;
    CHECK_INT(evc_period_parse("fortnight", &p, &e), EVC_ERR_ARG);
    CHECK(strstr(e.message, "fortnight") != NULL);
}

static void test_roots(void)
{
    uint32_t m;
    evc_error e;
    CHECK_INT(evc_roots_parse("18,19,20", &m, NULL), EVC_OK);
    CHECK_INT(m, (1u << 18) | (1u << 19) | (1u << 20));
    CHECK_INT(evc_roots_parse("01,4,18-20", &m, NULL), EVC_OK);
    CHECK_INT(m, (1u << 1) | (1u << 4) | (1u << 18) | (1u << 19) | (1u << 20));
    const char *bad[] = {"21", "0", "abc", "", "18,", "18-", "20-18", "1000",
                         "18,x", "-3"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CHECK_INT(evc_roots_parse(bad[i], &m, &e), EVC_ERR_ARG);
    CHECK_INT(evc_roots_parse("18,21", &m, &e), EVC_ERR_ARG);
    CHECK(strstr(e.message, "'21'") && strstr(e.message, "1-20"));
}

/* The test store: PAK assaults (19x) by week, AFG statements, a gap. */
static void make_store(const char *path)
{
    sqlite3 *db = fixture_create(path);
    fixture_event ev = {.article = "pak", .source = "PAKINS",
                        .source_root = "PAK", .source_text = "the TTP",
                        .target = "PAK", .target_root = "PAK",
                        .target_text = "Pakistanis", .code = "190",
                        .verb = "attacked", .country = "PAK"};
    /* weeks of 1987-03-02, 03-09, 03-16: 2, 3, 10 events; then none in
     * the store at all until 1987-04-06 (a gap), then 4 */
    const char *dates[] = {"1987-03-02", "1987-03-10", "1987-03-22",
                           "1987-04-06"};
    long n[] = {2, 3, 10, 4};
    for (int i = 0; i < 4; i++) {
        ev.date = dates[i];
        fixture_add_n(db, &ev, n[i]);
    }
    /* one with a later date is the dyad's example */
    ev.date = "1987-04-07";
    ev.source_text = "militants";
    fixture_add(db, &ev);
    /* AFG: statements (010) to PAK, quad 1 */
    fixture_event st = {.article = "afg", .date = "1987-03-03",
                        .source = "AFGGOV", .source_root = "AFG",
                        .source_text = "Kabul", .target = "PAKGOV",
                        .target_root = "PAK", .target_text = "Islamabad",
                        .code = "010", .verb = "said", .country = "AFG"};
    fixture_add_n(db, &st, 5);
    /* an event with no country and a place */
    fixture_event pl = {.article = "pl", .date = "1987-03-17",
                        .source = "IGO", .source_root = "IGO",
                        .target = "IGO", .target_root = "IGO", .code = "040",
                        .place = "Peshawar", .geonameid = 1168197};
    fixture_add(db, &pl);
    fixture_close(db);
}

static void test_open_errors(void)
{
    evc_eventdb *db = (evc_eventdb *)1;
    evc_error e;
    CHECK_INT(evc_eventdb_open(tmp_path("missing.db"), &db, &e), EVC_ERR_IO);
    CHECK(db == NULL);
    CHECK(strstr(e.file, "missing.db") != NULL);
    FILE *f = fopen(tmp_path("junk.db"), "w");
    fputs("this is not a database, not at all, not even close......\n", f);
    fclose(f);
    CHECK_INT(evc_eventdb_open(tmp_path("junk.db"), &db, &e), EVC_ERR_SYNTAX);
    CHECK(strstr(e.message, "not an evcode store") != NULL);
    sqlite3 *raw;
    sqlite3_open(tmp_path("empty.db"), &raw);
    sqlite3_exec(raw, "CREATE TABLE t(x)", NULL, NULL, NULL);
    sqlite3_close(raw);
    CHECK_INT(evc_eventdb_open(tmp_path("empty.db"), &db, &e), EVC_ERR_SYNTAX);
    CHECK(strstr(e.message, "no event table") != NULL);
}

static const evc_series *find(const evc_series_set *s, const char *country,
                              int root)
{
    for (size_t i = 0; i < s->nseries; i++)
        if (s->series[i].root == root &&
            (!country || (s->series[i].country &&
                          !strcmp(s->series[i].country, country))))
            return &s->series[i];
    return NULL;
}

static void test_series(evc_eventdb *db)
{
    evc_series_set *s = NULL;
    evc_event_filter f = {0};
    CHECK_INT(evc_eventdb_series(db, &f, EVC_PERIOD_WEEK,
                                 EVC_SERIES_COUNTRY_ROOT, &s, NULL), EVC_OK);
    /* weeks 1987-03-02 .. 1987-04-06: 6 periods */
    CHECK_INT(s->nperiods, 6);
    CHECK_INT(s->start[0], evc_day_from_ymd(1987, 3, 2));
    CHECK_INT(s->start[5], evc_day_from_ymd(1987, 4, 6));
    CHECK_INT(s->nseries, 2); /* AFG/1, PAK/19; the IGO event has no country */
    const evc_series *pak = find(s, "PAK", 19);
    CHECK(pak != NULL);
    if (pak) {
        /* weeks of 03-23 and 03-30 have no event at all: gaps */
        long want[] = {2, 3, 10, -1, -1, 5};
        for (int i = 0; i < 6; i++)
            CHECK_INT(pak->count[i], want[i]);
        CHECK_INT(pak->total, 20);
        CHECK(pak->place == NULL);
    }
    const evc_series *afg = find(s, "AFG", 1);
    CHECK(afg && afg->total == 5 && afg->count[0] == 5 && afg->count[1] == 0);
    /* coverage counts every event of the store */
    CHECK_INT(s->coverage[0], 7);
    CHECK_INT(s->coverage[2], 11);
    CHECK_INT(s->coverage[3], 0);
    evc_series_set_free(s);

    /* by month, roots 18-20, from a date */
    CHECK_INT(evc_roots_parse("18-20", &f.roots, NULL), EVC_OK);
    f.has_from = 1;
    f.from = evc_day_from_ymd(1987, 3, 10);
    CHECK_INT(evc_eventdb_series(db, &f, EVC_PERIOD_MONTH, EVC_SERIES_ROOT, &s,
                                 NULL), EVC_OK);
    CHECK_INT(s->nperiods, 2);
    CHECK_INT(s->nseries, 1);
    CHECK_INT(s->series[0].root, 19);
    CHECK_INT(s->series[0].count[0], 13);
    CHECK_INT(s->series[0].count[1], 5);
    evc_series_set_free(s);

    /* quad classes */
    memset(&f, 0, sizeof f);
    CHECK_INT(evc_eventdb_series(db, &f, EVC_PERIOD_MONTH, EVC_SERIES_QUAD, &s,
                                 NULL), EVC_OK);
    CHECK_INT(s->nseries, 2);
    CHECK_INT(s->series[0].quad, 1);
    CHECK_INT(s->series[0].total, 6); /* 5 statements + the IGO 040 */
    CHECK_INT(s->series[1].quad, 4);
    CHECK_INT(s->series[1].total, 20);
    evc_series_set_free(s);

    /* places: only the event that has one */
    CHECK_INT(evc_eventdb_series(db, &f, EVC_PERIOD_DAY, EVC_SERIES_PLACE_ROOT,
                                 &s, NULL), EVC_OK);
    CHECK_INT(s->nseries, 1);
    CHECK_STR(s->series[0].place, "Peshawar");
    CHECK_INT(s->series[0].geonameid, 1168197);
    CHECK_INT(s->series[0].total, 1);
    CHECK_INT(s->nperiods, 1);
    evc_series_set_free(s);

    /* countries and places as bound values, hostile ones included */
    const char *c1[] = {"PAK"};
    f.countries = c1;
    f.ncountries = 1;
    CHECK_INT(evc_eventdb_series(db, &f, EVC_PERIOD_YEAR, EVC_SERIES_ALL, &s,
                                 NULL), EVC_OK);
    CHECK_INT(s->nseries, 1);
    CHECK_INT(s->series[0].total, 20);
    evc_series_set_free(s);
    const char *c2[] = {"PAK' OR '1'='1", "x\"); DROP TABLE event; --"};
    f.countries = c2;
    f.ncountries = 2;
    CHECK_INT(evc_eventdb_series(db, &f, EVC_PERIOD_YEAR, EVC_SERIES_ALL, &s,
                                 NULL), EVC_OK);
    CHECK_INT(s->nseries, 0);
    CHECK_INT(s->nperiods, 0);
    evc_series_set_free(s);
    const char *pl[] = {"Peshawar"};
    f.countries = NULL;
    f.ncountries = 0;
    f.places = pl;
    f.nplaces = 1;
    CHECK_INT(evc_eventdb_series(db, &f, EVC_PERIOD_YEAR, EVC_SERIES_ALL, &s,
                                 NULL), EVC_OK);
    CHECK(s->nseries == 1 && s->series[0].total == 1);
    evc_series_set_free(s);

    /* a span too long for its period */
    memset(&f, 0, sizeof f);
    f.has_from = f.has_to = 1;
    f.from = evc_day_from_ymd(1, 1, 1);
    f.to = evc_day_from_ymd(9999, 12, 31);
    evc_error e;
    CHECK_INT(evc_eventdb_series(db, &f, EVC_PERIOD_DAY, EVC_SERIES_ALL, &s,
                                 &e), EVC_ERR_LIMIT);
    CHECK(strstr(e.message, "0001-01-01 to 9999-12-31") != NULL);
}

static void test_totals_dyads(evc_eventdb *db)
{
    evc_event_totals t;
    evc_event_filter f = {0};
    CHECK_INT(evc_eventdb_totals(db, &f, &t, NULL), EVC_OK);
    CHECK_INT(t.events, 26);
    CHECK_INT(t.articles, 26);
    CHECK_INT(t.countries, 2);
    CHECK_INT(t.first_day, evc_day_from_ymd(1987, 3, 2));
    CHECK_INT(t.last_day, evc_day_from_ymd(1987, 4, 7));

    evc_dyad_list *l = NULL;
    CHECK_INT(evc_eventdb_dyads(db, &f, 2, &l, NULL), EVC_OK);
    CHECK_INT(l->n, 2);
    CHECK_INT(l->distinct, 3); /* counted before the limit */
    CHECK_STR(l->dyad[0].source, "PAKINS");
    CHECK_STR(l->dyad[0].target, "PAK");
    CHECK_INT(l->dyad[0].count, 20);
    CHECK_STR(l->dyad[0].source_text, "militants"); /* the latest */
    CHECK_STR(l->dyad[0].date, "1987-04-07");
    CHECK_STR(l->dyad[0].verb, "attacked");
    CHECK_STR(l->dyad[1].source, "AFGGOV");
    CHECK_INT(l->dyad[1].count, 5);
    evc_dyad_list_free(l);
    f.quads = 1u << 1;
    CHECK_INT(evc_eventdb_dyads(db, &f, 10, &l, NULL), EVC_OK);
    CHECK_INT(l->n, 2);
    CHECK(l->dyad[1].source_text == NULL); /* the IGO event has none */
    evc_dyad_list_free(l);
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/evc-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 2;
    }
    test_days();
    test_periods();
    test_roots();
    test_open_errors();
    char store[512];
    snprintf(store, sizeof store, "%s", tmp_path("t.db"));
    make_store(store);
    evc_eventdb *db = NULL;
    evc_error e;
    CHECK_INT(evc_eventdb_open(store, &db, &e), EVC_OK);
    if (db) {
        test_series(db);
        test_totals_dyads(db);
    }
    evc_eventdb_close(db);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    TEST_DONE();
}
