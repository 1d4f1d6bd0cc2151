/* test_coder.c: unit tests of the event coder (evc_code_sentence) on small
 * hand-written PETRARCH dictionaries (PETRARCH2 verb format) and UD v2
 * CoNLL-U parses. Each case shows one rule of the coder and asserts the exact
 * events: source, target, code, negation, verb token, and nothing else. */
#include "dict/dict.h"
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ dictionaries */

/* PETRARCH2 verbs: the "( )" pattern also makes the loader read the file as
 * PETRARCH2 (tree-matched) rather than PETRARCH1 (word order). */
static const char VERBS[] =
    "# test verbs, PETRARCH2 format\n"
    "--- ATTACK [190] ---\n"
    "ATTACK\n"
    "\n"
    "--- THREATEN [130] ---\n"
    "THREATEN\n"
    "\n"
    "--- RESTORE [030] ---\n"
    "RESTORE\n"
    "- * TIES [050]\n"
    "\n"
    "--- BARGAIN [031] ---\n"
    "BARGAIN\n"
    "- * (FOR ASYLUM) [1033]\n"
    "\n"
    "--- AGREE [---] ---\n"
    "AGREE\n"
    "\n"
    "--- MEET [040] ---\n"
    "MEET {MEETS MET MEETING}\n"
    "\n"
    "--- CONSULT [040:040] ---\n"
    "CONSULT\n"
    "\n"
    "--- NEGOTIATE [046] ---\n"
    "NEGOTIATE\n"
    "\n"
    "--- TALK [046:046] ---\n"
    "TALK\n"
    "\n"
    "--- GRANT [060] ---\n"
    "GIVE {GIVES GAVE GIVEN GIVING}\n"
    "\n"
    "--- OPPOSE [110] ---\n"
    "OPPOSE\n"
    "\n"
    "--- ACCUSE [112] ---\n"
    "ACCUSE\n"
    "\n"
    "--- DELAY [---] ---\n"
    "DELAY\n"
    "- % * [120]\n"
    "\n"
    "--- SAY [010] ---\n"
    "SAY {SAID SAYS}\n";

static const char ACTORS[] =
    "ARNOR [ARN]\n"
    "GONDOR [GON]\n"
    "+GONDORIAN\n"
    "MORDOR [MOR]\n"
    "FARAMIR [GON]\n"
    "ELESSAR [ARN]  # undated default, never used: the ranges cover all dates\n"
    "\t[ARNREB <20080120]\n"
    "\t[ARNGOV 20080120-20121109]\n"
    "\t[ARNELI >20121109]\n";

static const char AGENTS[] =
    "OFFICIAL [~GOV]\n"
    "PRIME_MINISTER [~GOV]\n"
    "GOVERNMENT [~GOV]\n"
    "CHARITY [NGO~]\n";

static const char DISCARDS[] =
    "MONTHS LATER\n"
    "+TYPHOON\n";

static evc_dicts *D;
static evc_arena *A;

static void load_dicts(void)
{
    evc_error e;
    memset(&e, 0, sizeof e);
    evc_status st = evc_dicts_new(&D, &e);
    if (st == EVC_OK)
        st = evc_dict_parse_verbs(D, "verbs", VERBS, sizeof VERBS - 1, &e);
    if (st == EVC_OK)
        st = evc_dict_parse_actors(D, "actors", ACTORS, sizeof ACTORS - 1, &e);
    if (st == EVC_OK)
        st = evc_dict_parse_agents(D, "agents", AGENTS, sizeof AGENTS - 1, &e);
    if (st == EVC_OK)
        st = evc_dict_parse_discards(D, "discards", DISCARDS,
                                     sizeof DISCARDS - 1, &e);
    if (st == EVC_OK)
        st = evc_dicts_finish(D, &e);
    if (st != EVC_OK) {
        char b[512];
        evc_error_format(&e, b, sizeof b);
        fprintf(stderr, "loading the test dictionaries: %s\n", b);
        exit(1);
    }
    CHECK_INT(D->verb_format, 2);
}

/* ------------------------------------------------------------ sentences */

/* Rows "FORM LEMMA UPOS HEAD DEPREL", one per token, NULL-terminated, are
 * written out as 10-column CoNLL-U (XPOS, FEATS, DEPS, MISC "_") and read
 * with evc_conllu_parse; then the sentence is coded. */
