/* places.c: place mentions found on the dependency parse (UD v2 relations)
 * and in datelines, resolved against the gazetteer with the article's
 * country context, and the location of each event (issue 6: the place in
 * the verb's clause, else its sentence, else the dateline, else the
 * country of its target or source). Disambiguation follows the usual
 * gazetteer heuristics (cf. CLIFF-CLAVIN, Mordecai): country context from
 * the dateline and the other places and nationalities of the article, the
 * feature type a phrase names ("X province"), qualifiers ("Springfield,
 * Illinois"; "Pakistan's Swat valley") and population. */
#include "geo/geo.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CAND 32    /* candidates kept per mention */
#define MAX_RUN 6      /* longest name, in tokens */
#define MAX_LEFT 4     /* modifiers tried before a name ("Indian-administered") */

/* What the word after a name says the place is. */
enum hint { H_NONE, H_ADMIN, H_DISTRICT, H_CITY, H_AREA };

typedef struct cand {
    uint32_t post;
    double base;  /* prior + hint + qualifier */
    double score; /* base + context, the last time it was resolved */
} cand;

typedef struct mention {
    evc_place_mention pub;
    int head;        /* the head token, 0 for the dateline */
    int hint;
    int qualifier;   /* index of the mention qualifying this one, or -1 */
    int qualifies;   /* 1: this mention only qualifies another */
    int ncand;
    cand c[MAX_CAND];
    int best;        /* index into c, -1 when unresolved */
} mention;

struct evc_geo_doc {
    const struct evc_gazetteer *g;
    const evc_sentence *ss;
    int n;
    mention *m;
    int nm, cap;
    evc_place_mention *pub; /* the accepted mentions, for callers */
    int npub;
    int dateline;           /* mention index, or -1 */
    float *votes;           /* per country: context votes */
    float *text_votes;      /* per country: from the names in the text */
    evc_arena *a;
};

/* ---------------------------------------------------------------- words */

static int lower_eq(const char *s, const char *t)
{
    for (; *s && *t; s++, t++) {
        char c = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
        if (c != *t)
            return 0;
    }
    return *s == 0 && *t == 0;
}

static int in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (lower_eq(w, *list))
            return 1;
    return 0;
}

/* The prepositions whose objects are places of the event. */
static const char *const place_preps[] = {
    "in", "at", "near", "across", "outside", "from", "inside", "into",
    "throughout", "around", "within", "off", "through", "along", "toward",
    "towards", NULL};

/* Capitalized words that name times, bodies or things, never the place of
 * an event, though a village somewhere bears the name. */
static const char *const not_places[] = {
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "congress", "parliament", "senate", "house", "court", "government",
    "god", "christmas", "easter", "ramadan", "reuters", "internet", "twitter",
    "facebook", "english", "president", "minister", "chairman", "mr", "mrs",
    "ms", "dr", "inc", "corp", "co", "ltd", "plc", "university", "college",
    "bank", "company", "group", "party", "army", "police", "office", NULL};

/* The nouns that make "X province", "the X valley" name a place. */
static int type_noun(const char *lemma)
{
    static const char *const admin[] = {"province", "state", "region",
                                        "territory", "governorate", "oblast",
                                        "prefecture", "emirate", NULL};
    static const char *const district[] = {"district", "county", "agency",
                                           "tehsil", "municipality",
                                           "department", NULL};
    static const char *const city[] = {"city", "town", "village", "capital",
                                       NULL};
    static const char *const area[] = {"valley", "area", "island", NULL};
    if (!lemma)
        return H_NONE;
    if (in_list(lemma, admin))
        return H_ADMIN;
    if (in_list(lemma, district))
        return H_DISTRICT;
    if (in_list(lemma, city))
        return H_CITY;
    if (in_list(lemma, area))
        return H_AREA;
    return H_NONE;
}

static int is_rel(const evc_token *t, const char *rel)
{
    if (!t->deprel)
        return 0;
    size_t n = strlen(rel);
    return strncmp(t->deprel, rel, n) == 0 && (t->deprel[n] == 0 || t->deprel[n] == ':');
}

/* A word of a proper name: tagged PROPN or NNP(S), written with a capital
 * (or digit) first. */
static int name_token(const evc_token *t)
{
    if (!t->form || !t->form[0])
        return 0;
    unsigned char c = (unsigned char)t->form[0];
    if (!((c >= 'A' && c <= 'Z') || c >= 0xC0))
        return 0;
    return (t->upos && !strcmp(t->upos, "PROPN")) ||
           (t->xpos && (!strcmp(t->xpos, "NNP") || !strcmp(t->xpos, "NNPS")));
}

/* ---------------------------------------------------------------- mentions */

static mention *mention_new(evc_geo_doc *d)
{
    if (d->nm == d->cap) {
        int nc = d->cap ? d->cap * 2 : 16;
        mention *nv = evc_arena_alloc(d->a, (size_t)nc * sizeof *nv);
        if (!nv)
            return NULL;
        if (d->nm)
            memcpy(nv, d->m, (size_t)d->nm * sizeof *nv);
        d->m = nv;
        d->cap = nc;
    }
    mention *m = &d->m[d->nm++];
    memset(m, 0, sizeof *m);
    m->qualifier = -1;
    m->best = -1;
    return m;
}

/* The text of tokens [a, b] of s: the bytes of the article between them
 * when offsets are known (so "Cote d'Ivoire" keeps its apostrophe), else
 * the forms joined by spaces. */
