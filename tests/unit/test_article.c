/* test_article.c: the raw-article readers (src/read/jsonl.c, text.c) on the
 * shared example and the Reuters-21578 corpus, and on bad input: invalid
 * UTF-8, a 100 MB line (skipped in bounded memory), non-JSON, truncated and
 * mistyped lines, bad dates, empty files, CRLF. After each bad article the
 * next good one must still be read. */
#include "evcode.h"
#include "read/article.h"
#include "testing.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#define PAK_JSONL SHARED "/examples/pakistan-ttp-talks.jsonl"
#define PAK_TXT SHARED "/examples/pakistan-ttp-talks.txt"
#define REUTERS SHARED "/corpus/reuters21578.jsonl"
#define DATA "tests/data/article/"

typedef evc_status (*opener)(FILE *, const char *, evc_article_reader **,
                             evc_error *);

/* A reader over a file; the test ends (with a failure) if it is missing. */
typedef struct rd {
    FILE *f;
    evc_article_reader *r;
    evc_arena *a;
    evc_article art;
    evc_error err;
} rd;

static void rd_open(rd *t, opener open, const char *path)
{
    memset(t, 0, sizeof *t);
    t->f = fopen(path, "rb");
    if (!t->f) {
        fprintf(stderr, "cannot open %s (run from the project root)\n", path);
        exit(1);
    }
    t->a = evc_arena_new(0);
    if (open(t->f, path, &t->r, &t->err) != EVC_OK || !t->a) {
        fprintf(stderr, "cannot open a reader on %s\n", path);
        exit(1);
    }
}

static void rd_mem(rd *t, opener open, const char *name, const char *s,
                   size_t n)
{
    memset(t, 0, sizeof *t);
    t->f = fmemopen((void *)s, n, "rb");
    t->a = evc_arena_new(0);
    if (!t->f || !t->a || open(t->f, name, &t->r, &t->err) != EVC_OK) {
        fprintf(stderr, "cannot open a reader on a string\n");
        exit(1);
    }
}

static evc_status rd_next(rd *t)
{
    evc_arena_reset(t->a);
    memset(&t->err, 0, sizeof t->err);
    return evc_article_reader_next(t->r, t->a, &t->art, &t->err);
}

static void rd_close(rd *t)
{
    evc_article_reader_close(t->r);
    evc_arena_free(t->a);
    if (t->f)
        fclose(t->f);
}

static long maxrss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* ---------------------------------------------------------------- a 100 MB line */

/* Runs first, while the process is small, so that the growth of its peak
 * RSS measures what the reader held. */
static void test_huge_line(void)
{
    FILE *f = tmpfile();
    CHECK(f != NULL);
    if (!f)
        return;
    static char chunk[1 << 20];
    memset(chunk, 'a', sizeof chunk);
    fputs("{\"id\": \"big\", \"text\": \"", f);
    for (int i = 0; i < 100; i++)
        fwrite(chunk, 1, sizeof chunk, f);
    fputs("\"}\n{\"id\": \"after\", \"text\": \"still read\"}\n", f);
    rewind(f);

    long before = maxrss_kib();
    rd t;
    memset(&t, 0, sizeof t);
    t.f = f;
    t.a = evc_arena_new(0);
    CHECK_INT(evc_jsonl_reader_open(f, "huge.jsonl", &t.r, &t.err), EVC_OK);
    CHECK_INT(rd_next(&t), EVC_ERR_LIMIT);
    CHECK_INT(t.err.code, EVC_ERR_LIMIT);
    CHECK_INT(t.err.line, 1);
    CHECK_STR(t.err.file, "huge.jsonl");
    CHECK_STR(t.err.message, "line longer than 16777216 bytes: skipped");
    CHECK_INT(rd_next(&t), EVC_OK);
    CHECK_STR(t.art.id, "after");
    CHECK_STR(t.art.text, "still read");
    CHECK_INT(t.art.line, 2);
    CHECK_INT(rd_next(&t), EVC_END);
    long grew = maxrss_kib() - before;
    printf("100 MB line: peak RSS grew by %ld KiB\n", grew);
    CHECK(grew < 48L * 1024); /* the line limit is 16 MiB */
    rd_close(&t);
}

