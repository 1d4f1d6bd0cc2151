/* bench.h: what the benchmark programs share: clocks, peak memory, sorting
 * for medians, and the raw text of a CoNLL-U file. Every benchmark is a
 * program of its own, so these are static. */
#ifndef EVC_BENCH_H
#define EVC_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "evcode.h"

static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU time of this process: on a shared machine the wall clock also counts
 * the time other processes held the core. */
static inline double bench_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Peak resident memory of this process so far, KiB. */
static inline long bench_peak_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sorts v[0..n) and returns its median. */
static inline double bench_median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof v[0], bench_cmp_double);
    return v[n / 2];
}

/* Appends s[0..n) to *buf (length *len, capacity *cap); 0 on failure. */
static inline int bench_append(char **buf, size_t *len, size_t *cap,
                               const char *s, size_t n)
{
    if (*len + n + 1 > *cap) {
        size_t c = *cap ? *cap * 2 : 1 << 20;
        while (c < *len + n + 1)
            c *= 2;
        char *p = realloc(*buf, c);
        if (!p)
            return 0;
        *buf = p;
        *cap = c;
    }
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = 0;
    return 1;
}

/* The raw text of a CoNLL-U file, rebuilt as the CoNLL 2018 shared task did:
 * "# text" values, a newline before a sentence that opens a paragraph or
 * document, else a space. NULL if the file cannot be read. */
static inline char *bench_raw_text(const char *path, size_t *len)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    char line[1 << 16];
    char *buf = NULL;
    size_t cap = 0;
    int newpar = 0, first = 1, ok = 1;
    *len = 0;
    while (ok && fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\r\n");
        line[n] = 0;
        if (strncmp(line, "# newpar", 8) == 0 || strncmp(line, "# newdoc", 8) == 0)
            newpar = 1;
        else if (strncmp(line, "# text = ", 9) == 0) {
            if (!first)
                ok = bench_append(&buf, len, &cap, newpar ? "\n" : " ", 1);
            ok = ok && bench_append(&buf, len, &cap, line + 9, n - 9);
            first = newpar = 0;
        }
    }
    fclose(f);
    if (!ok || !buf) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* Reads every sentence of the CoNLL-U files paths[0..n) into arena keep;
 * returns them (malloc'd, *ns of them, *ntok tokens in all), or NULL after
 * printing "prog: file:line: what" on stderr. */
static inline evc_sentence *bench_load_conllu(const char *prog, char **paths, int n,
                                              evc_arena *keep, size_t *ns, size_t *ntok)
{
    size_t cap = 1024;
    evc_sentence *sents = malloc(cap * sizeof *sents);
    evc_error err = {0};
    *ns = *ntok = 0;
    for (int i = 0; sents && i < n; i++) {
        FILE *f = fopen(paths[i], "rb");
        evc_conllu_reader *r = NULL;
        if (!f || evc_conllu_reader_open(f, paths[i], &r, &err)) {
            fprintf(stderr, "%s: %s: cannot read\n", prog, paths[i]);
            if (f)
                fclose(f);
            free(sents);
            return NULL;
        }
        for (;;) {
            if (*ns == cap) {
                evc_sentence *m = realloc(sents, (cap *= 2) * sizeof *sents);
                if (!m)
                    break;
                sents = m;
            }
            evc_status st = evc_conllu_reader_next(r, keep, &sents[*ns], &err);
            if (st == EVC_END)
                break;
            if (st) {
                char buf[600];
                evc_error_format(&err, buf, sizeof buf);
                fprintf(stderr, "%s: %s\n", prog, buf);
                evc_conllu_reader_close(r);
                fclose(f);
                free(sents);
                return NULL;
            }
            *ntok += (size_t)sents[*ns].ntok;
            (*ns)++;
        }
        evc_conllu_reader_close(r);
        fclose(f);
    }
    return sents;
}

#endif
