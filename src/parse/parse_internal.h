/* parse_internal.h: what the parser's files share: the arc-hybrid
 * configuration and its dynamic oracle (system.c), the feature templates
 * (features.c) and the two weight stores, training and compact (weights.c). */
#ifndef EVC_PARSE_INTERNAL_H
#define EVC_PARSE_INTERNAL_H

#include "parse/parse.h"

#include <stddef.h>
#include <stdint.h>

/* Actions: 0 is SHIFT; 1..L is LEFT-ARC with label a-1; L+1..2L is
 * RIGHT-ARC with label a-1-L. 1 + 2L must fit a byte. */
#define PS_SHIFT 0
#define PS_MAX_LABELS 127
#define PS_MAX_ACTIONS (1 + 2 * PS_MAX_LABELS)
#define PS_MAX_PAD 256 /* PS_MAX_ACTIONS rounded up to 16 */

/* ---------------------------------------------------------------- system */

/* An arc-hybrid configuration (Kuhlmann, Gomez-Rodriguez & Satta 2011):
 * a stack whose bottom is the artificial root 0, a buffer b..n, and the arcs
 * so far. LEFT pops s0 as a dependent of b0; RIGHT pops s0 as a dependent of
 * s1; SHIFT pushes b0. Tokens left of b that have no head are exactly the
 * stack. Children records feed the features. */
typedef struct ps_state {
    int n;
    int top;         /* stack[top] is s0; stack[0] is 0, the root */
    int b;           /* front of the buffer; n + 1 when it is empty */
    int *stack;      /* n + 1 */
    int *head;       /* n + 1; -1 until attached */
    uint8_t *lab;    /* n + 1 */
    int *lc1, *lc2;  /* leftmost and second-leftmost child, 0 if none */
    int *rc1, *rc2;  /* rightmost and second-rightmost child, 0 if none */
    uint8_t *nl, *nr;        /* number of left / right children (capped) */
    uint64_t *lset, *rset;   /* labels of left / right children (bit l % 64) */
} ps_state;

/* Bytes of scratch ps_state_init needs for n tokens. */
size_t ps_state_bytes(int n);
/* Lays the state out in mem (ps_state_bytes(n) bytes, 8-aligned). */
void ps_state_init(ps_state *st, int n, void *mem);
/* Makes dst a copy of src, with its arrays in mem (ps_state_bytes(n)
 * bytes, 8-aligned). */
void ps_state_copy(ps_state *dst, void *mem, const ps_state *src);

static inline int ps_s0(const ps_state *st) { return st->stack[st->top]; }
static inline int ps_terminal(const ps_state *st)
{
    return st->top == 0 && st->b > st->n;
}

/* Which moves are legal: bit 0 SHIFT, bit 1 LEFT, bit 2 RIGHT. RIGHT onto
 * the root waits for an empty buffer, so the tree has a single root. */
enum { PS_CAN_SHIFT = 1, PS_CAN_LEFT = 2, PS_CAN_RIGHT = 4 };
int ps_legal(const ps_state *st);
/* Applies a legal action (nlabels decodes it). */
void ps_apply(ps_state *st, int action, int nlabels);

/* Gold trees for the oracle: gold head and label per token, and each
 * token's gold children (kids[kid_off[h] .. kid_off[h+1])). */
typedef struct ps_gold {
    int n;
    const int *head;
    const uint8_t *lab;
    const int *kid_off;
    const int *kids;
} ps_gold;

/* The dynamic oracle of Goldberg & Nivre (2013) for arc-hybrid, labeled:
 * the number of gold arcs that each move makes unreachable, for a
 * projective gold tree. Fills cost[SHIFT / LEFT / RIGHT] (INT_MAX when
 * illegal) and the gold labels that the arcs LEFT / RIGHT would carry
 * without extra cost (-1 if any label costs the same). */
void ps_oracle_costs(const ps_state *st, const ps_gold *g, int cost[3],
                     int *left_label, int *right_label);
/* The static oracle's move (for tests and checks): LEFT when s0's head is
 * b0, RIGHT when it is s1 and s0 has all its dependents, else SHIFT. */
int ps_static_oracle(const ps_state *st, const ps_gold *g, int nlabels);

/* Makes heads[1..n] projective by lifting: while some arc crosses
 * another, the shortest non-projective arc h -> d becomes head(h) -> d.
 * Returns the number of lifts. */
int ps_projectivize(int *heads, int n);
/* 1 if heads[1..n] (with 0 the root) is a projective tree. */
int ps_is_projective(const int *heads, int n);

/* ---------------------------------------------------------------- features */

/* Per-token atoms of one sentence, 0 being the root. */
typedef struct ps_sent {
    int n;
    uint32_t *w;  /* normalized word form */
    uint32_t *p;  /* UPOS x XPOS tag */
    uint32_t *u;  /* UPOS alone: a wrong XPOS leaves it some signal */
    uint32_t *c;  /* word class + 1 (0 none); NULL when the parser has none */
} ps_sent;

