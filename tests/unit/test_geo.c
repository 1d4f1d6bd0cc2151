/* test_geo.c: the gazetteer and the place finder on the small invented
 * gazetteer of tests/data/gazetteer (real formats, made-up places): name
 * normalization, the index (built, cached, checked, corrupt, stale), the
 * source readers' errors, lookups, place mentions on hand-made parses and
 * the location of events by each method. */
#include "evcode.h"
#include "geo/geo.h"
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const DIR_ = "tests/data/gazetteer";

static void check_norm(const char *in, const char *want)
{
    char out[GZ_MAX_KEY + 1];
    size_t n = gz_normalize(in, strlen(in), out, sizeof out);
    CHECK_STR(out, want);
    CHECK_INT(n, strlen(want));
}

static void test_normalize(void)
{
    check_norm("Khyber-Pakhtunkhwa", "khyber pakhtunkhwa");
    check_norm("KHYBER PAKHTUNKHWA", "khyber pakhtunkhwa");
    check_norm("Muzaffarābād", "muzaffarabad");
    check_norm("St. Louis", "st louis");
    check_norm("U.S.", "us");
    check_norm("Jammu & Kashmir", "jammu and kashmir");
    check_norm("Łódź", "lodz");
    check_norm("Côte d\xE2\x80\x99Ivoire", "cote divoire");
    check_norm("Ra's al Khaymah", "ras al khaymah");
    check_norm("  Dar\nes  Salaam -- ", "dar es salaam");
    check_norm("Zürich", "zurich");
    check_norm("Straße", "strasse");
    check_norm("Москва", "москва"); /* other scripts kept, folded */
    check_norm("A\xFF" "B", "a b");  /* an invalid byte separates */
    char out[8];
    CHECK_INT(gz_normalize("", 0, out, sizeof out), 0);
    CHECK_INT(gz_normalize("...", 3, out, sizeof out), 0);
    CHECK_INT(gz_normalize("far too long a name", 19, out, sizeof out), 0);
    CHECK_STR(out, "");
}

static char *tmpdir;

static evc_gazetteer_sources sources(void)
{
    static char geo[256], countries[256], aliases[256];
    snprintf(geo, sizeof geo, "%s/geonames", DIR_);
    snprintf(countries, sizeof countries, "%s/countries.json", DIR_);
    snprintf(aliases, sizeof aliases, "%s/aliases.txt", DIR_);
    evc_gazetteer_sources s = {geo, countries, aliases};
    return s;
}

static int lookup_first(const evc_gazetteer *g, const char *name, evc_place *p)
{
    int n = evc_gazetteer_lookup(g, name, p, 1);
    if (n < 1)
        memset(p, 0, sizeof *p);
    return n;
}

static void flip_byte(const char *path, long at)
{
    FILE *f = fopen(path, "r+b");
    CHECK(f != NULL);
    if (!f)
        return;
    fseek(f, at, SEEK_SET);
    int c = fgetc(f);
    fseek(f, at, SEEK_SET);
    fputc(c ^ 0x5A, f);
    fclose(f);
}