static evc_events code_rows(const char *const *rows, int32_t date,
                            const evc_code_opts *opts)
{
    char buf[4096];
    size_t k = test_rows_conllu(rows, 0, buf, sizeof buf);
    evc_sentence s;
    evc_error e;
    memset(&e, 0, sizeof e);
    evc_events ev;
    memset(&ev, 0, sizeof ev);
    evc_status st = evc_conllu_parse(buf, k, A, &s, "test", 1, &e);
    CHECK_INT(st, EVC_OK);
    if (st)
        return ev;
    s.date = date;
    evc_code_opts def;
    evc_code_opts_default(&def);
    st = evc_code_sentence(D, &s, opts ? opts : &def, A, &ev, &e);
    CHECK_INT(st, EVC_OK);
    return ev;
}

/* The event src>tgt:code, or NULL. */
static const evc_event *find(const evc_events *ev, const char *src,
                             const char *tgt, const char *code)
{
    for (int i = 0; i < ev->n; i++)
        if (!strcmp(ev->ev[i].source.code, src) &&
            !strcmp(ev->ev[i].target.code, tgt) && !strcmp(ev->ev[i].code, code))
            return &ev->ev[i];
    return NULL;
}

static void dump(const evc_events *ev, int line)
{
    fprintf(stderr, "  (line %d) got %d event(s):", line, ev->n);
    for (int i = 0; i < ev->n; i++)
        fprintf(stderr, " %s>%s:%s%s@%d", ev->ev[i].source.code,
                ev->ev[i].target.code, ev->ev[i].code,
                ev->ev[i].negated ? "(neg)" : "", ev->ev[i].verb);
    fprintf(stderr, "\n");
}

/* Exactly `want` events. */
#define EXPECT_N(EV, WANT)                                                   \
    do {                                                                     \
        CHECK_INT((EV).n, (WANT));                                           \
        if ((EV).n != (WANT))                                                \
            dump(&(EV), __LINE__);                                           \
    } while (0)

/* The event SRC>TGT:CODE is present, with its negation flag and verb. */
#define EXPECT(EV, SRC, TGT, CODE, NEG, VERB)                                \
    do {                                                                     \
        const evc_event *e_ = find(&(EV), (SRC), (TGT), (CODE));             \
        CHECK(e_ != NULL);                                                   \
        if (!e_) {                                                           \
            fprintf(stderr, "  missing %s>%s:%s\n", (SRC), (TGT), (CODE));   \
            dump(&(EV), __LINE__);                                           \
        } else {                                                             \
            CHECK_INT(e_->negated, (NEG));                                   \
            CHECK_INT(e_->verb, (VERB));                                     \
        }                                                                    \
    } while (0)

#define DATE 20100615

/* ------------------------------------------------------------ cases */

/* The subject acts on the direct object; the block's own code applies. */
static void test_subject_object(void)
{
    static const char *const r[] = {
        "Arnor Arnor PROPN 2 nsubj", "attacked attack VERB 0 root",
        "Mordor Mordor PROPN 2 obj", ". . PUNCT 2 punct", NULL};
    evc_events ev = code_rows(r, DATE, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "ARN", "MOR", "190", 0, 2);
    if (ev.n == 1) {
        CHECK_STR(ev.ev[0].source.root, "ARN");
        CHECK_STR(ev.ev[0].source.agent, "");
        CHECK_STR(ev.ev[0].source.text, "Arnor");
        CHECK_INT(ev.ev[0].source.head, 1);
        CHECK_STR(ev.ev[0].target.text, "Mordor");
        CHECK_INT(ev.ev[0].target.head, 3);
        CHECK(ev.ev[0].explain == NULL); /* not asked for */
        CHECK_INT(ev.discarded, 0);
    }
}

/* An object that is no actor ("relations") leaves the target to the
 * prepositional phrase of the verb ("with Gondor"); no pattern of RESTORE
 * matches, so the block default 030 applies. */
static void test_prepositional_target(void)
{
    static const char *const r[] = {
        "Arnor Arnor PROPN 2 nsubj", "restored restore VERB 0 root",
        "relations relation NOUN 2 obj", "with with ADP 5 case",
        "Gondor Gondor PROPN 2 obl", ". . PUNCT 2 punct", NULL};
    evc_events ev = code_rows(r, DATE, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "ARN", "GON", "030", 0, 2);
}

