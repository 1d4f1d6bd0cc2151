/* gazetteer.c: the gazetteer's index file: checking and mapping it, building
 * it from the sources when it is missing, stale or corrupt (build.c), and
 * looking names up in it. The layout is in geo.h; the cache lives outside
 * the repository (XDG Base Directory: $XDG_CACHE_HOME, else ~/.cache). */
#include "geo/geo.h"
#include "util/bio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---------------------------------------------------------------- checking */

static evc_status bad(evc_error *err, const char *name, const char *what)
{
    return evc_error_set(err, EVC_ERR_SYNTAX, name, 0, 0,
                         "not a usable gazetteer index: %s", what);
}

static int coord_ok(int32_t v, int32_t limit)
{
    return v == GZ_NOCOORD || (v >= -limit && v <= limit);
}

static int admins_ok(const struct evc_gazetteer *g, const gz_admin *a, size_t n,
                     int level)
{
    for (size_t i = 0; i < n; i++) {
        if (a[i].code >= g->nstr || a[i].name >= g->nstr || a[i].iso >= g->nstr ||
            (a[i].country != GZ_NONE && a[i].country >= g->ncountry) ||
            !coord_ok(a[i].lat, 9000000) || !coord_ok(a[i].lon, 18000000))
            return 0;
        if (level == 1 ? a[i].admin1 != GZ_NONE
                       : a[i].admin1 != GZ_NONE && a[i].admin1 >= g->nadmin1)
            return 0;
    }
    return 1;
}

evc_status gz_attach(struct evc_gazetteer *g, const void *image, size_t size,
                     const char *name, evc_error *err)
{
    static const size_t elt[GZ_NSEC] = {1, sizeof(gz_country), sizeof(gz_admin),
                                        sizeof(gz_admin), sizeof(gz_admin),
                                        sizeof(gz_place), sizeof(gz_key), 4, 4};
    gz_header h;
    if (size < sizeof h)
        return bad(err, name, "shorter than its header (truncated?)");
    memcpy(&h, image, sizeof h);
    if (memcmp(h.magic, GZ_MAGIC, 8) != 0)
        return bad(err, name, "no evcode gazetteer magic at its start");
    if (h.endian != GZ_ENDIAN)
        return bad(err, name, "written on a machine of the other byte order");
    if (h.version != GZ_VERSION)
        return bad(err, name, "written by another version of evcode");
    if (h.size != size)
        return bad(err, name, "its size is not the one its header records "
                              "(truncated?)");
    if (h.nsec != GZ_NSEC)
        return bad(err, name, "wrong number of sections");
    const unsigned char *base = image;
    if (evc_crc32(0, base + sizeof h, size - sizeof h) != h.crc)
        return bad(err, name, "checksum mismatch (corrupt)");
    const void *sec[GZ_NSEC];
    for (int s = 0; s < GZ_NSEC; s++) {
        uint64_t off = h.sec[s].off, n = h.sec[s].count;
        if (off % 8 || off < sizeof h || off > size ||
            n > (size - off) / elt[s])
            return bad(err, name, "a section lies outside the file");
        sec[s] = base + off;
    }
    memset(g, 0, sizeof *g);
    g->base = base;
    g->size = size;
#define SECTION(P, N, S) (g->P = sec[S], g->N = h.sec[S].count)
    SECTION(str, nstr, GZ_SEC_STR);
    SECTION(country, ncountry, GZ_SEC_COUNTRY);
    SECTION(admin1, nadmin1, GZ_SEC_ADMIN1);
    SECTION(admin2, nadmin2, GZ_SEC_ADMIN2);
    SECTION(region, nregion, GZ_SEC_REGION);
    SECTION(place, nplace, GZ_SEC_PLACE);
    SECTION(key, nkey, GZ_SEC_KEY);
    SECTION(slot, nslot, GZ_SEC_SLOT);
    SECTION(post, npost, GZ_SEC_POST);
#undef SECTION

    if (g->nstr < 1 || g->str[0] != 0 || g->str[g->nstr - 1] != 0)
        return bad(err, name, "bad string section");
    for (size_t i = 0; i < g->ncountry; i++) {
        const gz_country *c = &g->country[i];
        if (c->name >= g->nstr || c->official >= g->nstr || c->iso2[2] ||
            c->iso3[3] || !coord_ok(c->lat, 9000000) || !coord_ok(c->lon, 18000000))
            return bad(err, name, "bad country entry");
    }
    if (!admins_ok(g, g->admin1, g->nadmin1, 1) ||
        !admins_ok(g, g->admin2, g->nadmin2, 2) ||
        !admins_ok(g, g->region, g->nregion, 2))
        return bad(err, name, "bad division entry");
    for (size_t i = 0; i < g->nplace; i++) {
        const gz_place *p = &g->place[i];
        if (p->name >= g->nstr || p->fcode >= g->nstr ||
            (p->admin1 != GZ_NONE && p->admin1 >= g->nadmin1) ||
            (p->country != GZ_NONE && p->country >= g->ncountry) ||
            !coord_ok(p->lat, 9000000) || !coord_ok(p->lon, 18000000))
            return bad(err, name, "bad place entry");
    }
    for (size_t i = 0; i < g->nkey; i++) {
        const gz_key *k = &g->key[i];
        if (k->str >= g->nstr || k->npost == 0 || k->post > g->npost ||
            k->npost > g->npost - k->post)
            return bad(err, name, "bad name entry");
    }
    if (g->nslot < 2 || (g->nslot & (g->nslot - 1)) || g->nkey >= g->nslot)
        return bad(err, name, "bad name table size");
    for (size_t i = 0; i < g->nslot; i++)
        if (g->slot[i] > g->nkey)
            return bad(err, name, "bad name table slot");
    const size_t counts[7] = {g->nplace, g->nadmin1, g->nadmin2,
                              g->ncountry, g->nregion, g->ncountry, 1};
    for (size_t i = 0; i < g->npost; i++) {
        uint32_t p = g->post[i], kind = GZ_POST_KIND(p);
        if (kind > GZ_STOP || (p & (1u << 28)) || GZ_POST_INDEX(p) >= counts[kind])
            return bad(err, name, "bad posting");
    }
    return EVC_OK;
}

