/* test_xml.c: the PETRARCH XML reader (src/read/xml.c) on the 284 unit-test
 * records (UD and Penn parses), on streams longer than one read chunk, and on
 * broken input: empty, truncated, malformed, invalid UTF-8. */
#include "evcode.h"
#include "testing.h"

#include <stdlib.h>
#include <string.h>

#define UD_XML SHARED "/data/validation/PETR.UnitTest.records.ud.xml"
#define PTB_XML SHARED "/data/validation/PETR.UnitTest.records.ptb.xml"

/* Reads every record of f; returns the status that ended the loop and
 * counts records into *n. Calls `each` (if any) on every record. */
static evc_status read_all(FILE *f, const char *name, int *n, evc_error *err,
                           void (*each)(const evc_record *, int, void *),
                           void *ctx)
{
    evc_xml_reader *r = NULL;
    evc_status st = evc_xml_reader_open(f, name, &r, err);
    *n = 0;
    if (st != EVC_OK)
        return st;
    evc_arena *a = evc_arena_new(0);
    evc_record rec;
    while ((st = evc_xml_reader_next(r, a, &rec, err)) == EVC_OK) {
        if (each)
            each(&rec, *n, ctx);
        (*n)++;
        evc_arena_reset(a);
    }
    evc_arena_free(a);
    evc_xml_reader_close(r);
    return st;
}

static evc_status read_string(const char *xml, int *n, evc_error *err)
{
    FILE *f = fmemopen((void *)xml, strlen(xml), "r");
    if (!f)
        return EVC_ERR_IO;
    evc_status st = read_all(f, "mem.xml", n, err, NULL, NULL);
    fclose(f);
    return st;
}

/* ---------------------------------------------------------------- the UD file */

typedef struct totals {
    int gold, noevents, errors, parsed, parse_failed;
    evc_arena *arena;
} totals;

static void check_ud_record(const evc_record *r, int i, void *ctx)
{
    totals *t = ctx;
    t->gold += r->ngold;
    t->noevents += r->noevents;
    t->errors += r->gold_error != NULL;
    CHECK(r->id != NULL && r->text != NULL && r->parse != NULL);
    CHECK(r->date >= 19000101 && r->date <= 20991231);
    CHECK_INT(r->is_article, 0);

    /* every record's parse is CoNLL-U the parser takes */
    evc_sentence s;
    evc_error err = {0};
    evc_status st = evc_conllu_parse(r->parse, strlen(r->parse), t->arena, &s,
                                     "ud.xml", r->parse_line, &err);
    if (st == EVC_OK) {
        t->parsed++;
    } else {
        char msg[600];
        evc_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "record %s: %s\n", r->id, msg);
        t->parse_failed++;
    }

    if (i == 0) {
        CHECK_STR(r->id, "DEMO_00");
        CHECK_STR(r->source, "DEMO");
        CHECK_INT(r->date, 19950101);
        CHECK_INT(r->line, 62);
        CHECK_INT(r->parse_line, 72);
        /* trimmed, the line break inside is one space */
        CHECK_STR(r->text, "Arnor is about to restore full diplomatic ties with "
                           "Gondor almost five years after crowds trashed its "
                           "embassy.");
        CHECK_INT(r->ngold, 1);
        CHECK_STR(r->gold[0].source, "ARN");
        CHECK_STR(r->gold[0].target, "GON");
        CHECK_STR(r->gold[0].code, "050");
        CHECK_INT(r->noevents, 0);
        CHECK(r->gold_error == NULL);
        CHECK(strncmp(r->parse, "1\tArnor\tArnor\tPROPN", 19) == 0);
        CHECK_INT(s.ntok, 19);
        CHECK_STR(s.tok[8].form, "ties");
        CHECK_STR(s.tok[8].deprel, "obj");       /* dobj */
        CHECK_STR(s.tok[10].deprel, "obl");      /* nmod under "restore" */
        CHECK_STR(s.tok[13].deprel, "obl:tmod"); /* nmod:tmod under a verb */
        CHECK_STR(s.tok[15].deprel, "obl");
        CHECK_STR(s.tok[17].deprel, "nmod:poss");
        CHECK_INT(s.tok[3].head, 0);
    }
    if (strcmp(r->id, "DEMO_22") == 0) {
        /* &quot; in attributes is decoded */
        CHECK_INT(r->ngold, 2);
        CHECK_STR(r->gold[1].source, "\"INJURY TOLL\"");
        CHECK_STR(r->gold[1].target, "OSG");
        CHECK_STR(r->gold[1].code, "190");
    }
    if (strcmp(r->id, "COMPOUND_03") == 0) {
        CHECK_INT(r->line, 2064);
        CHECK_INT(r->ngold, 3);
        CHECK_STR(r->gold[2].source, "---GOV");
        CHECK_STR(r->gold[2].target, "---");
        CHECK_STR(r->gold[2].code, "010");
        CHECK_INT(r->date, 19950104);
    }
    if (strcmp(r->id, "VERB_20") == 0) {
        /* <EventCoding noevents="True"> </EventCoding> */
        CHECK_INT(r->noevents, 1);
        CHECK_INT(r->ngold, 0);
        CHECK_STR(r->text, "Ethiopia departx from Libya almost five years "
                           "after crowds trashed its embassy, a senior "
                           "official said on Saturday.");
    }
    if (strcmp(r->id, "ERROR_01") == 0) {
        CHECK_STR(r->gold_error, "dateline");
        CHECK_INT(r->ngold, 0);
        CHECK_INT(r->date, 20080801);
        CHECK_INT(r->line, 9733);
        CHECK_INT(r->parse_line, 9743);
    }
    if (i == 283) {
        CHECK_STR(r->id, "FINAL-RECORD");
        CHECK_INT(r->noevents, 1);
        CHECK_STR(r->text, "ALL OF THE UNIT TESTS WERE CODED CORRECTLY.");
        CHECK_STR(s.tok[6].deprel, "aux:pass"); /* auxpass */
    }
    evc_arena_reset(t->arena);
}

