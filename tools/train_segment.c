/* train_segment.c: trains the segmenter's sentence-end model, an averaged
 * perceptron (Collins 2002) over the hashed gap features of src/segment/
 * segment.c, on UD treebanks, and writes it as src/segment/sbd_model.c.
 * Gaps after a paragraph break are left out (they always end a sentence);
 * the others are labeled by the gold sentence ends. Deterministic: the same
 * files and options give the same bytes. Retrain after any change to the
 * tokenizer or the features. Usage (from the repository root):
 *   cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc \
 *      -o /tmp/train_segment tools/train_segment.c src/segment/segment.c \
 *      src/segment/segeval.c src/segment/charclass.c src/segment/sbd_model.c \
 *      src/util/error.c src/util/arena.c -lutf8proc -lm
 *   U=../shared/data/ud
 *   /tmp/train_segment -d $U/UD_English-EWT/en_ewt-ud-dev.conllu \
 *      -d $U/UD_English-GUM/en_gum-ud-dev.lite.conllu \
 *      $U/UD_English-EWT/en_ewt-ud-train.conllu \
 *      $U/UD_English-GUM/en_gum-ud-train.noreddit.lite.conllu \
 *      > /tmp/sbd_model.c && mv /tmp/sbd_model.c src/segment/sbd_model.c
 * Options: -e EPOCHS (5), -p PRUNE (1: weights below it are dropped), -d DEV
 * (prints sentence P/R/F1 on it to stderr). About 10 s on one core. */
#include "segment/sbd.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct example {
    uint32_t feat[EVC_SBD_NFEAT];
    int label; /* +1 a sentence ends here, -1 not */
} example;

typedef struct set {
    example *v;
    size_t n, cap;
} set;

/* feature hash -> weight slot, open addressing */
typedef struct fmap {
    uint32_t *keys;
    double *w, *u; /* weight and its timestamped sum, for averaging */
    size_t size, n;
} fmap;

