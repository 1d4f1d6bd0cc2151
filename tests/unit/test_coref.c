/* test_coref.c: unit tests of coreference in coding (evc_code_sentence_ctx,
 * evc_coref_*): short hand-parsed articles (UD v2) coded sentence by
 * sentence with one context, on the small dictionary set of
 * tests/data/coref_dicts. Each case asserts the exact events with and
 * without the context (ctx NULL must give the old result). */
#include "evcode.h"
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static evc_dicts *D;
static evc_arena *A;

#define DATE 20240601

/* Rows "FORM LEMMA UPOS FEATS HEAD DEPREL", one per token, NULL-terminated,
 * are written out as CoNLL-U and read with evc_conllu_parse. */
static evc_sentence parse_rows(const char *const *rows)
{
    char buf[4096];
    size_t k = test_rows_conllu(rows, 1, buf, sizeof buf);
    evc_sentence s;
    evc_error e;
    memset(&e, 0, sizeof e);
    memset(&s, 0, sizeof s);
    CHECK_INT(evc_conllu_parse(buf, k, A, &s, "test", 1, &e), EVC_OK);
    s.date = DATE;
    return s;
}

/* Codes the sentence with ctx (may be NULL); require_dyad as given. */
static evc_events code(const char *const *rows, evc_coref *ctx, int dyad)
{
    evc_sentence s = parse_rows(rows);
    evc_code_opts o;
    evc_code_opts_default(&o);
    o.require_dyad = dyad;
    evc_events ev;
    evc_error e;
    memset(&e, 0, sizeof e);
    CHECK_INT(evc_code_sentence_ctx(D, &s, &o, ctx, A, &ev, &e), EVC_OK);
    return ev;
}

static void dump(const evc_events *ev, int line)
{
    fprintf(stderr, "  (line %d) got %d event(s):", line, ev->n);
    for (int i = 0; i < ev->n; i++)
        fprintf(stderr, " %s>%s:%s", ev->ev[i].source.code,
                ev->ev[i].target.code, ev->ev[i].code);
    fprintf(stderr, "\n");
}

static const evc_event *find(const evc_events *ev, const char *src,
                             const char *tgt, const char *code)
{
    for (int i = 0; i < ev->n; i++)
        if (!strcmp(ev->ev[i].source.code, src) &&
            !strcmp(ev->ev[i].target.code, tgt) && !strcmp(ev->ev[i].code, code))
            return &ev->ev[i];
    return NULL;
}

#define EXPECT_N(EV, WANT)                                                   \
    do {                                                                     \
        CHECK_INT((EV).n, (WANT));                                           \
        if ((EV).n != (WANT))                                                \
            dump(&(EV), __LINE__);                                           \
    } while (0)

/* The event SRC>TGT:CODE, which must be present (NULL and a failed check
 * otherwise). */
static const evc_event *expect(const evc_events *ev, const char *src,
                               const char *tgt, const char *code, int line)
{
    const evc_event *e = find(ev, src, tgt, code);
    CHECK(e != NULL);
    if (!e) {
        fprintf(stderr, "  missing %s>%s:%s\n", src, tgt, code);
        dump(ev, line);
    }
    return e;
}
#define EXPECT(EV, SRC, TGT, CODE) expect(&(EV), (SRC), (TGT), (CODE), __LINE__)

/* ------------------------------------------------------------ sentences */

/* Pakistan accused the Tehrik-i-Taliban Pakistan of attacks . */
static const char *const S_ACCUSE_TTP[] = {
    "Pakistan Pakistan PROPN Number=Sing 2 nsubj",
    "accused accuse VERB _ 0 root",
    "the the DET _ 4 det",
    "Tehrik-i-Taliban Tehrik-i-Taliban PROPN Number=Sing 2 obj",
    "Pakistan Pakistan PROPN Number=Sing 4 flat",
    "of of ADP _ 7 case",
    "attacks attack NOUN Number=Plur 2 obl",
    ". . PUNCT _ 2 punct", NULL};

/* The group rejected it . */
static const char *const S_GROUP_REJECTED_IT[] = {
    "The the DET _ 2 det",
    "group group NOUN Number=Sing 3 nsubj",
    "rejected reject VERB _ 0 root",
    "it it PRON Number=Sing|PronType=Prs 3 obj",
    ". . PUNCT _ 3 punct", NULL};

