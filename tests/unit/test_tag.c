/* test_tag.c: the tagger and lemmatizer (src/tag): training on a small slice
 * of UD English EWT, accuracy above a floor, deterministic model bytes, the
 * save/load round trip, corrupt and truncated models, and lemma rules; the
 * word-class lexicon from small word-list and WordNet files written here. */
#include "tag/tag.h"
#include "tag/weights.h"
#include "tag/wordlex.h"
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EWT SHARED "/data/ud/UD_English-EWT/"

/* Up to max sentences of path, strings in a. */
static evc_sentence *read_slice(const char *path, evc_arena *a, size_t max,
                                size_t *n)
{
    *n = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    evc_conllu_reader *r;
    evc_error err = {0};
    evc_sentence *s = malloc(max * sizeof *s);
    if (!s || evc_conllu_reader_open(f, path, &r, &err) != EVC_OK) {
        free(s);
        fclose(f);
        return NULL;
    }
    while (*n < max && evc_conllu_reader_next(r, a, &s[*n], &err) == EVC_OK)
        (*n)++;
    evc_conllu_reader_close(r);
    fclose(f);
    return s;
}

/* The saved bytes of t (malloc'd). */
static unsigned char *save(const evc_tagger *t, size_t *len)
{
    FILE *f = tmpfile();
    evc_bw w;
    evc_bw_init(&w, f);
    CHECK_INT(evc_tagger_save(t, &w), EVC_OK);
    *len = (size_t)ftell(f);
    unsigned char *buf = malloc(*len ? *len : 1);
    rewind(f);
    CHECK(fread(buf, 1, *len, f) == *len);
    fclose(f);
    return buf;
}

static evc_status load(const unsigned char *buf, size_t len, evc_tagger **t,
                       evc_error *err)
{
    evc_br r;
    evc_br_init(&r, buf, len);
    return evc_tagger_load(&r, t, err);
}

/* Tags copies of gold[0..n) with t; returns the tagged copies. */
static evc_sentence *tag_copies(const evc_tagger *t, const evc_sentence *gold,
                                size_t n, evc_arena *a)
{
    evc_sentence *out = evc_arena_alloc(a, n * sizeof *out);
    for (size_t k = 0; k < n; k++) {
        out[k] = gold[k];
        size_t bytes = (size_t)(gold[k].ntok + 1) * sizeof(evc_token);
        out[k].tok = evc_arena_alloc(a, bytes);
        memcpy(out[k].tok, gold[k].tok, bytes);
        evc_tagger_tag(t, &out[k], a);
    }
    return out;
}

static int same_tags(const evc_sentence *x, const evc_sentence *y, size_t n)
{
    for (size_t k = 0; k < n; k++)
        for (int i = 1; i <= x[k].ntok; i++)
            if (strcmp(x[k].tok[i].upos, y[k].tok[i].upos) ||
                strcmp(x[k].tok[i].xpos, y[k].tok[i].xpos) ||
                strcmp(x[k].tok[i].lemma, y[k].tok[i].lemma))
                return 0;
    return 1;
}

