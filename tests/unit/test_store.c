/* test_store.c: the SQLite store (evcode.h, "store") through its public
 * API: put and read back, idempotence by content hash, replacement of a
 * changed article, append, hostile strings as values (never as SQL),
 * filters and their errors, counts per period with ISO weeks, dyads,
 * actors, opening what is not a store, and the events JSON Lines reader. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "evcode.h"
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/evc_test_store_XXXXXX";

static void path_in(char *buf, size_t n, const char *name)
{
    snprintf(buf, n, "%s/%s", dir, name);
}

static void remove_store(const char *path)
{
    char p[512];
    const char *sfx[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", path, sfx[i]);
        unlink(p);
    }
}

/* ------------------------------------------------------------ fixtures */

static evc_actor actor(const char *code, const char *root, const char *agent,
                       const char *text)
{
    evc_actor a;
    memset(&a, 0, sizeof a);
    a.code = code;
    a.root = root;
    a.agent = agent;
    a.text = text;
    return a;
}

static evc_coded_event event(const char *src, const char *tgt, const char *code,
                             int sentence, int32_t date)
{
    evc_coded_event e;
    memset(&e, 0, sizeof e);
    e.ev.source = actor(src, src ? src : "", "", "the source");
    e.ev.target = actor(tgt, tgt ? tgt : "", "", "the target");
    if (src && strlen(src) > 3) {
        static char roots[8][4];
        static int k;
        char *r = roots[k++ % 8];
        memcpy(r, src, 3);
        r[3] = 0;
        e.ev.source.root = r;
        e.ev.source.agent = src + 3;
    }
    e.ev.code = code;
    e.ev.issues = "";
    e.sentence = sentence;
    e.date = date;
    e.verb = "attacked";
    return e;
}

static const char *const sents2[] = {"Pakistan attacked Afghanistan.",
                                     "India criticized China."};

static evc_coded_article article(const char *id, int32_t date, const char *text,
                                 const evc_coded_event *ev, int nev)
{
    evc_coded_article a;
    memset(&a, 0, sizeof a);
    a.id = id;
    a.date = date;
    a.title = "A title";
    a.source = "wire";
    a.url = "http://example.org/a";
    a.text = text;
    a.sentences = sents2;
    a.nsentences = 2;
    a.events = ev;
    a.nevents = nev;
    return a;
}

/* ------------------------------------------------------------ collectors */

typedef struct rows {
    int n;
    char line[64][256];
    long count[64];
} rows;

static int count_cb(void *arg, const evc_count_row *r)
{
    rows *x = arg;
    if (x->n < 64) {
        snprintf(x->line[x->n], sizeof x->line[0], "%s %d %d", r->period,
                 (int)r->start, (int)r->end);
        x->count[x->n] = r->count;
    }
    x->n++;
    return 0;
}

static int pair_cb(void *arg, const evc_pair_row *r)
{
    rows *x = arg;
    if (x->n < 64) {
        snprintf(x->line[x->n], sizeof x->line[0], "%s>%s", r->source,
                 r->target ? r->target : "");
        x->count[x->n] = r->count;
    }
    x->n++;
    return 0;
}

static int event_cb(void *arg, const evc_event_row *r)
{
    rows *x = arg;
    if (x->n < 64) {
        snprintf(x->line[x->n], sizeof x->line[0], "%s|%d|%d|%s|%s|%s|%d|%d|%s|%s",
                 r->article_id, r->ev.sentence, (int)r->ev.date,
                 r->ev.ev.source.code, r->ev.ev.target.code, r->ev.ev.code, r->root,
                 r->quad, r->ev.country ? r->ev.country : "-",
                 r->text ? r->text : "-");
        x->count[x->n] = r->id;
    }
    x->n++;
    return 0;
}

static long nevents(evc_store *s)
{
    evc_store_totals t;
    CHECK_INT(evc_store_totals_get(s, &t, NULL), EVC_OK);
    return t.events;
}

/* ------------------------------------------------------------ tests */