/* The government accused the militants . */
static const char *const S_GOV_ACCUSED_MILITANTS[] = {
    "The the DET _ 2 det",
    "government government NOUN Number=Sing 3 nsubj",
    "accused accuse VERB _ 0 root",
    "the the DET _ 5 det",
    "militants militant NOUN Number=Plur 3 obj",
    ". . PUNCT _ 3 punct", NULL};

/* Ishaq Dar met Wang Yi . */
static const char *const S_DAR_MET_WANG[] = {
    "Ishaq Ishaq PROPN Number=Sing 3 nsubj",
    "Dar Dar PROPN Number=Sing 1 flat",
    "met meet VERB _ 0 root",
    "Wang Wang PROPN Number=Sing 3 obj",
    "Yi Yi PROPN Number=Sing 4 flat",
    ". . PUNCT _ 3 punct", NULL};

/* He criticized China . */
static const char *const S_HE_CRITICIZED_CHINA[] = {
    "He he PRON Gender=Masc|Number=Sing|PronType=Prs 2 nsubj",
    "criticized criticize VERB _ 0 root",
    "China China PROPN Number=Sing 2 obj",
    ". . PUNCT _ 2 punct", NULL};

/* China criticized him . */
static const char *const S_CHINA_CRITICIZED_HIM[] = {
    "China China PROPN Number=Sing 2 nsubj",
    "criticized criticize VERB _ 0 root",
    "him he PRON Gender=Masc|Number=Sing|PronType=Prs 2 obj",
    ". . PUNCT _ 2 punct", NULL};

/* " He criticized China , " Baloch said . */
static const char *const S_QUOTED_HE[] = {
    "\" \" PUNCT _ 3 punct",
    "He he PRON Gender=Masc|Number=Sing|PronType=Prs 3 nsubj",
    "criticized criticize VERB _ 8 ccomp",
    "China China PROPN Number=Sing 3 obj",
    ", , PUNCT _ 3 punct",
    "\" \" PUNCT _ 3 punct",
    "Baloch Baloch PROPN Number=Sing 8 nsubj",
    "said say VERB _ 0 root",
    ". . PUNCT _ 8 punct", NULL};

/* Islamabad criticized Kabul . */
static const char *const S_ISLAMABAD_KABUL[] = {
    "Islamabad Islamabad PROPN Number=Sing 2 nsubj",
    "criticized criticize VERB _ 0 root",
    "Kabul Kabul PROPN Number=Sing 2 obj",
    ". . PUNCT _ 2 punct", NULL};

/* Karachi criticized Kabul . (Karachi codes PAK but is no capital) */
static const char *const S_KARACHI_KABUL[] = {
    "Karachi Karachi PROPN Number=Sing 2 nsubj",
    "criticized criticize VERB _ 0 root",
    "Kabul Kabul PROPN Number=Sing 2 obj",
    ". . PUNCT _ 2 punct", NULL};

/* It criticized China . */
static const char *const S_IT_CRITICIZED_CHINA[] = {
    "It it PRON Number=Sing|PronType=Prs 2 nsubj",
    "criticized criticize VERB _ 0 root",
    "China China PROPN Number=Sing 2 obj",
    ". . PUNCT _ 2 punct", NULL};

/* It accused Afghanistan . */
static const char *const S_IT_ACCUSED_AFGHANISTAN[] = {
    "It it PRON Number=Sing|PronType=Prs 2 nsubj",
    "accused accuse VERB _ 0 root",
    "Afghanistan Afghanistan PROPN Number=Sing 2 obj",
    ". . PUNCT _ 2 punct", NULL};

/* Pakistan criticized China . */
static const char *const S_PAKISTAN_CRITICIZED_CHINA[] = {
    "Pakistan Pakistan PROPN Number=Sing 2 nsubj",
    "criticized criticize VERB _ 0 root",
    "China China PROPN Number=Sing 2 obj",
    ". . PUNCT _ 2 punct", NULL};

/* China criticized Afghanistan . */
static const char *const S_CHINA_CRITICIZED_AFGHANISTAN[] = {
    "China China PROPN Number=Sing 2 nsubj",
    "criticized criticize VERB _ 0 root",
    "Afghanistan Afghanistan PROPN Number=Sing 2 obj",
    ". . PUNCT _ 2 punct", NULL};