/* The same sentence with "ties": the pattern "- * TIES [050]" matches the
 * object's head word and its code replaces the block default. */
static void test_pattern_word(void)
{
    static const char *const r[] = {
        "Arnor Arnor PROPN 2 nsubj", "restored restore VERB 0 root",
        "ties tie NOUN 2 obj", "with with ADP 5 case",
        "Gondor Gondor PROPN 2 obl", ". . PUNCT 2 punct", NULL};
    evc_events ev = code_rows(r, DATE, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "ARN", "GON", "050", 0, 2);
}

/* "- * (FOR ASYLUM) [1033]" matches a prepositional phrase of the verb;
 * without it the block default 031 applies. The target is the other
 * prepositional phrase either way. */
static void test_pp_pattern(void)
{
    static const char *const with[] = {
        "Arnor Arnor PROPN 2 nsubj", "bargained bargain VERB 0 root",
        "with with ADP 4 case", "Gondor Gondor PROPN 2 obl",
        "for for ADP 6 case", "asylum asylum NOUN 2 obl",
        ". . PUNCT 2 punct", NULL};
    evc_events ev = code_rows(with, DATE, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "ARN", "GON", "1033", 0, 2);

    static const char *const without[] = {
        "Arnor Arnor PROPN 2 nsubj", "bargained bargain VERB 0 root",
        "with with ADP 4 case", "Gondor Gondor PROPN 2 obl",
        ". . PUNCT 2 punct", NULL};
    ev = code_rows(without, DATE, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "ARN", "GON", "031", 0, 2);
}

/* Passive: the "by" agent is the source, the passive subject the target. */
static void test_passive(void)
{
    static const char *const r[] = {
        "Gondor Gondor PROPN 3 nsubj:pass", "was be AUX 3 aux:pass",
        "attacked attack VERB 0 root", "by by ADP 5 case",
        "Mordor Mordor PROPN 3 obl:agent", ". . PUNCT 3 punct", NULL};
    evc_events ev = code_rows(r, DATE, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "MOR", "GON", "190", 0, 3);
}

/* Control: "Arnor agreed to meet Gondor". AGREE has no code, so MEET (an
 * xcomp) is coded, and its subject is the controller, Arnor. */
static void test_control(void)
{
    static const char *const r[] = {
        "Arnor Arnor PROPN 2 nsubj", "agreed agree VERB 0 root",
        "to to PART 4 mark", "meet meet VERB 2 xcomp",
        "Gondor Gondor PROPN 4 obj", ". . PUNCT 2 punct", NULL};
    evc_events ev = code_rows(r, DATE, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "ARN", "GON", "040", 0, 4);
}

/* Object control: "Arnor urged the elves to attack Gondor" — the elves
 * attack, not Arnor, though no dictionary knows them; with the object
 * parsed as an iobj too. AGREE stands in for the uncoded "urged". */
static void test_object_control(void)
{
    for (int k = 0; k < 2; k++) {
        const char *const r[] = {
            "Arnor Arnor PROPN 2 nsubj", "agreed agree VERB 0 root",
            "the the DET 4 det",
            k ? "elves elf NOUN 2 iobj" : "elves elf NOUN 2 obj",
            "to to PART 6 mark", "attack attack VERB 2 xcomp",
            "Gondor Gondor PROPN 6 obj", ". . PUNCT 2 punct", NULL};
        evc_events ev = code_rows(r, DATE, NULL);
        EXPECT_N(ev, 0);
    }
}

/* Conjoined verbs share the first one's subject: each verb gives its own
 * event with its own object. */
static void test_shared_subject(void)
{
    static const char *const r[] = {
        "Arnor Arnor PROPN 2 nsubj", "attacked attack VERB 0 root",
        "Mordor Mordor PROPN 2 obj", "and and CCONJ 5 cc",
        "threatened threaten VERB 2 conj", "Gondor Gondor PROPN 5 obj",
        ". . PUNCT 2 punct", NULL};
    evc_events ev = code_rows(r, DATE, NULL);
    EXPECT_N(ev, 2);
    EXPECT(ev, "ARN", "MOR", "190", 0, 2);
    EXPECT(ev, "ARN", "GON", "130", 0, 5);
}

