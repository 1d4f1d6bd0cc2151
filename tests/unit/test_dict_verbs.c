/* test_dict_verbs.c: the verb dictionary loader (src/dict/verbs.c) on the
 * real PETRARCH verb files (Phoenix CAMEO.2.0 and 150430, the validation
 * verbs in both formats) and on small broken or extreme buffers. */
#include "dict/dict.h"
#include "testing.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PHOENIX SHARED "/data/dictionaries/phoenix/"
#define VALIDATE SHARED "/data/dictionaries/validate/"

/* ------------------------------------------------------------ helpers */

static evc_dicts *load_file(const char *path)
{
    evc_dicts *d = NULL;
    evc_error err;
    memset(&err, 0, sizeof err);
    if (evc_dicts_new(&d, &err) != EVC_OK)
        return NULL;
    evc_status st = evc_dict_load_verbs(d, path, &err);
    if (st == EVC_OK)
        st = evc_dicts_finish(d, &err);
    if (st != EVC_OK) {
        char msg[600];
        evc_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "loading %s: %s\n", path, msg);
        evc_dicts_free(d);
        return NULL;
    }
    return d;
}

/* Parses buf as a verb file named "t.verbs"; *d gets the (finished) set even
 * when parsing fails, so the caller can look at what is left. */
static evc_status parse(const char *buf, size_t len, evc_dicts **d,
                        evc_error *err)
{
    memset(err, 0, sizeof *err);
    *d = NULL;
    if (evc_dicts_new(d, NULL) != EVC_OK)
        return EVC_ERR_NOMEM;
    evc_status st = evc_dict_parse_verbs(*d, "t.verbs", buf, len, err);
    evc_error ferr;
    if (evc_dicts_finish(*d, &ferr) != EVC_OK)
        return ferr.code;
    return st;
}

static evc_status parse_str(const char *s, evc_dicts **d, evc_error *err)
{
    return parse(s, strlen(s), d, err);
}

static size_t npatterns(const evc_dicts *d)
{
    size_t n = 0;
    for (size_t i = 0; i < d->nverbs; i++)
        n += d->verbs[i].npats;
    return n;
}

static size_t nmembers(const evc_dicts *d)
{
    size_t n = 0;
    for (size_t i = 0; i < d->nsynsets; i++)
        n += d->synsets[i].members.n;
    return n;
}

static uint32_t word(const evc_dicts *d, const char *w)
{
    return evc_wordtab_find(&d->words, w, strlen(w));
}

static const char *wstr(const evc_dicts *d, uint32_t id)
{
    return id && id <= d->words.nwords ? d->words.words[id] : "(none)";
}

/* The first block named `name` (of file line `line` if non-zero). */
static const evc_verb *block(const evc_dicts *d, const char *name, uint32_t line)
{
    for (size_t i = 0; i < d->nverbs; i++)
        if (strcmp(d->verbs[i].name, name) == 0 &&
            (!line || d->verbs[i].line == line))
            return &d->verbs[i];
    return NULL;
}

static const evc_pattern *pattern_at(const evc_dicts *d, uint32_t line)
{
    for (size_t i = 0; i < d->nverbs; i++)
        for (uint32_t j = 0; j < d->verbs[i].npats; j++)
            if (d->verbs[i].pats[j].line == line)
                return &d->verbs[i].pats[j];
    return NULL;
}

static const evc_synset *synset(const evc_dicts *d, const char *name)
{
    for (size_t i = 0; i < d->nsynsets; i++)
        if (strcmp(d->synsets[i].name, name) == 0)
            return &d->synsets[i];
    return NULL;
}

/* Does the synset have a member with exactly these words (blank-separated)? */
static int has_member(const evc_dicts *d, const evc_synset *s, const char *words)
{
    uint32_t ids[16] = {0};
    int n = 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", words);
    for (char *t = strtok(buf, " "); t && n < 16; t = strtok(NULL, " "))
        ids[n++] = word(d, t);
    for (size_t i = 0; s && i < s->members.n; i++)
        if (s->members.v[i].nwords == n &&
            memcmp(s->members.v[i].words, ids, sizeof *ids * (size_t)n) == 0)
            return 1;
    return 0;
}

/* The form whose words are `words` (blank-separated, the verb word marked
 * '+' when the form has several), or NULL. Found through the form index. */
static const evc_verb_form *form(const evc_dicts *d, const char *words)
{
    uint32_t ids[16] = {0};
    int n = 0, vpos = 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", words);
    for (char *t = strtok(buf, " "); t && n < 16; t = strtok(NULL, " ")) {
        if (*t == '+') {
            vpos = n;
            t++;
        }
        ids[n++] = word(d, t);
    }
    size_t first = 0, k = evc_dict_verb_forms(d, ids[vpos], &first);
    for (size_t i = first; i < first + k; i++) {
        const evc_verb_form *f = &d->forms[i];
        if (f->nwords == n && f->verb_pos == vpos &&
            memcmp(f->words, ids, sizeof *ids * (size_t)n) == 0)
            return f;
    }
    return NULL;
}

static const char *form_block(const evc_dicts *d, const evc_verb_form *f)
{
    return f && f->verb < d->nverbs ? d->verbs[f->verb].name : "(none)";
}

/* Checks one pattern element: kind, and the word or synset it names. */
static void check_elem(const evc_dicts *d, const evc_pat_elem *e, int kind,
                       const char *what, int joined, int line)
{
    evc_test_checks++;
    const char *got = e->kind == EVC_PE_WORD     ? wstr(d, e->id)
                      : e->kind == EVC_PE_SYNSET ? (e->id < d->nsynsets
                                                        ? d->synsets[e->id].name
                                                        : "(bad synset)")
                                                 : "";
    if (e->kind != kind || strcmp(got, what ? what : "") != 0 ||
        e->joined != joined) {
        fprintf(stderr, "%s:%d: element is kind %d '%s' joined %d, expected "
                "kind %d '%s' joined %d\n", __FILE__, line, e->kind, got,
                e->joined, kind, what ? what : "", joined);
        evc_test_failures++;
    }
}
#define ELEM(d, e, kind, what, joined) check_elem(d, e, kind, what, joined, __LINE__)

