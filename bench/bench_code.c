/* bench_code.c: coding-only throughput. Loads a dictionary folder (timing the
 * load), reads parsed sentences (CoNLL-U) into memory, then codes them over
 * and over for at least MIN_SECONDS, reporting the median sentences/s of
 * several runs and the process's peak memory.
 *   bench_code DICT_DIR FILE.conllu [FILE.conllu...] */
#include "evcode.h"
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define RUNS 5
#define MIN_SECONDS 1.0

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_code DICT_DIR FILE.conllu...\n");
        return 2;
    }
    evc_error err = {0};
    long rss0 = bench_peak_kb();
    double t0 = bench_now();
    evc_dicts *d;
    if (evc_dicts_load_dir(argv[1], &d, &err)) {
        char buf[600];
        evc_error_format(&err, buf, sizeof buf);
        fprintf(stderr, "bench_code: %s\n", buf);
        return 2;
    }
    double tload = bench_now() - t0;
    long rss_dict = bench_peak_kb();
    evc_dict_stats ds;
    evc_dicts_stats(d, &ds);
    printf("dictionaries %s: %zu verb patterns, %zu actor phrases, %zu agents; "
           "load %.3f s, +%ld MB peak RSS\n",
           argv[1], ds.verb_patterns, ds.actor_phrases, ds.agents, tload,
           (rss_dict - rss0) / 1024);

    /* all sentences in one arena */
    evc_arena *keep = evc_arena_new(1 << 20);
    size_t ns, ntok;
    evc_sentence *sents = bench_load_conllu("bench_code", argv + 2, argc - 2, keep, &ns, &ntok);
    if (!sents)
        return 2;
    for (size_t i = 0; i < ns; i++)
        sents[i].date = 20240715;
    printf("input: %zu sentences, %zu tokens\n", ns, ntok);

    evc_code_opts o;
    evc_code_opts_default(&o);
    evc_arena *a = evc_arena_new(0);
    double rates[RUNS];
    long events = 0;
    /* EVC_BENCH_PASSES=N: exactly N passes, once, for instruction counts
     * (valgrind --tool=callgrind, perf stat) rather than timing */
    const char *fixed = getenv("EVC_BENCH_PASSES");
    int runs = RUNS;
    if (fixed && atoi(fixed) > 0)
        runs = 1;
    for (int run = 0; run < runs; run++) {
        double start = bench_now(), el;
        size_t done = 0;
        events = 0;
        do {
            for (size_t i = 0; i < ns; i++) {
                evc_arena_reset(a);
                evc_events ev;
                if (evc_code_sentence(d, &sents[i], &o, a, &ev, &err))
                    return 2;
                events += ev.n;
            }
            done += ns;
            el = bench_now() - start;
        } while (fixed && atoi(fixed) > 0 ? done < ns * (size_t)atoi(fixed)
                                          : el < MIN_SECONDS);
        rates[run] = done / el;
        events = (long)(events * (double)ns / done);
    }
    qsort(rates, (size_t)runs, sizeof *rates, bench_cmp_double);
    printf("coding (one core, parses given): median %.0f sentences/s "
           "(min %.0f, max %.0f over %d runs), %ld events per pass\n",
           rates[runs / 2], rates[0], rates[runs - 1], runs, events);
    printf("peak RSS: %ld MB\n", bench_peak_kb() / 1024);
    evc_arena_free(a);
    evc_arena_free(keep);
    free(sents);
    evc_dicts_free(d);
    return 0;
}