/* Relative clause: the subject of "that attacked Gondor" is the noun the
 * clause modifies ("the Mordor group"), not the pronoun. */
static void test_relative_clause(void)
{
    static const char *const r[] = {
        "The the DET 3 det", "Mordor Mordor PROPN 3 compound",
        "group group NOUN 7 nsubj", "that that PRON 5 nsubj",
        "attacked attack VERB 3 acl:relcl", "Gondor Gondor PROPN 5 obj",
        "fled flee VERB 0 root", ". . PUNCT 7 punct", NULL};
    evc_events ev = code_rows(r, DATE, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "MOR", "GON", "190", 0, 5);
}

/* A coordinated subject gives one actor, and one event, per conjunct. */
static void test_conjoined_actors(void)
{
    static const char *const r[] = {
        "Arnor Arnor PROPN 4 nsubj", "and and CCONJ 3 cc",
        "Gondor Gondor PROPN 1 conj", "attacked attack VERB 0 root",
        "Mordor Mordor PROPN 4 obj", ". . PUNCT 4 punct", NULL};
    evc_events ev = code_rows(r, DATE, NULL);
    EXPECT_N(ev, 2);
    EXPECT(ev, "ARN", "MOR", "190", 0, 4);
    EXPECT(ev, "GON", "MOR", "190", 0, 4);

    /* the same on the object side: "attacked Mordor and Gondor" */
    static const char *const obj[] = {
        "Arnor Arnor PROPN 2 nsubj", "attacked attack VERB 0 root",
        "Mordor Mordor PROPN 2 obj", "and and CCONJ 5 cc",
        "Gondor Gondor PROPN 3 conj", ". . PUNCT 2 punct", NULL};
    ev = code_rows(obj, DATE, NULL);
    EXPECT_N(ev, 2);
    EXPECT(ev, "ARN", "MOR", "190", 0, 2);
    EXPECT(ev, "ARN", "GON", "190", 0, 2);
}

/* Agent composition: an adjective demonym ("+GONDORIAN" of GONDOR) with the
 * agent OFFICIAL [~GOV], singular and (regular) plural, gives GONGOV. */
static void test_agent_composition(void)
{
    static const char *const plural[] = {
        "Gondorian Gondorian ADJ 2 amod", "officials official NOUN 3 nsubj",
        "accused accuse VERB 0 root", "Mordor Mordor PROPN 3 obj",
        ". . PUNCT 3 punct", NULL};
    evc_events ev = code_rows(plural, DATE, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "GONGOV", "MOR", "112", 0, 3);
    if (ev.n == 1) {
        CHECK_STR(ev.ev[0].source.root, "GON");
        CHECK_STR(ev.ev[0].source.agent, "GOV");
        CHECK_STR(ev.ev[0].source.text, "Gondorian officials");
    }

    static const char *const singular[] = {
        "A a DET 3 det", "Gondorian Gondorian ADJ 3 amod",
        "official official NOUN 4 nsubj", "accused accuse VERB 0 root",
        "Mordor Mordor PROPN 4 obj", ". . PUNCT 4 punct", NULL};
    ev = code_rows(singular, DATE, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "GONGOV", "MOR", "112", 0, 4);
}

/* An agent written "[NGO~]" puts its code before the actor's: NGOARN. */
static void test_agent_prefix(void)
{
    static const char *const r[] = {
        "An a DET 3 det", "Arnor Arnor PROPN 3 compound",
        "charity charity NOUN 4 nsubj", "accused accuse VERB 0 root",
        "Mordor Mordor PROPN 4 obj", ". . PUNCT 4 punct", NULL};
    evc_events ev = code_rows(r, DATE, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "NGOARN", "MOR", "112", 0, 4);
}

/* An agent-only noun takes its actor from an "of" phrase: "the government
 * of Gondor" is GON + ~GOV. */
static void test_of_phrase(void)
{
    static const char *const r[] = {
        "The the DET 2 det", "government government NOUN 5 nsubj",
        "of of ADP 4 case", "Gondor Gondor PROPN 2 nmod",
        "accused accuse VERB 0 root", "Mordor Mordor PROPN 5 obj",
        ". . PUNCT 5 punct", NULL};
    evc_events ev = code_rows(r, DATE, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "GONGOV", "MOR", "112", 0, 5);
}

/* Date-restricted actor codes: the sentence date picks the code (before,
 * inside and after the middle range). */
