/* bench_gazetteer.c: the gazetteer's costs. Builds the index from the
 * sources once (timing it), then opens the cached index nine times (the
 * load every `evcode code` pays: map, checksum, structural checks) and
 * prints the median and the worst; then finds, resolves and places the
 * events' locations on the gold parses of CoNLL-U files (documents of 20
 * sentences, every sentence's root as an event's verb) for at least a
 * second, five times, and prints the median sentences/s and microseconds
 * per sentence, the cost geocoding adds to each sentence of `evcode code`.
 *   bench_gazetteer GEONAMES_DIR COUNTRIES.json ALIASES FILE.conllu... */
#include "evcode.h"
#include "bench.h"

#include <unistd.h>

#define LOADS 9
#define RUNS 5
#define MIN_SECONDS 1.0
#define DOC 20

static int die(const char *what, const evc_error *e)
{
    fprintf(stderr, "bench_gazetteer: %s: %s%s%s\n", what, e->file,
            e->file[0] ? ": " : "", e->message);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: bench_gazetteer GEONAMES_DIR COUNTRIES.json "
                        "ALIASES FILE.conllu...\n");
        return 2;
    }
    evc_gazetteer_sources src = {argv[1], argv[2], argv[3]};
    char cache[64];
    snprintf(cache, sizeof cache, "/tmp/evc-bench-gaz-%ld.idx", (long)getpid());
    evc_error err = {0};
    long kb0 = bench_peak_kb();
    double t0 = bench_now();
    if (evc_gazetteer_build(&src, cache, &err))
        return die("build", &err);
    double build = bench_now() - t0;

    double load[LOADS];
    evc_gazetteer *g = NULL;
    for (int i = 0; i < LOADS; i++) {
        evc_gazetteer_report rep;
        evc_gazetteer_free(g);
        t0 = bench_now();
        if (evc_gazetteer_open(&src, cache, &g, &rep, &err))
            return die("open", &err);
        load[i] = bench_now() - t0;
        if (rep.built) {
            fprintf(stderr, "bench_gazetteer: the cache was rebuilt (%s)\n", rep.why);
            return 1;
        }
    }
    evc_gazetteer_counts c;
    evc_gazetteer_stats(g, &c);
    double worst = 0;
    for (int i = 0; i < LOADS; i++)
        worst = load[i] > worst ? load[i] : worst;
    printf("gazetteer: %zu places, %zu admin1, %zu admin2, %zu countries, %zu "
           "regions, %zu names; index %.1f MB\n",
           c.places, c.admin1, c.admin2, c.countries, c.regions, c.names,
           (double)c.bytes / 1e6);
    printf("  build %.2f s (once); open the cached index: median %.3f s, worst "
           "%.3f s over %d opens; +%ld MB peak RSS\n",
           build, bench_median(load, LOADS), worst, LOADS,
           (bench_peak_kb() - kb0) / 1024);

    for (int f = 4; f < argc; f++) {
        FILE *in = fopen(argv[f], "r");
        evc_conllu_reader *r = NULL;
        if (!in || evc_conllu_reader_open(in, argv[f], &r, &err)) {
            fprintf(stderr, "bench_gazetteer: cannot read %s\n", argv[f]);
            return 1;
        }
        evc_arena *a = evc_arena_new(0), *scratch = evc_arena_new(0);
        evc_sentence *ss = NULL;
        int n = 0, cap = 0;
        evc_status st;
        for (;;) {
            if (n == cap) {
                cap = cap ? cap * 2 : 1024;
                ss = realloc(ss, (size_t)cap * sizeof *ss);
                if (!ss)
                    return 1;
            }
            st = evc_conllu_reader_next(r, a, &ss[n], &err);
            if (st)
                break;
            n++;
        }
        evc_conllu_reader_close(r);
        fclose(in);
        if (st != EVC_END)
            return die(argv[f], &err);
        double rate[RUNS], cpu[RUNS];
        long mentions = 0, located = 0;
        for (int run = 0; run < RUNS; run++) {
            long sents = 0;
            double w0 = bench_now(), c0 = bench_cpu(), w;
            do {
                mentions = located = 0;
                for (int d0 = 0; d0 < n; d0 += DOC) {
                    int k = n - d0 < DOC ? n - d0 : DOC;
                    evc_arena_reset(scratch);
                    evc_geo_doc *d;
                    if (evc_geo_doc_new(g, ss + d0, k, NULL, NULL, scratch, &d, &err))
                        return die("geo", &err);
                    const evc_place_mention *m;
                    mentions += evc_geo_doc_mentions(d, &m);
                    for (int i = 0; i < k; i++) {
                        evc_event e;
                        memset(&e, 0, sizeof e);
                        for (int t = 1; t <= ss[d0 + i].ntok; t++)
                            if (ss[d0 + i].tok[t].head == 0)
                                e.verb = t;
                        e.source.root = "USA";
                        e.target.root = "GBR";
                        evc_location loc;
                        located += evc_geo_locate(d, i, &e, &loc) &&
                                   strcmp(loc.method, "actor") != 0;
                    }
                }
                sents += n;
                w = bench_now() - w0;
            } while (w < MIN_SECONDS);
            double cs = bench_cpu() - c0;
            rate[run] = (double)sents / w;
            cpu[run] = (double)sents / (cs > 0 ? cs : w);
        }
        const char *base = strrchr(argv[f], '/');
        double med = bench_median(rate, RUNS), medc = bench_median(cpu, RUNS);
        printf("geocode %s: %d sentences, %ld mentions, %ld events placed by a "
               "mention\n  median %.0f sentences/s (%.1f us/sentence; %.0f per "
               "CPU-second; %d runs of >= %.0f s)\n",
               base ? base + 1 : argv[f], n, mentions, located, med, 1e6 / med,
               medc, RUNS, MIN_SECONDS);
        free(ss);
        evc_arena_free(a);
        evc_arena_free(scratch);
    }
    evc_gazetteer_free(g);
    remove(cache);
    return 0;
}
