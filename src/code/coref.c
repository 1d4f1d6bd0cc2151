/* coref.c: coreference where coding needs it. A per-article context
 * remembers the last EVC_COREF_RING actor mentions; a pronoun or a definite
 * description in a coded verb's subject or object slot takes the nearest
 * compatible earlier actor, with subjects preferred (the salience order of
 * Hobbs 1978 and centering: Grosz, Joshi and Weinstein 1995). Capitals
 * standing for their governments ("Islamabad said") are recognised from a
 * small table of facts. The context is one article's, on one thread. */
#include "code/coref.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------ the context */

evc_coref *evc_coref_new(void)
{
    return calloc(1, sizeof(evc_coref));
}

void evc_coref_reset(evc_coref *c)
{
    if (c) {
        c->n = 0;
        c->next = 0;
        c->sentence = 0;
    }
}

void evc_coref_free(evc_coref *c)
{
    free(c);
}

/* Copies s into dst (cap bytes), cut before a UTF-8 continuation byte. */
static void copy_cut(char *dst, size_t cap, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    if (n)
        memcpy(dst, s, n);
    dst[n] = 0;
}

void evc_mention_set(evc_mention *m, const char *code, const char *text,
                     int sentence, int head, int group, unsigned flags)
{
    copy_cut(m->code, sizeof m->code, code);
    copy_cut(m->text, sizeof m->text, text);
    m->sentence = sentence;
    m->head = head;
    m->group = group;
    m->flags = flags;
}

void evc_coref_note(evc_coref *c, const evc_mention *m)
{
    c->ring[c->next] = *m;
    c->next = (c->next + 1) % EVC_COREF_RING;
    if (c->n < EVC_COREF_RING)
        c->n++;
}

/* ------------------------------------------------------------ word classes */

evc_anaphor_kind evc_coref_pronoun(const char *form)
{
    static const struct {
        const char *w;
        evc_anaphor_kind k;
    } prons[] = {
        {"he", EVC_ANAPH_PERSON},   {"him", EVC_ANAPH_PERSON},
        {"she", EVC_ANAPH_PERSON},  {"her", EVC_ANAPH_PERSON},
        {"it", EVC_ANAPH_THING},    {"they", EVC_ANAPH_PLURAL},
        {"them", EVC_ANAPH_PLURAL},
    };
    if (!form)
        return EVC_ANAPH_NONE;
    for (size_t i = 0; i < sizeof prons / sizeof *prons; i++)
        if (strcasecmp(form, prons[i].w) == 0)
            return prons[i].k;
    return EVC_ANAPH_NONE;
}

evc_anaphor_kind evc_coref_ordinal(const char *form)
{
    if (!form)
        return EVC_ANAPH_NONE;
    if (!strcasecmp(form, "former"))
        return EVC_ANAPH_FORMER;
    if (!strcasecmp(form, "latter") || !strcasecmp(form, "later"))
        return EVC_ANAPH_LATTER;
    return EVC_ANAPH_NONE;
}

bool evc_coref_person_noun(const char *lemma)
{
    static const char *const nouns[] = {
        "minister",   "president",   "premier",  "chancellor", "ambassador",
        "envoy",      "official",    "governor", "mayor",      "king",
        "queen",      "spokesperson", "spokesman", "spokeswoman", "secretary",
        "commander",  "general",     "senator",  "lawmaker",   "diplomat"};
    if (!lemma)
        return false;
    for (size_t i = 0; i < sizeof nouns / sizeof *nouns; i++)
        if (strcasecmp(lemma, nouns[i]) == 0)
            return true;
    return false;
}

/* Agents of armed non-state groups in the CAMEO actor codebook: rebels,
 * insurgents, unaffiliated armed groups, radicals, separatists. */
static bool armed_agent(const char *agent)
{
    static const char *const armed[] = {"REB", "INS", "UAF", "RAD", "SEP"};
    for (size_t i = 0; i < sizeof armed / sizeof *armed; i++)
        if (strncmp(agent, armed[i], 3) == 0)
            return true;
    return false;
}