static void test_dates(void)
{
    static const char *const r[] = {
        "Elessar Elessar PROPN 2 nsubj", "attacked attack VERB 0 root",
        "Mordor Mordor PROPN 2 obj", ". . PUNCT 2 punct", NULL};
    evc_events ev = code_rows(r, 20050101, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "ARNREB", "MOR", "190", 0, 2);
    ev = code_rows(r, 20100101, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "ARNGOV", "MOR", "190", 0, 2);
    ev = code_rows(r, 20150101, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "ARNELI", "MOR", "190", 0, 2);
}

/* An agent-only head with a proper name in apposition takes the name's
 * actor, the head's agent composed: "official Faramir" is GONGOV, not an
 * actorless ---GOV. */
static void test_appositive_name(void)
{
    static const char *const r[] = {
        "official official NOUN 3 nsubj", "Faramir Faramir PROPN 1 appos",
        "attacked attack VERB 0 root", "Mordor Mordor PROPN 3 obj",
        ". . PUNCT 3 punct", NULL};
    evc_events ev = code_rows(r, DATE, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "GONGOV", "MOR", "190", 0, 3);
}

/* "did not attack": 190 has no opposite in PETRARCH's ontology, so no event
 * by default, and an event marked negated with keep_negated. */
static void test_negation(void)
{
    static const char *const r[] = {
        "Arnor Arnor PROPN 4 nsubj", "did do AUX 4 aux",
        "not not PART 4 advmod", "attack attack VERB 0 root",
        "Gondor Gondor PROPN 4 obj", ". . PUNCT 4 punct", NULL};
    evc_events ev = code_rows(r, DATE, NULL);
    EXPECT_N(ev, 0);

    evc_code_opts o;
    evc_code_opts_default(&o);
    o.keep_negated = 1;
    ev = code_rows(r, DATE, &o);
    EXPECT_N(ev, 1);
    EXPECT(ev, "ARN", "GON", "190", 1, 4);
}

/* "neither ... nor" negates both clauses it joins: no events by default.
 * (A subject "neither Arnor nor Gondor" is not read as negation, as
 * PETRARCH's gold for COMPOUND_23 wants.) */
static void test_neither_nor(void)
{
    static const char *const clauses[] = {
        "neither neither CCONJ 3 cc", "Arnor Arnor PROPN 3 nsubj",
        "attacked attack VERB 0 root", "Mordor Mordor PROPN 3 obj",
        "nor nor CCONJ 7 cc", "Gondor Gondor PROPN 7 nsubj",
        "threatened threaten VERB 3 conj", "Mordor Mordor PROPN 7 obj",
        ". . PUNCT 3 punct", NULL};
    evc_events ev = code_rows(clauses, DATE, NULL);
    EXPECT_N(ev, 0);

    evc_code_opts o;
    evc_code_opts_default(&o);
    o.keep_negated = 1;
    ev = code_rows(clauses, DATE, &o);
    EXPECT_N(ev, 2);
    EXPECT(ev, "ARN", "MOR", "190", 1, 3);
    EXPECT(ev, "GON", "MOR", "130", 1, 7);

}

/* Negation through the ontology: "opposed" is 110, "did not oppose" is 050
 * (an event of its own, not marked negated, even without keep_negated). */
static void test_negation_mapped(void)
{
    static const char *const pos[] = {
        "Arnor Arnor PROPN 2 nsubj", "opposed oppose VERB 0 root",
        "Gondor Gondor PROPN 2 obj", ". . PUNCT 2 punct", NULL};
    evc_events ev = code_rows(pos, DATE, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "ARN", "GON", "110", 0, 2);

    static const char *const neg[] = {
        "Arnor Arnor PROPN 4 nsubj", "did do AUX 4 aux",
        "not not PART 4 advmod", "oppose oppose VERB 0 root",
        "Gondor Gondor PROPN 4 obj", ". . PUNCT 4 punct", NULL};
    ev = code_rows(neg, DATE, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "ARN", "GON", "050", 0, 4);
}

/* evcode's own negation rules (tools/negate.evcode.txt): "will not
 * negotiate" (046) is a refusal to negotiate, 125, not a dropped 046. */