/* ---------------------------------------------------------------- lookup */

const gz_key *gz_find(const struct evc_gazetteer *g, const char *key, size_t len)
{
    if (!g->nslot || !len)
        return NULL;
    uint32_t h = gz_hash(key, len);
    for (size_t j = h & (g->nslot - 1); g->slot[j]; j = (j + 1) & (g->nslot - 1)) {
        const gz_key *k = &g->key[g->slot[j] - 1];
        if (k->hash == h) {
            const char *s = g->str + k->str;
            if (strncmp(s, key, len) == 0 && s[len] == 0) {
                for (uint32_t i = 0; i < k->npost; i++)
                    if (GZ_POST_KIND(g->post[k->post + i]) == GZ_STOP)
                        return NULL;
                return k;
            }
        }
    }
    return NULL;
}

static const char *S(const struct evc_gazetteer *g, uint32_t off)
{
    return off < g->nstr ? g->str + off : "";
}

static void set_coords(evc_place *out, int32_t lat, int32_t lon)
{
    out->has_coords = lat != GZ_NOCOORD && lon != GZ_NOCOORD;
    out->lat = out->has_coords ? lat / 1e5 : 0;
    out->lon = out->has_coords ? lon / 1e5 : 0;
}

static void set_country(const struct evc_gazetteer *g, uint32_t c, evc_place *out)
{
    if (c == GZ_NONE || c >= g->ncountry) {
        out->country = out->country2 = out->country_name = "";
        return;
    }
    out->country = g->country[c].iso3;
    out->country2 = g->country[c].iso2;
    out->country_name = S(g, g->country[c].name);
}

static void set_admin1(const struct evc_gazetteer *g, uint32_t a, evc_place *out)
{
    if (a == GZ_NONE || a >= g->nadmin1) {
        out->admin1 = out->admin1_iso = out->admin1_gn = "";
        return;
    }
    out->admin1 = S(g, g->admin1[a].name);
    out->admin1_iso = S(g, g->admin1[a].iso);
    out->admin1_gn = S(g, g->admin1[a].code);
}