/* ---------------------------------------------------------------- the example */

static void test_example(void)
{
    rd t;
    rd_open(&t, evc_jsonl_reader_open, PAK_JSONL);
    CHECK_INT(rd_next(&t), EVC_OK);
    CHECK_STR(t.art.id, "example-pak-ttp-1");
    CHECK_INT(t.art.date, 20240712);
    CHECK_STR(t.art.date_str, "2024-07-12");
    CHECK_STR(t.art.source, "editorial");
    CHECK_STR(t.art.title, "Pakistan rules out talks with TTP");
    CHECK(t.art.url == NULL);
    CHECK(t.art.extra_json == NULL);
    CHECK_INT(t.art.line, 1);
    CHECK_INT(t.art.text_len, 4463);
    CHECK_INT(strlen(t.art.text), 4463);
    const char *hit = strstr(t.art.text, "Mumtaz Zahra Baloch");
    CHECK(hit != NULL && hit - t.art.text == 475);
    /* “no plans”: a non-ASCII escape-free UTF-8 quote survives */
    CHECK(strstr(t.art.text, "\xE2\x80\x9Cno plans\xE2\x80\x9D") != NULL);
    char *json_text = strdup(t.art.text);
    CHECK_INT(rd_next(&t), EVC_END);
    CHECK_INT(rd_next(&t), EVC_END);
    rd_close(&t);

    rd_open(&t, evc_text_reader_open, PAK_TXT);
    CHECK_INT(rd_next(&t), EVC_OK);
    CHECK_STR(t.art.id, "pakistan-ttp-talks");
    CHECK_INT(t.art.date, 0);
    CHECK(t.art.date_str == NULL && t.art.title == NULL &&
          t.art.source == NULL && t.art.extra_json == NULL);
    CHECK_INT(t.art.line, 1);
    CHECK_INT(t.art.text_len, 4463);
    /* the text file holds exactly the JSON article's text */
    CHECK(json_text && memcmp(t.art.text, json_text, 4463) == 0);
    CHECK_INT(rd_next(&t), EVC_END);
    free(json_text);
    rd_close(&t);
}

/* ---------------------------------------------------------------- Reuters */

static void test_reuters(void)
{
    rd t;
    rd_open(&t, evc_jsonl_reader_open, REUTERS);
    int n = 0, errors = 0, undated = 0, with_extra = 0;
    size_t bytes100 = 0;
    evc_status st;
    while ((st = rd_next(&t)) != EVC_END) {
        if (st != EVC_OK) {
            char buf[512];
            evc_error_format(&t.err, buf, sizeof buf);
            fprintf(stderr, "%s\n", buf);
            if (++errors > 5 || st == EVC_ERR_IO)
                break;
            continue;
        }
        n++;
        if (t.art.date == 0)
            undated++;
        with_extra += t.art.extra_json && strstr(t.art.extra_json,
                                                 "{\"dateline\":\"") ==
                                              t.art.extra_json;
        if (n <= 100) {
            CHECK_INT(t.art.line, n);
            CHECK_INT(t.art.date, 19870226);
            CHECK_STR(t.art.source, "reuters");
            bytes100 += t.art.text_len;
        }
        if (n == 1) {
            CHECK_STR(t.art.id, "reuters-1");
            CHECK_STR(t.art.title, "BAHIA COCOA REVIEW");
            CHECK_STR(t.art.extra_json, "{\"dateline\":\"SALVADOR, Feb 26\"}");
            CHECK_INT(t.art.text_len, 2851);
            CHECK(strncmp(t.art.text, "Showers continued throughout the "
                                      "week in\nthe Bahia cocoa zone", 53) ==
                  0);
        }
        if (n == 50)
            CHECK_STR(t.art.id, "reuters-52");
        if (n == 100) {
            CHECK_STR(t.art.id, "reuters-112");
            CHECK_STR(t.art.title,
                      "GENERAL BINDING <GBND> IN MARKETING AGREEMENT");
            CHECK_INT(t.art.text_len, 359);
        }
        if (n == 15245) { /* the one article with "date": null */
            CHECK_STR(t.art.id, "reuters-17192");
            CHECK_INT(t.art.date, 0);
            CHECK(t.art.date_str == NULL);
        }
    }
    CHECK_INT(errors, 0);
    CHECK_INT(n, 19043);
    CHECK_INT(undated, 1);
    CHECK_INT(with_extra, 19043);
    CHECK_INT(bytes100, 80095);
    rd_close(&t);
}

