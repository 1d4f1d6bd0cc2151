/* geo.c: the command line's places (see geo.h): the gazetteer's sources and
 * cache, `evcode gazetteer build|info|check|lookup` and `evcode places`.
 * Errors become one line on stderr and an exit status, as in evcode.c. */
#include "geo.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *prog = "evcode";

const char cli_geo_usage[] =
    "  places: --geonames DIR (cities500.txt, admin1.json, admin2.json,\n"
    "       admin1_derived.tsv; else $EVCODE_GEONAMES, else\n"
    "       ../shared/data/gazetteer/geonames), --countries FILE (else\n"
    "       $EVCODE_COUNTRIES, else countries/countries.json beside the\n"
    "       gazetteer folder), --aliases FILE (else DATA/gazetteer/aliases.txt),\n"
    "       --gazetteer-cache FILE (the index; else $EVCODE_GAZETTEER_CACHE,\n"
    "       else $XDG_CACHE_HOME/evcode/gazetteer.idx or\n"
    "       ~/.cache/evcode/gazetteer.idx), --no-geo (code: no locations)\n";

static void die(const evc_error *e)
{
    char buf[700];
    evc_error_format(e, buf, sizeof buf);
    fprintf(stderr, "%s: %s\n", prog, buf);
}

static int exists(const char *p, int dir)
{
    struct stat st;
    return stat(p, &st) == 0 && (dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode));
}

int cli_geo_option(cli_geo_opts *o, int argc, char **argv, int *i)
{
    static const char *const names[] = {"--geonames", "--countries", "--aliases",
                                        "--gazetteer-cache"};
    const char *a = argv[*i];
    if (!strcmp(a, "--no-geo")) {
        o->off = 1;
        return 1;
    }
    for (int k = 0; k < 4; k++) {
        if (strcmp(a, names[k]) != 0)
            continue;
        if (*i + 1 >= argc) {
            fprintf(stderr, "%s: %s needs a value\n", prog, a);
            return -1;
        }
        const char *v = argv[++*i];
        const char **dst[4] = {&o->geonames, &o->countries, &o->aliases, &o->cache};
        *dst[k] = v;
        return 1;
    }
    return 0;
}

/* Where the sources and the cache are: options, then environment, then the
 * defaults (see cli_geo_usage). Buffers are static: one set per run. */
static void resolve(const cli_geo_opts *o, const char *data,
                    evc_gazetteer_sources *src, const char **cache)
{
    static char geonames[4096], countries[4200], aliases[4200], cachebuf[4096];
    const char *g = o->geonames ? o->geonames : getenv("EVCODE_GEONAMES");
    if (!g || !*g) {
        g = "../shared/data/gazetteer/geonames";
        if (!exists(g, 1) && data) {
            snprintf(geonames, sizeof geonames, "%s/../../shared/data/gazetteer/geonames",
                     data);
            if (exists(geonames, 1))
                g = geonames;
        }
    }
    const char *c = o->countries ? o->countries : getenv("EVCODE_COUNTRIES");
    if (!c || !*c) {
        snprintf(countries, sizeof countries, "%s/../../countries/countries.json", g);
        c = countries;
    }
    const char *al = o->aliases;
    if (!al && data) {
        snprintf(aliases, sizeof aliases, "%s/gazetteer/aliases.txt", data);
        if (exists(aliases, 0))
            al = aliases;
    }
    src->geonames = g;
    src->countries = c;
    src->aliases = al;
    if (o->cache)
        *cache = o->cache;
    else
        *cache = evc_gazetteer_default_cache(cachebuf, sizeof cachebuf) ? cachebuf : NULL;
}

evc_gazetteer *cli_geo_open(const cli_geo_opts *o, const char *data, int *fatal)
{
    *fatal = 0;
    if (o->off)
        return NULL;
    evc_gazetteer_sources src;
    const char *cache;
    resolve(o, data, &src, &cache);
    char cities[4200];
    snprintf(cities, sizeof cities, "%s/cities500.txt", src.geonames);
    if (!o->geonames && !exists(cities, 0)) {
        fprintf(stderr, "%s: no gazetteer (%s not found): events are not "
                        "placed; --geonames DIR names it, --no-geo silences "
                        "this\n", prog, cities);
        return NULL;
    }
    if (isatty(fileno(stderr)) && cache && access(cache, F_OK) != 0)
        fprintf(stderr, "%s: building the gazetteer index %s (once) ...\n", prog, cache);
    evc_gazetteer *g = NULL;
    evc_gazetteer_report rep;
    evc_error err = {0};
    if (evc_gazetteer_open(&src, cache, &g, &rep, &err)) {
        die(&err);
        *fatal = 1;
        return NULL;
    }
    if (rep.built && !strncmp(rep.why, "the cache was unusable", 22))
        fprintf(stderr, "%s: gazetteer: %s; rebuilt %s\n", prog, rep.why, cache);
    if (rep.cache_error[0])
        fprintf(stderr, "%s: gazetteer: %s (the index is rebuilt on every run)\n",
                prog, rep.cache_error);
    return g;
}