static void test_train_save_load(void)
{
    evc_arena *a = evc_arena_new(1 << 20);
    size_t ntrain, ndev;
    evc_sentence *train = read_slice(EWT "en_ewt-ud-train.conllu", a, 500,
                                     &ntrain);
    evc_sentence *dev = read_slice(EWT "en_ewt-ud-dev.conllu", a, 300, &ndev);
    CHECK(train && ntrain == 500);
    CHECK(dev && ndev == 300);
    if (!train || !dev || ntrain < 500 || ndev < 300)
        return;

    evc_tag_train_opts o;
    evc_tag_train_opts_default(&o);
    o.epochs = 2;
    o.folds = 2;
    o.fold_epochs = 1;
    o.seed = 7;
    /* the same model whatever word lists the machine has installed */
    o.wordlist = "";
    o.wordnet = "";
    evc_tagger *t1 = NULL, *t2 = NULL, *t3 = NULL;
    evc_error err = {0};
    CHECK_INT(evc_tagger_train(train, ntrain, dev, ndev, &o, &t1, &err),
              EVC_OK);
    CHECK_INT(evc_tagger_train(train, ntrain, dev, ndev, &o, &t2, &err),
              EVC_OK);
    if (!t1 || !t2)
        return;

    /* Above a floor even from 500 sentences (about 8,000 tokens). */
    evc_tag_eval ev = {0};
    evc_tagger_eval(t1, dev, ndev, &ev);
    CHECK(ev.tokens > 3000);
    CHECK(ev.upos * 100 > ev.tokens * 80);
    CHECK(ev.xpos * 100 > ev.tokens * 75);
    CHECK(ev.lemma * 100 > ev.tokens * 85);
    /* a trivial sentence comes out right */
    evc_token tok[5] = {{.form = "ROOT"}, {.form = "I"}, {.form = "like"},
                        {.form = "cats"}, {.form = "."}};
    evc_sentence s = {.ntok = 4, .tok = tok};
    evc_tagger_tag(t1, &s, a);
    CHECK_STR(tok[1].upos, "PRON");
    CHECK_STR(tok[3].upos, "NOUN");
    CHECK_STR(tok[3].xpos, "NNS");
    CHECK_STR(tok[3].lemma, "cat");
    CHECK_STR(tok[4].upos, "PUNCT");

    /* Deterministic: same data, options and seed give the same bytes. */
    size_t len1, len2;
    unsigned char *b1 = save(t1, &len1), *b2 = save(t2, &len2);
    CHECK(len1 > 1000);
    CHECK(len1 == len2 && memcmp(b1, b2, len1) == 0);
    /* A different seed gives another model. */
    o.seed = 8;
    CHECK_INT(evc_tagger_train(train, ntrain, NULL, 0, &o, &t3, &err), EVC_OK);
    size_t len3;
    unsigned char *b3 = t3 ? save(t3, &len3) : NULL;
    CHECK(b3 && (len3 != len1 || memcmp(b1, b3, len1) != 0));

    /* Round trip: the loaded model tags exactly as the trained one. */
    evc_tagger *back = NULL;
    CHECK_INT(load(b1, len1, &back, &err), EVC_OK);
    if (back) {
        evc_sentence *x = tag_copies(t1, dev, ndev, a);
        evc_sentence *y = tag_copies(back, dev, ndev, a);
        CHECK(same_tags(x, y, ndev));
        /* exact tagging (both passes score every token) agrees with the
         * default's early second-pass decisions on nearly every token, and
         * the default comes back */
        evc_tagger_set_exact(back, 1);
        evc_sentence *z = tag_copies(back, dev, ndev, a);
        long tokens = 0, same = 0;
        for (size_t k = 0; k < ndev; k++)
            for (int i = 1; i <= x[k].ntok; i++) {
                tokens++;
                same += !strcmp(x[k].tok[i].xpos, z[k].tok[i].xpos) &&
                        !strcmp(x[k].tok[i].upos, z[k].tok[i].upos);
            }
        printf("early second pass: %ld of %ld tags as exact tagging\n", same,
               tokens);
        CHECK(tokens > 3000 && same >= 99 * tokens / 100);
        evc_tagger_set_exact(back, 0);
        CHECK(same_tags(x, tag_copies(back, dev, ndev, a), ndev));
        size_t lenb;
        unsigned char *bb = save(back, &lenb);
        CHECK(lenb == len1 && memcmp(bb, b1, len1) == 0);
        free(bb);
    }
    evc_tagger_free(back);

    /* A flipped byte anywhere -> an error (CRC or consistency), no crash. */
    for (size_t k = 0; k < 40; k++) {
        size_t pos = (len1 - 1) * k / 39;
        b1[pos] ^= 0x20;
        evc_tagger *bad = NULL;
        err.message[0] = 0;
        evc_status st = load(b1, len1, &bad, &err);
        CHECK_INT(st, EVC_ERR_SYNTAX);
        CHECK(bad == NULL);
        CHECK(strncmp(err.message, "tagger model: ", 14) == 0);
        evc_tagger_free(bad);
        b1[pos] ^= 0x20;
    }
    /* damage that no consistency check sees is named by the checksum
     * (here the stored checksum itself: weights may sit anywhere) */
    b1[len1 - 1] ^= 0x01;
    CHECK_INT(load(b1, len1, &back, &err), EVC_ERR_SYNTAX);
    CHECK(strstr(err.message, "checksum") != NULL);
    b1[len1 - 1] ^= 0x01;
    /* Truncated anywhere -> an error. */
    for (size_t k = 0; k < 40; k++) {
        size_t cut = (len1 - 1) * k / 39;
        evc_tagger *bad = NULL;
        CHECK_INT(load(b1, cut, &bad, &err), EVC_ERR_SYNTAX);
        CHECK(bad == NULL);
    }
    CHECK(strstr(err.message, "truncated") != NULL);
    /* intact again */
    CHECK_INT(load(b1, len1, &back, &err), EVC_OK);
    evc_tagger_free(back);

    free(b1);
    free(b2);
    free(b3);
    evc_tagger_free(t1);
    evc_tagger_free(t2);
    evc_tagger_free(t3);
    free(train);
    free(dev);
    evc_arena_free(a);
}