/* ---------------------------------------------------------------- bad lines */

/* The error a bad line must give: status, line, column, message. */
typedef struct want {
    evc_status st;
    long line, column;
    const char *id_or_message; /* the id when st is EVC_OK */
} want;

static void expect(rd *t, const want *w, int nw, const char *file)
{
    for (int i = 0; i < nw; i++) {
        evc_status st = rd_next(t);
        CHECK_INT(st, w[i].st);
        if (w[i].st == EVC_OK) {
            CHECK_STR(t->art.id, w[i].id_or_message);
            CHECK_INT(t->art.line, w[i].line);
        } else if (w[i].st != EVC_END) {
            CHECK_INT(t->err.code, w[i].st);
            CHECK_INT(t->err.line, w[i].line);
            CHECK_INT(t->err.column, w[i].column);
            CHECK_STR(t->err.file, file);
            CHECK_STR(t->err.message, w[i].id_or_message);
            CHECK(t->art.id == NULL && t->art.text == NULL);
        }
    }
}

static void test_mixed(void)
{
    const char *file = DATA "mixed.jsonl";
    rd t;
    rd_open(&t, evc_jsonl_reader_open, file);
    CHECK_INT(rd_next(&t), EVC_OK);
    CHECK_STR(t.art.id, "a1");
    CHECK_STR(t.art.text, "Good one.");
    CHECK_INT(t.art.line, 1);
    /* unknown members carried through as written (1.10 stays 1.10, a "}"
     * inside a nested string does not end the object) */
    CHECK_STR(t.art.extra_json,
              "{\"lang\":\"en\",\"score\":1.10,\"tags\":[\"x\", {\"y\": \"}\"}]}");
    const want w[] = {
        {EVC_ERR_UTF8, 3, 26, "invalid UTF-8 (byte 0xE9)"},
        {EVC_ERR_SYNTAX, 4, 4, "invalid JSON: invalid token near 'this'"},
        {EVC_ERR_SYNTAX, 5, 1, "expected a JSON object, found an array"},
        {EVC_ERR_SYNTAX, 6, 0,
         "article \"nt\": expected a string field \"text\""},
        {EVC_ERR_SYNTAX, 7, 0,
         "article \"tn\": expected a string field \"text\", found a number"},
        {EVC_ERR_SYNTAX, 8, 22,
         "article \"bd\": expected \"date\" as YYYY-MM-DD, "
         "YYYY-MM-DDTHH:MM:SS[Z|+hh:mm] or YYYYMMDD, found \"26 Feb 1987\""},
        {EVC_OK, 9, 0, DATA "mixed.jsonl:9"}, /* no id: file:line */
    };
    expect(&t, w, (int)(sizeof w / sizeof w[0]), file);
    CHECK_INT(t.art.date, 20240712); /* the local date, zone +05:00 */
    CHECK_STR(t.art.date_str, "2024-07-12T10:30:00+05:00");
    CHECK_STR(t.art.text, "no id here");

    CHECK_INT(rd_next(&t), EVC_OK); /* a numeric id, as written */
    CHECK_STR(t.art.id, "12345678901234567890");
    CHECK_INT(t.art.date, 20240713);
    const want w2[] = {
        {EVC_ERR_SYNTAX, 11, 33,
         "invalid JSON: duplicate object key near '\"text\"'"},
        {EVC_ERR_SYNTAX, 12, 0,
         "article \"ts\": expected a string field \"title\", found an array"},
        {EVC_OK, 14, 0, "last"}, /* line 13 is blank */
        {EVC_END, 0, 0, NULL},
        {EVC_END, 0, 0, NULL},
    };
    expect(&t, w2, (int)(sizeof w2 / sizeof w2[0]), file);
    rd_close(&t);
}