/* Pakistan and China criticized Afghanistan . */
static const char *const S_PAK_AND_CHINA[] = {
    "Pakistan Pakistan PROPN Number=Sing 4 nsubj",
    "and and CCONJ _ 3 cc",
    "China China PROPN Number=Sing 1 conj",
    "criticized criticize VERB _ 0 root",
    "Afghanistan Afghanistan PROPN Number=Sing 4 obj",
    ". . PUNCT _ 4 punct", NULL};

/* Afghanistan accused them . */
static const char *const S_AFG_ACCUSED_THEM[] = {
    "Afghanistan Afghanistan PROPN Number=Sing 2 nsubj",
    "accused accuse VERB _ 0 root",
    "them they PRON Number=Plur|PronType=Prs 2 obj",
    ". . PUNCT _ 2 punct", NULL};

/* Pakistan said it criticized China . */
static const char *const S_PAK_SAID_IT[] = {
    "Pakistan Pakistan PROPN Number=Sing 2 nsubj",
    "said say VERB _ 0 root",
    "it it PRON Number=Sing|PronType=Prs 4 nsubj",
    "criticized criticize VERB _ 2 ccomp",
    "China China PROPN Number=Sing 4 obj",
    ". . PUNCT _ 2 punct", NULL};

/* Spokesperson Mumtaz Baloch criticized Afghanistan . (a name the
 * dictionaries lack: the phrase codes ---MED) */
static const char *const S_SPOKESPERSON[] = {
    "Spokesperson spokesperson NOUN Number=Sing 2 compound",
    "Mumtaz Mumtaz PROPN Number=Sing 4 nsubj",
    "Baloch Baloch PROPN Number=Sing 2 flat",
    "criticized criticize VERB _ 0 root",
    "Afghanistan Afghanistan PROPN Number=Sing 4 obj",
    ". . PUNCT _ 4 punct", NULL};

/* She criticized China . */
static const char *const S_SHE_CRITICIZED_CHINA[] = {
    "She she PRON Gender=Fem|Number=Sing|PronType=Prs 2 nsubj",
    "criticized criticize VERB _ 0 root",
    "China China PROPN Number=Sing 2 obj",
    ". . PUNCT _ 2 punct", NULL};

/* ------------------------------------------------------------ cases */

/* "The group" takes the armed group named before, not the country; an
 * object "it" is a thing, not an actor; "the government" is the country's,
 * "the militants" the armed group. */
static void test_group_and_government(void)
{
    evc_coref *c = evc_coref_new();
    CHECK(c != NULL);
    evc_events ev = code(S_ACCUSE_TTP, c, 1);
    EXPECT_N(ev, 1);
    const evc_event *e = EXPECT(ev, "PAK", "PAKREB", "112");
    if (e) {
        CHECK(e->source.antecedent == NULL);
        CHECK(e->target.antecedent == NULL);
    }

    ev = code(S_GROUP_REJECTED_IT, c, 0);
    EXPECT_N(ev, 1);
    e = EXPECT(ev, "PAKREB", "---", "120");
    if (e) {
        CHECK_STR(e->source.text, "The group");
        CHECK_STR(e->source.antecedent, "the Tehrik-i-Taliban Pakistan");
        CHECK_STR(e->source.root, "PAK");
        CHECK_STR(e->source.agent, "REB");
        CHECK_INT(e->source.head, 2);
        CHECK(e->target.antecedent == NULL);
    }

    ev = code(S_GOV_ACCUSED_MILITANTS, c, 1);
    EXPECT_N(ev, 1);
    e = EXPECT(ev, "PAKGOV", "PAKREB", "112");
    if (e) {
        CHECK_STR(e->source.text, "The government");
        CHECK_STR(e->source.antecedent, "Pakistan");
        CHECK_STR(e->target.text, "the militants");
        CHECK_STR(e->target.antecedent, "the Tehrik-i-Taliban Pakistan");
    }
    evc_coref_free(c);

    /* without a context: the old results */
    ev = code(S_GROUP_REJECTED_IT, NULL, 0);
    EXPECT_N(ev, 0);
    ev = code(S_GOV_ACCUSED_MILITANTS, NULL, 1);
    EXPECT_N(ev, 1);
    e = EXPECT(ev, "---GOV", "---UAF", "112");
    if (e)
        CHECK(e->source.antecedent == NULL);
}

