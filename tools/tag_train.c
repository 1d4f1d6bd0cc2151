/* tag_train.c: trains the tagger (src/tag) on UD CoNLL-U files, prints
 * UPOS/XPOS/lemma accuracy on dev and test (gold tokens), training time and
 * model size, and writes the model (the tagger section alone) to a file.
 * Built by hand, not by make (after `make`, which builds the library):
 *   cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc \
 *      tools/tag_train.c build/libevcode.a -lutf8proc -lz -lm -o build/tag_train
 *   build/tag_train --train A.conllu,B.conllu --dev D.conllu[,E.conllu] \
 *      [--test T.conllu] [-o MODEL] [--epochs N] [--seed S] [--prune X]
 *      [--lex-min N] [--unamb-min N] [--last-epoch] [--drop T1,T2,...]
 *      [--passes 1|2] [--folds N] [--fold-epochs N] [--first-r2l 1|-1]
 *      [--wordlist FILE] [--wordnet DIR]  (word classes; "" for none)
 *      [--model MODEL]  (evaluate a saved model instead of training)
 *      [--reprune X]    (drop weights below X before evaluating/writing)
 *      [--dump FILE]    (dev tokens with gold and predicted columns)
 *      [--lemma-only]   (train and score the lemmatizer alone, gold tags)
 *      [--xpos-only]    (experiment: learn XPOS alone, UPOS by lookup) */
#include "tag/tag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

typedef struct corpus {
    evc_sentence *s;
    size_t n, cap;
} corpus;

/* Reads every file of a comma-separated list into c (strings in a). */
static int read_files(const char *list, evc_arena *a, corpus *c)
{
    char *copy = strdup(list);
    int rc = 0;
    for (char *name = strtok(copy, ","); name; name = strtok(NULL, ",")) {
        FILE *f = fopen(name, "rb");
        if (!f) {
            perror(name);
            rc = -1;
            break;
        }
        evc_conllu_reader *r;
        evc_error err = {0};
        if (evc_conllu_reader_open(f, name, &r, &err) != EVC_OK) {
            fprintf(stderr, "%s: %s\n", name, err.message);
            fclose(f);
            rc = -1;
            break;
        }
        for (;;) {
            if (c->n == c->cap) {
                c->cap = c->cap ? c->cap * 2 : 1024;
                c->s = realloc(c->s, c->cap * sizeof *c->s);
                if (!c->s) {
                    rc = -1;
                    break;
                }
            }
            evc_status st = evc_conllu_reader_next(r, a, &c->s[c->n], &err);
            if (st == EVC_END)
                break;
            if (st != EVC_OK) {
                char msg[600];
                evc_error_format(&err, msg, sizeof msg);
                fprintf(stderr, "%s\n", msg);
                rc = -1;
                break;
            }
            c->n++;
        }
        evc_conllu_reader_close(r);
        fclose(f);
        if (rc)
            break;
    }
    free(copy);
    return rc;
}

/* Writes "form gold-upos gold-xpos gold-lemma pred-upos pred-xpos
 * pred-lemma" per token, a blank line per sentence (for error analysis). */
static void dump(const char *path, const evc_tagger *t, const corpus *c)
{
    FILE *f = fopen(path, "w");
    evc_arena *a = evc_arena_new(0);
    if (!f || !a)
        return;
    for (size_t k = 0; k < c->n; k++) {
        const evc_sentence *g = &c->s[k];
        evc_token *tok = malloc((size_t)(g->ntok + 1) * sizeof *tok);
        memcpy(tok, g->tok, (size_t)(g->ntok + 1) * sizeof *tok);
        evc_sentence s = *g;
        s.tok = tok;
        evc_tagger_tag(t, &s, a);
        for (int i = 1; i <= g->ntok; i++)
            fprintf(f, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", g->tok[i].form,
                    g->tok[i].upos, g->tok[i].xpos, g->tok[i].lemma,
                    tok[i].upos, tok[i].xpos, tok[i].lemma);
        fputc('\n', f);
        free(tok);
        evc_arena_reset(a);
    }
    evc_arena_free(a);
    fclose(f);
}