static void test_files(void)
{
    rd t;
    /* CRLF line ends and a blank CRLF line */
    rd_open(&t, evc_jsonl_reader_open, DATA "crlf.jsonl");
    CHECK_INT(rd_next(&t), EVC_OK);
    CHECK_STR(t.art.id, "c1");
    CHECK_STR(t.art.text, "Line one.\r\nLine two.");
    CHECK_INT(t.art.date, 20240102);
    CHECK_INT(rd_next(&t), EVC_OK);
    CHECK_STR(t.art.id, "c2");
    CHECK_INT(t.art.line, 3);
    CHECK_INT(rd_next(&t), EVC_END);
    rd_close(&t);

    /* a last line cut short, without its newline */
    rd_open(&t, evc_jsonl_reader_open, DATA "truncated.jsonl");
    const want w[] = {
        {EVC_OK, 1, 0, "whole"},
        {EVC_ERR_SYNTAX, 2, 40,
         "invalid JSON: premature end of input near '\"The file stops he' "
         "(input ends in this line: truncated?)"},
        {EVC_END, 0, 0, NULL},
    };
    expect(&t, w, 3, DATA "truncated.jsonl");
    rd_close(&t);

    rd_open(&t, evc_jsonl_reader_open, DATA "empty.jsonl");
    CHECK_INT(rd_next(&t), EVC_END);
    rd_close(&t);

    rd_open(&t, evc_text_reader_open, DATA "empty.txt");
    CHECK_INT(rd_next(&t), EVC_END);
    rd_close(&t);

    /* text: the BOM goes, CRLF stays */
    rd_open(&t, evc_text_reader_open, DATA "bom.txt");
    CHECK_INT(rd_next(&t), EVC_OK);
    CHECK_STR(t.art.id, "bom");
    CHECK_STR(t.art.text, "Hello.\r\nSecond line.\r\n");
    CHECK_INT(t.art.text_len, 22);
    CHECK_INT(rd_next(&t), EVC_END);
    rd_close(&t);

    rd_open(&t, evc_text_reader_open, DATA "latin1.txt");
    const want w2[] = {
        {EVC_ERR_UTF8, 2, 4,
         "article \"latin1\": invalid UTF-8 (byte 0xE9)"},
        {EVC_END, 0, 0, NULL},
    };
    expect(&t, w2, 2, DATA "latin1.txt");
    rd_close(&t);
}

/* ---------------------------------------------------------------- in memory */