static void test_ud_file(void)
{
    FILE *f = fopen(UD_XML, "rb");
    CHECK(f != NULL);
    if (!f)
        return;
    evc_xml_reader *r = NULL;
    evc_error err = {0};
    CHECK_INT(evc_xml_reader_open(f, "ud.xml", &r, &err), EVC_OK);
    evc_arena *a = evc_arena_new(0);
    totals t = {0};
    t.arena = evc_arena_new(0);
    evc_record rec;
    int n = 0;
    evc_status st;
    while ((st = evc_xml_reader_next(r, a, &rec, &err)) == EVC_OK) {
        if (n == 0) {
            /* the <Environment> precedes the first record */
            const evc_environment *env = evc_xml_reader_environment(r);
            CHECK_STR(env->verbfile, "PETR.Validate.verbs.txt");
            CHECK_INT(env->nactorfiles, 1);
            CHECK_STR(env->actorfiles[0], "PETR.Validate.actors.txt");
            CHECK_STR(env->agentfile, "PETR.Validate.agents.txt");
            CHECK_STR(env->discardfile, "PETR.Validate.discards.txt");
            CHECK(env->issuefile == NULL);
        }
        check_ud_record(&rec, n++, &t);
        evc_arena_reset(a);
    }
    CHECK_INT(st, EVC_END);
    CHECK_INT(n, 284);
    CHECK_INT(t.gold, 349);
    CHECK_INT(t.noevents, 19);
    CHECK_INT(t.errors, 7);
    CHECK_INT(t.parsed, 284);
    CHECK_INT(t.parse_failed, 0);
    /* EVC_END repeats */
    CHECK_INT(evc_xml_reader_next(r, a, &rec, &err), EVC_END);
    evc_arena_free(t.arena);
    evc_arena_free(a);
    evc_xml_reader_close(r);
    fclose(f);
}

static void check_ptb_record(const evc_record *r, int i, void *ctx)
{
    int *gold = ctx;
    *gold += r->ngold;
    if (i == 0) {
        CHECK_STR(r->id, "DEMO-00");
        CHECK(r->source == NULL); /* this file has category=, not source= */
        CHECK_INT(r->parse_line, 71);
        CHECK(r->parse && strncmp(r->parse, "(ROOT (S", 8) == 0);
    }
    if (strcmp(r->id, "AFP0909010096-4") == 0) /* id after other attributes */
        CHECK_INT(r->date, 20090101);
}

static void test_ptb_file(void)
{
    FILE *f = fopen(PTB_XML, "rb");
    CHECK(f != NULL);
    if (!f)
        return;
    int n, gold = 0;
    evc_error err = {0};
    CHECK_INT(read_all(f, "ptb.xml", &n, &err, check_ptb_record, &gold),
              EVC_END);
    CHECK_INT(n, 284);
    CHECK_INT(gold, 359);
    fclose(f);
}