evc_anaphor_kind evc_coref_description(const char *agent, const char *lemma)
{
    /* nouns for one person that the agents file files under the media
     * (SPOKES!PERSON! [~MED]): the antecedent is the person who spoke */
    static const char *const person_nouns[] = {"spokesperson", "spokesman",
                                               "spokeswoman"};
    /* collective nouns with no agent of their own: "the group" */
    static const char *const group_nouns[] = {"group", "organization",
                                              "organisation", "outfit",
                                              "faction", "militia"};
    if (lemma)
        for (size_t i = 0; i < sizeof person_nouns / sizeof *person_nouns; i++)
            if (strcasecmp(lemma, person_nouns[i]) == 0)
                return EVC_ANAPH_PERSON;
    if (agent && agent[0]) {
        if (strncmp(agent, "GOV", 3) == 0)
            return EVC_ANAPH_GOV;
        if (armed_agent(agent))
            return EVC_ANAPH_ARMED;
        return EVC_ANAPH_AGENT;
    }
    if (lemma)
        for (size_t i = 0; i < sizeof group_nouns / sizeof *group_nouns; i++)
            if (strcasecmp(lemma, group_nouns[i]) == 0)
                return EVC_ANAPH_ARMED;
    return EVC_ANAPH_NONE;
}

/* Capitals and seats of government of the major powers and of countries
 * in conflict, with their ISO 3166-1 alpha-3 codes (which CAMEO uses for
 * countries). Source: ../shared/data/countries/countries.json (mledoze/
 * countries, "capital" and "cca3"); "Washington" is the usual short name of
 * the seat of the US government, "Kiev" the older spelling of Kyiv, and
 * Jerusalem is the seat of Israel's government; names are written without
 * accents (BOGOTA), as the actor dictionaries do. Cities shared by two
 * countries (Tripoli) or split by the tokenizer (Sana'a, N'Djamena) are
 * left out. */
static const struct {
    const char *name; /* upper case, words separated by one space */
    const char *code;
} capitals[] = {
    {"ABU DHABI", "ARE"},    {"ABUJA", "NGA"},        {"ADDIS ABABA", "ETH"},
    {"ALGIERS", "DZA"},      {"AMMAN", "JOR"},        {"ANKARA", "TUR"},
    {"ASHGABAT", "TKM"},     {"ASTANA", "KAZ"},       {"ATHENS", "GRC"},
    {"BAGHDAD", "IRQ"},      {"BAKU", "AZE"},         {"BAMAKO", "MLI"},
    {"BANGKOK", "THA"},      {"BANGUI", "CAF"},       {"BEIJING", "CHN"},
    {"BEIRUT", "LBN"},       {"BELGRADE", "SRB"},     {"BERLIN", "DEU"},
    {"BISHKEK", "KGZ"},      {"BOGOTA", "COL"},       {"BRASILIA", "BRA"},
    {"BUENOS AIRES", "ARG"},
    {"CAIRO", "EGY"},        {"CANBERRA", "AUS"},     {"CARACAS", "VEN"},
    {"COLOMBO", "LKA"},      {"DAMASCUS", "SYR"},     {"DHAKA", "BGD"},
    {"DOHA", "QAT"},         {"DUSHANBE", "TJK"},     {"HANOI", "VNM"},
    {"HAVANA", "CUB"},       {"ISLAMABAD", "PAK"},    {"JAKARTA", "IDN"},
    {"JERUSALEM", "ISR"},    {"JUBA", "SSD"},         {"KABUL", "AFG"},
    {"KATHMANDU", "NPL"},    {"KHARTOUM", "SDN"},     {"KIEV", "UKR"},
    {"KINSHASA", "COD"},     {"KUALA LUMPUR", "MYS"}, {"KUWAIT CITY", "KWT"},
    {"KYIV", "UKR"},         {"LONDON", "GBR"},       {"MADRID", "ESP"},
    {"MANAMA", "BHR"},       {"MANILA", "PHL"},       {"MEXICO CITY", "MEX"},
    {"MINSK", "BLR"},        {"MOGADISHU", "SOM"},    {"MOSCOW", "RUS"},
    {"MUSCAT", "OMN"},       {"NAIROBI", "KEN"},      {"NAYPYIDAW", "MMR"},
    {"NEW DELHI", "IND"},    {"NIAMEY", "NER"},       {"OTTAWA", "CAN"},
    {"PARIS", "FRA"},        {"PYONGYANG", "PRK"},    {"RABAT", "MAR"},
    {"RAMALLAH", "PSE"},     {"RIYADH", "SAU"},       {"ROME", "ITA"},
    {"SEOUL", "KOR"},        {"TAIPEI", "TWN"},       {"TASHKENT", "UZB"},
    {"TBILISI", "GEO"},      {"TEHRAN", "IRN"},       {"TOKYO", "JPN"},
    {"TUNIS", "TUN"},        {"WARSAW", "POL"},       {"WASHINGTON", "USA"},
    {"WASHINGTON D.C.", "USA"}, {"YEREVAN", "ARM"},
};

bool evc_coref_is_capital(const char *words, const char *code)
{
    if (!words || !code || strlen(code) != 3)
        return false;
    for (size_t i = 0; i < sizeof capitals / sizeof *capitals; i++)
        if (strcmp(words, capitals[i].name) == 0)
            return strcmp(code, capitals[i].code) == 0;
    return false;
}