/* ---------------------------------------------------------------- gazetteer */

static void print_place(const evc_place *p)
{
    char ref[300];
    switch (p->kind) {
    case EVC_PLACE_CITY: snprintf(ref, sizeof ref, "%ld", p->geonameid); break;
    case EVC_PLACE_COUNTRY: snprintf(ref, sizeof ref, "%s", p->country); break;
    case EVC_PLACE_REGION: snprintf(ref, sizeof ref, "RGN:%s", p->name); break;
    default: snprintf(ref, sizeof ref, "%s", p->gn_code); break;
    }
    printf("%s\t%s\t%s\t%s\t%s\t%s\t", ref, p->name, p->feature_code, p->country,
           p->admin1, p->admin1_iso);
    if (p->has_coords)
        printf("%.5f\t%.5f", p->lat, p->lon);
    else
        putchar('\t');
}

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int cmd_gazetteer(int argc, char **argv, const char *data)
{
    cli_geo_opts o;
    memset(&o, 0, sizeof o);
    const char *what = argc > 1 ? argv[1] : NULL;
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    int nrest = 0;
    if (!rest)
        return 2;
    for (int i = 2; i < argc; i++) {
        int r = cli_geo_option(&o, argc, argv, &i);
        if (r < 0) {
            free(rest);
            return 2;
        }
        if (r == 0)
            rest[nrest++] = argv[i];
    }
    int rc = 0;
    evc_gazetteer_sources src;
    const char *cache;
    resolve(&o, data, &src, &cache);
    evc_error err = {0};
    int help = 0; /* -h or --help anywhere: the usage, nothing done */
    for (int i = 1; i < argc; i++)
        help |= !strcmp(argv[i], "-h") || !strcmp(argv[i], "--help");
    if (!what || help || (strcmp(what, "build") && strcmp(what, "info") &&
                          strcmp(what, "check") && strcmp(what, "lookup"))) {
        fprintf(help ? stdout : stderr,
                "usage: evcode gazetteer build|info [options]\n"
                "       evcode gazetteer check FILE\n"
                "       evcode gazetteer lookup [options] NAME...\n%s",
                cli_geo_usage);
        rc = help ? 0 : 2;
    } else if (!strcmp(what, "check")) {
        evc_gazetteer *g = NULL;
        const char *path = nrest ? rest[0] : cache;
        if (!path) {
            fprintf(stderr, "%s: gazetteer check: no index file named\n", prog);
            rc = 2;
        } else if (evc_gazetteer_load(path, &g, &err)) {
            die(&err);
            rc = 2;
        } else {
            evc_gazetteer_counts c;
            evc_gazetteer_stats(g, &c);
            printf("%s: a sound gazetteer index: %zu places, %zu names\n", path,
                   c.places, c.names);
        }
        evc_gazetteer_free(g);
    } else if (!strcmp(what, "build")) {
        double t0 = seconds();
        if (!cache) {
            fprintf(stderr, "%s: gazetteer build: no cache file (set HOME or pass "
                            "--gazetteer-cache FILE)\n", prog);
            rc = 2;
        } else if (evc_gazetteer_build(&src, cache, &err)) {
            die(&err);
            rc = 2;
        } else {
            printf("%s: built from %s, %s%s%s in %.2f s\n", cache, src.geonames,
                   src.countries, src.aliases ? ", " : "",
                   src.aliases ? src.aliases : "", seconds() - t0);
        }
    } else {
        evc_gazetteer *g = NULL;
        evc_gazetteer_report rep;
        if (evc_gazetteer_open(&src, cache, &g, &rep, &err)) {
            die(&err);
            rc = 2;
        } else if (!strcmp(what, "info")) {
            evc_gazetteer_counts c;
            evc_gazetteer_stats(g, &c);
            printf("index %s%s\nsources %s, %s%s%s\n", cache ? cache : "(none)",
                   rep.built ? " (built now)" : "", src.geonames, src.countries,
                   src.aliases ? ", " : "", src.aliases ? src.aliases : "");
            printf("%zu places, %zu admin1, %zu admin2, %zu countries, %zu "
                   "regions; %zu names, %zu postings; %zu bytes; opened in %.3f s\n",
                   c.places, c.admin1, c.admin2, c.countries, c.regions, c.names,
                   c.postings, c.bytes, rep.seconds);
        } else {
            for (int i = 0; i < nrest; i++) {
                evc_place p[20];
                int n = evc_gazetteer_lookup(g, rest[i], p, 20);
                printf("%s: %d\n", rest[i], n);
                for (int k = 0; k < n && k < 20; k++) {
                    printf("  ");
                    print_place(&p[k]);
                    printf("\t%ld\n", p[k].population);
                }
            }
        }
        evc_gazetteer_free(g);
    }
    free(rest);
    return rc;
}

/* ---------------------------------------------------------------- places */