static void test_put_idempotent_replace(void)
{
    char path[512];
    path_in(path, sizeof path, "a.db");
    evc_store *s = NULL;
    evc_error err;
    CHECK_INT(evc_store_open(path, 0, &s, &err), EVC_OK);
    if (!s)
        return;
    evc_coded_event ev[2] = {event("PAK", "AFG", "190", 0, 0),
                             event("IND", "CHN", "111", 1, 20240713)};
    evc_coded_article a = article("a1", 20240712, "Pakistan attacked Afghanistan. "
                                  "India criticized China.", ev, 2);
    evc_store_put r;
    CHECK_INT(evc_store_put_article(s, &a, 0, &r, &err), EVC_OK);
    CHECK_INT(r.action, EVC_STORE_ADDED);
    CHECK_INT(r.events, 2);
    evc_store_totals t;
    CHECK_INT(evc_store_totals_get(s, &t, NULL), EVC_OK);
    CHECK_INT(t.articles, 1);
    CHECK_INT(t.sentences, 2);
    CHECK_INT(t.events, 2);

    /* read back: dates (the article's, the event's own), roots, quad
     * classes, country from the target's root, sentence text */
    evc_query *q = evc_query_new();
    rows x = {0};
    CHECK_INT(evc_store_events(s, q, EVC_ORDER_INPUT, 0, event_cb, &x, &err), EVC_OK);
    CHECK_INT(x.n, 2);
    CHECK_STR(x.line[0], "a1|0|20240712|PAK|AFG|190|19|4|AFG|Pakistan attacked Afghanistan.");
    CHECK_STR(x.line[1], "a1|1|20240713|IND|CHN|111|11|3|CHN|India criticized China.");
    long first_id = x.count[0];

    /* the same article again: nothing written */
    int same = 0;
    CHECK_INT(evc_store_has_article(s, &a, &same, NULL), EVC_OK);
    CHECK_INT(same, 1);
    CHECK_INT(evc_store_put_article(s, &a, 0, &r, &err), EVC_OK);
    CHECK_INT(r.action, EVC_STORE_UNCHANGED);
    CHECK_INT(r.events, 0);
    memset(&x, 0, sizeof x);
    evc_store_events(s, q, EVC_ORDER_INPUT, 0, event_cb, &x, &err);
    CHECK_INT(x.n, 2);
    CHECK_INT(x.count[0], first_id); /* the very same rows */

    /* a changed text: replaced, with the new events only */
    evc_coded_event ev2[1] = {event("PAKGOV", "IND", "0874", 1, 0)};
    evc_coded_article b = article("a1", 20240712, "Changed.", ev2, 1);
    CHECK_INT(evc_store_has_article(s, &b, &same, NULL), EVC_OK);
    CHECK_INT(same, 0);
    CHECK_INT(evc_store_put_article(s, &b, 0, &r, &err), EVC_OK);
    CHECK_INT(r.action, EVC_STORE_REPLACED);
    CHECK_INT(evc_store_totals_get(s, &t, NULL), EVC_OK);
    CHECK_INT(t.articles, 1);
    CHECK_INT(t.sentences, 2);
    CHECK_INT(t.events, 1);
    memset(&x, 0, sizeof x);
    evc_store_events(s, q, EVC_ORDER_INPUT, 0, event_cb, &x, &err);
    CHECK_INT(x.n, 1);
    /* 0874: root 08, quad 2; target IND is a country */
    CHECK_STR(x.line[0], "a1|1|20240712|PAKGOV|IND|0874|8|2|IND|India criticized China.");

    /* EVC_STORE_REPLACE rewrites even an unchanged article */
    CHECK_INT(evc_store_put_article(s, &b, EVC_STORE_REPLACE, &r, &err), EVC_OK);
    CHECK_INT(r.action, EVC_STORE_REPLACED);
    CHECK_INT(nevents(s), 1);

    /* append: events and a new sentence added, the text rebuilt */
    static const char *const more[] = {NULL, NULL, "A third sentence."};
    evc_coded_event ev3[1] = {event("USA", "RUS", "040", 2, 0)};
    evc_coded_article c = article("a1", 20240712, "x", ev3, 1);
    c.sentences = more;
    c.nsentences = 3;
    CHECK_INT(evc_store_put_article(s, &c, EVC_STORE_APPEND, &r, &err), EVC_OK);
    CHECK_INT(r.action, EVC_STORE_APPENDED);
    CHECK_INT(evc_store_totals_get(s, &t, NULL), EVC_OK);
    CHECK_INT(t.sentences, 3);
    CHECK_INT(t.events, 2);
    /* the stored text is now the sentences' (it matches in the FTS index) */
    CHECK_INT(evc_query_set(q, "match", "third", &err), EVC_OK);
    memset(&x, 0, sizeof x);
    CHECK_INT(evc_store_events(s, q, EVC_ORDER_INPUT, 0, event_cb, &x, &err), EVC_OK);
    CHECK_INT(x.n, 1);
    CHECK_STR(x.line[0], "a1|2|20240712|USA|RUS|040|4|1|RUS|A third sentence.");
    evc_query_free(q);

    /* an event with no date of its own in an article without one: refused,
     * nothing of the article written */
    evc_coded_event nodate[2] = {event("PAK", "AFG", "190", 0, 20240101),
                                 event("PAK", "AFG", "190", 0, 0)};
    evc_coded_article d = article("a2", 0, "No date.", nodate, 2);
    CHECK_INT(evc_store_put_article(s, &d, 0, &r, &err), EVC_ERR_ARG);
    CHECK(strstr(err.message, "without a date") != NULL);
    CHECK_INT(evc_store_totals_get(s, &t, NULL), EVC_OK);
    CHECK_INT(t.articles, 1);

    /* a code without a CAMEO root is left out and counted */
    evc_coded_event odd[2] = {event("PAK", "AFG", "---", 0, 0),
                              event("PAK", "AFG", "2", 0, 0)};
    evc_coded_article e = article("a3", 20240101, "Odd.", odd, 2);
    CHECK_INT(evc_store_put_article(s, &e, 0, &r, &err), EVC_OK);
    CHECK_INT(r.dropped, 2);
    CHECK_INT(r.events, 0);
    evc_store_close(s);
    remove_store(path);
}