static char *span_text(evc_arena *ar, const evc_sentence *s, const char *text,
                       int a, int b)
{
    const evc_token *ta = &s->tok[a], *tb = &s->tok[b];
    if (text && ta->off >= 0 && tb->off >= ta->off && tb->len > 0 &&
        tb->off + tb->len - ta->off < 512) {
        /* line breaks inside a name ("Dar\nes Salaam") become spaces */
        char *t = evc_arena_strndup(ar, text + ta->off,
                                    (size_t)(tb->off + tb->len - ta->off));
        for (char *c = t; c && *c; c++)
            if (*c == '\n' || *c == '\r' || *c == '\t')
                *c = ' ';
        return t;
    }
    char buf[512];
    size_t n = 0;
    for (int i = a; i <= b; i++) {
        const char *f = s->tok[i].form ? s->tok[i].form : "";
        size_t k = strlen(f);
        if (n + k + 2 >= sizeof buf)
            break;
        if (i > a)
            buf[n++] = ' ';
        memcpy(buf + n, f, k);
        n += k;
    }
    return evc_arena_strndup(ar, buf, n);
}

/* The gazetteer entry of a text, or NULL. */
static const gz_key *lookup(const struct evc_gazetteer *g, const char *s, size_t n)
{
    char key[GZ_MAX_KEY + 1];
    size_t k = gz_normalize(s, n, key, sizeof key);
    return k ? gz_find(g, key, k) : NULL;
}

/* Does the entry name a place (not only a nationality, not only an
 * abbreviation unless allowed)? */
static int names_place(const struct evc_gazetteer *g, const gz_key *k, int abbr)
{
    for (uint32_t i = 0; k && i < k->npost; i++) {
        uint32_t p = g->post[k->post + i];
        if (GZ_POST_KIND(p) != GZ_DEMONYM && (abbr || !(p & GZ_POST_ABBR)))
            return 1;
    }
    return 0;
}

/* Keeps the MAX_CAND best candidates of entry k for mention m. */
static void set_candidates(const struct evc_gazetteer *g, mention *m,
                           const gz_key *k, int abbr)
{
    m->ncand = 0;
    for (uint32_t i = 0; i < k->npost; i++) {
        uint32_t p = g->post[k->post + i];
        if (GZ_POST_KIND(p) == GZ_DEMONYM || (!abbr && (p & GZ_POST_ABBR)))
            continue;
        double s = gz_prior(g, p);
        int at = m->ncand < MAX_CAND ? m->ncand++ : MAX_CAND - 1;
        if (at == MAX_CAND - 1 && m->ncand == MAX_CAND && s <= m->c[at].base)
            continue;
        m->c[at].post = p;
        m->c[at].base = s;
        for (int j = at; j > 0 && m->c[j].base > m->c[j - 1].base; j--) {
            cand t = m->c[j];
            m->c[j] = m->c[j - 1];
            m->c[j - 1] = t;
        }
    }
}

/* Lower-case words inside place names: "Dar es Salaam", "Rio de Janeiro",
 * "Punta del Este", "Stratford-upon-Avon". */
static int name_particle(const evc_token *t)
{
    static const char *const w[] = {"es", "de", "del", "da", "do", "dos", "das",
                                    "di", "du", "des", "al", "el", "la", "le",
                                    "los", "las", "y", "van", "von", "der",
                                    "den", "am", "an", "im", "upon", "on",
                                    "sur", "en", "bin", NULL};
    return t->form && t->form[0] >= 'a' && t->form[0] <= 'z' && in_list(t->form, w);
}

/* Is token i (between 1 and ntok) a word of a name run? */
static int run_token(const evc_sentence *s, int i)
{
    if (name_token(&s->tok[i]))
        return 1;
    return i > 1 && i < s->ntok && name_particle(&s->tok[i]) &&
           name_token(&s->tok[i - 1]) && name_token(&s->tok[i + 1]);
}

/* Finds the name around token h of sentence s: the longest span of name
 * words containing h (and up to MAX_LEFT words before them, for
 * "Indian-administered Kashmir") whose text is in the gazetteer. `extra`
 * (a type noun right after the name, or 0) is tried as part of the name
 * first ("Swat valley"). Fills m's span, text and candidates; 0 when
 * nothing fits. */
static int find_name(evc_geo_doc *d, const evc_sentence *s, const char *text,
                     int h, int extra, int abbr, mention *m)
{
    int a = h, b = h;
    while (a > 1 && h - a < MAX_RUN && run_token(s, a - 1))
        a--;
    while (b < s->ntok && b - h < MAX_RUN && run_token(s, b + 1))
        b++;
    int left = a;
    for (int k = 0; k < MAX_LEFT && left > 1; k++) {
        const evc_token *t = &s->tok[left - 1];
        if (!t->upos || !strcmp(t->upos, "DET") || !strcmp(t->upos, "ADP") ||
            !strcmp(t->upos, "CCONJ") || (!strcmp(t->upos, "PUNCT") &&
                                          strcmp(t->form, "-") != 0) ||
            !strcmp(t->upos, "PART"))
            break;
        left--;
    }
    int last_end = extra ? extra : b;
    for (int e = last_end; e >= h; e--) {
        if (extra && e < extra && e > b)
            continue;
        for (int st = left; st <= h; st++) {
            if (st < a && e != b && e != extra)
                continue; /* modifiers only before a whole name */
            char *t = span_text(d->a, s, text, st, e);
            if (!t)
                return 0;
            const gz_key *k = lookup(d->g, t, strlen(t));
            if (k && names_place(d->g, k, abbr)) {
                m->pub.first = st;
                m->pub.last = e;
                m->pub.text = t;
                set_candidates(d->g, m, k, abbr);
                return m->ncand > 0;
            }
        }
    }
    return 0;
}

