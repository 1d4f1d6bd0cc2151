/* test_dict_phrases.c: unit tests of the dictionary layer on hand-written
 * input: word table, phrase parsing and matching (longest, prefix, token
 * subsets), actor date resolution, agents (plurals, substitution sets),
 * discards, issues (expansions, ignore phrases), the comment rules, the
 * manifest, and malformed inputs (each must give its line and a status). */
#include "dict/dict.h"
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dict_sent.h"

/* A fresh, empty set. */
static evc_dicts *fresh(void)
{
    evc_dicts *d = NULL;
    evc_error e;
    CHECK_INT(evc_dicts_new(&d, &e), EVC_OK);
    return d;
}

typedef evc_status (*parse_fn)(evc_dicts *, const char *, const char *, size_t,
                               evc_error *);

/* Parses text with fn into a fresh set and finishes it; NULL on error (the
 * error is printed, and counted as a failed check). */
static evc_dicts *load(parse_fn fn, const char *text)
{
    evc_dicts *d = fresh();
    evc_error e;
    memset(&e, 0, sizeof e);
    evc_status st = fn(d, "test.txt", text, strlen(text), &e);
    if (st == EVC_OK)
        st = evc_dicts_finish(d, &e);
    if (st != EVC_OK) {
        char b[512];
        evc_error_format(&e, b, sizeof b);
        fprintf(stderr, "unexpected error: %s\n", b);
        CHECK(st == EVC_OK);
        evc_dicts_free(d);
        return NULL;
    }
    return d;
}

/* Parses bad text with fn: checks the status, the line and (if > 0) the
 * column, and that the message contains `what`. */
static void bad(parse_fn fn, const char *text, size_t len, evc_status want,
                long line, long col, const char *what)
{
    evc_dicts *d = fresh();
    evc_error e;
    memset(&e, 0, sizeof e);
    evc_status st = fn(d, "bad.txt", text, len, &e);
    CHECK_INT(st, want);
    CHECK_INT(e.code, want);
    CHECK_INT(e.line, line);
    if (col > 0)
        CHECK_INT(e.column, col);
    CHECK_STR(e.file, "bad.txt");
    if (!strstr(e.message, what)) {
        fprintf(stderr, "message \"%s\" lacks \"%s\" (input: %.40s)\n",
                e.message, what, text);
        CHECK(strstr(e.message, what) != NULL);
    }
    evc_dicts_free(d);
}
#define BAD(fn, text, st, line, col, what) \
    bad(fn, text, sizeof(text) - 1, st, line, col, what)

/* ------------------------------------------------------------ words */

static void test_wordtab(void)
{
    evc_arena *a = evc_arena_new(0);
    evc_wordtab t;
    CHECK_INT(evc_wordtab_init(&t, a), 0);
    uint32_t g = evc_wordtab_intern(&t, "GONDOR", 6);
    CHECK_INT(g, 1);
    CHECK_INT(evc_wordtab_intern(&t, "GONDOR", 6), g);
    CHECK_INT(evc_wordtab_find(&t, "Gondor", 6), g); /* lookups ignore case */
    CHECK_INT(evc_wordtab_find(&t, "GONDORS", 7), 0);
    CHECK_INT(evc_wordtab_find(&t, "GONDO", 5), 0);
    CHECK_INT(evc_wordtab_intern(&t, "", 0), 0);
    /* grow well past the first table */
    char w[32];
    int ok = 1;
    for (int i = 0; i < 20000; i++) {
        int n = snprintf(w, sizeof w, "W%d", i);
        if (evc_wordtab_intern(&t, w, (size_t)n) != (uint32_t)(i + 2))
            ok = 0;
    }
    CHECK(ok);
    for (int i = 0; i < 20000 && ok; i++) {
        int n = snprintf(w, sizeof w, "w%d", i);
        if (evc_wordtab_find(&t, w, (size_t)n) != (uint32_t)(i + 2))
            ok = 0;
    }
    CHECK(ok);
    CHECK_INT(t.nwords, 20001);
    CHECK_STR(t.words[g], "GONDOR");
    evc_wordtab_release(&t);
    evc_arena_free(a);

    char up[16];
    evc_upcase(up, "al-Qaeda's", 10);
    CHECK_STR(up, "AL-QAEDA'S");
}