static void test_negation_evcode_rule(void)
{
    static const char *const r[] = {
        "Arnor Arnor PROPN 4 nsubj", "will will AUX 4 aux",
        "not not PART 4 advmod", "negotiate negotiate VERB 0 root",
        "with with ADP 6 case", "Gondor Gondor PROPN 4 obl",
        ". . PUNCT 4 punct", NULL};
    evc_events ev = code_rows(r, DATE, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "ARN", "GON", "125", 0, 4);
}

/* A negated paired code is the subject's refusal alone: "will not talk
 * with" [046:046] is ARN>GON 125, not also GON>ARN. */
static void test_negation_paired(void)
{
    static const char *const r[] = {
        "Arnor Arnor PROPN 4 nsubj", "will will AUX 4 aux",
        "not not PART 4 advmod", "talk talk VERB 0 root",
        "with with ADP 6 case", "Gondor Gondor PROPN 4 obl",
        ". . PUNCT 4 punct", NULL};
    evc_events ev = code_rows(r, DATE, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "ARN", "GON", "125", 0, 4);
}

/* "has no plans to negotiate": the clause of an intention noun is done by
 * the subject of the noun's verb, and "no" negates it (046 -> 125). */
static void test_intention_clause(void)
{
    static const char *const r[] = {
        "Arnor Arnor PROPN 2 nsubj", "has have VERB 0 root",
        "no no DET 4 det", "plans plan NOUN 2 obj", "to to PART 6 mark",
        "negotiate negotiate VERB 4 acl", "with with ADP 8 case",
        "Gondor Gondor PROPN 6 obl", ". . PUNCT 2 punct", NULL};
    evc_events ev = code_rows(r, DATE, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "ARN", "GON", "125", 0, 6);

    /* "gave the reason for attacking Mordor": GIVE (060) takes no target
     * from inside the clause, which is an event of its own */
    static const char *const g[] = {
        "Arnor Arnor PROPN 2 nsubj", "gave give VERB 0 root",
        "the the DET 4 det", "reason reason NOUN 2 obj",
        "for for SCONJ 6 mark", "attacking attack VERB 4 acl",
        "Mordor Mordor PROPN 6 obj", ". . PUNCT 2 punct", NULL};
    ev = code_rows(g, DATE, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "ARN", "MOR", "190", 0, 6);
}

/* A "by" phrase the parser made the agent of an active verb acts; it is
 * no target, nor are the phrases nested in it ("attacked after warnings
 * by Gondor following threats to Mordor"). */
static void test_active_by_phrase(void)
{
    static const char *const r[] = {
        "Arnor Arnor PROPN 2 nsubj", "attacked attack VERB 0 root",
        "after after ADP 4 case", "warnings warning NOUN 2 obl",
        "by by ADP 6 case", "Gondor Gondor PROPN 2 obl:agent",
        "following follow VERB 8 amod", "threats threat NOUN 6 nmod",
        "to to ADP 10 case", "Mordor Mordor PROPN 8 nmod",
        ". . PUNCT 2 punct", NULL};
    evc_events ev = code_rows(r, DATE, NULL);
    EXPECT_N(ev, 0);
}

/* GUM's nmod:desc, a title before a name ("Gondor Prime Minister
 * Faramir"), belongs to the name's phrase: its agent composes. */
static void test_title_desc(void)
{
    static const char *const r[] = {
        "Gondor Gondor PROPN 5 nsubj", "Prime Prime ADJ 3 amod",
        "Minister Minister PROPN 4 nmod:desc", "Faramir Faramir PROPN 1 flat",
        "accused accuse VERB 0 root", "Mordor Mordor PROPN 5 obj",
        ". . PUNCT 5 punct", NULL};
    evc_events ev = code_rows(r, DATE, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "GONGOV", "MOR", "112", 0, 5);
}

/* "neither" hung on the first clause's subject, "nor" on the second
 * clause: both clauses are negated. */
static void test_neither_on_subject(void)
{
    static const char *const r[] = {
        "Neither neither CCONJ 2 cc:preconj", "Gondor Gondor PROPN 3 nsubj",
        "attacked attack VERB 0 root", "Mordor Mordor PROPN 3 obj",
        "nor nor CCONJ 7 cc", "Arnor Arnor PROPN 7 nsubj",
        "opposed oppose VERB 3 conj", "Mordor Mordor PROPN 7 obj",
        ". . PUNCT 3 punct", NULL};
    /* "did not attack" is dropped; "did not oppose" is 050 by PETRARCH's
     * negation table */
    evc_events ev = code_rows(r, DATE, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "ARN", "MOR", "050", 0, 7);
    evc_code_opts o;
    evc_code_opts_default(&o);
    o.keep_negated = 1;
    ev = code_rows(r, DATE, &o);
    EXPECT_N(ev, 2);
    EXPECT(ev, "GON", "MOR", "190", 1, 3);
}

