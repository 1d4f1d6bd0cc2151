/* build.c: builds the gazetteer's index (layout in geo.h) from its sources:
 * countries.json (mledoze/countries), the GeoNames admin1/admin2 code-name
 * lists (JSON arrays), admin1_derived.tsv, cities500.txt (the GeoNames dump
 * format: 19 tab-separated columns, download.geonames.org/export/dump
 * readme) and the project's aliases file (its format is described at the
 * top of data/gazetteer/aliases.txt). JSON is read with jansson. */
#include "geo/geo.h"
#include "util/bio.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- helpers */

typedef struct vec {
    void *p;
    size_t n, cap, size;
} vec;

/* A new zeroed element at the end, or NULL when out of memory. */
static void *vec_push(vec *v)
{
    if (v->n == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 64;
        void *np = realloc(v->p, nc * v->size);
        if (!np)
            return NULL;
        v->p = np;
        v->cap = nc;
    }
    void *e = (char *)v->p + v->n++ * v->size;
    memset(e, 0, v->size);
    return e;
}

#define VEC_AT(v, type, i) (((type *)(v).p)[i])

/* Interned NUL-terminated strings; offset 0 is "". */
typedef struct pool {
    char *p;
    size_t n, cap;
    uint32_t *slot; /* offset + 1, 0 = empty */
    size_t nslot, count;
} pool;

uint32_t gz_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static int pool_grow_slots(pool *p)
{
    size_t ns = p->nslot ? p->nslot * 2 : 1024;
    uint32_t *sl = calloc(ns, sizeof *sl);
    if (!sl)
        return 0;
    for (size_t i = 0; i < p->nslot; i++) {
        uint32_t v = p->slot[i];
        if (!v)
            continue;
        const char *s = p->p + v - 1;
        size_t j = gz_hash(s, strlen(s)) & (ns - 1);
        while (sl[j])
            j = (j + 1) & (ns - 1);
        sl[j] = v;
    }
    free(p->slot);
    p->slot = sl;
    p->nslot = ns;
    return 1;
}

/* The offset of s[0..n) (a copy is made the first time), GZ_NONE when out
 * of memory or past 4 GB. With add 0, GZ_NONE when it is not there. */
static uint32_t pool_get(pool *p, const char *s, size_t n, int add)
{
    if (n == 0)
        return 0;
    if (2 * (p->count + 1) > p->nslot && !pool_grow_slots(p))
        return GZ_NONE;
    size_t j = gz_hash(s, n) & (p->nslot - 1);
    for (; p->slot[j]; j = (j + 1) & (p->nslot - 1)) {
        const char *t = p->p + p->slot[j] - 1;
        if (memcmp(t, s, n) == 0 && t[n] == 0)
            return p->slot[j] - 1;
    }
    if (!add)
        return GZ_NONE;
    if (p->n + n + 1 > p->cap) {
        size_t nc = p->cap ? p->cap : 1 << 16;
        while (nc < p->n + n + 1)
            nc *= 2;
        if (nc > 0xFFFFFFF0u)
            return GZ_NONE;
        char *np = realloc(p->p, nc);
        if (!np)
            return GZ_NONE;
        p->p = np;
        p->cap = nc;
    }
    uint32_t off = (uint32_t)p->n;
    memcpy(p->p + p->n, s, n);
    p->p[p->n + n] = 0;
    p->n += n + 1;
    p->slot[j] = off + 1;
    p->count++;
    return off;
}

/* uint32 -> uint32 map (string offset -> index); open addressing. */
typedef struct umap {
    uint32_t *k, *v; /* k: key + 1, 0 = empty */
    size_t n, cap;
} umap;

static int umap_put(umap *m, uint32_t key, uint32_t val)
{
    if (2 * (m->n + 1) > m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 256;
        uint32_t *nk = calloc(nc, sizeof *nk), *nv = calloc(nc, sizeof *nv);
        if (!nk || !nv) {
            free(nk);
            free(nv);
            return 0;
        }
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->k[i])
                continue;
            size_t j = (m->k[i] * 2654435761u) & (nc - 1);
            while (nk[j])
                j = (j + 1) & (nc - 1);
            nk[j] = m->k[i];
            nv[j] = m->v[i];
        }
        free(m->k);
        free(m->v);
        m->k = nk;
        m->v = nv;
        m->cap = nc;
    }
    size_t j = ((key + 1) * 2654435761u) & (m->cap - 1);
    while (m->k[j] && m->k[j] != key + 1)
        j = (j + 1) & (m->cap - 1);
    if (!m->k[j])
        m->n++;
    m->k[j] = key + 1;
    m->v[j] = val;
    return 1;
}

static uint32_t umap_get(const umap *m, uint32_t key)
{
    if (!m->cap || key == GZ_NONE)
        return GZ_NONE;
    size_t j = ((key + 1) * 2654435761u) & (m->cap - 1);
    for (; m->k[j]; j = (j + 1) & (m->cap - 1))
        if (m->k[j] == key + 1)
            return m->v[j];
    return GZ_NONE;
}

/* ---------------------------------------------------------------- builder */

typedef struct pair {
    uint32_t key, post;
} pair;

/* Sums for population-weighted centres. */
typedef struct centre {
    double w, lat, lon;
    double n, plat, plon; /* plain sums, for divisions whose places are
                             all of unknown population */
    uint64_t pop;
} centre;

struct gz_builder {
    pool str;
    vec country, admin1, admin2, region, place, pairs;
    vec c_country, c_admin1, c_admin2; /* centre sums, parallel */
    uint32_t iso2[26 * 26];            /* country index + 1 */
    umap admin1_by_code, admin2_by_code;
    unsigned char *admin1_fixed;       /* admin1 coords from admin1_derived */
    size_t alias_first;                /* first pair added by the aliases */
    int stage;
    char key[GZ_MAX_KEY + 1];
};