bool evc_coref_is_country(const char *code)
{
    /* the CAMEO actor codebook's region codes and the sector codes that
     * stand first in some codes (IGO, NGO, MNC, IMG: international
     * militarized groups, UAF: unaffiliated armed forces, ...) */
    static const char not_countries[] =
        " AFR ASA BLK CRB CAU CFR CAS CEU EIN EAF EEU EUR LAM MEA MDT NAF NMR"
        " PGS SCN SAM SAS SEA SAF WAF WST"
        " IGO NGO MNC IMG UAF INT MED ELI REB GOV MIL COP OPP BUS CVL EDU"
        " HLH HRI JUD LAB LEG REF RAD SPY AGR CRM REL SEP UNO INS --- ";
    if (!code || strlen(code) != 3)
        return false;
    for (int i = 0; i < 3; i++)
        if (code[i] < 'A' || code[i] > 'Z')
            return false;
    char key[6] = {' ', code[0], code[1], code[2], ' ', 0};
    return strstr(not_countries, key) == NULL;
}

/* ------------------------------------------------------------ resolution */

/* Does mention m fit anaphor a? 0 no; 1 yes, with the code it stands for
 * there in `code`; 2 it would, but it is a blocker (see evc_mention). */
static int compatible(const evc_anaphor *a, const evc_mention *m, char *code)
{
    size_t len = strlen(m->code);
    if (len < 3)
        return 0;
    bool blocker = strncmp(m->code, "---", 3) == 0;
    const char *agent = len > 3 ? m->code + 3 : "";
    bool person = m->flags & EVC_MENTION_PERSON;
    bool plural = m->flags & EVC_MENTION_PLURAL;
    char root[4] = {m->code[0], m->code[1], m->code[2], 0};
    bool country = !blocker && evc_coref_is_country(root);
    bool ok = false;
    switch (a->kind) {
    case EVC_ANAPH_PERSON:
        ok = person && !plural;
        break;
    case EVC_ANAPH_THING:
        ok = !person && !plural && (!blocker || agent[0]);
        break;
    case EVC_ANAPH_PLURAL:
        /* a plural, or an organisation (which English often calls they),
         * or a government: not a bare country, not one person */
        ok = plural || (!blocker && !person && (agent[0] || !country));
        break;
    case EVC_ANAPH_GOV:
        /* "the minister" is a person, "the government" is not */
        if (a->person != person)
            return 0;
        if (strncmp(agent, "GOV", 3) == 0) {
            ok = true;
        } else if (len == 3 && country && !a->person) {
            memcpy(code, m->code, 3);
            memcpy(code + 3, "GOV", 4);
            return 1;
        }
        break;
    case EVC_ANAPH_ARMED:
        ok = !person && (armed_agent(agent) ||
                         (!blocker && (!strcmp(root, "IMG") ||
                                       !strcmp(root, "UAF"))));
        break;
    case EVC_ANAPH_AGENT:
        ok = !person && a->agent && agent[0] &&
             strncmp(agent, a->agent, 3) == 0;
        break;
    case EVC_ANAPH_FORMER:
    case EVC_ANAPH_LATTER:
        ok = true; /* the coordination decides (ordinal_pick) */
        break;
    case EVC_ANAPH_NONE:
        break;
    }
    if (!ok)
        return 0;
    if (blocker)
        return 2;
    memcpy(code, m->code, len + 1);
    return 1;
}

static bool excluded(const evc_anaphor *a, const evc_mention *m)
{
    if (m->group == a->group || m->head == a->head)
        return true;
    for (int i = 0; i < a->nexclude; i++)
        if (m->head == a->exclude[i] || m->group == a->exclude[i])
            return true;
    return false;
}

/* Writes m, and for "they" the rest of its coordination in `list`, to out. */
static int take(const evc_anaphor *a, const evc_mention *m,
                const evc_mention *const *list, int nlist,
                const evc_mention **out, char (*codes)[EVC_COREF_CODE],
                int max)
{
    int k = 0;
    if (a->kind != EVC_ANAPH_PLURAL) {
        out[0] = m;
        return compatible(a, m, codes[0]) == 1 ? 1 : 0;
    }
    for (int i = 0; i < nlist && k < max; i++) {
        const evc_mention *o = list[i];
        if (o->sentence == m->sentence && o->group == m->group &&
            compatible(a, o, codes[k]) == 1)
            out[k++] = o;
    }
    return k;
}

/* The first (former) or last (latter) member of the coordination of two or
 * more actors that ends nearest before `before` among m[0..n) of one
 * sentence (before < 0: anywhere in it); NULL if there is none. */
