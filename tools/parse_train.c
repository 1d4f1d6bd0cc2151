/* parse_train.c: trains the dependency parser (src/parse) on CoNLL-U files,
 * prints UAS/LAS with gold and predicted tags (punctuation included; LAS on
 * full labels and on their universal part, which is what the CoNLL 2018
 * script counts) and writes the model. Built by hand, not by make. */
#include "evcode.h"
#include "parse/parse.h"
#include "parse/parse_internal.h"
#include "tag/tag.h"
#include "util/bio.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *USAGE =
    "usage: parse_train [-e EPOCHS] [-s SEED] [-k MAX_KB] [-x P_EXPLORE]\n"
    "         [-T 0|1|2]          (tag atoms: UPOS|XPOS, XPOS, UPOS)\n"
    "         [-n MAX_TRAIN_SENTENCES] [-m MODEL_IN] [-o MODEL_OUT]\n"
    "         [-t TAGGER_MODEL]   (also score with predicted tags; tag dev)\n"
    "         [-j FOLDS]          (train on jackknifed tags: FOLDS taggers)\n"
    "         [-J TAGGER_EPOCHS]  (epochs of each jackknife tagger)\n"
    "         [-w FILE.conllu]    (write the training data as tagged, then stop)\n"
    "         --train A.conllu[,B...] [--dev D.conllu[,E...]]\n"
    "         [--test T.conllu[,U...]]   (each scored on its own)\n"
    "build (from the repository root):\n"
    "  cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude\n"
    "     -Isrc tools/parse_train.c src/parse/*.c src/tag/*.c src/util/*.c\n"
    "     src/read/conllu.c -lutf8proc -lz -lm -o parse_train\n";

typedef struct corpus {
    evc_sentence *s;
    size_t n, cap;
} corpus;

/* Calls fn on each name of a comma-separated list. */
static int each_name(const char *list, int (*fn)(const char *, void *),
                     void *ctx)
{
    char *copy = strdup(list), *next = copy;
    int rc = 0;
    while (next && !rc) {
        char *f = next;
        next = strchr(f, ',');
        if (next)
            *next++ = 0;
        rc = fn(f, ctx);
    }
    free(copy);
    return rc;
}

typedef struct read_ctx {
    evc_arena *a;
    corpus *c;
} read_ctx;

static int read_one(const char *f, void *ctx)
{
    read_ctx *rc = ctx;
    corpus *c = rc->c;
    FILE *fp = fopen(f, "rb");
    if (!fp) {
        fprintf(stderr, "parse_train: cannot open %s\n", f);
        return -1;
    }
    evc_conllu_reader *r;
    evc_error err = {0};
    if (evc_conllu_reader_open(fp, f, &r, &err)) {
        fprintf(stderr, "parse_train: %s\n", err.message);
        fclose(fp);
        return -1;
    }
    for (;;) {
        if (c->n == c->cap) {
            c->cap = c->cap ? 2 * c->cap : 1024;
            c->s = realloc(c->s, c->cap * sizeof *c->s);
        }
        evc_status st = evc_conllu_reader_next(r, rc->a, &c->s[c->n], &err);
        if (st == EVC_END)
            break;
        if (st) {
            char msg[600];
            evc_error_format(&err, msg, sizeof msg);
            fprintf(stderr, "parse_train: %s\n", msg);
            evc_conllu_reader_close(r);
            fclose(fp);
            return -1;
        }
        c->n++;
    }
    evc_conllu_reader_close(r);
    fclose(fp);
    return 0;
}

static int read_files(const char *list, evc_arena *a, corpus *c)
{
    read_ctx ctx = {a, c};
    return each_name(list, read_one, &ctx);
}

