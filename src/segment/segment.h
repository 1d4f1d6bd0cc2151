/* segment.h: the segmentation stage, raw English text -> sentences of tokens
 * that follow the UD English treebanks (EWT, GUM), with byte offsets back into
 * the text; and its evaluation the way the CoNLL 2018 shared task scores it. */
#ifndef EVC_SEGMENT_H
#define EVC_SEGMENT_H

#include "evcode.h"

/* Longest sentence the segmenter returns: a longer run without a sentence
 * end is cut into pieces of this many tokens, so later stages stay linear. */
#define EVC_SEGMENT_MAX_TOKENS 1000

/* Splits text[0..len) (UTF-8, need not be NUL-terminated) into sentences.
 *
 * Tokens follow UD English EWT and GUM: clitics split (do n't, ca n't,
 * wo n't, it 's, Steffes '), punctuation split, hyphenated compounds split
 * (al - Qaeda, Tehrik - i - Taliban, 27 - year - old) except after a prefix
 * (non-violent, e-mail, re-elected) and in phone numbers; abbreviations
 * (U.S., Mr., Jan., Inc.), numbers (600,000 2.5 1990s 5:30 11/28/2000),
 * URLs, e-mail addresses and file names stay whole. Sentences end where a
 * blank line or a paragraph line break is, and elsewhere as an averaged
 * perceptron trained on EWT and GUM decides; no sentence is longer than
 * EVC_SEGMENT_MAX_TOKENS.
 *
 * On EVC_OK, *sents points to *nsents sentences (NULL when there are none,
 * e.g. for empty or blank text), all of it allocated in `a` and valid until
 * the arena is reset or freed; the text is not referenced after the call.
 * Each sentence has tok[0] = an artificial root (form "ROOT", head -1) and
 * tokens tok[1..ntok] with
 *   form    the token, with curly quotes made straight (' and "), en and em
 *           dashes written "--", U+2026 written "...", Unicode hyphens and
 *           minus "-", other bytes as in the text;
 *   off/len its bytes in text (for a split clitic, its part: "don't" is
 *           do [off 0, len 2] and n't [off 2, len 3]); strictly increasing
 *           and non-overlapping; a sentence-final abbreviation gives up its
 *           full stop as a token of its own ("etc." -> etc + .), as EWT does;
 *   lemma, upos, xpos, feats, deprel = "_", head 0 (static strings).
 * s->text is a copy of the sentence's span of text, s->id NULL, s->date 0.
 * Thread-safe: no state outside the arguments.
 *
 * Errors: EVC_ERR_UTF8 (err->line and err->column, 1-based, column in bytes,
 * locate the first bad byte), EVC_ERR_LIMIT (len above 2 GiB), EVC_ERR_NOMEM,
 * EVC_ERR_ARG. On error *sents = NULL and *nsents = 0. */
evc_status evc_segment(const char *text, size_t len, evc_arena *a,
                       evc_sentence **sents, int *nsents, evc_error *err);

/* 1 when tok[i] (i >= 2) continues the orthographic word of tok[i-1]: a clitic
 * split off it with no space between (n't, 's, 're, 'll, 've, 'd, 'm,
 * possessive ', and gon|na, can|not, do|nt). Such runs are one multiword
 * token in CoNLL-U ("2-3 don't"). Only meaningful for evc_segment output. */
int evc_segment_joins_previous(const evc_sentence *s, int i);

/* Scores of segmenting a treebank's raw text against its gold tokens, as in
 * the CoNLL 2018 shared task (conll18_ud_eval.py): spans are compared over
 * the text with all whitespace removed; an item is correct when its span
 * matches a gold span exactly. Tokens are orthographic tokens (a multiword
 * token such as "don't" counts once), words are syntactic words (do, n't). */
typedef struct evc_seg_count {
    long gold, system, correct;
    double precision, recall, f1; /* in [0, 1] */
} evc_seg_count;

typedef struct evc_seg_scores {
    evc_seg_count tokens, words, sentences;
    size_t bytes; /* length of the rebuilt raw text */
} evc_seg_scores;

/* Rebuilds the raw text of a CoNLL-U file as the shared task did (each
 * sentence's "# text", joined by a space; a "# newpar" or "# newdoc" starts a
 * new line), segments it with evc_segment and scores the result. Gold words
 * of a multiword token get their spans from their forms when these spell the
 * token (do + n't = don't), else all share the token's span.
 * *out is zeroed first, so it is defined on failure too. Errors: EVC_ERR_IO,
 * EVC_ERR_SYNTAX (a sentence without "# text", or token forms that do not
 * spell the text: file and line say where), or evc_segment's errors. */
evc_status evc_segment_eval(const char *conllu_path, evc_seg_scores *out,
                            evc_error *err);

/* The same on a CoNLL-U document in memory; `name` only labels errors. */
evc_status evc_segment_eval_mem(const char *conllu, size_t len,
                                const char *name, evc_seg_scores *out,
                                evc_error *err);

#endif