static void test_phrase_parse(void)
{
    evc_dicts *d = fresh();
    const uint32_t *w;
    uint32_t prefix = 99;
    CHECK_INT(evc_phrase_parse(d, "HAMAS_MILITARY_COMMAND", 22, &w, &prefix), 3);
    CHECK_INT(prefix, 0); /* PETRARCH matches whole words */
    CHECK_STR(d->words.words[w[0]], "HAMAS");
    CHECK_STR(d->words.words[w[2]], "COMMAND");
    CHECK_INT(evc_phrase_parse(d, "ARNOR_", 6, &w, &prefix), 1);
    CHECK_STR(d->words.words[w[0]], "ARNOR");
    CHECK_INT(evc_phrase_parse(d, "caras  galadhon", 15, &w, &prefix), 2);
    CHECK_STR(d->words.words[w[1]], "GALADHON");
    CHECK_INT(evc_phrase_parse(d, "women's n", 9, &w, &prefix), 3);
    CHECK_STR(d->words.words[w[1]], "'S");
    CHECK_INT(evc_phrase_parse(d, "JOURNALISTS'_UNION", 18, &w, &prefix), 3);
    CHECK_STR(d->words.words[w[1]], "'");
    CHECK_INT(evc_phrase_parse(d, " _ _", 4, &w, &prefix), 0);
    char longp[400] = "";
    for (int i = 0; i < 100; i++)
        strcat(longp, i % 2 ? "B_" : "A'S ");
    CHECK_INT(evc_phrase_parse(d, longp, strlen(longp), &w, &prefix), 150);
    CHECK_STR(d->words.words[w[149]], "B");
    evc_dicts_free(d);

    char pl[64];
    CHECK_INT(evc_noun_plural(pl, sizeof pl, "AUTHORITY", 9), 11);
    CHECK_STR(pl, "AUTHORITIES");
    evc_noun_plural(pl, sizeof pl, "ATTORNEY", 8);
    CHECK_STR(pl, "ATTORNEYS");
    evc_noun_plural(pl, sizeof pl, "CONGRESS", 8);
    CHECK_STR(pl, "CONGRESSES");
    evc_noun_plural(pl, sizeof pl, "CHURCH", 6);
    CHECK_STR(pl, "CHURCHES");
    evc_noun_plural(pl, sizeof pl, "MINISTRY_", 9);
    CHECK_STR(pl, "MINISTRIES");
    evc_noun_plural(pl, sizeof pl, "FOREIGN_MINISTER", 16);
    CHECK_STR(pl, "FOREIGN_MINISTERS");
    CHECK_INT(evc_noun_plural(pl, 4, "TROOP", 5), 0); /* does not fit */

    CHECK_INT(evc_dict_parse_date("950601", 6), 19950601);
    CHECK_INT(evc_dict_parse_date("080501", 6), 20080501);
    CHECK_INT(evc_dict_parse_date("300101", 6), 20300101);
    CHECK_INT(evc_dict_parse_date("310101", 6), 19310101);
    CHECK_INT(evc_dict_parse_date("19950601", 8), 19950601);
    CHECK_INT(evc_dict_parse_date("20120229", 8), 20120229);
    CHECK_INT(evc_dict_parse_date("20130229", 8), 0);
    CHECK_INT(evc_dict_parse_date("000229", 6), 20000229);
    CHECK_INT(evc_dict_parse_date("19000229", 8), 0);
    CHECK_INT(evc_dict_parse_date("9008223", 7), 19900822); /* as PETRARCH */
    CHECK_INT(evc_dict_parse_date("201005011", 9), 20100501);
    CHECK_INT(evc_dict_parse_date("95061", 5), 0);
    CHECK_INT(evc_dict_parse_date("95x601", 6), 0);
    CHECK_INT(evc_dict_parse_date("951301", 6), 0);
}

/* ------------------------------------------------------------ actors */

static const char actors_txt[] =
    "<!-- a test dictionary -->\n"
    "HAMAS [PSEREBHMS]\n"
    "HAMAS_MILITARY_COMMAND [PSEHMSGOV]\n"
    "HAMAS WING [PSEHMSBRD]\n"
    "NEW_ZEALAND [NZE]\n"
    "DENMARK_  [DNK] # a comment [XXX]\n"
    "+DANISH\n"
    "+ZEALAND_\n"
    "\n"
    "GOLLUM  # pas 27 Apr 03\n"
    "+SMEAGOL\n"
    "\t[HOB < 950601]\n"
    "\t[HOBGOV 19950601 - 19990815]\n"
    "#\t[950601-990815]  commented out\n"
    "\t[HOBREB > 990816]\n"
    "\t\n"
    "SAM_GAMGEE [HOB]  # default\n"
    "\t[HOBCIV <20080120]\n"
    "\t[ORCHOB 20100109-20100112]\n"
    "\t[HOBMIL 20080120-20121109]\n"
    "\t[HOBELI >20130119]\n"
    "PRINCE OF DOL AMROTH\n"
    "\t[--- <950630]\n"
    "\t[DOL]\n"
    "ONODOHER\n"
    "\t[ONO <911226]\n"
    "MUNIR_AKRAM_\n"
    "\t[PAKGOV 030101-080930]\n"
    "ISILDUR  [+++]\n"
    "JAVIER_DE_CUELLAR_\t[IGOUNO 820101-911231] [ELI]# IGOrulers.txt\n"
    "LEONID_BREZHNEV_\n"
    "LEONID_ILYICH_BREZHNEV\n"
    "\t[RUSGOV 641014-821110]\n"
    "ACME_CORP_\t[MNCUSA]\tMachinery\t$100,000\n"
    "MILO_DJUKANOVIC_\n"
    "\t[MNEGOV 20121204]\n"
    "U.S.  [USA]\n"
    "NO_CODES_AT_ALL\n";

