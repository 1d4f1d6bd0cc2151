/* parse.h: the dependency parser's API: a labeled arc-hybrid transition
 * parser (Kuhlmann et al. 2011) trained as a greedy averaged perceptron with
 * the dynamic oracle of Goldberg & Nivre (2013) and Zhang & Nivre (2011)
 * rich non-local features. The lead exposes it through evcode.h. */
#ifndef EVC_PARSE_H
#define EVC_PARSE_H

#include "evcode.h"
#include "util/bio.h"

#include <stdint.h>
#include <stdio.h>

typedef struct evc_parser evc_parser;

typedef struct evc_parse_train_opts {
    int epochs;        /* passes over the training data (0 = default, 12) */
    uint64_t seed;     /* shuffling and exploration; same seed, same model */
    FILE *verbose;     /* one progress line per epoch, or NULL for silence */
    /* Knobs for experiments; 0 (or negative) picks the default. */
    double explore;    /* P(follow the model's own move) once exploring (0.9) */
    int explore_from;  /* first epoch (1-based) that explores (2) */
    int max_kb;        /* weight budget in KiB after pruning (15360) */
    int tags;          /* tag atoms: 0 UPOS|XPOS pairs, 1 XPOS, 2 UPOS */
    int runs;          /* trainings with seeds seed, seed + 1, ... whose
                          averaged weights are summed (1: one, and the
                          epoch best on dev is kept) */
    /* Word classes for features (NULL: none). The parser keeps a copy. */
    const struct evc_wclass *classes;
} evc_parse_train_opts;

/* Fills o with the defaults (12 epochs, seed 1, silent). */
void evc_parse_train_opts_default(evc_parse_train_opts *o);

/* Trains a parser on gold trees (heads, deprels, UPOS, XPOS, forms of
 * train[0..ntrain)); dev (may be NULL/0) picks the best epoch by LAS.
 * Give train the tags the tagger will give at parse time (jackknifed: each
 * part tagged by a tagger trained on the rest) and dev predicted tags: a
 * parser trained on gold tags loses about 3 UAS on predicted ones.
 * Non-projective trees are made projective by lifting (Nivre & Nilsson
 * 2005, without label encoding) before training. The sentences are only
 * read. *out is owned by the caller (evc_parser_free). Deterministic: the
 * same data, options and seed give the same saved bytes. */
evc_status evc_parser_train(const evc_sentence *train, size_t ntrain,
                            const evc_sentence *dev, size_t ndev,
                            const evc_parse_train_opts *opts,
                            evc_parser **out, evc_error *err);

/* Predicts tok[1..ntok].head and .deprel from form, UPOS and XPOS. The
 * deprel strings belong to the parser (valid until evc_parser_free). The
 * result is always a tree: one token attached to 0 with "root", no cycles.
 * Scratch memory comes from `a` (about 80 bytes per token); the parser is
 * read-only, so threads may share it, each with its own arena. */
evc_status evc_parser_parse(const evc_parser *p, evc_sentence *s,
                            evc_arena *a);

/* By default a move whose templates without words already put it far
 * ahead of every other is taken without looking up the templates with
 * words (parser.c, decode): faster, and on EWT dev the same UAS and LAS.
 * exact = 1 scores every move with all its features, exact = 0 restores
 * the default. Call it before parsing starts: the parser is shared. */
void evc_parser_set_exact(evc_parser *p, int exact);

/* The decoder keeps the k best paths (beam search, parser.c) instead of
 * one: k = 1 is greedy decoding, k is capped at EVC_PARSE_MAX_BEAM. The
 * default is EVC_PARSE_BEAM. Call it before parsing starts. */
#define EVC_PARSE_BEAM 2
#define EVC_PARSE_MAX_BEAM 16
void evc_parser_set_beam(evc_parser *p, int k);

/* Appends the model to w (check w->err after), ending with the CRC-32 of
 * everything w has written so far: load with a reader opened at the same
 * offset as the writer was. */
evc_status evc_parser_save(const evc_parser *p, evc_bw *w);

/* Reads a model written by evc_parser_save. A truncated or corrupt model
 * gives EVC_ERR_SYNTAX with a message (and never reads out of bounds). */
evc_status evc_parser_load(evc_br *r, evc_parser **out, evc_error *err);

void evc_parser_free(evc_parser *p); /* NULL is a no-op */

/* Sizes for reports. */
typedef struct evc_parser_stats {
    int labels;        /* deprels, with subtypes */
    int actions;       /* 1 + 2 * labels */
    size_t features;   /* feature rows kept */
    size_t weights;    /* nonzero (feature, action) weights kept */
    size_t bytes;      /* memory held by the weights */
} evc_parser_stats;
void evc_parser_stats_get(const evc_parser *p, evc_parser_stats *out);

#endif
