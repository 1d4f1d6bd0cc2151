/* bench_segment.c: throughput of evc_segment (src/segment/) on the raw text
 * of a UD treebank, rebuilt as the CoNLL 2018 shared task did ("# text"
 * lines joined by spaces, a newline per paragraph). Segments it again and
 * again for at least a second, five times, and prints the median MB/s,
 * tokens/s and sentences/s, and the peak resident memory.
 * Usage: bench_segment [FILE.conllu]   (default: EWT test) */
#include "evcode.h"
#include "segment/segment.h"
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define RUNS 5

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1]
                                : "../shared/data/ud/UD_English-EWT/en_ewt-ud-test.conllu";
    size_t len;
    char *text = bench_raw_text(path, &len);
    if (!text) {
        fprintf(stderr, "bench_segment: cannot read %s\n", path);
        return 1;
    }
    evc_arena *a = evc_arena_new(1 << 20);
    if (!a)
        return 1;
    double mbs[RUNS], toks[RUNS], sents[RUNS];
    long ntok = 0, nsent = 0;
    for (int r = 0; r < RUNS; r++) {
        long reps = 0;
        double t0 = bench_now(), t;
        do {
            evc_sentence *s;
            int ns;
            evc_error err;
            evc_arena_reset(a);
            if (evc_segment(text, len, a, &s, &ns, &err) != EVC_OK) {
                fprintf(stderr, "bench_segment: %s\n", err.message);
                return 1;
            }
            ntok = 0;
            for (int i = 0; i < ns; i++)
                ntok += s[i].ntok;
            nsent = ns;
            reps++;
            t = bench_now() - t0;
        } while (t < 1.0);
        mbs[r] = (double)len * (double)reps / t / 1e6;
        toks[r] = (double)ntok * (double)reps / t;
        sents[r] = (double)nsent * (double)reps / t;
    }
                struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    const char *base = strrchr(path, '/');
    printf("segment %s: %zu bytes, %ld tokens, %ld sentences\n",
           base ? base + 1 : path, len, ntok, nsent);
    printf("  %.1f MB/s, %.0f tokens/s, %.0f sentences/s (median of %d runs of >= 1 s)\n",
           bench_median(mbs, RUNS), bench_median(toks, RUNS), bench_median(sents, RUNS), RUNS);
    printf("  peak memory %ld KiB (arena %zu KiB per pass)\n", ru.ru_maxrss,
           evc_arena_used(a) / 1024);
    evc_arena_free(a);
    free(text);
    return 0;
}
