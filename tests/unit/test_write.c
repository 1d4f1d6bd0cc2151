/* test_write.c: evc_event_write. Events built by hand are written to a
 * temporary file, read back, and every JSON line is parsed with jansson and
 * compared field by field; TSV lines are split into their 12 columns. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "evcode.h"
#include "testing.h"

#include <jansson.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ fixtures */

static evc_token toks[8];

/* "Pakistan rejected the idea straightaway ." with tok[0] the root. */
static void make_sentence(evc_sentence *s, const char *id, const char *text,
                          int32_t date)
{
    static const char *const forms[] = {"<root>", "Pakistan", "rejected", "the",
                                        "idea", "straightaway", "."};
    memset(toks, 0, sizeof toks);
    for (int i = 0; i < 7; i++) {
        toks[i].form = forms[i];
        toks[i].lemma = forms[i];
        toks[i].head = i == 2 ? 0 : 2;
    }
    s->id = id;
    s->text = text;
    s->date = date;
    s->ntok = 6;
    s->tok = toks;
}

static void make_event(evc_event *e, const char *code)
{
    memset(e, 0, sizeof *e);
    e->source = (evc_actor){.code = "PAKGOV", .root = "PAK", .agent = "GOV",
                            .text = "Pakistan", .head = 1};
    e->target = (evc_actor){.code = "CHN", .root = "CHN", .agent = "",
                            .text = "the idea", .head = 4};
    e->code = code;
    e->verb = 2;
    e->issues = "";
}

/* All that f holds (malloc'd, NUL-terminated), checked to be one line; f is
 * closed. */
static char *read_line_back(FILE *f)
{
    long n = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    size_t got = fread(buf, 1, (size_t)n, f);
    CHECK_INT(got, n);
    buf[got] = '\0';
    fclose(f);
    /* one event, one line */
    CHECK(got > 0 && buf[got - 1] == '\n');
    CHECK(strchr(buf, '\n') == buf + got - 1);
    return buf;
}

/* Writes one event to a temporary file and returns all the file holds
 * (malloc'd, NUL-terminated), or NULL if the write failed. */
static char *write_one(evc_format fmt, const char *aid, int idx,
                       const evc_sentence *s, const evc_event *e)
{
    FILE *f = tmpfile();
    CHECK(f != NULL);
    if (!f)
        return NULL;
    evc_error err;
    evc_status st = evc_event_write(f, fmt, aid, idx, s, e, &err);
    CHECK_INT(st, EVC_OK);
    return read_line_back(f);
}


static json_t *parse_line(const char *line)
{
    json_error_t jerr;
    json_t *j = json_loads(line, 0, &jerr);
    if (!j)
        fprintf(stderr, "jansson: %s at line %d col %d\n", jerr.text, jerr.line,
                jerr.column);
    CHECK(j != NULL);
    CHECK(j && json_is_object(j));
    return j;
}