static void test_index(void)
{
    char cache[512];
    snprintf(cache, sizeof cache, "%s/sub/dir/g.idx", tmpdir);
    evc_gazetteer_sources src = sources();
    evc_gazetteer *g = NULL;
    evc_gazetteer_report rep;
    evc_error err = {0};
    CHECK_INT(evc_gazetteer_open(&src, cache, &g, &rep, &err), EVC_OK);
    CHECK_INT(rep.built, 1);
    CHECK_INT(rep.written, 1);
    CHECK_STR(rep.why, "no cache file");
    evc_gazetteer_counts c;
    evc_gazetteer_stats(g, &c);
    CHECK_INT(c.places, 7);
    CHECK_INT(c.countries, 3);
    CHECK_INT(c.admin1, 7); /* 6 named, ZZ.03 only in admin1_derived */
    CHECK_INT(c.admin2, 2);
    CHECK_INT(c.regions, 1);

    evc_place p[8];
    /* alternate names, diacritics, case */
    CHECK_INT(lookup_first(g, "MURRENSTADT", p), 1);
    CHECK_INT(p[0].geonameid, 9000004);
    CHECK_STR(p[0].name, "Mürrenstadt");
    CHECK_STR(p[0].feature_code, "PPLC");
    CHECK_STR(p[0].country, "ZZZ");
    CHECK_STR(p[0].admin1, "Capital District");
    CHECK(p[0].has_coords && p[0].lat == 46.5 && p[0].lon == 7.9);
    CHECK_INT(lookup_first(g, "Muerrenstadt", p), 1);
    CHECK_INT(lookup_first(g, "Murren City", p), 1);
    /* codes and all-lower-case transliterations are no names */
    CHECK_INT(evc_gazetteer_lookup(g, "SPF", p, 8), 0);
    CHECK_INT(evc_gazetteer_lookup(g, "springfeldo", p, 8), 0);
    CHECK_INT(evc_gazetteer_lookup(g, "Sprungfeld", p, 8), 1);
    /* three Springfields, the state capital first */
    CHECK_INT(evc_gazetteer_lookup(g, "Springfield", p, 8), 3);
    CHECK_INT(p[0].geonameid, 9000001);
    CHECK_STR(p[0].admin1_iso, "US-IL");
    CHECK_STR(p[0].admin1_gn, "US.IL");
    /* divisions: the suffix-less name, ISO 3166-2 from admin1_derived, the
     * population-weighted centre */
    CHECK_INT(lookup_first(g, "Hochland", p), 1);
    CHECK_INT(p[0].kind, EVC_PLACE_ADMIN1);
    CHECK_STR(p[0].gn_code, "ZZ.02");
    CHECK_STR(p[0].admin1_iso, "ZZ-HO");
    CHECK_STR(p[0].feature_code, "ADM1");
    CHECK(p[0].has_coords && p[0].lat == 46.1); /* the seat: no popw given */
    CHECK_INT(lookup_first(g, "Illinois", p), 1);
    CHECK(p[0].lat == 41.0 && p[0].lon == -88.5); /* popw */
    CHECK_INT(lookup_first(g, "Kastle District", p), 1);
    CHECK_INT(p[0].kind, EVC_PLACE_ADMIN2);
    CHECK_STR(p[0].admin1, "Hochland Province");
    CHECK(p[0].has_coords); /* from its two places */
    CHECK_INT(lookup_first(g, "Seeland", p), 1);
    CHECK_INT(p[0].population, 0);
    /* countries: names and alternate spellings, not demonyms nor two-letter
     * codes */
    CHECK_INT(lookup_first(g, "Republic of Zedland", p), 1);
    CHECK_INT(p[0].kind, EVC_PLACE_COUNTRY);
    CHECK_STR(p[0].country, "ZZZ");
    CHECK_STR(p[0].country2, "ZZ");
    CHECK_STR(p[0].feature_code, "PCLI");
    CHECK_INT(p[0].population, 850000 + 60000 + 1200);
    CHECK_INT(lookup_first(g, "Zeddia", p), 1);
    CHECK_INT(evc_gazetteer_lookup(g, "Zedlander", p, 8), 0);
    CHECK_INT(evc_gazetteer_lookup(g, "ZZ", p, 8), 0);
    CHECK_INT(evc_gazetteer_country(g, "AUS", p), 1);
    CHECK_STR(p[0].name, "Australia");
    CHECK_INT(evc_gazetteer_country(g, "US", p), 1);
    CHECK_STR(p[0].country, "USA");
    CHECK_INT(evc_gazetteer_country(g, "XYZ", p), 0);
    /* the aliases file */
    CHECK_INT(lookup_first(g, "HP", p), 1);
    CHECK_STR(p[0].gn_code, "ZZ.02");
    CHECK_INT(lookup_first(g, "Zed Vale", p), 1);
    CHECK_INT(p[0].kind, EVC_PLACE_REGION);
    CHECK_STR(p[0].name, "Zed Valley");
    CHECK_STR(p[0].feature_code, "RGN");
    CHECK_STR(p[0].admin1, "Hochland Province");
    CHECK_INT(lookup_first(g, "Oldtown", p), 1);
    CHECK_INT(p[0].geonameid, 9000004);
    CHECK_INT(lookup_first(g, "Ill.", p), 1);
    CHECK_STR(p[0].gn_code, "US.IL");
    CHECK_INT(evc_gazetteer_lookup(g, "Nowhere", p, 8), 0);
    evc_gazetteer_free(g);

    /* the second open maps the cache */
    g = NULL;
    CHECK_INT(evc_gazetteer_open(&src, cache, &g, &rep, &err), EVC_OK);
    CHECK_INT(rep.built, 0);
    CHECK_INT(evc_gazetteer_lookup(g, "Springfield", p, 8), 3);
    evc_gazetteer_free(g);

    /* a corrupt cache: refused by load, rebuilt by open */
    struct stat st;
    CHECK(stat(cache, &st) == 0);
    flip_byte(cache, (long)st.st_size / 2);
    g = NULL;
    CHECK_INT(evc_gazetteer_load(cache, &g, &err), EVC_ERR_SYNTAX);
    CHECK(g == NULL);
    CHECK(strstr(err.message, "checksum mismatch") != NULL);
    CHECK(strstr(err.file, "g.idx") != NULL);
    CHECK_INT(evc_gazetteer_open(&src, cache, &g, &rep, &err), EVC_OK);
    CHECK_INT(rep.built, 1);
    CHECK(strstr(rep.why, "the cache was unusable") != NULL);
    evc_gazetteer_free(g);
    g = NULL;
    CHECK_INT(evc_gazetteer_load(cache, &g, &err), EVC_OK);
    evc_gazetteer_free(g);
    /* truncated */
    CHECK(truncate(cache, st.st_size - 8) == 0);
    g = NULL;
    CHECK_INT(evc_gazetteer_load(cache, &g, &err), EVC_ERR_SYNTAX);
    CHECK(strstr(err.message, "truncated") != NULL);
    CHECK(truncate(cache, 10) == 0);
    CHECK_INT(evc_gazetteer_load(cache, &g, &err), EVC_ERR_SYNTAX);
    CHECK_INT(evc_gazetteer_load("tests/data/gazetteer/none.idx", &g, &err), EVC_ERR_IO);
    /* a stale cache (another aliases file) is rebuilt */
    CHECK_INT(evc_gazetteer_build(&src, cache, &err), EVC_OK);
    evc_gazetteer_sources noal = src;
    noal.aliases = NULL;
    CHECK_INT(evc_gazetteer_open(&noal, cache, &g, &rep, &err), EVC_OK);
    CHECK_INT(rep.built, 1);
    CHECK_STR(rep.why, "its sources changed");
    CHECK_INT(evc_gazetteer_lookup(g, "HP", p, 8), 0);
    evc_gazetteer_free(g);
    /* no cache file at all: built in memory */
    CHECK_INT(evc_gazetteer_open(&src, NULL, &g, &rep, &err), EVC_OK);
    CHECK_INT(rep.built, 1);
    CHECK_INT(rep.written, 0);
    evc_gazetteer_free(g);
    /* missing sources */
    evc_gazetteer_sources bad = src;
    bad.countries = "tests/data/gazetteer/no-countries.json";
    CHECK_INT(evc_gazetteer_open(&bad, cache, &g, &rep, &err), EVC_ERR_IO);
    CHECK(strstr(err.file, "no-countries.json") != NULL);
    CHECK_INT(evc_gazetteer_build(&src, NULL, &err), EVC_ERR_ARG);
    evc_gazetteer_free(NULL);
}