/* Values that would break SQL built from strings are stored and read back
 * as they are, and find nothing when used as filters. */
static void test_hostile_strings(void)
{
    char path[512];
    path_in(path, sizeof path, "h.db");
    evc_store *s = NULL;
    evc_error err;
    CHECK_INT(evc_store_open(path, 0, &s, &err), EVC_OK);
    if (!s)
        return;
    const char *evil = "'; DROP TABLE event;--";
    static const char *const sents[] = {"x'); DELETE FROM article; --",
                                        "\"quoted\" \\ back"};
    evc_coded_event ev[1] = {event("PAK", "AFG", "190", 0, 0)};
    ev[0].ev.source.text = "Robert'); DROP TABLE sentence;--";
    ev[0].verb = "' OR '1'='1";
    ev[0].place_name = "Quetta'; --";
    evc_coded_article a = article(evil, 20240712, "1' OR '1'='1", ev, 1);
    a.title = "\"; DROP TABLE article; --";
    a.sentences = sents;
    CHECK_INT(evc_store_put_article(s, &a, 0, NULL, &err), EVC_OK);
    evc_coded_event ev2[1] = {event("USA", "RUS", "040", 0, 0)};
    evc_coded_article b = article("plain", 20240712, "Plain.", ev2, 1);
    CHECK_INT(evc_store_put_article(s, &b, 0, NULL, &err), EVC_OK);
    evc_store_totals t;
    CHECK_INT(evc_store_totals_get(s, &t, NULL), EVC_OK);
    CHECK_INT(t.articles, 2);
    CHECK_INT(t.sentences, 4);
    CHECK_INT(t.events, 2);
    int same = 0;
    CHECK_INT(evc_store_has_article(s, &a, &same, NULL), EVC_OK);
    CHECK_INT(same, 1);

    evc_query *q = evc_query_new();
    rows x = {0};
    CHECK_INT(evc_store_events(s, q, EVC_ORDER_INPUT, 0, event_cb, &x, &err), EVC_OK);
    CHECK_INT(x.n, 2);
    CHECK_STR(x.line[0], "'; DROP TABLE event;--|0|20240712|PAK|AFG|190|19|4|AFG|"
                         "x'); DELETE FROM article; --");
    /* a place filter holding SQL matches only the place of that name */
    CHECK_INT(evc_query_set(q, "place", "x' OR '1'='1", &err), EVC_OK);
    memset(&x, 0, sizeof x);
    CHECK_INT(evc_store_events(s, q, EVC_ORDER_INPUT, 0, event_cb, &x, &err), EVC_OK);
    CHECK_INT(x.n, 0);
    evc_query_free(q);
    q = evc_query_new();
    CHECK_INT(evc_query_set(q, "place", "quetta'; --", &err), EVC_OK); /* any case */
    memset(&x, 0, sizeof x);
    CHECK_INT(evc_store_events(s, q, EVC_ORDER_INPUT, 0, event_cb, &x, &err), EVC_OK);
    CHECK_INT(x.n, 1);
    evc_query_free(q);
    /* an FTS query that is SQL: a clear error or no match, never harm */
    q = evc_query_new();
    CHECK_INT(evc_query_set(q, "match", "\"'; DROP TABLE event;--\"", &err), EVC_OK);
    memset(&x, 0, sizeof x);
    CHECK_INT(evc_store_events(s, q, EVC_ORDER_INPUT, 0, event_cb, &x, &err), EVC_OK);
    CHECK_INT(x.n, 0);
    evc_query_free(q);
    q = evc_query_new();
    CHECK_INT(evc_query_set(q, "match", "DELETE FROM", &err), EVC_OK);
    memset(&x, 0, sizeof x);
    CHECK_INT(evc_store_events(s, q, EVC_ORDER_INPUT, 0, event_cb, &x, &err), EVC_OK);
    CHECK_INT(x.n, 1); /* the sentence that says it, as text */
    evc_query_free(q);
    q = evc_query_new();
    CHECK_INT(evc_query_set(q, "match", "AND OR (", &err), EVC_OK);
    CHECK_INT(evc_store_events(s, q, EVC_ORDER_INPUT, 0, event_cb, &x, &err), EVC_ERR_ARG);
    CHECK(strstr(err.message, "match") != NULL);
    evc_query_free(q);
    CHECK_INT(evc_store_totals_get(s, &t, NULL), EVC_OK);
    CHECK_INT(t.articles, 2);
    CHECK_INT(t.sentences, 4);
    CHECK_INT(t.events, 2);
    evc_store_close(s);
    remove_store(path);
}