/* The mention whose span covers token t of sentence k, or -1. */
static int mention_at(const evc_geo_doc *d, int k, int t)
{
    for (int i = d->nm - 1; i >= 0; i--) {
        const mention *m = &d->m[i];
        if (m->pub.sentence == k && t >= m->pub.first && t <= m->pub.last)
            return i;
        if (m->pub.sentence < k)
            break;
    }
    return -1;
}

/* A new mention at name token h (how, hint), unless one covers h already;
 * returns its index or -1. */
static int add_mention(evc_geo_doc *d, int k, const char *text, int h,
                       int extra, const char *how, int hint, int abbr)
{
    const evc_sentence *s = &d->ss[k];
    int have = mention_at(d, k, h);
    if (have >= 0)
        return have;
    if (s->tok[h].form && in_list(s->tok[h].form, not_places) && !extra)
        return -1;
    mention tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.qualifier = -1;
    tmp.best = -1;
    if (!find_name(d, s, text, h, extra, abbr, &tmp))
        return -1;
    mention *m = mention_new(d);
    if (!m)
        return -1;
    *m = tmp;
    m->pub.sentence = k;
    m->pub.how = how;
    m->head = extra ? extra : h;
    m->hint = hint;
    return d->nm - 1;
}

/* The type noun a name token is a compound of ("Swat" in "the Swat
 * valley"), or 0. */
static int type_head(const evc_sentence *s, int i, int *hint)
{
    int h = s->tok[i].head;
    if (h <= i || h > s->ntok || !is_rel(&s->tok[i], "compound"))
        return 0;
    for (int j = i + 1; j < h; j++)
        if (!name_token(&s->tok[j]))
            return 0;
    /* a capitalized "Province" is part of the name, not its type */
    if (!s->tok[h].form || !(s->tok[h].form[0] >= 'a' && s->tok[h].form[0] <= 'z'))
        return 0;
    *hint = type_noun(s->tok[h].lemma);
    return *hint ? h : 0;
}

/* Is token i (a nmod) bare or marked by "in" or "of", as a place's
 * container is ("Kurram district of Khyber Pakhtunkhwa"), rather than by
 * "to" or "from" ("from London to New York")? */
static int container_case(const evc_sentence *s, int i)
{
    for (int c = 1; c <= s->ntok; c++)
        if (s->tok[c].head == i && is_rel(&s->tok[c], "case"))
            return s->tok[c].form && (lower_eq(s->tok[c].form, "in") ||
                                      lower_eq(s->tok[c].form, "of"));
    return 1;
}

/* "Miran Shah in North Waziristan", "the Kurram district of Khyber
 * Pakhtunkhwa": a mention inside another's phrase (by in or of) is its
 * qualifier, though a place of its own too. */
static void link_containers(evc_geo_doc *d, int k, int first_mention)
{
    const evc_sentence *s = &d->ss[k];
    for (int j = first_mention; j < d->nm; j++) {
        mention *m2 = &d->m[j];
        int h = m2->head;
        if (h < 1 || h > s->ntok || m2->qualifies)
            continue;
        int up = s->tok[h].head, in = 0;
        for (int c = 1; c <= s->ntok && !in; c++)
            if (s->tok[c].head == h && is_rel(&s->tok[c], "case") && s->tok[c].form &&
                (lower_eq(s->tok[c].form, "in") || lower_eq(s->tok[c].form, "of")))
                in = 1;
        if (!in || up < 1)
            continue;
        for (int i = first_mention; i < d->nm; i++) {
            mention *m1 = &d->m[i];
            if (i != j && m1->qualifier < 0 &&
                (m1->head == up || (up >= m1->pub.first && up <= m1->pub.last))) {
                m1->qualifier = j;
                break;
            }
        }
    }
}

/* Is q (a division or country) of higher rank than m's likeliest reading,
 * so that it can qualify it ("Springfield, Illinois"), rather than being
 * the next item of a list ("Afghanistan, Eritrea, Libya")? */
static int outranks(const mention *q, const mention *m)
{
    static const int rank[7] = {0, 2, 1, 3, 2, 3, 9};
    if (m->ncand == 0)
        return 0;
    int mr = rank[GZ_POST_KIND(m->c[0].post)], qr = 0;
    for (int i = 0; i < q->ncand; i++) {
        int r = rank[GZ_POST_KIND(q->c[i].post)];
        if (r > qr && r < 9)
            qr = r;
    }
    return qr > mr;
}

/* Makes mention q qualify mention m (indices) when it outranks it. */
static void qualify(evc_geo_doc *d, int m, int q)
{
    if (q < 0 || q == m || d->m[m].qualifier >= 0 || !outranks(&d->m[q], &d->m[m]))
        return;
    d->m[m].qualifier = q;
    d->m[q].qualifies = 1;
}

