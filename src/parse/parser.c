/* parser.c: training and running the labeled arc-hybrid parser (parse.h).
 * Greedy or beam decoding; online training with the dynamic oracle and
 * exploration of Goldberg & Nivre (2012, 2013), averaged perceptron; the
 * model file. */
#include "parse/parse_internal.h"
#include "nlp/wclass.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MODEL_MAGIC "EVCPARSE"
#define MODEL_VERSION 3u /* the feature templates are part of a model; 3
                            adds word classes (2 is read as without) */
#define MAX_TAGS 254

struct evc_parser {
    int nlabels, root_label;
    int tags; /* evc_parse_train_opts.tags */
    const char **labels; /* sorted; in arena */
    int nupos, nxpos;
    const char **upos, **xpos; /* sorted; in arena */
    cw_model m;
    evc_wclass *wc; /* word classes, or NULL */
    evc_arena *arena;
    int32_t lead;   /* early decision's lead, in int16 weight units; 0 for
                       exact decoding (score_moves) */
    int beam;       /* paths the decoder keeps (decode_beam); 1: greedy */
};

/* The lead over every other legal move that the templates without words
 * must give a move for decode to take it without the rest: one and a half
 * times the largest weight of the model (whose quantized weights span
 * +-32767). Chosen on EWT dev, where it decides 45% of the scored moves
 * early with the same UAS and LAS as exact decoding (README). */
#define EARLY_LEAD (3 * 32767 / 2)

void evc_parse_train_opts_default(evc_parse_train_opts *o)
{
    memset(o, 0, sizeof *o);
    o->epochs = 12;
    o->seed = 1;
    o->explore = 0.9;
    o->explore_from = 2;
    o->max_kb = 15 * 1024;
    o->runs = 1;
}

void evc_parser_free(evc_parser *p)
{
    if (!p)
        return;
    cw_free(&p->m);
    evc_wclass_free(p->wc);
    evc_arena_free(p->arena);
    free(p);
}

void evc_parser_stats_get(const evc_parser *p, evc_parser_stats *out)
{
    memset(out, 0, sizeof *out);
    if (!p)
        return;
    out->labels = p->nlabels;
    out->actions = 1 + 2 * p->nlabels;
    out->features = p->m.rows;
    out->weights = p->m.entries;
    out->bytes = cw_bytes(&p->m);
}

/* ---------------------------------------------------------------- tables */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int find_str(const char **v, int n, const char *s)
{
    if (!s)
        return -1;
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2, c = strcmp(s, v[mid]);
        if (!c)
            return mid;
        if (c < 0)
            hi = mid - 1;
        else
            lo = mid + 1;
    }
    return -1;
}

/* A sorted set of strings being collected (training only). */
typedef struct strset {
    const char **v;
    int n, cap;
} strset;

