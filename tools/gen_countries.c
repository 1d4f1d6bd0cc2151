/* gen_countries.c: writes data/dictionaries/evcode/countries.actors.txt, the
 * built-in country actors (names, official names, alternate spellings,
 * demonyms and their plurals, capitals -> CAMEO country code) in the
 * PETRARCH actor format, from three sources of facts:
 *   iso_3166-1.json  Debian iso-codes (ISO 3166-1 names and alpha-3 codes)
 *   countries.json   mledoze/countries (ODbL): names, alt spellings,
 *                    English demonyms, capitals, independence
 *   nat_df.csv       mordecai's nationality adjectives (MIT)
 *
 * Usage (from the repository root; `make dicts` runs the same):
 *   cc -std=c11 -O2 -o /tmp/gen_countries tools/gen_countries.c -ljansson
 *   /tmp/gen_countries /usr/share/iso-codes/json/iso_3166-1.json \
 *       ../shared/data/countries/countries.json \
 *       ../shared/data/countries/mordecai/nat_df.csv \
 *       > data/dictionaries/evcode/countries.actors.txt
 *
 * A phrase that two countries claim is kept for the sovereign one if only
 * one of them is sovereign ("French": FRA, not ATF) and dropped otherwise
 * ("Congolese", "Dominican"); the dropped phrases are listed in the output's
 * header. Output is deterministic (countries by code, phrases by source
 * order), so an unchanged input regenerates a byte-identical file. Errors:
 * "file: message" on stderr, exit status 1. */
#define _POSIX_C_SOURCE 200809L

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#define MAX_COUNTRIES 320
#define MAX_PHRASES 8192
#define PHRASE_MAX 96

/* Where a phrase comes from: the short tag its line's comment carries. */
enum src { S_ISO, S_ISO_OFFICIAL, S_ISO_COMMON, S_CJ_COMMON, S_CJ_OFFICIAL,
           S_CJ_ALT, S_CJ_DEMONYM, S_NAT, S_PLURAL, S_CJ_CAPITAL };
static const char *src_tag[] = {
    "ISO 3166-1 name", "ISO 3166-1 official name", "ISO 3166-1 common name",
    "countries.json common name", "countries.json official name",
    "countries.json alt spelling", "countries.json demonym",
    "nat_df.csv nationality", "plural of the demonym",
    "countries.json capital"};

typedef struct phrase {
    char text[PHRASE_MAX]; /* upper case, words joined by '_' */
    int country;           /* index into countries */
    enum src src;
    bool dropped;
} phrase;

typedef struct country {
    char code[8];     /* CAMEO code: ISO alpha-3 but for the map below */
    char alpha2[3];
    char name[PHRASE_MAX];
    bool sovereign;
} country;

static country countries[MAX_COUNTRIES];
static int ncountries;
static phrase phrases[MAX_PHRASES];
static int nphrases;

/* CAMEO codes that are not ISO alpha-3 (as the Phoenix country file has
 * them): Kosovo has no ISO code (countries.json says "UNK"), Timor-Leste
 * is CAMEO's TMP. */
static const char *cameo_code(const char *iso3)
{
    if (strcmp(iso3, "UNK") == 0)
        return "KSV";
    if (strcmp(iso3, "TLS") == 0)
        return "TMP";
    return iso3;
}

/* Capitals that are also common words, personal names, or other places
 * that news names more often than the capital. */
static const char *capital_stop[] = {
    "Victoria", "City of Victoria", "Hamilton", "Douglas", "Stanley",
    "Jamestown", "Plymouth", "Kingston", "George Town", "Georgetown",
    "The Valley", "The Bottom", "West Island", "Saint-Denis", "Tripoli",
    "Saint John's", "San Juan", "Santiago", "Moroni", "Kingstown",
    "Washington D.C.", NULL};

static void die(const char *file, const char *msg)
{
    fprintf(stderr, "%s: %s\n", file, msg);
    exit(1);
}

static int find_country(const char *code)
{
    for (int i = 0; i < ncountries; i++)
        if (strcmp(countries[i].code, code) == 0)
            return i;
    return -1;
}

/* Writes the dictionary form of s (blanks -> '_', ASCII upper case, no
 * trailing '.' of "Washington D.C." kept) into out; false if s is not a
 * usable name: empty, too long, a comma or parenthesis (ISO's inverted
 * "Korea, Republic of"), or a two-letter code. */
static bool dict_form(const char *s, char *out)
{
    size_t n = 0;
    while (*s == ' ')
        s++;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == ',' || c == '(' || c == ')' || c == '"' || c == '[' ||
            c == ']' || c == '#' || c == '+' || c == '{' || c == '}')
            return false;
        if (n + 4 >= PHRASE_MAX)
            return false;
        if (c == ' ' || c == '\t') {
            if (n > 0 && out[n - 1] != '_')
                out[n++] = '_';
            continue;
        }
        out[n++] = (char)toupper(c);
    }
    while (n > 0 && out[n - 1] == '_')
        n--;
    out[n] = 0;
    return n > 2;
}