/* The readers' errors, from bytes. */
static evc_status read_one(int which, const char *text, evc_error *err)
{
    gz_builder *b = gz_builder_new();
    static const char countries[] =
        "[{\"cca2\":\"ZZ\",\"cca3\":\"ZZZ\",\"name\":{\"common\":\"Zedland\"}}]";
    static const char admin1[] = "[{\"code\":\"ZZ.02\",\"name\":\"Hochland\"}]";
    evc_status st = EVC_OK;
    size_t n = strlen(text);
    if (which != 0)
        st = gz_read_countries(b, countries, sizeof countries - 1, "c.json", err);
    if (!st && which > 1)
        st = gz_read_admin_json(b, 1, admin1, sizeof admin1 - 1, "a1.json", err);
    if (!st) {
        switch (which) {
        case 0: st = gz_read_countries(b, text, n, "c.json", err); break;
        case 1: st = gz_read_admin_json(b, 1, text, n, "a1.json", err); break;
        case 2: st = gz_read_admin1_derived(b, text, n, "d.tsv", err); break;
        case 3: st = gz_read_cities(b, text, n, "cities.txt", err); break;
        default: st = gz_read_aliases(b, text, n, "al.txt", err); break;
        }
    }
    unsigned char *img = NULL;
    size_t size;
    if (!st) {
        st = gz_builder_finish(b, 0, &img, &size, err);
        struct evc_gazetteer g;
        CHECK_INT(gz_attach(&g, img, size, "mem", err), EVC_OK);
    }
    free(img);
    gz_builder_free(b);
    return st;
}