static int strset_add(strset *s, const char *x)
{
    if (!x)
        return 0;
    for (int i = 0; i < s->n; i++)
        if (!strcmp(s->v[i], x))
            return 0;
    if (s->n == s->cap) {
        int cap = s->cap ? 2 * s->cap : 64;
        const char **v = realloc(s->v, (size_t)cap * sizeof *v);
        if (!v)
            return -1;
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = x;
    return 0;
}

/* Copies a collected set, sorted, into the parser's arena. */
static const char **strset_freeze(strset *s, evc_arena *a)
{
    qsort(s->v, (size_t)s->n, sizeof *s->v, cmp_str);
    const char **v = evc_arena_alloc(a, (size_t)(s->n ? s->n : 1) * sizeof *v);
    if (!v)
        return NULL;
    for (int i = 0; i < s->n; i++)
        if (!(v[i] = evc_arena_strdup(a, s->v[i])))
            return NULL;
    return v;
}

/* The sentence's atoms, allocated in a. */
static int sent_atoms(const evc_parser *p, const evc_sentence *s, evc_arena *a,
                      ps_sent *out)
{
    int n = s->ntok;
    out->n = n;
    out->w = evc_arena_alloc(a, (size_t)(n + 1) * sizeof *out->w);
    out->p = evc_arena_alloc(a, (size_t)(n + 1) * sizeof *out->p);
    out->u = evc_arena_alloc(a, (size_t)(n + 1) * sizeof *out->u);
    out->c = NULL;
    if (p->wc && !(out->c = evc_arena_alloc(a, (size_t)(n + 1) * sizeof *out->c)))
        return -1;
    if (!out->w || !out->p || !out->u)
        return -1;
    out->w[0] = PS_W_ROOT;
    out->p[0] = out->u[0] = PS_P_ROOT;
    if (out->c)
        out->c[0] = PS_C_ROOT;
    for (int i = 1; i <= n; i++) {
        out->w[i] = ps_word_hash(s->tok[i].form);
        if (out->c) /* the same hash keys the word classes */
            out->c[i] = evc_wclass_get(p->wc, evc_wclass_key_of(out->w[i]));
        /* ids + 1, 0 for a tag the training data never had */
        uint32_t u = (uint32_t)(find_str(p->upos, p->nupos, s->tok[i].upos) + 1);
        uint32_t x = (uint32_t)(find_str(p->xpos, p->nxpos, s->tok[i].xpos) + 1);
        out->p[i] = (p->tags == 1 ? 0 : u << 8) | (p->tags == 2 ? 0 : x);
        out->u[i] = u;
    }
    return 0;
}

/* ---------------------------------------------------------------- decoding */

/* The legal moves of st as runs of actions [run[i][0], run[i][1]), in the
 * order SHIFT, LEFT by label, RIGHT by label: LEFT never takes the root
 * label, RIGHT takes it exactly when s1 is the root. Returns how many runs
 * (at most 5; empty runs are left out). */
static int legal_runs(const ps_state *st, int nlabels, int root_label,
                      int run[5][2])
{
    int legal = ps_legal(st), n = 0;
#define RUN(lo, hi)                                                           \
    do {                                                                      \
        if ((lo) < (hi)) {                                                    \
            run[n][0] = (lo);                                                 \
            run[n][1] = (hi);                                                 \
            n++;                                                              \
        }                                                                     \
    } while (0)
    if (legal & PS_CAN_SHIFT)
        RUN(PS_SHIFT, PS_SHIFT + 1);
    if (legal & PS_CAN_LEFT) {
        RUN(1, 1 + root_label);
        RUN(2 + root_label, 1 + nlabels);
    }
    if (legal & PS_CAN_RIGHT) {
        int r = 1 + nlabels;
        if (st->top == 1) { /* s1 is the root */
            RUN(r + root_label, r + root_label + 1);
        } else {
            RUN(r, r + root_label);
            RUN(r + root_label + 1, r + nlabels);
        }
    }
#undef RUN
    return n;
}

/* The best legal action under scores (the first of equals, in the order
 * of legal_runs). In *lead, how far it is ahead of the next best legal
 * action (INT64_MAX when it is the only one). */
static int best_lead(const ps_state *st, const int32_t *sc, int nlabels,
                     int root_label, int64_t *lead)
{
    int run[5][2];
    int nr = legal_runs(st, nlabels, root_label, run);
    if (!nr) {
        *lead = INT64_MAX;
        return -1;
    }
    int best = run[0][0];
    int32_t bs = sc[best];
    int64_t second = INT64_MIN;
    for (int i = 0; i < nr; i++)
        for (int a = run[i][0] + !i; a < run[i][1]; a++) {
            int32_t v = sc[a];
            if (v > bs) {
                second = bs;
                best = a;
                bs = v;
            } else if (v > second) {
                second = v;
            }
        }
    *lead = second == INT64_MIN ? INT64_MAX : (int64_t)bs - second;
    return best;
}

static int best_action(const ps_state *st, const int32_t *sc, int nlabels,
                       int root_label)
{
    int64_t lead;
    return best_lead(st, sc, nlabels, root_label, &lead);
}

/* Scores the moves of st into sc (zeroed here) and returns the best legal
 * one, with in *by its lead over the next. With lead > 0 a move is scored
 * in two parts: first the templates without words (tags, labels,
 * distances, valencies, word classes: their rows are few and stay in
 * cache), and when the best move leads every other by more than lead, it
 * is taken; only otherwise are the templates with words (PS_NLEX, most
 * of the rows and of the cache misses) looked up and added. With lead 0
 * every move is scored whole. */
static int score_moves(const cw_model *m, int nlabels, int root_label,
                       int32_t lead, const ps_state *st, const uint64_t *f,
                       int nf, int32_t *sc, int64_t *by)
{
    memset(sc, 0, (size_t)m->npad * sizeof *sc);
    if (lead <= 0) {
        cw_score(m, f, nf, sc);
        return best_lead(st, sc, nlabels, root_label, by);
    }
    /* ps_features put the templates with words first */
    cw_score(m, f + PS_NLEX, nf - PS_NLEX, sc);
    int a = best_lead(st, sc, nlabels, root_label, by);
    if (*by <= lead) {
        cw_score(m, f, PS_NLEX, sc);
        a = best_lead(st, sc, nlabels, root_label, by);
    }
    return a;
}

/* The one move of st that needs no scores, or -1: SHIFT when it is the
 * one legal move (only the root on the stack), RIGHT with the root label
 * when the last word joins the root. */
static int forced_move(const ps_state *st, int nlabels, int root_label)
{
    int legal = ps_legal(st);
    if (legal == PS_CAN_SHIFT)
        return PS_SHIFT;
    if (legal == PS_CAN_RIGHT && st->top == 1)
        return 1 + nlabels + root_label;
    return -1;
}

/* Greedy parse of atoms into st (laid out by the caller). */
static void decode(const cw_model *m, int nlabels, int root_label,
                   int32_t lead, const ps_sent *s, ps_state *st)
{
    int32_t sc[PS_MAX_PAD];
    while (!ps_terminal(st)) {
        int a = forced_move(st, nlabels, root_label);
        if (a < 0) {
            uint64_t f[PS_NFEAT];
            int64_t by;
            int nf = ps_features(s, st, f);
            a = score_moves(m, nlabels, root_label, lead, st, f, nf, sc, &by);
        }
        ps_apply(st, a, nlabels);
    }
}

/* Beam search. The parser is trained greedily, so its scores are local:
 * they rank the moves of one configuration, and a raw sum along a path
 * favours paths of easy moves. So each configuration's scores become
 * log-probabilities by a softmax at temperature BEAM_T (int16 weight units
 * per nat), and a path's score is the sum of its moves'. Every complete
 * path has 2n moves, so paths end together. A path more than BEAM_DROP
 * nats behind the best is dropped, so where the model is sure the beam
 * holds one path and costs what greedy decoding does. Both constants were
 * chosen on EWT dev (README): at T 5,000 the beam follows the greedy path
 * almost everywhere, at 20,000 the softmax is so flat that paths with many
 * unscored moves win. */
#define BEAM_T 10000.0
#define BEAM_DROP 1.0
/* Moves this far (in nats) behind a configuration's best add little to
 * its softmax: e^-8 each. */
#define BEAM_TAIL 8.0

typedef struct bitem {
    ps_state st;
    double lp; /* log-probability of the path */
    int buf;   /* which of the beam's buffers holds st's arrays */
} bitem;

typedef struct bcand {
    double lp;
    int item, act; /* act -1: the item's path is complete */
} bcand;

/* Scratch for decode_beam, for a beam of k paths over n words. */
typedef struct beam {
    int k;
    void **buf;   /* 2k state buffers of ps_state_bytes(n) */
    bitem *cur, *nxt;
    bcand *cand;  /* k * PS_MAX_ACTIONS */
    int *owner;   /* per buffer: 1 while a path of the next beam holds it */
    uint64_t *feat; /* k * PS_NFEAT: the features of the paths scored */
    int *nfeat;     /* k */
} beam;

static int beam_init(beam *b, int k, int n, evc_arena *a)
{
    size_t bytes = ps_state_bytes(n);
    b->k = k;
    b->buf = evc_arena_alloc(a, 2 * (size_t)k * sizeof *b->buf);
    b->cur = evc_arena_alloc(a, (size_t)k * sizeof *b->cur);
    b->nxt = evc_arena_alloc(a, (size_t)k * sizeof *b->nxt);
    b->cand = evc_arena_alloc(a, (size_t)k * PS_MAX_ACTIONS * sizeof *b->cand);
    b->owner = evc_arena_alloc(a, 2 * (size_t)k * sizeof *b->owner);
    b->feat = evc_arena_alloc(a, (size_t)k * PS_NFEAT * sizeof *b->feat);
    b->nfeat = evc_arena_alloc(a, (size_t)k * sizeof *b->nfeat);
    if (!b->buf || !b->cur || !b->nxt || !b->cand || !b->owner || !b->feat ||
        !b->nfeat)
        return -1;
    for (int i = 0; i < 2 * k; i++)
        if (!(b->buf[i] = evc_arena_alloc(a, bytes)))
            return -1;
    return 0;
}

/* 1 if x ranks before y: higher log-probability, then earlier path, then
 * the lower move (SHIFT, LEFT, RIGHT by label), as greedy decoding's ties */
static int cand_before(const bcand *x, const bcand *y)
{
    if (x->lp != y->lp)
        return x->lp > y->lp;
    if (x->item != y->item)
        return x->item < y->item;
    return x->act < y->act;
}

/* Appends st's moves within BEAM_DROP of its best to cand, with the path's
 * log-probability; returns how many. With norm 0 (the beam holds one path)
 * the softmax's normalizer is left out: it is the same for every
 * candidate, and only differences between paths count. */
static int expand(const cw_model *m, int nlabels, int root_label,
                  int32_t lead, const bitem *it, int item, const uint64_t *f,
                  int nf, int norm, bcand *cand)
{
    const ps_state *st = &it->st;
    int32_t sc[PS_MAX_PAD];
    int64_t by;
    int best = score_moves(m, nlabels, root_label, lead, st, f, nf, sc, &by);
    if (!norm && by > (int64_t)(BEAM_DROP * BEAM_T)) {
        cand[0] = (bcand){it->lp, item, best};
        return 1;
    }
    /* the legal moves, in best_lead's order */
    int run[5][2];
    int nr = legal_runs(st, nlabels, root_label, run), nc = 0;
    int32_t top = sc[best];
    double z = 0;
    for (int i = 0; i < nr; i++)
        for (int act = run[i][0]; act < run[i][1]; act++) {
            int32_t gap = top - sc[act]; /* >= 0 */
            if (gap > (int32_t)(BEAM_TAIL * BEAM_T))
                continue;
            double d = -gap / BEAM_T;
            if (norm)
                z += exp(d);
            if (gap <= (int32_t)(BEAM_DROP * BEAM_T))
                cand[nc++] = (bcand){it->lp + d, item, act};
        }
    if (norm) {
        double lz = log(z);
        for (int i = 0; i < nc; i++)
            cand[i].lp -= lz;
    }
    return nc;
}

/* Beam parse of atoms; returns the best complete path's state, whose
 * arrays live in b's buffers. */
static const ps_state *decode_beam(const cw_model *m, int nlabels,
                                   int root_label, int32_t lead,
                                   const ps_sent *s, beam *b)
{
    int k = b->k, ncur = 1;
    ps_state_init(&b->cur[0].st, s->n, b->buf[0]);
    b->cur[0].lp = 0;
    b->cur[0].buf = 0;
    for (;;) {
        int nc = 0, done = 1, nscored = 0;
        for (int i = 0; i < ncur; i++) {
            const bitem *it = &b->cur[i];
            bcand *c = b->cand + nc;
            if (ps_terminal(&it->st)) {
                c[0] = (bcand){it->lp, i, -1};
                nc++;
                continue;
            }
            done = 0;
            int a = forced_move(&it->st, nlabels, root_label);
            if (a >= 0) {
                c[0] = (bcand){it->lp, i, a};
                nc++;
                continue;
            }
            /* a path with the same stack and buffer as a better one differs
             * from it only inside finished subtrees: it is dropped (and
             * one whose features are all the same would score the same
             * from here on) */
            int dup = 0;
            for (int j = 0; j < i && !dup; j++) {
                const ps_state *x = &b->cur[j].st, *y = &it->st;
                dup = x->b == y->b && x->top == y->top &&
                      !memcmp(x->stack, y->stack,
                              (size_t)(x->top + 1) * sizeof *x->stack);
            }
            uint64_t *f = b->feat + (size_t)nscored * PS_NFEAT;
            int nf = dup ? 0 : ps_features(s, &it->st, f);
            for (int j = 0; j < nscored && !dup; j++)
                dup = b->nfeat[j] == nf &&
                      !memcmp(b->feat + (size_t)j * PS_NFEAT, f,
                              (size_t)nf * sizeof *f);
            if (dup)
                continue;
            b->nfeat[nscored++] = nf;
            nc += expand(m, nlabels, root_label, lead, it, i, f, nf,
                         ncur > 1, c);
        }
        if (done)
            break;
        /* the k best candidates first (insertion: nc is small) */
        bcand *c = b->cand;
        for (int i = 1; i < nc; i++) {
            bcand x = c[i];
            int j = i;
            for (; j > 0 && cand_before(&x, &c[j - 1]); j--)
                c[j] = c[j - 1];
            c[j] = x;
        }
        int nn = nc < k ? nc : k;
        while (nn > 1 && c[nn - 1].lp < c[0].lp - BEAM_DROP)
            nn--;
        /* the first candidate of each path takes over its buffer, the
         * others copy it into a free one, all before any move is made */
        for (int i = 0; i < 2 * k; i++)
            b->owner[i] = 0;
        int first[EVC_PARSE_MAX_BEAM];
        for (int j = 0; j < nn; j++) {
            bitem *src = &b->cur[c[j].item];
            first[j] = !b->owner[src->buf];
            b->owner[src->buf] = 1;
        }
        int freeb = 0;
        for (int j = 0; j < nn; j++) {
            bitem *src = &b->cur[c[j].item], *dst = &b->nxt[j];
            if (first[j]) {
                *dst = *src;
            } else {
                while (b->owner[freeb])
                    freeb++;
                b->owner[freeb] = 1;
                ps_state_copy(&dst->st, b->buf[freeb], &src->st);
                dst->buf = freeb;
            }
            dst->lp = c[j].lp;
        }
        for (int j = 0; j < nn; j++)
            if (c[j].act >= 0)
                ps_apply(&b->nxt[j].st, c[j].act, nlabels);
        bitem *t = b->cur;
        b->cur = b->nxt;
        b->nxt = t;
        ncur = nn;
    }
    return &b->cur[0].st;
}

void evc_parser_set_exact(evc_parser *p, int exact)
{
    if (p)
        p->lead = exact ? 0 : EARLY_LEAD;
}

void evc_parser_set_beam(evc_parser *p, int k)
{
    if (p)
        p->beam = k < 1 ? 1 : k > EVC_PARSE_MAX_BEAM ? EVC_PARSE_MAX_BEAM : k;
}

/* Parses in scratch taken from a and given back before returning: the
 * results go into s's tokens (labels are the model's strings), so a long
 * document's arena does not grow with the parser's state. */
static evc_status parse_in(const evc_parser *p, evc_sentence *s, evc_arena *a)
{
    ps_sent ps;
    ps_state st;
    const ps_state *res = &st;
    if (sent_atoms(p, s, a, &ps))
        return EVC_ERR_NOMEM;
    if (p->beam > 1) {
        beam b;
        if (beam_init(&b, p->beam, s->ntok, a))
            return EVC_ERR_NOMEM;
        res = decode_beam(&p->m, p->nlabels, p->root_label, p->lead, &ps,
                          &b);
    } else {
        void *mem = evc_arena_alloc(a, ps_state_bytes(s->ntok));
        if (!mem)
            return EVC_ERR_NOMEM;
        ps_state_init(&st, s->ntok, mem);
        decode(&p->m, p->nlabels, p->root_label, p->lead, &ps, &st);
    }
    for (int i = 1; i <= s->ntok; i++) {
        s->tok[i].head = res->head[i];
        s->tok[i].deprel = p->labels[res->lab[i]];
    }
    return EVC_OK;
}

evc_status evc_parser_parse(const evc_parser *p, evc_sentence *s,
                            evc_arena *a)
{
    if (!p || !s || !a || s->ntok < 0 || (s->ntok > 0 && !s->tok))
        return EVC_ERR_ARG;
    if (s->ntok == 0)
        return EVC_OK;
    evc_arena_mark m = evc_arena_mark_get(a);
    evc_status st = parse_in(p, s, a);
    evc_arena_rewind(a, m);
    return st;
}

/* ---------------------------------------------------------------- training */

/* One training (or dev) sentence, prepared once. */
typedef struct tsent {
    ps_sent atoms;
    int *head;       /* projectivized gold heads (dev: as given) */
    uint8_t *lab;
    int *kid_off, *kids;
} tsent;

static uint64_t rng_next(uint64_t *s) /* splitmix64 */
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static double rng_unit(uint64_t *s)
{
    return (double)(rng_next(s) >> 11) / 9007199254740992.0;
}

/* 1 if heads[1..n] form a tree rooted at 0 (every walk reaches 0). */
static int is_tree(const int *heads, int n)
{
    for (int d = 1; d <= n; d++) {
        int x = d, steps = 0;
        while (x != 0) {
            if (heads[x] < 0 || heads[x] > n || ++steps > n)
                return 0;
            x = heads[x];
        }
    }
    return 1;
}

/* Prepares s; returns 1 if usable, 0 to skip it, -1 out of memory. */
static int tsent_prepare(const evc_parser *p, const evc_sentence *s,
                         int projectivize, evc_arena *a, tsent *t)
{
    int n = s->ntok;
    if (n < 1)
        return 0;
    t->head = evc_arena_alloc(a, (size_t)(n + 1) * sizeof *t->head);
    t->lab = evc_arena_alloc(a, (size_t)(n + 1));
    t->kid_off = evc_arena_alloc(a, (size_t)(n + 2) * sizeof *t->kid_off);
    t->kids = evc_arena_alloc(a, (size_t)(n + 1) * sizeof *t->kids);
    if (!t->head || !t->lab || !t->kid_off || !t->kids)
        return -1;
    t->head[0] = -1;
    t->lab[0] = 0;
    for (int i = 1; i <= n; i++) {
        t->head[i] = s->tok[i].head;
        int l = find_str(p->labels, p->nlabels, s->tok[i].deprel);
        t->lab[i] = (uint8_t)(l < 0 ? 0 : l);
        if (l < 0 && projectivize)
            return 0;
    }
    if (!is_tree(t->head, n))
        return 0;
    if (projectivize)
        ps_projectivize(t->head, n);
    memset(t->kid_off, 0, (size_t)(n + 2) * sizeof *t->kid_off);
    for (int i = 1; i <= n; i++)
        t->kid_off[t->head[i] + 1]++;
    for (int h = 0; h <= n; h++)
        t->kid_off[h + 1] += t->kid_off[h];
    int *fill = evc_arena_alloc(a, (size_t)(n + 1) * sizeof *fill);
    if (!fill)
        return -1;
    memcpy(fill, t->kid_off, (size_t)(n + 1) * sizeof *fill);
    for (int i = 1; i <= n; i++)
        t->kids[fill[t->head[i]]++] = i;
    if (sent_atoms(p, s, a, &t->atoms))
        return -1;
    return 1;
}

/* Cost of a labeled action given the oracle's move costs. */
static int action_cost(int a, int nlabels, const int cost[3], int ll, int rl)
{
    if (a == PS_SHIFT)
        return cost[0];
    if (a <= nlabels)
        return cost[1] == INT_MAX ? INT_MAX
                                  : cost[1] + (ll >= 0 && a - 1 != ll);
    return cost[2] == INT_MAX ? INT_MAX
                              : cost[2] + (rl >= 0 && a - 1 - nlabels != rl);
}

typedef struct trainer {
    evc_parser *p;
    tw_table tw;
    int nact;
    uint64_t rng;
    long states, errors;
} trainer;

/* One pass of the dynamic-oracle perceptron over one sentence. */
static int train_sentence(trainer *tr, const tsent *t, ps_state *st,
                          void *mem, int explore, double p_explore)
{
    const evc_parser *p = tr->p;
    int nl = p->nlabels, nact = tr->nact;
    ps_gold g = {t->atoms.n, t->head, t->lab, t->kid_off, t->kids};
    uint64_t f[PS_NFEAT];
    int32_t sc[PS_MAX_ACTIONS];
    ps_state_init(st, t->atoms.n, mem);
    while (!ps_terminal(st)) {
        int nf = ps_features(&t->atoms, st, f);
        memset(sc, 0, (size_t)nact * sizeof *sc);
        tw_score(&tr->tw, f, nf, sc);
        int cost[3], ll, rl;
        ps_oracle_costs(st, &g, cost, &ll, &rl);
        int pred = best_action(st, sc, nl, p->root_label);
        /* the best-scoring action of least cost is the one to learn */
        int gold = -1, gcost = INT_MAX, run[5][2];
        int nr = legal_runs(st, nl, p->root_label, run);
        for (int i = 0; i < nr; i++)
            for (int a = run[i][0]; a < run[i][1]; a++) {
                int c = action_cost(a, nl, cost, ll, rl);
                if (c < gcost ||
                    (gold >= 0 && c == gcost && sc[a] > sc[gold])) {
                    gold = a;
                    gcost = c;
                }
            }
        tr->states++;
        int pcost = action_cost(pred, nl, cost, ll, rl);
        if (pcost > gcost) {
            tr->errors++;
            if (tw_update(&tr->tw, f, nf, gold, 1) ||
                tw_update(&tr->tw, f, nf, pred, -1))
                return -1;
        }
        tr->tw.clock++;
        int next = gold;
        if (explore && rng_unit(&tr->rng) < p_explore)
            next = pred;
        ps_apply(st, next, nl);
    }
    return 0;
}

/* UAS and LAS (x 10000, punctuation included) of m on prepared sentences,
 * decoded exactly, so that the epoch kept does not depend on EARLY_LEAD. */
static void evaluate(const evc_parser *p, const cw_model *m, const tsent *ts,
                     size_t n, void *mem, long *uas, long *las)
{
    long tot = 0, u = 0, l = 0;
    ps_state st;
    for (size_t i = 0; i < n; i++) {
        const tsent *t = &ts[i];
        ps_state_init(&st, t->atoms.n, mem);
        decode(m, p->nlabels, p->root_label, 0, &t->atoms, &st);
        for (int k = 1; k <= t->atoms.n; k++) {
            tot++;
            if (st.head[k] == t->head[k]) {
                u++;
                l += st.lab[k] == t->lab[k];
            }
        }
    }
    *uas = tot ? u * 10000 / tot : 0;
    *las = tot ? l * 10000 / tot : 0;
}

/* Processor time, which a busy shared machine does not inflate. */
static double now(void) { return (double)clock() / CLOCKS_PER_SEC; }

evc_status evc_parser_train(const evc_sentence *train, size_t ntrain,
                            const evc_sentence *dev, size_t ndev,
                            const evc_parse_train_opts *opts,
                            evc_parser **out, evc_error *err)
{
    if (!train || !out || (ndev && !dev))
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "evc_parser_train: NULL argument");
    *out = NULL;
    evc_parse_train_opts o;
    evc_parse_train_opts_default(&o);
    if (opts) {
        o.seed = opts->seed;
        o.verbose = opts->verbose;
        if (opts->epochs > 0)
            o.epochs = opts->epochs;
        if (opts->explore > 0)
            o.explore = opts->explore;
        if (opts->explore_from > 0)
            o.explore_from = opts->explore_from;
        if (opts->max_kb > 0)
            o.max_kb = opts->max_kb;
        if (opts->tags > 0 && opts->tags <= 2)
            o.tags = opts->tags;
        if (opts->runs > 0)
            o.runs = opts->runs;
        o.classes = opts->classes;
    }
    evc_status rc = EVC_ERR_NOMEM;
    evc_parser *p = calloc(1, sizeof *p);
    evc_arena *work = evc_arena_new(1 << 20);
    if (p) {
        p->lead = EARLY_LEAD;
        p->beam = EVC_PARSE_BEAM;
    }
    strset labels = {0}, upos = {0}, xpos = {0};
    tsent *ts = NULL, *ds = NULL;
    size_t *order = NULL;
    void *mem = NULL;
    trainer tr = {0};
    tw_table acc = {0};
    cw_model best = {0};
    if (!p || !work || !(p->arena = evc_arena_new(0)))
        goto fail;
    if (o.classes && !(p->wc = evc_wclass_copy(o.classes)))
        goto fail;

    /* label and tag tables */
    int maxn = 1;
    for (size_t i = 0; i < ntrain; i++)
        for (int k = 1; k <= train[i].ntok; k++) {
            const evc_token *t = &train[i].tok[k];
            if ((t->deprel && strlen(t->deprel) > 255) ||
                (t->upos && strlen(t->upos) > 255) ||
                (t->xpos && strlen(t->xpos) > 255)) {
                rc = evc_error_set(err, EVC_ERR_LIMIT, NULL, 0, 0,
                                   "sentence %zu token %d: a label or tag "
                                   "longer than 255 bytes", i + 1, k);
                goto out;
            }
            if (strset_add(&labels, t->deprel) || strset_add(&upos, t->upos) ||
                strset_add(&xpos, t->xpos))
                goto fail;
        }
    for (size_t i = 0; i < ntrain; i++)
        maxn = train[i].ntok > maxn ? train[i].ntok : maxn;
    for (size_t i = 0; i < ndev; i++)
        maxn = dev[i].ntok > maxn ? dev[i].ntok : maxn;
    if (labels.n > PS_MAX_LABELS || upos.n > MAX_TAGS || xpos.n > MAX_TAGS) {
        rc = evc_error_set(err, EVC_ERR_LIMIT, NULL, 0, 0,
                           "training data has %d labels, %d UPOS, %d XPOS "
                           "(at most %d, %d, %d)",
                           labels.n, upos.n, xpos.n, PS_MAX_LABELS, MAX_TAGS,
                           MAX_TAGS);
        goto out;
    }
    p->tags = o.tags;
    p->nlabels = labels.n;
    p->nupos = upos.n;
    p->nxpos = xpos.n;
    if (!(p->labels = strset_freeze(&labels, p->arena)) ||
        !(p->upos = strset_freeze(&upos, p->arena)) ||
        !(p->xpos = strset_freeze(&xpos, p->arena)))
        goto fail;
    p->root_label = find_str(p->labels, p->nlabels, "root");
    if (p->root_label < 0) {
        rc = evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                           "training data has no \"root\" relation");
        goto out;
    }

    /* prepared sentences */
    ts = calloc(ntrain ? ntrain : 1, sizeof *ts);
    ds = calloc(ndev ? ndev : 1, sizeof *ds);
    order = calloc(ntrain ? ntrain : 1, sizeof *order);
    mem = malloc(ps_state_bytes(maxn));
    if (!ts || !ds || !order || !mem)
        goto fail;
    size_t nts = 0, nds = 0;
    for (size_t i = 0; i < ntrain; i++) {
        int ok = tsent_prepare(p, &train[i], 1, work, &ts[nts]);
        if (ok < 0)
            goto fail;
        nts += (size_t)ok;
    }
    for (size_t i = 0; i < ndev; i++) {
        int ok = tsent_prepare(p, &dev[i], 0, work, &ds[nds]);
        if (ok < 0)
            goto fail;
        nds += (size_t)ok;
    }
    if (!nts) {
        rc = evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                           "no usable training sentence");
        goto out;
    }
    for (size_t i = 0; i < nts; i++)
        order[i] = i;

    tr.p = p;
    tr.nact = 1 + 2 * p->nlabels;
    size_t max_bytes = (size_t)o.max_kb * 1024;
    long best_las = -1;
    int best_epoch = 0;
    ps_state st;
    /* With several runs (seeds seed, seed + 1, ...), each trains all its
     * epochs and the model is the sum of their averaged weights: a linear
     * model whose scores are the runs' scores added up, an ensemble at the
     * cost of one. With one run, the epoch best on dev is kept. */
    for (int run = 0; run < o.runs; run++) {
        tw_free(&tr.tw);
        if (tw_init(&tr.tw))
            goto fail;
        tr.rng = (o.seed + (uint64_t)run) ^ 0x5EED5EED5EEDULL;
        char runtag[24] = ""; /* "run 2 " in the log lines of several runs */
        if (o.runs > 1)
            snprintf(runtag, sizeof runtag, "run %d ", run + 1);
        for (size_t i = 0; i < nts; i++)
            order[i] = i;
        for (int ep = 1; ep <= o.epochs; ep++) {
            double t0 = now();
            for (size_t i = nts; i > 1; i--) { /* Fisher-Yates */
                size_t j = (size_t)(rng_next(&tr.rng) % i);
                size_t x = order[i - 1];
                order[i - 1] = order[j];
                order[j] = x;
            }
            tr.states = tr.errors = 0;
            int explore = ep >= o.explore_from;
            for (size_t i = 0; i < nts; i++)
                if (train_sentence(&tr, &ts[order[i]], &st, mem, explore,
                                   o.explore))
                    goto fail;
            int last = ep == o.epochs;
            if (o.runs > 1 && !last) {
                if (o.verbose)
                    fprintf(o.verbose, "%sepoch %2d: train err %.2f%%, "
                            "%zu features, %.1f s cpu\n", runtag, ep,
                            100.0 * (double)tr.errors / (double)tr.states,
                            tr.tw.used, now() - t0);
                continue;
            }
            cw_model m;
            if (cw_build(&m, &tr.tw, tr.nact, max_bytes, CW_DENSE_MIN))
                goto fail;
            long uas = 0, las = 0;
            if (nds)
                evaluate(p, &m, ds, nds, mem, &uas, &las);
            if (o.verbose)
                fprintf(o.verbose,
                        "%sepoch %2d: train err %.2f%%, %zu features (%zu "
                        "kept, %zu weights, %.1f MB), dev UAS %.2f LAS %.2f, "
                        "%.1f s cpu\n", runtag, ep,
                        100.0 * (double)tr.errors / (double)tr.states,
                        tr.tw.used, m.rows, m.entries,
                        cw_bytes(&m) / 1048576.0, uas / 100.0, las / 100.0,
                        now() - t0);
            if (o.runs == 1 && (!nds || las > best_las)) {
                cw_free(&best);
                best = m;
                best_las = las;
                best_epoch = ep;
            } else {
                cw_free(&m);
            }
        }
        if (o.runs > 1 &&
            ((run == 0 && tw_init(&acc)) ||
             tw_add_averaged(&acc, &tr.tw, 1024.0)))
            goto fail;
    }
    if (o.runs > 1) {
        if (cw_build(&best, &acc, tr.nact, max_bytes, CW_DENSE_MIN))
            goto fail;
        long uas = 0, las = 0;
        if (nds)
            evaluate(p, &best, ds, nds, mem, &uas, &las);
        best_las = las;
        best_epoch = o.epochs;
        if (o.verbose)
            fprintf(o.verbose, "sum of %d runs: %zu features kept, %zu weights, "
                    "%.1f MB, dev UAS %.2f LAS %.2f\n", o.runs, best.rows,
                    best.entries, cw_bytes(&best) / 1048576.0, uas / 100.0,
                    las / 100.0);
    }
    if (o.verbose && nds)
        fprintf(o.verbose, "best epoch %d: dev LAS %.2f\n", best_epoch,
                best_las / 100.0);
    p->m = best;
    memset(&best, 0, sizeof best);
    *out = p;
    p = NULL;
    rc = EVC_OK;
    goto out;
