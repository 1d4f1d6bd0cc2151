/* test_report.c: evc_report_write on test stores: the page is whole and
 * self-contained (no script, no address outside it, a CSP that forbids
 * fetches), every string from the store is escaped (actor codes and texts
 * that are HTML and script, invalid UTF-8, control characters), and the
 * charts have the series, bars and surge marks the store implies. */
#include "evcode.h"
#include "store_fixture.h"
#include "testing.h"

#include <ctype.h>
#include <stdlib.h>

static char dir[256];

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0, k = strlen(needle);
    for (const char *p = hay; (p = strstr(p, needle)); p += k)
        n++;
    return n;
}

static int contains_ci(const char *hay, const char *needle)
{
    size_t k = strlen(needle);
    for (const char *p = hay; *p; p++)
        if (strncasecmp(p, needle, k) == 0)
            return 1;
    return 0;
}

/* The text of the <svg> whose data-chart is kind (a copy), or NULL. */
static char *chart(const char *html, const char *kind)
{
    char key[64];
    snprintf(key, sizeof key, "data-chart=\"%s\"", kind);
    const char *a = strstr(html, key);
    if (!a)
        return NULL;
    const char *b = strstr(a, "</svg>");
    if (!b)
        return NULL;
    return strndup(a, (size_t)(b - a));
}