/* Copies of the sentences (tokens copied, strings shared) in a. */
static corpus copy_corpus(const corpus *c, evc_arena *a)
{
    corpus d = {malloc((c->n ? c->n : 1) * sizeof *d.s), c->n, c->n};
    for (size_t i = 0; i < c->n; i++) {
        d.s[i] = c->s[i];
        size_t sz = (size_t)(c->s[i].ntok + 1) * sizeof(evc_token);
        d.s[i].tok = evc_arena_alloc(a, sz);
        memcpy(d.s[i].tok, c->s[i].tok, sz);
    }
    return d;
}

static double now(void)
{
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double cpu(void) { return (double)clock() / CLOCKS_PER_SEC; }

static evc_tagger *tagger;

/* Tags c in place with the tagger (lemmas in a). */
static void tag_corpus(const evc_tagger *t, corpus *c, evc_arena *a)
{
    for (size_t i = 0; i < c->n; i++)
        evc_tagger_tag(t, &c->s[i], a);
}

/* Jackknifing: the tags of each fold come from a tagger trained on the
 * others, so the parser learns from tags as wrong as they will be. */
static int jackknife(corpus *train, int folds, int epochs, evc_arena *a)
{
    double t0 = cpu();
    corpus gold = copy_corpus(train, a);
    evc_sentence *rest = malloc(train->n * sizeof *rest);
    for (int k = 0; k < folds; k++) {
        size_t nrest = 0;
        for (size_t i = 0; i < train->n; i++)
            if ((int)(i % (size_t)folds) != k)
                rest[nrest++] = gold.s[i];
        evc_tag_train_opts o;
        evc_tag_train_opts_default(&o);
        if (epochs > 0)
            o.epochs = epochs;
        o.passes = 1; /* one pass is nearly as good and 5 times cheaper */
        evc_tagger *t = NULL;
        evc_error err = {0};
        if (evc_tagger_train(rest, nrest, NULL, 0, &o, &t, &err)) {
            fprintf(stderr, "parse_train: tagger: %s\n", err.message);
            free(rest);
            free(gold.s);
            return -1;
        }
        size_t ntok = 0, ok = 0;
        for (size_t i = (size_t)k; i < train->n; i += (size_t)folds) {
            evc_tagger_tag(t, &train->s[i], a);
            for (int j = 1; j <= train->s[i].ntok; j++) {
                /* the tags point into the model, which goes next */
                evc_token *x = &train->s[i].tok[j];
                x->upos = evc_arena_strdup(a, x->upos);
                x->xpos = evc_arena_strdup(a, x->xpos);
                ntok++;
                ok += !strcmp(train->s[i].tok[j].upos, gold.s[i].tok[j].upos);
            }
        }
        fprintf(stderr, "jackknife fold %d/%d: UPOS %.2f%%, %.0f s cpu so far\n",
                k + 1, folds, 100.0 * ok / ntok, cpu() - t0);
        evc_tagger_free(t);
    }
    free(rest);
    free(gold.s);
    return 0;
}

static const char *col(const char *s) { return s && *s ? s : "_"; }

/* Writes c as CoNLL-U (the columns the parser and tagger use). */
static int write_conllu(const char *path, const corpus *c)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return 1;
    for (size_t i = 0; i < c->n; i++) {
        const evc_sentence *s = &c->s[i];
        if (s->id)
            fprintf(f, "# sent_id = %s\n", s->id);
        for (int k = 1; k <= s->ntok; k++) {
            const evc_token *t = &s->tok[k];
            fprintf(f, "%d\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t_\t_\n", k,
                    col(t->form), col(t->lemma), col(t->upos), col(t->xpos),
                    col(t->feats), t->head, col(t->deprel));
        }
        fputc('\n', f);
    }
    return fclose(f) ? 1 : 0;
}

static size_t univ_len(const char *l)
{
    const char *c = strchr(l, ':');
    return c ? (size_t)(c - l) : strlen(l);
}

/* Parses copies of the gold sentences (tagged first if asked) and scores
 * them against the gold trees. */