static void expect_error(int which, const char *text, long line, long col,
                         const char *msg)
{
    evc_error err = {0};
    CHECK_INT(read_one(which, text, &err), EVC_ERR_SYNTAX);
    CHECK_INT(err.line, line);
    CHECK_INT(err.column, col);
    if (!strstr(err.message, msg)) {
        fprintf(stderr, "message \"%s\" lacks \"%s\"\n", err.message, msg);
        CHECK(0);
    }
}

static void test_readers(void)
{
    evc_error err = {0};
    const char *row = "1\tA\tA\t\t1.5\t2.5\tP\tPPL\tZZ\t\t02\t\t\t\t10\t\t\tEurope/X\t2024-01-01\n";
    CHECK_INT(read_one(3, row, &err), EVC_OK);
    expect_error(3, "1\tA\tA\t\t1.5\t2.5\tP\tPPL\tZZ\n", 1, 1, "19 tab-separated columns");
    char bad[256];
    snprintf(bad, sizeof bad, "%s2\tB\tB\t\t95.0\t2.5\tP\tPPL\tZZ\t\t02\t\t\t\t10\t\t\tX\t2024\n", row);
    expect_error(3, bad, 2, 8, "bad latitude");
    expect_error(3, "x\tA\tA\t\t1\t2\tP\tPPL\tZZ\t\t\t\t\t\t\t\t\tX\tY\n", 1, 1, "GeoNames id");
    expect_error(3, "1\tA\tA\t\t1\t2\tP\tPPL\tZZ\t\t\t\t\t\t-5\t\t\tX\tY\n", 1, 26, "bad population");
    expect_error(0, "{\"a\": 1", 1, 7, "");
    expect_error(0, "{}", 1, 1, "expected an array of countries");
    expect_error(0, "[{\"cca2\": \"zz\", \"cca3\": \"ZZZ\", \"name\": {\"common\": \"Z\"}}]",
                 0, 0, "country 1: expected an object");
    expect_error(1, "[{\"code\": \"ZZ\", \"name\": \"X\"}]", 0, 0, "entry 1");
    expect_error(1, "[1]", 0, 0, "entry 1");
    expect_error(2, "code\tcountry\n", 1, 1, "header line");
    expect_error(2,
                 "code\tcountry\tname\tseat_name\tseat_lat\tseat_lon\tpopw_lat\t"
                 "popw_lon\tn_places\tsum_pop\tiso3166_2\tiso_name\n"
                 "ZZ.02\tZZ\tH\tS\tnorth\t1\t\t\t0\t0\t\t\n",
                 2, 14, "bad latitude coordinate");
    CHECK_INT(read_one(4, "# only a comment\n\nHP = admin1 ZZ.02 # fine\n", &err), EVC_OK);
    expect_error(4, "no equals sign here\n", 1, 1, "NAME = KIND");
    expect_error(4, " = admin1 ZZ.02\n", 1, 1, "empty name");
    expect_error(4, "A = capital ZZ.02\n", 1, 5, "unknown kind");
    expect_error(4, "A = admin1 QQ.1\n", 1, 12, "no admin1 division \"QQ.1\"");
    expect_error(4, "A = country QQQ\n", 1, 13, "no country");
    expect_error(4, "A = place 42\n", 1, 11, "no place with GeoNames id 42");
    expect_error(4, "A = region ZZ 95 7\n", 1, 12, "region COUNTRY LAT LON");
    expect_error(4, "A = alias B\n", 1, 11, "not defined on an earlier line");
    expect_error(4, "A = none B\n", 1, 10, "takes no argument");
    expect_error(4, "A = admin1 ZZ.02 extra\n", 1, 18, "unexpected");
    expect_error(4, "A = admin1\n", 1, 12, "expected an argument");
    /* sources out of order */
    gz_builder *b = gz_builder_new();
    CHECK_INT(gz_read_cities(b, row, strlen(row), "c", &err), EVC_OK);
    CHECK_INT(gz_read_countries(b, "[]", 2, "c.json", &err), EVC_ERR_ARG);
    gz_builder_free(b);
}