static char *report(const char *path, const evc_report_opts *o)
{
    evc_eventdb *db = NULL;
    evc_error e;
    if (evc_eventdb_open(path, &db, &e) != EVC_OK) {
        fprintf(stderr, "open: %s\n", e.message);
        return NULL;
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    evc_status s = evc_report_write(db, o, f, &e);
    fclose(f);
    evc_eventdb_close(db);
    if (s != EVC_OK) {
        fprintf(stderr, "report: %s\n", e.message);
        free(buf);
        return NULL;
    }
    return buf;
}

/* The store: 16 weeks of PAK 19x (5 a week, 40 in week 12), AFG 010 (2 a
 * week), 3 events whose strings are hostile. */
static void make_store(const char *path)
{
    sqlite3 *db = fixture_create(path);
    char date[11];
    for (int w = 0; w < 16; w++) {
        evc_day_format(evc_day_from_ymd(2024, 1, 1) + 7 * w + 2, date);
        fixture_event a = {.article = "pak", .date = date, .source = "PAKINS",
                           .source_root = "PAK", .source_text = "the TTP",
                           .target = "PAK", .target_root = "PAK",
                           .target_text = "Pakistanis", .code = "190",
                           .verb = "attacked", .country = "PAK"};
        fixture_add_n(db, &a, w == 12 ? 40 : 5);
        fixture_event b = {.article = "afg", .date = date, .source = "AFGGOV",
                           .source_root = "AFG", .source_text = "Kabul",
                           .target = "PAKGOV", .target_root = "PAK",
                           .target_text = "Islamabad", .code = "010",
                           .verb = "said", .country = "AFG"};
        fixture_add_n(db, &b, 2);
    }
    fixture_event h = {.article = "h1", .date = "2024-01-02",
                       .source = "<img src=x onerror=alert(1)>",
                       .source_root = "<b>",
                       .source_text = "<script>alert('x')</script>",
                       .target = "\"><svg onload=alert(2)>",
                       .target_root = "&",
                       .target_text = "Tom & \"Jerry\"",
                       .code = "042", .verb = "<u>met</u>"};
    fixture_add(db, &h);
    /* invalid UTF-8, a control character, a hostile country code */
    fixture_event u = {.article = "h2", .date = "2024-01-03", .source = "X\xff\xfeY",
                       .source_root = "X", .source_text = "bell\x07 and \xc3\x28",
                       .target = "Z\x01", .target_root = "Z",
                       .target_text = "ok", .code = "042", .verb = "met",
                       .country = "<i>"};
    fixture_add(db, &u);
    fixture_close(db);
}

static void test_hostile(const char *path)
{
    evc_report_opts o;
    evc_report_opts_default(&o);
    o.title = "Report <for> \"analysts\"";
    o.db_label = "t&t.db";
    o.filter_label = "places: <Peshawar>";
    char *h = report(path, &o);
    CHECK(h != NULL);
    if (!h)
        return;
    /* whole and self-contained */
    CHECK(strncmp(h, "<!DOCTYPE html>\n", 16) == 0);
    CHECK(strstr(h, "</html>\n") != NULL);
    CHECK(strstr(h, "Content-Security-Policy\" content=\"default-src 'none'; "
                    "style-src 'unsafe-inline'\"") != NULL);
    CHECK(!contains_ci(h, "<script"));
    CHECK(!contains_ci(h, "http:") && !contains_ci(h, "https:"));
    CHECK(!contains_ci(h, "url(") && !contains_ci(h, "@import"));
    CHECK(!contains_ci(h, " src=\"") && !contains_ci(h, " href=\""));
    CHECK(!contains_ci(h, "<img") && !contains_ci(h, "<iframe"));
    /* every hostile string escaped */
    CHECK(!strstr(h, "<b>") && !strstr(h, "<u>") && !strstr(h, "<i>"));
    CHECK(!strstr(h, "onerror=alert(1)>"));
    CHECK(!strstr(h, "<svg onload"));
    CHECK(strstr(h, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") != NULL);
    CHECK(strstr(h, "&lt;img src=x onerror=alert(1)&gt;") != NULL);
    CHECK(strstr(h, "&quot;&gt;&lt;svg onload=alert(2)&gt;") != NULL);
    CHECK(strstr(h, "Tom &amp; &quot;Jerry&quot;") != NULL);
    CHECK(strstr(h, "&lt;u&gt;met&lt;/u&gt;") != NULL);
    CHECK(strstr(h, "Report &lt;for&gt; &quot;analysts&quot;") != NULL);
    CHECK(strstr(h, "t&amp;t.db") != NULL);
    CHECK(strstr(h, "places: &lt;Peshawar&gt;") != NULL);
    /* invalid UTF-8 and control characters become U+FFFD */
    CHECK(strstr(h, "X\xEF\xBF\xBD\xEF\xBF\xBDY") != NULL);
    CHECK(strstr(h, "bell\xEF\xBF\xBD and \xEF\xBF\xBD(") != NULL);
    CHECK(!strchr(h, '\x07') && !strchr(h, '\x01'));
    for (const unsigned char *p = (const unsigned char *)h; *p; p++)
        if (*p == 0xff || *p == 0xfe) {
            CHECK(!"raw invalid UTF-8 byte in the report");
            break;
        }
    /* the hostile country is a series of its own, escaped in its name */
    CHECK(!strstr(h, "<i>"));
    /* tags balance */
    CHECK_INT(count(h, "<svg"), count(h, "</svg>"));
    CHECK_INT(count(h, "<section"), count(h, "</section>"));
    CHECK_INT(count(h, "<table"), count(h, "</table>"));
    CHECK_INT(count(h, "<tr>"), count(h, "</tr>"));
    CHECK_INT(count(h, "<title>"), count(h, "</title>"));

    /* the charts: quad classes 1 (010, 042) and 4 (190); roots 01, 04, 19 */
    char *q = chart(h, "quad");
    CHECK(q && strstr(q, "data-series=\"2\""));
    CHECK(q && count(q, "<path class=\"series area\"") == 2);
    free(q);
    char *r = chart(h, "root");
    CHECK(r && count(r, "<path class=\"series line\"") == 3);
    free(r);
    char *d = chart(h, "dyads");
    CHECK(d && strstr(d, "data-bars=\"4\"") && count(d, "<rect class=\"bar\"") == 4);
    CHECK(d && strstr(d, "PAKINS \xE2\x86\x92 PAK</text>"));
    free(d);
    /* one surge, in PAK 19, circled once on the first surge chart */
    char *s = chart(h, "surge-1");
    CHECK(s && count(s, "<circle class=\"surge\"") == 1);
    CHECK(s && strstr(s, "40 events; baseline mean 5.0 over 8 weeks"));
    free(s);
    CHECK(chart(h, "surge-2") == NULL);
    /* PAK 19, AFG 01 and the hostile country's 04, 12 weeks tested each */
    CHECK(strstr(h, "3 series with a baseline, 36 weeks tested, 1 flagged.") !=
          NULL);
    free(h);

    /* a filter: only AFG, by month: no surge, one root, one quad */
    const char *afg[] = {"AFG"};
    o.filter.countries = afg;
    o.filter.ncountries = 1;
    o.by = EVC_PERIOD_MONTH;
    h = report(path, &o);
    CHECK(h != NULL);
    if (h) {
        q = chart(h, "quad");
        CHECK(q && count(q, "<path class=\"series area\"") == 1);
        free(q);
        CHECK(strstr(h, "<p>No surges.</p>") != NULL);
        CHECK(strstr(h, "by month</p>") != NULL);
        free(h);
    }
}

static void test_empty(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/empty.db", dir);
    fixture_close(fixture_create(path));
    char *h = report(path, NULL);
    CHECK(h != NULL);
    if (h) {
        CHECK(strstr(h, "</html>") != NULL);
        CHECK(count(h, "<p>No events.</p>") == 2);
        CHECK(!strstr(h, "<svg"));
        free(h);
    }
}

/* quad values a store should not have still make one band each */
static void test_odd_quads(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/odd.db", dir);
    sqlite3 *db = fixture_create(path);
    fixture_event e = {.article = "o", .date = "2024-03-04", .source = "A",
                       .target = "B", .code = "010", .country = "PAK"};
    fixture_add_n(db, &e, 9);
    if (sqlite3_exec(db, "UPDATE event SET quad = id * 7 - 30", NULL, NULL,
                     NULL) != SQLITE_OK)
        fixture_die(db, "update");
    fixture_close(db);
    char *h = report(path, NULL);
    CHECK(h != NULL);
    if (h) {
        char *q = chart(h, "quad");
        CHECK(q && count(q, "<path class=\"series area\"") == 9);
        /* -23, -16, ..., 33: none is 1..4; a title and a legend entry each */
        CHECK(q && count(q, "Unknown class") == 2 * 9);
        free(q);
        free(h);
    }
}

static void test_html_count(void)
{
    /* html_count through the totals: 5 * 15 + 40 + 32 + 2 events */
    char path[512];
    snprintf(path, sizeof path, "%s/t.db", dir);
    char *h = report(path, NULL);
    CHECK(h && strstr(h, "<tr><th>events</th><td class=\"n\">149</td></tr>"));
    free(h);
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/evc-report-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 2;
    }
    char path[512];
    snprintf(path, sizeof path, "%s/t.db", dir);
    make_store(path);
    test_hostile(path);
    test_html_count();
    test_empty();
    test_odd_quads();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    TEST_DONE();
}