static int ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcmp(s + a - b, suf) == 0;
}

/* One article: analyzed, its mentions printed. 1 on a (reported) error. */
static int places_article(const evc_gazetteer *g, const evc_model *m,
                          const evc_article *art, evc_arena *a, const char *file)
{
    evc_sentence *ss;
    int n;
    evc_error err = {0};
    if (evc_model_analyze(m, art->text, art->text_len, a, &ss, &n, &err)) {
        fprintf(stderr, "%s: %s:%ld: article %s: ", prog, file, art->line, art->id);
        die(&err);
        return 1;
    }
    evc_geo_doc *d;
    if (evc_geo_doc_new(g, ss, n, art->text, evc_article_dateline(art, a), a, &d,
                        &err)) {
        die(&err);
        return 1;
    }
    const evc_place_mention *pm;
    int k = evc_geo_doc_mentions(d, &pm);
    for (int i = 0; i < k; i++) {
        long off = -1;
        if (pm[i].sentence >= 0 && pm[i].first >= 1)
            off = ss[pm[i].sentence].tok[pm[i].first].off;
        printf("%s\t%d\t%ld\t%s\t%s\t", art->id, pm[i].sentence, off, pm[i].how,
               pm[i].text);
        print_place(&pm[i].place);
        printf("\t%.2f\t%.2f\n", pm[i].score, pm[i].margin);
    }
    return 0;
}

int cmd_places(int argc, char **argv, const char *data, const char *model_path)
{
    cli_geo_opts o;
    memset(&o, 0, sizeof o);
    const char *informat = NULL;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    int nfiles = 0, rc = 0;
    if (!files)
        return 2;
    for (int i = 1; i < argc && !rc; i++) {
        int r = cli_geo_option(&o, argc, argv, &i);
        if (r < 0)
            rc = 2;
        else if (r)
            continue;
        else if (!strcmp(argv[i], "--model") && i + 1 < argc)
            model_path = argv[++i];
        else if (!strcmp(argv[i], "--input-format") && i + 1 < argc)
            informat = argv[++i];
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            printf("usage: evcode places [--model FILE] [--input-format jsonl|text] "
                   "[gazetteer options] [FILE...]\n"
                   "one line per place mention: article id, sentence (-1: the "
                   "dateline), byte offset in the text (-1: the dateline), how "
                   "found, words, then the place: id (GeoNames id, "
                   "GeoNames division code, ISO3, RGN:name), name, feature code, "
                   "country, admin1, ISO 3166-2, lat, lon; score, margin\n%s",
                   cli_geo_usage);
            free(files);
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "%s: places: unknown option '%s'\n", prog, argv[i]);
            rc = 2;
        } else
            files[nfiles++] = argv[i];
    }
    if (!nfiles)
        files[nfiles++] = "-";
    evc_gazetteer *g = NULL;
    evc_model *m = NULL;
    evc_arena *a = evc_arena_new(0);
    evc_error err = {0};
    int fatal = 0;
    if (!rc && o.off) {
        fprintf(stderr, "%s: places: --no-geo leaves nothing to do\n", prog);
        rc = 2;
    }
    if (!rc && !(g = cli_geo_open(&o, data, &fatal))) {
        if (!fatal)
            fprintf(stderr, "%s: places: no gazetteer\n", prog);
        rc = 2;
    }
    if (!rc && evc_model_load(model_path, &m, &err)) {
        die(&err);
        rc = 2;
    }
    for (int i = 0; i < nfiles && !rc; i++) {
        const char *name = files[i];
        const char *fmt = informat ? informat : ends_with(name, ".jsonl") ? "jsonl" : "text";
        FILE *f = strcmp(name, "-") ? fopen(name, "rb") : stdin;
        if (!f) {
            fprintf(stderr, "%s: %s: %s\n", prog, name, strerror(errno));
            rc = 2;
            break;
        }
        evc_article_reader *r = NULL;
        evc_status st = !strcmp(fmt, "jsonl") ? evc_jsonl_reader_open(f, name, &r, &err)
                                             : evc_text_reader_open(f, name, &r, &err);
        if (st) {
            die(&err);
            rc = 2;
        }
        evc_article art;
        while (!st) {
            evc_arena_reset(a);
            st = evc_article_reader_next(r, a, &art, &err);
            if (st == EVC_END)
                break;
            if (st) {
                die(&err);
                rc = rc ? rc : 1;
                if (st == EVC_ERR_IO || st == EVC_ERR_ARG) {
                    rc = 2;
                    break;
                }
                st = EVC_OK;
                continue;
            }
            if (places_article(g, m, &art, a, name))
                rc = rc ? rc : 1;
        }
        evc_article_reader_close(r);
        if (f != stdin)
            fclose(f);
    }
    if (fflush(stdout) != 0)
        rc = 2;
    evc_arena_free(a);
    evc_model_free(m);
    evc_gazetteer_free(g);
    free(files);
    return rc;
}