/* No '\r' survives in names and texts (the CRLF files). */
static int has_cr(const evc_dicts *d)
{
    for (size_t i = 0; i < d->nverbs; i++) {
        if (strchr(d->verbs[i].name, '\r') || strchr(d->verbs[i].code, '\r'))
            return 1;
        for (uint32_t j = 0; j < d->verbs[i].npats; j++)
            if (strchr(d->verbs[i].pats[j].text, '\r') ||
                strchr(d->verbs[i].pats[j].code, '\r'))
                return 1;
    }
    for (size_t i = 0; i < d->nsynsets; i++) {
        if (strchr(d->synsets[i].name, '\r'))
            return 1;
        for (size_t j = 0; j < d->synsets[i].members.n; j++)
            if (strchr(d->synsets[i].members.v[j].text, '\r'))
                return 1;
    }
    for (size_t i = 1; i <= d->words.nwords; i++)
        if (strchr(d->words.words[i], '\r'))
            return 1;
    return 0;
}

/* ------------------------------------------------------------ real files */

/* The expected counts below were computed from the files with awk, not with
 * evcode: blocks are lines whose first non-blank is "---"; patterns are
 * lines starting '-' otherwise (plus the one "* (TO QUESTION)" line of the
 * validate 2.0 file); synsets are distinct "&NAME" lines (a trailing '_'
 * dropped) plus the names patterns use but no "&NAME" line defines (found
 * with comm over the two lists); members are the '+' lines after an
 * "&NAME" line up to a blank or other line; forms are 1 + the words in
 * {...} per verb line, or 4 (itself, -S, -ED, -ING) without braces. Comments
 * ('#', <!-- -->) were dropped first. */

static void test_cameo_2_0(void)
{
    evc_dicts *d = load_file(PHOENIX "CAMEO.2.0.txt");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_INT(d->nverbs, 397);
    CHECK_INT(npatterns(d), 4668);
    /* 40 defined, plus &WEATHER and &DEMONSTRATION that patterns name but no
     * line defines (they stay empty and match nothing) */
    CHECK_INT(d->nsynsets, 42);
    CHECK_INT(nmembers(d), 558);
    CHECK_INT(d->nforms, 7281);
    CHECK_INT(d->verb_format, 2);
    CHECK(synset(d, "WEATHER") && synset(d, "WEATHER")->members.n == 0);

    /* "SCRAP {SCRAPPING SCRAPS SCRAPPED };shan   8/30/93": ';' starts a
     * TABARI comment */
    const evc_verb *scrap = block(d, "SCRAP", 3334);
    CHECK(scrap != NULL);
    CHECK_STR(scrap ? scrap->code : NULL, "---");
    const char *scrap_forms[] = {"SCRAP", "SCRAPPING", "SCRAPS", "SCRAPPED"};
    for (int i = 0; i < 4; i++) {
        const evc_verb_form *f = form(d, scrap_forms[i]);
        CHECK(f != NULL);
        CHECK_STR(form_block(d, f), "SCRAP");
        CHECK_INT(f ? f->line : 0, 3335);
    }
    CHECK_INT(word(d, ";SHAN"), 0);
    CHECK_INT(word(d, "SHAN"), 0);
    CHECK_INT(word(d, "8/30/93"), 0);

    /* "- * (BEFORE COURT)   [:173]  # APPEAR" (line 804): an empty first
     * code and a second one */
    const evc_pattern *p = pattern_at(d, 804);
    CHECK(p != NULL);
    if (p) {
        CHECK_STR(p->code, "");
        CHECK_STR(p->code2, "173");
        CHECK_INT(p->nupper, 0);
        CHECK_INT(p->nlower, 4);
        ELEM(d, &p->lower[0], EVC_PE_PP_OPEN, NULL, 0);
        ELEM(d, &p->lower[1], EVC_PE_WORD, "BEFORE", 0);
        ELEM(d, &p->lower[2], EVC_PE_WORD, "COURT", 0);
        ELEM(d, &p->lower[3], EVC_PE_PP_CLOSE, NULL, 0);
        /* the text as written, without the comment */
        size_t tl = strlen(p->text);
        CHECK(strncmp(p->text, "- * (BEFORE COURT)   ", 21) == 0);
        CHECK(tl > 6 && strcmp(p->text + tl - 7, " [:173]") == 0);
    }
    CHECK_STR(block(d, "APPEAR", 782) ? block(d, "APPEAR", 782)->code : NULL,
              "---");

    /* "- * (IN &FIGHT_OF_WORDS)  [111]" (line 8688): the synset whose name
     * holds '_'; "- * &FIGHT_CRIM  [1124]" (2406): no such synset, so
     * &FIGHT joined to the word CRIM */
    p = pattern_at(d, 8688);
    CHECK(p && p->nlower == 4);
    if (p && p->nlower == 4)
        ELEM(d, &p->lower[2], EVC_PE_SYNSET, "FIGHT_OF_WORDS", 0);
    p = pattern_at(d, 2406);
    CHECK(p && p->nlower == 2);
    if (p && p->nlower == 2) {
        ELEM(d, &p->lower[0], EVC_PE_SYNSET, "FIGHT", 0);
        ELEM(d, &p->lower[1], EVC_PE_WORD, "CRIM", 1);
    }
    const evc_synset *fow = synset(d, "FIGHT_OF_WORDS");
    CHECK(fow && fow->members.n == 3);
    CHECK(has_member(d, fow, "DISGAREEMENT"));

    /* "BREAK {BREAKS BREAKING BROKEN BROKE }" in DESTROY [190] (line 8559) */
    const evc_verb_form *f = form(d, "BROKE");
    CHECK_STR(form_block(d, f), "DESTROY");
    CHECK_INT(f ? f->line : 0, 8559);
    CHECK(f && f->code == NULL); /* the block's code */
    /* "BEAT {BEATS BEATING BEATEN } [182]": the form's own code */
    f = form(d, "BEATEN");
    CHECK_STR(f ? f->code : NULL, "182");
    CHECK_STR(form_block(d, f), "DESTROY");

    /* the "~ a (a b ATTACK) SAY = a b 015" transformations (lines 9178-9186)
     * are not verbs */
    CHECK_INT(word(d, "~"), 0);
    for (size_t i = 0; i < d->nforms; i++)
        if (d->forms[i].line >= 9178) {
            CHECK(d->forms[i].line < 9178);
            break;
        }
    evc_dicts_free(d);
}