/* A "by" clause the parser hung on the object ("opposed Arnor ties by
 * attacking Mordor") is a means, an event of its own, done by the
 * subject of the object's verb. */
static void test_by_clause_on_object(void)
{
    static const char *const r[] = {
        "Gondor Gondor PROPN 2 nsubj", "opposed oppose VERB 0 root",
        "Arnor Arnor PROPN 4 compound", "ties tie NOUN 2 obj",
        "by by SCONJ 6 mark", "attacking attack VERB 4 acl",
        "Mordor Mordor PROPN 6 obj", ". . PUNCT 2 punct", NULL};
    evc_events ev = code_rows(r, DATE, NULL);
    EXPECT_N(ev, 2);
    EXPECT(ev, "GON", "ARN", "110", 0, 2);
    EXPECT(ev, "GON", "MOR", "190", 0, 6);
}

/* A speech verb takes its target from a complement clause after it
 * ("Gondor said Arnor attacked Mordor"); a clause before it is reported
 * speech (tests/cli/fronted_report.sh). */
static void test_report_target(void)
{
    static const char *const after[] = {
        "Gondor Gondor PROPN 2 nsubj", "said say VERB 0 root",
        "Arnor Arnor PROPN 4 nsubj", "attacked attack VERB 2 ccomp",
        "Mordor Mordor PROPN 4 obj", ". . PUNCT 2 punct", NULL};
    evc_events ev = code_rows(after, DATE, NULL);
    EXPECT_N(ev, 2);
    EXPECT(ev, "GON", "ARN", "010", 0, 2);
    EXPECT(ev, "ARN", "MOR", "190", 0, 4);
}

/* A paired code [040:040]: source>target and target>source. */
static void test_paired_code(void)
{
    static const char *const r[] = {
        "Arnor Arnor PROPN 2 nsubj", "consulted consult VERB 0 root",
        "Gondor Gondor PROPN 2 obj", ". . PUNCT 2 punct", NULL};
    evc_events ev = code_rows(r, DATE, NULL);
    EXPECT_N(ev, 2);
    EXPECT(ev, "ARN", "GON", "040", 0, 2);
    EXPECT(ev, "GON", "ARN", "040", 0, 2);
}

/* "- % * [120]" with a compound subject: its members act on each other
 * (two cross events); the object is no actor and plays no part. */
static void test_compound_pattern(void)
{
    static const char *const r[] = {
        "Arnor Arnor PROPN 4 nsubj", "and and CCONJ 3 cc",
        "Gondor Gondor PROPN 1 conj", "delayed delay VERB 0 root",
        "the the DET 6 det", "talks talk NOUN 4 obj",
        ". . PUNCT 4 punct", NULL};
    evc_events ev = code_rows(r, DATE, NULL);
    EXPECT_N(ev, 2);
    EXPECT(ev, "ARN", "GON", "120", 0, 4);
    EXPECT(ev, "GON", "ARN", "120", 0, 4);
}

/* Discards: a sentence discard phrase ("months later") and a story discard
 * ("+TYPHOON") stop the coding of an otherwise codable sentence (the same
 * sentences with "years later" and "the storm" are coded). */