/* ---------------------------------------------------------- broken files */

/* The first `len` bytes of the UD file, as a FILE. */
static FILE *ud_prefix(long len)
{
    FILE *in = fopen(UD_XML, "rb");
    if (!in)
        return NULL;
    char *buf = malloc((size_t)len);
    size_t k = fread(buf, 1, (size_t)len, in);
    fclose(in);
    FILE *f = tmpfile();
    fwrite(buf, 1, k, f);
    free(buf);
    rewind(f);
    return f;
}

/* Byte offset of the start of line `line` (1-based) in the UD file. */
static long ud_line_offset(long line)
{
    FILE *in = fopen(UD_XML, "rb");
    if (!in)
        return 0;
    long off = 0, l = 1;
    int c;
    while (l < line && (c = getc(in)) != EOF) {
        off++;
        if (c == '\n')
            l++;
    }
    fclose(in);
    return off;
}

static void test_truncated(void)
{
    /* cut inside ERROR_01 (opened on line 9733), 20 bytes into line 9761 */
    FILE *f = ud_prefix(ud_line_offset(9761) + 20);
    CHECK(f != NULL);
    if (!f)
        return;
    int n;
    evc_error err = {0};
    CHECK_INT(read_all(f, "cut.xml", &n, &err, NULL, NULL), EVC_ERR_SYNTAX);
    fclose(f);
    CHECK_INT(n, 273); /* every record before ERROR_01 */
    CHECK_INT(err.code, EVC_ERR_SYNTAX);
    CHECK_STR(err.file, "cut.xml");
    CHECK_INT(err.line, 9761);
    CHECK_INT(err.column, 21);
    CHECK_STR(err.message, "unexpected end of file inside <Sentence "
                           "id=\"ERROR_01\"> opened on line 9733");

    /* cut between two records: the root is still open */
    f = ud_prefix(ud_line_offset(9732));
    int m;
    CHECK_INT(read_all(f, "cut2.xml", &m, &err, NULL, NULL), EVC_ERR_SYNTAX);
    fclose(f);
    CHECK_INT(m, 273);
    CHECK_INT(err.line, 9732);
    CHECK_STR(err.message, "unexpected end of file: 2 elements are not closed");

    /* cut inside a start tag */
    f = ud_prefix(ud_line_offset(62) + 30);
    CHECK_INT(read_all(f, "cut3.xml", &m, &err, NULL, NULL), EVC_ERR_SYNTAX);
    fclose(f);
    CHECK_INT(m, 0);
    CHECK_INT(err.line, 62);
}