static void test_actors(void)
{
    evc_dicts *d = load(evc_dict_parse_actors, actors_txt);
    if (!d)
        return;
    int len = 0;
    /* longest match, whole words */
    const evc_phrase *p = ts_match(d, &d->actors, "Hamas military command said", 1, &len);
    CHECK(p && len == 3);
    CHECK_STR(ts_actor(d, "Hamas military command", 0), "PSEHMSGOV");
    CHECK_STR(ts_actor(d, "Hamas military", 0), "PSEREBHMS");
    CHECK_STR(ts_actor(d, "Hamas wing", 0), "PSEHMSBRD");
    CHECK_STR(ts_actor(d, "Hamas armed wing", 0), "PSEREBHMS"); /* no gaps */
    CHECK_STR(ts_actor(d, "Hamasi", 0), "(none)");
    CHECK_STR(ts_actor(d, "New Zealand", 0), "NZE");
    CHECK_STR(ts_actor(d, "Zealand", 0), "DNK");
    CHECK_STR(ts_actor(d, "DANISH", 0), "DNK");
    CHECK_STR(ts_actor(d, "Denmark", 0), "DNK");
    CHECK_STR(ts_actor(d, "Danes", 0), "(none)");
    CHECK_STR(ts_actor(d, "U.S.", 0), "USA");
    /* a match starting later in the sentence */
    p = ts_match(d, &d->actors, "the Hamas military command", 2, &len);
    CHECK(p && len == 3 && strcmp(p->text, "HAMAS_MILITARY_COMMAND") == 0);
    CHECK(ts_match(d, &d->actors, "the Hamas", 1, &len) == NULL && len == 0);
    /* phrase bookkeeping */
    p = ts_match(d, &d->actors, "Smeagol", 1, &len);
    CHECK(p && p->line == 11 && p->flags == 3);
    CHECK_STR(p ? d->files[p->file] : NULL, "test.txt");

    /* dated codes: first restriction that holds, bounds inclusive, else
     * the undated default */
    CHECK_STR(ts_actor(d, "Gollum", 19950101), "HOB");
    CHECK_STR(ts_actor(d, "Gollum", 19950601), "HOB");
    CHECK_STR(ts_actor(d, "Gollum", 19950602), "HOBGOV");
    CHECK_STR(ts_actor(d, "Gollum", 19970101), "HOBGOV");
    CHECK_STR(ts_actor(d, "Gollum", 19990815), "HOBGOV");
    CHECK_STR(ts_actor(d, "Gollum", 19990816), "HOBREB");
    CHECK_STR(ts_actor(d, "Smeagol", 20000101), "HOBREB");
    CHECK_STR(ts_actor(d, "Gollum", 0), "HOBREB"); /* no date: latest */
    CHECK_STR(ts_actor(d, "Sam Gamgee", 19950104), "HOBCIV");
    CHECK_STR(ts_actor(d, "Sam Gamgee", 20100109), "ORCHOB"); /* file order */
    CHECK_STR(ts_actor(d, "Sam Gamgee", 20100112), "ORCHOB");
    CHECK_STR(ts_actor(d, "Sam Gamgee", 20100113), "HOBMIL");
    CHECK_STR(ts_actor(d, "Sam Gamgee", 20121231), "HOB");
    CHECK_STR(ts_actor(d, "Sam Gamgee", 20130120), "HOBELI");
    CHECK_STR(ts_actor(d, "Sam Gamgee", 0), "HOB"); /* no date: default */
    CHECK_STR(ts_actor(d, "Prince of Dol Amroth", 19950101), "---");
    CHECK_STR(ts_actor(d, "Prince of Dol Amroth", 19990809), "DOL");
    CHECK_STR(ts_actor(d, "Onodoher", 19911226), "ONO");
    CHECK_STR(ts_actor(d, "Onodoher", 19920101), "(null)");
    CHECK_STR(ts_actor(d, "Munir Akram", 20050101), "PAKGOV");
    CHECK_STR(ts_actor(d, "Munir Akram", 20090101), "(null)");
    CHECK_STR(ts_actor(d, "Isildur", 20090101), "+++");
    CHECK_STR(ts_actor(d, "Javier de Cuellar", 19850101), "IGOUNO");
    CHECK_STR(ts_actor(d, "Javier de Cuellar", 19950101), "ELI");
    CHECK_STR(ts_actor(d, "no codes at all", 19950101), "(none)");
    /* code-less entry lines join the next codes, as in PETRARCH1 */
    CHECK_STR(ts_actor(d, "Leonid Brezhnev", 19700101), "RUSGOV");
    CHECK_STR(ts_actor(d, "Leonid Ilyich Brezhnev", 19700101), "RUSGOV");
    CHECK_STR(ts_actor(d, "Acme Corp", 19700101), "MNCUSA");
    CHECK_STR(ts_actor(d, "Milo Djukanovic", 20121203), "(null)");
    CHECK_STR(ts_actor(d, "Milo Djukanovic", 20121204), "MNEGOV");
    evc_dict_stats st;
    evc_dicts_stats(d, &st);
    CHECK_INT(st.actor_phrases, 20);
    CHECK(st.bytes > 0 && st.words > 20);
    evc_dicts_free(d);
}

/* Matching on a token subset, prefix bits, and the unfinished fallback. */
static void test_matching(void)
{
    evc_dicts *d = load(evc_dict_parse_actors, "GONDOR [GON]\n"
                                               "MINAS_TIRITH [GONGOV]\n");
    if (!d)
        return;
    test_sent x;
    ts_make(&x, d, "the city of Minas old Tirith in Gondor", 0);
    /* the caller's token list skips "old" (token 5) */
    int toks[] = {4, 6, 8};
    int len;
    const evc_phrase *p = evc_phrase_set_match(d, &d->actors, &x.s, toks, 3, 0, &len);
    CHECK(p && len == 2 && strcmp(p->text, "MINAS_TIRITH") == 0);
    p = evc_phrase_set_match(d, &d->actors, &x.s, toks, 3, 2, &len);
    CHECK(p && len == 1 && strcmp(p->text, "GONDOR") == 0);
    CHECK(evc_phrase_set_match(d, &d->actors, &x.s, toks, 3, 3, &len) == NULL);
    CHECK(evc_phrase_set_match(d, &d->actors, &x.s, toks, 3, -1, &len) == NULL);
    int badtoks[] = {99};
    CHECK(evc_phrase_set_match(d, &d->actors, &x.s, badtoks, 1, 0, &len) == NULL);
    /* tokens of the sentence without ids: no match, no crash */
    CHECK(!evc_word_matches(d, &x.tok[1], 0, false));
    CHECK(evc_word_matches(d, &x.tok[8], x.tok[8].word, false));

    /* a hand-made prefix phrase (TABARI stem): ARGENTIN* */
    evc_phrase_set set;
    memset(&set, 0, sizeof set);
    evc_phrase ph;
    memset(&ph, 0, sizeof ph);
    CHECK_INT(evc_phrase_parse(d, "ARGENTIN", 8, &ph.words, &ph.prefix), 1);
    ph.nwords = 1;
    ph.prefix = 1;
    ph.text = "ARGENTIN";
    CHECK_INT(evc_phrase_set_add(d, &set, &ph), 0);
    CHECK_INT(evc_phrase_parse(d, "ARGENTINA_FOOTBALL", 18, &ph.words, NULL), 2);
    ph.nwords = 2;
    ph.prefix = 0;
    ph.text = "ARGENTINA_FOOTBALL";
    CHECK_INT(evc_phrase_set_add(d, &set, &ph), 1);
    /* before finish: the linear fallback */
    ts_make(&x, d, "Argentina football", 0);
    p = evc_phrase_set_match(d, &set, &x.s, NULL, x.s.ntok + 1, 1, &len);
    CHECK(p && len == 2);
    CHECK_INT(evc_phrase_set_finish(&set), 0);
    CHECK_INT(set.nprefix_first, 1);
    p = evc_phrase_set_match(d, &set, &x.s, NULL, x.s.ntok + 1, 1, &len);
    CHECK(p && len == 2);
    ts_make(&x, d, "Argentinian troops", 0);
    p = evc_phrase_set_match(d, &set, &x.s, NULL, x.s.ntok + 1, 1, &len);
    CHECK(p && len == 1 && strcmp(p->text, "ARGENTIN") == 0);
    uint32_t argentin = p ? p->words[0] : 0;
    CHECK(evc_word_matches(d, &x.tok[1], argentin, true));
    CHECK(!evc_word_matches(d, &x.tok[1], argentin, false));
    ts_make(&x, d, "Argent", 0);
    CHECK(evc_phrase_set_match(d, &set, &x.s, NULL, x.s.ntok + 1, 1, &len) == NULL);
    CHECK_INT(evc_phrase_set_finish(&set), 0); /* finishing twice is fine */
    CHECK_INT(set.n, 2);
    evc_phrase_set_release(&set);
    evc_phrase_set_release(&set);
    evc_dicts_free(d);
    evc_dicts_free(NULL);
}

