/* test_dict_files.c: loads the real PETRARCH dictionaries (the Phoenix set
 * and the validation set, verbs aside) and checks entries the validation
 * records and the coder rely on; times the Phoenix load. */
#include "dict/dict.h"
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DICTS SHARED "/data/dictionaries/"

#include "dict_sent.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static evc_dicts *load(const evc_dict_files *f)
{
    evc_dicts *d = NULL;
    evc_error e;
    memset(&e, 0, sizeof e);
    evc_status st = evc_dicts_load(f, &d, &e);
    if (st != EVC_OK) {
        char b[600];
        evc_error_format(&e, b, sizeof b);
        fprintf(stderr, "loading failed: %s\n", b);
    }
    CHECK_INT(st, EVC_OK);
    return d;
}

static const char *issue(const evc_dicts *d, const char *words, int *flags)
{
    int len;
    const evc_phrase *p = ts_match(d, &d->issues, words, 1, &len);
    *flags = p ? p->flags : -1;
    return p ? d->issue_codes[p->payload] : "(none)";
}

static void test_validate(void)
{
    evc_dict_files f;
    memset(&f, 0, sizeof f);
    f.actors[f.nactors++] = DICTS "validate/PETR.Validate.actors.txt";
    f.agents = DICTS "validate/PETR.Validate.agents.txt";
    f.discards = DICTS "validate/PETR.Validate.discards.txt";
    evc_dicts *d = load(&f);
    if (!d)
        return;
    /* GOLLUM: [HOB < 950601] [HOBGOV 19950601 - 19990815] [HOBREB > 990816] */
    CHECK_STR(ts_actor(d, "Gollum", 19950101), "HOB");
    CHECK_STR(ts_actor(d, "Gollum", 19970101), "HOBGOV");
    CHECK_STR(ts_actor(d, "Gollum", 20000101), "HOBREB");
    CHECK_STR(ts_actor(d, "Smeagol", 19951101), "HOBGOV");  /* DATE_14 */
    CHECK_STR(ts_actor(d, "Stinker", 19950101), "HOB");     /* DATE_16 */
    CHECK_STR(ts_actor(d, "Slinker", 20010101), "HOBREB");  /* DATE_19 */
    CHECK_STR(ts_actor(d, "Sam Gamgee", 19950104), "HOBCIV"); /* DATE_01 */
    CHECK_STR(ts_actor(d, "Sam Gamgee", 20100106), "HOBMIL"); /* DATE_08 */
    CHECK_STR(ts_actor(d, "Sam Gamgee", 20100112), "ORCHOB"); /* DATE_11 */
    CHECK_STR(ts_actor(d, "Sam Gamgee", 20100113), "HOBMIL"); /* DATE_12 */
    CHECK_STR(ts_actor(d, "Sam Gamgee", 20121231), "HOBGOV"); /* DATE_13 */
    CHECK_STR(ts_actor(d, "Hamfast Gamgee", 19950104), "HOB"); /* DATE_03 */
    CHECK_STR(ts_actor(d, "Hamfast Gamgee", 20121109), "HOBGOV"); /* DATE_04 */
    CHECK_STR(ts_actor(d, "Zimbabwe", 19781223), "RHO");      /* DATE_20 */
    CHECK_STR(ts_actor(d, "Zimbabwe", 20010101), "ZBW");      /* DATE_21 */
    CHECK_STR(ts_actor(d, "Prince of Dol Amroth", 19990809), "DOL");
    CHECK_STR(ts_actor(d, "Prince of Dol Amroth", 19950101), "---");
    /* DENMARK [DNK] +DANISH +ZEALAND, and NEW_ZEALAND [NZE] */
    CHECK_STR(ts_actor(d, "Denmark", 0), "DNK");
    CHECK_STR(ts_actor(d, "Danish media", 0), "DNK");
    CHECK_STR(ts_actor(d, "Zealand", 0), "DNK");
    CHECK_STR(ts_actor(d, "New Zealand", 0), "NZE");
    CHECK_STR(ts_actor(d, "Arnor", 0), "ARN");
    CHECK_STR(ts_actor(d, "Arnorian", 0), "(none)"); /* whole words */
    CHECK_STR(ts_actor(d, "Entwash", 0), "(none)");  /* DEMO_07: not ENT */
    CHECK_STR(ts_actor(d, "Minas Tirith", 0), "GON");
    CHECK_STR(ts_actor(d, "Interpol", 0), "IGOCOPITP");
    CHECK_STR(ts_actor(d, "Boromir", 0), "---");
    CHECK_STR(ts_actor(d, "Isildur", 0), "+++");
    CHECK_STR(ts_actor(d, "U.S.S.R", 19900101), "USR");
    CHECK_STR(ts_actor(d, "USSR", 19920101), "(null)");
    CHECK_STR(ts_actor(d, "Palestinian", 0), "pse"); /* first entry; as written */
    CHECK_STR(ts_actor(d, "President George W. Bush", 0), "USAGOV");
    CHECK_STR(ts_actor(d, "Nasgul", 0), "(none)"); /* commented out */
    CHECK_STR(ts_actor(d, "Michel Delving", 0), "SHRGOV");
    /* agents */
    CHECK_STR(ts_agent(d, "police"), "~COP");
    CHECK_STR(ts_agent(d, "polices"), "(none)"); /* AGENT_22: {} */
    CHECK_STR(ts_agent(d, "officials"), "~GOV");
    CHECK_STR(ts_agent(d, "authorities"), "~GOV");
    CHECK_STR(ts_agent(d, "congresses"), "~LEG");
    CHECK_STR(ts_agent(d, "congresswomen"), "~LEG");
    CHECK_STR(ts_agent(d, "ministries of silly walks"), "~GOV");
    CHECK_STR(ts_agent(d, "golden geese"), "~GGS");
    CHECK_STR(ts_agent(d, "human rights organizations"), "NGO~");
    CHECK_STR(ts_agent(d, "MSF"), "NGO~");
    CHECK_STR(ts_agent(d, "prosecutors"), "~JUD");
    CHECK_STR(ts_agent(d, "main opposition groups"), "~MOP");
    CHECK_STR(ts_agent(d, "journalists' union"), "(none)"); /* commented out */
    /* a hyphenated word matches whole (given parses) and split, as evcode's
     * segmenter writes it */
    CHECK_STR(ts_agent(d, "state-owned newspaper"), "~GOVMED");
    CHECK_STR(ts_agent(d, "state - owned newspaper"), "~GOVMED");
    CHECK_STR(ts_agent(d, "non - governmental organisation"), "~NGO");
    /* discards */
    int len;
    const evc_phrase *p = ts_match(d, &d->discards, "Manchester United", 1, &len);
    CHECK(p && (p->flags & EVC_PHRASE_STORY) && len == 2);
    p = ts_match(d, &d->discards, "months later", 1, &len);
    CHECK(p && !(p->flags & EVC_PHRASE_STORY));
    p = ts_match(d, &d->discards, "ESPN2", 1, &len);
    CHECK(p && (p->flags & EVC_PHRASE_STORY));
    CHECK_INT(d->discards.n, 9);
    evc_dict_stats st;
    evc_dicts_stats(d, &st);
    CHECK_INT(st.agents, 173); /* 165 written, 8 of them split at hyphens */
    CHECK(st.actor_phrases > 150);
    evc_dicts_free(d);
}