/* An article of hand-made parses ("FORM LEMMA UPOS HEAD DEPREL" rows). */
static int parse_rows(evc_arena *a, const char *const *rows, evc_sentence *s)
{
    char buf[4096];
    size_t n = test_rows_conllu(rows, 0, buf, sizeof buf);
    evc_error err = {0};
    return evc_conllu_parse(buf, n, a, s, "t", 1, &err) == EVC_OK;
}

static const char *const S_SCHOOL[] = {
    "Police police NOUN 2 nsubj", "said say VERB 0 root",
    "rebels rebel NOUN 4 nsubj", "attacked attack VERB 2 ccomp",
    "a a DET 6 det", "school school NOUN 4 obj", "in in ADP 9 case",
    "Lower Lower PROPN 9 compound", "Kastle Kastle PROPN 4 obl",
    ", , PUNCT 11 punct", "Zedland Zedland PROPN 9 appos", ". . PUNCT 2 punct",
    NULL};
static const char *const S_REGION[] = {
    "Troops troop NOUN 2 nsubj", "moved move VERB 0 root", "into into ADP 7 case",
    "the the DET 7 det", "Zed Zed PROPN 7 compound", "Valley Valley PROPN 7 compound",
    "region region NOUN 2 obl", ". . PUNCT 2 punct", NULL};
static const char *const S_FLED[] = {
    "Rebels rebel NOUN 5 nsubj", "who who PRON 3 nsubj",
    "attacked attack VERB 1 acl:relcl", "police police NOUN 3 obj",
    "fled flee VERB 0 root", "in in ADP 7 case", "Nordby Nordby PROPN 5 obl",
    ". . PUNCT 5 punct", NULL};
static const char *const S_KASTLE[] = {
    "Officials official NOUN 2 nsubj", "met meet VERB 0 root", "in in ADP 4 case",
    "Kastle Kastle PROPN 2 obl", ". . PUNCT 2 punct", NULL};
static const char *const S_NONE[] = {
    "Officials official NOUN 2 nsubj", "met meet VERB 0 root", ". . PUNCT 2 punct",
    NULL};