/* The mentions of sentence k. */
static void find_in_sentence(evc_geo_doc *d, int k, const char *text,
                             int32_t skip_below)
{
    const evc_sentence *s = &d->ss[k];
    int n = s->ntok;
    int first_mention = d->nm;
    for (int i = 1; i <= n; i++) {
        const evc_token *t = &s->tok[i];
        if (t->off >= 0 && t->off < skip_below)
            continue; /* inside the dateline */
        int hint = H_NONE;
        /* "X province", "the X valley": the name before a type noun */
        int th = name_token(t) ? type_head(s, i, &hint) : 0;
        if (th) {
            add_mention(d, k, text, i, th, "typed", hint, 0);
            continue;
        }
        if (!name_token(t))
            continue;
        /* "the city of Medan", "the province of Punjab" */
        int up = t->head;
        if (up >= 1 && up <= n && is_rel(t, "nmod") && s->tok[up].form &&
            s->tok[up].form[0] >= 'a' && s->tok[up].form[0] <= 'z' &&
            (hint = type_noun(s->tok[up].lemma)) != H_NONE) {
            int of = 0;
            for (int j = 1; j < i && !of; j++)
                of = s->tok[j].head == i && is_rel(&s->tok[j], "case") &&
                     s->tok[j].form && lower_eq(s->tok[j].form, "of");
            if (of) {
                int at = add_mention(d, k, text, i, 0, "typed", hint, 0);
                if (at >= 0)
                    d->m[at].head = up;
                continue;
            }
        }
        /* in / at / near ... X */
        int prep = 0;
        for (int j = 1; j <= n && !prep; j++)
            if (s->tok[j].head == i && is_rel(&s->tok[j], "case") &&
                s->tok[j].form && in_list(s->tok[j].form, place_preps))
                prep = j;
        /* "in Clearwater, Florida" parsed with the case on Florida: the
         * name right after the preposition is the place (Florida then
         * qualifies it) */
        if (prep && prep < i) {
            int j = prep + 1;
            while (j < i && run_token(s, j))
                j++;
            if (j > prep + 1 && j < i && s->tok[j].form && !strcmp(s->tok[j].form, ",")) {
                add_mention(d, k, text, j - 1, 0, "prep", H_NONE, 0);
                continue;
            }
        }
        /* the head of a flat name ("New York") carries the case */
        if (!prep && (is_rel(t, "compound") || is_rel(t, "flat")) &&
            t->head > i && t->head <= n && name_token(&s->tok[t->head]))
            continue;
        if (prep)
            add_mention(d, k, text, i, 0, "prep", H_NONE, 0);
    }
    /* names tied to the mentions found: conjuncts, appositions and
     * possessors (qualifiers), the "of" of a typed mention */
    for (int pass = 0; pass < 2; pass++)
        for (int i = 1; i <= n; i++) {
            const evc_token *t = &s->tok[i];
            if (!name_token(t) || mention_at(d, k, i) >= 0 || t->head < 1 ||
                t->head > n)
                continue;
            int at = mention_at(d, k, t->head);
            if (at < first_mention)
                continue;
            if (is_rel(t, "conj")) {
                add_mention(d, k, text, i, 0, "conj", H_NONE, 0);
            } else if (is_rel(t, "appos") ||
                       (is_rel(t, "nmod") && container_case(s, i))) {
                qualify(d, at, add_mention(d, k, text, i, 0, "qualifier", H_NONE, 1));
            }
        }
    /* possessors: "Pakistan's Swat valley" */
    for (int i = 1; i <= n; i++) {
        const evc_token *t = &s->tok[i];
        if (!name_token(t) || !is_rel(t, "nmod") || !t->deprel ||
            strcmp(t->deprel, "nmod:poss") != 0 || t->head < 1 || t->head > n)
            continue;
        int at = mention_at(d, k, t->head);
        if (at < first_mention) {
            /* the possessed noun may be the type noun of a typed mention */
            for (int j = first_mention; j < d->nm && at < 0; j++)
                if (d->m[j].head == t->head)
                    at = j;
        }
        if (at < first_mention || d->m[at].qualifier >= 0)
            continue;
        qualify(d, at, add_mention(d, k, text, i, 0, "qualifier", H_NONE, 0));
    }
    /* whatever the parse says, a name right after in/at/near/... ("in
     * Tarragona next year" with the case on "year", "in Rome October 16",
     * "in Hong Kong" with "in" taken for a noun) */
    for (int c = 1; c < n; c++) {
        const evc_token *t = &s->tok[c];
        if (!t->upos || strcmp(t->upos, "ADP") != 0 || !t->form ||
            !in_list(t->form, place_preps) || (t->off >= 0 && t->off < skip_below))
            continue;
        int j = c + 1;
        if (j < n && s->tok[j].upos && !strcmp(s->tok[j].upos, "DET"))
            j++;
        if (j <= n && name_token(&s->tok[j]) && mention_at(d, k, j) < 0)
            add_mention(d, k, text, j, 0, "prep", H_NONE, 0);
    }
    link_containers(d, k, first_mention);
    /* the surface form "Springfield, Illinois" whatever the parse */
    for (int j = first_mention; j < d->nm; j++) {
        mention *m = &d->m[j];
        int c = m->pub.last + 1;
        if (m->qualifier >= 0 || c + 1 > n || !s->tok[c].form ||
            strcmp(s->tok[c].form, ",") != 0 || !name_token(&s->tok[c + 1]))
            continue;
        int q = mention_at(d, k, c + 1);
        if (q < 0)
            q = add_mention(d, k, text, c + 1, 0, "qualifier", H_NONE, 1);
        if (q >= 0 && d->m[q].pub.first == c + 1)
            qualify(d, j, q);
    }
}

/* ---------------------------------------------------------------- datelines */

