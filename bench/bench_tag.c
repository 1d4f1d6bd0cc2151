/* bench_tag.c: tagging throughput (UPOS, XPOS and lemma with gold tokens).
 * Loads a tagger model (timing the load) or, without one, trains a small
 * model on the first sentences of a training file; reads sentences into
 * memory, then tags them over and over for at least MIN_SECONDS per run,
 * reporting the median tokens/s of RUNS runs and the peak memory.
 *   bench_tag [--model MODEL | --train TRAIN.conllu] FILE.conllu... */
#include "tag/tag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define RUNS 5
#define MIN_SECONDS 1.0
#define SMALL_TRAIN 2000 /* sentences for the model trained on the spot */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU time of this process: on a shared machine the wall clock also counts
 * the time other processes held the core. */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static long peak_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Appends up to max sentences of path to *s (strings in a). */
static int read_conllu(const char *path, evc_arena *a, evc_sentence **s,
                       size_t *n, size_t max)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    evc_conllu_reader *r;
    evc_error err = {0};
    if (evc_conllu_reader_open(f, path, &r, &err) != EVC_OK) {
        fprintf(stderr, "%s: %s\n", path, err.message);
        fclose(f);
        return -1;
    }
    size_t cap = *n;
    int rc = 0;
    while (*n < max) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 1024;
            evc_sentence *ns = realloc(*s, cap * sizeof *ns);
            if (!ns) {
                rc = -1;
                break;
            }
            *s = ns;
        }
        evc_status st = evc_conllu_reader_next(r, a, &(*s)[*n], &err);
        if (st == EVC_END)
            break;
        if (st != EVC_OK) {
            char msg[600];
            evc_error_format(&err, msg, sizeof msg);
            fprintf(stderr, "%s\n", msg);
            rc = -1;
            break;
        }
        (*n)++;
    }
    evc_conllu_reader_close(r);
    fclose(f);
    return rc;
}

static evc_tagger *load_model(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return NULL;
    }
    double t0 = now(), c0 = cpu_now();
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    void *buf = len > 0 ? malloc((size_t)len) : NULL;
    if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
        fprintf(stderr, "%s: cannot read\n", path);
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    evc_br r;
    evc_br_init(&r, buf, (size_t)len);
    evc_tagger *t = NULL;
    evc_error err = {0};
    if (evc_tagger_load(&r, &t, &err) != EVC_OK)
        fprintf(stderr, "%s: %s\n", path, err.message);
    else
        printf("model: %s, %.2f MB, loaded (read + parse) in %.3f s "
               "(%.3f s of CPU)\n", path, len / 1e6, now() - t0,
               cpu_now() - c0);
    free(buf);
    return t;
}

int main(int argc, char **argv)
{
    const char *model = NULL, *train = NULL;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i += 2) {
        if (i + 1 >= argc)
            break;
        if (!strcmp(argv[i], "--model"))
            model = argv[i + 1];
        else if (!strcmp(argv[i], "--train"))
            train = argv[i + 1];
        else
            break;
    }
    if (i >= argc || (!model && !train)) {
        fprintf(stderr, "usage: bench_tag [--model MODEL | --train "
                        "TRAIN.conllu] FILE.conllu...\n");
        return 2;
    }
    evc_arena *data = evc_arena_new(1 << 20);
    evc_tagger *t = NULL;
    if (model) {
        t = load_model(model);
    } else {
        evc_sentence *ts = NULL;
        size_t nt = 0;
        if (read_conllu(train, data, &ts, &nt, SMALL_TRAIN) != 0)
            return 1;
        evc_tag_train_opts o;
        evc_tag_train_opts_default(&o);
        o.epochs = 3;
        o.fold_epochs = 2;
        evc_error err = {0};
        double t0 = now();
        if (evc_tagger_train(ts, nt, NULL, 0, &o, &t, &err) != EVC_OK)
            fprintf(stderr, "training: %s\n", err.message);
        else
            printf("model: trained on the first %zu sentences of %s in %.2f s "
                   "(speed only: accuracy is not representative)\n",
                   nt, train, now() - t0);
        free(ts);
    }
    if (!t)
        return 1;
    evc_sentence *s = NULL;
    size_t ns = 0, ntok = 0;
    for (; i < argc; i++)
        if (read_conllu(argv[i], data, &s, &ns, (size_t)-1) != 0)
            return 1;
    for (size_t k = 0; k < ns; k++)
        ntok += (size_t)s[k].ntok;
    if (ntok == 0) {
        fprintf(stderr, "bench_tag: no tokens\n");
        return 1;
    }
    /* Tag copies, so the gold columns stay for the accuracy line. */
    evc_sentence *work = malloc(ns * sizeof *work);
    for (size_t k = 0; k < ns; k++) {
        work[k] = s[k];
        work[k].tok = evc_arena_alloc(data, (size_t)(s[k].ntok + 1) *
                                                sizeof(evc_token));
        memcpy(work[k].tok, s[k].tok,
               (size_t)(s[k].ntok + 1) * sizeof(evc_token));
    }
    evc_arena *a = evc_arena_new(0);
    double rate[RUNS], cpurate[RUNS];
    for (int run = 0; run < RUNS; run++) {
        size_t done = 0;
        double t0 = now(), c0 = cpu_now(), dt;
        do {
            for (size_t k = 0; k < ns; k++) {
                evc_tagger_tag(t, &work[k], a);
                evc_arena_reset(a);
            }
            done += ntok;
            dt = now() - t0;
        } while (dt < MIN_SECONDS);
        rate[run] = (double)done / dt;
        cpurate[run] = (double)done / (cpu_now() - c0);
    }
    qsort(rate, RUNS, sizeof *rate, cmp_d);
    qsort(cpurate, RUNS, sizeof *cpurate, cmp_d);
    evc_tag_eval ev = {0};
    evc_tagger_eval(t, s, ns, &ev);
    printf("tagging: %zu sentences, %zu tokens; median of %d runs: %.0f "
           "tokens/s (%.0f sentences/s), min %.0f, max %.0f\n",
           ns, ntok, RUNS, rate[RUNS / 2], rate[RUNS / 2] * ns / ntok,
           rate[0], rate[RUNS - 1]);
    printf("per CPU second (the machine may be shared): median %.0f "
           "tokens/s\n", cpurate[RUNS / 2]);
    printf("accuracy on these files: UPOS %.2f%%, XPOS %.2f%%, lemma %.2f%%\n",
           100.0 * ev.upos / ev.tokens, 100.0 * ev.xpos / ev.tokens,
           100.0 * ev.lemma / ev.tokens);
    printf("peak memory: %.1f MB\n", peak_kb() / 1024.0);
    evc_arena_free(a);
    evc_tagger_free(t);
    free(work);
    free(s);
    evc_arena_free(data);
    return 0;
}