static void test_verbpatterns_150430(void)
{
    evc_dicts *d = load_file(PHOENIX "CAMEO.verbpatterns.150430.txt");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_INT(d->nverbs, 396);
    CHECK_INT(npatterns(d), 11011);
    CHECK_INT(d->nsynsets, 38);
    CHECK_INT(nmembers(d), 544);
    CHECK_INT(d->nforms, 7447);
    /* PETRARCH1, though line 8394 has a stray '}' */
    CHECK_INT(d->verb_format, 1);

    /* RESTORE, a verb of "--- RE_ESTABLISH [---] ---" (line 13378) */
    const evc_verb *v = block(d, "RE_ESTABLISH", 13378);
    CHECK(v != NULL);
    CHECK_STR(v ? v->code : NULL, "---");
    const char *rf[] = {"RESTORE", "RESTORES", "RESTORED", "RESTORING"};
    for (int i = 0; i < 4; i++) {
        const evc_verb_form *f = form(d, rf[i]);
        CHECK_STR(form_block(d, f), "RE_ESTABLISH");
        CHECK_INT(f ? f->line : 0, 13381);
    }
    const evc_verb_form *re = form(d, "RE +ESTABLISHED");
    CHECK(re && re->nwords == 2 && re->verb_pos == 1 && re->line == 13379);
    CHECK(v && v->npats > 0 && v->pats[0].line > 13381 &&
          v->pats[v->npats - 1].line == 13400);
    const evc_pattern *p = pattern_at(d, 13390);
    CHECK(p != NULL);
    if (p) { /* "- RELATIONS BETWEEN % * [050:050]" */
        CHECK_STR(p->code, "050");
        CHECK_STR(p->code2, "050");
        CHECK_INT(p->nupper, 3);
        CHECK_INT(p->nlower, 0);
        ELEM(d, &p->upper[0], EVC_PE_COMPOUND, NULL, 0);
        ELEM(d, &p->upper[1], EVC_PE_WORD, "BETWEEN", 0);
        ELEM(d, &p->upper[2], EVC_PE_WORD, "RELATIONS", 0);
    }
    CHECK(v && p && p >= v->pats && p < v->pats + v->npats);
    p = pattern_at(d, 13389); /* "- CAN * RELATIONSHIP IF [---]" */
    CHECK_STR(p ? p->code : NULL, "---");
    CHECK(p && p->code2 == NULL);

    /* patterns PETRARCH1 reads though they are malformed: a second '*' is a
     * word (4387, 10843); no code is an empty one (5860, 8733); no '*' puts
     * everything before the verb (8056) */
    p = pattern_at(d, 4387); /* "- * COMMIT * AID [033]" */
    CHECK(p && p->nlower == 3);
    if (p && p->nlower == 3) {
        ELEM(d, &p->lower[1], EVC_PE_WORD, "*", 0);
        CHECK_STR(p->code, "033");
    }
    p = pattern_at(d, 5860); /* "- SAID * AN OFFER + FOR TALKS # REJECT" */
    CHECK_STR(p ? p->code : NULL, "");
    CHECK(p && p->nlower == 5 && p->nupper == 1);
    p = pattern_at(d, 8056); /* "- TIVILIAN [202]" */
    CHECK(p && p->nupper == 1 && p->nlower == 0);
    if (p && p->nupper == 1)
        ELEM(d, &p->upper[0], EVC_PE_WORD, "TIVILIAN", 0);
    /* "- * FOR &FOOD_AND_&CURRENCY [023]" (4498) */
    p = pattern_at(d, 4498);
    CHECK(p && p->nlower == 4);
    if (p && p->nlower == 4) {
        ELEM(d, &p->lower[1], EVC_PE_SYNSET, "FOOD", 0);
        ELEM(d, &p->lower[2], EVC_PE_WORD, "AND", 1);
        ELEM(d, &p->lower[3], EVC_PE_SYNSET, "CURRENCY", 1);
    }
    /* "- *_&CAR_THEFT [---]" (1859): joined to the verb */
    p = pattern_at(d, 1859);
    CHECK(p && p->verb_joined_lower && p->nlower == 2);
    /* "+BREAK_DOWN {+BREAKS_DOWN +BREAKING_DOWN +BROKE_DOWN +BROKEN_DOWN }" */
    const evc_verb_form *f = form(d, "+BROKEN DOWN");
    CHECK(f != NULL);
    CHECK_INT(f ? f->line : 0, 11111);
    evc_dicts_free(d);
}