fail:
    rc = evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
out:
    cw_free(&best);
    tw_free(&tr.tw);
    tw_free(&acc);
    free(labels.v);
    free(upos.v);
    free(xpos.v);
    free(ts);
    free(ds);
    free(order);
    free(mem);
    evc_arena_free(work);
    evc_parser_free(p);
    return rc;
}

/* ---------------------------------------------------------------- model file */

static void put_strs(evc_bw *w, const char **v, int n)
{
    evc_bw_u32(w, (uint32_t)n);
    for (int i = 0; i < n; i++)
        evc_bw_str(w, v[i]);
}

evc_status evc_parser_save(const evc_parser *p, evc_bw *w)
{
    if (!p || !w)
        return EVC_ERR_ARG;
    evc_bw_bytes(w, MODEL_MAGIC, 8);
    evc_bw_u32(w, MODEL_VERSION);
    evc_bw_u32(w, (uint32_t)p->tags);
    put_strs(w, p->labels, p->nlabels);
    put_strs(w, p->upos, p->nupos);
    put_strs(w, p->xpos, p->nxpos);
    evc_wclass_save(p->wc, w);
    cw_save(&p->m, w);
    evc_bw_u32(w, w->crc);
    return w->err ? EVC_ERR_IO : EVC_OK;
}