static void test_malformed(void)
{
    int n;
    evc_error err = {0};

    CHECK_INT(read_string("", &n, &err), EVC_ERR_SYNTAX);
    CHECK_INT(err.line, 1);
    CHECK_STR(err.message, "expected a <Validation>, <Sentences> or <Articles> "
                           "document, found an empty file");

    /* mismatched tag: expat's message, with line and column */
    CHECK_INT(read_string("<Sentences>\n<Sentence id=\"a\">\n<Text>x</Txt>\n"
                          "</Sentence></Sentences>",
                          &n, &err),
              EVC_ERR_SYNTAX);
    CHECK_INT(err.line, 3);
    CHECK_INT(err.column, 10);
    CHECK_STR(err.message, "XML: mismatched tag");

    /* a '#' line between records is character data: XML allows it and the
     * reader ignores it */
    CHECK_INT(read_string("<Sentences>\n# banner\n<Sentence id=\"a\"><Text>x"
                          "</Text></Sentence>\n</Sentences>",
                          &n, &err),
              EVC_END);
    CHECK_INT(n, 1);
    /* before the root element it is not XML */
    CHECK_INT(read_string("# banner\n<Sentences></Sentences>", &n, &err),
              EVC_ERR_SYNTAX);
    CHECK_INT(err.line, 1);

    CHECK_INT(read_string("<Foo><Sentence id=\"a\"><Text>x</Text></Sentence>"
                          "</Foo>", &n, &err),
              EVC_ERR_SYNTAX);
    CHECK_STR(err.message, "expected <Validation>, <Sentences> or <Articles> "
                           "as the root element, found <Foo>");

    CHECK_INT(read_string("<Sentences>\n<Sentence date=\"20010101\"><Text>x"
                          "</Text></Sentence></Sentences>", &n, &err),
              EVC_ERR_SYNTAX);
    CHECK_INT(err.line, 2);
    CHECK_STR(err.message, "expected an id attribute in <Sentence>");

    CHECK_INT(read_string("<Sentences><Sentence id=\"a\" date=\"2001/01/01\">"
                          "<Text>x</Text></Sentence></Sentences>", &n, &err),
              EVC_ERR_SYNTAX);
    CHECK_STR(err.message, "expected date=\"yyyymmdd\" or \"yyyy-mm-dd\", "
                           "found \"2001/01/01\"");
    CHECK_INT(read_string("<Sentences><Sentence id=\"a\" date=\"20011301\">"
                          "<Text>x</Text></Sentence></Sentences>", &n, &err),
              EVC_ERR_SYNTAX);

    CHECK_INT(read_string("<Sentences>\n<Sentence id=\"a\">\n<Sentence id=\"b\">"
                          "</Sentence></Sentence></Sentences>", &n, &err),
              EVC_ERR_SYNTAX);
    CHECK_STR(err.message, "<Sentence> inside another record (opened on line 2)");

    CHECK_INT(read_string("<Sentences><Text>x</Text></Sentences>", &n, &err),
              EVC_ERR_SYNTAX);

    CHECK_INT(read_string("<Sentences>\n<Sentence id=\"a\">\n</Sentence>"
                          "</Sentences>", &n, &err),
              EVC_ERR_SYNTAX);
    CHECK_STR(err.message, "<Sentence id=\"a\"> (line 2) has no <Text>");
    CHECK_INT(err.line, 3);

    CHECK_INT(read_string("<Sentences></Sentences> junk", &n, &err),
              EVC_ERR_SYNTAX);
}

static void test_utf8(void)
{
    int n;
    evc_error err = {0};
    /* the record before the bad byte still comes out */
    CHECK_INT(read_string("<Sentences>\n<Sentence id=\"a\"><Text>ok</Text>"
                          "</Sentence>\n<Sentence id=\"b\"><Text>b\xe9t"
                          "</Text></Sentence></Sentences>",
                          &n, &err),
              EVC_ERR_UTF8);
    CHECK_INT(n, 1);
    CHECK_INT(err.line, 3);
    CHECK_INT(err.column, 25);
    CHECK_STR(err.message, "invalid UTF-8 byte 0xe9");

    /* even when the XML declaration says Latin-1 */
    CHECK_INT(read_string("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
                          "<Sentences><Sentence id=\"\xff\"/></Sentences>",
                          &n, &err),
              EVC_ERR_UTF8);
    CHECK_INT(err.line, 2);

    /* an overlong '/' */
    CHECK_INT(read_string("<Sentences><Sentence id=\"a\"><Text>\xc0\xaf</Text>"
                          "</Sentence></Sentences>", &n, &err),
              EVC_ERR_UTF8);
    /* a file cut inside a multi-byte character */
    CHECK_INT(read_string("<Sentences><Sentence id=\"a\"><Text>\xe2\x82",
                          &n, &err),
              EVC_ERR_UTF8);
}

/* ---------------------------------------------------------------- streaming */

typedef struct stream_ctx {
    int in_order;
    int text_ok;
} stream_ctx;

static void check_stream_record(const evc_record *r, int i, void *ctx)
{
    stream_ctx *c = ctx;
    char id[32];
    snprintf(id, sizeof id, "r%d", i);
    if (strcmp(r->id, id) != 0)
        c->in_order = 0;
    /* every text is "caf\u00e9 N", the é possibly split across chunks */
    char want[64];
    snprintf(want, sizeof want, "caf\xc3\xa9 %d", i);
    if (strcmp(r->text, want) != 0)
        c->text_ok = 0;
    if (i == 1)
        CHECK_INT(r->date, 20240229); /* ISO date */
}

/* Many records across many 64 KiB chunks, with 2-byte characters falling on
 * every byte position, so some straddle a chunk boundary. */
