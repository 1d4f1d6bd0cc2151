/* test_conllu.c: the CoNLL-U reader (src/read/conllu.c): fields, comments,
 * skipped lines, UD v1 → v2 labels, error positions and limits, and whole
 * UD English treebanks read through the streaming reader. */
#include "evcode.h"
#include "testing.h"

#include <stdlib.h>
#include <string.h>

static evc_status parse(evc_arena *a, const char *text, evc_sentence *s,
                        evc_error *err)
{
    return evc_conllu_parse(text, strlen(text), a, s, "t.conllu", 10, err);
}

/* A v1 sentence from the PETRARCH records, plus a range and an empty node. */
static const char *V1 =
    "# sent_id = DEMO_00\n"
    "# newpar\n"
    "# text = Arnor did n't restore ties with Gondor.\n"
    "1\tArnor\tArnor\tPROPN\tNNP\tNumber=Sing\t4\tnsubj\t_\t_\n"
    "2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tneg\t_\t_\n"
    "4\trestore\trestore\tVERB\tVB\tVerbForm=Inf\t0\troot\t_\t_\n"
    "4.1\tgave\tgive\tVERB\tVBD\t_\t_\t_\t4:conj\t_\n"
    "5\tties\ttie\tNOUN\tNNS\tNumber=Plur\t4\tdobj\t_\t_\n"
    "6\twith\twith\tADP\tIN\t_\t7\tcase\t_\t_\n"
    "7\tGondor\tGondor\tPROPN\tNNP\tNumber=Sing\t4\tnmod\t_\t_\n"
    "8\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n";

static void test_fields(void)
{
    evc_arena *a = evc_arena_new(0);
    evc_sentence s;
    evc_error err = {0};
    CHECK_INT(parse(a, V1, &s, &err), EVC_OK);
    CHECK_INT(s.ntok, 8);
    CHECK_STR(s.id, "DEMO_00");
    CHECK_STR(s.text, "Arnor did n't restore ties with Gondor.");
    CHECK_INT(s.date, 0);
    CHECK_STR(s.tok[0].form, "ROOT");
    CHECK_INT(s.tok[0].head, -1);
    CHECK_STR(s.tok[0].deprel, "root");
    CHECK_STR(s.tok[1].form, "Arnor");
    CHECK_STR(s.tok[1].upos, "PROPN");
    CHECK_STR(s.tok[1].xpos, "NNP");
    CHECK_STR(s.tok[1].feats, "Number=Sing");
    CHECK_INT(s.tok[1].head, 4);
    CHECK_STR(s.tok[2].form, "did"); /* the range line 2-3 was skipped */
    CHECK_STR(s.tok[3].lemma, "not");
    CHECK_STR(s.tok[5].form, "ties"); /* the empty node 4.1 was skipped */
    CHECK_STR(s.tok[4].deprel, "root");
    CHECK_INT(s.tok[4].head, 0);
    CHECK_INT(s.tok[8].head, 4);
    CHECK_INT(s.tok[5].word, 0);
    CHECK_INT(s.tok[5].lword, 0);
    /* v1 → v2 */
    CHECK_STR(s.tok[5].deprel, "obj");
    CHECK_STR(s.tok[3].deprel, "advmod"); /* neg; lemma "not" stays */
    CHECK_STR(s.tok[7].deprel, "obl");    /* nmod under a VERB */
    CHECK_STR(s.tok[6].deprel, "case");
    evc_arena_free(a);
}