/* 200 EWT training sentences (strings in a) and the options of a quick
 * one-pass, one-epoch tagger; NULL when the data cannot be read. */
static evc_sentence *quick_setup(evc_arena *a, size_t *n,
                                 evc_tag_train_opts *o)
{
    evc_sentence *train = read_slice(EWT "en_ewt-ud-train.conllu", a, 200, n);
    CHECK(train && *n == 200);
    evc_tag_train_opts_default(o);
    o->epochs = 1;
    o->passes = 1;
    if (train && *n < 200) {
        free(train);
        train = NULL;
    }
    return train;
}

/* Long sentences (past the stack buffers), empty ones, no arena. */
static void test_edges(void)
{
    evc_arena *a = evc_arena_new(1 << 20);
    size_t n;
    evc_tag_train_opts o;
    evc_sentence *train = quick_setup(a, &n, &o);
    if (!train)
        return;
    evc_tagger *t = NULL, *none = (evc_tagger *)&o;
    evc_error err = {0};
    CHECK_INT(evc_tagger_train(NULL, 0, NULL, 0, &o, &none, &err), EVC_ERR_ARG);
    CHECK(none == NULL);
    CHECK(strstr(err.message, "no training sentences") != NULL);
    CHECK_INT(evc_tagger_train(train, n, NULL, 0, &o, &t, &err), EVC_OK);
    if (!t)
        return;
    enum { LONG = 1000 };
    evc_token *tok = calloc(LONG + 1, sizeof *tok);
    static const char *words[] = {"the", "dog", "barked", "loudly", ",",
                                  "and", "cats", "ran", "away", "."};
    for (int i = 1; i <= LONG; i++)
        tok[i].form = words[(i - 1) % 10];
    evc_sentence s = {.ntok = LONG, .tok = tok};
    evc_tagger_tag(t, &s, a);
    int ok = 1;
    for (int i = 1; i <= LONG; i++)
        ok &= tok[i].upos && tok[i].xpos && tok[i].lemma;
    CHECK(ok);
    CHECK_STR(tok[1].upos, "DET");
    CHECK_STR(tok[LONG].upos, "PUNCT");
    const char *u1 = tok[2].upos;
    for (int i = 1; i <= LONG; i++)
        tok[i].upos = NULL;
    evc_tagger_tag(t, &s, NULL); /* no arena: malloc'd scratch */
    CHECK_STR(tok[2].upos, u1);
    CHECK_STR(tok[7].lemma, "cats"); /* no arena: lemma left as the form */
    evc_sentence empty = {.ntok = 0, .tok = tok};
    evc_tagger_tag(t, &empty, a);
    /* odd forms: empty, NULL, non-ASCII, very long */
    static char longw[2000];
    memset(longw, 'a', sizeof longw - 1);
    evc_token odd[5] = {{.form = "ROOT"}, {.form = ""}, {.form = NULL},
                        {.form = "\xc3\xa9t\xc3\xa9"}, {.form = longw}};
    evc_sentence so = {.ntok = 4, .tok = odd};
    evc_tagger_tag(t, &so, a);
    CHECK(odd[1].upos && odd[2].upos && odd[3].upos && odd[4].upos);
    CHECK(odd[4].lemma == longw);
    evc_tagger_free(t);
    evc_tagger_free(NULL);
    free(tok);
    free(train);
    evc_arena_free(a);
}