/* Lemma accuracy of the lemmatizer alone, given gold tags. */
static void lemma_report(const char *what, const evc_lemmatizer *l,
                         const corpus *c, FILE *errs)
{
    evc_arena *a = evc_arena_new(0);
    size_t n = 0, ok = 0;
    for (size_t k = 0; k < c->n; k++) {
        const evc_sentence *g = &c->s[k];
        for (int i = 1; i <= g->ntok; i++) {
            const evc_token *x = &g->tok[i];
            const char *lem = evc_lemmatizer_lemma(l, x->form, x->upos,
                                                   x->xpos, a);
            n++;
            if (x->lemma && strcmp(lem, x->lemma) == 0)
                ok++;
            else if (errs)
                fprintf(errs, "%s %s %s gold=%s pred=%s\n", x->form, x->upos,
                        x->xpos, x->lemma, lem);
        }
        evc_arena_reset(a);
    }
    evc_arena_free(a);
    printf("%s: lemma with gold tags %.2f%% of %zu\n", what,
           100.0 * ok / (n ? n : 1), n);
}

/* --xpos-only: the alternative to joint labels, "XPOS, then UPOS": the
 * tagger learns XPOS alone and UPOS is the one most often seen in training
 * with the (lower-cased word, XPOS), else with the XPOS. A small open-
 * addressing table of string keys is enough for this experiment. */
typedef struct upos_count {
    char *key;
    char upos[12][8];
    int n[12];
} upos_count;

#define UTAB 262144
static upos_count *utab;

static unsigned long str_hash(const char *s)
{
    unsigned long h = 5381;
    while (*s)
        h = h * 33 + (unsigned char)*s++;
    return h;
}

static upos_count *ucount(const char *key, int add)
{
    unsigned long i = str_hash(key) % UTAB;
    while (utab[i].key && strcmp(utab[i].key, key) != 0)
        i = (i + 1) % UTAB;
    if (!utab[i].key) {
        if (!add)
            return NULL;
        utab[i].key = strdup(key);
    }
    return &utab[i];
}

static void ucount_add(const char *key, const char *upos)
{
    upos_count *c = ucount(key, 1);
    for (int k = 0; k < 12; k++) {
        if (!c->upos[k][0])
            snprintf(c->upos[k], sizeof c->upos[k], "%s", upos);
        if (!strcmp(c->upos[k], upos)) {
            c->n[k]++;
            return;
        }
    }
}

static const char *ubest(const char *key)
{
    upos_count *c = ucount(key, 0);
    if (!c)
        return NULL;
    int b = 0;
    for (int k = 1; k < 12; k++)
        if (c->n[k] > c->n[b])
            b = k;
    return c->upos[b];
}