static void test_validate_2_0(void)
{
    evc_dicts *d = load_file(VALIDATE "PETR.Validate.verbs.2.0.txt");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_INT(d->nverbs, 69);
    CHECK_INT(npatterns(d), 453);
    /* 30 defined (&PREPOSIT1_ twice), plus &SECURITY only used */
    CHECK_INT(d->nsynsets, 31);
    /* 266 member lines, 2 of them "+&NAME": 264 phrases, and &ACCORDSYN gets
     * the 3 of &TIETYPES and the 95 of &CURRENCY */
    CHECK_INT(nmembers(d), 264 + 3 + 95);
    CHECK_INT(d->nforms, 500);
    CHECK_INT(d->verb_format, 2);
    CHECK(!has_cr(d)); /* a CRLF file */

    /* "--- ABANDON  [345]  ---" */
    const evc_verb *v = block(d, "ABANDON", 354);
    CHECK(v != NULL);
    if (v) {
        CHECK_STR(v->code, "345");
        CHECK(v->code2 == NULL);
        CHECK_INT(v->npats, 5);
        const evc_pattern *p = &v->pats[0]; /* - * {NEW &TIETYPES RELATIONS} [903] */
        CHECK_INT(p->line, 359);
        CHECK_STR(p->code, "903");
        CHECK_INT(p->nupper, 0);
        CHECK_INT(p->nlower, 5);
        if (p->nlower == 5) {
            ELEM(d, &p->lower[0], EVC_PE_BRACE_OPEN, NULL, 0);
            ELEM(d, &p->lower[1], EVC_PE_WORD, "NEW", 0);
            ELEM(d, &p->lower[2], EVC_PE_SYNSET, "TIETYPES", 0);
            ELEM(d, &p->lower[3], EVC_PE_WORD, "RELATIONS", 0);
            ELEM(d, &p->lower[4], EVC_PE_BRACE_CLOSE, NULL, 0);
        }
        CHECK_STR(v->pats[4].text, "- * {&TIETYPES TIES} [080]");
    }
    /* "KLM_NOP_+RST [002]": the verb is the third word; its regular forms
     * keep the frame */
    const char *klm[] = {"KLM NOP +RST", "KLM NOP +RSTS", "KLM NOP +RSTED",
                         "KLM NOP +RSTING"};
    for (int i = 0; i < 4; i++) {
        const evc_verb_form *f = form(d, klm[i]);
        CHECK(f != NULL);
        CHECK_INT(f ? f->verb_pos : -1, 2);
        CHECK_INT(f ? f->nwords : 0, 3);
        CHECK_STR(f ? f->code : NULL, "002");
        CHECK_STR(form_block(d, f), "ABANDON");
    }
    CHECK(form(d, "RST") == NULL); /* only with its frame */

    /* "BREAK { BROKE BROKEN  }": just those, no regular forms; and
     * "+BREAK_DOWN {+BREAKS_DOWN ...}" with its verb first */
    const evc_verb *brk = block(d, "BREAK", 494);
    CHECK(brk != NULL);
    CHECK_STR(brk ? brk->code : NULL, "120");
    int single = 0, multi = 0;
    for (size_t i = 0; i < d->nforms; i++) {
        const evc_verb_form *f = &d->forms[i];
        if (brk && &d->verbs[f->verb] == brk) {
            if (f->nwords == 1) {
                single++;
                const char *w = wstr(d, f->words[0]);
                CHECK(!strcmp(w, "BREAK") || !strcmp(w, "BROKE") ||
                      !strcmp(w, "BROKEN"));
            } else {
                multi++;
                CHECK_INT(f->verb_pos, 0);
                CHECK_STR(wstr(d, f->words[1]), "DOWN");
            }
        }
    }
    CHECK_INT(single, 3);
    CHECK_INT(multi, 5);
    const evc_verb_form *f = form(d, "+BREAK DOWN");
    CHECK(f && f->line == 496 && f->nwords == 2 && f->verb_pos == 0);
    CHECK(form(d, "BREAKS") == NULL);
    CHECK(form(d, "+BROKE DOWN") != NULL);

    /* "--- LEFT  [040:040]  ---" and its verb "LEFT [040:040]" */
    v = block(d, "LEFT", 693);
    CHECK(v != NULL);
    CHECK_STR(v ? v->code : NULL, "040");
    CHECK_STR(v ? v->code2 : NULL, "040");
    f = form(d, "LEFT");
    CHECK_STR(f ? f->code : NULL, "040");
    CHECK_STR(f ? f->code2 : NULL, "040");

    /* RESTORE: regular forms and its six patterns, "[###]" a code */
    const char *rf[] = {"RESTORE", "RESTORES", "RESTORED", "RESTORING"};
    for (int i = 0; i < 4; i++) {
        f = form(d, rf[i]);
        CHECK_STR(form_block(d, f), "RESTORE");
        CHECK_INT(f ? f->line : 0, 753);
        CHECK(f && f->code == NULL);
    }
    v = block(d, "RESTORE", 752);
    CHECK(v && v->npats == 6);
    if (v && v->npats == 6) {
        const char *codes[] = {"+++", "050", "050", "###", "xxy", "050"};
        for (int i = 0; i < 6; i++) {
            CHECK_STR(v->pats[i].code, codes[i]);
            CHECK_INT(v->pats[i].line, 754 + i);
        }
        CHECK_INT(v->pats[3].nlower, 1);
        ELEM(d, &v->pats[3].lower[0], EVC_PE_WORD, "DIPLXMATIC", 0);
    }

    /* "* (TO QUESTION) [110]" (line 453) lost its '-': still BEGIN's pattern */
    v = block(d, "BEGIN", 451);
    CHECK(v && v->npats == 1);
    if (v && v->npats == 1) {
        const evc_pattern *p = &v->pats[0];
        CHECK_INT(p->line, 453);
        CHECK_STR(p->text, "* (TO QUESTION) [110]");
        CHECK_STR(p->code, "110");
        CHECK_INT(p->nupper, 0);
        CHECK_INT(p->nlower, 4);
        ELEM(d, &p->lower[1], EVC_PE_WORD, "TO", 0);
    }

    /* upper elements nearest the verb first */
    const evc_pattern *p = pattern_at(d, 370); /* - (IN) *  [075A] */
    CHECK(p && p->nupper == 3 && p->nlower == 0);
    if (p && p->nupper == 3) {
        ELEM(d, &p->upper[0], EVC_PE_PP_CLOSE, NULL, 0);
        ELEM(d, &p->upper[1], EVC_PE_WORD, "IN", 0);
        ELEM(d, &p->upper[2], EVC_PE_PP_OPEN, NULL, 0);
        CHECK_STR(p->code, "075A");
    }
    p = pattern_at(d, 714); /* - $ BACK + IN *  [042] */
    CHECK(p && p->nupper == 4);
    if (p && p->nupper == 4) {
        ELEM(d, &p->upper[0], EVC_PE_WORD, "IN", 0);
        ELEM(d, &p->upper[1], EVC_PE_TARGET, NULL, 0);
        ELEM(d, &p->upper[2], EVC_PE_WORD, "BACK", 0);
        ELEM(d, &p->upper[3], EVC_PE_SOURCE, NULL, 0);
    }
    p = pattern_at(d, 395); /* - % *  [050] */
    CHECK(p && p->nupper == 1 && p->upper[0].kind == EVC_PE_COMPOUND);

    /* synsets: nested (&ACCORDSYN has &TIETYPES and &CURRENCY), multi-word
     * members, a synset defined twice */
    const evc_synset *acc = synset(d, "ACCORDSYN");
    CHECK(acc && acc->members.n == 100);
    CHECK(has_member(d, acc, "CLOSER"));
    CHECK(has_member(d, acc, "MILITARY"));
    CHECK(has_member(d, acc, "ECONOMIC"));
    CHECK(has_member(d, acc, "CULTURAL"));
    CHECK(has_member(d, acc, "GOLDEN GOBLIN GALLEONS"));
    CHECK(has_member(d, acc, "SWISS FRANCS"));
    CHECK(!has_member(d, acc, "TIETYPES"));
    const evc_synset *tt = synset(d, "TIETYPES");
    CHECK(tt && tt->members.n == 3);
    const evc_synset *cur = synset(d, "CURRENCY");
    CHECK(cur && cur->members.n == 95);
    CHECK(has_member(d, cur, "YUM YENNYEN"));
    CHECK(synset(d, "PREPOSIT1") && synset(d, "PREPOSIT1")->members.n == 12);
    CHECK(synset(d, "SECURITY") && synset(d, "SECURITY")->members.n == 0);
    const evc_synset *neg = synset(d, "NEGATVAUXVRB");
    CHECK(has_member(d, neg, "DID N'T"));
    CHECK(has_member(d, neg, "REALLY DID NOT"));
    evc_dicts_free(d);
}