static void test_stream(void)
{
    FILE *f = tmpfile();
    fputs("<?xml version='1.0' encoding='utf-8'?>\n<Articles>\n", f);
    int nrec = 30000;
    for (int i = 0; i < nrec; i++)
        fprintf(f, "<Article id=\"r%d\" date=\"%s\"><Text>caf\xc3\xa9 %d</Text>"
                   "<EventCoding sourcecode=\"A\" targetcode=\"B\" "
                   "eventcode=\"%03d\"/></Article>\n",
                i, i == 1 ? "2024-02-29" : "20240101", i, i % 200);
    fputs("</Articles>\n", f);
    rewind(f);
    int n;
    evc_error err = {0};
    stream_ctx c = {1, 1};
    CHECK_INT(read_all(f, "stream.xml", &n, &err, check_stream_record, &c),
              EVC_END);
    CHECK_INT(n, nrec);
    CHECK(c.in_order);
    CHECK(c.text_ok);
    fclose(f);
}

/* Multi-byte characters cut by the 64 KiB read chunks at every possible
 * split: é (2 bytes) at 65535, € (3) at 131070, 😀 (4) at 196607 and at
 * 262141. They must come out whole, not as UTF-8 errors. */
static void test_chunk_boundaries(void)
{
    static const struct {
        long at;
        const char *ch;
    } put[] = {{65535, "\xc3\xa9"},
               {131070, "\xe2\x82\xac"},
               {196607, "\xf0\x9f\x98\x80"},
               {262141, "\xf0\x9f\x98\x80"}};
    const char *head = "<Sentences><Sentence id=\"big\"><Text>";
    const char *tail = "</Text></Sentence></Sentences>";
    size_t total = 300000, hl = strlen(head), tl = strlen(tail);
    char *doc = malloc(total + 1);
    memcpy(doc, head, hl);
    memset(doc + hl, 'x', total - hl - tl);
    memcpy(doc + total - tl, tail, tl);
    doc[total] = 0;
    for (size_t i = 0; i < sizeof put / sizeof put[0]; i++)
        memcpy(doc + put[i].at, put[i].ch, strlen(put[i].ch));
    /* the expected text is what lies between <Text> and </Text> */
    char *want = malloc(total);
    size_t wl = total - hl - tl;
    memcpy(want, doc + hl, wl);
    want[wl] = 0;

    FILE *f = fmemopen(doc, total, "r");
    evc_xml_reader *r = NULL;
    evc_error err = {0};
    CHECK_INT(evc_xml_reader_open(f, "chunks.xml", &r, &err), EVC_OK);
    evc_arena *a = evc_arena_new(0);
    evc_record rec;
    evc_status st = evc_xml_reader_next(r, a, &rec, &err);
    CHECK_INT(st, EVC_OK);
    if (st == EVC_OK) {
        CHECK_INT(strlen(rec.text), wl);
        CHECK(strcmp(rec.text, want) == 0);
    }
    CHECK_INT(evc_xml_reader_next(r, a, &rec, &err), EVC_END);
    evc_xml_reader_close(r);
    evc_arena_free(a);
    fclose(f);

    /* the same document with the é's second byte broken: an error, at its
     * line and column, although the byte is read in the second chunk */
    doc[65536] = 'y';
    f = fmemopen(doc, total, "r");
    int n;
    CHECK_INT(read_all(f, "chunks.xml", &n, &err, NULL, NULL), EVC_ERR_UTF8);
    CHECK_INT(err.line, 1);
    CHECK_INT(err.column, 65536);
    fclose(f);
    free(want);
    free(doc);
}