void gz_place_of(const struct evc_gazetteer *g, uint32_t post, evc_place *out)
{
    uint32_t i = GZ_POST_INDEX(post);
    memset(out, 0, sizeof *out);
    out->gn_code = "";
    switch (GZ_POST_KIND(post)) {
    case GZ_PLACE: {
        const gz_place *p = &g->place[i];
        out->kind = EVC_PLACE_CITY;
        out->geonameid = (long)p->id;
        out->name = S(g, p->name);
        out->feature_code = S(g, p->fcode);
        set_coords(out, p->lat, p->lon);
        set_admin1(g, p->admin1, out);
        set_country(g, p->country, out);
        out->population = (long)p->pop;
        return;
    }
    case GZ_ADMIN1:
    case GZ_ADMIN2:
    case GZ_REGION: {
        int kind = (int)GZ_POST_KIND(post);
        const gz_admin *a = kind == GZ_ADMIN1   ? &g->admin1[i]
                            : kind == GZ_ADMIN2 ? &g->admin2[i]
                                                : &g->region[i];
        out->kind = kind == GZ_ADMIN1   ? EVC_PLACE_ADMIN1
                    : kind == GZ_ADMIN2 ? EVC_PLACE_ADMIN2
                                        : EVC_PLACE_REGION;
        out->name = S(g, a->name);
        out->feature_code = kind == GZ_ADMIN1 ? "ADM1" : kind == GZ_ADMIN2 ? "ADM2" : "RGN";
        out->gn_code = S(g, a->code);
        set_coords(out, a->lat, a->lon);
        set_admin1(g, kind == GZ_ADMIN1 ? i : a->admin1, out);
        set_country(g, a->country, out);
        out->population = (long)a->pop;
        return;
    }
    default: { /* GZ_COUNTRY, GZ_DEMONYM */
        const gz_country *c = &g->country[i];
        out->kind = EVC_PLACE_COUNTRY;
        out->name = S(g, c->name);
        out->feature_code = c->independent ? "PCLI" : "PCLD";
        set_coords(out, c->lat, c->lon);
        set_admin1(g, GZ_NONE, out);
        set_country(g, i, out);
        out->population = (long)c->pop;
        return;
    }
    }
}

double gz_prior(const struct evc_gazetteer *g, uint32_t post)
{
    uint32_t i = GZ_POST_INDEX(post);
    double s;
    switch (GZ_POST_KIND(post)) {
    case GZ_PLACE: {
        const gz_place *p = &g->place[i];
        const char *fc = S(g, p->fcode);
        s = log10((double)p->pop + 1.0);
        if (!strcmp(fc, "PPLC"))
            s += 1.0;
        else if (!strcmp(fc, "PPLA"))
            s += 0.5;
        else if (!strcmp(fc, "PPLA2"))
            s += 0.2;
        else if (!strcmp(fc, "PPLX"))
            s -= 1.0;
        else if (!strcmp(fc, "PPLH") || !strcmp(fc, "PPLQ") || !strcmp(fc, "PPLW"))
            s -= 2.0;
        /* how widely known: the number of names other languages give it
         * (Geneva, Venice and Frankfurt have 50-60, their American
         * namesakes 10-40) */
        double fame = 0.5 * log2((double)p->nalt + 1.0);
        s += fame < 3.5 ? fame : 3.5;
        break;
    }
    case GZ_ADMIN1: /* known nationally, as a big city is abroad */
        s = log10((double)g->admin1[i].pop + 1.0) + 1.0;
        break;
    case GZ_ADMIN2:
        s = log10((double)g->admin2[i].pop + 1.0) - 1.5;
        break;
    case GZ_REGION:
        s = 6.5;
        break;
    default: {
        double p = log10((double)g->country[i].pop + 1.0);
        s = (p > 6.0 ? p : 6.0) + 3.0;
    }
    }
    if (post & GZ_POST_ALT)
        s -= 0.3; /* more when a namesake bears the name as its own: see
                     places.c */
    if (post & GZ_POST_ALIAS)
        s += 1.0;
    if (post & GZ_POST_ABBR)
        s -= 3.0;
    return s;
}

typedef struct scored {
    uint32_t post;
    double s;
} scored;

static int scored_cmp(const void *x, const void *y)
{
    const scored *a = x, *b = y;
    if (a->s != b->s)
        return a->s > b->s ? -1 : 1;
    return (a->post > b->post) - (a->post < b->post);
}