/* ------------------------------------------------------------ agents */

static const char agents_txt[] =
    "!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON\n"
    "!MINST! = MINISTER , MINISTRY\n"
    "PARLIAMENTARY_OPPOSITION {} [~OPP] #jap 11 Oct 2002\n"
    "AUTHORITY  [~GOV]\n"
    "CONGRESS [~LEG]\n"
    "CONGRESS!PERSON! [~LEG]\n"
    "!MINST!_OF_SILLY_WALKS [~GOV]\n"
    "!MINST! OF_MAGIC_ [~GOV]\n"
    "GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]\n"
    "POLICE {} [ ~COP]\n"
    "HUMAN_RIGHTS_BODY  [NGO~]\n"
    "HUMAN_RIGHTS_ORGANIZATION  [  NGO~]\n"
    "MINISTRY_  [~GOV]\n"
    "HUSBAND!PERSON![~AGR]\n"
    "ISLAMIC_EXTREMIST\n"
    "DEPARMENT_OF_ENVIRONMENT [~ENV}\n";

static void test_agents(void)
{
    evc_dicts *d = load(evc_dict_parse_agents, agents_txt);
    if (!d)
        return;
    CHECK_STR(ts_agent(d, "parliamentary opposition"), "~OPP");
    CHECK_STR(ts_agent(d, "parliamentary oppositions"), "(none)");
    CHECK_STR(ts_agent(d, "authority"), "~GOV");
    CHECK_STR(ts_agent(d, "authorities"), "~GOV");
    CHECK_STR(ts_agent(d, "congresses"), "~LEG");
    CHECK_STR(ts_agent(d, "congressmen"), "~LEG");
    CHECK_STR(ts_agent(d, "CONGRESSWOMAN"), "~LEG");
    CHECK_STR(ts_agent(d, "congresspersons"), "(none)"); /* no plurals */
    CHECK_STR(ts_agent(d, "ministry of silly walks"), "~GOV");
    CHECK_STR(ts_agent(d, "minister of magic"), "~GOV");
    CHECK_STR(ts_agent(d, "ministers of magic"), "(none)");
    CHECK_STR(ts_agent(d, "golden geese"), "~GGS");
    CHECK_STR(ts_agent(d, "golden gooses"), "(none)");
    CHECK_STR(ts_agent(d, "police"), "~COP");
    CHECK_STR(ts_agent(d, "polices"), "(none)");
    CHECK_STR(ts_agent(d, "human rights body"), "NGO~");
    CHECK_STR(ts_agent(d, "human rights bodies"), "NGO~");
    CHECK_STR(ts_agent(d, "human rights organizations"), "NGO~");
    CHECK_STR(ts_agent(d, "ministries"), "~GOV");
    CHECK_STR(ts_agent(d, "husbandmen"), "~AGR");
    CHECK_STR(ts_agent(d, "islamic extremist"), "(none)"); /* no code: skipped */
    CHECK_STR(ts_agent(d, "deparment of environment"), "~ENV");
    /* one code string per distinct code */
    int gov = 0;
    for (size_t i = 0; i < d->nagent_codes; i++)
        gov += strcmp(d->agent_codes[i], "GOV") == 0;
    CHECK_INT(gov, 1);
    evc_dicts_free(d);
}

/* ------------------------------------------------------------ discards */

static void test_discards(void)
{
    evc_dicts *d = load(evc_dict_parse_discards,
                        "# Story-level discards are indicated with a '+'.\n"
                        "MONTHS LATER\n"
                        "+Manchester United   # pas 26-Feb-2014\n"
                        "AFRICAN NATIONS CUP   # ab 13 Jun 2005 ;AB 13 JUN\n"
                        "GROUP A_\n"
                        "+ESPN2 \n"
                        "1914\n");
    if (!d)
        return;
    int len;
    const evc_phrase *p = ts_match(d, &d->discards, "Manchester United won", 1, &len);
    CHECK(p && len == 2 && (p->flags & EVC_PHRASE_STORY));
    p = ts_match(d, &d->discards, "two months later", 2, &len);
    CHECK(p && len == 2 && !(p->flags & EVC_PHRASE_STORY));
    p = ts_match(d, &d->discards, "Group A", 1, &len);
    CHECK(p && len == 2);
    CHECK(ts_match(d, &d->discards, "Group Alpha", 1, &len) == NULL);
    CHECK(ts_match(d, &d->discards, "months", 1, &len) == NULL);
    p = ts_match(d, &d->discards, "in 1914 ,", 2, &len);
    CHECK(p && len == 1);
    p = ts_match(d, &d->discards, "ESPN2", 1, &len);
    CHECK(p && (p->flags & EVC_PHRASE_STORY));
    CHECK_INT(d->discards.n, 6);
    evc_dicts_free(d);
}

/* ------------------------------------------------------------ issues */