static void test_lemmas(void)
{
    evc_arena *a = evc_arena_new(1 << 20);
    size_t n;
    evc_sentence *train = read_slice(EWT "en_ewt-ud-train.conllu", a, 20000,
                                     &n);
    CHECK(train && n > 12000);
    if (!train)
        return;
    evc_lemmatizer *l = NULL;
    evc_error err = {0};
    CHECK_INT(evc_lemmatizer_train(train, n, &l, &err), EVC_OK);
    if (!l)
        return;
#define LEM(form, upos, xpos, want) \
    CHECK_STR(evc_lemmatizer_lemma(l, form, upos, xpos, a), want)
    /* irregular forms from the exception dictionary */
    LEM("went", "VERB", "VBD", "go");
    LEM("Went", "VERB", "VBD", "go");
    LEM("better", "ADJ", "JJR", "good");
    LEM("children", "NOUN", "NNS", "child");
    LEM("was", "AUX", "VBD", "be");
    LEM("n't", "PART", "RB", "not");
    LEM("him", "PRON", "PRP", "he");
    /* regular forms: suffix rules */
    LEM("studies", "NOUN", "NNS", "study");
    LEM("studies", "VERB", "VBZ", "study");
    LEM("cats", "NOUN", "NNS", "cat");
    LEM("The", "DET", "DT", "the");
    LEM("It", "PRON", "PRP", "it");
    LEM("i", "PRON", "PRP", "I");
    /* unseen words take the rule of their suffix */
    LEM("zorbifies", "VERB", "VBZ", "zorbify");
    LEM("blorking", "VERB", "VBG", "blork");
    LEM("flimbles", "NOUN", "NNS", "flimble");
    LEM("Zanzibar", "PROPN", "NNP", "Zanzibar");
    LEM("42", "NUM", "CD", "42");
    /* the form itself comes back when nothing changes, unchanged pointer */
    const char *w = "table";
    CHECK(evc_lemmatizer_lemma(l, w, "NOUN", "NN", a) == w);
    /* no arena: forms that would change are left as they are */
    CHECK_STR(evc_lemmatizer_lemma(l, "went", "VERB", "VBD", NULL), "went");
#undef LEM
    /* save/load round trip */
    FILE *f = tmpfile();
    evc_bw bw;
    evc_bw_init(&bw, f);
    evc_lemmatizer_save(l, &bw);
    CHECK_INT(bw.err, 0);
    size_t len = (size_t)ftell(f);
    unsigned char *buf = malloc(len);
    rewind(f);
    CHECK(fread(buf, 1, len, f) == len);
    fclose(f);
    evc_br r;
    evc_br_init(&r, buf, len);
    evc_lemmatizer *back = evc_lemmatizer_load(&r);
    CHECK(back && !r.err && r.p == r.end);
    if (back)
        CHECK_STR(evc_lemmatizer_lemma(back, "children", "NOUN", "NNS", a),
                  "child");
    evc_lemmatizer_free(back);
    evc_br_init(&r, buf, len / 2);
    CHECK(evc_lemmatizer_load(&r) == NULL && r.err);
    free(buf);
    evc_lemmatizer_free(l);
    free(train);
    evc_arena_free(a);
}