int evc_gazetteer_lookup(const evc_gazetteer *g, const char *name, evc_place *out,
                         int max)
{
    char key[GZ_MAX_KEY + 1];
    if (!g || !name)
        return 0;
    size_t n = gz_normalize(name, strlen(name), key, sizeof key);
    const gz_key *k = gz_find(g, key, n);
    if (!k)
        return 0;
    scored *v = malloc(k->npost * sizeof *v);
    if (!v)
        return 0;
    int m = 0;
    for (uint32_t i = 0; i < k->npost; i++) {
        uint32_t p = g->post[k->post + i];
        if (GZ_POST_KIND(p) == GZ_DEMONYM)
            continue;
        v[m].post = p;
        v[m].s = gz_prior(g, p);
        m++;
    }
    qsort(v, (size_t)m, sizeof *v, scored_cmp);
    for (int i = 0; i < m && i < max; i++)
        gz_place_of(g, v[i].post, &out[i]);
    free(v);
    return m;
}

int evc_gazetteer_country(const evc_gazetteer *g, const char *iso, evc_place *out)
{
    if (!g || !iso)
        return 0;
    size_t n = strlen(iso);
    for (size_t i = 0; i < g->ncountry; i++)
        if ((n == 3 && strcmp(g->country[i].iso3, iso) == 0) ||
            (n == 2 && strcmp(g->country[i].iso2, iso) == 0)) {
            gz_place_of(g, GZ_POST(GZ_COUNTRY, i), out);
            return 1;
        }
    return 0;
}

void evc_gazetteer_stats(const evc_gazetteer *g, evc_gazetteer_counts *out)
{
    memset(out, 0, sizeof *out);
    if (!g)
        return;
    out->places = g->nplace;
    out->admin1 = g->nadmin1;
    out->admin2 = g->nadmin2;
    out->countries = g->ncountry;
    out->regions = g->nregion;
    out->names = g->nkey;
    out->postings = g->npost;
    out->bytes = g->size;
}

/* ---------------------------------------------------------------- files */

void evc_gazetteer_free(evc_gazetteer *g)
{
    if (!g)
        return;
    if (g->mapped)
        munmap((void *)g->base, g->size);
    else
        free((void *)g->base);
    free(g);
}

/* Maps path and checks it; *key gets the header's source key. */
static evc_status load_file(const char *path, evc_gazetteer **out, uint64_t *key,
                            evc_error *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return evc_error_set(err, EVC_ERR_IO, path, 0, 0, "%s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return evc_error_set(err, EVC_ERR_IO, path, 0, 0, "not a regular file");
    }
    size_t size = (size_t)st.st_size;
    if (size < sizeof(gz_header)) {
        close(fd);
        return bad(err, path, "shorter than its header (truncated?)");
    }
    void *m = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED)
        return evc_error_set(err, EVC_ERR_IO, path, 0, 0, "mmap: %s", strerror(errno));
    evc_gazetteer *g = malloc(sizeof *g);
    if (!g) {
        munmap(m, size);
        return evc_error_set(err, EVC_ERR_NOMEM, path, 0, 0, "out of memory");
    }
    evc_status s = gz_attach(g, m, size, path, err);
    if (s) {
        munmap(m, size);
        free(g);
        return s;
    }
    g->mapped = 1;
    *key = ((const gz_header *)m)->key;
    *out = g;
    return EVC_OK;
}

evc_status evc_gazetteer_load(const char *path, evc_gazetteer **out, evc_error *err)
{
    uint64_t key;
    if (!path || !out)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "evc_gazetteer_load: NULL argument");
    return load_file(path, out, &key, err);
}

enum { SRC_COUNTRIES, SRC_ADMIN1, SRC_DERIVED, SRC_ADMIN2, SRC_CITIES, SRC_ALIASES, NSRC };

typedef struct sources {
    char path[NSRC][4096];
    int present[NSRC];
} sources;