static void test_discards(void)
{
    static const char *const ctl1[] = {
        "Arnor Arnor PROPN 2 nsubj", "attacked attack VERB 0 root",
        "Mordor Mordor PROPN 2 obj", "years year NOUN 5 obl:npmod",
        "later later ADV 2 advmod", ". . PUNCT 2 punct", NULL};
    evc_events ev = code_rows(ctl1, DATE, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "ARN", "MOR", "190", 0, 2);
    CHECK_INT(ev.discarded, 0);
    static const char *const ctl2[] = {
        "Arnor Arnor PROPN 2 nsubj", "attacked attack VERB 0 root",
        "Mordor Mordor PROPN 2 obj", "after after ADP 6 case",
        "the the DET 6 det", "storm storm NOUN 2 obl",
        ". . PUNCT 2 punct", NULL};
    ev = code_rows(ctl2, DATE, NULL);
    EXPECT_N(ev, 1);
    EXPECT(ev, "ARN", "MOR", "190", 0, 2);
    CHECK_INT(ev.discarded, 0);

    static const char *const sent[] = {
        "Arnor Arnor PROPN 2 nsubj", "attacked attack VERB 0 root",
        "Mordor Mordor PROPN 2 obj", "months month NOUN 5 obl:npmod",
        "later later ADV 2 advmod", ". . PUNCT 2 punct", NULL};
    ev = code_rows(sent, DATE, NULL);
    EXPECT_N(ev, 0);
    CHECK_INT(ev.discarded, 1);

    static const char *const story[] = {
        "Arnor Arnor PROPN 2 nsubj", "attacked attack VERB 0 root",
        "Mordor Mordor PROPN 2 obj", "after after ADP 6 case",
        "the the DET 6 det", "typhoon typhoon NOUN 2 obl",
        ". . PUNCT 2 punct", NULL};
    ev = code_rows(story, DATE, NULL);
    EXPECT_N(ev, 0);
    CHECK_INT(ev.discarded, 2);
}

/* require_dyad: an event with no target actor is dropped by default and
 * kept with a "---" side when require_dyad is 0. */
static void test_require_dyad(void)
{
    static const char *const r[] = {
        "Arnor Arnor PROPN 2 nsubj", "attacked attack VERB 0 root",
        "the the DET 4 det", "city city NOUN 2 obj",
        ". . PUNCT 2 punct", NULL};
    evc_events ev = code_rows(r, DATE, NULL);
    EXPECT_N(ev, 0);

    evc_code_opts o;
    evc_code_opts_default(&o);
    CHECK_INT(o.require_dyad, 1);
    o.require_dyad = 0;
    ev = code_rows(r, DATE, &o);
    EXPECT_N(ev, 1);
    EXPECT(ev, "ARN", "---", "190", 0, 2);
    if (ev.n == 1) {
        CHECK_STR(ev.ev[0].target.root, "---");
        CHECK_STR(ev.ev[0].target.agent, "");
        CHECK_INT(ev.ev[0].target.head, 0);
    }
}

/* explain names the verb block, the pattern and the actor entries. */
static void test_explain(void)
{
    static const char *const r[] = {
        "Arnor Arnor PROPN 2 nsubj", "restored restore VERB 0 root",
        "ties tie NOUN 2 obj", "with with ADP 5 case",
        "Gondor Gondor PROPN 2 obl", ". . PUNCT 2 punct", NULL};
    evc_code_opts o;
    evc_code_opts_default(&o);
    o.explain = 1;
    evc_events ev = code_rows(r, DATE, &o);
    EXPECT_N(ev, 1);
    EXPECT(ev, "ARN", "GON", "050", 0, 2);
    if (ev.n == 1) {
        const char *x = ev.ev[0].explain;
        CHECK(x != NULL);
        if (x) {
            CHECK(strstr(x, "RESTORE") != NULL);
            CHECK(strstr(x, "- * TIES [050]") != NULL);
            CHECK(strstr(x, "ARNOR") != NULL);
            CHECK(strstr(x, "GONDOR") != NULL);
            CHECK(strstr(x, "actors") != NULL); /* the file name */
        }
    }
}

int main(void)
{
    A = evc_arena_new(0);
    load_dicts();
    test_subject_object();
    test_prepositional_target();
    test_pattern_word();
    test_pp_pattern();
    test_passive();
    test_control();
    test_object_control();
    test_shared_subject();
    test_relative_clause();
    test_conjoined_actors();
    test_agent_composition();
    test_agent_prefix();
    test_of_phrase();
    test_dates();
    test_appositive_name();
    test_negation();
    test_negation_mapped();
    test_neither_nor();
    test_negation_evcode_rule();
    test_negation_paired();
    test_intention_clause();
    test_active_by_phrase();
    test_title_desc();
    test_report_target();
    test_neither_on_subject();
    test_by_clause_on_object();
    test_paired_code();
    test_compound_pattern();
    test_discards();
    test_require_dyad();
    test_explain();
    evc_dicts_free(D);
    evc_arena_free(A);
    TEST_DONE();
}
