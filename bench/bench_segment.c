/* bench_segment.c: throughput of evc_segment (src/segment/) on the raw text
 * of a UD treebank, rebuilt as the CoNLL 2018 shared task did ("# text"
 * lines joined by spaces, a newline per paragraph). Segments it again and
 * again for at least a second, five times, and prints the median MB/s,
 * tokens/s and sentences/s, and the peak resident memory.
 * Usage: bench_segment [FILE.conllu]   (default: EWT test) */
#include "evcode.h"
#include "segment/segment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define RUNS 5

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Appends s[0..n) to *buf (size *len, capacity *cap); 0 on failure. */
static int append(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
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

/* The raw text of a CoNLL-U file: "# text" values, a newline before a
 * sentence that opens a paragraph or document, else a space. */
static char *rebuild(const char *path, size_t *len)
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
                ok = append(&buf, len, &cap, newpar ? "\n" : " ", 1);
            ok = ok && append(&buf, len, &cap, line + 9, n - 9);
            first = newpar = 0;
        }
    }
    fclose(f);
    if (!ok) {
        free(buf);
        return NULL;
    }
    return buf;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1]
                                : "../shared/data/ud/UD_English-EWT/en_ewt-ud-test.conllu";
    size_t len;
    char *text = rebuild(path, &len);
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
        double t0 = now(), t;
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
            t = now() - t0;
        } while (t < 1.0);
        mbs[r] = (double)len * (double)reps / t / 1e6;
        toks[r] = (double)ntok * (double)reps / t;
        sents[r] = (double)nsent * (double)reps / t;
    }
    qsort(mbs, RUNS, sizeof mbs[0], cmp_double);
    qsort(toks, RUNS, sizeof toks[0], cmp_double);
    qsort(sents, RUNS, sizeof sents[0], cmp_double);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    const char *base = strrchr(path, '/');
    printf("segment %s: %zu bytes, %ld tokens, %ld sentences\n",
           base ? base + 1 : path, len, ntok, nsent);
    printf("  %.1f MB/s, %.0f tokens/s, %.0f sentences/s (median of %d runs of >= 1 s)\n",
           mbs[RUNS / 2], toks[RUNS / 2], sents[RUNS / 2], RUNS);
    printf("  peak memory %ld KiB (arena %zu KiB per pass)\n", ru.ru_maxrss,
           evc_arena_used(a) / 1024);
    evc_arena_free(a);
    free(text);
    return 0;
}
