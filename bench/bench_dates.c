/* bench_dates.c: event-date throughput. Reads parsed sentences (CoNLL-U) into
 * memory and resolves the date of every verb of every sentence
 * (evc_event_date_resolve, article date 1987-02-26) over and over for at
 * least MIN_SECONDS of CPU time, reporting the median verbs/s and sentences/s
 * of several runs. Coding gives fewer events than verbs, so this bounds the
 * cost dating adds to `evcode code` from above.
 *   bench_dates FILE.conllu [FILE.conllu...] */
#include "evcode.h"
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RUNS 5
#define MIN_SECONDS 1.0

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_dates FILE.conllu...\n");
        return 2;
    }
    evc_arena *keep = evc_arena_new(1 << 20);
    size_t ns, ntok, nverbs = 0;
    evc_sentence *sents = bench_load_conllu("bench_dates", argv + 1, argc - 1, keep, &ns, &ntok);
    if (!sents)
        return 2;
    for (size_t i = 0; i < ns; i++)
        for (int k = 1; k <= sents[i].ntok; k++)
            nverbs += strcmp(sents[i].tok[k].upos, "VERB") == 0;
    printf("input: %zu sentences, %zu tokens, %zu verbs\n", ns, ntok, nverbs);

    double rates[RUNS];
    long dated = 0; /* verbs dated by an expression, per pass */
    for (int run = 0; run < RUNS; run++) {
        double start = bench_cpu(), el;
        size_t passes = 0;
        do {
            dated = 0;
            for (size_t i = 0; i < ns; i++)
                for (int k = 1; k <= sents[i].ntok; k++) {
                    if (strcmp(sents[i].tok[k].upos, "VERB") != 0)
                        continue;
                    evc_date_res r;
                    if (evc_event_date_resolve(&sents[i], k, 19870226, &r))
                        return 2;
                    dated += r.first > 0;
                }
            passes++;
            el = bench_cpu() - start;
        } while (el < MIN_SECONDS);
        rates[run] = (double)(passes * nverbs) / el;
    }
    qsort(rates, RUNS, sizeof *rates, bench_cmp_double);
    double per_sentence = nverbs ? (double)nverbs / (double)ns : 0.0;
    printf("dating (one core, CPU time): median %.0f verbs/s (min %.0f, max %.0f over %d "
           "runs) = %.0f sentences/s with every verb dated; %ld of %zu verbs dated by an "
           "expression\n",
           rates[RUNS / 2], rates[0], rates[RUNS - 1], RUNS,
           per_sentence > 0 ? rates[RUNS / 2] / per_sentence : 0.0, dated, nverbs);
    evc_arena_free(keep);
    free(sents);
    return 0;
}