gz_builder *gz_builder_new(void)
{
    gz_builder *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->country.size = sizeof(gz_country);
    b->admin1.size = b->admin2.size = b->region.size = sizeof(gz_admin);
    b->place.size = sizeof(gz_place);
    b->pairs.size = sizeof(pair);
    b->c_country.size = b->c_admin1.size = b->c_admin2.size = sizeof(centre);
    b->str.cap = 1 << 16;
    if (!(b->str.p = malloc(b->str.cap))) { /* offset 0 is "" */
        free(b);
        return NULL;
    }
    b->str.p[0] = 0;
    b->str.n = 1;
    return b;
}

void gz_builder_free(gz_builder *b)
{
    if (!b)
        return;
    free(b->str.p);
    free(b->str.slot);
    free(b->country.p);
    free(b->admin1.p);
    free(b->admin2.p);
    free(b->region.p);
    free(b->place.p);
    free(b->pairs.p);
    free(b->c_country.p);
    free(b->c_admin1.p);
    free(b->c_admin2.p);
    free(b->admin1_by_code.k);
    free(b->admin1_by_code.v);
    free(b->admin2_by_code.k);
    free(b->admin2_by_code.v);
    free(b->admin1_fixed);
    free(b);
}

static evc_status oom(evc_error *err)
{
    return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
}

static int add_key(gz_builder *b, const char *key, size_t k, uint32_t post)
{
    uint32_t off = pool_get(&b->str, key, k, 1);
    if (off == GZ_NONE)
        return 0;
    pair *pr = vec_push(&b->pairs);
    if (!pr)
        return 0;
    pr->key = off;
    pr->post = post;
    return 1;
}

/* Adds the name s[0..n) as a key for posting `post`; names that normalize
 * to nothing or to more than GZ_MAX_KEY bytes are skipped. A name that
 * starts with "The" ("The Woodlands", "The Hague") is a key without it
 * too: datelines and many writers leave it out. 0 on OOM. */
static int add_name(gz_builder *b, const char *s, size_t n, uint32_t post)
{
    size_t k = gz_normalize(s, n, b->key, sizeof b->key);
    if (!k)
        return 1;
    if (!add_key(b, b->key, k, post))
        return 0;
    if (k > 4 && memcmp(b->key, "the ", 4) == 0) {
        char rest[GZ_MAX_KEY + 1];
        memcpy(rest, b->key + 4, k - 4 + 1);
        return add_key(b, rest, k - 4, post | GZ_POST_ALT);
    }
    return 1;
}

/* Division names often end in their type ("Kurram District", "Orakzai
 * Agency", "Kyiv Oblast"); news writes the bare name too, so the bare name
 * is a key as well. */
static int add_division_name(gz_builder *b, const char *s, size_t n, uint32_t post)
{
    static const char *const suffix[] = {
        " District", " Province", " Agency", " Oblast", " Governorate",
        " Region", " County", " Prefecture", " Municipality", " Department",
        " Division", " Tribal Area", " Protected Area", " City", " State",
        " Parish", " Krai", " Voivodeship", " Emirate"};
    if (!add_name(b, s, n, post))
        return 0;
    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        size_t k = strlen(suffix[i]);
        if (n > k + 2 && strncmp(s + n - k, suffix[i], k) == 0)
            return add_name(b, s, n - k, post);
    }
    return 1;
}

static uint32_t str_add(gz_builder *b, const char *s)
{
    return pool_get(&b->str, s, strlen(s), 1);
}

static uint32_t country_by_iso2(const gz_builder *b, const char *cc)
{
    if (cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z')
        return GZ_NONE;
    uint32_t v = b->iso2[(cc[0] - 'A') * 26 + (cc[1] - 'A')];
    return v ? v - 1 : GZ_NONE;
}

static uint32_t country_by_iso(const gz_builder *b, const char *iso)
{
    size_t n = strlen(iso);
    if (n == 2)
        return country_by_iso2(b, iso);
    if (n == 3)
        for (size_t i = 0; i < b->country.n; i++)
            if (strcmp(VEC_AT(b->country, gz_country, i).iso3, iso) == 0)
                return (uint32_t)i;
    return GZ_NONE;
}

static uint32_t admin_by_code(const gz_builder *b, int level, const char *code,
                              size_t n)
{
    uint32_t off = pool_get((pool *)&b->str, code, n, 0);
    if (off == GZ_NONE)
        return GZ_NONE;
    return umap_get(level == 1 ? &b->admin1_by_code : &b->admin2_by_code, off);
}

static int stage(gz_builder *b, int s, const char *name, evc_error *err)
{
    if (s < b->stage) {
        evc_error_set(err, EVC_ERR_ARG, name, 0, 0,
                      "gazetteer sources given out of order");
        return 0;
    }
    b->stage = s;
    return 1;
}

/* ------------------------------------------------------------- numbers */

/* A decimal number (optional sign, digits, optional fraction) as degrees
 * times 1e5, rounded; 0 when malformed or beyond +-limit degrees. */
static int parse_coord(const char *s, size_t n, double limit, int32_t *out)
{
    size_t i = 0;
    int neg = 0;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        neg = s[i++] == '-';
    int64_t ip = 0, frac = 0;
    int nd = 0, nf = 0, round = 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, nd++)
        if (ip < 100000)
            ip = ip * 10 + (s[i] - '0');
    if (i < n && s[i] == '.') {
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
            if (nf < 5)
                frac = frac * 10 + (s[i] - '0'), nf++;
            else if (nf == 5)
                round = s[i] >= '5', nf++;
        }
    }
    if (i != n || (nd == 0 && nf == 0))
        return 0;
    for (int k = nf > 5 ? 5 : nf; k < 5; k++)
        frac *= 10;
    int64_t v = ip * 100000 + frac + round;
    if ((double)v > limit * 100000.0)
        return 0;
    *out = (int32_t)(neg ? -v : v);
    return 1;
}

/* Unsigned decimal digits (at least one), clamped to UINT32_MAX; 0 when
 * malformed. An optional leading '-' is accepted only for "-0"-like
 * values GeoNames never writes; rejected. */
static int parse_u32(const char *s, size_t n, uint32_t *out)
{
    if (n == 0)
        return 0;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        if (v < UINT32_MAX)
            v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
    return 1;
}