static void lower_key(char *buf, size_t n, const char *form, const char *xpos)
{
    snprintf(buf, n, "%s\t%s", form, xpos);
    for (char *p = buf; *p && *p != '\t'; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p += 32;
}

static void xpos_only_prepare(corpus *c)
{
    utab = calloc(UTAB, sizeof *utab);
    char key[512];
    for (size_t k = 0; k < c->n; k++)
        for (int i = 1; i <= c->s[k].ntok; i++) {
            evc_token *t = &c->s[k].tok[i];
            lower_key(key, sizeof key, t->form, t->xpos);
            ucount_add(key, t->upos);
            snprintf(key, sizeof key, "\t%s", t->xpos);
            ucount_add(key, t->upos);
            t->upos = "X";
        }
}

static void xpos_only_report(const char *what, const evc_tagger *t,
                             const corpus *c)
{
    evc_arena *a = evc_arena_new(0);
    size_t n = 0, u = 0, x = 0;
    char key[512];
    for (size_t k = 0; k < c->n; k++) {
        const evc_sentence *g = &c->s[k];
        evc_token *tok = malloc((size_t)(g->ntok + 1) * sizeof *tok);
        memcpy(tok, g->tok, (size_t)(g->ntok + 1) * sizeof *tok);
        evc_sentence s = *g;
        s.tok = tok;
        evc_tagger_tag(t, &s, a);
        for (int i = 1; i <= g->ntok; i++) {
            lower_key(key, sizeof key, tok[i].form, tok[i].xpos);
            const char *up = ubest(key);
            if (!up) {
                snprintf(key, sizeof key, "\t%s", tok[i].xpos);
                up = ubest(key);
            }
            n++;
            u += up && !strcmp(up, g->tok[i].upos);
            x += !strcmp(tok[i].xpos, g->tok[i].xpos);
        }
        free(tok);
        evc_arena_reset(a);
    }
    evc_arena_free(a);
    printf("%s (XPOS, then UPOS by lookup): UPOS %.2f%%, XPOS %.2f%%\n", what,
           100.0 * u / n, 100.0 * x / n);
}

static void report(const char *what, const evc_tagger *t, const corpus *c)
{
    evc_tag_eval ev = {0};
    double t0 = now();
    evc_tagger_eval(t, c->s, c->n, &ev);
    double dt = now() - t0;
    double n = ev.tokens ? (double)ev.tokens : 1;
    printf("%s: %zu tokens, UPOS %.2f%%, XPOS %.2f%%, UPOS+XPOS %.2f%%, "
           "lemma %.2f%% (%.0f tokens/s incl. eval)\n",
           what, ev.tokens, 100 * ev.upos / n, 100 * ev.xpos / n,
           100 * ev.both / n, 100 * ev.lemma / n, ev.tokens / dt);
}

int main(int argc, char **argv)
{
    const char *train = NULL, *dev = NULL, *test = NULL, *outp = NULL,
               *model = NULL,
               *dumpp = NULL;
    int lemma_only = 0, xpos_only = 0;
    float reprune = 0;
    evc_tag_train_opts o;
    evc_tag_train_opts_default(&o);
    o.verbose = stdout;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--xpos-only")) {
            xpos_only = 1;
            continue;
        }
        if (!strcmp(a, "--lemma-only")) {
            lemma_only = 1;
            continue;
        }
        if (!strcmp(a, "--last-epoch")) {
            o.best_epoch = -1;
            continue;
        }
        if (!v) {
            fprintf(stderr, "tag_train: %s needs a value\n", a);
            return 2;
        }
        i++;
        if (!strcmp(a, "--train")) train = v;
        else if (!strcmp(a, "--dev")) dev = v;
        else if (!strcmp(a, "--test")) test = v;
        else if (!strcmp(a, "-o")) outp = v;
        else if (!strcmp(a, "--model")) model = v;
        else if (!strcmp(a, "--dump")) dumpp = v;
        else if (!strcmp(a, "--epochs")) o.epochs = atoi(v);
        else if (!strcmp(a, "--seed")) o.seed = (uint32_t)strtoul(v, NULL, 10);
        else if (!strcmp(a, "--prune")) o.prune = (float)atof(v);
        else if (!strcmp(a, "--reprune")) reprune = (float)atof(v);
        else if (!strcmp(a, "--lex-min")) o.lex_min = atoi(v);
        else if (!strcmp(a, "--unamb-min")) o.unamb_min = atoi(v);
        else if (!strcmp(a, "--passes")) o.passes = atoi(v);
        else if (!strcmp(a, "--folds")) o.folds = atoi(v);
        else if (!strcmp(a, "--fold-epochs")) o.fold_epochs = atoi(v);
        else if (!strcmp(a, "--first-r2l")) o.first_r2l = atoi(v);
        else if (!strcmp(a, "--wordlist")) o.wordlist = v;
        else if (!strcmp(a, "--wordnet")) o.wordnet = v;
        else if (!strcmp(a, "--drop")) {
            char *copy = strdup(v);
            for (char *x = strtok(copy, ","); x; x = strtok(NULL, ","))
                o.templates &= ~(1ULL << atoi(x));
            free(copy);
        } else {
            fprintf(stderr, "tag_train: unknown option %s\n", a);
            return 2;
        }
    }
    if ((!train && !model) || !dev) {
        fprintf(stderr, "usage: tag_train --train A[,B] --dev D[,E] [--test T] "
                        "[-o MODEL] [--model MODEL] [options]\n");
        return 2;
    }
    evc_arena *a = evc_arena_new(1 << 20);
    corpus ctrain = {0}, cdev = {0}, ctest = {0};
    double t0 = now();
    if ((train && read_files(train, a, &ctrain)) || read_files(dev, a, &cdev) ||
        (test && read_files(test, a, &ctest)))
        return 1;
    printf("read %zu train, %zu dev, %zu test sentences in %.2f s\n", ctrain.n,
           cdev.n, ctest.n, now() - t0);
    evc_tagger *t = NULL;
    evc_error err = {0};
    if (lemma_only) {
        evc_lemmatizer *l;
        t0 = now();
        if (evc_lemmatizer_train(ctrain.s, ctrain.n, &l, &err) != EVC_OK)
            return 1;
        size_t nsc, ne = evc_lemmatizer_size(l, &nsc);
        printf("lemmatizer: %zu entries, %zu scripts, trained in %.2f s\n", ne,
               nsc, now() - t0);
        FILE *errs = dumpp ? fopen(dumpp, "w") : NULL;
        lemma_report("dev", l, &cdev, errs);
        if (errs)
            fclose(errs);
        if (test)
            lemma_report("test", l, &ctest, NULL);
        evc_lemmatizer_free(l);
        return 0;
    }
    if (model) {
        FILE *f = fopen(model, "rb");
        if (!f) {
            perror(model);
            return 1;
        }
        fseek(f, 0, SEEK_END);
        long len = ftell(f);
        fseek(f, 0, SEEK_SET);
        void *buf = malloc((size_t)len + 1);
        if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
            fprintf(stderr, "%s: read error\n", model);
            return 1;
        }
        fclose(f);
        t0 = now();
        evc_br r;
        evc_br_init(&r, buf, (size_t)len);
        if (evc_tagger_load(&r, &t, &err) != EVC_OK) {
            fprintf(stderr, "%s: %s\n", model, err.message);
            return 1;
        }
        printf("loaded %s (%ld bytes) in %.3f s\n", model, len, now() - t0);
        free(buf);
    } else {
        if (xpos_only)
            xpos_only_prepare(&ctrain);
        t0 = now();
        if (evc_tagger_train(ctrain.s, ctrain.n, cdev.s, cdev.n, &o, &t,
                             &err) != EVC_OK) {
            fprintf(stderr, "training failed: %s\n", err.message);
            return 1;
        }
        printf("trained in %.1f s\n", now() - t0);
    }
    if (reprune > 0 && evc_tagger_prune(t, reprune) != EVC_OK)
        return 1;
    evc_tagger_stats st;
    evc_tagger_stats_get(t, &st);
    printf("model: %d labels, %zu features, %zu weights, %zu lexicon words, "
           "%zu lemma entries, %zu word classes, about %.2f MB\n",
           st.labels, st.features, st.weights, st.lexicon, st.lemma_entries,
           st.word_classes, st.file_bytes / 1e6);
    if (xpos_only) {
        xpos_only_report("dev", t, &cdev);
        return 0;
    }
    report("dev", t, &cdev);
    if (test)
        report("test", t, &ctest);
    if (dumpp)
        dump(dumpp, t, &cdev);
    if (outp) {
        FILE *f = fopen(outp, "wb");
        if (!f) {
            perror(outp);
            return 1;
        }
        evc_bw w;
        evc_bw_init(&w, f);
        evc_status s = evc_tagger_save(t, &w);
        if (fclose(f) != 0 || s != EVC_OK) {
            fprintf(stderr, "%s: write error\n", outp);
            return 1;
        }
        printf("wrote %s\n", outp);
    }
    evc_tagger_free(t);
    free(ctrain.s);
    free(cdev.s);
    free(ctest.s);
    evc_arena_free(a);
    return 0;
}