static void test_phoenix(void)
{
    evc_dict_files f;
    memset(&f, 0, sizeof f);
    f.actors[f.nactors++] = DICTS "phoenix/Phoenix.Countries.actors.txt";
    f.actors[f.nactors++] = DICTS "phoenix/Phoenix.International.actors.txt";
    f.actors[f.nactors++] = DICTS "phoenix/Phoenix.MilNonState.actors.txt";
    f.agents = DICTS "phoenix/Phoenix.agents.txt";
    f.discards = DICTS "phoenix/Phoenix.discards.txt";
    f.issues = DICTS "phoenix/Phoenix.IssueCoding.txt";
    double t0 = now();
    evc_dicts *d = load(&f);
    double t1 = now();
    if (!d)
        return;
    evc_dict_stats st;
    evc_dicts_stats(d, &st);
    printf("Phoenix actors+agents+discards+issues: %.1f ms, %.1f MiB; "
           "%zu actor phrases, %zu actor codes, %zu agent phrases, %zu "
           "discards, %zu issue phrases, %zu words\n",
           (t1 - t0) * 1e3, (double)st.bytes / (1024.0 * 1024.0),
           st.actor_phrases, st.actor_codes, st.agents, st.discards,
           st.issues, st.words);
    CHECK(t1 - t0 < 5.0); /* about 0.06 s at -O2; generous for sanitizers */
    CHECK(st.actor_phrases > 35000);
    CHECK(st.agents > 5000);
    CHECK(st.discards > 500);
    CHECK(st.issues > 4500);
    CHECK(st.bytes < 32u * 1024 * 1024);

    CHECK_STR(ts_actor(d, "Afghanistan", 20100101), "AFG");
    CHECK_STR(ts_actor(d, "Afghan", 20100101), "AFG");
    CHECK_STR(ts_actor(d, "Kabul", 0), "AFG");
    CHECK_STR(ts_actor(d, "Afghan National Army", 20100101), "AFGMIL");
    CHECK_STR(ts_actor(d, "Mohammad Zahir Shah", 19500101), "AFGGOV");
    CHECK_STR(ts_actor(d, "Mohammad Zahir Shah", 19800101), "AFGELI");
    CHECK_STR(ts_actor(d, "Pakistan", 0), "PAK");
    /* MUNIR_AKRAM_ [PAKGOV 030101-080930] */
    CHECK_STR(ts_actor(d, "Munir Akram", 20050101), "PAKGOV");
    CHECK_STR(ts_actor(d, "Munir Akram", 20090101), "(null)");
    /* HAJI_REHMATULLAH_KAKAR_ [PAKGOV >080501] */
    CHECK_STR(ts_actor(d, "Haji Rehmatullah Kakar", 20080501), "PAKGOV");
    CHECK_STR(ts_actor(d, "Haji Rehmatullah Kakar", 20080430), "(null)");
    CHECK_STR(ts_actor(d, "Haji Rehmatullah Kakar", 0), "PAKGOV");
    /* code-less entry lines sharing the next codes */
    CHECK_STR(ts_actor(d, "Leonid Brezhnev", 19700101), "RUSGOV");
    CHECK_STR(ts_actor(d, "Secretary Brezhnev", 19700101), "RUSGOV");
    CHECK_STR(ts_actor(d, "Ivo Josipovic", 20130101), "HRVGOV");
    /* the Phoenix files' oddities load as PETRARCH reads them */
    CHECK_STR(ts_actor(d, "Milo Djukanovic", 20130101), "MNEGOV");
    CHECK_STR(ts_actor(d, "A.H. Belo Corporation", 0), "MNCMED");
    CHECK_STR(ts_actor(d, "Indian Ocean", 0), "---");
    CHECK_STR(ts_actor(d, "United States", 0), "USA");
    CHECK_STR(ts_actor(d, "Manchester", 0), "GBR");
    /* agents */
    CHECK_STR(ts_agent(d, "farmers"), "~AGR");
    CHECK_STR(ts_agent(d, "cattlemen"), "~AGR");
    CHECK_STR(ts_agent(d, "police"), "~COP");
    CHECK_STR(ts_agent(d, "ministries"), "~GOV");
    CHECK_STR(ts_agent(d, "deparment of environment"), "~ENV");
    /* discards */
    int len;
    const evc_phrase *p = ts_match(d, &d->discards, "1914", 1, &len);
    CHECK(p && !(p->flags & EVC_PHRASE_STORY));
    p = ts_match(d, &d->discards, "World Golf Championships", 1, &len);
    CHECK(p && len == 3 && (p->flags & EVC_PHRASE_STORY));
    p = ts_match(d, &d->discards, "Academy Award", 1, &len);
    CHECK(p && !(p->flags & EVC_PHRASE_STORY));
    p = ts_match(d, &d->discards, "Group A", 1, &len);
    CHECK(p && len == 2);
    /* issues */
    int fl;
    CHECK_STR(issue(d, "preschools", &fl), "EARLY_CHILDHOOD_EDUCATION");
    CHECK_STR(issue(d, "pre-k", &fl), "EARLY_CHILDHOOD_EDUCATION");
    CHECK_STR(issue(d, "pre k", &fl), "EARLY_CHILDHOOD_EDUCATION");
    CHECK_STR(issue(d, "teachers", &fl), "TEACHERS");
    CHECK_STR(issue(d, "financial literacy", &fl), "~");
    CHECK_INT(fl, EVC_PHRASE_IGNORE);
    CHECK_STR(issue(d, "intimidation of press", &fl), "MEDIA_CENSORSHIP");
    evc_dicts_free(d);
}

int main(void)
{
    test_validate();
    test_phoenix();
    TEST_DONE();
}
