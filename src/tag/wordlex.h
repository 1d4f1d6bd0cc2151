/* wordlex.h: the tagger's word-class lexicon, read at training time from a
 * plain word list (SCOWL's wamerican) and the WordNet 3.0 database files
 * (index.* and *.exc), and embedded in the model so that tagging needs no
 * files. Each lower-cased word maps to a small bit set of classes. Internal
 * to src/tag. */
#ifndef EVC_TAG_WORDLEX_H
#define EVC_TAG_WORDLEX_H

#include "evcode.h"
#include "tag/weights.h"
#include "util/bio.h"

#include <stddef.h>
#include <stdint.h>

/* The classes of a word (bits of the value). */
enum {
    EVC_WL_LOWER = 1 << 0,  /* the word list has it in lower case */
    EVC_WL_CAP = 1 << 1,    /* ... with a capital (a name) */
    EVC_WL_NOUN = 1 << 2,   /* a WordNet noun lemma */
    EVC_WL_VERB = 1 << 3,   /* verb lemma */
    EVC_WL_ADJ = 1 << 4,    /* adjective lemma */
    EVC_WL_ADV = 1 << 5,    /* adverb lemma */
    EVC_WL_NPL = 1 << 6,    /* a plural of a noun lemma (rules or noun.exc) */
    EVC_WL_VS = 1 << 7,     /* -s form of a verb lemma */
    EVC_WL_VED = 1 << 8,    /* -ed form, or an irregular form in verb.exc */
    EVC_WL_VING = 1 << 9,   /* -ing form */
    EVC_WL_ADJCMP = 1 << 10,/* comparative or superlative (rules, adj.exc) */
    /* bits 11..12: the part of speech with the most WordNet senses
     * (0 none or noun, 1 verb, 2 adjective, 3 adverb) */
    EVC_WL_DOM_SHIFT = 11
};

typedef struct evc_wordlex evc_wordlex;

/* Reads the word list at `words` (one word a line) and the WordNet files
 * in directory `wordnet`; either may be NULL, empty or missing, which is
 * not an error. *out is NULL when nothing was read (the feature is off),
 * else the caller's to free. Deterministic for the same files. */
evc_status evc_wordlex_build(const char *words, const char *wordnet,
                             evc_wordlex **out, evc_error *err);

/* The classes of the word whose evc_tag_lower_hash_n is h; 0 if unknown.
 * Thread-safe. */
uint32_t evc_wordlex_get(const evc_wordlex *l, uint64_t h);

/* Number of words. */
size_t evc_wordlex_size(const evc_wordlex *l);

/* Writes the lexicon (u32 count, then 6 bytes per word: a 32-bit key and
 * 16-bit classes, keys strictly increasing); a NULL lexicon is count 0. */
void evc_wordlex_save(const evc_wordlex *l, evc_bw *w);
/* Reads what evc_wordlex_save wrote: *out is NULL for count 0. Returns 0,
 * or -1 with r->err set on a bad or truncated section. */
int evc_wordlex_load(evc_br *r, evc_wordlex **out);
void evc_wordlex_free(evc_wordlex *l); /* NULL is a no-op */

#endif