static void test_strings(void)
{
    rd t;
    /* a BOM before the first line, only blank lines around one article,
     * escaped keys, an overlong UTF-8 form, a lone surrogate escape */
    static const char s[] =
        "\xEF\xBB\xBF{\"\\u0069d\": \"esc\", \"te\\u0078t\": \"k\", "
        "\"o\\u0074her\": null}\n"
        "\n \r\n\t\n"
        "{\"id\": \"ov\", \"text\": \"\xC0\xAF\"}\n"
        "{\"id\": \"sur\", \"text\": \"\\ud800\"}\n"
        "{\"id\": \"nul\", \"text\": \"a\\u0000b\"}\n"
        "{\"id\": \"\", \"text\": \"empty id\", \"date\": \"\"}\n"
        "{\"id\": {\"x\": 1}, \"text\": \"t\"}\n"
        "{\"id\": \"dt\", \"text\": \"t\", \"date\": 20240101}\n"
        "\"just a string\"\n"
        "{\"id\": \"ok\", \"text\": \"\"}";
    rd_mem(&t, evc_jsonl_reader_open, NULL, s, sizeof s - 1);
    CHECK_INT(rd_next(&t), EVC_OK);
    CHECK_STR(t.art.id, "esc");
    CHECK_STR(t.art.text, "k");
    CHECK_STR(t.art.extra_json, "{\"o\\u0074her\":null}");
    const want w[] = {
        {EVC_ERR_UTF8, 5, 23, "invalid UTF-8 (byte 0xC0)"},
        {EVC_ERR_SYNTAX, 6, 30, /* jansson: the string's last column */
         "invalid JSON: invalid Unicode '\\uD800' near '\"\\ud800\"'"},
        {EVC_ERR_SYNTAX, 7, 32,
         "invalid JSON: \\u0000 is not allowed without JSON_ALLOW_NUL near "
         "'\"a\\u0000b\"'"},
        {EVC_OK, 8, 0, "stdin:8"},
        {EVC_ERR_SYNTAX, 9, 8,
         "expected \"id\" to be a string or a number, found an object"},
        {EVC_ERR_SYNTAX, 10, 35,
         "article \"dt\": expected \"date\" as an ISO date string, found a "
         "number"},
        {EVC_ERR_SYNTAX, 11, 1, "expected a JSON object, found a string"},
        {EVC_OK, 12, 0, "ok"},
        {EVC_END, 0, 0, NULL},
    };
    expect(&t, w, (int)(sizeof w / sizeof w[0]), "stdin");
    rd_close(&t);

    /* a raw NUL byte (jansson 2.14 alone would skip this one) */
    static const char z[] = "{\"id\": \"z\", \"text\": \"t\", \"n\": 1\0}\n"
                            "{\"id\": \"z2\", \"text\": \"t\"}\n";
    rd_mem(&t, evc_jsonl_reader_open, "z.jsonl", z, sizeof z - 1);
    const want wz[] = {
        {EVC_ERR_SYNTAX, 1, 32, "invalid JSON: a NUL byte"},
        {EVC_OK, 2, 0, "z2"},
        {EVC_END, 0, 0, NULL},
    };
    expect(&t, wz, 3, "z.jsonl");
    rd_close(&t);

    /* only blank lines: no article */
    rd_mem(&t, evc_jsonl_reader_open, "-", "\n\r\n  \n", 6);
    CHECK_INT(rd_next(&t), EVC_END);
    rd_close(&t);

    /* text: a NUL byte; stdin's id */
    rd_mem(&t, evc_text_reader_open, "-", "ab\ncd\0e", 7);
    const want w2[] = {
        {EVC_ERR_SYNTAX, 2, 3, "article \"stdin\": NUL byte (not a text file?)"},
        {EVC_END, 0, 0, NULL},
    };
    expect(&t, w2, 2, "stdin");
    rd_close(&t);

    /* text ids from names */
    const char *names[][2] = {{"a/b/story.final.txt", "story.final"},
                              {"news", "news"},
                              {"dir/.hidden", ".hidden"},
                              {"", "stdin"}};
    for (int i = 0; i < 4; i++) {
        rd_mem(&t, evc_text_reader_open, names[i][0], "x", 1);
        CHECK_INT(rd_next(&t), EVC_OK);
        CHECK_STR(t.art.id, names[i][1]);
        rd_close(&t);
    }

    /* arguments */
    evc_error err;
    evc_article_reader *r = NULL;
    CHECK_INT(evc_jsonl_reader_open(NULL, "x", &r, &err), EVC_ERR_ARG);
    CHECK_INT(evc_article_reader_next(NULL, NULL, NULL, &err), EVC_ERR_ARG);
    evc_article_reader_close(NULL);
}

/* ---------------------------------------------------------------- dates */