static const char *jstr(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int jnull(json_t *o, const char *key)
{
    return json_is_null(json_object_get(o, key));
}

/* ------------------------------------------------------------ JSON Lines */

static void test_jsonl_basic(void)
{
    evc_sentence s;
    evc_event e;
    make_sentence(&s, "s-17", "Pakistan rejected the idea straightaway.", 20210315);
    make_event(&e, "120");
    e.issues = "NUCLEAR; TRADE;;  ;";
    char *line = write_one(EVC_FORMAT_JSONL, "art-7", 3, &s, &e);
    if (!line)
        return;
    json_t *j = parse_line(line);
    if (j) {
        CHECK_STR(jstr(j, "article_id"), "art-7");
        CHECK_INT(json_integer_value(json_object_get(j, "sentence")), 3);
        CHECK(json_is_integer(json_object_get(j, "sentence")));
        CHECK_STR(jstr(j, "sentence_id"), "s-17");
        CHECK_STR(jstr(j, "date"), "2021-03-15");
        json_t *src = json_object_get(j, "source");
        CHECK(json_is_object(src));
        CHECK_STR(jstr(src, "code"), "PAKGOV");
        CHECK_STR(jstr(src, "root"), "PAK");
        CHECK_STR(jstr(src, "agent"), "GOV");
        CHECK_STR(jstr(src, "text"), "Pakistan");
        json_t *tgt = json_object_get(j, "target");
        CHECK_STR(jstr(tgt, "code"), "CHN");
        CHECK_STR(jstr(tgt, "agent"), "");
        CHECK_STR(jstr(tgt, "text"), "the idea");
        CHECK_STR(jstr(j, "code"), "120");
        CHECK_STR(jstr(j, "root"), "12");
        CHECK_INT(json_integer_value(json_object_get(j, "quad")), 3);
        CHECK(fabs(json_number_value(json_object_get(j, "goldstein")) - -4.0) < 1e-9);
        json_t *pl = json_object_get(j, "plover");
        CHECK(json_is_object(pl));
        CHECK_STR(jstr(pl, "type"), "REJECT");
        CHECK_STR(jstr(pl, "mode"), "");
        CHECK(json_is_false(json_object_get(j, "negated")));
        json_t *iss = json_object_get(j, "issues");
        CHECK(json_is_array(iss));
        CHECK_INT(json_array_size(iss), 2);
        CHECK_STR(json_string_value(json_array_get(iss, 0)), "NUCLEAR");
        CHECK_STR(json_string_value(json_array_get(iss, 1)), "TRADE");
        CHECK_STR(jstr(j, "text"), "Pakistan rejected the idea straightaway.");
        CHECK_STR(jstr(j, "verb"), "rejected");
        CHECK(json_object_get(j, "explain") == NULL);
        CHECK_STR(jstr(j, "date_method"), "article"); /* not resolved */
        CHECK_INT(json_object_size(j), 16);
        json_decref(j);
    }
    /* the number is written with one decimal, whatever the locale */
    CHECK(strstr(line, "\"goldstein\":-4.0,") != NULL);
    free(line);

    /* 042: a PLOVER mode, a positive score, negation, explain */
    make_event(&e, "042");
    e.negated = 1;
    e.issues = NULL;
    e.explain = "verb VISIT [042]; actor PAKISTAN [PAK]";
    line = write_one(EVC_FORMAT_JSONL, NULL, 0, &s, &e);
    j = line ? parse_line(line) : NULL;
    if (j) {
        CHECK_STR(jstr(j, "article_id"), "s-17"); /* falls back to s->id */
        CHECK_INT(json_integer_value(json_object_get(j, "quad")), 1);
        CHECK(fabs(json_number_value(json_object_get(j, "goldstein")) - 1.9) < 1e-9);
        json_t *pl = json_object_get(j, "plover");
        CHECK_STR(jstr(pl, "type"), "CONSULT");
        CHECK_STR(jstr(pl, "mode"), "visit");
        CHECK(json_is_true(json_object_get(j, "negated")));
        CHECK_INT(json_array_size(json_object_get(j, "issues")), 0);
        CHECK_STR(jstr(j, "explain"), "verb VISIT [042]; actor PAKISTAN [PAK]");
        CHECK_INT(json_object_size(j), 17);
        json_decref(j);
    }
    CHECK(line && strstr(line, "\"goldstein\":1.9,") != NULL);
    free(line);
}

/* Unknown things are null, not guesses. */
static void test_jsonl_nulls(void)
{
    evc_sentence s;
    evc_event e;
    make_sentence(&s, NULL, NULL, 0);
    make_event(&e, "0421"); /* not a CAMEO code, but its root is 04 */
    e.verb = 99;             /* out of range */
    e.source = (evc_actor){.code = NULL};
    char *line = write_one(EVC_FORMAT_JSONL, NULL, 1, &s, &e);
    json_t *j = line ? parse_line(line) : NULL;
    if (j) {
        CHECK(jnull(j, "article_id"));
        CHECK(jnull(j, "sentence_id"));
        CHECK(jnull(j, "date"));
        CHECK_STR(jstr(j, "date_method"), "none");
        CHECK(jnull(j, "text"));
        CHECK(jnull(j, "verb"));
        CHECK_STR(jstr(j, "code"), "0421");
        CHECK_STR(jstr(j, "root"), "04");
        CHECK(jnull(j, "quad"));
        CHECK(jnull(j, "goldstein"));
        CHECK(jnull(j, "plover"));
        json_t *src = json_object_get(j, "source");
        CHECK_STR(jstr(src, "code"), "");
        CHECK_STR(jstr(src, "text"), "");
        json_decref(j);
    }
    free(line);

    /* a CAMEO code without a PLOVER crosswalk entry; a non-digit code */
    make_sentence(&s, "x", "t", 20211301); /* month 13: no date */
    make_event(&e, "010");
    line = write_one(EVC_FORMAT_JSONL, "a", 0, &s, &e);
    j = line ? parse_line(line) : NULL;
    if (j) {
        CHECK(jnull(j, "date"));
        CHECK(jnull(j, "plover"));
        CHECK_INT(json_integer_value(json_object_get(j, "quad")), 1);
        CHECK(fabs(json_number_value(json_object_get(j, "goldstein"))) < 1e-9);
        json_decref(j);
    }
    CHECK(line && strstr(line, "\"goldstein\":0.0,") != NULL);
    free(line);

    make_event(&e, "---");
    line = write_one(EVC_FORMAT_JSONL, "a", 0, &s, &e);
    j = line ? parse_line(line) : NULL;
    if (j) {
        CHECK(jnull(j, "root"));
        CHECK(jnull(j, "quad"));
        json_decref(j);
    }
    free(line);
}

/* Escapes: quotes, backslashes and control bytes are escaped, valid UTF-8
 * passes unchanged, and invalid bytes become U+FFFD, one per byte. */
static void test_jsonl_escaping(void)
{
    static const char text[] =
        "He said \"no\" \\ then\nleft\tfast\r\x01\x1f\x7f "
        "S\xC3\xA3o Paulo \xE2\x80\x94 \xE2\x80\x9Cok\xE2\x80\x9D \xF0\x9F\x98\x80 "
        "bad:\xFF|\xC0\x80|\xED\xA0\x80|\xF5\x80\x80\x80|\xE2\x82";
    static const char want[] =
        "He said \"no\" \\ then\nleft\tfast\r\x01\x1f\x7f "
        "S\xC3\xA3o Paulo \xE2\x80\x94 \xE2\x80\x9Cok\xE2\x80\x9D \xF0\x9F\x98\x80 "
        "bad:\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD|"
        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|"
        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|"
        "\xEF\xBF\xBD\xEF\xBF\xBD";
    evc_sentence s;
    evc_event e;
    make_sentence(&s, "id \"quoted\"\\", text, 19870302);
    make_event(&e, "042");
    e.explain = "pattern: \"* VISIT\"\n\x02";
    e.source.text = "\xE2\x80\x9CPakistan\xE2\x80\x9D";
    e.issues = "ISS\"1;\\ISS2";
    char *line = write_one(EVC_FORMAT_JSONL, NULL, 2, &s, &e);
    if (!line)
        return;
    /* the raw line: escapes in JSON's own short forms where it has them */
    CHECK(strstr(line, "\\\"no\\\" \\\\ then\\nleft\\tfast\\r\\u0001\\u001f\x7f") != NULL);
    json_t *j = parse_line(line);
    if (j) {
        CHECK_STR(jstr(j, "text"), want);
        CHECK_STR(jstr(j, "article_id"), "id \"quoted\"\\");
        CHECK_STR(jstr(j, "sentence_id"), "id \"quoted\"\\");
        CHECK_STR(jstr(j, "explain"), "pattern: \"* VISIT\"\n\x02");
        CHECK_STR(jstr(json_object_get(j, "source"), "text"),
                  "\xE2\x80\x9CPakistan\xE2\x80\x9D");
        json_t *iss = json_object_get(j, "issues");
        CHECK_INT(json_array_size(iss), 2);
        CHECK_STR(json_string_value(json_array_get(iss, 0)), "ISS\"1");
        CHECK_STR(json_string_value(json_array_get(iss, 1)), "\\ISS2");
        CHECK_STR(jstr(j, "date"), "1987-03-02");
        json_decref(j);
    }
    free(line);
}

/* A sentence far longer than the writer's stack buffer, escapes throughout. */
static void test_jsonl_long(void)
{
    size_t n = 50000;
    char *text = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        text[i] = i % 97 == 0 ? '"' : i % 89 == 0 ? '\n' : (char)('a' + i % 26);
    text[n] = '\0';
    evc_sentence s;
    evc_event e;
    make_sentence(&s, "long", text, 20200101);
    make_event(&e, "190");
    char *line = write_one(EVC_FORMAT_JSONL, "L", 0, &s, &e);
    json_t *j = line ? parse_line(line) : NULL;
    if (j) {
        CHECK(jstr(j, "text") && strcmp(jstr(j, "text"), text) == 0);
        CHECK_STR(jstr(j, "verb"), "rejected");
        CHECK_INT(json_integer_value(json_object_get(j, "quad")), 4);
        json_decref(j);
    }
    free(line);
    free(text);
}

/* Several events into one stream: one parseable line each. */
static void test_jsonl_stream(void)
{
    static const char *const codes[] = {"01", "0874", "1823", "20", "2042", "057"};
    FILE *f = tmpfile();
    CHECK(f != NULL);
    if (!f)
        return;
    evc_sentence s;
    evc_event e;
    make_sentence(&s, "many", "text", 20240229);
    for (int i = 0; i < 6; i++) {
        make_event(&e, codes[i]);
        CHECK_INT(evc_event_write(f, EVC_FORMAT_JSONL, "A", i, &s, &e, NULL), EVC_OK);
    }
    rewind(f);
    char *line = NULL;
    size_t cap = 0;
    int i = 0;
    while (getline(&line, &cap, f) > 0) {
        json_t *j = parse_line(line);
        if (j && i < 6) {
            CHECK_STR(jstr(j, "code"), codes[i]);
            CHECK_INT(json_integer_value(json_object_get(j, "sentence")), i);
            const evc_cameo_info *c = evc_cameo_lookup(codes[i]);
            CHECK(c && fabs(json_number_value(json_object_get(j, "goldstein")) -
                            c->goldstein) < 1e-9);
        }
        json_decref(j);
        i++;
    }
    CHECK_INT(i, 6);
    free(line);
    fclose(f);
}

/* The decimal point does not follow LC_NUMERIC (when a comma locale exists). */
static void test_locale(void)
{
    static const char *const names[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8",
                                        "fr_FR.utf8"};
    const char *ok = NULL;
    for (size_t i = 0; i < 4 && !ok; i++)
        ok = setlocale(LC_NUMERIC, names[i]);
    if (!ok)
        return; /* no such locale installed: nothing to show */
    evc_sentence s;
    evc_event e;
    make_sentence(&s, "l", "t", 20200101);
    make_event(&e, "042");
    char *line = write_one(EVC_FORMAT_JSONL, "a", 0, &s, &e);
    CHECK(line && strstr(line, "\"goldstein\":1.9,") != NULL);
    free(line);
    setlocale(LC_NUMERIC, "C");
}

/* ------------------------------------------------------------ TSV */

static int split_tabs(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p; p++)
        if (*p == '\t' && n < max) {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

static void test_tsv(void)
{
    evc_sentence s;
    evc_event e;
    make_sentence(&s, "s-9", "Pakistan rejected\tthe idea.", 20210315);
    make_event(&e, "1823");
    e.source.text = "Pakistani\tofficials\nin\r\nIslamabad";
    e.target.code = "CHNGOV";
    char *line = write_one(EVC_FORMAT_TSV, "art\t1", 4, &s, &e);
    if (!line)
        return;
    line[strlen(line) - 1] = '\0';
    char *f[16];
    int nf = split_tabs(line, f, 16);
    CHECK_INT(nf, 12);
    if (nf == 12) {
        CHECK_STR(f[0], "20210315");
        CHECK_STR(f[1], "PAKGOV");
        CHECK_STR(f[2], "CHNGOV");
        CHECK_STR(f[3], "1823");
        CHECK_STR(f[4], "18");
        CHECK_STR(f[5], "4");
        CHECK_STR(f[6], "-10.0");
        CHECK_STR(f[7], "art 1");
        CHECK_STR(f[8], "4");
        CHECK_STR(f[9], "Pakistani officials in  Islamabad");
        CHECK_STR(f[10], "the idea");
        CHECK_STR(f[11], "rejected");
    }
    free(line);

    /* unknown date and code: empty columns, still 12 of them */
    make_sentence(&s, "s-10", NULL, 0);
    make_event(&e, "075A");
    e.verb = 0;
    line = write_one(EVC_FORMAT_TSV, NULL, 0, &s, &e);
    if (!line)
        return;
    line[strlen(line) - 1] = '\0';
    nf = split_tabs(line, f, 16);
    CHECK_INT(nf, 12);
    if (nf == 12) {
        CHECK_STR(f[0], "");
        CHECK_STR(f[3], "075A");
        CHECK_STR(f[4], "07");
        CHECK_STR(f[5], "");
        CHECK_STR(f[6], "");
        CHECK_STR(f[7], "s-10");
        CHECK_STR(f[11], "");
    }
    free(line);

    /* a positive score keeps its one decimal */
    make_sentence(&s, "s", "t", 20200101);
    make_event(&e, "057");
    line = write_one(EVC_FORMAT_TSV, "a", 0, &s, &e);
    if (line) {
        nf = split_tabs(line, f, 16);
        CHECK(nf == 12 && strcmp(f[6], "8.0") == 0);
    }
    free(line);
}

/* ------------------------------------------------------------ errors */

static void test_errors(void)
{
    evc_sentence s;
    evc_event e;
    evc_error err;
    make_sentence(&s, "s", "t", 20200101);
    make_event(&e, "042");
    CHECK_INT(evc_event_write(NULL, EVC_FORMAT_JSONL, "a", 0, &s, &e, &err),
              EVC_ERR_ARG);
    CHECK_INT(err.code, EVC_ERR_ARG);
    FILE *f = tmpfile();
    CHECK_INT(evc_event_write(f, EVC_FORMAT_JSONL, "a", 0, NULL, &e, NULL),
              EVC_ERR_ARG);
    CHECK_INT(evc_event_write(f, EVC_FORMAT_TSV, "a", 0, &s, NULL, &err),
              EVC_ERR_ARG);
    CHECK_INT(evc_event_write(f, (evc_format)7, "a", 0, &s, &e, &err), EVC_ERR_ARG);
    CHECK(strstr(err.message, "format") != NULL);
    CHECK_INT(ftell(f), 0); /* nothing written on a refused call */
    fclose(f);

    /* a stream that cannot be written */
    f = fopen("/dev/null", "r");
    CHECK(f != NULL);
    if (f) {
        CHECK_INT(evc_event_write(f, EVC_FORMAT_JSONL, "a", 0, &s, &e, &err),
                  EVC_ERR_IO);
        CHECK_INT(err.code, EVC_ERR_IO);
        fclose(f);
    }
}

/* ------------------------------------------------------------ contexts */

/* Like write_one, through evc_event_write_ctx. */
static char *write_ctx(evc_format fmt, const evc_write_ctx *c,
                       const evc_sentence *s, const evc_event *e)
{
    FILE *f = tmpfile();
    CHECK(f != NULL);
    if (!f)
        return NULL;
    CHECK_INT(evc_event_write_ctx(f, fmt, c, s, e, NULL), EVC_OK);
    return read_line_back(f);
}

/* The n-th (1-based) tab-separated field of line, copied to out. */
static const char *tsv_col(const char *line, int n, char *out, size_t cap)
{
    const char *p = line;
    for (int i = 1; i < n && p; i++) {
        p = strchr(p, '\t');
        if (p)
            p++;
    }
    if (!p)
        return NULL;
    size_t k = strcspn(p, "\t\n");
    if (k >= cap)
        k = cap - 1;
    memcpy(out, p, k);
    out[k] = '\0';
    return out;
}

static int tsv_ncols(const char *line)
{
    int n = 1;
    for (const char *p = line; *p && *p != '\n'; p++)
        n += *p == '\t';
    return n;
}

static void test_ctx(void)
{
    evc_sentence s;
    evc_event e;
    make_sentence(&s, "s-3", "Pakistan rejected the idea straightaway.", 20150219);
    make_event(&e, "1212");
    e.issues = "NUCLEAR;TRADE";
    const char *ids[] = {"a-0", "b-2"};
    evc_write_ctx c;
    memset(&c, 0, sizeof c);
    c.article_id = "a";
    c.sentence_index = 2;
    c.event_number = 41;
    c.url = "http://example.org/a";
    c.news_source = "AFP";
    c.ids = ids;
    c.nids = 2;
    char col[128];

    /* JSON Lines: "ids" last, only when given */
    char *line = write_ctx(EVC_FORMAT_JSONL, &c, &s, &e);
    if (line) {
        json_t *j = parse_line(line);
        json_t *a = json_object_get(j, "ids");
        CHECK(json_is_array(a) && json_array_size(a) == 2);
        CHECK_STR(json_string_value(json_array_get(a, 1)), "b-2");
        CHECK(strstr(line, ",\"ids\":[\"a-0\",\"b-2\"]}\n") != NULL);
        json_decref(j);
        free(line);
    }
    c.nids = 0;
    line = write_ctx(EVC_FORMAT_JSONL, &c, &s, &e);
    CHECK(line && !strstr(line, "\"ids\""));
    free(line);
    c.nids = 2;

    /* Phoenix: 26 columns */
    line = write_ctx(EVC_FORMAT_PHOENIX, &c, &s, &e);
    if (line) {
        CHECK_INT(tsv_ncols(line), 26);
        CHECK_STR(tsv_col(line, 1, col, sizeof col), "41");
        CHECK_STR(tsv_col(line, 2, col, sizeof col), "20150219");
        CHECK_STR(tsv_col(line, 4, col, sizeof col), "02");
        CHECK_STR(tsv_col(line, 6, col, sizeof col), "PAKGOV");
        CHECK_STR(tsv_col(line, 7, col, sizeof col), "PAK");
        CHECK_STR(tsv_col(line, 8, col, sizeof col), "GOV");
        CHECK_STR(tsv_col(line, 11, col, sizeof col), "CHN");
        CHECK_STR(tsv_col(line, 14, col, sizeof col), "1212");
        CHECK_STR(tsv_col(line, 15, col, sizeof col), "12");
        CHECK_STR(tsv_col(line, 16, col, sizeof col), "3");
        CHECK_STR(tsv_col(line, 18, col, sizeof col), "NUCLEAR,1;TRADE,1");
        CHECK_STR(tsv_col(line, 24, col, sizeof col), "a-0;b-2");
        CHECK_STR(tsv_col(line, 25, col, sizeof col), "http://example.org/a");
        CHECK_STR(tsv_col(line, 26, col, sizeof col), "AFP");
        free(line);
    }
    /* a negative number leaves the first column out: the line starts with
     * the tab, and a caller's "41" before it gives the same line */
    evc_write_ctx c2 = c;
    c2.event_number = -1;
    char *rest = write_ctx(EVC_FORMAT_PHOENIX, &c2, &s, &e);
    line = write_ctx(EVC_FORMAT_PHOENIX, &c, &s, &e);
    if (rest && line) {
        CHECK(rest[0] == '\t');
        CHECK(strncmp(line, "41", 2) == 0 && strcmp(line + 2, rest) == 0);
    }
    free(rest);
    free(line);

    /* GDELT: 61 columns */
    line = write_ctx(EVC_FORMAT_GDELT, &c, &s, &e);
    if (line) {
        CHECK_INT(tsv_ncols(line), 61);
        CHECK_STR(tsv_col(line, 1, col, sizeof col), "41");
        CHECK_STR(tsv_col(line, 3, col, sizeof col), "201502");
        CHECK_STR(tsv_col(line, 5, col, sizeof col), "2015.1370");
        CHECK_STR(tsv_col(line, 7, col, sizeof col), "PAKISTAN");
        CHECK_STR(tsv_col(line, 8, col, sizeof col), "PAK");
        CHECK_STR(tsv_col(line, 13, col, sizeof col), "GOV");
        CHECK_STR(tsv_col(line, 26, col, sizeof col), "0");
        CHECK_STR(tsv_col(line, 27, col, sizeof col), "1212");
        CHECK_STR(tsv_col(line, 28, col, sizeof col), "121");
        CHECK_STR(tsv_col(line, 29, col, sizeof col), "12");
        CHECK_STR(tsv_col(line, 30, col, sizeof col), "3");
        CHECK_STR(tsv_col(line, 32, col, sizeof col), "2");
        CHECK_STR(tsv_col(line, 61, col, sizeof col), "http://example.org/a");
        free(line);
    }
    /* no URL: the article id; no context at all: s->id and one mention */
    c.url = NULL;
    line = write_ctx(EVC_FORMAT_GDELT, &c, &s, &e);
    if (line)
        CHECK_STR(tsv_col(line, 61, col, sizeof col), "a");
    free(line);
    line = write_ctx(EVC_FORMAT_GDELT, NULL, &s, &e);
    if (line) {
        CHECK_STR(tsv_col(line, 1, col, sizeof col), "0");
        CHECK_STR(tsv_col(line, 26, col, sizeof col), "1");
        CHECK_STR(tsv_col(line, 32, col, sizeof col), "1");
        CHECK_STR(tsv_col(line, 61, col, sizeof col), "s-3");
        free(line);
    }
}

/* An event with a date of its own (evc_event_date_resolve) writes it in
 * every format, and its method in JSON Lines. */
#define STARTS(line, lit) ((line) && !strncmp((line), (lit), strlen(lit)))

static void test_event_date(void)
{
    evc_sentence s;
    evc_event e;
    make_sentence(&s, "s-1", "Pakistan rejected the idea on Monday.", 20210315);
    make_event(&e, "120");
    e.date = 20210308;
    e.date_method = "clause";
    char *line = write_one(EVC_FORMAT_JSONL, "a", 0, &s, &e);
    json_t *j = line ? parse_line(line) : NULL;
    if (j) {
        CHECK_STR(jstr(j, "date"), "2021-03-08");
        CHECK_STR(jstr(j, "date_method"), "clause");
        json_decref(j);
    }
    free(line);
    line = write_one(EVC_FORMAT_TSV, "a", 0, &s, &e);
    CHECK(STARTS(line, "20210308\t"));
    free(line);
    line = write_one(EVC_FORMAT_PHOENIX, "a", 0, &s, &e);
    CHECK(STARTS(line, "0\t20210308\t2021\t03\t08\t"));
    free(line);
    line = write_one(EVC_FORMAT_GDELT, "a", 0, &s, &e);
    CHECK(STARTS(line, "0\t20210308\t202103\t2021\t"));
    free(line);
    /* "none" from the resolver with no article date: null */
    make_sentence(&s, "s-1", "t", 0);
    e.date = 0;
    e.date_method = "none";
    line = write_one(EVC_FORMAT_JSONL, "a", 0, &s, &e);
    j = line ? parse_line(line) : NULL;
    if (j) {
        CHECK(jnull(j, "date"));
        CHECK_STR(jstr(j, "date_method"), "none");
        json_decref(j);
    }
    free(line);
}

int main(void)
{
    test_jsonl_basic();
    test_jsonl_nulls();
    test_jsonl_escaping();
    test_jsonl_long();
    test_jsonl_stream();
    test_locale();
    test_tsv();
    test_event_date();
    test_ctx();
    test_errors();
    TEST_DONE();
}