static int is_upper_word_char(char c)
{
    return (c >= 'A' && c <= 'Z') || c == ' ' || c == '.' || c == '\'' || c == '-';
}

static int month_word(const char *s, size_t n)
{
    static const char *const months[] = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
        "nov", "dec", NULL};
    if (n < 3)
        return 0;
    char w[4] = {0};
    for (int i = 0; i < 3; i++)
        w[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
    return in_list(w, months);
}

typedef struct dateline {
    const char *place, *qual; /* spans */
    size_t place_len, qual_len;
    size_t end;               /* bytes of the text the dateline takes */
} dateline;

/* "MINGORA, Pakistan (Reuters) -", "ISLAMABAD, July 12 -", "WASHINGTON
 * (AP) --": a capitalized place at the very start, then qualifiers or a
 * date, an agency in parentheses, and a dash. 1 and *dl filled, or 0. */
static int dateline_in_text(const char *text, dateline *dl)
{
    memset(dl, 0, sizeof *dl);
    const char *p = text;
    while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
        p++;
    const char *a = p;
    int letters = 0;
    while (*p && is_upper_word_char(*p) && p - a < 40)
        letters += *p >= 'A' && *p <= 'Z', p++;
    const char *e = p;
    while (e > a && e[-1] == ' ')
        e--;
    if (letters < 3 || (*p != ',' && *p != '(' && *p != '-' && *p != ' '))
        return 0;
    dl->place = a;
    dl->place_len = (size_t)(e - a);
    /* the rest, up to the dash, within 80 bytes */
    const char *q = p;
    int have_qual = 0;
    while (*q && q - p < 80) {
        while (*q == ',' || *q == ' ')
            q++;
        if (*q == '(') {
            const char *c = strchr(q, ')');
            if (!c || c - q > 30)
                return 0;
            q = c + 1;
            continue;
        }
        if (*q == '-' || !strncmp(q, "\xE2\x80\x94", 3) || !strncmp(q, "\xE2\x80\x93", 3)) {
            while (*q == '-')
                q++;
            if (!strncmp(q, "\xE2\x80\x94", 3) || !strncmp(q, "\xE2\x80\x93", 3))
                q += 3;
            dl->end = (size_t)(q - text);
            return 1;
        }
        const char *s = q;
        while (*q && *q != ',' && *q != '(' && *q != '-' && *q != '\n' &&
               strncmp(q, "\xE2\x80", 2) != 0 && q - s < 40)
            q++;
        const char *se = q;
        while (se > s && se[-1] == ' ')
            se--;
        if (se == s || *q == '\n' || !*q)
            return 0;
        if (!month_word(s, (size_t)(se - s)) && !have_qual) {
            dl->qual = s;
            dl->qual_len = (size_t)(se - s);
            have_qual = 1;
        }
    }
    return 0;
}

/* Reuters' separate field: "SALVADOR, Feb 26", "HILLSIDE, ILL., March 3". */
static int dateline_field(const char *f, dateline *dl)
{
    memset(dl, 0, sizeof *dl);
    const char *c = strchr(f, ',');
    const char *e = c ? c : f + strlen(f);
    while (f < e && !((*f >= 'A' && *f <= 'Z') || (*f >= 'a' && *f <= 'z')))
        f++; /* "****LONDON" */
    while (e > f && e[-1] == ' ')
        e--;
    if (e == f)
        return 0;
    dl->place = f;
    dl->place_len = (size_t)(e - f);
    if (c) {
        const char *s = c + 1;
        while (*s == ' ')
            s++;
        const char *se = strchr(s, ',');
        if (se && !month_word(s, (size_t)(se - s))) {
            while (se > s && se[-1] == ' ')
                se--;
            dl->qual = s;
            dl->qual_len = (size_t)(se - s);
        }
    }
    return 1;
}

/* A mention of the dateline (and of its qualifier); -1 when its place is
 * not in the gazetteer. */
static int add_dateline(evc_geo_doc *d, const dateline *dl)
{
    const gz_key *k = lookup(d->g, dl->place, dl->place_len);
    if (!k || !names_place(d->g, k, 0))
        return -1;
    mention *m = mention_new(d);
    if (!m)
        return -1;
    m->pub.sentence = -1;
    m->pub.how = "dateline";
    m->pub.text = evc_arena_strndup(d->a, dl->place, dl->place_len);
    m->hint = H_CITY;
    set_candidates(d->g, m, k, 0);
    int di = d->nm - 1;
    if (dl->qual) {
        const gz_key *qk = lookup(d->g, dl->qual, dl->qual_len);
        if (qk && names_place(d->g, qk, 1)) {
            mention *q = mention_new(d);
            if (q) {
                q->pub.sentence = -1;
                q->pub.how = "qualifier";
                q->pub.text = evc_arena_strndup(d->a, dl->qual, dl->qual_len);
                q->qualifies = 1;
                set_candidates(d->g, q, qk, 1);
                d->m[di].qualifier = d->nm - 1;
            }
        }
    }
    return di;
}

/* ---------------------------------------------------------------- context */

/* Votes for the countries an article names or whose nationality it names
 * ("Pakistan", "Pakistani officials"): the actors' countries, as the text
 * gives them. */