static const char *ts_issue(const evc_dicts *d, const char *words, int *flags)
{
    int len;
    const evc_phrase *p = ts_match(d, &d->issues, words, 1, &len);
    if (flags)
        *flags = p ? p->flags : -1;
    if (!p)
        return "(none)";
    return d->issue_codes[p->payload];
}

static void test_issues(void)
{
    evc_dicts *d = load(evc_dict_parse_issues,
                        "# Phoenix Open Event Data Issues\n"
                        "<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\n"
                        "n:preschool [EARLY_CHILDHOOD_EDUCATION]\n"
                        "pre+n:school [EARLY_CHILDHOOD_EDUCATION]\n"
                        "n:academy [SCHOOLS]\n"
                        "ethnic v:purge [ID_ATROCITY]\n"
                        "v:massacre [ID_ATROCITY]\n"
                        "v:block m:site [INTERNET_CENSORSHIP]\n"
                        "women's n:activist [WOMENS_MOVEMENT]\n"
                        "eurozone\n"
                        "~financial literacy\n"
                        "~~n:bee\n"
                        "intimidation of press [MEDIA_CENSORSHIP]rest of line\n"
                        "</ISSUE>\n");
    if (!d)
        return;
    int fl;
    CHECK_STR(ts_issue(d, "preschools", &fl), "EARLY_CHILDHOOD_EDUCATION");
    CHECK_INT(fl, 0);
    CHECK_STR(ts_issue(d, "preschool", NULL), "EARLY_CHILDHOOD_EDUCATION");
    CHECK_STR(ts_issue(d, "pre schools", NULL), "EARLY_CHILDHOOD_EDUCATION");
    CHECK_STR(ts_issue(d, "pre-school", NULL), "EARLY_CHILDHOOD_EDUCATION");
    CHECK_STR(ts_issue(d, "pre-schools", NULL), "EARLY_CHILDHOOD_EDUCATION");
    CHECK_STR(ts_issue(d, "academies", NULL), "SCHOOLS");
    CHECK_STR(ts_issue(d, "ethnic purged", NULL), "ID_ATROCITY");
    CHECK_STR(ts_issue(d, "ethnic purging", NULL), "ID_ATROCITY");
    CHECK_STR(ts_issue(d, "ethnic purges", NULL), "ID_ATROCITY");
    CHECK_STR(ts_issue(d, "massacred", NULL), "ID_ATROCITY");
    CHECK_STR(ts_issue(d, "massacring", NULL), "ID_ATROCITY");
    CHECK_STR(ts_issue(d, "blocked m:site", NULL), "INTERNET_CENSORSHIP");
    CHECK_STR(ts_issue(d, "women 's activists", NULL), "WOMENS_MOVEMENT");
    CHECK_STR(ts_issue(d, "eurozone", NULL), "(none)");
    CHECK_STR(ts_issue(d, "intimidation of press", NULL), "MEDIA_CENSORSHIP");
    CHECK_STR(ts_issue(d, "financial literacy", &fl), "~");
    CHECK_INT(fl, EVC_PHRASE_IGNORE);
    CHECK_STR(ts_issue(d, "bees", &fl), "~~");
    CHECK_INT(fl, EVC_PHRASE_IGNORE | EVC_PHRASE_STORY);
    CHECK_INT(d->issues.n, 2 + 4 + 2 + 4 + 4 + 4 + 2 + 1 + 2 + 1);
    evc_dicts_free(d);
}

/* ------------------------------------------------------------ comments */

static void test_comments(void)
{
    evc_dicts *d = load(evc_dict_parse_actors,
                        "\xEF\xBB\xBF# byte-order mark, then a comment\r\n"
                        "<!-- one line -->\r\n"
                        "<!--\r\n"
                        "#\t\t===== IMPORTANT NOTE! =====\r\n"
                        "NOT_AN_ACTOR [XXX]\r\n"
                        "# -->\r\n"
                        "<! -- NEW ACTORS: PETRARCH skips a line starting '<!' -->\r\n"
                        "ARNOR_ <!-- inline --> [ARN]\r\n"
                        "GONDOR [GON] <!-- starts here\r\n"
                        "NOT_THIS_EITHER [YYY]\r\n"
                        "ends here --> +GONDORIAN # read (PETRARCH drops it)\r\n"
                        "  \t  \r\n"
                        "ROHAN [ROH]");
    if (!d)
        return;
    CHECK_INT(d->actors.n, 4);
    CHECK_STR(ts_actor(d, "Arnor", 0), "ARN");
    CHECK_STR(ts_actor(d, "Gondor", 0), "GON");
    CHECK_STR(ts_actor(d, "Gondorian", 0), "GON");
    CHECK_STR(ts_actor(d, "Rohan", 0), "ROH");
    CHECK_STR(ts_actor(d, "not an actor", 0), "(none)");
    CHECK_STR(ts_actor(d, "not this either", 0), "(none)");
    evc_dicts_free(d);
}

/* ------------------------------------------------------------ errors */