/* He -> the earlier sentence's subject person, not the nearer object;
 * "him" follows the chain; a quoted "he" is left alone; a reset context
 * remembers no one. */
static void test_person_pronouns(void)
{
    evc_coref *c = evc_coref_new();
    evc_events ev = code(S_DAR_MET_WANG, c, 1);
    EXPECT_N(ev, 1);
    EXPECT(ev, "PAKGOV", "CHNGOV", "040");

    ev = code(S_HE_CRITICIZED_CHINA, c, 1);
    EXPECT_N(ev, 1);
    const evc_event *e = EXPECT(ev, "PAKGOV", "CHN", "111");
    if (e) {
        CHECK_STR(e->source.text, "He");
        CHECK_STR(e->source.antecedent, "Ishaq Dar");
    }

    ev = code(S_CHINA_CRITICIZED_HIM, c, 1);
    EXPECT_N(ev, 1);
    e = EXPECT(ev, "CHN", "PAKGOV", "111");
    if (e) {
        CHECK_STR(e->target.text, "him");
        CHECK_STR(e->target.antecedent, "Ishaq Dar");
    }

    ev = code(S_QUOTED_HE, c, 1);
    EXPECT_N(ev, 0);

    evc_coref_reset(c);
    ev = code(S_HE_CRITICIZED_CHINA, c, 1);
    EXPECT_N(ev, 0);

    /* pronouns look back two sentences at most */
    evc_coref_reset(c);
    code(S_DAR_MET_WANG, c, 1);
    code(S_CHINA_CRITICIZED_AFGHANISTAN, c, 1);
    code(S_CHINA_CRITICIZED_AFGHANISTAN, c, 1);
    ev = code(S_HE_CRITICIZED_CHINA, c, 1);
    EXPECT_N(ev, 0);
    evc_coref_free(c);

    ev = code(S_HE_CRITICIZED_CHINA, NULL, 1);
    EXPECT_N(ev, 0);
}

/* A person the dictionaries lack blocks the search: "She" after an
 * uncoded spokesperson is left alone, not given the earlier coded person. */
static void test_blocker(void)
{
    evc_coref *c = evc_coref_new();
    code(S_DAR_MET_WANG, c, 1);
    evc_events ev = code(S_SPOKESPERSON, c, 1);
    EXPECT_N(ev, 1);
    EXPECT(ev, "---MED", "AFG", "111");
    ev = code(S_SHE_CRITICIZED_CHINA, c, 1);
    EXPECT_N(ev, 0);
    /* without the spokesperson, "She" is the earlier person */
    evc_coref_reset(c);
    code(S_DAR_MET_WANG, c, 1);
    ev = code(S_SHE_CRITICIZED_CHINA, c, 1);
    EXPECT_N(ev, 1);
    EXPECT(ev, "PAKGOV", "CHN", "111");
    evc_coref_free(c);
}

/* A capital as subject or object is its country's government; another
 * city of the country is not. */
static void test_capitals(void)
{
    evc_coref *c = evc_coref_new();
    evc_events ev = code(S_ISLAMABAD_KABUL, c, 1);
    EXPECT_N(ev, 1);
    const evc_event *e = EXPECT(ev, "PAKGOV", "AFGGOV", "111");
    if (e) {
        CHECK_STR(e->source.text, "Islamabad");
        CHECK_STR(e->source.root, "PAK");
        CHECK_STR(e->source.agent, "GOV");
        CHECK(e->source.antecedent == NULL);
    }
    ev = code(S_KARACHI_KABUL, c, 1);
    EXPECT_N(ev, 1);
    EXPECT(ev, "PAK", "AFGGOV", "111");
    evc_coref_free(c);

    ev = code(S_ISLAMABAD_KABUL, NULL, 1);
    EXPECT_N(ev, 1);
    EXPECT(ev, "PAK", "AFG", "111");
}

/* "It" with nothing before it codes nothing (or no source without
 * require_dyad); "it" prefers the earlier sentence's subject; "it" in a
 * complement clause takes the governing subject of its own sentence. */