static evc_status source_paths(const evc_gazetteer_sources *src, sources *s,
                               evc_error *err)
{
    static const char *const file[] = {NULL, "admin1.json", "admin1_derived.tsv",
                                       "admin2.json", "cities500.txt"};
    memset(s, 0, sizeof *s);
    if (!src || !src->geonames || !src->countries)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "the gazetteer needs the GeoNames folder and "
                             "countries.json");
    snprintf(s->path[SRC_COUNTRIES], sizeof s->path[0], "%s", src->countries);
    for (int i = SRC_ADMIN1; i <= SRC_CITIES; i++)
        snprintf(s->path[i], sizeof s->path[0], "%s/%s", src->geonames, file[i]);
    for (int i = 0; i < SRC_ALIASES; i++)
        s->present[i] = 1;
    if (src->aliases) {
        snprintf(s->path[SRC_ALIASES], sizeof s->path[0], "%s", src->aliases);
        s->present[SRC_ALIASES] = 1;
    }
    return EVC_OK;
}

/* A hash of the sources' canonical paths, sizes and modification times (and
 * the index version): a cache with another key is stale. */
static evc_status source_key(const sources *s, uint64_t *key, evc_error *err)
{
    uint64_t h = 1469598103934665603ull ^ GZ_VERSION;
#define MIX(p, n)                                                   \
    for (size_t q_ = 0; q_ < (n); q_++)                             \
        h = (h ^ ((const unsigned char *)(p))[q_]) * 1099511628211ull
    for (int i = 0; i < NSRC; i++) {
        if (!s->present[i])
            continue;
        struct stat st;
        if (stat(s->path[i], &st) != 0)
            return evc_error_set(err, EVC_ERR_IO, s->path[i], 0, 0,
                                 "gazetteer source: %s", strerror(errno));
        char real[PATH_MAX];
        const char *p = realpath(s->path[i], real) ? real : s->path[i];
        int64_t v[3] = {(int64_t)st.st_size, (int64_t)st.st_mtim.tv_sec,
                        (int64_t)st.st_mtim.tv_nsec};
        MIX(p, strlen(p) + 1);
        MIX(v, sizeof v);
    }
#undef MIX
    *key = h;
    return EVC_OK;
}

/* The whole of a file, malloc'd (plus a NUL). */
static evc_status slurp(const char *path, char **data, size_t *len, evc_error *err)
{
    *data = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return evc_error_set(err, EVC_ERR_IO, path, 0, 0, "%s", strerror(errno));
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf) {
            fclose(f);
            return evc_error_set(err, EVC_ERR_NOMEM, path, 0, 0, "out of memory");
        }
        n += fread(buf + n, 1, cap - n - 1, f);
        if (n < cap - 1)
            break;
        char *nb = realloc(buf, cap * 2);
        if (!nb)
            free(buf);
        buf = nb;
        cap *= 2;
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        return evc_error_set(err, EVC_ERR_IO, path, 0, 0, "read error");
    }
    buf[n] = 0;
    *data = buf;
    *len = n;
    return EVC_OK;
}

static evc_status build_image(const sources *s, uint64_t key, unsigned char **img,
                              size_t *size, evc_error *err)
{
    gz_builder *b = gz_builder_new();
    if (!b)
        return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
    evc_status st = EVC_OK;
    for (int i = 0; i < NSRC && !st; i++) {
        if (!s->present[i])
            continue;
        char *data;
        size_t len = 0;
        if ((st = slurp(s->path[i], &data, &len, err)))
            break;
        const char *p = s->path[i];
        switch (i) {
        case SRC_COUNTRIES: st = gz_read_countries(b, data, len, p, err); break;
        case SRC_ADMIN1: st = gz_read_admin_json(b, 1, data, len, p, err); break;
        case SRC_DERIVED: st = gz_read_admin1_derived(b, data, len, p, err); break;
        case SRC_ADMIN2: st = gz_read_admin_json(b, 2, data, len, p, err); break;
        case SRC_CITIES: st = gz_read_cities(b, data, len, p, err); break;
        default: st = gz_read_aliases(b, data, len, p, err); break;
        }
        free(data);
    }
    if (!st)
        st = gz_builder_finish(b, key, img, size, err);
    gz_builder_free(b);
    return st;
}

/* mkdir -p of the folder of path. */
static void make_parent(const char *path)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return;
    *slash = 0;
    for (char *p = dir + 1; *p; p++)
        if (*p == '/') {
            *p = 0;
            mkdir(dir, 0755);
            *p = '/';
        }
    mkdir(dir, 0755);
}