/* One v1 sentence per label; the head's UPOS decides nmod vs obl. */
static void test_v1_labels(void)
{
    static const struct {
        const char *rel, *head_upos, *want;
    } cases[] = {
        {"dobj", "VERB", "obj"},
        {"nsubjpass", "VERB", "nsubj:pass"},
        {"csubjpass", "VERB", "csubj:pass"},
        {"auxpass", "VERB", "aux:pass"},
        {"neg", "VERB", "advmod"},
        {"mwe", "ADP", "fixed"},
        {"name", "PROPN", "flat"},
        {"foreign", "X", "flat:foreign"},
        {"remnant", "NOUN", "orphan"},
        {"dislocated", "VERB", "dislocated"},
        {"nmod", "VERB", "obl"},
        {"nmod", "AUX", "obl"},
        {"nmod", "ADJ", "obl"},
        {"nmod", "NOUN", "nmod"},
        {"nmod:tmod", "VERB", "obl:tmod"},
        {"nmod:tmod", "NOUN", "nmod:tmod"},
        {"nmod:npmod", "ADJ", "obl:npmod"},
        {"nmod:poss", "NOUN", "nmod:poss"},
        {"acl:relcl", "NOUN", "acl:relcl"},
    };
    evc_arena *a = evc_arena_new(0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        /* token 3 carries a v1-only label (dobj), so the sentence is v1 */
        char buf[512];
        snprintf(buf, sizeof buf,
                 "1\thead\thead\t%s\tX\t_\t0\troot\t_\t_\n"
                 "2\tdep\tdep\tNOUN\tX\t_\t1\t%s\t_\t_\n"
                 "3\tobj\tobj\tNOUN\tX\t_\t1\tdobj\t_\t_\n",
                 cases[i].head_upos, cases[i].rel);
        evc_sentence s;
        evc_error err = {0};
        CHECK_INT(parse(a, buf, &s, &err), EVC_OK);
        CHECK_STR(s.tok[2].deprel, cases[i].want);
    }
    /* CONJ (v1) is CCONJ (v2) */
    evc_sentence s;
    CHECK_INT(parse(a, "1\tand\tand\tCONJ\tCC\t_\t0\troot\t_\t_\n", &s, NULL),
              EVC_OK);
    CHECK_STR(s.tok[1].upos, "CCONJ");
    /* a v2 sentence keeps nmod under an adjective ("much of the transition") */
    CHECK_INT(parse(a,
                    "1\tmuch\tmuch\tADJ\tJJ\t_\t0\troot\t_\t_\n"
                    "2\ttransition\ttransition\tNOUN\tNN\t_\t1\tnmod\t_\t_\n"
                    "3\tit\tit\tPRON\tPRP\t_\t1\tobl\t_\t_\n",
                    &s, NULL),
              EVC_OK);
    CHECK_STR(s.tok[2].deprel, "nmod");
    evc_arena_free(a);
}

/* Replaces line `n` (1-based) of V1 by `line`, into buf. */
static void v1_with(char *buf, size_t cap, int n, const char *line)
{
    const char *p = V1;
    size_t k = 0;
    for (int i = 1; *p; i++) {
        const char *nl = strchr(p, '\n');
        size_t len = (size_t)(nl - p) + 1;
        const char *src = i == n ? line : p;
        size_t slen = i == n ? strlen(line) : len;
        if (k + slen < cap) {
            memcpy(buf + k, src, slen);
            k += slen;
        }
        p += len;
    }
    buf[k] = 0;
}

static void test_errors(void)
{
    evc_arena *a = evc_arena_new(0);
    evc_sentence s;
    evc_error err = {0};
    char buf[2048];
    char msg[512];

    /* line 6 of V1 is file line 15: V1 starts at line 10 */
    v1_with(buf, sizeof buf, 6, "2\tdid\tdo\tAUX\tVBD\t_\t4\n");
    CHECK_INT(parse(a, buf, &s, &err), EVC_ERR_SYNTAX);
    CHECK_STR(err.message, "expected 10 tab-separated columns, found 7");
    CHECK_STR(err.file, "t.conllu");
    CHECK_INT(err.line, 15);
    CHECK_INT(err.column, 1);
    evc_error_format(&err, msg, sizeof msg);
    CHECK_STR(msg, "t.conllu:15:1: expected 10 tab-separated columns, found 7");

    v1_with(buf, sizeof buf, 6, "2\tdid\tdo\tAUX\tVBD\t_\t9\taux\t_\t_\n");
    CHECK_INT(parse(a, buf, &s, &err), EVC_ERR_SYNTAX);
    CHECK_STR(err.message, "expected a head between 0 and 8, found \"9\"");
    CHECK_INT(err.line, 15);
    CHECK_INT(err.column, 20);

    v1_with(buf, sizeof buf, 6, "2\tdid\tdo\tAUX\tVBD\t_\t-1\taux\t_\t_\n");
    CHECK_INT(parse(a, buf, &s, &err), EVC_ERR_SYNTAX);
    CHECK_INT(err.line, 15);

    v1_with(buf, sizeof buf, 6, "3\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_\n");
    CHECK_INT(parse(a, buf, &s, &err), EVC_ERR_SYNTAX);
    CHECK_STR(err.message, "expected token id 2, found \"3\"");

    v1_with(buf, sizeof buf, 6, "2\tdid\t\tAUX\tVBD\t_\t4\taux\t_\t_\n");
    CHECK_INT(parse(a, buf, &s, &err), EVC_ERR_SYNTAX);
    CHECK_INT(err.column, 7);

    v1_with(buf, sizeof buf, 6, "2\td\xc3(d\tdo\tAUX\tVBD\t_\t4\taux\t_\t_\n");
    CHECK_INT(parse(a, buf, &s, &err), EVC_ERR_UTF8);
    CHECK_INT(err.line, 15);
    CHECK_INT(err.column, 4);

    v1_with(buf, sizeof buf, 6,
            "2\td\xed\xa0\x80\tdo\tAUX\tVBD\t_\t4\taux\t_\t_\n");
    CHECK_INT(parse(a, buf, &s, &err), EVC_ERR_UTF8); /* a surrogate */

    v1_with(buf, sizeof buf, 5, "2-x\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n");
    CHECK_INT(parse(a, buf, &s, &err), EVC_ERR_SYNTAX);

    CHECK_INT(parse(a, "", &s, &err), EVC_ERR_SYNTAX);
    CHECK_STR(err.message, "expected at least one token line");
    CHECK_INT(parse(a, "# sent_id = x\n\n", &s, &err), EVC_ERR_SYNTAX);

    /* two sentences where one is expected */
    CHECK_INT(parse(a,
                    "1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n\n"
                    "1\tb\tb\tX\tX\t_\t0\troot\t_\t_\n",
                    &s, &err),
              EVC_ERR_SYNTAX);
    CHECK_INT(err.line, 12);

    /* CRLF line ends and trailing blank lines are fine */
    CHECK_INT(parse(a, "1\ta\ta\tX\tX\t_\t0\troot\t_\t_\r\n\r\n\n", &s, &err),
              EVC_OK);
    CHECK_STR(s.tok[1].form, "a");
    CHECK_STR(s.tok[1].deprel, "root");

    CHECK_INT(evc_conllu_parse(NULL, 3, a, &s, NULL, 1, &err), EVC_ERR_ARG);
    evc_arena_free(a);
}