_Noreturn static void die(const char *msg, const char *what)
{
    fprintf(stderr, "train_segment: %s%s%s\n", msg, what ? ": " : "",
            what ? what : "");
    exit(1);
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die("cannot open", path);
    size_t cap = 1 << 20;
    char *b = malloc(cap);
    *n = 0;
    size_t r;
    while (b && (r = fread(b + *n, 1, cap - *n, f)) > 0) {
        *n += r;
        if (*n == cap) {
            char *nb = realloc(b, cap * 2);
            if (!nb)
                die("out of memory", path);
            b = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (!b)
        die("out of memory", NULL);
    return b;
}

/* Adds the non-forced gaps of a treebank, labeled by its gold ends. */
static void load(const char *path, set *s)
{
    size_t n, tlen, nends, ngaps;
    char *doc = slurp(path, &n), *text;
    size_t *ends;
    evc_sbd_gap *gaps;
    evc_error err = {0};
    if (evc_sbd_gold(doc, n, path, &text, &tlen, &ends, &nends, &err) != EVC_OK ||
        evc_sbd_gaps(text, tlen, &gaps, &ngaps, &err) != EVC_OK) {
        char msg[600];
        evc_error_format(&err, msg, sizeof msg);
        die(msg, path);
    }
    size_t e = 0;
    for (size_t i = 0; i < ngaps; i++) {
        while (e < nends && ends[e] < gaps[i].off)
            e++;
        if (gaps[i].forced)
            continue;
        if (s->n == s->cap) {
            s->cap = s->cap ? s->cap * 2 : 65536;
            s->v = realloc(s->v, s->cap * sizeof *s->v);
            if (!s->v)
                die("out of memory", NULL);
        }
        example *x = &s->v[s->n++];
        memcpy(x->feat, gaps[i].feat, sizeof x->feat);
        x->label = e < nends && ends[e] == gaps[i].off ? 1 : -1;
    }
    free(doc);
    free(text);
    free(ends);
    free(gaps);
}

static size_t slot(fmap *m, uint32_t key)
{
    size_t mask = m->size - 1, i = key & mask;
    while (m->keys[i] && m->keys[i] != key)
        i = (i + 1) & mask;
    return i;
}

static size_t fmap_get(fmap *m, uint32_t key)
{
    size_t i = slot(m, key);
    if (!m->keys[i]) {
        if (2 * (m->n + 1) > m->size)
            die("too many features for the table", NULL);
        m->keys[i] = key;
        m->n++;
    }
    return i;
}

static uint64_t rng = 0x2545f4914f6cdd1dull;

static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static double avg(const fmap *m, size_t i, double c)
{
    return m->w[i] - m->u[i] / c;
}

/* Sentence-end F1 on dev (ends as offsets; a sentence is a pair of
 * consecutive ends), with weights looked up in the final table. */
static double lookup(const uint32_t *keys, const float *w, size_t size,
                     uint32_t key)
{
    size_t mask = size - 1;
    for (size_t i = key & mask;; i = (i + 1) & mask) {
        if (keys[i] == key)
            return w[i];
        if (!keys[i])
            return 0;
    }
}

static void eval_dev(const char *path, const uint32_t *keys, const float *w,
                     size_t size)
{
    size_t n, tlen, nends, ngaps;
    char *doc = slurp(path, &n), *text;
    size_t *ends;
    evc_sbd_gap *gaps;
    evc_error err = {0};
    if (evc_sbd_gold(doc, n, path, &text, &tlen, &ends, &nends, &err) != EVC_OK ||
        evc_sbd_gaps(text, tlen, &gaps, &ngaps, &err) != EVC_OK)
        die("cannot read", path);
    size_t *pred = malloc((ngaps + 1) * sizeof *pred), np = 0;
    if (!pred)
        die("out of memory", NULL);
    for (size_t i = 0; i < ngaps; i++) {
        double s = 0;
        for (int k = 0; k < EVC_SBD_NFEAT; k++)
            s += lookup(keys, w, size, gaps[i].feat[k]);
        if (gaps[i].forced || s > 0)
            pred[np++] = gaps[i].off;
    }
    pred[np++] = tlen;
    /* gold ends may sit past trailing spaces of the text: both end at tlen */
    size_t gi = 0, pi = 0, correct = 0, gprev = (size_t)-1, pprev = (size_t)-1;
    while (gi < nends && pi < np) {
        size_t ge = gi + 1 == nends ? tlen : ends[gi], pe = pred[pi];
        if (ge == pe) {
            correct += gprev == pprev;
            gprev = ge;
            pprev = pe;
            gi++;
            pi++;
        } else if (ge < pe) {
            gprev = ge;
            gi++;
        } else {
            pprev = pe;
            pi++;
        }
    }
    double p = (double)correct / (double)np, r = (double)correct / (double)nends;
    fprintf(stderr, "dev %s: sentences P %.2f R %.2f F1 %.2f\n", path, 100 * p,
            100 * r, p + r > 0 ? 200 * p * r / (p + r) : 0);
    free(pred);
    free(doc);
    free(text);
    free(ends);
    free(gaps);
}

int main(int argc, char **argv)
{
    int epochs = 5;
    double prune = 1;
    const char *dev[16];
    int ndev = 0;
    set train = {0};
    const char *files[64];
    int nfiles = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-e") == 0 && i + 1 < argc)
            epochs = atoi(argv[++i]);
        else if (strcmp(argv[i], "-p") == 0 && i + 1 < argc)
            prune = atof(argv[++i]);
        else if (strcmp(argv[i], "-d") == 0 && i + 1 < argc && ndev < 16)
            dev[ndev++] = argv[++i];
        else if (nfiles < 64)
            files[nfiles++] = argv[i];
    }
    if (!nfiles)
        die("usage: train_segment [-e EPOCHS] [-p PRUNE] [-d DEV]... TRAIN...",
            NULL);
    for (int i = 0; i < nfiles; i++)
        load(files[i], &train);
    fprintf(stderr, "%zu training gaps\n", train.n);

    fmap m = {0};
    m.size = (size_t)1 << 22;
    m.keys = calloc(m.size, sizeof *m.keys);
    m.w = calloc(m.size, sizeof *m.w);
    m.u = calloc(m.size, sizeof *m.u);
    size_t *order = malloc(train.n * sizeof *order);
    if (!m.keys || !m.w || !m.u || !order)
        die("out of memory", NULL);
    for (size_t i = 0; i < train.n; i++)
        order[i] = i;
    double c = 1;
    for (int ep = 0; ep < epochs; ep++) {
        for (size_t i = train.n; i > 1; i--) {
            size_t j = (size_t)(next_rand() % i), t = order[i - 1];
            order[i - 1] = order[j];
            order[j] = t;
        }
        size_t errors = 0;
        for (size_t oi = 0; oi < train.n; oi++) {
            const example *x = &train.v[order[oi]];
            size_t idx[EVC_SBD_NFEAT];
            double s = 0;
            for (int k = 0; k < EVC_SBD_NFEAT; k++) {
                idx[k] = fmap_get(&m, x->feat[k]);
                s += m.w[idx[k]];
            }
            if (s * x->label <= 0) {
                errors++;
                for (int k = 0; k < EVC_SBD_NFEAT; k++) {
                    m.w[idx[k]] += x->label;
                    m.u[idx[k]] += x->label * c;
                }
            }
            c++;
        }
        fprintf(stderr, "epoch %d: %zu errors\n", ep + 1, errors);
    }

    /* keep the weights that matter, in a table at most half full */
    size_t kept = 0;
    for (size_t i = 0; i < m.size; i++)
        if (m.keys[i] && fabs(avg(&m, i, c)) >= prune)
            kept++;
    size_t size = 1024;
    while (size < 2 * kept)
        size *= 2;
    uint32_t *keys = calloc(size, sizeof *keys);
    float *w = calloc(size, sizeof *w);
    if (!keys || !w)
        die("out of memory", NULL);
    for (size_t i = 0; i < m.size; i++) {
        if (!m.keys[i])
            continue;
        double a = avg(&m, i, c);
        if (fabs(a) < prune)
            continue;
        size_t j = m.keys[i] & (size - 1);
        while (keys[j])
            j = (j + 1) & (size - 1);
        keys[j] = m.keys[i];
        w[j] = (float)a;
    }
    fprintf(stderr, "%zu features, %zu kept (|w| >= %g), table of %zu\n", m.n,
            kept, prune, size);
    for (int i = 0; i < ndev; i++)
        eval_dev(dev[i], keys, w, size);

    printf("/* GENERATED by tools/train_segment.c; do not edit. The sentence-end\n"
           " * model of src/segment/segment.c: an averaged perceptron, %d epochs,\n"
           " * weights with |w| >= %g, trained on:\n",
           epochs, prune);
    for (int i = 0; i < nfiles; i++) {
        const char *b = strrchr(files[i], '/');
        printf(" *   %s\n", b ? b + 1 : files[i]);
    }
    printf(" * (Universal Dependencies; see their LICENSE files). %zu gaps,\n"
           " * %zu features kept. Regenerate with the command in the trainer. */\n"
           "#include \"segment/sbd.h\"\n\n"
           "static const evc_sbd_entry table[%zu] = {\n",
           train.n, kept, size);
    for (size_t i = 0; i < size; i++)
        if (keys[i])
            printf("[%zu]={0x%08xu,%.5gf},\n", i, (unsigned)keys[i], (double)w[i]);
    printf("};\n\nconst evc_sbd_model evc_sbd_default = {%zu, table};\n", size);
    free(keys);
    free(w);
    free(m.keys);
    free(m.w);
    free(m.u);
    free(order);
    free(train.v);
    return 0;
}