static void text_votes(evc_geo_doc *d, const char *text)
{
    for (int k = 0; k < d->n; k++) {
        const evc_sentence *s = &d->ss[k];
        for (int i = 1; i <= s->ntok; i++) {
            const evc_token *t = &s->tok[i];
            int adj = t->upos && !strcmp(t->upos, "ADJ") && t->form &&
                      t->form[0] >= 'A' && t->form[0] <= 'Z';
            if (!name_token(t) && !adj)
                continue;
            int b = i;
            while (b < s->ntok && b - i < 3 && name_token(&s->tok[b + 1]))
                b++;
            const gz_key *key = NULL;
            int e;
            for (e = b; e >= i && !key; e--) {
                char *w = span_text(d->a, s, text, i, e);
                key = w ? lookup(d->g, w, strlen(w)) : NULL;
            }
            for (uint32_t j = 0; key && j < key->npost; j++) {
                uint32_t p = d->g->post[key->post + j];
                uint32_t kind = GZ_POST_KIND(p);
                if ((kind == GZ_COUNTRY || kind == GZ_DEMONYM) && !(p & GZ_POST_ABBR)) {
                    d->text_votes[GZ_POST_INDEX(p)] += 1.0f;
                    break;
                }
            }
            if (key)
                i = e + 1;
        }
    }
}

static uint32_t cand_country(const struct evc_gazetteer *g, uint32_t p)
{
    uint32_t i = GZ_POST_INDEX(p);
    switch (GZ_POST_KIND(p)) {
    case GZ_PLACE: return g->place[i].country;
    case GZ_ADMIN1: return g->admin1[i].country;
    case GZ_ADMIN2: return g->admin2[i].country;
    case GZ_REGION: return g->region[i].country;
    default: return i;
    }
}

static uint32_t cand_admin1(const struct evc_gazetteer *g, uint32_t p)
{
    uint32_t i = GZ_POST_INDEX(p);
    switch (GZ_POST_KIND(p)) {
    case GZ_PLACE: return g->place[i].admin1;
    case GZ_ADMIN1: return i;
    case GZ_ADMIN2: return g->admin2[i].admin1;
    case GZ_REGION: return g->region[i].admin1;
    default: return GZ_NONE;
    }
}

static double hint_bonus(int hint, uint32_t kind)
{
    switch (hint) {
    case H_ADMIN:
        return kind == GZ_ADMIN1 || kind == GZ_REGION ? 3.0
               : kind == GZ_ADMIN2                    ? 1.0
                                                      : -1.5;
    case H_DISTRICT:
        return kind == GZ_ADMIN2 ? 3.0 : kind == GZ_ADMIN1 ? 1.0 : -1.0;
    case H_CITY:
        return kind == GZ_PLACE ? 2.0 : -2.0;
    case H_AREA:
        return kind == GZ_ADMIN2 || kind == GZ_REGION ? 1.5
               : kind == GZ_ADMIN1                    ? 1.0
                                                      : 0.0;
    default:
        return 0.0;
    }
}

/* What the qualifier's choice says of candidate p. */
static double qualifier_bonus(const evc_geo_doc *d, const mention *m, uint32_t p)
{
    if (m->qualifier < 0)
        return 0;
    const mention *q = &d->m[m->qualifier];
    if (q->best < 0)
        return 0;
    uint32_t qp = q->c[q->best].post;
    uint32_t qc = cand_country(d->g, qp), pc = cand_country(d->g, p);
    uint32_t qa = cand_admin1(d->g, qp), pa = cand_admin1(d->g, p);
    switch (GZ_POST_KIND(qp)) {
    case GZ_ADMIN1:
        if (pa == GZ_POST_INDEX(qp))
            return 5.0;
        return pc == qc ? 1.0 : -4.0;
    case GZ_ADMIN2:
    case GZ_REGION:
        if (qa != GZ_NONE && pa == qa)
            return 3.0;
        return pc == qc ? 1.0 : -3.0;
    case GZ_COUNTRY:
        return pc == qc && pc != GZ_NONE ? 4.0 : -4.0;
    default:
        return 0; /* a town beside a town says little */
    }
}

/* The context bonus of a country: CONTEXT times the square of its votes
 * over the votes of the article's most voted country, so the article's
 * focus counts in full and a country named in passing little. */
#define CONTEXT 1.5

/* What a qualifier ("Ill.", "Pakistan") is likelier to be: a division or
 * a country, abbreviations included. */
static double qualifier_role(uint32_t post)
{
    uint32_t kind = GZ_POST_KIND(post);
    double s = post & GZ_POST_ABBR ? 3.0 : 0.0; /* undo the prior's malus */
    return s + (kind == GZ_ADMIN1 || kind == GZ_COUNTRY ? 2.0 : 0.0);
}

/* Chooses the best candidate of m under the current votes and the first-
 * order divisions of the places chosen so far. */