static const char **get_strs(evc_br *r, evc_arena *a, int max, int *n)
{
    uint32_t c = evc_br_u32(r);
    *n = 0;
    if (r->err)
        return NULL;
    if (c > (uint32_t)max) {
        evc_br_fail(r, "too many labels or tags");
        return NULL;
    }
    const char **v = evc_arena_alloc(a, (c ? c : 1) * sizeof *v);
    if (!v) {
        evc_br_fail(r, "out of memory");
        return NULL;
    }
    for (uint32_t i = 0; i < c; i++) {
        v[i] = evc_br_str(r, a, 256);
        if (!v[i]) {
            evc_br_fail(r, "bad string");
            return NULL;
        }
        if (i && strcmp(v[i - 1], v[i]) >= 0) {
            evc_br_fail(r, "labels or tags not sorted");
            return NULL;
        }
    }
    *n = (int)c;
    return v;
}

evc_status evc_parser_load(evc_br *r, evc_parser **out, evc_error *err)
{
    if (!r || !out)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "evc_parser_load: NULL argument");
    *out = NULL;
    const char *what = NULL;
    evc_parser *p = calloc(1, sizeof *p);
    if (!p || !(p->arena = evc_arena_new(0))) {
        evc_parser_free(p);
        return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    p->lead = EARLY_LEAD;
    p->beam = EVC_PARSE_BEAM;
    char magic[8];
    evc_br_bytes(r, magic, 8);
    uint32_t version = evc_br_u32(r);
    uint32_t tags = evc_br_u32(r);
    if (!r->err && memcmp(magic, MODEL_MAGIC, 8) != 0) {
        what = "not a parser model (bad magic)";
        goto bad;
    }
    if (!r->err && version != MODEL_VERSION && version != 2) {
        what = "unsupported parser model version";
        goto bad;
    }
    if (!r->err && tags > 2) {
        what = "bad tag mode";
        goto bad;
    }
    p->tags = (int)tags;
    p->labels = get_strs(r, p->arena, PS_MAX_LABELS, &p->nlabels);
    p->upos = get_strs(r, p->arena, MAX_TAGS, &p->nupos);
    p->xpos = get_strs(r, p->arena, MAX_TAGS, &p->nxpos);
    /* version 2 has no word classes */
    if (r->err || (version >= 3 && evc_wclass_load(r, &p->wc)))
        goto bad;
    p->root_label = find_str(p->labels, p->nlabels, "root");
    if (p->nlabels < 1 || p->root_label < 0) {
        what = "no \"root\" label";
        goto bad;
    }
    if ((what = cw_load(&p->m, r, 1 + 2 * p->nlabels)) || r->err)
        goto bad;
    uint32_t crc = r->crc;
    uint32_t stored = evc_br_u32(r);
    if (r->err)
        goto bad;
    if (crc != stored) {
        what = "checksum mismatch (corrupt model)";
        goto bad;
    }
    if (cw_validate(&p->m, 1 + 2 * p->nlabels)) {
        what = "inconsistent weight table";
        goto bad;
    }
    *out = p;
    return EVC_OK;
bad:
    if (!what)
        what = r->what ? r->what : "corrupt";
    evc_parser_free(p);
    return evc_error_set(err, EVC_ERR_SYNTAX, NULL, 0, 0,
                         "parser model: %s", what);
}

const cw_model *ps_parser_weights(const evc_parser *p) { return &p->m; }