/* Writes the image to path through a temporary file and a rename. */
static evc_status write_image(const char *path, const unsigned char *img,
                              size_t size, evc_error *err)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    make_parent(path);
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return evc_error_set(err, EVC_ERR_IO, path, 0, 0, "cannot write the "
                             "gazetteer cache: %s", strerror(errno));
    int bad_write = fwrite(img, 1, size, f) != size;
    bad_write |= fclose(f) != 0;
    if (bad_write || rename(tmp, path) != 0) {
        int e = errno;
        remove(tmp);
        return evc_error_set(err, EVC_ERR_IO, path, 0, 0, "cannot write the "
                             "gazetteer cache: %s", strerror(e));
    }
    return EVC_OK;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static evc_status open_or_build(const evc_gazetteer_sources *src, const char *cache,
                                int force, evc_gazetteer **out,
                                evc_gazetteer_report *rep, evc_error *err)
{
    evc_gazetteer_report dummy;
    if (!rep)
        rep = &dummy;
    memset(rep, 0, sizeof *rep);
    double t0 = now();
    if (!out)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0, "evc_gazetteer_open: NULL out");
    *out = NULL;
    sources s;
    uint64_t key = 0;
    evc_status st = source_paths(src, &s, err);
    if (!st)
        st = source_key(&s, &key, err);
    if (st)
        return st;
    if (cache && !force) {
        evc_error e2 = {0};
        uint64_t have;
        evc_gazetteer *g;
        evc_status ls = load_file(cache, &g, &have, &e2);
        if (!ls && have == key) {
            *out = g;
            rep->seconds = now() - t0;
            return EVC_OK;
        }
        if (!ls) {
            evc_gazetteer_free(g);
            snprintf(rep->why, sizeof rep->why, "its sources changed");
        } else if (ls == EVC_ERR_IO && access(cache, F_OK) != 0)
            snprintf(rep->why, sizeof rep->why, "no cache file");
        else if (strstr(e2.message, "another version"))
            snprintf(rep->why, sizeof rep->why, "written by another version");
        else
            snprintf(rep->why, sizeof rep->why, "the cache was unusable: %.200s",
                     e2.message);
    } else {
        snprintf(rep->why, sizeof rep->why, cache ? "asked to" : "no cache file named");
    }
    unsigned char *img;
    size_t size;
    if ((st = build_image(&s, key, &img, &size, err)))
        return st;
    rep->built = 1;
    if (cache) {
        evc_error we = {0};
        if (write_image(cache, img, size, &we) == EVC_OK)
            rep->written = 1;
        else if (force) {
            free(img);
            if (err)
                *err = we;
            return we.code;
        } else
            snprintf(rep->cache_error, sizeof rep->cache_error, "%.250s: %.250s", we.file,
                     we.message);
    }
    evc_gazetteer *g = malloc(sizeof *g);
    if (!g) {
        free(img);
        return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    if ((st = gz_attach(g, img, size, "gazetteer index", err))) {
        free(img);
        free(g);
        return st;
    }
    g->mapped = 0;
    *out = g;
    rep->seconds = now() - t0;
    return EVC_OK;
}

evc_status evc_gazetteer_open(const evc_gazetteer_sources *src, const char *cache,
                              evc_gazetteer **out, evc_gazetteer_report *rep,
                              evc_error *err)
{
    return open_or_build(src, cache, 0, out, rep, err);
}

evc_status evc_gazetteer_build(const evc_gazetteer_sources *src, const char *cache,
                               evc_error *err)
{
    if (!cache)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "evc_gazetteer_build: no cache file named");
    evc_gazetteer *g = NULL;
    evc_status st = open_or_build(src, cache, 1, &g, NULL, err);
    evc_gazetteer_free(g);
    return st;
}

int evc_gazetteer_default_cache(char *buf, size_t n)
{
    const char *e = getenv("EVCODE_GAZETTEER_CACHE");
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    int k;
    if (e && *e)
        k = snprintf(buf, n, "%s", e);
    else if (xdg && xdg[0] == '/')
        k = snprintf(buf, n, "%s/evcode/gazetteer.idx", xdg);
    else if (home && *home)
        k = snprintf(buf, n, "%s/.cache/evcode/gazetteer.idx", home);
    else
        k = -1;
    if (k < 0 || (size_t)k >= n) {
        if (n)
            buf[0] = 0;
        return 0;
    }
    return 1;
}
