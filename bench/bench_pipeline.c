/* bench_pipeline.c: raw text to parsed sentences, the whole analysis
 * (segmentation, tagging, lemmas, parsing) on one core. Loads a model
 * (timing the load), rebuilds the raw text of each CoNLL-U file given, and
 * analyzes it again and again for at least a second, five times; prints the
 * median tokens/s and sentences/s (wall clock, and per CPU-second, which a
 * busy machine disturbs less) and the peak memory.
 *   bench_pipeline MODEL FILE.conllu [FILE.conllu...] */
#include "evcode.h"
#include "bench.h"

#define RUNS 5
#define MIN_SECONDS 1.0

static int bench_file(const evc_model *m, const char *path, evc_arena *a)
{
    size_t len;
    char *text = bench_raw_text(path, &len);
    if (!text) {
        fprintf(stderr, "bench_pipeline: cannot read %s\n", path);
        return -1;
    }
    double wall[RUNS], cpu[RUNS];
    long ntok = 0, nsent = 0;
    for (int r = 0; r < RUNS; r++) {
        long reps = 0;
        double t0 = bench_now(), c0 = bench_cpu(), t;
        do {
            evc_sentence *s;
            int ns;
            evc_error err = {0};
            evc_arena_reset(a);
            if (evc_model_analyze(m, text, len, a, &s, &ns, &err) != EVC_OK) {
                fprintf(stderr, "bench_pipeline: %s: %s\n", path, err.message);
                free(text);
                return -1;
            }
            ntok = 0;
            for (int i = 0; i < ns; i++)
                ntok += s[i].ntok;
            nsent = ns;
            reps++;
            t = bench_now() - t0;
        } while (t < MIN_SECONDS);
        double c = bench_cpu() - c0;
        wall[r] = (double)ntok * (double)reps / t;
        cpu[r] = (double)ntok * (double)reps / (c > 0 ? c : t);
    }
    const char *base = strrchr(path, '/');
    double tw = bench_median(wall, RUNS), tc = bench_median(cpu, RUNS);
    printf("analyze %s: %zu bytes, %ld sentences, %ld tokens\n",
           base ? base + 1 : path, len, nsent, ntok);
    printf("  median %.0f tokens/s, %.0f sentences/s (wall; %.0f tokens per "
           "CPU-second; %d runs of >= %.0f s)\n",
           tw, tw * (double)nsent / (double)ntok, tc, RUNS, MIN_SECONDS);
    free(text);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_pipeline MODEL FILE.conllu...\n");
        return 2;
    }
    long rss0 = bench_peak_kb();
    double t0 = bench_now();
    evc_model *m;
    evc_error err = {0};
    if (evc_model_load(argv[1], &m, &err) != EVC_OK) {
        char buf[600];
        evc_error_format(&err, buf, sizeof buf);
        fprintf(stderr, "bench_pipeline: %s\n", buf);
        return 2;
    }
    printf("model %s: load %.3f s, +%ld MB peak RSS\n", argv[1],
           bench_now() - t0, (bench_peak_kb() - rss0) / 1024);
    evc_arena *a = evc_arena_new(1 << 20);
    int rc = a ? 0 : 1;
    for (int i = 2; i < argc && rc == 0; i++)
        if (bench_file(m, argv[i], a) != 0)
            rc = 1;
    printf("peak RSS: %ld MB\n", bench_peak_kb() / 1024);
    evc_arena_free(a);
    evc_model_free(m);
    return rc;
}