static void test_validate_1(void)
{
    evc_dicts *d = load_file(VALIDATE "PETR.Validate.verbs.txt");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_INT(d->nverbs, 261);
    CHECK_INT(npatterns(d), 474);
    CHECK_INT(d->nsynsets, 17);
    /* 56 member lines, 2 "+&NAME": 54 phrases, and &ACCORDSYN gets the 3 of
     * &TIETYPES and the 10 of &CURRENCY */
    CHECK_INT(nmembers(d), 54 + 3 + 10);
    CHECK_INT(d->nforms, 1071);
    CHECK_INT(d->verb_format, 1);

    /* &ACCORDSYN is defined inside ABANDON's block (line 68) */
    const evc_synset *acc = synset(d, "ACCORDSYN");
    CHECK(acc && acc->members.n == 15);
    CHECK(has_member(d, acc, "JAVANESE YEN"));
    const evc_pattern *p = pattern_at(d, 78); /* - INCHING &ACCORDSYN * [083] */
    CHECK(p && p->nupper == 2);
    if (p && p->nupper == 2) {
        ELEM(d, &p->upper[0], EVC_PE_SYNSET, "ACCORDSYN", 0);
        ELEM(d, &p->upper[1], EVC_PE_WORD, "INCHING", 0);
    }
    /* "- SO IN_AND_*_OUT_AGAIN NOW [074]" */
    p = pattern_at(d, 86);
    CHECK(p && p->nupper == 3 && p->nlower == 3);
    if (p && p->nupper == 3 && p->nlower == 3) {
        CHECK_INT(p->verb_joined_upper, 1);
        CHECK_INT(p->verb_joined_lower, 1);
        ELEM(d, &p->upper[0], EVC_PE_WORD, "AND", 1);
        ELEM(d, &p->upper[1], EVC_PE_WORD, "IN", 1);
        ELEM(d, &p->upper[2], EVC_PE_WORD, "SO", 0);
        ELEM(d, &p->lower[0], EVC_PE_WORD, "OUT", 1);
        ELEM(d, &p->lower[1], EVC_PE_WORD, "AGAIN", 1);
        ELEM(d, &p->lower[2], EVC_PE_WORD, "NOW", 0);
    }
    /* "- NOW + HAVE BEEN * $ RECENT  [165]" and "- $ ^ FOR *  [164]" */
    p = pattern_at(d, 1296);
    CHECK(p && p->nupper == 4 && p->nlower == 2);
    if (p && p->nupper == 4 && p->nlower == 2) {
        ELEM(d, &p->upper[0], EVC_PE_WORD, "BEEN", 0);
        ELEM(d, &p->upper[1], EVC_PE_WORD, "HAVE", 0);
        ELEM(d, &p->upper[2], EVC_PE_TARGET, NULL, 0);
        ELEM(d, &p->upper[3], EVC_PE_WORD, "NOW", 0);
        ELEM(d, &p->lower[0], EVC_PE_SOURCE, NULL, 0);
        ELEM(d, &p->lower[1], EVC_PE_WORD, "RECENT", 0);
    }
    p = pattern_at(d, 1297);
    CHECK(p && p->nupper == 3);
    if (p && p->nupper == 3) {
        ELEM(d, &p->upper[1], EVC_PE_SKIP, NULL, 0);
        ELEM(d, &p->upper[2], EVC_PE_SOURCE, NULL, 0);
    }
    /* "- * &TIETYPES_MEMOS ABOUT [915]": a synset joined to a word */
    p = pattern_at(d, 1312);
    CHECK(p && p->nlower == 3);
    if (p && p->nlower == 3) {
        ELEM(d, &p->lower[0], EVC_PE_SYNSET, "TIETYPES", 0);
        ELEM(d, &p->lower[1], EVC_PE_WORD, "MEMOS", 1);
    }
    p = pattern_at(d, 992); /* "- * DIPLXMATIC  [###]  # -PAS 95.12.18" */
    CHECK_STR(p ? p->code : NULL, "###");
    const evc_verb *v = block(d, "ADMIT", 103);
    CHECK_STR(v ? v->code : NULL, "013");
    CHECK_STR(v ? v->code2 : NULL, "012");
    /* after the "<!-- ... # ... -->" lines 1302-1304 */
    v = block(d, "WELCOME", 1307);
    CHECK(v && v->npats == 13); /* lines 1309-1321 */
    /* "LASH OUT" is a two-word verb */
    const evc_verb_form *f = form(d, "+LASH OUT");
    CHECK(f && f->line == 688);
    evc_dicts_free(d);
}

/* ------------------------------------------------------------ small buffers */

/* parse_str must fail with `code` at `line` (and `col` when non-zero). */
static void check_fails(const char *text, evc_status code, long line, long col,
                        int at)
{
    evc_dicts *d;
    evc_error err;
    evc_status st = parse_str(text, &d, &err);
    evc_test_checks++;
    if (st != code || err.code != code || err.line != line ||
        (col && err.column != col) || strcmp(err.file, "t.verbs") != 0 ||
        !err.message[0]) {
        char msg[600];
        evc_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "%s:%d: status %d, \"%s\"; expected %d at line %ld "
                "column %ld\n", __FILE__, at, st, msg, code, line, col);
        evc_test_failures++;
    }
    /* the failed file's blocks and forms are taken back out */
    CHECK(d && d->nverbs == 0 && d->nforms == 0);
    evc_dicts_free(d);
}
#define FAILS(text, code, line, col) check_fails(text, code, line, col, __LINE__)