static void test_it(void)
{
    evc_coref *c = evc_coref_new();
    evc_events ev = code(S_IT_CRITICIZED_CHINA, c, 1);
    EXPECT_N(ev, 0);
    evc_coref_reset(c);
    ev = code(S_IT_CRITICIZED_CHINA, c, 0);
    EXPECT_N(ev, 1);
    const evc_event *e = EXPECT(ev, "---", "CHN", "111");
    if (e)
        CHECK(e->source.antecedent == NULL);

    evc_coref_reset(c);
    code(S_PAKISTAN_CRITICIZED_CHINA, c, 1);
    ev = code(S_IT_ACCUSED_AFGHANISTAN, c, 1);
    EXPECT_N(ev, 1);
    e = EXPECT(ev, "PAK", "AFG", "112");
    if (e)
        CHECK_STR(e->source.antecedent, "Pakistan");

    evc_coref_reset(c);
    ev = code(S_PAK_SAID_IT, c, 1);
    EXPECT_N(ev, 1);
    e = EXPECT(ev, "PAK", "CHN", "111");
    if (e) {
        CHECK_STR(e->source.text, "it");
        CHECK_STR(e->source.antecedent, "Pakistan");
    }
    evc_coref_free(c);

    /* the coder's own rule gives the same event without a context */
    ev = code(S_PAK_SAID_IT, NULL, 1);
    EXPECT_N(ev, 1);
    e = EXPECT(ev, "PAK", "CHN", "111");
    if (e)
        CHECK(e->source.antecedent == NULL);
}

/* "them" stands for every member of an earlier coordination, never for
 * its own clause's subject. */
static void test_they(void)
{
    evc_coref *c = evc_coref_new();
    evc_events ev = code(S_PAK_AND_CHINA, c, 1);
    EXPECT_N(ev, 2);
    ev = code(S_AFG_ACCUSED_THEM, c, 1);
    EXPECT_N(ev, 2);
    const evc_event *e = EXPECT(ev, "AFG", "PAK", "112");
    if (e)
        CHECK_STR(e->target.antecedent, "Pakistan");
    e = EXPECT(ev, "AFG", "CHN", "112");
    if (e)
        CHECK_STR(e->target.antecedent, "China");
    evc_coref_free(c);
    ev = code(S_AFG_ACCUSED_THEM, NULL, 1);
    EXPECT_N(ev, 0);
}

/* Pakistan and Afghanistan met . */
static const char *const S_PAK_AND_AFG_MET[] = {
    "Pakistan Pakistan PROPN Number=Sing 4 nsubj",
    "and and CCONJ _ 3 cc",
    "Afghanistan Afghanistan PROPN Number=Sing 1 conj",
    "met meet VERB _ 0 root",
    ". . PUNCT _ 4 punct", NULL};

/* The latter accused China . */
static const char *const S_LATTER_ACCUSED_CHINA[] = {
    "The the DET _ 2 det",
    "latter latter ADJ Degree=Cmp 3 nsubj",
    "accused accuse VERB _ 0 root",
    "China China PROPN Number=Sing 3 obj",
    ". . PUNCT _ 3 punct", NULL};

/* The former accused China . */
static const char *const S_FORMER_ACCUSED_CHINA[] = {
    "The the DET _ 2 det",
    "former former ADJ Degree=Pos 3 nsubj",
    "accused accuse VERB _ 0 root",
    "China China PROPN Number=Sing 3 obj",
    ". . PUNCT _ 3 punct", NULL};

/* Pakistan and the government of Afghanistan met , wherein the later
 * accused China . ("the later", misspelt, tagged as an adverb) */
static const char *const S_WHEREIN_THE_LATER[] = {
    "Pakistan Pakistan PROPN Number=Sing 7 nsubj",
    "and and CCONJ _ 4 cc",
    "the the DET _ 4 det",
    "government government NOUN Number=Sing 1 conj",
    "of of ADP _ 6 case",
    "Afghanistan Afghanistan PROPN Number=Sing 4 nmod",
    "met meet VERB _ 0 root",
    ", , PUNCT _ 12 punct",
    "wherein wherein ADV _ 12 advmod",
    "the the DET _ 11 det",
    "later late ADV Degree=Cmp 12 nsubj",
    "accused accuse VERB _ 7 advcl",
    "China China PROPN Number=Sing 12 obj",
    ". . PUNCT _ 7 punct", NULL};

/* The latter part accused China . ("latter" is no anaphor here) */
static const char *const S_LATTER_PART[] = {
    "The the DET _ 3 det",
    "latter latter ADJ Degree=Cmp 3 amod",
    "part part NOUN Number=Sing 4 nsubj",
    "accused accuse VERB _ 0 root",
    "China China PROPN Number=Sing 4 obj",
    ". . PUNCT _ 4 punct", NULL};