static void add(int country, const char *s, enum src src)
{
    char f[PHRASE_MAX];
    if (country < 0 || !s || !dict_form(s, f))
        return;
    for (int i = 0; i < nphrases; i++)
        if (phrases[i].country == country && strcmp(phrases[i].text, f) == 0)
            return; /* the first source names it */
    if (nphrases >= MAX_PHRASES)
        die("gen_countries", "too many phrases");
    phrase *p = &phrases[nphrases++];
    memcpy(p->text, f, strlen(f) + 1);
    p->country = country;
    p->src = src;
    p->dropped = false;
}

/* English plural of a demonym: Pakistani -> Pakistanis; none for the
 * -ese, -sh, -ch, -ss ones ("the Chinese", "the French", "the Swiss"). */
static bool plural(const char *d, char *out)
{
    size_t n = strlen(d);
    if (n < 3 || n + 2 >= PHRASE_MAX)
        return false;
    const char *e = d + n;
    if ((n >= 3 && strcmp(e - 3, "ESE") == 0) || strcmp(e - 2, "SH") == 0 ||
        strcmp(e - 2, "CH") == 0 || e[-1] == 'S' || e[-1] == 'X' ||
        e[-1] == 'Z' || !isalpha((unsigned char)e[-1]))
        return false;
    memcpy(out, d, n);
    out[n] = 'S';
    out[n + 1] = 0;
    return true;
}

static int cmp_country(const void *a, const void *b)
{
    return strcmp(((const country *)a)->code, ((const country *)b)->code);
}

static const char *jstr(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void read_iso(const char *path)
{
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root)
        die(path, je.text);
    json_t *arr = json_object_get(root, "3166-1");
    if (!json_is_array(arr))
        die(path, "expected an array \"3166-1\"");
    size_t i;
    json_t *e;
    json_array_foreach(arr, i, e) {
        const char *a3 = jstr(e, "alpha_3"), *a2 = jstr(e, "alpha_2"),
                   *nm = jstr(e, "name");
        if (!a3 || !a2 || !nm || strlen(a3) != 3 || strlen(a2) != 2)
            die(path, "an entry without alpha_3, alpha_2 or name");
        if (ncountries >= MAX_COUNTRIES)
            die(path, "too many countries");
        country *c = &countries[ncountries++];
        snprintf(c->code, sizeof c->code, "%s", cameo_code(a3));
        snprintf(c->alpha2, sizeof c->alpha2, "%s", a2);
        const char *cn = jstr(e, "common_name");
        snprintf(c->name, sizeof c->name, "%s", cn ? cn : nm);
    }
    /* Kosovo is not in ISO 3166-1; countries.json has it */
    if (find_country("KSV") < 0 && ncountries < MAX_COUNTRIES) {
        country *c = &countries[ncountries++];
        snprintf(c->code, sizeof c->code, "KSV");
        snprintf(c->alpha2, sizeof c->alpha2, "XK");
        snprintf(c->name, sizeof c->name, "Kosovo");
    }
    qsort(countries, (size_t)ncountries, sizeof *countries, cmp_country);
    /* the names, now that the indexes are final */
    json_array_foreach(arr, i, e) {
        int k = find_country(cameo_code(jstr(e, "alpha_3")));
        add(k, jstr(e, "name"), S_ISO);
        add(k, jstr(e, "common_name"), S_ISO_COMMON);
        add(k, jstr(e, "official_name"), S_ISO_OFFICIAL);
    }
    json_decref(root);
}

static bool stopped_capital(const char *s)
{
    for (int i = 0; capital_stop[i]; i++)
        if (strcmp(capital_stop[i], s) == 0)
            return true;
    return false;
}

static void read_countries_json(const char *path)
{
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root)
        die(path, je.text);
    if (!json_is_array(root))
        die(path, "expected an array of countries");
    size_t i;
    json_t *e;
    json_array_foreach(root, i, e) {
        const char *a3 = jstr(e, "cca3");
        if (!a3)
            die(path, "a country without cca3");
        int k = find_country(cameo_code(a3));
        if (k < 0)
            continue; /* not an ISO 3166-1 entity */
        countries[k].sovereign = json_is_true(json_object_get(e, "independent"));
        json_t *nm = json_object_get(e, "name");
        add(k, jstr(nm, "common"), S_CJ_COMMON);
        add(k, jstr(nm, "official"), S_CJ_OFFICIAL);
        size_t j;
        json_t *v;
        json_array_foreach(json_object_get(e, "altSpellings"), j, v) {
            const char *s = json_string_value(v);
            bool ascii = true;
            for (const char *q = s ? s : ""; *q; q++)
                ascii = ascii && (unsigned char)*q < 0x80;
            /* alpha-2 codes ("IN", "US") are English words in lower case;
             * transliterations with diacritics are not English news usage */
            if (s && ascii && strcasecmp(s, countries[k].alpha2) != 0 &&
                strcmp(s, "Mann") != 0) /* Isle of Man's, a surname */
                add(k, s, S_CJ_ALT);
        }
        json_t *dem = json_object_get(json_object_get(e, "demonyms"), "eng");
        add(k, jstr(dem, "m"), S_CJ_DEMONYM);
        add(k, jstr(dem, "f"), S_CJ_DEMONYM);
        json_array_foreach(json_object_get(e, "capital"), j, v) {
            const char *s = json_string_value(v);
            if (s && !stopped_capital(s))
                add(k, s, S_CJ_CAPITAL);
        }
    }
    json_decref(root);
}

