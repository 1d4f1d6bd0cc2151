/* bench_parse.c: dependency parsing throughput. Loads a parser model (or
 * trains a small one on 2,000 EWT sentences when none is given), then parses
 * a CoNLL-U file with its gold tokens and tags, pass after pass, for at
 * least a second; prints the median pass in tokens/s and the peak RSS.
 *   bench_parse [MODEL|-] [FILE.conllu]   (default: EWT test) */
#include "evcode.h"
#include "parse/parse.h"
#include "util/bio.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define UD "../shared/data/ud/UD_English-EWT/"

typedef struct corpus {
    evc_sentence *s;
    size_t n, cap;
    long tokens;
} corpus;

static int read_corpus(const char *path, size_t max, evc_arena *a, corpus *c)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "bench_parse: cannot open %s\n", path);
        return -1;
    }
    evc_conllu_reader *r;
    evc_error err = {0};
    if (evc_conllu_reader_open(f, path, &r, &err)) {
        fclose(f);
        return -1;
    }
    for (;;) {
        if (c->n == max)
            break;
        if (c->n == c->cap) {
            c->cap = c->cap ? 2 * c->cap : 1024;
            c->s = realloc(c->s, c->cap * sizeof *c->s);
        }
        evc_status st = evc_conllu_reader_next(r, a, &c->s[c->n], &err);
        if (st == EVC_END)
            break;
        if (st) {
            fprintf(stderr, "bench_parse: %s:%ld: %s\n", path, err.line,
                    err.message);
            evc_conllu_reader_close(r);
            fclose(f);
            return -1;
        }
        c->tokens += c->s[c->n].ntok;
        c->n++;
    }
    evc_conllu_reader_close(r);
    fclose(f);
    return 0;
}

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static evc_parser *load_model(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "bench_parse: cannot open %s\n", path);
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc(len > 0 ? (size_t)len : 1);
    if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    double t0 = wall();
    evc_br r;
    evc_br_init(&r, buf, (size_t)len);
    evc_parser *p = NULL;
    evc_error err = {0};
    if (evc_parser_load(&r, &p, &err))
        fprintf(stderr, "bench_parse: %s: %s\n", path, err.message);
    else
        printf("model: %s, %.1f MB, loaded in %.3f s (from memory)\n", path,
               len / 1048576.0, wall() - t0);
    free(buf);
    return p;
}

int main(int argc, char **argv)
{
    const char *model = argc > 1 ? argv[1] : "-";
    const char *file = argc > 2 ? argv[2] : UD "en_ewt-ud-test.conllu";
    evc_arena *data = evc_arena_new(1 << 20);
    corpus c = {0};
    if (read_corpus(file, (size_t)-1, data, &c) || !c.n)
        return 1;
    evc_parser *p = NULL;
    if (strcmp(model, "-") != 0) {
        p = load_model(model);
    } else {
        corpus tr = {0};
        if (read_corpus(UD "en_ewt-ud-train.conllu", 2000, data, &tr))
            return 1;
        evc_parse_train_opts o;
        evc_parse_train_opts_default(&o);
        o.epochs = 3;
        evc_error err = {0};
        double t0 = cpu();
        if (evc_parser_train(tr.s, tr.n, NULL, 0, &o, &p, &err))
            fprintf(stderr, "bench_parse: %s\n", err.message);
        else
            printf("model: trained on %zu EWT sentences, 3 epochs, in %.1f s\n",
                   tr.n, cpu() - t0);
        free(tr.s);
    }
    if (!p)
        return 1;
    evc_parser_stats ps;
    evc_parser_stats_get(p, &ps);
    printf("weights: %zu features, %zu weights, %.1f MB\n", ps.features,
           ps.weights, ps.bytes / 1048576.0);

    /* gold heads and labels are cleared in private copies of the tokens */
    evc_token **copies = malloc(c.n * sizeof *copies);
    for (size_t i = 0; i < c.n; i++) {
        size_t sz = (size_t)(c.s[i].ntok + 1) * sizeof(evc_token);
        copies[i] = malloc(sz);
        memcpy(copies[i], c.s[i].tok, sz);
    }
    evc_arena *a = evc_arena_new(0);
    double rates[1000], cpu_total = 0, t_start = wall();
    long correct = 0, total = 0;
    int passes = 0;
    while (passes < 1000 && (passes < 3 || cpu_total < 1.0)) {
        double c0 = cpu();
        for (size_t i = 0; i < c.n; i++) {
            evc_sentence s = c.s[i];
            s.tok = copies[i];
            for (int k = 1; k <= s.ntok; k++)
                s.tok[k].head = -1;
            evc_parser_parse(p, &s, a);
            evc_arena_reset(a);
        }
        double dt = cpu() - c0;
        cpu_total += dt;
        rates[passes++] = (double)c.tokens / dt;
    }
    for (size_t i = 0; i < c.n; i++)
        for (int k = 1; k <= c.s[i].ntok; k++) {
            total++;
            correct += copies[i][k].head == c.s[i].tok[k].head;
        }
    double elapsed = wall() - t_start;
    qsort(rates, (size_t)passes, sizeof *rates, cmp_double);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("parse: %s, %zu sentences, %ld tokens, gold tags; UAS %.2f\n", file,
           c.n, c.tokens, 100.0 * correct / (double)total);
    printf("parse: %d passes, median %.0f tokens/s (%.0f sentences/s), best "
           "%.0f tokens/s, on one core (CPU time; %.1f s wall for %.1f s "
           "CPU)\n",
           passes, rates[passes / 2],
           rates[passes / 2] * (double)c.n / (double)c.tokens,
           rates[passes - 1], elapsed, cpu_total);
    printf("peak RSS: %.1f MB\n", ru.ru_maxrss / 1024.0);
    for (size_t i = 0; i < c.n; i++)
        free(copies[i]);
    free(copies);
    evc_arena_free(a);
    evc_parser_free(p);
    free(c.s);
    evc_arena_free(data);
    return 0;
}