static void test_errors(void)
{
    /* actors */
    BAD(evc_dict_parse_actors, "ARNOR [ARN]\nGONDOR [GON\n", EVC_ERR_SYNTAX, 2,
        8, "expected ']' closing the code");
    BAD(evc_dict_parse_actors, "\t[ARN]\n", EVC_ERR_SYNTAX, 1, 2,
        "expected an actor entry before its codes");
    BAD(evc_dict_parse_actors, "# c\n+ARNORIAN\n", EVC_ERR_SYNTAX, 2, 1,
        "before a '+' synonym");
    BAD(evc_dict_parse_actors, "GOLLUM\n\t[HOB < 95061]\n", EVC_ERR_SYNTAX, 2,
        0, "expected a date");
    BAD(evc_dict_parse_actors, "GOLLUM\n\t[HOB 950601-xx]\n", EVC_ERR_SYNTAX, 2,
        0, "expected a date");
    BAD(evc_dict_parse_actors, "GOLLUM\n\t[HOB 951301-960101]\n",
        EVC_ERR_SYNTAX, 2, 0, "expected a date");
    BAD(evc_dict_parse_actors, "GOLLUM\n\t[HOB ~950601]\n", EVC_ERR_SYNTAX, 2,
        7, "expected '<DATE'");
    BAD(evc_dict_parse_actors, "GOLLUM\n\t[HOB<950601]\n", EVC_ERR_SYNTAX, 2,
        6, "expected a blank");
    BAD(evc_dict_parse_actors, "GOLLUM [ ]\n", EVC_ERR_SYNTAX, 1, 10,
        "expected a code");
    BAD(evc_dict_parse_actors, "GOLLUM ] [HOB]\n", EVC_ERR_SYNTAX, 1, 8,
        "expected '[' before ']'");
    BAD(evc_dict_parse_actors, "GOLLUM [HOB] [HOBGOV\n", EVC_ERR_SYNTAX, 1, 14,
        "expected ']'");
    BAD(evc_dict_parse_actors, "GOLLUM [HOB [X]]\n", EVC_ERR_SYNTAX, 1, 8,
        "expected ']'");
    BAD(evc_dict_parse_actors, "GOLLUM\n+[HOB]\n", EVC_ERR_SYNTAX, 2, 2,
        "no codes on a '+' synonym line");
    BAD(evc_dict_parse_actors, "GOLLUM\n+ _ \n", EVC_ERR_SYNTAX, 2, 2,
        "expected an actor phrase");
    BAD(evc_dict_parse_actors, "ARNOR [ARN]\n<!-- never closed\nGONDOR [GON]\n",
        EVC_ERR_SYNTAX, 2, 0, "expected '-->'");
    BAD(evc_dict_parse_actors, "ARNOR [ARN]\nGOND\xC3\x28R [GON]\n",
        EVC_ERR_UTF8, 2, 5, "invalid UTF-8");
    BAD(evc_dict_parse_actors, "ARNOR [ARN]\n\n\xED\xA0\x80 [X]\n", EVC_ERR_UTF8,
        3, 1, "invalid UTF-8"); /* a surrogate */
    BAD(evc_dict_parse_actors, "ARNOR [ARN]\n\xC0\xAF\n", EVC_ERR_UTF8, 2, 1,
        "invalid UTF-8"); /* overlong '/' */
    BAD(evc_dict_parse_actors, "ARNOR [ARN]\nGON\xE2\x82", EVC_ERR_UTF8, 2, 4,
        "invalid UTF-8"); /* truncated at the end */
    BAD(evc_dict_parse_actors, "ARNOR [ARN]\nGON\0DOR [GON]\n", EVC_ERR_SYNTAX,
        2, 4, "NUL");
    {
        /* a phrase of 65 words */
        char big[1024] = "";
        for (int i = 0; i < 65; i++)
            strcat(big, "W_");
        strcat(big, " [X]\n");
        evc_dicts *d = fresh();
        evc_error e;
        CHECK_INT(evc_dict_parse_actors(d, "big", big, strlen(big), &e),
                  EVC_ERR_LIMIT);
        CHECK_INT(e.line, 1);
        evc_dicts_free(d);
    }
    /* agents */
    BAD(evc_dict_parse_agents, "AMBASSADOR [~GOV]\nPOLICE {} [~COP\n",
        EVC_ERR_SYNTAX, 2, 11, "expected ']' closing the code");
    BAD(evc_dict_parse_agents, "AMBASSADOR [GOV]\n", EVC_ERR_SYNTAX, 1, 13,
        "expected '~CODE' or 'CODE~'");
    BAD(evc_dict_parse_agents, "AMBASSADOR [~]\n", EVC_ERR_SYNTAX, 1, 13,
        "expected a code next to '~'");
    BAD(evc_dict_parse_agents, "AMBASSADOR [~G V]\n", EVC_ERR_SYNTAX, 1, 15,
        "without blanks");
    BAD(evc_dict_parse_agents, "AMBASSADOR [~GOV] X\n", EVC_ERR_SYNTAX, 1, 19,
        "expected the end of the line");
    BAD(evc_dict_parse_agents, "GOLDEN_GOOSE {GOLDEN_GEESE [~GGS]\n",
        EVC_ERR_SYNTAX, 1, 14, "expected '}' closing the plural");
    BAD(evc_dict_parse_agents, "GOLDEN_GOOSE {A} B [~GGS]\n", EVC_ERR_SYNTAX, 1,
        17, "expected the code after '}'");
    BAD(evc_dict_parse_agents, "   [~GGS]\n", EVC_ERR_SYNTAX, 1, 4,
        "expected an agent phrase");
    BAD(evc_dict_parse_agents, "CONGRESS!PERSON! [~LEG]\n", EVC_ERR_SYNTAX, 1,
        9, "undefined substitution marker !PERSON!");
    BAD(evc_dict_parse_agents, "!PERSON = MAN\n", EVC_ERR_SYNTAX, 1, 1,
        "expected '!' closing");
    BAD(evc_dict_parse_agents, "!P! MAN = MAN\n", EVC_ERR_SYNTAX, 1, 5,
        "expected '=' after");
    BAD(evc_dict_parse_agents, "!P! = , ,\n", EVC_ERR_SYNTAX, 1, 6,
        "expected a list");
    BAD(evc_dict_parse_agents, "!P! = A\nX!P [~LEG]\n", EVC_ERR_SYNTAX, 2, 2,
        "expected '!' closing the substitution marker");
    BAD(evc_dict_parse_agents, "AMBASSADOR ~GOV]\n", EVC_ERR_SYNTAX, 1, 16,
        "expected '[' before ']'");
    BAD(evc_dict_parse_agents, "AMBASSADOR\n\xFF [~X]\n", EVC_ERR_UTF8, 2, 1,
        "invalid UTF-8");
    /* discards */
    BAD(evc_dict_parse_discards, "BASEBALL\n+  # only a comment\n",
        EVC_ERR_SYNTAX, 2, 2, "expected a discard phrase");
    BAD(evc_dict_parse_discards, "BASEBALL\n<!--\n", EVC_ERR_SYNTAX, 2, 0,
        "expected '-->'");
    /* issues */
    BAD(evc_dict_parse_issues, "n:school [SCHOOLS]\nn: school [SCHOOLS]\n",
        EVC_ERR_SYNTAX, 2, 1, "expected a word after 'n:'");
    BAD(evc_dict_parse_issues, "school [SCHOOLS\n", EVC_ERR_SYNTAX, 1, 8,
        "expected ']' closing the issue code");
    BAD(evc_dict_parse_issues, "school [ ]\n", EVC_ERR_SYNTAX, 1, 9,
        "expected an issue code");
    BAD(evc_dict_parse_issues, "school [A B]\n", EVC_ERR_SYNTAX, 1, 10,
        "without blanks");
    BAD(evc_dict_parse_issues, "  [SCHOOLS]\n", EVC_ERR_SYNTAX, 1, 0,
        "expected an issue phrase");
    BAD(evc_dict_parse_issues, "a+b+c+d+e+f+g+h+i+j [X]\n", EVC_ERR_LIMIT, 1, 0,
        "expanded forms");
    BAD(evc_dict_parse_issues, "n:v:x [X]\nv:n:v:n:v:n:v:n:v:n:x [X]\n",
        EVC_ERR_LIMIT, 2, 0, "");
    BAD(evc_dict_parse_issues, "n:v: [X]\n", EVC_ERR_SYNTAX, 1, 0,
        "expected a word after 'v:'");
    BAD(evc_dict_parse_issues, "school ] x\n", EVC_ERR_SYNTAX, 1, 8,
        "expected '[' before ']'");

    /* empty files and comment-only files are empty dictionaries */
    static const parse_fn all[] = {evc_dict_parse_actors,
                                   evc_dict_parse_agents,
                                   evc_dict_parse_discards,
                                   evc_dict_parse_issues};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        evc_dicts *d = fresh();
        evc_error e;
        CHECK_INT(all[i](d, "empty", "", 0, &e), EVC_OK);
        CHECK_INT(all[i](d, "empty", NULL, 0, &e), EVC_OK);
        const char *cm = "# x\n<!-- y -->\n\n";
        CHECK_INT(all[i](d, "comments", cm, strlen(cm), &e), EVC_OK);
        CHECK_INT(evc_dicts_finish(d, &e), EVC_OK);
        evc_dict_stats st;
        evc_dicts_stats(d, &st);
        CHECK_INT(st.actor_phrases + st.agents + st.discards + st.issues, 0);
        test_sent x;
        ts_make(&x, d, "anything at all", 0);
        int len;
        CHECK(evc_phrase_set_match(d, &d->actors, &x.s, NULL, 4, 1, &len) == NULL);
        evc_dicts_free(d);
    }
    /* a NULL error pointer is allowed */
    evc_dicts *d = fresh();
    CHECK_INT(evc_dict_parse_actors(d, NULL, "X [", 3, NULL), EVC_ERR_SYNTAX);
    CHECK_INT(evc_dict_parse_issues(d, NULL, "n: [X]", 6, NULL), EVC_ERR_SYNTAX);
    evc_dicts_free(d);
    /* missing files */
    char *buf;
    size_t len;
    evc_error e;
    CHECK_INT(evc_read_file("/nonexistent/evcode.txt", &buf, &len, &e), EVC_ERR_IO);
    CHECK(buf == NULL && strstr(e.message, "cannot open") != NULL);
    d = fresh();
    CHECK_INT(evc_dict_load_agents(d, "/nonexistent/agents.txt", &e), EVC_ERR_IO);
    CHECK_STR(e.file, "/nonexistent/agents.txt");
    evc_dicts_free(d);
}