static void test_dates(void)
{
    static const struct {
        const char *s;
        int32_t date; /* 0: must be refused */
    } cases[] = {
        {"2024-07-12", 20240712},
        {"20240712", 20240712},
        {"2024-02-29", 20240229},
        {"2000-02-29", 20000229},
        {"1987-02-26T00:00:00Z", 19870226},
        {"2024-07-12T23:59:60z", 20240712},
        {"2024-07-12 10:30:00", 20240712},
        {"2024-07-12T10:30Z", 20240712},
        {"2024-07-12T10:30:00.123456-04:00", 20240712},
        {"2024-07-12T10:30:00+0530", 20240712},
        {"2024-07-12T10:30:00+05", 20240712},
        {" 2024-07-12 ", 20240712},
        {"2023-02-29", 0},
        {"1900-02-29", 0},
        {"2024-13-01", 0},
        {"2024-04-31", 0},
        {"0000-01-01", 0},
        {"2024-7-12", 0},
        {"12/07/2024", 0},
        {"2024-07-12T25:00:00", 0},
        {"2024-07-12T10:61:00", 0},
        {"2024-07-12T10:30:00+05:", 0},
        {"2024-07-12T10:30:00+5", 0},
        {"2024-07-12T10:30:00.", 0},
        {"2024-07-12T", 0},
        {"2024-07-12junk", 0},
        {"20240712T103000Z", 0},
        {"yesterday", 0},
    };
    int n = (int)(sizeof cases / sizeof cases[0]);
    for (int i = 0; i < n; i++) {
        char line[200];
        int k = snprintf(line, sizeof line,
                         "{\"id\": \"d\", \"date\": \"%s\", \"text\": \"t\"}\n"
                         "{\"id\": \"next\", \"text\": \"t\"}\n",
                         cases[i].s);
        rd t;
        rd_mem(&t, evc_jsonl_reader_open, "dates.jsonl", line, (size_t)k);
        evc_status st = rd_next(&t);
        if (cases[i].date) {
            CHECK_INT(st, EVC_OK);
            CHECK_INT(t.art.date, cases[i].date);
            CHECK_STR(t.art.date_str, cases[i].s);
        } else {
            CHECK_INT(st, EVC_ERR_SYNTAX);
            CHECK(strstr(t.err.message, "expected \"date\"") != NULL);
            CHECK_INT(t.err.column, 21);
        }
        if ((st == EVC_OK) != (cases[i].date != 0))
            fprintf(stderr, "  date case \"%s\"\n", cases[i].s);
        CHECK_INT(rd_next(&t), EVC_OK);
        CHECK_STR(t.art.id, "next");
        rd_close(&t);
    }
}

/* ---------------------------------------------------------------- long lines */

/* Lines longer than one read chunk, and a line exactly at the limit. */
static void test_long_lines(void)
{
    size_t big = 3u << 20; /* 3 MiB: spans many 64 KiB chunks */
    size_t cap = 2 * big + 4096;
    char *s = malloc(cap);
    CHECK(s != NULL);
    if (!s)
        return;
    size_t k = 0;
    for (int rep = 0; rep < 2; rep++) {
        k += (size_t)sprintf(s + k, "{\"id\": \"L%d\", \"text\": \"", rep);
        for (size_t i = 0; i < big; i++)
            s[k++] = "abcdefgh \xC3\xA9"[i % 11];
        if (s[k - 1] == '\xC3') /* do not end inside a character */
            s[k - 1] = 'z';
        k += (size_t)sprintf(s + k, "\"}\n");
    }
    rd t;
    rd_mem(&t, evc_jsonl_reader_open, "long.jsonl", s, k);
    for (int rep = 0; rep < 2; rep++) {
        CHECK_INT(rd_next(&t), EVC_OK);
        CHECK_INT(t.art.text_len, big);
        CHECK_INT(t.art.line, rep + 1);
        CHECK(memcmp(t.art.text, "abcdefgh \xC3\xA9" "ab", 13) == 0);
    }
    CHECK_INT(rd_next(&t), EVC_END);
    rd_close(&t);
    free(s);

    /* exactly EVC_JSONL_MAX_LINE bytes is read; one more is not */
    for (int extra = 0; extra < 2; extra++) {
        size_t n = (size_t)EVC_JSONL_MAX_LINE + (size_t)extra;
        char *l = malloc(n + 64);
        CHECK(l != NULL);
        if (!l)
            return;
        int h = sprintf(l, "{\"id\": \"max\", \"text\": \"");
        memset(l + h, 'x', n - (size_t)h - 2);
        static const char tail[] = "\"}\n{\"id\": \"n\", \"text\": \"\"}\n";
        memcpy(l + n - 2, tail, sizeof tail);
        rd_mem(&t, evc_jsonl_reader_open, "max.jsonl", l, n - 2 + strlen(tail));
        CHECK_INT(rd_next(&t), extra ? EVC_ERR_LIMIT : EVC_OK);
        if (!extra)
            CHECK_INT(t.art.text_len, n - (size_t)h - 2);
        CHECK_INT(rd_next(&t), EVC_OK);
        CHECK_STR(t.art.id, "n");
        CHECK_INT(t.art.line, 2);
        rd_close(&t);
        free(l);
    }
}