/* ---------------------------------------------------------------- word classes */

static char dir[64];
static char words[128];

static void write_file(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void make_files(void)
{
    snprintf(dir, sizeof dir, "/tmp/evc_wordlex_XXXXXX");
    CHECK(mkdtemp(dir) != NULL);
    snprintf(words, sizeof words, "%s/words", dir);
    write_file("words", "Paris\ncat\ncats\ncat's\nrun\nrunning\nstopped\n"
                        "quick\nquicker\nbetter\nJohn\nxylophone\n");
    write_file("index.noun",
               "  1 This software and database is being provided\n"
               "cat n 8 3 @ ~ %p 8 1 02121620\n"
               "paris n 2 1 @ 2 0 01\n"
               "run n 16 1 @ 16 0 01\n"
               "ice_cream n 1 1 @ 1 0 01\n");
    write_file("index.verb", "run v 41 1 @ 41 0 01\nstop v 9 1 @ 9 0 01\n");
    write_file("index.adj", "quick a 5 1 & 5 0 01\ngood a 21 1 & 21 0 01\n");
    write_file("index.adv", "quick r 1 1 \\ 1 0 01\n");
    write_file("noun.exc", "mice mouse\n");
    write_file("verb.exc", "ran run\nrunning run\n");
    write_file("adj.exc", "better good\n");
}

static void remove_files(void)
{
    static const char *names[] = {"words", "index.noun", "index.verb",
                                  "index.adj", "index.adv", "noun.exc",
                                  "verb.exc", "adj.exc"};
    char path[256];
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[k]);
        remove(path);
    }
    rmdir(dir);
}

static uint32_t cls(const evc_wordlex *l, const char *w)
{
    return evc_wordlex_get(l, evc_tag_lower_hash_n(w, strlen(w)));
}

static unsigned char *save_lex(const evc_wordlex *l, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    evc_bw w;
    evc_bw_init(&w, f);
    evc_wordlex_save(l, &w);
    CHECK(!w.err);
    fclose(f);
    return (unsigned char *)buf;
}

