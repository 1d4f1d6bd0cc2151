/* wclass.h: distributional word classes for the tagger's and parser's
 * features, learned from unlabeled text with the exchange algorithm
 * (Kneser & Ney 1993; Martin, Liermann & Ney 1998): words are put into K
 * classes so that a class bigram model, P(w_i | w_i-1) = P(c_i | c_i-1)
 * P(w_i | c_i), gives the text the highest likelihood. Words that occur in
 * the same contexts (cities, currencies, reporting verbs) end up in the same
 * class, which lets a weight learned for one word of a treebank apply to its
 * neighbours that the treebank never had.
 *
 * Words are keyed by evc_word_hash, the parser's word atom (ASCII lower
 * case, digits as 9), made nonzero. The table is read-only once built. */
#ifndef EVC_NLP_WCLASS_H
#define EVC_NLP_WCLASS_H

#include "evcode.h"
#include "util/bio.h"

#include <stddef.h>
#include <stdint.h>

typedef struct evc_wclass evc_wclass;

/* The hash of a word form (31 bits, possibly 0): FNV-1a of the form with
 * ASCII upper case lowered and digits made 9. The parser's features use it
 * as the word's atom. */
uint32_t evc_word_hash(const char *form, size_t len);
/* The table key of a word whose evc_word_hash is h (never 0). */
static inline uint32_t evc_wclass_key_of(uint32_t h) { return h ? h : 1; }
/* The table key of a word form. */
static inline uint32_t evc_wclass_key(const char *form, size_t len)
{
    return evc_wclass_key_of(evc_word_hash(form, len));
}

/* A builder collects a token stream; sentence boundaries are tokens too. */
typedef struct evc_wclass_builder evc_wclass_builder;
evc_wclass_builder *evc_wclass_builder_new(void);
/* Adds a token, or ends a sentence (out of memory is reported by build). */
void evc_wclass_builder_add(evc_wclass_builder *b, const char *form,
                            size_t len);
void evc_wclass_builder_end(evc_wclass_builder *b);
/* Clusters words seen at least min_count times into k classes (k <= 4096)
 * with `iters` passes of the exchange algorithm; deterministic. Rarer
 * words get no class. log (may be NULL) gets a line per pass. */
evc_status evc_wclass_build(evc_wclass_builder *b, int k, int min_count,
                            int iters, FILE *verbose, evc_wclass **out,
                            evc_error *err);
void evc_wclass_builder_free(evc_wclass_builder *b);

/* The class of a key plus 1, or 0 for a word without a class. NULL-safe. */
uint32_t evc_wclass_get(const evc_wclass *c, uint32_t key);
size_t evc_wclass_size(const evc_wclass *c); /* words with a class */
int evc_wclass_classes(const evc_wclass *c);

/* u32 count, u32 classes, then per word u32 key, u16 class (keys
 * increasing). A NULL table is count 0. */
void evc_wclass_save(const evc_wclass *c, evc_bw *w);
/* *out NULL for count 0; -1 with r->err set when bad or truncated. */
int evc_wclass_load(evc_br *r, evc_wclass **out);
evc_wclass *evc_wclass_copy(const evc_wclass *c); /* NULL: none or no memory */
void evc_wclass_free(evc_wclass *c);

#endif