static void resolve(evc_geo_doc *d, mention *m, const uint32_t *admin1_seen,
                    int nadmin1_seen)
{
    double best = -1e9, second = -1e9;
    int bi = -1;
    float top = 0.0f;
    for (size_t c = 0; c < d->g->ncountry; c++)
        if (d->votes[c] > top)
            top = d->votes[c];
    for (int i = 0; i < m->ncand; i++) {
        cand *c = &m->c[i];
        uint32_t kind = GZ_POST_KIND(c->post);
        double s = c->base + hint_bonus(m->hint, kind) + qualifier_bonus(d, m, c->post);
        if (m->qualifies)
            s += qualifier_role(c->post);
        uint32_t cc = cand_country(d->g, c->post);
        if (cc != GZ_NONE && top > 0.0f) {
            double r = (double)d->votes[cc] / (double)top;
            s += CONTEXT * r * r;
        }
        /* a name that is only an alternate of this place but the very name
         * of a namesake town in the same country ("New Delhi": Delhi's
         * alternate, New Delhi's name) is the namesake's */
        if (c->post & GZ_POST_ALT)
            for (int j = 0; j < m->ncand; j++)
                if (j != i && !(m->c[j].post & GZ_POST_ALT) &&
                    GZ_POST_KIND(m->c[j].post) == GZ_PLACE &&
                    cand_country(d->g, m->c[j].post) == cc) {
                    s -= 1.2;
                    break;
                }
        uint32_t a1 = cand_admin1(d->g, c->post);
        for (int j = 0; j < nadmin1_seen; j++)
            if (a1 != GZ_NONE && admin1_seen[j] == a1 &&
                !(kind == GZ_ADMIN1 && GZ_POST_INDEX(c->post) == a1)) {
                s += 1.5;
                break;
            }
        c->score = s;
        if (s > best) {
            second = best;
            best = s;
            bi = i;
        } else if (s > second) {
            second = s;
        }
    }
    m->best = bi;
    m->pub.score = best;
    m->pub.margin = second > -1e9 ? best - second : best;
}

/* Lowest score a mention needs: below it a name is more likely a person,
 * firm or word that a small village happens to share. */
#define MIN_SCORE 4.0

/* The same words, letter case aside ("Toledo", "TOLEDO"). */
static int same_words(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
        if (x != y)
            return 0;
    }
    return *a == *b;
}

static void resolve_all(evc_geo_doc *d)
{
    const struct evc_gazetteer *g = d->g;
    size_t nc = g->ncountry;
    memcpy(d->votes, d->text_votes, nc * sizeof *d->votes);
    uint32_t seen[64];
    int nseen = 0;
    /* the dateline and the qualifiers first: they settle the others */
    for (int i = 0; i < d->nm; i++)
        if (d->m[i].qualifies)
            resolve(d, &d->m[i], NULL, 0);
    if (d->dateline >= 0) {
        mention *m = &d->m[d->dateline];
        resolve(d, m, NULL, 0);
        if (m->best >= 0) {
            uint32_t c = cand_country(g, m->c[m->best].post);
            if (c != GZ_NONE)
                d->votes[c] += 3.0f;
            uint32_t a1 = cand_admin1(g, m->c[m->best].post);
            if (a1 != GZ_NONE)
                seen[nseen++] = a1;
        }
    }
    for (int i = 0; i < d->nm; i++)
        if (!d->m[i].qualifies && i != d->dateline)
            resolve(d, &d->m[i], NULL, 0);
    /* then again, each mention with the votes of the other names (not of
     * itself, nor of the same name elsewhere in the article, which would
     * only confirm the first guess) */
    memcpy(d->text_votes, d->votes, nc * sizeof *d->votes);
    int ndl = nseen;
    uint32_t *cc = evc_arena_alloc(d->a, (size_t)(d->nm + 1) * 2 * sizeof *cc);
    if (!cc)
        return; /* out of memory: the first guesses stand */
    uint32_t *a1 = cc + d->nm + 1;
    for (int i = 0; i < d->nm; i++) {
        mention *m = &d->m[i];
        int counted = m->best >= 0 && i != d->dateline && m->pub.score >= MIN_SCORE;
        cc[i] = counted ? cand_country(g, m->c[m->best].post) : GZ_NONE;
        a1[i] = counted ? cand_admin1(g, m->c[m->best].post) : GZ_NONE;
    }
    for (int i = 0; i < d->nm; i++) {
        mention *m = &d->m[i];
        if (m->best < 0 || i == d->dateline)
            continue;
        memcpy(d->votes, d->text_votes, nc * sizeof *d->votes);
        nseen = ndl;
        for (int j = 0; j < d->nm; j++) {
            if (j == i || (cc[j] == GZ_NONE && a1[j] == GZ_NONE) ||
                same_words(d->m[j].pub.text, m->pub.text))
                continue;
            if (cc[j] != GZ_NONE)
                d->votes[cc[j]] += 1.0f;
            if (a1[j] != GZ_NONE && nseen < 64)
                seen[nseen++] = a1[j];
        }
        resolve(d, m, seen, nseen);
    }
}

/* ---------------------------------------------------------------- the doc */

evc_status evc_geo_doc_new(const evc_gazetteer *g, const evc_sentence *ss, int n,
                           const char *text, const char *dateline_str,
                           evc_arena *a, evc_geo_doc **out, evc_error *err)
{
    if (!g || !a || !out || (n > 0 && !ss))
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "evc_geo_doc_new: NULL argument");
    *out = NULL;
    evc_geo_doc *d = evc_arena_alloc(a, sizeof *d);
    if (!d)
        return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
    memset(d, 0, sizeof *d);
    d->g = g;
    d->ss = ss;
    d->n = n;
    d->a = a;
    d->dateline = -1;
    size_t nc = g->ncountry ? g->ncountry : 1;
    d->votes = evc_arena_alloc(a, nc * sizeof *d->votes);
    d->text_votes = evc_arena_alloc(a, nc * sizeof *d->text_votes);
    if (!d->votes || !d->text_votes)
        return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
    memset(d->text_votes, 0, nc * sizeof *d->text_votes);

    dateline dl;
    int32_t skip = -1;
    if (dateline_str && dateline_field(dateline_str, &dl))
        d->dateline = add_dateline(d, &dl);
    else if (text && dateline_in_text(text, &dl)) {
        d->dateline = add_dateline(d, &dl);
        skip = (int32_t)dl.end;
    }
    for (int k = 0; k < n; k++)
        find_in_sentence(d, k, text, skip);
    text_votes(d, text);
    resolve_all(d);

    d->pub = evc_arena_alloc(a, (size_t)(d->nm ? d->nm : 1) * sizeof *d->pub);
    if (!d->pub)
        return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
    for (int i = 0; i < d->nm; i++) {
        mention *m = &d->m[i];
        int keep = m->best >= 0 &&
                   (m->pub.score >= MIN_SCORE || m->qualifies || i == d->dateline);
        if (!keep) {
            m->best = -1;
            continue;
        }
        gz_place_of(g, m->c[m->best].post, &m->pub.place);
        d->pub[d->npub++] = m->pub;
    }
    *out = d;
    return EVC_OK;
}