/* A PETRARCH2 block: its '(' makes the file PETRARCH2, where malformed
 * patterns that PETRARCH1 would read are errors. */
#define P2HEAD "--- ACCUSE [112] ---\nACCUSE\n- * (OF) [112]\n"
#define P1HEAD "--- ACCUSE [112] ---\nACCUSE\n- * OF [112]\n"

static void test_errors(void)
{
    /* the pattern errors, in a PETRARCH2 file */
    FAILS(P2HEAD "- * TIES\n", EVC_ERR_SYNTAX, 4, 9);
    FAILS(P2HEAD "- * TIES [050\n", EVC_ERR_SYNTAX, 4, 10);
    FAILS(P1HEAD "- * TIES [050\n", EVC_ERR_SYNTAX, 4, 10);
    FAILS(P2HEAD "- * TIES * [050]\n", EVC_ERR_SYNTAX, 4, 10);
    FAILS(P2HEAD "- TIES [050]\n", EVC_ERR_SYNTAX, 4, 2);
    /* a malformed pattern before the first PETRARCH2 one */
    FAILS("--- A [010] ---\nA\n- * B\n- * (C) [011]\n", EVC_ERR_SYNTAX, 3, 6);
    FAILS("# verbs\n- * TIES [050]\n", EVC_ERR_SYNTAX, 2, 1);
    FAILS("\n\n  - * TIES [050]\n", EVC_ERR_SYNTAX, 3, 3);
    FAILS("--- A [010] ---\nA\n- * B [011] C\n", EVC_ERR_SYNTAX, 3, 13);
    FAILS("--- A [010] ---\nA\n- & [011]\n", EVC_ERR_SYNTAX, 3, 4);
    FAILS("--- A [010 ---\nA\n", EVC_ERR_SYNTAX, 1, 7);
    FAILS("---  [010] ---\nA\n", EVC_ERR_SYNTAX, 1, 6);
    /* verb forms */
    FAILS("--- A [010] ---\nA\nFIGHT {FOUGHT FIGHTING\n", EVC_ERR_SYNTAX, 3, 7);
    FAILS("--- A [010] ---\nA\nFIGHT [010\n", EVC_ERR_SYNTAX, 3, 7);
    FAILS("--- A [010] ---\nA\nFIGHT {FOUGHT} X\n", EVC_ERR_SYNTAX, 3, 16);
    FAILS("STRAY\n", EVC_ERR_SYNTAX, 1, 1);
    /* synsets */
    FAILS("&A\n+X\n+&NOPE\n\n--- A [010] ---\nA\n", EVC_ERR_SYNTAX, 3, 2);
    FAILS("&A\n+X\n\n--- A [010] ---\nA\n- * &B [011]\n&C\n+&B\n",
          EVC_ERR_SYNTAX, 8, 2); /* &B only named by a pattern */
    FAILS("&A junk\n+X\n", EVC_ERR_SYNTAX, 1, 4);
    FAILS("&\n+X\n", EVC_ERR_SYNTAX, 1, 2);
    FAILS("+X\n", EVC_ERR_SYNTAX, 1, 1);
    /* comments */
    FAILS("--- A [010] ---\n<!-- never\nclosed\nA\n", EVC_ERR_SYNTAX, 2, 0);
    FAILS("--- A [010] ---\nA <!-- x --> <!-- y\n", EVC_ERR_SYNTAX, 2, 0);

    /* invalid UTF-8, with the line and column of the bad byte */
    FAILS("--- A [010] ---\nA\n- * CAF\xC3 [011]\n", EVC_ERR_UTF8, 3, 8);
    FAILS("&A\n+\x80X\n", EVC_ERR_UTF8, 2, 2);
    FAILS("--- A [010] ---\n\xC0\xAF\n", EVC_ERR_UTF8, 2, 1);     /* overlong */
    FAILS("--- A [010] ---\n\xED\xA0\x80\n", EVC_ERR_UTF8, 2, 1); /* surrogate */
    FAILS("--- A [010] ---\n\xF4\x90\x80\x80\n", EVC_ERR_UTF8, 2, 1);
    FAILS("# ok\n# \xE2\x82", EVC_ERR_UTF8, 2, 3); /* cut at the end */
    FAILS("--- A [010] ---\nA\n# \xFF in a comment\n", EVC_ERR_UTF8, 3, 3);
    /* a NUL byte */
    {
        static const char nul[] = "--- A [010] ---\nA\0B\n";
        evc_dicts *d;
        evc_error err;
        CHECK(parse(nul, sizeof nul - 1, &d, &err) != EVC_OK);
        CHECK_INT(err.line, 2);
        CHECK_INT(err.column, 2);
        evc_dicts_free(d);
    }
    /* valid UTF-8 loads */
    {
        evc_dicts *d;
        evc_error err;
        CHECK_INT(parse_str("--- A [010] ---\nA\n- * CAF\xC3\xA9 \xE2\x82\xAC [011]\n",
                            &d, &err), EVC_OK);
        const evc_pattern *p = pattern_at(d, 3);
        CHECK(p && p->nlower == 2);
        if (p && p->nlower == 2)
            ELEM(d, &p->lower[0], EVC_PE_WORD, "CAF\xC3\xA9", 0);
        evc_dicts_free(d);
    }
}

/* The malformed patterns PETRARCH1 reads, read the same way in a PETRARCH1
 * file. */