static const evc_mention *ordinal_pick(const evc_anaphor *a,
                                       const evc_mention *m, int n, int before)
{
    const evc_mention *best = NULL;
    int best_end = -1;
    for (int i = 0; i < n; i++) {
        if (before >= 0 && m[i].head >= before)
            continue;
        int lo = i, hi = i, members = 0;
        for (int j = 0; j < n; j++) {
            if (m[j].group != m[i].group || (before >= 0 && m[j].head >= before))
                continue;
            members++;
            if (m[j].head < m[lo].head)
                lo = j;
            if (m[j].head > m[hi].head)
                hi = j;
        }
        if (members < 2 || m[lo].head == m[hi].head || m[hi].head <= best_end)
            continue;
        best_end = m[hi].head;
        best = a->kind == EVC_ANAPH_FORMER ? &m[lo] : &m[hi];
    }
    return best;
}

/* "the former", "the latter": this sentence's coordinations, then the
 * previous sentence's. */
static int resolve_ordinal(const evc_coref *c, const evc_mention *cur,
                           int ncur, const evc_anaphor *a,
                           const evc_mention **out,
                           char (*codes)[EVC_COREF_CODE])
{
    const evc_mention *m = ordinal_pick(a, cur, ncur, a->head);
    if (!m && c && c->n) {
        evc_mention prev[EVC_COREF_RING];
        const evc_mention *at[EVC_COREF_RING];
        int np = 0;
        for (int i = 0; i < c->n; i++) {
            int k = (c->next - 1 - i + 2 * EVC_COREF_RING) % EVC_COREF_RING;
            if (c->ring[k].sentence != c->sentence - 1)
                continue;
            prev[np] = c->ring[k];
            at[np++] = &c->ring[k];
        }
        const evc_mention *p = ordinal_pick(a, prev, np, -1);
        if (p)
            m = at[p - prev];
    }
    if (!m || strncmp(m->code, "---", 3) == 0)
        return 0;
    out[0] = m;
    memcpy(codes[0], m->code, strlen(m->code) + 1);
    return 1;
}

int evc_coref_resolve(const evc_coref *c, const evc_mention *cur, int ncur,
                      const evc_anaphor *a, const evc_mention **out,
                      char (*codes)[EVC_COREF_CODE], int max)
{
    if (!a || a->kind == EVC_ANAPH_NONE || max <= 0)
        return 0;
    if (a->kind == EVC_ANAPH_FORMER || a->kind == EVC_ANAPH_LATTER)
        return resolve_ordinal(c, cur, ncur, a, out, codes);
    char code[EVC_COREF_CODE];
    /* this sentence: the mentions before the anaphor, nearest first,
     * subjects before the others */
    const evc_mention *list[EVC_COREF_RING + 64];
    int nl = 0;
    for (int i = 0; i < ncur && nl < 64; i++)
        list[nl++] = &cur[i];
    for (int pass = 0; pass < 2; pass++) {
        const evc_mention *best = NULL;
        int how = 0;
        for (int i = 0; i < ncur; i++) {
            const evc_mention *m = &cur[i];
            bool subj = m->flags & EVC_MENTION_SUBJECT;
            if (m->head >= a->head || subj != (pass == 0) || excluded(a, m) ||
                (best && m->head <= best->head))
                continue;
            int r = compatible(a, m, code);
            if (r) {
                best = m;
                how = r;
            }
        }
        if (best)
            return how == 1 ? take(a, best, list, nl, out, codes, max) : 0;
    }
    if (!c || c->n == 0)
        return 0;
    /* earlier sentences, newest first; within one, subjects first, left to
     * right. The ring in order of arrival: */
    nl = 0;
    int first = (c->next - c->n + EVC_COREF_RING) % EVC_COREF_RING;
    for (int i = 0; i < c->n; i++)
        list[nl++] = &c->ring[(first + i) % EVC_COREF_RING];
    int end = nl;
    while (end > 0) {
        int sent = list[end - 1]->sentence, begin = end;
        while (begin > 0 && list[begin - 1]->sentence == sent)
            begin--;
        if (c->sentence - sent > a->max_back)
            break;
        for (int pass = 0; pass < 2; pass++)
            for (int i = begin; i < end; i++) {
                const evc_mention *m = list[i];
                if (((m->flags & EVC_MENTION_SUBJECT) != 0) != (pass == 0))
                    continue;
                int r = compatible(a, m, code);
                if (r)
                    return r == 1 ? take(a, m, list, nl, out, codes, max) : 0;
            }
        end = begin;
    }
    return 0;
}