static evc_event event(int verb, const char *src, const char *tgt)
{
    evc_event e;
    memset(&e, 0, sizeof e);
    e.verb = verb;
    e.source.root = src;
    e.target.root = tgt;
    e.code = "190";
    return e;
}

static void test_places(void)
{
    evc_gazetteer_sources src = sources();
    evc_gazetteer *g = NULL;
    evc_error err = {0};
    CHECK_INT(evc_gazetteer_open(&src, NULL, &g, NULL, &err), EVC_OK);
    if (!g)
        return;
    evc_arena *a = evc_arena_new(0);
    evc_sentence ss[3];
    CHECK(parse_rows(a, S_SCHOOL, &ss[0]));
    CHECK(parse_rows(a, S_REGION, &ss[1]));
    CHECK(parse_rows(a, S_FLED, &ss[2]));
    evc_geo_doc *d = NULL;
    CHECK_INT(evc_geo_doc_new(g, ss, 3, NULL, NULL, a, &d, &err), EVC_OK);
    const evc_place_mention *m;
    int n = evc_geo_doc_mentions(d, &m);
    CHECK_INT(n, 4);
    if (n == 4) {
        /* "in Lower Kastle, Zedland": the place and its qualifier */
        CHECK_STR(m[0].text, "Lower Kastle");
        CHECK_STR(m[0].how, "prep");
        CHECK_INT(m[0].place.geonameid, 9000005);
        CHECK_INT(m[0].first, 8);
        CHECK_INT(m[0].last, 9);
        CHECK_STR(m[1].text, "Zedland");
        CHECK_STR(m[1].how, "qualifier");
        CHECK_STR(m[1].place.country, "ZZZ");
        /* "into the Zed Valley region": typed, the region of the aliases */
        CHECK_STR(m[2].how, "typed");
        CHECK_INT(m[2].place.kind, EVC_PLACE_REGION);
        CHECK_INT(m[2].sentence, 1);
        CHECK_STR(m[3].text, "Nordby");
        CHECK_INT(m[3].place.geonameid, 9000007);
    }
    evc_location loc;
    evc_event e = event(4, "ZZZ", "ZZZ"); /* attacked */
    CHECK_INT(evc_geo_locate(d, 0, &e, &loc), 1);
    CHECK_STR(loc.method, "clause");
    CHECK_INT(loc.place.geonameid, 9000005);
    CHECK_STR(loc.text, "Lower Kastle");
    e = event(3, "ZZZ", ""); /* "who attacked police": not above Nordby */
    CHECK_INT(evc_geo_locate(d, 2, &e, &loc), 1);
    CHECK_STR(loc.method, "sentence");
    CHECK_INT(loc.place.geonameid, 9000007);
    e = event(5, "ZZZ", "");
    CHECK_INT(evc_geo_locate(d, 2, &e, &loc), 1);
    CHECK_STR(loc.method, "clause");

    /* a dateline given apart settles "Kastle" in the United States; without
     * it, the bigger Lower Kastle of Zedland */
    evc_sentence sk[2];
    CHECK(parse_rows(a, S_KASTLE, &sk[0]));
    CHECK(parse_rows(a, S_NONE, &sk[1]));
    CHECK_INT(evc_geo_doc_new(g, sk, 2, NULL, "SPRINGFIELD, Ill., March 3", a, &d, &err),
              EVC_OK);
    n = evc_geo_doc_mentions(d, &m);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_STR(m[0].how, "dateline");
        CHECK_INT(m[0].sentence, -1);
        CHECK_INT(m[0].place.geonameid, 9000001);
        CHECK_STR(m[1].how, "qualifier");
        CHECK_STR(m[1].place.gn_code, "US.IL");
        CHECK_INT(m[2].place.geonameid, 9000006);
    }
    e = event(2, "USA", "");
    CHECK_INT(evc_geo_locate(d, 1, &e, &loc), 1);
    CHECK_STR(loc.method, "dateline");
    CHECK_INT(loc.place.geonameid, 9000001);
    CHECK_INT(evc_geo_doc_new(g, sk, 2, NULL, NULL, a, &d, &err), EVC_OK);
    n = evc_geo_doc_mentions(d, &m);
    CHECK_INT(n, 1);
    CHECK_INT(n ? m[0].place.geonameid : 0, 9000005);
    /* no place at all: the target's country, else the source's */
    e = event(2, "USA", "AUS");
    CHECK_INT(evc_geo_locate(d, 1, &e, &loc), 1);
    CHECK_STR(loc.method, "actor");
    CHECK_STR(loc.place.name, "Australia");
    CHECK_STR(loc.text, "AUS");
    e = event(2, "ZZZ", "IGO");
    CHECK_INT(evc_geo_locate(d, 1, &e, &loc), 1);
    CHECK_STR(loc.place.country, "ZZZ");
    e = event(2, "IGO", "---");
    CHECK_INT(evc_geo_locate(d, 1, &e, &loc), 0);

    /* a dateline at the start of the text, with a division as qualifier */
    CHECK_INT(evc_geo_doc_new(g, sk + 1, 1, "SPRINGFIELD, Massachusetts (Reuters) - "
                              "Officials met.", NULL, a, &d, &err), EVC_OK);
    n = evc_geo_doc_mentions(d, &m);
    CHECK_INT(n, 2);
    CHECK_INT(n ? m[0].place.geonameid : 0, 9000002);
    /* "ISLAMABAD, July 12 -": a date, no qualifier; an em dash */
    CHECK_INT(evc_geo_doc_new(g, sk + 1, 1, "KASTLE, July 12 \xE2\x80\x94 Officials met.",
                              NULL, a, &d, &err), EVC_OK);
    n = evc_geo_doc_mentions(d, &m);
    CHECK_INT(n, 1);
    CHECK_STR(n ? m[0].how : "", "dateline");
    CHECK_STR(n ? m[0].text : "", "KASTLE");
    /* no dash after the place: no dateline */
    CHECK_INT(evc_geo_doc_new(g, sk + 1, 1, "KASTLE, the town, is quiet.", NULL, a, &d,
                              &err), EVC_OK);
    CHECK_INT(evc_geo_doc_mentions(d, &m), 0);
    /* no dateline: a capitalized first sentence */
    CHECK_INT(evc_geo_doc_new(g, sk + 1, 1, "Officials met in the capital.", NULL, a,
                              &d, &err), EVC_OK);
    CHECK_INT(evc_geo_doc_mentions(d, &m), 0);
    /* an empty article */
    CHECK_INT(evc_geo_doc_new(g, NULL, 0, "", "", a, &d, &err), EVC_OK);
    CHECK_INT(evc_geo_doc_mentions(d, &m), 0);
    CHECK_INT(evc_geo_doc_new(NULL, ss, 1, NULL, NULL, a, &d, &err), EVC_ERR_ARG);

    /* the dateline member of a JSON Lines article */
    evc_article art;
    memset(&art, 0, sizeof art);
    art.extra_json = "{\"dateline\":\"PESHAWAR, July 12\",\"x\":1}";
    CHECK_STR(evc_article_dateline(&art, a), "PESHAWAR, July 12");
    art.extra_json = "{\"dateline\":null}";
    CHECK(evc_article_dateline(&art, a) == NULL);
    art.extra_json = NULL;
    CHECK(evc_article_dateline(&art, a) == NULL);
    CHECK(evc_article_dateline(NULL, a) == NULL);
    evc_arena_free(a);
    evc_gazetteer_free(g);
}

int main(void)
{
    char tmpl[] = "/tmp/evc_test_geo_XXXXXX";
    tmpdir = mkdtemp(tmpl);
    CHECK(tmpdir != NULL);
    if (!tmpdir)
        TEST_DONE();
    test_normalize();
    test_index();
    test_readers();
    test_places();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    CHECK(system(cmd) == 0);
    TEST_DONE();
}