static void test_p1_lenient(void)
{
    evc_dicts *d;
    evc_error err;
    CHECK_INT(parse_str(P1HEAD "- * TIES\n- TIES [050]\n- * COMMIT * AID [033]\n",
                        &d, &err), EVC_OK);
    CHECK_INT(d->verb_format, 1);
    const evc_pattern *p = pattern_at(d, 4);
    CHECK(p && p->nlower == 1 && p->code && !p->code[0] && !p->code2);
    p = pattern_at(d, 5);
    CHECK(p && p->nupper == 1 && p->nlower == 0 && !p->verb_joined_upper);
    p = pattern_at(d, 6);
    CHECK(p && p->nlower == 3);
    if (p && p->nlower == 3)
        ELEM(d, &p->lower[1], EVC_PE_WORD, "*", 0);
    evc_dicts_free(d);

    /* 64 elements with no '*': all upper */
    char buf[512];
    int k = snprintf(buf, sizeof buf, "--- A [010] ---\nA\n-");
    for (int i = 0; i < 64; i++)
        k += snprintf(buf + k, sizeof buf - (size_t)k, " $");
    snprintf(buf + k, sizeof buf - (size_t)k, " [011]\n");
    CHECK_INT(parse_str(buf, &d, &err), EVC_OK);
    p = pattern_at(d, 3);
    CHECK(p && p->nupper == 64 && p->nlower == 0);
    evc_dicts_free(d);
}

static void test_empty_and_comments(void)
{
    evc_dicts *d;
    evc_error err;
    const char *empties[] = {"", "\n\n", "   \t\r\n", "# only a comment\n",
                             "<!-- a\ncomment -->\n", "\xEF\xBB\xBF",
                             "<!DOCTYPE verbs>\n"};
    for (size_t i = 0; i < sizeof empties / sizeof *empties; i++) {
        CHECK_INT(parse_str(empties[i], &d, &err), EVC_OK);
        CHECK_INT(d->nverbs, 0);
        CHECK_INT(d->nforms, 0);
        CHECK_INT(d->nsynsets, 0);
        CHECK_INT(evc_dict_verb_forms(d, 1, &(size_t){0}), 0);
        evc_dicts_free(d);
    }
    CHECK_INT(parse(NULL, 0, &d, &err), EVC_OK);
    evc_dicts_free(d);

    /* a '#' inside a one-line <!-- --> does not leave a comment open; text
     * around comments stays; CRLF; a byte-order mark */
    const char *text =
        "\xEF\xBB\xBF<!-- TABARI allowed synsets # this has not been -->\r\n"
        "&ARMS # weapons\r\n"
        "+GUN\r\n"
        "# a comment keeps the synset open\r\n"
        "+RIFLE <!-- old --> _\r\n"
        "\r\n"
        "--- SHOOT [190] <!-- was [180] --> ---\r\n"
        "SHOOT {SHOT SHOOTING SHOOTS} # jw\r\n"
        "<!-- a pattern\r\n"
        "- * &ARMS [999] -->  - * (WITH &ARMS) [193]\r\n"
        "- * AT + [190:191] #  pas\r\n";
    CHECK_INT(parse_str(text, &d, &err), EVC_OK);
    CHECK(!has_cr(d));
    const evc_synset *arms = synset(d, "ARMS");
    CHECK(arms && arms->members.n == 2);
    CHECK(has_member(d, arms, "RIFLE"));
    const evc_verb *v = block(d, "SHOOT", 7);
    CHECK(v && v->npats == 2);
    CHECK_STR(v ? v->code : NULL, "190");
    if (v && v->npats == 2) {
        CHECK_INT(v->pats[0].line, 10);
        CHECK_INT(v->pats[0].nlower, 4);
        CHECK_STR(v->pats[1].code2, "191");
    }
    CHECK(form(d, "SHOT") != NULL);
    CHECK(form(d, "SHOOTED") == NULL);
    CHECK_INT(d->verb_format, 2);
    evc_dicts_free(d);

    /* a blank line ends a synset: the '+' line after it is a verb of the
     * block */
    CHECK_INT(parse_str("--- A [010] ---\nA\n&S\n+X\n\n+CARRY_OUT\n", &d, &err),
              EVC_OK);
    CHECK(synset(d, "S") && synset(d, "S")->members.n == 1);
    CHECK(form(d, "+CARRY OUT") && form(d, "+CARRIED OUT"));
    evc_dicts_free(d);
}

static void test_nested_synsets(void)
{
    evc_dicts *d;
    evc_error err;
    /* a cycle, a reference to a later synset, duplicates dropped */
    CHECK_INT(parse_str("&A\n+&B\n+X\n\n&B\n+&A\n+Y\n+X\n\n&C\n+&A\n+Z\n",
                        &d, &err), EVC_OK);
    const evc_synset *a = synset(d, "A"), *b = synset(d, "B"), *c = synset(d, "C");
    CHECK(a && a->members.n == 2 && has_member(d, a, "X") && has_member(d, a, "Y"));
    CHECK(b && b->members.n == 2);
    CHECK(c && c->members.n == 3 && has_member(d, c, "Z") && has_member(d, c, "Y"));
    evc_dicts_free(d);

    /* a chain 20 deep: the first synset gets every member */
    char buf[2048];
    int k = 0;
    for (int i = 0; i < 20; i++)
        k += snprintf(buf + k, sizeof buf - (size_t)k, "&S%d\n+W%d\n+&S%d\n\n",
                      i, i, i + 1);
    snprintf(buf + k, sizeof buf - (size_t)k, "&S20\n+W20\n");
    CHECK_INT(parse_str(buf, &d, &err), EVC_OK);
    CHECK(synset(d, "S0") && synset(d, "S0")->members.n == 21);
    CHECK(synset(d, "S19") && synset(d, "S19")->members.n == 2);
    evc_dicts_free(d);

    /* the longest defined name wins; '_' joins otherwise */
    CHECK_INT(parse_str("&FOO\n+F\n\n&FOO_BAR_\n+FB\n\n--- V [010] ---\nV\n"
                        "- * &FOO_BAR [011]\n- * &FOO_BAZ [012]\n"
                        "- * &FOO_BAR_BAZ [013]\n- &LATER_ON * [014]\n",
                        &d, &err), EVC_OK);
    const evc_pattern *p = pattern_at(d, 9);
    CHECK(p && p->nlower == 1);
    if (p && p->nlower == 1)
        ELEM(d, &p->lower[0], EVC_PE_SYNSET, "FOO_BAR", 0);
    p = pattern_at(d, 10);
    CHECK(p && p->nlower == 2);
    if (p && p->nlower == 2) {
        ELEM(d, &p->lower[0], EVC_PE_SYNSET, "FOO", 0);
        ELEM(d, &p->lower[1], EVC_PE_WORD, "BAZ", 1);
    }
    p = pattern_at(d, 11);
    CHECK(p && p->nlower == 2);
    if (p && p->nlower == 2)
        ELEM(d, &p->lower[0], EVC_PE_SYNSET, "FOO_BAR", 0);
    p = pattern_at(d, 12);
    CHECK(p && p->nupper == 2);
    if (p && p->nupper == 2) {
        ELEM(d, &p->upper[0], EVC_PE_WORD, "ON", 0);
        ELEM(d, &p->upper[1], EVC_PE_SYNSET, "LATER", 1);
    }
    evc_dicts_free(d);
}