/* "the former" / "the latter" take the first / last coordinated actor
 * before them: in the sentence before, or in their own sentence. */
static void test_former_latter(void)
{
    evc_coref *c = evc_coref_new();
    evc_events ev = code(S_PAK_AND_AFG_MET, c, 0);
    ev = code(S_LATTER_ACCUSED_CHINA, c, 1);
    EXPECT_N(ev, 1);
    const evc_event *e = EXPECT(ev, "AFG", "CHN", "112");
    if (e)
        CHECK_STR(e->source.antecedent, "Afghanistan");
    evc_coref_reset(c);
    ev = code(S_PAK_AND_AFG_MET, c, 0);
    ev = code(S_FORMER_ACCUSED_CHINA, c, 1);
    EXPECT_N(ev, 1);
    EXPECT(ev, "PAK", "CHN", "112");
    /* two sentences back is too far */
    evc_coref_reset(c);
    ev = code(S_PAK_AND_AFG_MET, c, 0);
    ev = code(S_DAR_MET_WANG, c, 0);
    ev = code(S_LATTER_ACCUSED_CHINA, c, 1);
    EXPECT_N(ev, 0);
    /* in its own sentence; the conjunct's actor comes from a modifier */
    evc_coref_reset(c);
    ev = code(S_WHEREIN_THE_LATER, c, 1);
    EXPECT_N(ev, 1);
    e = EXPECT(ev, "AFGGOV", "CHN", "112");
    if (e)
        CHECK_STR(e->source.antecedent, "the government of Afghanistan");
    evc_coref_reset(c);
    ev = code(S_PAK_AND_AFG_MET, c, 0);
    ev = code(S_LATTER_PART, c, 1);
    EXPECT_N(ev, 0);
    evc_coref_free(c);
    /* without a context, nothing */
    ev = code(S_LATTER_ACCUSED_CHINA, NULL, 1);
    EXPECT_N(ev, 0);
}

/* The context holds the last 32 mentions: an article longer than that
 * neither fails nor keeps what it forgot. */
static void test_ring(void)
{
    evc_coref *c = evc_coref_new();
    code(S_DAR_MET_WANG, c, 1);
    for (int i = 0; i < 40; i++)
        code(S_CHINA_CRITICIZED_AFGHANISTAN, c, 1);
    evc_events ev = code(S_HE_CRITICIZED_CHINA, c, 1);
    EXPECT_N(ev, 0);
    /* "the government" reaches back as far as the ring holds */
    static const char *const gov[] = {
        "The the DET _ 2 det",
        "government government NOUN Number=Sing 3 nsubj",
        "criticized criticize VERB _ 0 root",
        "Pakistan Pakistan PROPN Number=Sing 3 obj",
        ". . PUNCT _ 3 punct", NULL};
    ev = code(gov, c, 1);
    EXPECT_N(ev, 1);
    EXPECT(ev, "CHNGOV", "PAK", "111");

    /* descriptions look further back than pronouns: "the group" four
     * sentences on */
    evc_coref_reset(c);
    code(S_ACCUSE_TTP, c, 1);
    for (int i = 0; i < 3; i++)
        code(S_CHINA_CRITICIZED_AFGHANISTAN, c, 1);
    ev = code(S_GROUP_REJECTED_IT, c, 0);
    EXPECT_N(ev, 1);
    EXPECT(ev, "PAKREB", "---", "120");
    evc_coref_free(c);
    evc_coref_free(NULL);
    evc_coref_reset(NULL);
}

int main(void)
{
    evc_error e;
    memset(&e, 0, sizeof e);
    if (evc_dicts_load_dir("tests/data/coref_dicts", &D, &e) != EVC_OK) {
        char b[512];
        evc_error_format(&e, b, sizeof b);
        fprintf(stderr, "loading tests/data/coref_dicts: %s\n", b);
        return 1;
    }
    A = evc_arena_new(0);
    test_group_and_government();
    test_person_pronouns();
    test_blocker();
    test_capitals();
    test_it();
    test_they();
    test_ring();
    test_former_latter();
    evc_arena_free(A);
    evc_dicts_free(D);
    TEST_DONE();
}
