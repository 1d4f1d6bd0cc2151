/* tag.h: the tagging stage: UPOS, Penn XPOS and lemma for given tokens.
 * Two greedy averaged-perceptron passes over joint UPOS|XPOS labels, plus a
 * lemmatizer of learned edit scripts; both trained on UD CoNLL-U. */
#ifndef EVC_TAG_H
#define EVC_TAG_H

#include "evcode.h"
#include "util/bio.h"

#include <stdint.h>
#include <stdio.h>

/* ---------------------------------------------------------------- tagger */

typedef struct evc_tagger evc_tagger;

typedef struct evc_tag_train_opts {
    int epochs;      /* passes over the training data; 0 = default (8) */
    uint32_t seed;   /* shuffling order; same data and seed -> same model */
    FILE *verbose;   /* progress (one line per epoch), or NULL */
    /* The rest are tuning knobs; 0 picks the default. */
    float prune;     /* drop averaged weights with |w| < prune (1.0:
                        half the model of 0.5 for 0.07 points of UPOS on EWT
                        dev, and faster; the room goes to the parser) */
    int lex_min;     /* min count of a word for its tag set feature (20) */
    int unamb_min;   /* min count of a word to be tagged by lookup when one
                        label has >= 99% of its uses (30; < 0 = never) */
    int best_epoch;  /* 1 = keep the epoch best on dev (default), -1 = last */
    uint64_t templates; /* bit mask of feature templates (all) */
    int passes;      /* 2 (default): a second pass sees the first pass's
                        labels of the next words; 1: one pass */
    int folds;       /* jackknife folds for the second pass's training (4) */
    int fold_epochs; /* epochs of each jackknife model (4) */
    int first_r2l;   /* with 2 passes: 1 (default) runs the first right to
                        left, so the passes see the sentence from both sides;
                        -1 runs both left to right */
    /* Word classes for features, embedded in the model: a word list (one
     * word a line; default the Debian wamerican file) and a WordNet 3.0
     * dictionary directory (default Debian's wordnet-base). NULL picks the
     * default, "" none; missing files turn the feature off. */
    const char *wordlist, *wordnet;
} evc_tag_train_opts;

void evc_tag_train_opts_default(evc_tag_train_opts *o);

/* Trains on gold UPOS, XPOS and LEMMA of train[0..ntrain). dev may be NULL
 * (ndev 0); with it, accuracy is reported per epoch and the best epoch is
 * kept. opts may be NULL. The sentences are only read; *out is the caller's
 * to free. Deterministic: same data, order and opts give the same model. */
evc_status evc_tagger_train(const evc_sentence *train, size_t ntrain,
                            const evc_sentence *dev, size_t ndev,
                            const evc_tag_train_opts *opts, evc_tagger **out,
                            evc_error *err);

/* Fills upos, xpos and lemma of s->tok[1..ntok] from their forms. upos and
 * xpos point into the model; a lemma is the form itself or a string built
 * in arena a (with a == NULL lemmas that differ from the form are left as
 * the form). Sentences longer than 256 tokens take one scratch block from a
 * (or malloc when a is NULL). The model is read-only: threads may share it. */
void evc_tagger_tag(const evc_tagger *t, evc_sentence *s, evc_arena *a);
/* By default the second pass keeps the first pass's label where that
 * leads the next by more than the first pass's largest weight, without
 * scoring it: two thirds of what it would score on EWT dev, with the same
 * tags there. exact = 1 scores every token in both passes; 0 restores the
 * default. Call before tagging starts: the tagger is shared. */
void evc_tagger_set_exact(evc_tagger *t, int exact);

/* Writes the model at the writer's position (errors are sticky in w->err;
 * the return value repeats them as EVC_ERR_IO). The section ends with the
 * writer's running CRC, which load checks. */
evc_status evc_tagger_save(const evc_tagger *t, evc_bw *w);
/* Reads what evc_tagger_save wrote; a truncated, corrupt or inconsistent
 * section gives EVC_ERR_SYNTAX with the reason, never a crash. */
evc_status evc_tagger_load(evc_br *r, evc_tagger **out, evc_error *err);
void evc_tagger_free(evc_tagger *t); /* NULL is a no-op */

/* Drops the weights whose |average| is below min_abs (a smaller, faster,
 * slightly less accurate model); the tagger must not be in use. */
evc_status evc_tagger_prune(evc_tagger *t, float min_abs);

/* Sizes for reports. */
typedef struct evc_tagger_stats {
    int labels;          /* UPOS|XPOS pairs */
    size_t features;     /* weighted features kept */
    size_t weights;      /* (feature, label) weights kept */
    size_t lexicon;      /* words with a known tag set */
    size_t lemma_entries;/* lemma rules + exceptions */
    size_t word_classes; /* words of the word-class lexicon (0: not used) */
    size_t file_bytes;   /* size of the saved section */
} evc_tagger_stats;
void evc_tagger_stats_get(const evc_tagger *t, evc_tagger_stats *out);

/* Token accuracy of t on gold sentences (gold tokens): UPOS, XPOS, both, and
 * lemma (compared case-sensitively). Counts are added to the totals. */
typedef struct evc_tag_eval {
    size_t tokens, upos, xpos, both, lemma;
} evc_tag_eval;
void evc_tagger_eval(const evc_tagger *t, const evc_sentence *gold, size_t n,
                     evc_tag_eval *acc);

/* ---------------------------------------------------------------- lemmas */

typedef struct evc_lemmatizer evc_lemmatizer;

/* Learns edit scripts from the gold (FORM, UPOS, XPOS, LEMMA) of sents. */
evc_status evc_lemmatizer_train(const evc_sentence *sents, size_t nsent,
                                evc_lemmatizer **out, evc_error *err);
/* The lemma of form under its tags (XPOS if given, else UPOS). Returns form
 * itself when the lemma equals it, else a string built in a (form when a
 * is NULL or full). */
const char *evc_lemmatizer_lemma(const evc_lemmatizer *l, const char *form,
                                 const char *upos, const char *xpos,
                                 evc_arena *a);
/* The same with the tag key precomputed by evc_lemma_tag_key. */
uint64_t evc_lemma_tag_key(const char *upos, const char *xpos);
const char *evc_lemmatizer_lemma_k(const evc_lemmatizer *l, const char *form,
                                   uint64_t tag_key, evc_arena *a);
void evc_lemmatizer_save(const evc_lemmatizer *l, evc_bw *w);
/* NULL with r->err set on a bad or truncated section. */
evc_lemmatizer *evc_lemmatizer_load(evc_br *r);
void evc_lemmatizer_free(evc_lemmatizer *l);
/* Number of rules + exceptions (and of distinct scripts). */
size_t evc_lemmatizer_size(const evc_lemmatizer *l, size_t *nscripts);

#endif
