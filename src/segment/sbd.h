/* sbd.h: internals of the segmenter's learned sentence ends, shared by
 * segment.c, segeval.c, the generated model table (sbd_model.c) and its
 * trainer (tools/train_segment.c): an averaged perceptron over hashed
 * features of each gap between two tokens. Not part of the library's API. */
#ifndef EVC_SEG_SBD_H
#define EVC_SEG_SBD_H

#include "evcode.h"

#include <stdint.h>

#define EVC_SBD_NFEAT 20 /* features per gap (templates in segment.c) */

/* The model: an open-addressing table of feature hashes (0 = empty slot)
 * and their weights; a gap ends a sentence when its weights sum above 0. */
typedef struct evc_sbd_entry {
    uint32_t key;
    float weight;
} evc_sbd_entry;

typedef struct evc_sbd_model {
    uint32_t size; /* a power of two; 0 = no model, the rules decide */
    const evc_sbd_entry *table;
} evc_sbd_model;

extern const evc_sbd_model evc_sbd_default; /* sbd_model.c, generated */

/* One gap after a token: where it is in the text, whether a line break
 * forces a sentence end there, and its features. */
typedef struct evc_sbd_gap {
    uint32_t off;   /* byte offset just past the token before the gap */
    int forced;     /* a blank line or paragraph break follows */
    uint32_t feat[EVC_SBD_NFEAT];
} evc_sbd_gap;

/* The gaps of text as evc_segment sees them (after every token but the
 * last); *gaps is malloc'd, the caller frees it. */
evc_status evc_sbd_gaps(const char *text, size_t len, evc_sbd_gap **gaps,
                        size_t *ngaps, evc_error *err);

/* The raw text of a CoNLL-U document, rebuilt as evc_segment_eval does, and
 * the byte offsets in it where gold sentences end. Both malloc'd. */
evc_status evc_sbd_gold(const char *conllu, size_t len, const char *name,
                        char **text, size_t *tlen, size_t **ends,
                        size_t *nends, evc_error *err);

#endif