#define PS_NFEAT 160 /* room for the features of one configuration */

/* Atoms of positions that do not exist, and of the root. */
#define PS_W_ROOT 0x80000001u
#define PS_W_NONE 0x80000002u
#define PS_P_ROOT 0x10001u
#define PS_P_NONE 0x10002u
#define PS_C_ROOT 0x20001u
#define PS_C_NONE 0x20002u

/* The number of templates that read a word form (most of the weight
 * table's rows, and of its cache misses): ps_features writes them first. */
#define PS_NLEX 53

/* Writes the feature hashes of st to out (at most PS_NFEAT, the same number
 * for every configuration) and returns how many: the PS_NLEX with words,
 * then the others. */
int ps_features(const ps_sent *s, const ps_state *st, uint64_t *out);
/* Hash of a form normalized for features (ASCII lower case, digits 9). */
uint32_t ps_word_hash(const char *form);

/* ---------------------------------------------------------------- weights */

/* Training weights: a sparse row of (action, weight) per feature hash, with
 * the running sums that averaging needs (Daume's trick: avg = w - u / c).
 * Integer arithmetic only, so training is exact and deterministic. */
typedef struct tw_entry {
    int64_t u;
    int32_t w;
    uint32_t act;
} tw_entry;

typedef struct tw_slot {
    uint64_t key; /* 0 = empty */
    uint32_t off; /* first entry in the pool */
    uint16_t n;   /* entries; capacity is n rounded up to a power of two */
    uint16_t pad;
} tw_slot;

typedef struct tw_table {
    tw_slot *slot;
    size_t cap, used; /* power of two; keys */
    tw_entry *pool;
    size_t pool_cap, pool_used;
    int64_t clock;    /* training instances seen so far */
} tw_table;

int tw_init(tw_table *t);
void tw_free(tw_table *t);
/* Adds the weights of the nf features to scores[0..nact). */
void tw_score(const tw_table *t, const uint64_t *f, int nf, int32_t *scores);
/* w[f][act] += delta for each feature; 0 on success, -1 out of memory. */
int tw_update(tw_table *t, const uint64_t *f, int nf, int act, int delta);
/* Adds src's averaged weights, times mult and rounded, to dst's weights
 * without touching its averaging sums: a dst whose clock is 1 and that only
 * ever receives these sums averages to exactly them. 0, or -1 out of
 * memory. */
int tw_add_averaged(tw_table *dst, const tw_table *src, double mult);

/* Compact weights for parsing (layout in weights.c): buckets of rows
 * found by 16-bit fingerprints; a row is sparse, (action byte, int16
 * weight) pairs, or, for the features with many actions, a dense int16
 * vector added with SIMD. */
typedef struct cw_bucket {
    uint32_t start; /* number of the bucket's first row */
    uint32_t off;   /* byte offset of its region in data */
} cw_bucket;

typedef struct cw_model {
    uint32_t nb;        /* buckets */
    cw_bucket *bucket;  /* nb + 1, the last one a sentinel */
    uint8_t *data;      /* per bucket: fingerprints, row offsets, rows */
    size_t data_len;    /* bytes of rows and fingerprints in the file */
    const uint8_t *file; /* while loading: the rows in the file's layout */
    int npad;           /* actions rounded up to a multiple of 16 */
    size_t rows, entries, ndense;
    float scale;        /* weight = int16 / scale */
} cw_model;

/* Rows with at least this many weights are stored dense. */
#ifndef CW_DENSE_MIN
#define CW_DENSE_MIN 24
#endif

int cw_pad(int nact);
/* The averaged training weights, quantized to int16 and pruned (smallest
 * weights first) to fit max_bytes; rows with >= dense_min weights dense.
 * Deterministic. 0 on success, -1 out of memory. */
int cw_build(cw_model *m, const tw_table *t, int nact, size_t max_bytes,
             int dense_min);
void cw_free(cw_model *m);
/* Adds the weights of the nf features to scores[0..npad). */
void cw_score(const cw_model *m, const uint64_t *f, int nf, int32_t *scores);
size_t cw_bytes(const cw_model *m);
/* The model file's weight section. cw_load reads its header and buckets
 * and notes where its rows are in r's buffer (NULL when fine or when
 * r->err is set, else what is wrong); cw_validate, called while that
 * buffer lives (after the caller's checksum), checks every row, offset and
 * action, counts rows and weights, and lays the rows out for lookups
 * (0 if sound, -1 if not or out of memory). */
void cw_save(const cw_model *m, evc_bw *w);
const char *cw_load(cw_model *m, evc_br *r, int nact);
int cw_validate(cw_model *m, int nact);
/* The parser's weights (for tools and tests). */
const cw_model *ps_parser_weights(const evc_parser *p);

#endif