static void test_limits(void)
{
    evc_arena *a = evc_arena_new(0);
    evc_sentence s;
    evc_error err = {0};

    /* a 2 MiB line */
    size_t big = 2u << 20;
    char *line = malloc(big + 64);
    memcpy(line, "1\t", 2);
    memset(line + 2, 'a', big);
    strcpy(line + 2 + big, "\ta\tX\tX\t_\t0\troot\t_\t_\n");
    CHECK_INT(evc_conllu_parse(line, strlen(line), a, &s, "big", 1, &err),
              EVC_ERR_LIMIT);
    CHECK_INT(err.line, 1);

    FILE *f = tmpfile();
    fputs("1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n\n", f);
    fputs(line, f);
    fputs("\n1\tb\tb\tX\tX\t_\t0\troot\t_\t_\n", f);
    rewind(f);
    evc_conllu_reader *r = NULL;
    CHECK_INT(evc_conllu_reader_open(f, "big.conllu", &r, &err), EVC_OK);
    CHECK_INT(evc_conllu_reader_next(r, a, &s, &err), EVC_OK);
    CHECK_INT(evc_conllu_reader_next(r, a, &s, &err), EVC_ERR_LIMIT);
    CHECK_INT(err.line, 3);
    CHECK_STR(err.file, "big.conllu");
    /* the error is sticky: the reader does not resync inside a huge line */
    CHECK_INT(evc_conllu_reader_next(r, a, &s, &err), EVC_ERR_LIMIT);
    evc_conllu_reader_close(r);
    fclose(f);
    free(line);

    /* 4097 tokens */
    size_t cap = 4100 * 40;
    char *text = malloc(cap), *w = text;
    for (int i = 1; i <= 4097; i++)
        w += sprintf(w, "%d\tw\tw\tX\tX\t_\t%d\tdep\t_\t_\n", i, i == 1 ? 0 : 1);
    CHECK_INT(evc_conllu_parse(text, (size_t)(w - text), a, &s, NULL, 1, &err),
              EVC_ERR_LIMIT);
    CHECK_INT(err.line, 4097);
    /* 4096 are fine */
    char *last = text;
    for (int i = 0; i < 4096; i++)
        last = strchr(last, '\n') + 1;
    CHECK_INT(evc_conllu_parse(text, (size_t)(last - text), a, &s, NULL, 1,
                               &err),
              EVC_OK);
    CHECK_INT(s.ntok, 4096);
    free(text);
    evc_arena_free(a);
}