static void test_classes(void)
{
    evc_wordlex *l = NULL;
    evc_error err = {0};
    CHECK_INT(evc_wordlex_build(words, dir, &l, &err), EVC_OK);
    CHECK(l != NULL);
    if (!l)
        return;
    /* Paris: a name in the word list and a WordNet noun; "cat's" and
     * "ice_cream" are not words here */
    CHECK_INT(cls(l, "paris") & 0x7ff, EVC_WL_CAP | EVC_WL_NOUN);
    CHECK_INT(cls(l, "Paris"), cls(l, "paris"));
    CHECK_INT(cls(l, "cat") & 0x7ff, EVC_WL_LOWER | EVC_WL_NOUN);
    CHECK_INT(cls(l, "cats") & 0x7ff, EVC_WL_LOWER | EVC_WL_NPL);
    CHECK_INT(cls(l, "cat's"), 0);
    CHECK_INT(cls(l, "ice_cream"), 0);
    CHECK_INT(cls(l, "unheard"), 0);
    /* run: noun and verb, more verb senses */
    CHECK_INT(cls(l, "run"), EVC_WL_LOWER | EVC_WL_NOUN | EVC_WL_VERB |
                                 1 << EVC_WL_DOM_SHIFT);
    /* suffix rules and exception lists */
    CHECK(cls(l, "running") & EVC_WL_VING);
    CHECK(cls(l, "ran") & EVC_WL_VED);
    CHECK(cls(l, "stopped") & EVC_WL_VED);
    CHECK(cls(l, "quicker") & EVC_WL_ADJCMP);
    CHECK(cls(l, "better") & EVC_WL_ADJCMP);
    CHECK(cls(l, "mice") & EVC_WL_NPL);
    CHECK_INT(cls(l, "quick") >> EVC_WL_DOM_SHIFT, 2);
    size_t n = evc_wordlex_size(l);
    CHECK(n >= 14 && n <= 20);

    /* Round trip, and determinism of the build. */
    size_t len, len2;
    unsigned char *b = save_lex(l, &len);
    CHECK_INT(len, 4 + 6 * n);
    evc_wordlex *l2 = NULL;
    CHECK_INT(evc_wordlex_build(words, dir, &l2, &err), EVC_OK);
    unsigned char *b2 = save_lex(l2, &len2);
    CHECK(len2 == len && memcmp(b, b2, len) == 0);
    evc_wordlex_free(l2);
    free(b2);
    evc_br r;
    evc_br_init(&r, b, len);
    CHECK_INT(evc_wordlex_load(&r, &l2), 0);
    CHECK(l2 && evc_wordlex_size(l2) == n);
    if (l2) {
        CHECK_INT(cls(l2, "running"), cls(l, "running"));
        CHECK_INT(cls(l2, "paris"), cls(l, "paris"));
        CHECK_INT(cls(l2, "unheard"), 0);
    }
    evc_wordlex_free(l2);
    /* truncated: an error, no lexicon */
    for (size_t cut = 0; cut < len; cut += 5) {
        evc_br_init(&r, b, cut);
        l2 = (evc_wordlex *)1;
        CHECK_INT(evc_wordlex_load(&r, &l2), -1);
        CHECK(l2 == NULL && r.err);
    }
    /* keys out of order: an error */
    unsigned char tmp[6];
    memcpy(tmp, b + 4, 6);
    memcpy(b + 4, b + 10, 6);
    memcpy(b + 10, tmp, 6);
    evc_br_init(&r, b, len);
    CHECK_INT(evc_wordlex_load(&r, &l2), -1);
    CHECK(l2 == NULL);
    free(b);
    evc_wordlex_free(l);

    /* Missing or no files: no lexicon, and no error. */
    l = (evc_wordlex *)1;
    CHECK_INT(evc_wordlex_build("/nonexistent/words", "/nonexistent", &l, &err),
              EVC_OK);
    CHECK(l == NULL);
    CHECK_INT(evc_wordlex_build("", "", &l, &err), EVC_OK);
    CHECK(l == NULL);
    CHECK_INT(evc_wordlex_build(NULL, NULL, &l, &err), EVC_OK);
    CHECK(l == NULL);
    CHECK_INT(cls(NULL, "cat"), 0);
    b = save_lex(NULL, &len);
    CHECK_INT(len, 4);
    evc_br_init(&r, b, len);
    l = (evc_wordlex *)1;
    CHECK_INT(evc_wordlex_load(&r, &l), 0);
    CHECK(l == NULL);
    free(b);
}

/* A tagger records whether it had the lexicon, and a saved one keeps it. */
static void test_tagger_with_lexicon(void)
{
    evc_arena *a = evc_arena_new(1 << 20);
    size_t n;
    evc_tag_train_opts o;
    evc_sentence *train = quick_setup(a, &n, &o);
    if (!train)
        return;
    o.wordlist = "";
    o.wordnet = "";
    evc_tagger *off = NULL, *on = NULL, *back = NULL;
    evc_error err = {0};
    CHECK_INT(evc_tagger_train(train, n, NULL, 0, &o, &off, &err), EVC_OK);
    o.wordlist = words;
    o.wordnet = dir;
    CHECK_INT(evc_tagger_train(train, n, NULL, 0, &o, &on, &err), EVC_OK);
    if (off && on) {
        evc_tagger_stats s;
        evc_tagger_stats_get(off, &s);
        CHECK_INT(s.word_classes, 0);
        evc_tagger_stats_get(on, &s);
        CHECK(s.word_classes >= 14);
        size_t len;
        unsigned char *b = save(on, &len);
        evc_br r;
        evc_br_init(&r, b, len);
        CHECK_INT(evc_tagger_load(&r, &back, &err), EVC_OK);
        if (back) {
            evc_tagger_stats_get(back, &s);
            CHECK(s.word_classes >= 14);
            size_t len2;
            unsigned char *b2 = save(back, &len2);
            CHECK(len2 == len && memcmp(b, b2, len) == 0);
            free(b2);
        }
        /* damage anywhere, the lexicon included: an error, no crash */
        for (size_t k = 0; k < 60; k++) {
            size_t pos = (len - 1) * k / 59;
            evc_tagger *bad = NULL;
            b[pos] ^= 0x40;
            evc_br_init(&r, b, len);
            CHECK_INT(evc_tagger_load(&r, &bad, &err), EVC_ERR_SYNTAX);
            CHECK(bad == NULL);
            b[pos] ^= 0x40;
        }
        free(b);
    }
    evc_tagger_free(off);
    evc_tagger_free(on);
    evc_tagger_free(back);
    free(train);
    evc_arena_free(a);
}