static void evaluate(const char *name, const evc_parser *p, const corpus *c,
                     const evc_tagger *t)
{
    evc_arena *a = evc_arena_new(0);
    long tot = 0, uas = 0, las = 0, ulas = 0, roots_bad = 0, upos = 0;
    double tparse = 0;
    for (size_t i = 0; i < c->n; i++) {
        const evc_sentence *g = &c->s[i];
        evc_token *tok = evc_arena_alloc(a, (size_t)(g->ntok + 1) * sizeof *tok);
        memcpy(tok, g->tok, (size_t)(g->ntok + 1) * sizeof *tok);
        for (int k = 1; k <= g->ntok; k++) {
            tok[k].head = -1;
            tok[k].deprel = NULL;
        }
        evc_sentence s = *g;
        s.tok = tok;
        if (t)
            evc_tagger_tag(t, &s, a);
        double t0 = now();
        if (evc_parser_parse(p, &s, a) != EVC_OK) {
            fprintf(stderr, "parse_train: parse failed\n");
            exit(1);
        }
        tparse += now() - t0;
        int roots = 0;
        for (int k = 1; k <= g->ntok; k++) {
            tot++;
            upos += !strcmp(tok[k].upos, g->tok[k].upos);
            roots += tok[k].head == 0;
            if (tok[k].head != g->tok[k].head)
                continue;
            uas++;
            las += strcmp(tok[k].deprel, g->tok[k].deprel) == 0;
            size_t lu = univ_len(tok[k].deprel), lg = univ_len(g->tok[k].deprel);
            ulas += lu == lg && memcmp(tok[k].deprel, g->tok[k].deprel, lu) == 0;
        }
        roots_bad += roots != 1;
        evc_arena_reset(a);
    }
    char tags[32];
    if (t)
        snprintf(tags, sizeof tags, "UPOS %.2f", 100.0 * upos / tot);
    else
        snprintf(tags, sizeof tags, "gold tags");
    printf("%-26s %-10s UAS %.2f  LAS %.2f  (universal part %.2f)  %ld tokens, "
           "%.0f tokens/s%s\n",
           name, tags, 100.0 * uas / tot, 100.0 * las / tot, 100.0 * ulas / tot,
           tot, tot / tparse, roots_bad ? "  BAD ROOTS" : "");
    fflush(stdout);
    evc_arena_free(a);
}

typedef struct test_ctx {
    const evc_parser *p;
} test_ctx;