/* ------------------------------------------------------------- JSON */

static evc_status json_fail(evc_error *err, const char *name, const json_error_t *je)
{
    return evc_error_set(err, EVC_ERR_SYNTAX, name, je->line > 0 ? je->line : 0,
                         je->column > 0 ? je->column : 0, "%s", je->text);
}

static int is_upper(const char *s, size_t n)
{
    if (strlen(s) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'A' || s[i] > 'Z')
            return 0;
    return 1;
}

/* An optional string member: 1 and *out (NULL when absent or null), or 0
 * when of another type. */
static int opt_str(json_t *o, const char *key, const char **out)
{
    json_t *v = json_object_get(o, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return 1;
    if (!json_is_string(v))
        return 0;
    *out = json_string_value(v);
    return 1;
}

evc_status gz_read_countries(gz_builder *b, const char *data, size_t len,
                             const char *name, evc_error *err)
{
    if (!stage(b, 1, name, err))
        return EVC_ERR_ARG;
    json_error_t je;
    json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
    if (!root)
        return json_fail(err, name, &je);
    evc_status st = EVC_OK;
    if (!json_is_array(root)) {
        st = evc_error_set(err, EVC_ERR_SYNTAX, name, 1, 1,
                           "expected an array of countries");
        goto done;
    }
    for (size_t i = 0; i < json_array_size(root); i++) {
        json_t *c = json_array_get(root, i);
        const char *cca2 = NULL, *cca3 = NULL, *common = NULL, *official = NULL;
        json_t *nm = json_is_object(c) ? json_object_get(c, "name") : NULL;
        if (!json_is_object(c) || !opt_str(c, "cca2", &cca2) || !cca2 ||
            !is_upper(cca2, 2) || !opt_str(c, "cca3", &cca3) || !cca3 ||
            !is_upper(cca3, 3) || !json_is_object(nm) ||
            !opt_str(nm, "common", &common) || !common || !common[0] ||
            !opt_str(nm, "official", &official)) {
            st = evc_error_set(err, EVC_ERR_SYNTAX, name, 0, 0,
                               "country %zu: expected an object with \"cca2\" "
                               "(two capital letters), \"cca3\" (three) and "
                               "\"name\": {\"common\": a name}", i + 1);
            goto done;
        }
        if (country_by_iso2(b, cca2) != GZ_NONE)
            continue; /* the first entry of a code wins */
        uint32_t idx = (uint32_t)b->country.n;
        gz_country *gc = vec_push(&b->country);
        centre *cc = vec_push(&b->c_country);
        if (!gc || !cc)
            goto nomem;
        memcpy(gc->iso2, cca2, 3);
        memcpy(gc->iso3, cca3, 4);
        gc->name = str_add(b, common);
        gc->official = str_add(b, official ? official : common);
        gc->lat = gc->lon = GZ_NOCOORD;
        json_t *ll = json_object_get(c, "latlng");
        if (json_is_array(ll) && json_array_size(ll) == 2 &&
            json_is_number(json_array_get(ll, 0)) &&
            json_is_number(json_array_get(ll, 1))) {
            double la = json_number_value(json_array_get(ll, 0));
            double lo = json_number_value(json_array_get(ll, 1));
            if (la >= -90 && la <= 90 && lo >= -180 && lo <= 180) {
                gc->lat = (int32_t)(la * 1e5 + (la < 0 ? -0.5 : 0.5));
                gc->lon = (int32_t)(lo * 1e5 + (lo < 0 ? -0.5 : 0.5));
            }
        }
        gc->independent = json_is_true(json_object_get(c, "independent"));
        if (gc->name == GZ_NONE || gc->official == GZ_NONE)
            goto nomem;
        b->iso2[(cca2[0] - 'A') * 26 + (cca2[1] - 'A')] = idx + 1;
        uint32_t post = GZ_POST(GZ_COUNTRY, idx);
        if (!add_name(b, common, strlen(common), post) ||
            (official && !add_name(b, official, strlen(official), post)))
            goto nomem;
        json_t *alt = json_object_get(c, "altSpellings");
        for (size_t k = 0; json_is_array(alt) && k < json_array_size(alt); k++) {
            const char *a = json_string_value(json_array_get(alt, k));
            /* two-letter codes ("PK") are no names in running text */
            if (a && strlen(a) > 2 &&
                !add_name(b, a, strlen(a), post | GZ_POST_ALT))
                goto nomem;
        }
        json_t *dem = json_object_get(json_object_get(c, "demonyms"), "eng");
        const char *const mf[2] = {"m", "f"};
        for (int k = 0; k < 2 && json_is_object(dem); k++) {
            const char *d = json_string_value(json_object_get(dem, mf[k]));
            if (d && !add_name(b, d, strlen(d), GZ_POST(GZ_DEMONYM, idx)))
                goto nomem;
        }
    }
    goto done;
nomem:
    st = oom(err);
done:
    json_decref(root);
    return st;
}

/* "CC.X" (level 1) or "CC.X.Y" (level 2): parts of 1-20 characters, no
 * spaces or dots. */
static int valid_code(const char *code, int level)
{
    if (code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z')
        return 0;
    int parts = 0;
    const char *p = code + 2;
    while (*p == '.') {
        p++;
        size_t k = strcspn(p, ". \t\n");
        if (k == 0 || k > 20)
            return 0;
        p += k;
        parts++;
    }
    return *p == 0 && parts == level;
}

evc_status gz_read_admin_json(gz_builder *b, int level, const char *data,
                              size_t len, const char *name, evc_error *err)
{
    if (!stage(b, level == 1 ? 2 : 4, name, err))
        return EVC_ERR_ARG;
    json_error_t je;
    json_t *root = json_loadb(data, len, 0, &je);
    if (!root)
        return json_fail(err, name, &je);
    evc_status st = EVC_OK;
    if (!json_is_array(root)) {
        st = evc_error_set(err, EVC_ERR_SYNTAX, name, 1, 1,
                           "expected an array of {\"code\", \"name\"}");
        goto done;
    }
    vec *v = level == 1 ? &b->admin1 : &b->admin2;
    vec *cv = level == 1 ? &b->c_admin1 : &b->c_admin2;
    umap *m = level == 1 ? &b->admin1_by_code : &b->admin2_by_code;
    for (size_t i = 0; i < json_array_size(root); i++) {
        json_t *o = json_array_get(root, i);
        const char *code = NULL, *nm = NULL;
        if (!json_is_object(o) || !opt_str(o, "code", &code) ||
            !opt_str(o, "name", &nm) || !code || !nm || !valid_code(code, level)) {
            st = evc_error_set(err, EVC_ERR_SYNTAX, name, 0, 0,
                               "entry %zu: expected {\"code\": \"%s\", \"name\": "
                               "a string}", i + 1, level == 1 ? "CC.A1" : "CC.A1.A2");
            goto done;
        }
        uint32_t off = str_add(b, code);
        if (off == GZ_NONE)
            goto nomem;
        if (umap_get(m, off) != GZ_NONE)
            continue;
        uint32_t idx = (uint32_t)v->n;
        gz_admin *a = vec_push(v);
        if (!a || !vec_push(cv) || !umap_put(m, off, idx))
            goto nomem;
        a->code = off;
        a->name = str_add(b, nm);
        a->iso = 0;
        a->lat = a->lon = GZ_NOCOORD;
        a->country = country_by_iso2(b, code);
        a->admin1 = level == 2 ? admin_by_code(b, 1, code, strcspn(code + 3, ".") + 3)
                               : GZ_NONE;
        if (a->name == GZ_NONE ||
            !add_division_name(b, nm, strlen(nm),
                               GZ_POST(level == 1 ? GZ_ADMIN1 : GZ_ADMIN2, idx)))
            goto nomem;
    }
    goto done;
nomem:
    st = oom(err);
done:
    json_decref(root);
    return st;
}

/* ------------------------------------------------------------- TSV */

/* Splits the line [p, end) at tabs into at most max fields; returns the
 * number of fields (max + 1 when there are more). */
static int split_tabs(const char *p, const char *end, const char **f,
                      size_t *fl, int max)
{
    int k = 0;
    for (;;) {
        const char *t = memchr(p, '\t', (size_t)(end - p));
        const char *e = t ? t : end;
        if (k == max)
            return max + 1;
        f[k] = p;
        fl[k] = (size_t)(e - p);
        k++;
        if (!t)
            return k;
        p = t + 1;
    }
}

/* The next line of [*p, end) without its \n (and \r): [*a, *b). */
static int next_line(const char **p, const char *end, const char **a,
                     const char **b)
{
    if (*p >= end)
        return 0;
    const char *nl = memchr(*p, '\n', (size_t)(end - *p));
    *a = *p;
    *b = nl ? nl : end;
    *p = nl ? nl + 1 : end;
    if (*b > *a && (*b)[-1] == '\r')
        (*b)--;
    return 1;
}

static long column_of(const char *line, const char *at)
{
    return (long)(at - line) + 1;
}

evc_status gz_read_admin1_derived(gz_builder *b, const char *data, size_t len,
                                  const char *name, evc_error *err)
{
    static const char header[] = "code\tcountry\tname\tseat_name\tseat_lat\t"
                                 "seat_lon\tpopw_lat\tpopw_lon\tn_places\t"
                                 "sum_pop\tiso3166_2\tiso_name";
    if (!stage(b, 3, name, err))
        return EVC_ERR_ARG;
    const char *p = data, *end = data + len, *a, *e;
    long line = 0;
    if (!next_line(&p, end, &a, &e) || (size_t)(e - a) != sizeof header - 1 ||
        memcmp(a, header, sizeof header - 1) != 0)
        return evc_error_set(err, EVC_ERR_SYNTAX, name, 1, 1,
                             "expected the header line \"code<TAB>country<TAB>"
                             "name<TAB>...<TAB>iso_name\" (12 columns)");
    line = 1;
    free(b->admin1_fixed);
    b->admin1_fixed = NULL;
    while (next_line(&p, end, &a, &e)) {
        line++;
        if (a == e)
            continue;
        const char *f[12];
        size_t fl[12];
        int nf = split_tabs(a, e, f, fl, 12);
        if (nf != 12)
            return evc_error_set(err, EVC_ERR_SYNTAX, name, line, 1,
                                 "expected 12 tab-separated columns, found %d",
                                 nf > 12 ? 13 : nf);
        char code[64];
        if (fl[0] >= sizeof code)
            return evc_error_set(err, EVC_ERR_SYNTAX, name, line, 1, "code too long");
        memcpy(code, f[0], fl[0]);
        code[fl[0]] = 0;
        if (!valid_code(code, 1))
            return evc_error_set(err, EVC_ERR_SYNTAX, name, line, 1,
                                 "expected a GeoNames admin1 code (CC.A1)");
        int32_t slat = 0, slon = 0, plat = 0, plon = 0;
        int seat = fl[4] && fl[5], popw = fl[6] && fl[7];
        for (int k = 4; k <= 7; k++) {
            int32_t *dst = k == 4 ? &slat : k == 5 ? &slon : k == 6 ? &plat : &plon;
            if (fl[k] && !parse_coord(f[k], fl[k], k % 2 ? 180 : 90, dst))
                return evc_error_set(err, EVC_ERR_SYNTAX, name, line,
                                     column_of(a, f[k]), "bad %s coordinate",
                                     k % 2 ? "longitude" : "latitude");
        }
        uint32_t pop = 0;
        if (fl[9] && !parse_u32(f[9], fl[9], &pop))
            return evc_error_set(err, EVC_ERR_SYNTAX, name, line,
                                 column_of(a, f[9]), "bad population");
        if (fl[10] && (fl[10] < 4 || fl[10] > 10 || f[10][2] != '-'))
            return evc_error_set(err, EVC_ERR_SYNTAX, name, line,
                                 column_of(a, f[10]),
                                 "expected an ISO 3166-2 code (CC-XXX)");
        uint32_t idx = admin_by_code(b, 1, code, fl[0]);
        if (idx == GZ_NONE) { /* a division the names list lacks */
            uint32_t off = str_add(b, code);
            idx = (uint32_t)b->admin1.n;
            gz_admin *na = vec_push(&b->admin1);
            if (off == GZ_NONE || !na || !vec_push(&b->c_admin1) ||
                !umap_put(&b->admin1_by_code, off, idx))
                return oom(err);
            na->code = off;
            na->name = pool_get(&b->str, f[2], fl[2], 1);
            na->admin1 = GZ_NONE;
            na->country = country_by_iso2(b, code);
            na->lat = na->lon = GZ_NOCOORD;
            if (na->name == GZ_NONE ||
                !add_division_name(b, f[2], fl[2], GZ_POST(GZ_ADMIN1, idx)))
                return oom(err);
        }
        gz_admin *ad = &VEC_AT(b->admin1, gz_admin, idx);
        if (popw || seat) {
            ad->lat = popw ? plat : slat;
            ad->lon = popw ? plon : slon;
        }
        ad->pop = pop;
        if (fl[10] && (ad->iso = pool_get(&b->str, f[10], fl[10], 1)) == GZ_NONE)
            return oom(err);
        if (fl[11] && !add_division_name(b, f[11], fl[11],
                                         GZ_POST(GZ_ADMIN1, idx) | GZ_POST_ALT))
            return oom(err);
    }
    return EVC_OK;
}

/* An alternate name worth a key: Latin script once normalized, at least
 * three characters, neither an all-lower-case machine transliteration
 * ("lndn") nor a short all-capital code (IATA "LON", "PEW"). */
static int good_alternate(const char *s, size_t n, const char *key, size_t kl)
{
    if (kl < 3)
        return 0;
    for (size_t i = 0; i < kl; i++)
        if ((unsigned char)key[i] >= 0x80)
            return 0;
    int upper = 0, lower = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            upper++;
        else if (c >= 'a' && c <= 'z')
            lower++;
        else if (c >= 0x80)
            upper += (c & 0xE0) == 0xC0 && i + 1 < n; /* accented capitals
                                                         count as letters */
    }
    if (upper == 0)
        return 0;
    if (lower == 0 && n <= 4)
        return 0;
    return 1;
}

evc_status gz_read_cities(gz_builder *b, const char *data, size_t len,
                          const char *name, evc_error *err)
{
    if (!stage(b, 5, name, err))
        return EVC_ERR_ARG;
    const char *p = data, *end = data + len, *a, *e;
    long line = 0;
    char alt_key[GZ_MAX_KEY + 1];
    while (next_line(&p, end, &a, &e)) {
        line++;
        if (a == e)
            continue;
        const char *f[19];
        size_t fl[19];
        int nf = split_tabs(a, e, f, fl, 19);
        if (nf != 19)
            return evc_error_set(err, EVC_ERR_SYNTAX, name, line, 1,
                                 "expected the 19 tab-separated columns of "
                                 "the GeoNames dump, found %d", nf > 19 ? 20 : nf);
        uint32_t id, pop = 0;
        int32_t lat, lon;
        if (!parse_u32(f[0], fl[0], &id) || id == 0 || id == UINT32_MAX)
            return evc_error_set(err, EVC_ERR_SYNTAX, name, line, 1,
                                 "expected a GeoNames id");
        if (!fl[1])
            return evc_error_set(err, EVC_ERR_SYNTAX, name, line,
                                 column_of(a, f[1]), "empty name");
        if (!parse_coord(f[4], fl[4], 90, &lat))
            return evc_error_set(err, EVC_ERR_SYNTAX, name, line,
                                 column_of(a, f[4]), "bad latitude");
        if (!parse_coord(f[5], fl[5], 180, &lon))
            return evc_error_set(err, EVC_ERR_SYNTAX, name, line,
                                 column_of(a, f[5]), "bad longitude");
        if (fl[14] && !parse_u32(f[14], fl[14], &pop))
            return evc_error_set(err, EVC_ERR_SYNTAX, name, line,
                                 column_of(a, f[14]), "bad population");
        if (fl[7] > 10)
            return evc_error_set(err, EVC_ERR_SYNTAX, name, line,
                                 column_of(a, f[7]), "feature code too long");
        if (b->place.n >= GZ_MAX_INDEX)
            return evc_error_set(err, EVC_ERR_LIMIT, name, line, 1, "too many places");
        uint32_t idx = (uint32_t)b->place.n;
        gz_place *pl = vec_push(&b->place);
        if (!pl)
            return oom(err);
        pl->id = id;
        pl->lat = lat;
        pl->lon = lon;
        pl->pop = pop;
        pl->name = pool_get(&b->str, f[1], fl[1], 1);
        pl->fcode = pool_get(&b->str, f[7], fl[7], 1);
        if (pl->name == GZ_NONE || pl->fcode == GZ_NONE)
            return oom(err);
        char cc[3] = {0};
        if (fl[8] == 2)
            memcpy(cc, f[8], 2);
        pl->country = country_by_iso2(b, cc);
        pl->admin1 = GZ_NONE;
        char code[64];
        if (pl->country != GZ_NONE && fl[10] && fl[10] < 20) {
            int k = snprintf(code, sizeof code, "%s.%.*s", cc, (int)fl[10], f[10]);
            pl->admin1 = admin_by_code(b, 1, code, (size_t)k);
            if (pl->admin1 != GZ_NONE && fl[11] && fl[11] < 20) {
                int k2 = snprintf(code + k, sizeof code - (size_t)k, ".%.*s",
                                  (int)fl[11], f[11]);
                uint32_t a2 = admin_by_code(b, 2, code, (size_t)(k + k2));
                if (a2 != GZ_NONE) {
                    centre *c = &VEC_AT(b->c_admin2, centre, a2);
                    c->w += pop;
                    c->lat += (double)pop * lat;
                    c->lon += (double)pop * lon;
                    c->n += 1;
                    c->plat += lat;
                    c->plon += lon;
                    c->pop += pop;
                }
            }
        }
        if (pl->admin1 != GZ_NONE) {
            centre *c = &VEC_AT(b->c_admin1, centre, pl->admin1);
            c->w += pop;
            c->lat += (double)pop * lat;
            c->lon += (double)pop * lon;
            c->n += 1;
            c->plat += lat;
            c->plon += lon;
            c->pop += pop;
        }
        if (pl->country != GZ_NONE)
            VEC_AT(b->c_country, centre, pl->country).pop += pop;
        /* names: the name, the ASCII name, the good alternates */
        uint32_t post = GZ_POST(GZ_PLACE, idx);
        char main_key[GZ_MAX_KEY + 1], ascii_key[GZ_MAX_KEY + 1];
        size_t k1 = gz_normalize(f[1], fl[1], main_key, sizeof main_key);
        size_t k2 = gz_normalize(f[2], fl[2], ascii_key, sizeof ascii_key);
        if (!add_name(b, f[1], fl[1], post) ||
            (k2 && strcmp(main_key, ascii_key) != 0 && !add_name(b, f[2], fl[2], post)))
            return oom(err);
        for (const char *q = f[3], *qe = f[3] + fl[3]; q < qe;) {
            const char *c = memchr(q, ',', (size_t)(qe - q));
            const char *ce = c ? c : qe;
            pl = &VEC_AT(b->place, gz_place, idx);
            pl->nalt++;
            size_t kl = gz_normalize(q, (size_t)(ce - q), alt_key, sizeof alt_key);
            if (good_alternate(q, (size_t)(ce - q), alt_key, kl) &&
                !(kl == k1 && strcmp(alt_key, main_key) == 0) &&
                !(kl == k2 && strcmp(alt_key, ascii_key) == 0) &&
                !add_name(b, q, (size_t)(ce - q), post | GZ_POST_ALT))
                return oom(err);
            q = c ? c + 1 : qe;
        }
    }
    return EVC_OK;
}

/* ------------------------------------------------------------- aliases */

/* The next blank-separated word of [*p, e): [*w, *we); 0 at the end. */
static int next_word(const char **p, const char *e, const char **w,
                     const char **we)
{
    while (*p < e && (**p == ' ' || **p == '\t'))
        (*p)++;
    if (*p >= e)
        return 0;
    *w = *p;
    while (*p < e && **p != ' ' && **p != '\t')
        (*p)++;
    *we = *p;
    return 1;
}

static int word_is(const char *w, const char *we, const char *s)
{
    return (size_t)(we - w) == strlen(s) && memcmp(w, s, (size_t)(we - w)) == 0;
}

/* Copies [w, we) into buf (cap bytes, NUL-terminated); 0 when too long. */
static int word_copy(const char *w, const char *we, char *buf, size_t cap)
{
    if ((size_t)(we - w) >= cap)
        return 0;
    memcpy(buf, w, (size_t)(we - w));
    buf[we - w] = 0;
    return 1;
}

/* One line "NAME = KIND ARGS" (comment and blanks already cut off). */
static evc_status alias_line(gz_builder *b, const char *a, const char *e,
                             const char *name, long line, evc_error *err)
{
    const char *eq = memchr(a, '=', (size_t)(e - a));
    if (!eq)
        return evc_error_set(err, EVC_ERR_SYNTAX, name, line, 1,
                             "expected \"NAME = KIND ...\"");
    const char *ne = eq;
    while (ne > a && (ne[-1] == ' ' || ne[-1] == '\t'))
        ne--;
    if (ne == a)
        return evc_error_set(err, EVC_ERR_SYNTAX, name, line, 1,
                             "empty name before '='");
    const char *p = eq + 1, *w, *we;
    if (!next_word(&p, e, &w, &we))
        return evc_error_set(err, EVC_ERR_SYNTAX, name, line,
                             column_of(a, eq) + 1, "expected a kind after '='");
    long kcol = column_of(a, w);
    if (word_is(w, we, "none")) {
        const char *x, *xe;
        if (next_word(&p, e, &x, &xe))
            return evc_error_set(err, EVC_ERR_SYNTAX, name, line, column_of(a, x),
                                 "\"none\" takes no argument");
        return add_name(b, a, (size_t)(ne - a), GZ_POST(GZ_STOP, 0)) ? EVC_OK
                                                                     : oom(err);
    }
    char arg[128];
    const char *aw = NULL, *awe = NULL;
    int have_arg = next_word(&p, e, &aw, &awe);
    if (!have_arg || !word_copy(aw, awe, arg, sizeof arg))
        return evc_error_set(err, EVC_ERR_SYNTAX, name, line,
                             have_arg ? column_of(a, aw) : column_of(a, we) + 1,
                             "expected an argument after the kind");
    long acol = column_of(a, aw);
    uint32_t post = GZ_NONE;
    if (word_is(w, we, "admin1") || word_is(w, we, "abbr1") ||
        word_is(w, we, "admin2")) {
        int level = word_is(w, we, "admin2") ? 2 : 1;
        uint32_t idx = admin_by_code(b, level, arg, strlen(arg));
        if (idx == GZ_NONE)
            return evc_error_set(err, EVC_ERR_SYNTAX, name, line, acol,
                                 "no admin%d division \"%s\" in the gazetteer",
                                 level, arg);
        post = GZ_POST(level == 1 ? GZ_ADMIN1 : GZ_ADMIN2, idx);
        if (word_is(w, we, "abbr1"))
            post |= GZ_POST_ABBR;
    } else if (word_is(w, we, "country")) {
        uint32_t idx = country_by_iso(b, arg);
        if (idx == GZ_NONE)
            return evc_error_set(err, EVC_ERR_SYNTAX, name, line, acol,
                                 "no country \"%s\" (ISO 3166-1 alpha-2 or -3)", arg);
        post = GZ_POST(GZ_COUNTRY, idx);
    } else if (word_is(w, we, "place")) {
        uint32_t id;
        if (!parse_u32(arg, strlen(arg), &id))
            return evc_error_set(err, EVC_ERR_SYNTAX, name, line, acol,
                                 "expected a GeoNames id");
        for (size_t i = 0; i < b->place.n && post == GZ_NONE; i++)
            if (VEC_AT(b->place, gz_place, i).id == id)
                post = GZ_POST(GZ_PLACE, i);
        if (post == GZ_NONE)
            return evc_error_set(err, EVC_ERR_SYNTAX, name, line, acol,
                                 "no place with GeoNames id %s", arg);
    } else if (word_is(w, we, "region")) {
        /* region CC LAT LON [ADMIN1] */
        const char *w2, *w2e, *w3, *w3e, *w4, *w4e;
        int32_t lat, lon;
        if (!next_word(&p, e, &w2, &w2e) || !next_word(&p, e, &w3, &w3e) ||
            !parse_coord(w2, (size_t)(w2e - w2), 90, &lat) ||
            !parse_coord(w3, (size_t)(w3e - w3), 180, &lon))
            return evc_error_set(err, EVC_ERR_SYNTAX, name, line, acol,
                                 "expected \"region COUNTRY LAT LON [ADMIN1]\"");
        uint32_t c = country_by_iso(b, arg);
        if (c == GZ_NONE)
            return evc_error_set(err, EVC_ERR_SYNTAX, name, line, acol,
                                 "no country \"%s\"", arg);
        uint32_t a1 = GZ_NONE;
        if (next_word(&p, e, &w4, &w4e)) {
            a1 = admin_by_code(b, 1, w4, (size_t)(w4e - w4));
            if (a1 == GZ_NONE)
                return evc_error_set(err, EVC_ERR_SYNTAX, name, line,
                                     column_of(a, w4), "no admin1 division \"%.*s\"",
                                     (int)(w4e - w4 > 40 ? 40 : w4e - w4), w4);
        }
        if (b->region.n >= GZ_MAX_INDEX)
            return evc_error_set(err, EVC_ERR_LIMIT, name, line, 1, "too many regions");
        uint32_t idx = (uint32_t)b->region.n;
        gz_admin *r = vec_push(&b->region);
        if (!r)
            return oom(err);
        r->code = 0;
        r->iso = 0;
        r->name = pool_get(&b->str, a, (size_t)(ne - a), 1);
        if (r->name == GZ_NONE)
            return oom(err);
        r->lat = lat;
        r->lon = lon;
        r->country = c;
        r->admin1 = a1;
        post = GZ_POST(GZ_REGION, idx);
    } else if (word_is(w, we, "alias")) {
        /* every posting an earlier line of this file gave the name ARG
         * (the rest of the line) */
        const char *rest = aw;
        const char *re = e;
        while (re > rest && (re[-1] == ' ' || re[-1] == '\t'))
            re--;
        size_t kl = gz_normalize(rest, (size_t)(re - rest), b->key, sizeof b->key);
        uint32_t off = kl ? pool_get(&b->str, b->key, kl, 0) : GZ_NONE;
        size_t before = b->pairs.n;
        for (size_t i = b->alias_first; off != GZ_NONE && i < before; i++) {
            pair pr = VEC_AT(b->pairs, pair, i);
            if (pr.key == off && !add_name(b, a, (size_t)(ne - a), pr.post))
                return oom(err);
        }
        if (b->pairs.n == before)
            return evc_error_set(err, EVC_ERR_SYNTAX, name, line, acol,
                                 "\"%.*s\" is not defined on an earlier line",
                                 (int)(re - rest > 60 ? 60 : re - rest), rest);
        return EVC_OK;
    } else {
        return evc_error_set(err, EVC_ERR_SYNTAX, name, line, kcol,
                             "unknown kind \"%.*s\" (admin1, admin2, abbr1, "
                             "country, place, region, alias, none)",
                             (int)(we - w > 20 ? 20 : we - w), w);
    }
    if (next_word(&p, e, &w, &we))
        return evc_error_set(err, EVC_ERR_SYNTAX, name, line, column_of(a, w),
                             "unexpected \"%.*s\"", (int)(we - w > 20 ? 20 : we - w), w);
    size_t before = b->pairs.n;
    if (!add_name(b, a, (size_t)(ne - a), post | GZ_POST_ALIAS))
        return oom(err);
    if (b->pairs.n == before)
        return evc_error_set(err, EVC_ERR_SYNTAX, name, line, 1,
                             "the name normalizes to nothing or is too long");
    return EVC_OK;
}

evc_status gz_read_aliases(gz_builder *b, const char *data, size_t len,
                           const char *name, evc_error *err)
{
    if (!stage(b, 6, name, err))
        return EVC_ERR_ARG;
    b->alias_first = b->pairs.n;
    const char *p = data, *end = data + len, *a, *e;
    long line = 0;
    while (next_line(&p, end, &a, &e)) {
        line++;
        const char *hash = memchr(a, '#', (size_t)(e - a));
        if (hash)
            e = hash;
        while (a < e && (*a == ' ' || *a == '\t'))
            a++;
        while (e > a && (e[-1] == ' ' || e[-1] == '\t'))
            e--;
        if (a == e)
            continue;
        if (memchr(a, 0, (size_t)(e - a)))
            return evc_error_set(err, EVC_ERR_SYNTAX, name, line, 1, "NUL byte");
        evc_status st = alias_line(b, a, e, name, line, err);
        if (st)
            return st;
    }
    return EVC_OK;
}

/* ------------------------------------------------------------- finishing */

static int pair_cmp(const void *x, const void *y)
{
    const pair *a = x, *b = y;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    uint32_t ea = a->post & ~(GZ_POST_ALT | GZ_POST_ABBR | GZ_POST_ALIAS);
    uint32_t eb = b->post & ~(GZ_POST_ALT | GZ_POST_ABBR | GZ_POST_ALIAS);
    if (ea != eb)
        return ea < eb ? -1 : 1;
    return (a->post > b->post) - (a->post < b->post);
}

/* The population-weighted centre of a division's places (a plain mean when
 * none has a population), unless it has coordinates already. */
static void fix_centre(gz_admin *a, const centre *c)
{
    if (a->lat != GZ_NOCOORD)
        return;
    if (c->w > 0) {
        a->lat = (int32_t)(c->lat / c->w);
        a->lon = (int32_t)(c->lon / c->w);
    } else if (c->n > 0) {
        a->lat = (int32_t)(c->plat / c->n);
        a->lon = (int32_t)(c->plon / c->n);
    }
}

static uint32_t clamp32(uint64_t v) { return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v; }

static size_t align8(size_t n) { return (n + 7) & ~(size_t)7; }

evc_status gz_builder_finish(gz_builder *b, uint64_t key, unsigned char **image,
                             size_t *size, evc_error *err)
{
    *image = NULL;
    *size = 0;
    for (size_t i = 0; i < b->admin1.n; i++) {
        gz_admin *a = &VEC_AT(b->admin1, gz_admin, i);
        const centre *c = &VEC_AT(b->c_admin1, centre, i);
        fix_centre(a, c);
        if (!a->pop)
            a->pop = clamp32(c->pop);
    }
    for (size_t i = 0; i < b->admin2.n; i++) {
        gz_admin *a = &VEC_AT(b->admin2, gz_admin, i);
        const centre *c = &VEC_AT(b->c_admin2, centre, i);
        fix_centre(a, c);
        a->pop = clamp32(c->pop);
    }
    for (size_t i = 0; i < b->country.n; i++)
        VEC_AT(b->country, gz_country, i).pop =
            clamp32(VEC_AT(b->c_country, centre, i).pop);

    /* postings grouped by key; one posting per (key, entity), keeping the
     * best flags: a main name over an alternate, a name over an
     * abbreviation, and marking any alias */
    pair *pr = b->pairs.p;
    size_t np = b->pairs.n;
    if (np)
        qsort(pr, np, sizeof *pr, pair_cmp);
    size_t w = 0;
    for (size_t i = 0; i < np; i++) {
        uint32_t ent = pr[i].post & ~(GZ_POST_ALT | GZ_POST_ABBR | GZ_POST_ALIAS);
        if (w && pr[w - 1].key == pr[i].key &&
            (pr[w - 1].post & ~(GZ_POST_ALT | GZ_POST_ABBR | GZ_POST_ALIAS)) == ent) {
            uint32_t keep = pr[w - 1].post, add = pr[i].post;
            uint32_t flags = ((keep & add) & (GZ_POST_ALT | GZ_POST_ABBR)) |
                             ((keep | add) & GZ_POST_ALIAS);
            pr[w - 1].post = ent | flags;
            continue;
        }
        pr[w++] = pr[i];
    }
    np = w;
    size_t nkey = 0;
    for (size_t i = 0; i < np; i++)
        if (i == 0 || pr[i].key != pr[i - 1].key)
            nkey++;
    size_t nslot = 8;
    while (nslot < 2 * nkey + 1)
        nslot *= 2;

    size_t sizes[GZ_NSEC], counts[GZ_NSEC];
    counts[GZ_SEC_STR] = b->str.n ? b->str.n : 1;
    counts[GZ_SEC_COUNTRY] = b->country.n;
    counts[GZ_SEC_ADMIN1] = b->admin1.n;
    counts[GZ_SEC_ADMIN2] = b->admin2.n;
    counts[GZ_SEC_REGION] = b->region.n;
    counts[GZ_SEC_PLACE] = b->place.n;
    counts[GZ_SEC_KEY] = nkey;
    counts[GZ_SEC_SLOT] = nslot;
    counts[GZ_SEC_POST] = np;
    static const size_t elt[GZ_NSEC] = {1, sizeof(gz_country), sizeof(gz_admin),
                                        sizeof(gz_admin), sizeof(gz_admin),
                                        sizeof(gz_place), sizeof(gz_key), 4, 4};
    size_t total = align8(sizeof(gz_header));
    gz_header h;
    memset(&h, 0, sizeof h);
    for (int s = 0; s < GZ_NSEC; s++) {
        sizes[s] = counts[s] * elt[s];
        h.sec[s].off = total;
        h.sec[s].count = counts[s];
        total = align8(total + sizes[s]);
    }
    unsigned char *img = calloc(1, total);
    if (!img)
        return oom(err);
    if (b->str.n)
        memcpy(img + h.sec[GZ_SEC_STR].off, b->str.p, b->str.n);
#define COPY(which, v) \
    if ((v).n)         \
    memcpy(img + h.sec[which].off, (v).p, (v).n * (v).size)
    COPY(GZ_SEC_COUNTRY, b->country);
    COPY(GZ_SEC_ADMIN1, b->admin1);
    COPY(GZ_SEC_ADMIN2, b->admin2);
    COPY(GZ_SEC_REGION, b->region);
    COPY(GZ_SEC_PLACE, b->place);
#undef COPY
    gz_key *keys = (gz_key *)(void *)(img + h.sec[GZ_SEC_KEY].off);
    uint32_t *slots = (uint32_t *)(void *)(img + h.sec[GZ_SEC_SLOT].off);
    uint32_t *posts = (uint32_t *)(void *)(img + h.sec[GZ_SEC_POST].off);
    size_t k = 0;
    for (size_t i = 0; i < np; i++) {
        posts[i] = pr[i].post;
        if (i == 0 || pr[i].key != pr[i - 1].key) {
            const char *s = b->str.p + pr[i].key;
            keys[k].str = pr[i].key;
            keys[k].post = (uint32_t)i;
            keys[k].npost = 0;
            keys[k].hash = gz_hash(s, strlen(s));
            size_t j = keys[k].hash & (nslot - 1);
            while (slots[j])
                j = (j + 1) & (nslot - 1);
            slots[j] = (uint32_t)k + 1;
            k++;
        }
        keys[k - 1].npost++;
    }
    memcpy(h.magic, GZ_MAGIC, 8);
    h.version = GZ_VERSION;
    h.endian = GZ_ENDIAN;
    h.key = key;
    h.size = total;
    h.nsec = GZ_NSEC;
    h.crc = evc_crc32(0, img + sizeof h, total - sizeof h);
    memcpy(img, &h, sizeof h);
    *image = img;
    *size = total;
    return EVC_OK;
}