static void test_reader(void)
{
    static char input[] =
        "# sent_id = s1\n"
        "1\tHello\thello\tINTJ\tUH\t_\t0\troot\t_\t_\n"
        "\n\n"
        "# sent_id = s2\n"
        "1\tbad\tbad\tX\tX\t_\t0\troot\n"
        "\n"
        "# sent_id = s3\n"
        "# text = Pakistan rejected it\n"
        "1\tPakistan\tPakistan\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
        "2\trejected\treject\tVERB\tVBD\t_\t0\troot\t_\t_\n"
        "3\tit\tit\tPRON\tPRP\t_\t2\tdobj\t_\t_"; /* no final newline */
    FILE *f = fmemopen(input, strlen(input), "r");
    evc_conllu_reader *r = NULL;
    evc_error err = {0};
    CHECK_INT(evc_conllu_reader_open(f, "mem.conllu", &r, &err), EVC_OK);
    evc_arena *a = evc_arena_new(0);
    evc_sentence s;
    CHECK_INT(evc_conllu_reader_next(r, a, &s, &err), EVC_OK);
    CHECK_STR(s.id, "s1");
    CHECK_INT(s.ntok, 1);
    /* a bad sentence is reported with its file line, then skipped */
    CHECK_INT(evc_conllu_reader_next(r, a, &s, &err), EVC_ERR_SYNTAX);
    CHECK_INT(err.line, 6);
    CHECK_STR(err.file, "mem.conllu");
    CHECK_INT(evc_conllu_reader_next(r, a, &s, &err), EVC_OK);
    CHECK_STR(s.id, "s3");
    CHECK_STR(s.text, "Pakistan rejected it");
    CHECK_INT(s.ntok, 3);
    CHECK_STR(s.tok[3].form, "it");
    CHECK_STR(s.tok[3].deprel, "obj");
    CHECK_INT(evc_conllu_reader_next(r, a, &s, &err), EVC_END);
    CHECK_INT(evc_conllu_reader_next(r, a, &s, &err), EVC_END);
    evc_conllu_reader_close(r);
    fclose(f);

    /* an empty file has no sentences */
    static char empty[] = "\n\n";
    f = fmemopen(empty, 2, "r");
    CHECK_INT(evc_conllu_reader_open(f, "e", &r, &err), EVC_OK);
    CHECK_INT(evc_conllu_reader_next(r, a, &s, &err), EVC_END);
    evc_conllu_reader_close(r);
    fclose(f);

    CHECK_INT(evc_conllu_reader_open(NULL, "x", &r, &err), EVC_ERR_ARG);
    evc_conllu_reader_close(NULL);
    evc_arena_free(a);
}

/* A whole treebank through the streaming reader: counts match the file, and
 * v2 annotation comes out unchanged. */
static void test_treebank(const char *path, int nsent, long ntok,
                          long nmod, long obl)
{
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    if (!f)
        return;
    evc_conllu_reader *r = NULL;
    evc_error err = {0};
    CHECK_INT(evc_conllu_reader_open(f, path, &r, &err), EVC_OK);
    evc_arena *a = evc_arena_new(0);
    evc_sentence s;
    int n = 0;
    long toks = 0, nm = 0, ob = 0;
    evc_status st;
    while ((st = evc_conllu_reader_next(r, a, &s, &err)) == EVC_OK) {
        if (n == 0 && strstr(path, "pud")) {
            CHECK_STR(s.id, "n01001011");
            CHECK_STR(s.tok[7].deprel, "nmod"); /* under ADJ "much" */
            CHECK_STR(s.tok[34].deprel, "nmod:unmarked");
        }
        n++;
        toks += s.ntok;
        for (int i = 1; i <= s.ntok; i++) {
            nm += strcmp(s.tok[i].deprel, "nmod") == 0;
            ob += strcmp(s.tok[i].deprel, "obl") == 0;
        }
        evc_arena_reset(a);
    }
    if (st != EVC_END) {
        char msg[600];
        evc_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "%s\n", msg);
    }
    CHECK_INT(st, EVC_END);
    CHECK_INT(n, nsent);
    CHECK_INT(toks, ntok);
    if (nmod >= 0) {
        CHECK_INT(nm, nmod);
        CHECK_INT(ob, obl);
    }
    evc_conllu_reader_close(r);
    evc_arena_free(a);
    fclose(f);
}

int main(void)
{
    test_fields();
    test_v1_labels();
    test_errors();
    test_limits();
    test_reader();
    test_treebank(SHARED "/data/ud/UD_English-PUD/en_pud-ud-test.conllu", 1000,
                  21180, 1082, 1244);
    test_treebank(SHARED "/data/ud/UD_English-EWT/en_ewt-ud-dev.conllu", 2001,
                  25147, -1, -1);
    TEST_DONE();
}