/* The lookup table over two passes' compiled weights gives each feature's
 * weights as the weights themselves list them, whether it keeps them as
 * entries (a few classes) or as a dense row (many). */
static void test_wtable_rows(void)
{
    enum { NCLASS = 40, NFEAT = 3 };
    const uint64_t keys[NFEAT] = {0x1234567890abcdefULL, 0x7777000011112222ULL,
                                  0x0123456789abcdefULL};
    evc_tag_weights *w[2];
    for (int p = 0; p < 2; p++) {
        evc_tag_wtrain *tr = evc_tag_wtrain_new(NCLASS);
        CHECK(tr != NULL);
        if (!tr)
            return;
        /* feature 0: weights for every class; feature 1: for two; feature 2:
         * for every class in pass 0, for two in pass 1 */
        for (int c = 0; c < NCLASS; c++) {
            uint64_t f[2] = {keys[0], keys[2]};
            CHECK(evc_tag_wtrain_update(tr, f, p ? 1 : 2, c,
                                        (c * 7 + 3) % NCLASS) == 0);
            evc_tag_wtrain_tick(tr);
        }
        for (int r = 0; r < 3 + p; r++) {
            uint64_t f[2] = {keys[1], keys[2]};
            CHECK(evc_tag_wtrain_update(tr, f, 1 + p, 5, 9) == 0);
            evc_tag_wtrain_tick(tr);
        }
        w[p] = evc_tag_wtrain_compile(tr, 0.0f);
        evc_tag_wtrain_free(tr);
        CHECK(w[p] != NULL);
        if (!w[p])
            return;
    }
    evc_tag_wtable wt = {0};
    CHECK(evc_tag_wtable_build(&wt, w, 2) == 0);
    CHECK(wt.npad == 48);
    int dense = 0, sparse = 0;
    for (int p = 0; p < 2; p++) {
        size_t o = 1;
        for (uint32_t k = 0; k < w[p]->nfeat; k++) {
            int32_t want[256] = {0}, got[256] = {0};
            uint32_t c = w[p]->ent[o];
            for (uint32_t j = 0; j < c; j++) {
                uint32_t e = w[p]->ent[o + 1 + j];
                want[e & 0xff] += (int16_t)(uint16_t)(e >> 16);
            }
            o += 1 + c;
            uint32_t off = evc_tag_wtable_find(&wt, w[p]->keys[k]);
            CHECK(off != 0);
            if (!off)
                continue;
            evc_tag_wtable_add(&wt, p, off, got);
            if (wt.ent[off] >> (16 + p) & 1)
                dense++;
            else
                sparse++;
            CHECK(memcmp(want, got, sizeof want) == 0);
        }
    }
    /* feature 0 in both passes and feature 2 in pass 0 are dense */
    CHECK_INT(dense, 3);
    CHECK_INT(sparse, 3);
    evc_tag_wtable_free(&wt);
    evc_tag_weights_free(w[0]);
    evc_tag_weights_free(w[1]);
}

int main(void)
{
    make_files();
    test_classes();
    test_tagger_with_lexicon();
    remove_files();
    test_lemmas();
    test_edges();
    test_train_save_load();
    test_wtable_rows();
    TEST_DONE();
}