/* Many synsets after a large nested one: resolving them must stay linear
 * (time budget generous for sanitizer builds). */
static void test_many_synsets(void)
{
    size_t cap = 4u << 20, k = 0;
    char *buf = malloc(cap);
    CHECK(buf != NULL);
    if (!buf)
        return;
    k += (size_t)snprintf(buf + k, cap - k, "&A\n");
    for (int i = 0; i < 100000; i++)
        k += (size_t)snprintf(buf + k, cap - k, "+W%d\n", i);
    k += (size_t)snprintf(buf + k, cap - k, "\n&B\n+&A\n\n&D\n+X\n\n");
    for (int i = 0; i < 40000; i++)
        k += (size_t)snprintf(buf + k, cap - k, "&C%d\n+&D\n\n", i);
    evc_dicts *d;
    evc_error err;
    clock_t t0 = clock();
    CHECK_INT(parse(buf, k, &d, &err), EVC_OK);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    CHECK(secs < 5.0);
    CHECK_INT(d->nsynsets, 40003);
    CHECK(synset(d, "B") && synset(d, "B")->members.n == 100000);
    CHECK(synset(d, "C39999") && synset(d, "C39999")->members.n == 1);
    evc_dicts_free(d);
    free(buf);
}

/* Lines of 2 MB: each either loads or fails with a clear error. */
static void test_long_lines(void)
{
    size_t big = 2u << 20;
    size_t cap = big + 256;
    char *buf = malloc(cap);
    CHECK(buf != NULL);
    if (!buf)
        return;
    evc_dicts *d;
    evc_error err;
    const char *head = "--- A [010] ---\nA\n";
    size_t hl = strlen(head);

    /* a 2 MB comment */
    memcpy(buf, head, hl);
    buf[hl] = '#';
    memset(buf + hl + 1, 'x', big);
    CHECK_INT(parse(buf, hl + 1 + big, &d, &err), EVC_OK);
    CHECK_INT(d->nforms, 4);
    evc_dicts_free(d);

    /* 2 MB of blanks, then a pattern */
    memset(buf + hl, ' ', big);
    memcpy(buf + hl + big, "- * B [011]\n", 12);
    CHECK_INT(parse(buf, hl + big + 12, &d, &err), EVC_OK);
    CHECK_INT(npatterns(d), 1);
    evc_dicts_free(d);

    /* a 2 MB word in a pattern */
    memcpy(buf + hl, "- * ", 4);
    memset(buf + hl + 4, 'W', big);
    memcpy(buf + hl + 4 + big, " [011]\n", 7);
    CHECK_INT(parse(buf, hl + 4 + big + 7, &d, &err), EVC_ERR_LIMIT);
    CHECK_INT(err.line, 3);
    CHECK_INT(err.column, 5);
    evc_dicts_free(d);

    /* a 2 MB verb */
    memset(buf + hl, 'V', big);
    CHECK_INT(parse(buf, hl + big, &d, &err), EVC_ERR_LIMIT);
    CHECK_INT(err.line, 3);
    evc_dicts_free(d);

    /* a pattern of a million elements */
    memcpy(buf + hl, "- *", 3);
    for (size_t i = 0; i < big / 2; i++)
        memcpy(buf + hl + 3 + 2 * i, " $", 2);
    memcpy(buf + hl + 3 + big, " [011]\n", 7);
    CHECK_INT(parse(buf, hl + 3 + big + 7, &d, &err), EVC_ERR_LIMIT);
    CHECK_INT(err.line, 3);
    evc_dicts_free(d);

    /* a pattern of a million underscores: loads */
    memcpy(buf + hl, "- *", 3);
    memset(buf + hl + 3, '_', big);
    memcpy(buf + hl + 3 + big, "B [011]\n", 8);
    CHECK_INT(parse(buf, hl + 3 + big + 8, &d, &err), EVC_OK);
    const evc_pattern *p = pattern_at(d, 3);
    CHECK(p && p->nlower == 1 && p->verb_joined_lower);
    evc_dicts_free(d);

    /* a synset member of a million words, and one 2 MB synset name */
    memcpy(buf, "&S\n+", 4);
    for (size_t i = 0; i < big / 2; i++)
        memcpy(buf + 4 + 2 * i, "A ", 2);
    buf[4 + big] = '\n';
    CHECK_INT(parse(buf, 4 + big + 1, &d, &err), EVC_ERR_LIMIT);
    CHECK_INT(err.line, 2);
    evc_dicts_free(d);
    memcpy(buf, "--- A [010] ---\nA\n- * &", 23);
    memset(buf + 23, 'S', big);
    memcpy(buf + 23 + big, " [011]\n", 7);
    CHECK_INT(parse(buf, 23 + big + 7, &d, &err), EVC_ERR_LIMIT);
    CHECK_INT(err.line, 3);
    evc_dicts_free(d);

    /* 2 MB of "<!--" */
    for (size_t i = 0; i < big / 4; i++)
        memcpy(buf + 4 * i, "<!--", 4);
    CHECK_INT(parse(buf, big, &d, &err), EVC_ERR_SYNTAX);
    CHECK_INT(err.line, 1);
    evc_dicts_free(d);
    free(buf);
}

int main(void)
{
    test_cameo_2_0();
    test_verbpatterns_150430();
    test_validate_2_0();
    test_validate_1();
    test_errors();
    test_p1_lenient();
    test_empty_and_comments();
    test_nested_synsets();
    test_long_lines();
    test_many_synsets();
    TEST_DONE();
}