/* ------------------------------------------------------------ big inputs */

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Large and adversarial inputs must stay linear: many distinct codes,
 * markers, synonyms of one entry, a huge line, comment storms. */
static void test_big(void)
{
    enum { N = 60000 };
    size_t cap = (size_t)N * 48 + 1;
    char *buf = malloc(cap);
    if (!buf) {
        CHECK(!"malloc");
        return;
    }
    struct {
        parse_fn fn;
        const char *fmt;
        evc_status want;
    } cases[] = {
        {evc_dict_parse_agents, "AGENT_%d [~C%d]\n", EVC_OK},
        {evc_dict_parse_agents, "!M%d! = A, B\nX!M%d! [~GOV]\n", EVC_OK},
        {evc_dict_parse_issues, "issue n:%d [I%d]\n", EVC_OK},
        {evc_dict_parse_actors, "+SYN_%d\n", EVC_OK},
        {evc_dict_parse_actors, "A%d\n\t[C%d]\n", EVC_OK},
        {evc_dict_parse_actors, "<!-- %d --> <!-- %d -->\n", EVC_OK},
        {evc_dict_parse_discards, "w%d w%d ", EVC_ERR_LIMIT}, /* one line */
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        size_t n = 0;
        if (cases[c].fn == evc_dict_parse_actors && c == 3)
            n = (size_t)snprintf(buf, cap, "ENTRY [E]\n");
        for (int i = 0; i < N; i++)
            n += (size_t)snprintf(buf + n, cap - n, cases[c].fmt, i, i);
        evc_dicts *d = fresh();
        evc_error e;
        double t0 = seconds();
        evc_status st = cases[c].fn(d, "big", buf, n, &e);
        if (st == EVC_OK)
            st = evc_dicts_finish(d, &e);
        double t = seconds() - t0;
        CHECK_INT(st, cases[c].want);
        if (t > 2.0)
            fprintf(stderr, "case %zu took %.2f s\n", c, t);
        CHECK(t < 2.0);
        evc_dicts_free(d);
    }
    /* an unterminated comment opened on the first of many lines */
    size_t n = (size_t)snprintf(buf, cap, "<!--\n");
    while (n + 8 < cap)
        n += (size_t)snprintf(buf + n, cap - n, "X [Y]\n");
    evc_dicts *d = fresh();
    evc_error e;
    CHECK_INT(evc_dict_parse_actors(d, "big", buf, n, &e), EVC_ERR_SYNTAX);
    CHECK_INT(e.line, 1);
    evc_dicts_free(d);
    free(buf);
}