static void read_nat(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die(path, "cannot open");
    char line[256];
    long ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        if (ln == 1)
            continue; /* the header "nationality,alpha_3_code" */
        line[strcspn(line, "\r\n")] = 0;
        char *comma = strrchr(line, ',');
        if (!comma)
            continue; /* "BermudianBMU": a line the file garbles */
        *comma = 0;
        char *code = comma + 1;
        while (*code == ' ')
            code++;
        if (strlen(code) != 3)
            continue;
        add(find_country(cameo_code(code)), line, S_NAT);
    }
    fclose(f);
}

/* Plurals of the demonyms. (The loader adds the hyphen-split form of
 * every phrase itself: evc_dict_split_hyphens.) */
static void derive(void)
{
    int n = nphrases;
    for (int i = 0; i < n; i++) {
        char pl[PHRASE_MAX];
        if ((phrases[i].src == S_CJ_DEMONYM || phrases[i].src == S_NAT) &&
            plural(phrases[i].text, pl))
            add(phrases[i].country, pl, S_PLURAL);
    }
}

/* Resolves phrases claimed by several countries (see the top). */
static void resolve(void)
{
    for (int i = 0; i < nphrases; i++) {
        int nsov = 0, nall = 0;
        for (int j = 0; j < nphrases; j++)
            if (strcmp(phrases[i].text, phrases[j].text) == 0) {
                nall++;
                nsov += countries[phrases[j].country].sovereign;
            }
        if (nall == 1)
            continue;
        bool sov = countries[phrases[i].country].sovereign;
        phrases[i].dropped = !(nsov == 1 && sov);
    }
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: gen_countries iso_3166-1.json countries.json "
                        "nat_df.csv > countries.actors.txt\n");
        return 2;
    }
    read_iso(argv[1]);
    read_countries_json(argv[2]);
    read_nat(argv[3]);
    derive();
    resolve();

    printf("# countries.actors.txt: country names, official names, alternate\n"
           "# spellings, demonyms (and their plurals) and capitals, each coded as\n"
           "# its country (CAMEO country code = ISO 3166-1 alpha-3, but KSV for\n"
           "# Kosovo and TMP for Timor-Leste, as in the Phoenix country file).\n"
           "#\n"
           "# GENERATED by tools/gen_countries.c (`make dicts`); do not edit: change\n"
           "# the generator or its sources and regenerate. Sources (facts only):\n"
           "#   Debian iso-codes, iso_3166-1.json (ISO 3166-1; LGPL-2.1+)\n"
           "#   mledoze/countries, countries.json (ODC Open Database License 1.0)\n"
           "#   mordecai, nat_df.csv nationality adjectives (MIT, Halterman/Caerus)\n"
           "# Each phrase's comment names its source. Capitals left out as too\n"
           "# ambiguous in news:");
    for (int i = 0; capital_stop[i]; i++)
        printf("%s%s %s", i ? "," : "", i % 6 == 5 ? "\n#" : "",
               capital_stop[i]);
    printf(".\n# Phrases two countries claim, left out:");
    int nd = 0;
    for (int i = 0; i < nphrases; i++) {
        if (!phrases[i].dropped)
            continue;
        bool seen = false; /* listed already, or kept for a country */
        for (int j = 0; j < nphrases && !seen; j++)
            seen = strcmp(phrases[j].text, phrases[i].text) == 0 &&
                   (j < i || !phrases[j].dropped);
        if (seen)
            continue;
        printf("%s%s %s", nd ? "," : "", nd && nd % 6 == 0 ? "\n#" : "",
               phrases[i].text);
        nd++;
    }
    printf(".\n");
    for (int c = 0; c < ncountries; c++) {
        int first = 1;
        for (int i = 0; i < nphrases; i++) {
            const phrase *p = &phrases[i];
            if (p->country != c || p->dropped)
                continue;
            if (first) {
                printf("\n# %s\n%s [%s]  # %s\n", countries[c].name, p->text,
                       countries[c].code, src_tag[p->src]);
                first = 0;
            } else {
                printf("+%s  # %s\n", p->text, src_tag[p->src]);
            }
        }
    }
    return 0;
}