static void test_inline(void)
{
    static const char xml[] =
        "<Sentences>\n"
        "<Sentence id=\"s1\" date=\"20010911\" source=\"AFP\">\n"
        "<Text>  Line one\n   line two\tand  tab  </Text>\n"
        "<EventCoding noevents=\"true\"/>\n"
        "<Parse>\n"
        "\n"
        "1\tword\tword\tNOUN\tNN\t_\t0\troot\t_\t_\n"
        "2\tbad\tbad\tNOUN\tNN\t_\t1\tdep\t_\n"
        "</Parse>\n"
        "</Sentence>\n"
        "<Sentence id=\"s2\"><Text><![CDATA[a < b & c]]></Text>"
        "<Parse/></Sentence>\n"
        "</Sentences>\n";
    FILE *f = fmemopen((void *)xml, sizeof xml - 1, "r");
    evc_xml_reader *r = NULL;
    evc_error err = {0};
    CHECK_INT(evc_xml_reader_open(f, "in.xml", &r, &err), EVC_OK);
    evc_arena *a = evc_arena_new(0);
    evc_record rec;
    CHECK_INT(evc_xml_reader_next(r, a, &rec, &err), EVC_OK);
    CHECK_STR(rec.id, "s1");
    CHECK_STR(rec.source, "AFP");
    CHECK_INT(rec.date, 20010911);
    CHECK_INT(rec.line, 2);
    CHECK_STR(rec.text, "Line one line two\tand  tab");
    CHECK_INT(rec.noevents, 1);
    CHECK_INT(rec.ngold, 0);
    CHECK(rec.gold == NULL);
    CHECK_INT(rec.parse_line, 8); /* <Parse> on line 6, a blank line 7 */
    /* a CoNLL-U error in a parse names the XML file's line */
    evc_sentence s;
    CHECK_INT(evc_conllu_parse(rec.parse, strlen(rec.parse), a, &s, "in.xml",
                               rec.parse_line, &err),
              EVC_ERR_SYNTAX);
    CHECK_INT(err.line, 9);
    CHECK_STR(err.message, "expected 10 tab-separated columns, found 9");

    CHECK_INT(evc_xml_reader_next(r, a, &rec, &err), EVC_OK);
    CHECK_STR(rec.id, "s2");
    CHECK_STR(rec.text, "a < b & c");
    CHECK(rec.parse == NULL);
    CHECK(rec.source == NULL);
    CHECK_INT(rec.date, 0);
    CHECK_INT(evc_xml_reader_next(r, a, &rec, &err), EVC_END);
    /* no <Environment> in this file */
    CHECK(evc_xml_reader_environment(r)->verbfile == NULL);
    CHECK_INT(evc_xml_reader_environment(r)->nactorfiles, 0);
    evc_xml_reader_close(r);
    evc_arena_free(a);
    fclose(f);

    /* several <Actorfile>, and an <Issuefile> */
    static const char env[] =
        "<Validation><Environment><Verbfile> v.txt </Verbfile>"
        "<Actorfile>a1.txt</Actorfile><Actorfile>a2.txt</Actorfile>"
        "<Issuefile>i.txt</Issuefile></Environment>"
        "<Sentences><Sentence id=\"x\"><Text>t</Text></Sentence></Sentences>"
        "</Validation>";
    f = fmemopen((void *)env, sizeof env - 1, "r");
    CHECK_INT(evc_xml_reader_open(f, "env.xml", &r, &err), EVC_OK);
    a = evc_arena_new(0);
    CHECK_INT(evc_xml_reader_next(r, a, &rec, &err), EVC_OK);
    const evc_environment *e = evc_xml_reader_environment(r);
    CHECK_STR(e->verbfile, "v.txt");
    CHECK_INT(e->nactorfiles, 2);
    CHECK_STR(e->actorfiles[1], "a2.txt");
    CHECK_STR(e->issuefile, "i.txt");
    CHECK(e->agentfile == NULL);
    evc_xml_reader_close(r);
    evc_arena_free(a);
    fclose(f);

    /* empty elements before any character data (a fuzzer finding) */
    static const char empty[] =
        "<Validation><Environment><Verbfile/></Environment><Sentences>"
        "<Sentence id=\"e\"><Text/><Parse></Parse></Sentence></Sentences>"
        "</Validation>";
    f = fmemopen((void *)empty, sizeof empty - 1, "r");
    CHECK_INT(evc_xml_reader_open(f, "empty.xml", &r, &err), EVC_OK);
    a = evc_arena_new(0);
    CHECK_INT(evc_xml_reader_next(r, a, &rec, &err), EVC_OK);
    CHECK_STR(rec.text, "");
    CHECK(rec.parse == NULL);
    CHECK_STR(evc_xml_reader_environment(r)->verbfile, "");
    CHECK_INT(evc_xml_reader_next(r, a, &rec, &err), EVC_END);
    evc_xml_reader_close(r);
    evc_arena_free(a);
    fclose(f);

    CHECK_INT(evc_xml_reader_open(NULL, "x", &r, &err), EVC_ERR_ARG);
    evc_xml_reader_close(NULL);
}

int main(void)
{
    test_ud_file();
    test_ptb_file();
    test_truncated();
    test_malformed();
    test_utf8();
    test_inline();
    test_stream();
    test_chunk_boundaries();
    TEST_DONE();
}
