/* bench_store.c: the SQLite store at scale (issue 5). Builds, once, a store
 * of synthetic events (a fixed seed: 200 countries with Zipf-like weights,
 * the 20 CAMEO roots with frequencies like those of news event data, ten
 * years 2015-2024 in date order, articles of 1-19 events about one country)
 * and reuses it while it is there; then times questions on it through the
 * library (the store opened once) and through the command line (a process
 * per question), median of several runs.
 * Usage: bench_store STORE.db EVCODE [EVENTS]   (EVENTS: 10,000,000) */
#include "evcode.h"
#include "bench.h"

#include <fcntl.h>
#include <math.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define RUNS 5

extern char **environ;

/* splitmix64: a fixed seed gives the same store on every machine */
static uint64_t rng_state = 0x5eed2024ull;

static uint64_t rng(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* An index drawn from cumulative weights cum[0..n). */
static int draw(const double *cum, int n)
{
    double u = (double)(rng() >> 11) / 9007199254740992.0 * cum[n - 1];
    int lo = 0, hi = n - 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (cum[mid] < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

#define NCOUNTRIES 200
static const char *countries[NCOUNTRIES];
static double country_cum[NCOUNTRIES];
static double root_cum[20];
static const char *const agents[8] = {"", "GOV", "MIL", "REB", "CVL", "BUS", "COP", "OPP"};

/* The countries news reports most first (PAK among them), then the other
 * country codes in table order, to 200; weight 1 / rank^0.9. Roots in per
 * mille, roughly as in news event data: statements, consultations and
 * verbal conflict lead; force (19) is common, mass violence (20) rare. */
static void setup(void)
{
    static const char *const top[] = {
        "USA", "RUS", "CHN", "ISR", "IRN", "SYR", "IRQ", "UKR", "AFG", "PAK",
        "IND", "GBR", "FRA", "DEU", "TUR", "SAU", "EGY", "NGA", "YEM", "LBY",
        "PRK", "KOR", "JPN", "SDN", "SOM", "MEX", "BRA", "VEN", "COL", "PSE"};
    int n = 0;
    for (size_t i = 0; i < sizeof top / sizeof *top; i++)
        countries[n++] = top[i];
    for (size_t i = 0; n < NCOUNTRIES && evc_country_codes(i); i++) {
        const char *c = evc_country_codes(i);
        int dup = 0;
        for (int k = 0; k < n && !dup; k++)
            dup = !strcmp(countries[k], c);
        if (!dup)
            countries[n++] = c;
    }
    double acc = 0;
    for (int i = 0; i < NCOUNTRIES; i++)
        country_cum[i] = acc += pow(i + 1.0, -0.9);
    static const int roots[20] = {60, 40, 50, 180, 50, 20, 20, 20, 10, 20,
                                  60, 30, 20, 20, 10, 10, 60, 50, 80, 10};
    acc = 0;
    for (int i = 0; i < 20; i++)
        root_cum[i] = acc += roots[i];
}

/* yyyymmdd of the day after d */
static int32_t next_day(int32_t d)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = d / 10000, m = d / 100 % 100, day = d % 100;
    int last = mdays[m - 1] + (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
    if (day < last)
        return d + 1;
    return m < 12 ? y * 10000 + (m + 1) * 100 + 1 : (y + 1) * 10000 + 101;
}

static void die(const evc_error *err)
{
    char buf[700];
    evc_error_format(err, buf, sizeof buf);
    fprintf(stderr, "bench_store: %s\n", buf);
    exit(1);
}

/* One synthetic article of n events about country `where` on `date`. */
static void put_article(evc_store *s, long number, int32_t date, int n)
{
    evc_coded_event ev[19];
    char codes[19][8], src[19][8], tgt[19][8], id[32], text[48];
    int where = draw(country_cum, NCOUNTRIES);
    for (int i = 0; i < n; i++) {
        evc_coded_event *e = &ev[i];
        memset(e, 0, sizeof *e);
        int root = 1 + draw(root_cum, 20);
        /* the root's base code or its first subcode */
        snprintf(codes[i], sizeof codes[i], "%02d%d", root, (int)(rng() % 2));
        if (!evc_cameo_lookup(codes[i]))
            snprintf(codes[i], sizeof codes[i], "%02d0", root);
        /* the article's country is mostly the target, else the source */
        int other = draw(country_cum, NCOUNTRIES);
        int t = rng() % 4 ? where : other, so = t == where ? other : where;
        snprintf(src[i], sizeof src[i], "%s%s", countries[so], agents[rng() % 8]);
        snprintf(tgt[i], sizeof tgt[i], "%s%s", countries[t], agents[rng() % 8]);
        e->ev.source.code = src[i];
        e->ev.source.root = countries[so];
        e->ev.source.agent = src[i] + 3;
        e->ev.source.text = "";
        e->ev.target.code = tgt[i];
        e->ev.target.root = countries[t];
        e->ev.target.agent = tgt[i] + 3;
        e->ev.target.text = "";
        e->ev.code = codes[i];
        e->ev.issues = "";
        e->sentence = i;
    }
    snprintf(id, sizeof id, "synthetic-%ld", number);
    snprintf(text, sizeof text, "Synthetic article %ld.", number);
    evc_coded_article a;
    memset(&a, 0, sizeof a);
    a.id = id;
    a.date = date;
    a.text = text;
    a.events = ev;
    a.nevents = n;
    evc_error err;
    if (evc_store_put_article(s, &a, 0, NULL, &err))
        die(&err);
}

/* Writes `total` events into a new store at path (through path.tmp,
 * renamed when complete, so a store that is there is whole). */
static void build(const char *path, long total)
{
    char tmp[4096], p[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    const char *const sfx[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", tmp, sfx[i]);
        unlink(p);
    }
    evc_store *s;
    evc_error err;
    if (evc_store_open(tmp, EVC_STORE_BULK, &s, &err))
        die(&err);
    double t0 = bench_now();
    const long ndays = 3653; /* 2015-01-01 to 2024-12-31 */
    long events = 0, articles = 0, k = 0;
    for (int32_t date = 20150101; k < ndays; date = next_day(date), k++) {
        /* a day's share of the events; a transaction per ten days */
        long upto = total * (k + 1) / ndays;
        if (evc_store_begin(s, &err))
            die(&err);
        while (events < upto) {
            int n = 1 + (int)(rng() % 19);
            if (n > upto - events)
                n = (int)(upto - events);
            put_article(s, articles++, date, n);
            events += n;
        }
        if ((k % 10 == 9 || k == ndays - 1) && evc_store_commit(s, &err))
            die(&err);
        if (k % 100 == 0)
            fprintf(stderr, "\r  building: %ld events", events);
    }
    double rows = bench_now() - t0;
    evc_store_close(s); /* builds the indexes */
    double el = bench_now() - t0;
    fprintf(stderr, "\r\033[K");
    if (rename(tmp, path)) {
        perror(path);
        exit(1);
    }
    printf("built %s: %ld events in %ld articles in %.0f s (rows %.0f s, "
           "indexes %.0f s): %.0f events/s, %.0f articles/s\n", path, events,
           articles, el, rows, el - rows, (double)events / el,
           (double)articles / el);
}

/* ---------------------------------------------------------------- questions */

typedef struct question {
    const char *what;    /* the command line's words after --db */
    const char *kind;    /* counts, dyads, actors, events */
    const char *by;      /* counts: the period */
    const char *filters[8]; /* field, value pairs, NULL-ended */
} question;

static const question questions[] = {
    {"counts --by month --country PAK --root 19", "counts", "month",
     {"country", "PAK", "root", "19", NULL}},
    {"counts --by week --root 18,19,20 --from 2020-01-01 --to 2020-12-31",
     "counts", "week", {"root", "18,19,20", "from", "2020-01-01", "to", "2020-12-31", NULL}},
    {"counts --by month --country USA", "counts", "month", {"country", "USA", NULL}},
    {"counts --by year (all events)", "counts", "year", {NULL}},
    {"dyads --country PAK --limit 10", "dyads", NULL, {"country", "PAK", NULL}},
    {"actors --from 2024-06-01 --to 2024-06-30 --limit 10", "actors", NULL,
     {"from", "2024-06-01", "to", "2024-06-30", NULL}},
    {"events --country AFG --root 19 --from 2024-01-01 --limit 20", "events", NULL,
     {"country", "AFG", "root", "19", "from", "2024-01-01", NULL}},
};

static long rows;
static long total_count;
static int count_cb(void *a, const evc_count_row *r) { (void)a; rows++; total_count += r->count; return 0; }
static int pair_cb(void *a, const evc_pair_row *r) { (void)a; (void)r; rows++; return 0; }
static int event_cb(void *a, const evc_event_row *r) { (void)a; (void)r; rows++; return 0; }

static void ask(evc_store *s, const question *q)
{
    evc_query *qq = evc_query_new();
    evc_error err;
    for (int i = 0; q->filters[i]; i += 2)
        if (evc_query_set(qq, q->filters[i], q->filters[i + 1], &err))
            die(&err);
    rows = total_count = 0;
    evc_status st;
    if (!strcmp(q->kind, "counts")) {
        evc_period by;
        evc_period_parse(q->by, &by, NULL);
        st = evc_store_counts(s, qq, by, count_cb, NULL, &err);
    } else if (!strcmp(q->kind, "dyads"))
        st = evc_store_dyads(s, qq, 10, pair_cb, NULL, &err);
    else if (!strcmp(q->kind, "actors"))
        st = evc_store_actors(s, qq, 10, pair_cb, NULL, &err);
    else
        st = evc_store_events(s, qq, EVC_ORDER_DATE, 20, event_cb, NULL, &err);
    if (st)
        die(&err);
    evc_query_free(qq);
}

/* The same question as a process: evcode query --db PATH WORDS... */
static double ask_cli(const char *evcode, const char *db, const question *q)
{
    char *argv[32];
    int n = 0;
    argv[n++] = (char *)evcode;
    argv[n++] = "query";
    argv[n++] = "--db";
    argv[n++] = (char *)db;
    argv[n++] = (char *)q->kind;
    if (q->by) {
        argv[n++] = "--by";
        argv[n++] = (char *)q->by;
    }
    char opt[8][32];
    for (int i = 0; q->filters[i]; i += 2) {
        snprintf(opt[i / 2], sizeof opt[0], "--%s", q->filters[i]);
        argv[n++] = opt[i / 2];
        argv[n++] = (char *)q->filters[i + 1];
    }
    if (strcmp(q->kind, "counts")) {
        argv[n++] = "--limit";
        argv[n++] = !strcmp(q->kind, "events") ? "20" : "10";
    }
    argv[n] = NULL;
    /* posix_spawn: no copy of this process's page tables, as fork would */
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    fflush(stdout);
    double t0 = bench_now();
    pid_t pid;
    int status, bad = posix_spawn(&pid, evcode, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (bad || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench_store: %s query %s failed\n", evcode, q->what);
        exit(1);
    }
    return bench_now() - t0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_store STORE.db EVCODE [EVENTS]\n");
        return 2;
    }
    const char *path = argv[1], *evcode = argv[2];
    long total = argc > 3 ? strtol(argv[3], NULL, 10) : 10000000L;
    setup();
    struct stat st;
    if (stat(path, &st) != 0)
        build(path, total);
    else
        printf("reusing %s (%.0f MB; delete it to build it again)\n", path,
               (double)st.st_size / 1e6);
    evc_store *s;
    evc_error err;
    if (evc_store_open(path, EVC_STORE_READONLY, &s, &err))
        die(&err);
    evc_store_totals t;
    if (evc_store_totals_get(s, &t, &err))
        die(&err);
    printf("store: %ld articles, %ld events\n", t.articles, t.events);
    printf("%-66s %8s %22s %10s\n", "question", "rows", "library ms (min-max)",
           "CLI ms");
    for (size_t i = 0; i < sizeof questions / sizeof *questions; i++) {
        const question *q = &questions[i];
        double lib[RUNS], cli[RUNS];
        for (int r = 0; r < RUNS; r++) {
            double t0 = bench_now();
            ask(s, q);
            lib[r] = (bench_now() - t0) * 1e3;
        }
        long nrows = rows, ncount = total_count;
        for (int r = 0; r < RUNS; r++)
            cli[r] = ask_cli(evcode, path, q) * 1e3;
        double lmin = lib[0], lmax = lib[0];
        for (int r = 1; r < RUNS; r++) {
            lmin = lib[r] < lmin ? lib[r] : lmin;
            lmax = lib[r] > lmax ? lib[r] : lmax;
        }
        double lmed = bench_median(lib, RUNS), cmed = bench_median(cli, RUNS);
        char rowbuf[32];
        if (!strcmp(q->kind, "counts"))
            snprintf(rowbuf, sizeof rowbuf, "%ld (%ld ev)", nrows, ncount);
        else
            snprintf(rowbuf, sizeof rowbuf, "%ld", nrows);
        printf("%-66s %8s %8.1f (%.1f-%.1f) %10.1f\n", q->what, rowbuf, lmed, lmin,
               lmax, cmed);
    }
    printf("(median of %d runs each; CLI: a process per question, opening the "
           "store)\n", RUNS);
    evc_store_close(s);
    return 0;
}