/* Deep nesting (jansson stops at 2048 levels), many members, long
 * backslash runs: the member scanner must agree with jansson and stay
 * linear. */
static void test_pathological(void)
{
    size_t cap = 8u << 20, k = 0;
    char *s = malloc(cap);
    CHECK(s != NULL);
    if (!s)
        return;
    int depth[2] = {2000, 100000};
    for (int d = 0; d < 2; d++) {
        k += (size_t)sprintf(s + k, "{\"id\": \"deep%d\", \"text\": \"t\", "
                                    "\"x\": ", d);
        memset(s + k, '[', (size_t)depth[d]);
        k += (size_t)depth[d];
        memset(s + k, ']', (size_t)depth[d]);
        k += (size_t)depth[d];
        k += (size_t)sprintf(s + k, "}\n");
    }
    k += (size_t)sprintf(s + k, "{\"id\": \"many\", \"text\": \"t\"");
    for (int i = 0; i < 200000; i++)
        k += (size_t)sprintf(s + k, ", \"k%d\": %d", i, i);
    k += (size_t)sprintf(s + k, "}\n{\"id\": \"bs\", \"text\": \"");
    for (int i = 0; i < 100000; i++) {
        memcpy(s + k, "\\\\\\\"", 4); /* \\\" decodes to \" */
        k += 4;
    }
    k += (size_t)sprintf(s + k, "\", \"q\": \"\\\\\"}\n");
    rd t;
    rd_mem(&t, evc_jsonl_reader_open, "deep.jsonl", s, k);
    CHECK_INT(rd_next(&t), EVC_OK);
    CHECK_STR(t.art.id, "deep0");
    CHECK_INT(strlen(t.art.extra_json), 4000 + 6);
    CHECK_INT(rd_next(&t), EVC_ERR_SYNTAX);
    CHECK(strstr(t.err.message, "maximum parsing depth") != NULL);
    CHECK_INT(t.err.line, 2);
    CHECK_INT(rd_next(&t), EVC_OK);
    CHECK_STR(t.art.id, "many");
    CHECK(t.art.extra_json && strncmp(t.art.extra_json, "{\"k0\":0,\"k1\":1,",
                                      15) == 0);
    CHECK(t.art.extra_json && strstr(t.art.extra_json, ",\"k199999\":199999}"));
    CHECK_INT(rd_next(&t), EVC_OK);
    CHECK_STR(t.art.id, "bs");
    CHECK_INT(t.art.text_len, 200000);
    CHECK(strncmp(t.art.text, "\\\"\\\"", 4) == 0);
    CHECK_STR(t.art.extra_json, "{\"q\":\"\\\\\"}");
    CHECK_INT(rd_next(&t), EVC_END);
    rd_close(&t);
    free(s);
}

/* A text file over EVC_TEXT_MAX: /dev/zero never ends. */
static void test_text_limit(void)
{
    rd t;
    rd_open(&t, evc_text_reader_open, "/dev/zero");
    const want w[] = {
        {EVC_ERR_LIMIT, 0, 0,
         "article \"zero\": text file larger than 67108864 bytes"},
        {EVC_END, 0, 0, NULL},
    };
    expect(&t, w, 2, "/dev/zero");
    rd_close(&t);
}

int main(void)
{
    test_huge_line();
    test_example();
    test_reuters();
    test_mixed();
    test_files();
    test_strings();
    test_dates();
    test_long_lines();
    test_pathological();
    test_text_limit();
    TEST_DONE();
}