static int test_one(const char *f, void *ctx)
{
    const evc_parser *p = ((test_ctx *)ctx)->p;
    corpus one = {0};
    evc_arena *b = evc_arena_new(1 << 20);
    if (read_files(f, b, &one) == 0) {
        const char *base = strrchr(f, '/');
        evaluate(base ? base + 1 : f, p, &one, NULL);
        if (tagger)
            evaluate(base ? base + 1 : f, p, &one, tagger);
    }
    free(one.s);
    evc_arena_free(b);
    return 0;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "parse_train: cannot open %s\n", path);
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc(n > 0 ? (size_t)n : 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

int main(int argc, char **argv)
{
    const char *train = NULL, *dev = NULL, *test = NULL, *min = NULL,
               *mout = NULL, *tmodel = NULL, *wout = NULL;
    long maxsent = 0;
    int folds = 0, tag_epochs = 0;
    evc_parse_train_opts o;
    evc_parse_train_opts_default(&o);
    o.verbose = stderr;
    for (int i = 1; i < argc; i += 2) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v) {
            fputs(USAGE, stderr);
            return 2;
        }
        if (!strcmp(a, "--train"))
            train = v;
        else if (!strcmp(a, "--dev"))
            dev = v;
        else if (!strcmp(a, "--test"))
            test = v;
        else if (!strcmp(a, "-m"))
            min = v;
        else if (!strcmp(a, "-o"))
            mout = v;
        else if (!strcmp(a, "-t"))
            tmodel = v;
        else if (!strcmp(a, "-j"))
            folds = atoi(v);
        else if (!strcmp(a, "-w"))
            wout = v;
        else if (!strcmp(a, "-J"))
            tag_epochs = atoi(v);
        else if (!strcmp(a, "-e"))
            o.epochs = atoi(v);
        else if (!strcmp(a, "-s"))
            o.seed = strtoull(v, NULL, 10);
        else if (!strcmp(a, "-k"))
            o.max_kb = atoi(v);
        else if (!strcmp(a, "-T"))
            o.tags = atoi(v);
        else if (!strcmp(a, "-x"))
            o.explore = atof(v);
        else if (!strcmp(a, "-n"))
            maxsent = atol(v);
        else {
            fputs(USAGE, stderr);
            return 2;
        }
    }
    if (!train && !min) {
        fputs(USAGE, stderr);
        return 2;
    }
    evc_arena *a = evc_arena_new(1 << 20);
    corpus tr = {0}, dv = {0};
    if ((train && read_files(train, a, &tr)) || (dev && read_files(dev, a, &dv)))
        return 1;
    if (maxsent > 0 && (size_t)maxsent < tr.n)
        tr.n = (size_t)maxsent;
    evc_error err = {0};
    if (tmodel) {
        size_t len;
        char *buf = slurp(tmodel, &len);
        if (!buf)
            return 1;
        evc_br r;
        evc_br_init(&r, buf, len);
        if (evc_tagger_load(&r, &tagger, &err)) {
            fprintf(stderr, "parse_train: %s: %s\n", tmodel, err.message);
            return 1;
        }
        free(buf);
    }
    evc_parser *p = NULL;
    double t0 = now(), c0 = cpu();
    if (min) {
        size_t len;
        char *buf = slurp(min, &len);
        if (!buf)
            return 1;
        t0 = now();
        evc_br r;
        evc_br_init(&r, buf, len);
        if (evc_parser_load(&r, &p, &err)) {
            fprintf(stderr, "parse_train: %s: %s\n", min, err.message);
            return 1;
        }
        fprintf(stderr, "loaded %s (%zu bytes) in %.3f s\n", min, len, now() - t0);
        free(buf);
    } else {
        corpus trj = tr, dvt = dv;
        if (folds > 1) {
            trj = copy_corpus(&tr, a);
            if (jackknife(&trj, folds, tag_epochs, a))
                return 1;
        }
        if (wout)
            return write_conllu(wout, &trj);
        if (tagger) { /* pick the epoch on dev as it will be tagged */
            dvt = copy_corpus(&dv, a);
            tag_corpus(tagger, &dvt, a);
        }
        fprintf(stderr, "training on %zu sentences (dev %zu)%s\n", trj.n,
                dvt.n, folds > 1 ? ", jackknifed tags" : "");
        if (evc_parser_train(trj.s, trj.n, dvt.s, dvt.n, &o, &p, &err)) {
            fprintf(stderr, "parse_train: %s\n", err.message);
            return 1;
        }
        fprintf(stderr, "trained in %.1f s (%.1f s cpu)\n", now() - t0,
                cpu() - c0);
        if (trj.s != tr.s)
            free(trj.s);
        if (dvt.s != dv.s)
            free(dvt.s);
    }
    evc_parser_stats ps;
    evc_parser_stats_get(p, &ps);
    printf("model: %d labels, %zu features, %zu weights, %.2f MB\n", ps.labels,
           ps.features, ps.weights, ps.bytes / 1048576.0);
    if (test) {
        test_ctx ctx = {p};
        each_name(test, test_one, &ctx);
    }
    if (mout) {
        FILE *f = fopen(mout, "wb");
        evc_bw w;
        evc_bw_init(&w, f);
        if (!f || evc_parser_save(p, &w) || fclose(f)) {
            fprintf(stderr, "parse_train: cannot write %s\n", mout);
            return 1;
        }
        fprintf(stderr, "wrote %s\n", mout);
    }
    evc_parser_free(p);
    evc_tagger_free(tagger);
    free(tr.s);
    free(dv.s);
    evc_arena_free(a);
    return 0;
}