static void test_filter_errors(void)
{
    static const char *const bad[][3] = {
        {"root", "21", "root '21': not a CAMEO root code (1-20)"},
        {"root", "x", "root 'x': not a CAMEO root code (1-20)"},
        {"root", "18,,19", "root: an empty value in '18,,19'"},
        {"root", "20-18", "root '20-18': not a CAMEO root code (1-20)"},
        {"quad", "5", "quad '5': not a quad class (1-4)"},
        {"code", "999", "code '999': not a CAMEO event code (e.g. 190, 1823)"},
        {"code", "190,19x", "code '19x': not a CAMEO event code (e.g. 190, 1823)"},
        {"country", "XYZ", "country 'XYZ': not a country code (ISO 3166-1 alpha-3, e.g. PAK)"},
        {"source", "PA", "source 'PA': not an actor code (letters, e.g. PAK or PAKGOV)"},
        {"target", "PAK GOV", "target 'PAK GOV': not an actor code (letters, e.g. PAK or PAKGOV)"},
        {"from", "2024-13-01", "from '2024-13-01': not a date (YYYY-MM-DD)"},
        {"from", "2023-02-29", "from '2023-02-29': not a date (YYYY-MM-DD)"},
        {"to", "2024-7-1", "to '2024-7-1': not a date (YYYY-MM-DD)"},
        {"to", "yesterday", "to 'yesterday': not a date (YYYY-MM-DD)"},
        {"colour", "red", "unknown field 'colour' (root, code, quad, source, target, "
                          "country, place, from, to, match)"},
        {"match", "", "match: an empty text query"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        evc_query *q = evc_query_new();
        evc_error err;
        memset(&err, 0, sizeof err);
        CHECK_INT(evc_query_set(q, bad[i][0], bad[i][1], &err), EVC_ERR_ARG);
        CHECK_STR(err.message, bad[i][2]);
        evc_query_free(q);
    }
    evc_query *q = evc_query_new();
    CHECK_INT(evc_query_set(q, "root", "18-20, 1", NULL), EVC_OK);
    CHECK_INT(evc_query_set(q, "country", "pak", NULL), EVC_OK); /* upper-cased */
    CHECK_INT(evc_query_set(q, "from", "2024-02-29", NULL), EVC_OK);
    CHECK_INT(evc_query_set(q, "code", "0874", NULL), EVC_OK);
    evc_query_free(q);
    evc_period p;
    evc_error err;
    CHECK_INT(evc_period_parse("week", &p, NULL), EVC_OK);
    CHECK_INT(p, EVC_PERIOD_WEEK);
    CHECK_INT(evc_period_parse("fortnight", &p, &err), EVC_ERR_ARG);
    CHECK_STR(err.message, "unknown period 'fortnight' (day, week, month or year)");
    CHECK(evc_country_known("PAK") && evc_country_known("KSV"));
    CHECK(!evc_country_known("IGO") && !evc_country_known("---") && !evc_country_known("PAKGOV"));
    CHECK_STR(evc_country_codes(0), "ABW");
}

/* Counts per period, zero-filled, ISO weeks across year ends; filters by
 * root, country, actor root and whole code; dyads and actors. */
static void test_counts(void)
{
    char path[512];
    path_in(path, sizeof path, "c.db");
    evc_store *s = NULL;
    evc_error err;
    CHECK_INT(evc_store_open(path, 0, &s, &err), EVC_OK);
    if (!s)
        return;
    evc_coded_event ev[] = {
        event("PAK", "AFG", "190", 0, 20201231), /* 2020-W53 */
        event("PAK", "AFG", "190", 0, 20210103), /* 2020-W53 too (a Sunday) */
        event("PAK", "AFG", "183", 0, 20210104), /* 2021-W01 */
        event("PAKGOV", "AFG", "111", 0, 20210301),
        event("AFG", "PAK", "190", 0, 20210315),
        event("IGOUNO", "IGO", "040", 0, 20210316), /* no country */
    };
    evc_coded_article a = article("c1", 20210101, "t", ev, 6);
    CHECK_INT(evc_store_put_article(s, &a, 0, NULL, &err), EVC_OK);

    evc_query *q = evc_query_new();
    rows x = {0};
    CHECK_INT(evc_store_counts(s, q, EVC_PERIOD_MONTH, count_cb, &x, &err), EVC_OK);
    CHECK_INT(x.n, 4); /* 2020-12 .. 2021-03, February empty */
    CHECK_STR(x.line[0], "2020-12 20201201 20201231");
    CHECK_INT(x.count[0], 1);
    CHECK_STR(x.line[1], "2021-01 20210101 20210131");
    CHECK_INT(x.count[1], 2);
    CHECK_STR(x.line[2], "2021-02 20210201 20210228");
    CHECK_INT(x.count[2], 0);
    CHECK_INT(x.count[3], 3);
    memset(&x, 0, sizeof x);
    CHECK_INT(evc_store_counts(s, q, EVC_PERIOD_WEEK, count_cb, &x, &err), EVC_OK);
    CHECK_STR(x.line[0], "2020-W53 20201228 20210103");
    CHECK_INT(x.count[0], 2);
    CHECK_STR(x.line[1], "2021-W01 20210104 20210110");
    CHECK_INT(x.count[1], 1);
    CHECK_INT(x.n, 12); /* to 2021-W11 (March 15-21) */
    CHECK_STR(x.line[11], "2021-W11 20210315 20210321");
    CHECK_INT(x.count[11], 2);

    /* attacks (roots 18-20) in Afghanistan (the target's country) by year,
     * from 2020-06-01 to 2022-01-01: zero-filled to the range */
    CHECK_INT(evc_query_set(q, "root", "18,19,20", &err), EVC_OK);
    CHECK_INT(evc_query_set(q, "country", "AFG", &err), EVC_OK);
    CHECK_INT(evc_query_set(q, "from", "2020-06-01", &err), EVC_OK);
    CHECK_INT(evc_query_set(q, "to", "2022-01-01", &err), EVC_OK);
    memset(&x, 0, sizeof x);
    CHECK_INT(evc_store_counts(s, q, EVC_PERIOD_YEAR, count_cb, &x, &err), EVC_OK);
    CHECK_INT(x.n, 3);
    CHECK_STR(x.line[0], "2020 20200101 20201231");
    CHECK_INT(x.count[0], 1);
    CHECK_INT(x.count[1], 2);
    CHECK_INT(x.count[2], 0);
    /* from after to */
    CHECK_INT(evc_query_set(q, "to", "2019-01-01", &err), EVC_OK);
    CHECK_INT(evc_store_counts(s, q, EVC_PERIOD_YEAR, count_cb, &x, &err), EVC_ERR_ARG);
    evc_query_free(q);

    /* a source root (three letters) and a whole code */
    q = evc_query_new();
    CHECK_INT(evc_query_set(q, "source", "PAK", &err), EVC_OK);
    memset(&x, 0, sizeof x);
    evc_store_counts(s, q, EVC_PERIOD_YEAR, count_cb, &x, &err);
    CHECK_INT(x.count[0] + x.count[1], 4);
    evc_query_free(q);
    q = evc_query_new();
    CHECK_INT(evc_query_set(q, "source", "pakgov", &err), EVC_OK);
    memset(&x, 0, sizeof x);
    evc_store_counts(s, q, EVC_PERIOD_YEAR, count_cb, &x, &err);
    CHECK_INT(x.n, 1);
    CHECK_INT(x.count[0], 1);
    evc_query_free(q);

    q = evc_query_new();
    memset(&x, 0, sizeof x);
    CHECK_INT(evc_store_dyads(s, q, 10, pair_cb, &x, &err), EVC_OK);
    CHECK_INT(x.n, 3);
    CHECK_STR(x.line[0], "PAK>AFG");
    CHECK_INT(x.count[0], 4);
    CHECK_STR(x.line[1], "AFG>PAK");
    CHECK_STR(x.line[2], "IGO>IGO");
    memset(&x, 0, sizeof x);
    CHECK_INT(evc_store_actors(s, q, 2, pair_cb, &x, &err), EVC_OK);
    CHECK_INT(x.n, 2);
    CHECK_STR(x.line[0], "AFG>");
    CHECK_INT(x.count[0], 5);
    CHECK_STR(x.line[1], "PAK>");
    CHECK_INT(x.count[1], 4);
    evc_query_free(q);
    evc_store_close(s);

    /* read-only: reads, and cannot be written */
    CHECK_INT(evc_store_open(path, EVC_STORE_READONLY, &s, &err), EVC_OK);
    CHECK(nevents(s) == 6);
    evc_coded_article b = article("c2", 20210101, "t", ev, 1);
    CHECK(evc_store_put_article(s, &b, 0, NULL, &err) != EVC_OK);
    evc_store_close(s);
    remove_store(path);
}

static void test_not_a_store(void)
{
    char path[512];
    evc_store *s = NULL;
    evc_error err;
    path_in(path, sizeof path, "absent.db");
    CHECK_INT(evc_store_open(path, EVC_STORE_READONLY, &s, &err), EVC_ERR_IO);
    CHECK(s == NULL);
    CHECK(strstr(err.message, "no such store") != NULL);
    path_in(path, sizeof path, "text.db");
    FILE *f = fopen(path, "w");
    fputs("this is not a database, just some text that is long enough to have "
          "a header of one hundred bytes, as SQLite reads its files ........\n", f);
    fclose(f);
    CHECK_INT(evc_store_open(path, 0, &s, &err), EVC_ERR_SYNTAX);
    CHECK_INT(evc_store_open(path, EVC_STORE_READONLY, &s, &err), EVC_ERR_SYNTAX);
    CHECK(strstr(err.file, "text.db") != NULL);
    unlink(path);
}

static void test_event_reader(void)
{
    char path[512];
    path_in(path, sizeof path, "ev.jsonl");
    FILE *f = fopen(path, "w");
    fputs("{\"article_id\":\"a1\",\"sentence\":2,\"date\":\"2024-07-12\","
          "\"source\":{\"code\":\"PAKGOV\",\"root\":\"PAK\",\"agent\":\"GOV\",\"text\":\"Islamabad\","
          "\"antecedent\":\"Pakistan\"},\"target\":{\"code\":\"AFG\",\"root\":\"AFG\",\"agent\":\"\","
          "\"text\":\"Kabul\"},\"code\":\"111\",\"root\":\"11\",\"quad\":3,\"goldstein\":-2.0,"
          "\"plover\":null,\"negated\":true,\"issues\":[\"A\",\"B\"],\"text\":\"It said so.\","
          "\"verb\":\"said\"}\n", f);
    fputs("\n", f); /* blank: skipped */
    fputs("{\"article_id\":\"a1\",\"sentence\":0,\"date\":null,\"source\":{},\"target\":{},\"code\":\"190\"}\n", f);
    fputs("{\"article_id\":\"a1\",\"sentence\":0,\"date\":\"2024-07-12\",\"source\":{},\"target\":{},\"code\":\"999\"}\n", f);
    fputs("{\"article_id\":\"\",\"sentence\":0}\n", f);
    fputs("{\"article_id\":\"a2\",\"sentence\":-1}\n", f);
    fputs("{\"article_id\":\"a2\",\"sentence\":0,\"date\":\"2024-07-12\",\"source\":{},\"target\":{},\"code\":\"0874\"}\n", f);
    fputs("{\"article_id\":\"a3\",\"sent", f); /* cut short */
    fclose(f);
    f = fopen(path, "r");
    evc_event_reader *r = NULL;
    evc_error err;
    CHECK_INT(evc_event_reader_open(f, path, &r, &err), EVC_OK);
    evc_arena *a = evc_arena_new(0);
    evc_event_line l;
    CHECK_INT(evc_event_reader_next(r, a, &l, &err), EVC_OK);
    CHECK_STR(l.article_id, "a1");
    CHECK_INT(l.ev.sentence, 2);
    CHECK_INT(l.ev.date, 20240712);
    CHECK_STR(l.ev.ev.source.code, "PAKGOV");
    CHECK_STR(l.ev.ev.source.antecedent, "Pakistan");
    CHECK_STR(l.ev.ev.target.text, "Kabul");
    CHECK(l.ev.ev.target.antecedent == NULL);
    CHECK_STR(l.ev.ev.code, "111");
    CHECK_INT(l.ev.ev.negated, 1);
    CHECK_STR(l.ev.ev.issues, "A;B");
    CHECK_STR(l.text, "It said so.");
    CHECK_STR(l.ev.verb, "said");
    CHECK_INT(l.line, 1);
    CHECK(l.raw && l.raw[0] == '{' && l.raw_len > 100);
    static const char *const want[] = {
        ":3: event of article \"a1\": expected \"date\" as YYYY-MM-DD, found null",
        ":4: event of article \"a1\": \"code\" \"999\" is not a CAMEO code",
        ":5: expected \"article_id\" to be a non-empty string",
        ":6: event of article \"a2\": expected \"sentence\" to be the sentence's index",
    };
    for (int i = 0; i < 4; i++) {
        CHECK_INT(evc_event_reader_next(r, a, &l, &err), EVC_ERR_SYNTAX);
        char buf[700];
        evc_error_format(&err, buf, sizeof buf);
        CHECK(strstr(buf, want[i]) != NULL);
        if (!strstr(buf, want[i]))
            fprintf(stderr, "  got: %s\n", buf);
    }
    CHECK_INT(evc_event_reader_next(r, a, &l, &err), EVC_OK);
    CHECK_STR(l.ev.ev.code, "0874");
    CHECK(l.text == NULL && l.ev.verb == NULL);
    CHECK_STR(l.ev.ev.source.code, "");
    CHECK_INT(evc_event_reader_next(r, a, &l, &err), EVC_ERR_SYNTAX);
    CHECK_INT(err.line, 8);
    CHECK(strstr(err.message, "truncated") != NULL);
    CHECK_INT(evc_event_reader_next(r, a, &l, &err), EVC_END);
    evc_event_reader_close(r);
    evc_arena_free(a);
    fclose(f);
    unlink(path);
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_put_idempotent_replace();
    test_hostile_strings();
    test_filter_errors();
    test_counts();
    test_not_a_store();
    test_event_reader();
    rmdir(dir);
    TEST_DONE();
}