int evc_geo_doc_mentions(const evc_geo_doc *d, const evc_place_mention **out)
{
    if (!d) {
        *out = NULL;
        return 0;
    }
    *out = d->pub;
    return d->npub;
}

/* ---------------------------------------------------------------- events */

/* Steps from token t up to v in sentence s, or -1 when v is not above t. */
static int depth_below(const evc_sentence *s, int t, int v)
{
    for (int steps = 0; t >= 1 && t <= s->ntok && steps <= s->ntok; steps++) {
        if (t == v)
            return steps;
        t = s->tok[t].head;
    }
    return -1;
}

static int specificity(evc_place_kind k)
{
    switch (k) {
    case EVC_PLACE_CITY: return 4;
    case EVC_PLACE_ADMIN2: return 3;
    case EVC_PLACE_REGION:
    case EVC_PLACE_ADMIN1: return 2;
    default: return 1;
    }
}

/* The place of m, its candidates re-ranked with the event's actors'
 * countries (a bonus for a candidate in the source's or target's
 * country). */
static void place_for_event(const evc_geo_doc *d, const mention *m,
                            const evc_event *e, evc_place *out)
{
    int bi = m->best;
    double best = -1e9;
    for (int i = 0; i < m->ncand; i++) {
        double s = m->c[i].score;
        if (s < MIN_SCORE && i != m->best)
            continue;
        uint32_t cc = cand_country(d->g, m->c[i].post);
        if (cc != GZ_NONE && e) {
            const char *iso = d->g->country[cc].iso3;
            if ((e->source.root && !strcmp(e->source.root, iso)) ||
                (e->target.root && !strcmp(e->target.root, iso)))
                s += 1.5;
        }
        if (s > best) {
            best = s;
            bi = i;
        }
    }
    gz_place_of(d->g, m->c[bi].post, out);
}

int evc_geo_locate(const evc_geo_doc *d, int sentence, const evc_event *e,
                   evc_location *out)
{
    if (!d || !out)
        return 0;
    memset(out, 0, sizeof *out);
    const evc_sentence *s = sentence >= 0 && sentence < d->n ? &d->ss[sentence] : NULL;
    int v = e ? e->verb : 0;
    const mention *pick = NULL;
    const char *method = NULL;
    if (s && v >= 1 && v <= s->ntok) {
        int bd = 1 << 30, bs = 0, bdist = 1 << 30;
        for (int i = 0; i < d->nm; i++) {
            const mention *m = &d->m[i];
            if (m->pub.sentence != sentence || m->best < 0 || m->qualifies)
                continue;
            int depth = depth_below(s, m->head, v);
            if (depth < 0)
                continue;
            int sp = specificity(m->pub.place.kind);
            int dist = abs(m->head - v);
            if (depth < bd || (depth == bd && (sp > bs || (sp == bs && dist < bdist)))) {
                bd = depth, bs = sp, bdist = dist;
                pick = m;
            }
        }
        if (pick)
            method = "clause";
    }
    if (!pick && s) {
        int bdist = 1 << 30;
        for (int i = 0; i < d->nm; i++) {
            const mention *m = &d->m[i];
            if (m->pub.sentence != sentence || m->best < 0 || m->qualifies)
                continue;
            int dist = abs(m->head - (v > 0 ? v : 0));
            if (dist < bdist) {
                bdist = dist;
                pick = m;
            }
        }
        if (pick)
            method = "sentence";
    }
    if (!pick && d->dateline >= 0 && d->m[d->dateline].best >= 0) {
        pick = &d->m[d->dateline];
        method = "dateline";
    }
    if (pick) {
        place_for_event(d, pick, e, &out->place);
        out->text = pick->pub.text;
        out->method = method;
        return 1;
    }
    /* the country of the target, else of the source */
    const evc_actor *ac[2] = {e ? &e->target : NULL, e ? &e->source : NULL};
    for (int i = 0; i < 2; i++) {
        if (!ac[i] || !ac[i]->root || strlen(ac[i]->root) != 3)
            continue;
        if (evc_gazetteer_country(d->g, ac[i]->root, &out->place)) {
            out->text = ac[i]->root;
            out->method = "actor";
            return 1;
        }
    }
    return 0;
}

const char *evc_article_dateline(const evc_article *art, evc_arena *a)
{
    if (!art || !art->extra_json || !strstr(art->extra_json, "\"dateline\""))
        return NULL;
    json_t *o = json_loads(art->extra_json, 0, NULL);
    const char *v = json_string_value(json_object_get(o, "dateline"));
    const char *r = v && *v ? evc_arena_strdup(a, v) : NULL;
    json_decref(o);
    return r;
}