/* ------------------------------------------------------------ folders */

static void write_file(const char *dir, const char *name, const char *text)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs(text, f);
    fclose(f);
}

static void test_dirs(void)
{
    char dir[] = "/tmp/evc_dicts_XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp");
        return;
    }
    write_file(dir, "a.actors", "ARNOR_ [ARN]\n");
    write_file(dir, "b.actors", "GONDOR [GON]\n");
    write_file(dir, "my.agents", "TROOP [~MIL]\n");
    write_file(dir, "my.discards", "+BASEBALL\n");
    write_file(dir, "my.issues", "n:school [SCHOOLS]\n");
    write_file(dir, "evcode.dicts",
               "# evcode dictionary manifest\n"
               "actors a.actors\n"
               "actors   b.actors   # second actor file\n"
               "agents my.agents\n"
               "\n"
               "discards my.discards\n"
               "issues my.issues\n");
    evc_dicts *d = NULL;
    evc_error e;
    memset(&e, 0, sizeof e);
    CHECK_INT(evc_dicts_load_dir(dir, &d, &e), EVC_OK);
    if (d) {
        CHECK_STR(ts_actor(d, "Gondor", 0), "GON");
        CHECK_STR(ts_actor(d, "Arnor", 0), "ARN");
        CHECK_STR(ts_agent(d, "troops"), "~MIL");
        CHECK_INT(d->discards.n, 1);
        CHECK_INT(d->issues.n, 2);
        CHECK_INT(d->nfiles, 5);
        evc_dicts_free(d);
    }
    /* manifest errors */
    write_file(dir, "evcode.dicts", "actors a.actors\nverbz v.txt\n");
    CHECK_INT(evc_dicts_load_dir(dir, &d, &e), EVC_ERR_SYNTAX);
    CHECK(d == NULL);
    CHECK_INT(e.line, 2);
    CHECK_INT(e.column, 1);
    CHECK(strstr(e.file, "evcode.dicts") != NULL);
    CHECK(strstr(e.message, "expected verbs, actors") != NULL);
    write_file(dir, "evcode.dicts", "agents my.agents\nagents my.agents\n");
    CHECK_INT(evc_dicts_load_dir(dir, &d, &e), EVC_ERR_SYNTAX);
    CHECK_INT(e.line, 2);
    write_file(dir, "evcode.dicts", "agents\n");
    CHECK_INT(evc_dicts_load_dir(dir, &d, &e), EVC_ERR_SYNTAX);
    write_file(dir, "evcode.dicts", "actors missing.actors\n");
    CHECK_INT(evc_dicts_load_dir(dir, &d, &e), EVC_ERR_IO);
    CHECK(strstr(e.file, "missing.actors") != NULL);
    /* an error inside a listed file names that file */
    write_file(dir, "broken.actors", "ARNOR [ARN\n");
    write_file(dir, "evcode.dicts", "actors broken.actors\n");
    CHECK_INT(evc_dicts_load_dir(dir, &d, &e), EVC_ERR_SYNTAX);
    CHECK(strstr(e.file, "broken.actors") != NULL && e.line == 1);

    /* no manifest: the standard names */
    char p[512];
    snprintf(p, sizeof p, "%s/evcode.dicts", dir);
    unlink(p);
    CHECK_INT(evc_dicts_load_dir(dir, &d, &e), EVC_ERR_IO);
    CHECK(strstr(e.message, "no evcode.dicts") != NULL);
    write_file(dir, "PETR.Validate.actors.txt", "ARNOR_ [ARN]\n");
    write_file(dir, "PETR.Validate.discards.txt", "BASEBALL\n");
    CHECK_INT(evc_dicts_load_dir(dir, &d, &e), EVC_OK);
    if (d) {
        CHECK_STR(ts_actor(d, "Arnor", 0), "ARN");
        CHECK_INT(d->discards.n, 1);
        evc_dicts_free(d);
    }
    write_file(dir, "Phoenix.International.actors.txt", "UNITED_NATIONS [IGOUNO]\n");
    write_file(dir, "Phoenix.agents.txt", "TROOP [~MIL]\n");
    CHECK_INT(evc_dicts_load_dir(dir, &d, &e), EVC_OK); /* Phoenix wins */
    if (d) {
        CHECK_STR(ts_actor(d, "United Nations", 0), "IGOUNO");
        CHECK_STR(ts_actor(d, "Arnor", 0), "(none)");
        CHECK_INT(d->discards.n, 0);
        evc_dicts_free(d);
    }
    CHECK_INT(evc_dicts_load_dir("/nonexistent/dicts", &d, &e), EVC_ERR_IO);
    CHECK_INT(evc_dicts_load_dir(p, &d, &e), EVC_ERR_IO); /* not a folder */
    CHECK_INT(evc_dicts_load_dir(NULL, &d, &e), EVC_ERR_ARG);

    static const char *names[] = {"a.actors", "b.actors", "my.agents",
                                  "my.discards", "my.issues", "broken.actors",
                                  "PETR.Validate.actors.txt",
                                  "PETR.Validate.discards.txt",
                                  "Phoenix.International.actors.txt",
                                  "Phoenix.agents.txt"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        unlink(p);
    }
    rmdir(dir);

    /* evc_dicts_load argument checks */
    evc_dict_files f;
    memset(&f, 0, sizeof f);
    f.nactors = 17;
    CHECK_INT(evc_dicts_load(&f, &d, &e), EVC_ERR_ARG);
    CHECK_INT(evc_dicts_load(NULL, &d, &e), EVC_ERR_ARG);
    f.nactors = 0;
    CHECK_INT(evc_dicts_load(&f, &d, &e), EVC_OK); /* nothing at all */
    evc_dicts_free(d);
}

int main(void)
{
    test_wordtab();
    test_phrase_parse();
    test_actors();
    test_matching();
    test_agents();
    test_discards();
    test_issues();
    test_comments();
    test_errors();
    test_big();
    test_dirs();
    TEST_DONE();
}
