/* tagger.c: UPOS|XPOS tagger: averaged perceptron (Collins 2002) over joint
 * labels with word, affix, shape, context and tag-set features (Ratnaparkhi
 * 1996) and the word classes of a word list and WordNet (wordlex.c); a
 * greedy right-to-left pass, then a stacked left-to-right pass that sees
 * the first pass's labels (trained on jackknifed output). */
#include "tag/tag.h"
#include "tag/map.h"
#include "tag/weights.h"
#include "tag/wordlex.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TAG_MAGIC 0x47415445u /* "ETAG" */
#define TAG_VERSION 2u /* 2: the word-class lexicon */
#define STACK_TOKENS 64   /* sentences up to this long need no allocation */
#define STACK_LABELS 128
#define NSUF 4
#define NPRE 3
#define MAX_LABEL_LEN 32
#define NPASS EVC_TAG_WPASSES

typedef struct label {
    const char *upos, *xpos;
    uint64_t lemkey;
} label;

typedef struct lex_entry {
    uint64_t amb;   /* hash of the set of labels seen with the word */
} lex_entry;

struct evc_tagger {
    int nlabel;
    label *labels;
    uint64_t tmask;       /* templates in use */
    int npass;            /* 1, or 2 when a second pass sees the first
                             pass's tags of the words to the right */
    int dir0;             /* direction of the first pass: 1 left to right,
                             -1 right to left */
    float mix;            /* weight of the first pass's scores in the
                             second pass's decisions (tuned on dev) */
    int32_t sure;         /* a first-pass lead (in its int16 weight units)
                             above which the second pass keeps the first
                             pass's label without scoring; 0: it always
                             scores (evc_tagger_set_exact) */
    evc_tag_weights *w[NPASS];
    evc_tag_wtable wt;    /* one lookup table over the weights of all passes */
    evc_tmap lex;         /* lower-case form -> index in lexv */
    uint64_t *lexk;       /* keys in insertion order */
    lex_entry *lexv;
    uint32_t nlex;
    evc_tmap unamb;       /* form -> label of frequent one-label words */
    uint64_t *unk;        /* keys in insertion order */
    uint32_t nunamb;
    evc_lemmatizer *lem;
    evc_wordlex *wl;      /* word classes from a word list and WordNet, or
                             NULL (then the T_WC* templates are off) */
    evc_arena *arena;     /* label strings */
};

/* Per-token hashes, computed once per sentence position. */
typedef struct tokf {
    uint64_t w, l, shape, amb, capfirst;
    uint64_t sentcap; /* how title-cased or upper-cased the sentence is */
    uint64_t wc;      /* word classes (wordlex.h) */
    uint64_t suf[NSUF], pre[NPRE];
    int unamb; /* label, or -1 */
} tokf;

/* ---------------------------------------------------------------- features */

enum {
    T_BIAS, T_W, T_L, T_SUF1, T_SUF2, T_SUF3, T_SUF4, T_PRE1, T_PRE2, T_PRE3,
    T_SHAPE, T_CAPFIRST, T_LM1, T_LM2, T_LP1, T_LP2, T_SUF3M1, T_SUF3P1,
    T_T1, T_T2T1, T_T1L, T_LM1L, T_LLP1, T_AMB, T_AMBP1, T_AMBP2, T_AMBM1,
    T_T1AMB, T_AMBAMBP1, T_SHAPEM1, T_SHAPEP1, T_T2, T_T1SUF3, T_T1AMBP1,
    T_SENTCAP,
    /* word classes of the word list and WordNet */
    T_WC, T_WCCAP, T_WCM1, T_WCP1, T_T1WC, T_WCSUF2, T_WCP2, T_WCLM1,
    /* second pass only: first-pass labels of this and the next words */
    T_P0, T_R1, T_R2, T_R1R2, T_T1R1, T_R1L, T_P0L, T_COUNT
};

#define FIRST_PASS2_T T_P0

/* Every template adds at most one feature: bounds for the key arrays of all
 * features of a token and of its label-independent ones. */
#define MAX_FEATS T_COUNT
#define MAX_STATIC T_COUNT

#define DEFAULT_TMASK ((1ULL << T_COUNT) - 1)
#define WC_TMASK                                                              \
    (1ULL << T_WC | 1ULL << T_WCCAP | 1ULL << T_WCM1 | 1ULL << T_WCP1 |       \
     1ULL << T_T1WC | 1ULL << T_WCSUF2 | 1ULL << T_WCP2 | 1ULL << T_WCLM1)

static inline uint64_t fk(int t, uint64_t v)
{
    return evc_tag_mix((uint64_t)(t + 1) * 0x9e3779b97f4a7c15ULL ^ v);
}

static inline uint64_t fk2(int t, uint64_t a, uint64_t b)
{
    return evc_tag_mix(fk(t, a) ^ b * 0xc2b2ae3d27d4eb4fULL);
}

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (uint8_t)s[i];
        h *= 0x100000001b3ULL;
    }
    return evc_tag_mix(h);
}

static uint64_t lower_hash(const char *s)
{
    return evc_tag_lower_hash_n(s, strlen(s));
}

static void pad_info(tokf *f, uint64_t v)
{
    f->w = f->l = f->shape = f->amb = f->capfirst = v;
    for (int k = 0; k < NSUF; k++)
        f->suf[k] = v;
    for (int k = 0; k < NPRE; k++)
        f->pre[k] = v;
    f->unamb = -1;
    f->sentcap = 0;
    f->wc = v;
}

static void token_info(const evc_tagger *t, const char *form, int first,
                       tokf *f)
{
    if (!form)
        form = "";
    size_t n = strlen(form);
    uint64_t hw = 0xcbf29ce484222325ULL, hl = hw;
    char shape[20];
    size_t ns = 0;
    int run = 0, upper0 = 0, nupper = 0, nalpha = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)form[i];
        unsigned char lc = c >= 'A' && c <= 'Z' ? c + 32 : c;
        hw = (hw ^ c) * 0x100000001b3ULL;
        hl = (hl ^ lc) * 0x100000001b3ULL;
        char cls;
        if (c >= 'A' && c <= 'Z') {
            cls = 'X';
            nupper++;
            nalpha++;
            if (i == 0)
                upper0 = 1;
        } else if (c >= 'a' && c <= 'z') {
            cls = 'x';
            nalpha++;
        } else if (c >= '0' && c <= '9') {
            cls = 'd';
        } else if (c >= 0x80) {
            if (c < 0xc0)
                continue; /* UTF-8 continuation byte */
            cls = 'u';
        } else {
            cls = (char)c;
        }
        if (ns > 0 && shape[ns - 1] == cls) {
            if (++run > 2)
                continue;
        } else {
            run = 1;
        }
        if (ns < sizeof shape)
            shape[ns++] = cls;
    }
    f->w = evc_tag_mix(hw);
    f->l = evc_tag_mix(hl);
    f->shape = hash_bytes(shape, ns);
    int allcap = nalpha > 0 && nupper == nalpha;
    f->capfirst = (uint64_t)(first * 4 + upper0 * 2 + allcap);
    uint64_t x = 0xcbf29ce484222325ULL;
    for (int k = 0; k < NSUF; k++) {
        if ((size_t)k < n) {
            unsigned char c = (unsigned char)form[n - 1 - (size_t)k];
            x = (x ^ (uint8_t)(c >= 'A' && c <= 'Z' ? c + 32 : c)) *
                0x100000001b3ULL;
        }
        f->suf[k] = evc_tag_mix(x + 1);
    }
    x = 0x84222325cbf29ce4ULL;
    for (int k = 0; k < NPRE; k++) {
        if ((size_t)k < n) {
            unsigned char c = (unsigned char)form[k];
            x = (x ^ (uint8_t)(c >= 'A' && c <= 'Z' ? c + 32 : c)) *
                0x100000001b3ULL;
        }
        f->pre[k] = evc_tag_mix(x + 2);
    }
    long li = evc_tmap_get(&t->lex, f->l);
    f->amb = li >= 0 ? t->lexv[li].amb : 0x5555;
    f->wc = t->wl ? evc_wordlex_get(t->wl, f->l) : 0;
    long ui = t->nunamb ? evc_tmap_get(&t->unamb, f->w) : -1;
    f->unamb = (int)ui;
}

/* Fills ti[0..n+4): ti[i+1] is token i, two pads on each side. */
static void sentence_info(const evc_tagger *t, const evc_sentence *s,
                          tokf *ti)
{
    pad_info(&ti[0], 0x1111);
    pad_info(&ti[1], 0x2222);
    int alpha = 0, cap = 0, upper = 0;
    for (int i = 1; i <= s->ntok; i++) {
        token_info(t, s->tok[i].form, i == 1, &ti[i + 1]);
        uint64_t cf = ti[i + 1].capfirst & 3;
        const char *w = s->tok[i].form;
        if (w && ((w[0] >= 'a' && w[0] <= 'z') || (w[0] >= 'A' && w[0] <= 'Z'))) {
            alpha++;
            cap += cf >= 2;
            upper += cf == 3;
        }
    }
    /* 0 no words, 1 mostly lower-case, 2 mixed, 3 title case, 4 capitals */
    uint64_t sc = alpha == 0 ? 0 : upper * 10 > alpha * 6 ? 4
                : cap * 10 > alpha * 6 ? 3 : cap * 10 > alpha * 3 ? 2 : 1;
    for (int i = 1; i <= s->ntok; i++)
        ti[i + 1].sentcap = sc;
    pad_info(&ti[s->ntok + 2], 0x3333);
    pad_info(&ti[s->ntok + 3], 0x4444);
}

/* Features of token i (c points at its tokf, with two neighbours on either
 * side); dir is 1 when decoding left to right, -1 right to left; t1, t2 are
 * the labels of the two tokens decoded before, in that direction (nlabel and
 * nlabel + 1 stand for the sentence edge); r, in the second pass, points at
 * the first pass's label of token i (r[1], r[2] follow; nlabel + 2 and + 3
 * stand for the sentence end). Returns the count. */
#define ADD(tm, key)                                                          \
    do {                                                                      \
        if (m >> (tm) & 1)                                                    \
            f[n++] = (key);                                                   \
    } while (0)

/* The features that do not depend on any label (so they can be looked up
 * ahead of time, once for both passes). */
static int static_features(uint64_t m, const tokf *c, uint64_t *f)
{
    int n = 0;
    ADD(T_BIAS, fk(T_BIAS, 0));
    ADD(T_W, fk(T_W, c->w));
    ADD(T_L, fk(T_L, c->l));
    for (int k = 0; k < NSUF; k++)
        ADD(T_SUF1 + k, fk(T_SUF1 + k, c->suf[k]));
    for (int k = 0; k < NPRE; k++)
        ADD(T_PRE1 + k, fk(T_PRE1 + k, c->pre[k]));
    ADD(T_SHAPE, fk(T_SHAPE, c->shape));
    ADD(T_CAPFIRST, fk(T_CAPFIRST, c->capfirst));
    ADD(T_LM1, fk(T_LM1, c[-1].l));
    ADD(T_LM2, fk(T_LM2, c[-2].l));
    ADD(T_LP1, fk(T_LP1, c[1].l));
    ADD(T_LP2, fk(T_LP2, c[2].l));
    ADD(T_SUF3M1, fk(T_SUF3M1, c[-1].suf[2]));
    ADD(T_SUF3P1, fk(T_SUF3P1, c[1].suf[2]));
    ADD(T_LM1L, fk2(T_LM1L, c[-1].l, c->l));
    ADD(T_LLP1, fk2(T_LLP1, c->l, c[1].l));
    ADD(T_AMB, fk(T_AMB, c->amb));
    ADD(T_AMBP1, fk(T_AMBP1, c[1].amb));
    ADD(T_AMBP2, fk(T_AMBP2, c[2].amb));
    ADD(T_AMBM1, fk(T_AMBM1, c[-1].amb));
    ADD(T_AMBAMBP1, fk2(T_AMBAMBP1, c->amb, c[1].amb));
    ADD(T_SHAPEM1, fk2(T_SHAPEM1, c[-1].shape, c->shape));
    ADD(T_SHAPEP1, fk2(T_SHAPEP1, c->shape, c[1].shape));
    ADD(T_SENTCAP, fk2(T_SENTCAP, c->capfirst, c->sentcap));
    ADD(T_WC, fk(T_WC, c->wc));
    ADD(T_WCCAP, fk2(T_WCCAP, c->wc, c->capfirst));
    ADD(T_WCM1, fk2(T_WCM1, c[-1].wc, c->wc));
    ADD(T_WCP1, fk2(T_WCP1, c->wc, c[1].wc));
    ADD(T_WCSUF2, fk2(T_WCSUF2, c->wc, c->suf[1]));
    ADD(T_WCP2, fk2(T_WCP2, c->wc, c[2].wc));
    ADD(T_WCLM1, fk2(T_WCLM1, c->wc, c[-1].l));
    return n;
}

/* The second pass's features of the first pass's labels (r as in
 * features()). */
static int first_pass_features(uint64_t m, const tokf *c, const int *r,
                               uint64_t *f)
{
    int n = 0;
    {
        uint64_t p0 = (uint64_t)r[0] + 0x777, r1 = (uint64_t)r[1] + 0x777,
                 r2 = (uint64_t)r[2] + 0x777;
        ADD(T_P0, fk(T_P0, p0));
        ADD(T_R1, fk(T_R1, r1));
        ADD(T_R2, fk(T_R2, r2));
        ADD(T_R1R2, fk2(T_R1R2, r1, r2));
        ADD(T_R1L, fk2(T_R1L, r1, c->l));
        ADD(T_P0L, fk2(T_P0L, p0, c->l));
    }
    return n;
}

/* The features of the labels decided before (t1, t2; see features()). */
static int label_features(uint64_t m, const tokf *c, int dir, int t1, int t2,
                          const int *r, uint64_t *f)
{
    int n = 0;
    uint64_t h1 = (uint64_t)t1 + 0x777, h2 = (uint64_t)t2 + 0x777;
    ADD(T_T1, fk(T_T1, h1));
    ADD(T_T2T1, fk2(T_T2T1, h1, h2));
    ADD(T_T1L, fk2(T_T1L, h1, c->l));
    ADD(T_T1AMB, fk2(T_T1AMB, h1, c->amb));
    ADD(T_T2, fk(T_T2, h2));
    ADD(T_T1SUF3, fk2(T_T1SUF3, h1, c->suf[2]));
    ADD(T_T1AMBP1, fk2(T_T1AMBP1, h1, c[dir].amb));
    ADD(T_T1WC, fk2(T_T1WC, h1, c->wc));
    if (r)
        ADD(T_T1R1, fk2(T_T1R1, h1, (uint64_t)r[1] + 0x777));
    return n;
}
#undef ADD

/* All features of token i (c points at its tokf, with two neighbours on
 * either side); dir is 1 when decoding left to right, -1 right to left;
 * t1, t2 are the labels of the two tokens decoded before, in that direction
 * (nlabel and nlabel + 1 stand for the sentence edge); r, in the second
 * pass, points at the first pass's label of token i (r[1], r[2] follow;
 * nlabel + 2 and + 3 stand for the sentence end). Returns the count. */
static int features(uint64_t m, const tokf *c, int dir, int t1, int t2,
                    const int *r, uint64_t *f)
{
    int n = static_features(m, c, f);
    if (r)
        n += first_pass_features(m, c, r, f + n);
    return n + label_features(m, c, dir, t1, t2, r, f + n);
}

static int argmax(const int32_t *s, int n)
{
    int b = 0;
    for (int k = 1; k < n; k++)
        if (s[k] > s[b])
            b = k;
    return b;
}

/* ---------------------------------------------------------------- tagging */

/* Token order k (1-based) of a pass in direction dir -> token index. */
static inline int nth(int k, int n, int dir) { return dir > 0 ? k : n + 1 - k; }

/* 64-bit words of scratch for STACK_TOKENS tokens (see scratch_size). */
#define SCRATCH_WORDS                                                         \
    (((STACK_TOKENS + 1) * STACK_LABELS * sizeof(int32_t) +                   \
      (STACK_TOKENS + 4) * sizeof(tokf) +                                     \
      2 * (STACK_TOKENS + 3) * sizeof(int) +                                  \
      (STACK_TOKENS + 1) * MAX_STATIC * sizeof(uint32_t) +                    \
      2 * (STACK_TOKENS + 1)) / 8 + 1)

/* Per-sentence scratch of the decoder. */
typedef struct scratch {
    tokf *ti;         /* n + 4 */
    int *p1, *p2;     /* labels of each pass, n + 3 each */
    uint32_t *off2;   /* second pass: the weight records of each token's
                         static features, MAX_STATIC per token */
    uint8_t *noff2;
    uint8_t *sure;    /* second pass: 1 where the first pass is sure */
    int32_t *s1;      /* first-pass scores, nlabel per token */
} scratch;

static size_t scratch_size(int n, int nlabel)
{
    return (size_t)(n + 1) * (size_t)nlabel * sizeof(int32_t) +
           (size_t)(n + 4) * sizeof(tokf) + 2 * (size_t)(n + 3) * sizeof(int) +
           (size_t)(n + 1) * MAX_STATIC * sizeof(uint32_t) + 2 * (size_t)(n + 1);
}

static void scratch_carve(scratch *sc, void *mem, int n, int nlabel)
{
    char *p = mem; /* 8-byte aligned: the tokf records go first */
    sc->ti = (tokf *)p;
    p += (size_t)(n + 4) * sizeof(tokf);
    sc->s1 = (int32_t *)p;
    p += (size_t)(n + 1) * (size_t)nlabel * sizeof(int32_t);
    sc->off2 = (uint32_t *)p;
    p += (size_t)(n + 1) * MAX_STATIC * sizeof(uint32_t);
    sc->p1 = (int *)p;
    p += (size_t)(n + 3) * sizeof(int);
    sc->p2 = (int *)p;
    p += (size_t)(n + 3) * sizeof(int);
    sc->noff2 = (uint8_t *)p;
    sc->sure = sc->noff2 + n + 1;
}

/* The first pass looks up the label-independent features two tokens ahead
 * of the decoding, with prefetches, so that their cache misses overlap
 * (the weights take megabytes): token k+2's keys are hashed and their slots
 * prefetched, token k+1's slots are read and its weights prefetched, and
 * the second pass's offsets are kept for it. */
typedef struct lookahead {
    uint64_t keys[3][MAX_STATIC];
    int nkeys[3];
    uint32_t offs[3][MAX_STATIC];
    int noffs[3];
} lookahead;

static void stage_keys(const evc_tagger *t, int k, int n, int dir,
                       const tokf *ti, lookahead *la)
{
    int slot = k % 3;
    la->nkeys[slot] = 0;
    if (k > n)
        return;
    int i = nth(k, n, dir);
    if (ti[i + 1].unamb >= 0)
        return;
    la->nkeys[slot] = static_features(t->tmask, &ti[i + 1], la->keys[slot]);
    evc_tag_wtable_prefetch(&t->wt, la->keys[slot], la->nkeys[slot]);
}

static void stage_resolve(const evc_tagger *t, int k, int n, int dir,
                          scratch *sc, lookahead *la)
{
    int slot = k % 3, m = 0, m2 = 0;
    uint32_t *o2 = NULL;
    if (k <= n && t->npass > 1)
        o2 = sc->off2 + (size_t)nth(k, n, dir) * MAX_STATIC;
    for (int j = 0; j < la->nkeys[slot]; j++) {
        uint32_t off = evc_tag_wtable_find(&t->wt, la->keys[slot][j]);
        if (!off)
            continue;
        EVC_TAG_PREFETCH(t->wt.ent + off);
        la->offs[slot][m++] = off;
        if (o2)
            o2[m2++] = off;
    }
    la->noffs[slot] = m;
    if (o2)
        sc->noff2[nth(k, n, dir)] = (uint8_t)m2;
}

/* With GCC on x86-64 Linux the two passes are compiled twice, for AVX2
 * and for the x86-64 baseline, and the loader picks one for the CPU (an
 * ifunc): the dense rows' adds are 16 lanes wide with AVX2. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) &&        \
    defined(__linux__)
#define TAG_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define TAG_CLONES
#endif

/* The first pass, in direction t->dir0, into sc->p1[1..n] (end markers at
 * n+1, n+2). */
TAG_CLONES
static void decode_first(const evc_tagger *t, int n, scratch *sc)
{
    lookahead la;
    uint64_t f[MAX_FEATS];
    int32_t scores[EVC_TAG_MAX_CLASSES + 1];
    const tokf *ti = sc->ti;
    int *out = sc->p1;
    int t1 = t->nlabel, t2 = t->nlabel + 1, dir = t->dir0;
    stage_keys(t, 1, n, dir, ti, &la);
    stage_keys(t, 2, n, dir, ti, &la);
    stage_resolve(t, 1, n, dir, sc, &la);
    for (int k = 1; k <= n; k++) {
        stage_keys(t, k + 2, n, dir, ti, &la);
        stage_resolve(t, k + 1, n, dir, sc, &la);
        int i = nth(k, n, dir);
        const tokf *c = &ti[i + 1];
        int p = c->unamb;
        if (p < 0) {
            memset(scores, 0, sizeof(int32_t) * (size_t)t->wt.npad);
            const uint32_t *offs = la.offs[k % 3];
            for (int j = 0; j < la.noffs[k % 3]; j++)
                evc_tag_wtable_add(&t->wt, 0, offs[j], scores);
            int nf = label_features(t->tmask, c, dir, t1, t2, NULL, f);
            evc_tag_wtable_score(&t->wt, 0, f, nf, scores);
            p = argmax(scores, t->nlabel);
            if (t->npass > 1)
                memcpy(sc->s1 + (size_t)i * (size_t)t->nlabel, scores,
                       sizeof(int32_t) * (size_t)t->nlabel);
        }
        out[i] = p;
        t2 = t1;
        t1 = p;
    }
    out[n + 1] = t->nlabel + 2;
    out[n + 2] = t->nlabel + 3;
}

/* The second pass's features of the first pass's labels, looked up ahead
 * like the static ones (stage_keys, stage_resolve). */
static void stage2_keys(const evc_tagger *t, int i, int n, const scratch *sc,
                        lookahead *la)
{
    int slot = i % 3;
    la->nkeys[slot] = 0;
    if (i > n || sc->ti[i + 1].unamb >= 0 || sc->sure[i])
        return;
    la->nkeys[slot] = first_pass_features(t->tmask, &sc->ti[i + 1],
                                          sc->p1 + i, la->keys[slot]);
    evc_tag_wtable_prefetch(&t->wt, la->keys[slot], la->nkeys[slot]);
    const uint32_t *o = sc->off2 + (size_t)i * MAX_STATIC;
    for (int j = 0; j < sc->noff2[i]; j++)
        EVC_TAG_PREFETCH(t->wt.ent + o[j]);
}

static void stage2_resolve(const evc_tagger *t, int i, lookahead *la)
{
    int slot = i % 3, m = 0;
    for (int j = 0; j < la->nkeys[slot]; j++) {
        uint32_t off = evc_tag_wtable_find(&t->wt, la->keys[slot][j]);
        if (off) {
            EVC_TAG_PREFETCH(t->wt.ent + off);
            la->offs[slot][m++] = off;
        }
    }
    la->noffs[slot] = m;
}

/* The lead of the first pass's best label over its next that makes the
 * second pass keep it: the largest weight of the first pass's int16 scale.
 * Chosen on EWT dev, where the tags come out the same (README). */
#define EARLY_SURE 32767

void evc_tagger_set_exact(evc_tagger *t, int exact)
{
    if (t)
        t->sure = exact ? 0 : EARLY_SURE;
}

/* Marks the tokens whose first-pass label leads the next by more than
 * t->sure: the second pass keeps it without scoring them. On EWT dev that
 * is two thirds of the tokens the second pass would score, with the same
 * tags (README). */
static void mark_sure(const evc_tagger *t, int n, scratch *sc)
{
    for (int i = 1; i <= n; i++) {
        sc->sure[i] = 0;
        if (t->sure <= 0 || sc->ti[i + 1].unamb >= 0)
            continue;
        const int32_t *s1 = sc->s1 + (size_t)i * (size_t)t->nlabel;
        int64_t b1 = INT64_MIN, b2 = INT64_MIN;
        for (int l = 0; l < t->nlabel; l++) {
            if (s1[l] > b1) {
                b2 = b1;
                b1 = s1[l];
            } else if (s1[l] > b2) {
                b2 = s1[l];
            }
        }
        sc->sure[i] = b2 == INT64_MIN || b1 - b2 > t->sure;
    }
}

/* The second pass, left to right, into sc->p2[1..n], reusing the static
 * lookups of the first. */
TAG_CLONES
static void decode_second(const evc_tagger *t, int n, scratch *sc)
{
    lookahead la;
    uint64_t f[MAX_FEATS];
    int32_t scores[EVC_TAG_MAX_CLASSES + 1];
    const tokf *ti = sc->ti;
    const int *p1 = sc->p1;
    int *out = sc->p2;
    int t1 = t->nlabel, t2 = t->nlabel + 1;
    mark_sure(t, n, sc);
    stage2_keys(t, 1, n, sc, &la);
    stage2_keys(t, 2, n, sc, &la);
    stage2_resolve(t, 1, &la);
    for (int i = 1; i <= n; i++) {
        stage2_keys(t, i + 2, n, sc, &la);
        stage2_resolve(t, i + 1, &la);
        const tokf *c = &ti[i + 1];
        int p = sc->sure[i] ? p1[i] : c->unamb;
        if (p < 0) {
            memset(scores, 0, sizeof(int32_t) * (size_t)t->wt.npad);
            const uint32_t *o = sc->off2 + (size_t)i * MAX_STATIC;
            for (int j = 0; j < sc->noff2[i]; j++)
                evc_tag_wtable_add(&t->wt, 1, o[j], scores);
            o = la.offs[i % 3];
            for (int j = 0; j < la.noffs[i % 3]; j++)
                evc_tag_wtable_add(&t->wt, 1, o[j], scores);
            int nf = label_features(t->tmask, c, 1, t1, t2, p1 + i, f);
            evc_tag_wtable_score(&t->wt, 1, f, nf, scores);
            if (t->mix > 0) {
                /* interpolate with the first pass (both in pass-2 units) */
                const int32_t *s1 = sc->s1 + (size_t)i * (size_t)t->nlabel;
                float k = t->mix * t->w[1]->scale / t->w[0]->scale;
                for (int l = 0; l < t->nlabel; l++)
                    scores[l] += (int32_t)(k * (float)s1[l]);
            }
            p = argmax(scores, t->nlabel);
        }
        out[i] = p;
        t2 = t1;
        t1 = p;
    }
    out[n + 1] = t->nlabel + 2;
    out[n + 2] = t->nlabel + 3;
}

/* Both passes; returns the final labels (sc->p1 or sc->p2). */
static const int *decode(const evc_tagger *t, const evc_sentence *s,
                         scratch *sc)
{
    sentence_info(t, s, sc->ti);
    decode_first(t, s->ntok, sc);
    if (t->npass < 2)
        return sc->p1;
    decode_second(t, s->ntok, sc);
    return sc->p2;
}

void evc_tagger_tag(const evc_tagger *t, evc_sentence *s, evc_arena *a)
{
    uint64_t stack[SCRATCH_WORDS]; /* 8-byte aligned */
    void *heap = NULL, *mem = stack;
    if (s->ntok <= 0)
        return;
    if (s->ntok > STACK_TOKENS || t->nlabel > STACK_LABELS) {
        size_t need = scratch_size(s->ntok, t->nlabel);
        mem = a ? evc_arena_alloc(a, need) : (heap = malloc(need));
        if (!mem) {
            /* No memory: leave the tags unknown rather than crash. */
            for (int i = 1; i <= s->ntok; i++) {
                s->tok[i].upos = s->tok[i].xpos = "X";
                s->tok[i].lemma = s->tok[i].form ? s->tok[i].form : "";
            }
            return;
        }
    }
    scratch sc;
    scratch_carve(&sc, mem, s->ntok, t->nlabel);
    const int *pred = decode(t, s, &sc);
    for (int i = 1; i <= s->ntok; i++) {
        evc_token *tok = &s->tok[i];
        const label *lb = &t->labels[pred[i]];
        tok->upos = lb->upos;
        tok->xpos = lb->xpos;
        tok->lemma = evc_lemmatizer_lemma_k(t->lem, tok->form, lb->lemkey, a);
    }
    free(heap);
}

void evc_tagger_eval(const evc_tagger *t, const evc_sentence *gold, size_t n,
                     evc_tag_eval *acc)
{
    evc_arena *a = evc_arena_new(0);
    evc_token *tok = NULL;
    int cap = 0;
    if (!a)
        return;
    for (size_t k = 0; k < n; k++) {
        const evc_sentence *g = &gold[k];
        if (g->ntok + 1 > cap) {
            cap = g->ntok + 1;
            evc_token *nt = realloc(tok, (size_t)cap * sizeof *nt);
            if (!nt)
                break;
            tok = nt;
        }
        memcpy(tok, g->tok, (size_t)(g->ntok + 1) * sizeof *tok);
        evc_sentence s = *g;
        s.tok = tok;
        evc_tagger_tag(t, &s, a);
        for (int i = 1; i <= g->ntok; i++) {
            const evc_token *x = &g->tok[i], *y = &tok[i];
            int u = x->upos && strcmp(x->upos, y->upos) == 0;
            int p = x->xpos && strcmp(x->xpos, y->xpos) == 0;
            acc->tokens++;
            acc->upos += (size_t)u;
            acc->xpos += (size_t)p;
            acc->both += (size_t)(u && p);
            acc->lemma += (size_t)(x->lemma && strcmp(x->lemma, y->lemma) == 0);
        }
        evc_arena_reset(a);
    }
    free(tok);
    evc_arena_free(a);
}

/* ---------------------------------------------------------------- model */

void evc_tagger_free(evc_tagger *t)
{
    if (!t)
        return;
    for (int k = 0; k < NPASS; k++)
        evc_tag_weights_free(t->w[k]);
    evc_tag_wtable_free(&t->wt);
    evc_tmap_free(&t->lex);
    evc_tmap_free(&t->unamb);
    free(t->lexk);
    free(t->lexv);
    free(t->unk);
    free(t->labels);
    evc_lemmatizer_free(t->lem);
    evc_wordlex_free(t->wl);
    evc_arena_free(t->arena);
    free(t);
}

void evc_tagger_stats_get(const evc_tagger *t, evc_tagger_stats *o)
{
    memset(o, 0, sizeof *o);
    o->labels = t->nlabel;
    for (int k = 0; k < t->npass; k++) {
        o->features += t->w[k]->nfeat;
        o->weights += t->w[k]->nent - 1 - t->w[k]->nfeat;
        o->file_bytes += evc_tag_weights_file_size(t->w[k]);
    }
    o->lexicon = t->nlex;
    o->lemma_entries = t->lem ? evc_lemmatizer_size(t->lem, NULL) : 0;
    o->word_classes = evc_wordlex_size(t->wl);
    o->file_bytes += (size_t)t->nlex * 16 + (size_t)t->nunamb * 9 +
                    o->lemma_entries * 10 + o->word_classes * 6;
}

evc_status evc_tagger_prune(evc_tagger *t, float min_abs)
{
    for (int k = 0; k < t->npass; k++) {
        evc_tag_weights *w = evc_tag_weights_prune(t->w[k], min_abs);
        if (!w)
            return EVC_ERR_NOMEM;
        evc_tag_weights_free(t->w[k]);
        t->w[k] = w;
    }
    return evc_tag_wtable_build(&t->wt, t->w, t->npass) ? EVC_ERR_NOMEM
                                                         : EVC_OK;
}

static evc_tagger *tagger_new(void)
{
    evc_tagger *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->dir0 = 1;
    t->arena = evc_arena_new(4096);
    if (!t->arena || evc_tmap_init(&t->lex, 1024) ||
        evc_tmap_init(&t->unamb, 256)) {
        evc_tagger_free(t);
        return NULL;
    }
    return t;
}

/* ---------------------------------------------------------------- training */

void evc_tag_train_opts_default(evc_tag_train_opts *o)
{
    memset(o, 0, sizeof *o);
    o->epochs = 8;
    o->seed = 1;
    o->prune = 1.0f;
    o->lex_min = 20;
    o->unamb_min = 30;
    o->best_epoch = 1;
    o->templates = DEFAULT_TMASK;
    o->passes = 2;
    o->folds = 4;
    o->fold_epochs = 4;
    o->first_r2l = 1;
    o->wordlist = "/usr/share/dict/american-english";
    o->wordnet = "/usr/share/wordnet";
}

static uint64_t label_key(const char *upos, const char *xpos)
{
    uint64_t a = hash_bytes(upos, strlen(upos));
    return evc_tag_mix(a ^ hash_bytes(xpos, strlen(xpos)) * 3);
}

static const char *or_blank(const char *s) { return s && s[0] ? s : "_"; }

typedef struct word_stat {
    uint32_t count;
    uint32_t head; /* label counts: index + 1 in the pool */
} word_stat;

typedef struct label_count {
    uint32_t label, count, next;
} label_count;

typedef struct train_state {
    evc_tagger *t;
    evc_tmap label_ix;
    int *gold;          /* gold label per training token, by sentence */
    size_t *gold_off;
    evc_tmap lw, rw;    /* lower / raw form -> word_stat index */
    word_stat *lws, *rws;
    uint64_t *lwk, *rwk;
    size_t nlw, nrw, caplw, caprw;
    label_count *pool;
    size_t npool, cappool;
} train_state;

static long intern_label(train_state *ts, const evc_token *tok)
{
    const char *u = or_blank(tok->upos), *x = or_blank(tok->xpos);
    uint64_t k = label_key(u, x);
    long id = evc_tmap_get(&ts->label_ix, k);
    if (id >= 0)
        return id;
    evc_tagger *t = ts->t;
    if (t->nlabel >= EVC_TAG_MAX_CLASSES - 2 || strlen(u) > MAX_LABEL_LEN ||
        strlen(x) > MAX_LABEL_LEN)
        return -1;
    label *nl = realloc(t->labels, (size_t)(t->nlabel + 1) * sizeof *nl);
    if (!nl)
        return -1;
    t->labels = nl;
    label *lb = &nl[t->nlabel];
    lb->upos = evc_arena_strdup(t->arena, u);
    lb->xpos = evc_arena_strdup(t->arena, x);
    if (!lb->upos || !lb->xpos)
        return -1;
    lb->lemkey = evc_lemma_tag_key(lb->upos, lb->xpos);
    if (evc_tmap_put(&ts->label_ix, k, (uint32_t)t->nlabel))
        return -1;
    return t->nlabel++;
}

static int count_word(train_state *ts, evc_tmap *m, word_stat **ws,
                      uint64_t **wk, size_t *nw, size_t *cap, uint64_t key,
                      int lab)
{
    long ix = evc_tmap_get(m, key);
    if (ix < 0) {
        if (*nw == *cap) {
            *cap = *cap ? *cap * 2 : 1 << 14;
            word_stat *n1 = realloc(*ws, *cap * sizeof *n1);
            if (!n1)
                return -1;
            *ws = n1;
            uint64_t *n2 = realloc(*wk, *cap * sizeof *n2);
            if (!n2)
                return -1;
            *wk = n2;
        }
        (*ws)[*nw].count = 0;
        (*ws)[*nw].head = 0;
        (*wk)[*nw] = key;
        if (evc_tmap_put(m, key, (uint32_t)*nw))
            return -1;
        ix = (long)(*nw)++;
    }
    word_stat *w = &(*ws)[ix];
    w->count++;
    for (uint32_t i = w->head; i; i = ts->pool[i - 1].next) {
        if ((int)ts->pool[i - 1].label == lab) {
            ts->pool[i - 1].count++;
            return 0;
        }
    }
    if (ts->npool == ts->cappool) {
        ts->cappool = ts->cappool ? ts->cappool * 2 : 1 << 15;
        label_count *np = realloc(ts->pool, ts->cappool * sizeof *np);
        if (!np)
            return -1;
        ts->pool = np;
    }
    label_count *lc = &ts->pool[ts->npool++];
    lc->label = (uint32_t)lab;
    lc->count = 1;
    lc->next = w->head;
    w->head = (uint32_t)ts->npool;
    return 0;
}

/* Labels, word statistics, the lexicon and the lookup words. */
static evc_status prepare(train_state *ts, const evc_sentence *train,
                          size_t ntrain, const evc_tag_train_opts *o)
{
    evc_tagger *t = ts->t;
    size_t ntok = 0;
    for (size_t k = 0; k < ntrain; k++)
        ntok += (size_t)(train[k].ntok > 0 ? train[k].ntok : 0);
    ts->gold = malloc((ntok ? ntok : 1) * sizeof *ts->gold);
    ts->gold_off = malloc((ntrain + 1) * sizeof *ts->gold_off);
    if (!ts->gold || !ts->gold_off || evc_tmap_init(&ts->label_ix, 256) ||
        evc_tmap_init(&ts->lw, 1 << 15) || evc_tmap_init(&ts->rw, 1 << 15))
        return EVC_ERR_NOMEM;
    size_t g = 0;
    for (size_t k = 0; k < ntrain; k++) {
        ts->gold_off[k] = g;
        for (int i = 1; i <= train[k].ntok; i++) {
            const evc_token *tok = &train[k].tok[i];
            long lab = intern_label(ts, tok);
            if (lab < 0)
                return EVC_ERR_LIMIT;
            ts->gold[g++] = (int)lab;
            const char *form = tok->form ? tok->form : "";
            if (count_word(ts, &ts->lw, &ts->lws, &ts->lwk, &ts->nlw,
                           &ts->caplw, lower_hash(form), (int)lab) ||
                count_word(ts, &ts->rw, &ts->rws, &ts->rwk, &ts->nrw,
                           &ts->caprw, hash_bytes(form, strlen(form)),
                           (int)lab))
                return EVC_ERR_NOMEM;
        }
    }
    ts->gold_off[ntrain] = g;
    /* Lexicon: the label set of each lower-case word seen lex_min times. */
    for (size_t k = 0; k < ts->nlw; k++) {
        const word_stat *w = &ts->lws[k];
        if (w->count < (uint32_t)o->lex_min)
            continue;
        uint64_t set[4] = {0, 0, 0, 0};
        for (uint32_t i = w->head; i; i = ts->pool[i - 1].next)
            set[ts->pool[i - 1].label >> 6] |= 1ULL << (ts->pool[i - 1].label & 63);
        uint64_t amb = evc_tag_mix(set[0] ^ evc_tag_mix(set[1] ^
                       evc_tag_mix(set[2] ^ evc_tag_mix(set[3] + 1))));
        lex_entry *nv = realloc(t->lexv, (t->nlex + 1) * sizeof *nv);
        if (!nv)
            return EVC_ERR_NOMEM;
        t->lexv = nv;
        uint64_t *nk = realloc(t->lexk, (t->nlex + 1) * sizeof *nk);
        if (!nk)
            return EVC_ERR_NOMEM;
        t->lexk = nk;
        t->lexv[t->nlex].amb = amb;
        t->lexk[t->nlex] = ts->lwk[k];
        if (evc_tmap_put(&t->lex, ts->lwk[k], t->nlex))
            return EVC_ERR_NOMEM;
        t->nlex++;
    }
    /* Lookup words: frequent forms with one label in >= 99% of their uses. */
    for (size_t k = 0; o->unamb_min > 0 && k < ts->nrw; k++) {
        const word_stat *w = &ts->rws[k];
        if (w->count < (uint32_t)o->unamb_min)
            continue;
        uint32_t best = 0, bc = 0;
        for (uint32_t i = w->head; i; i = ts->pool[i - 1].next) {
            const label_count *lc = &ts->pool[i - 1];
            if (lc->count > bc || (lc->count == bc && lc->label < best)) {
                best = lc->label;
                bc = lc->count;
            }
        }
        if ((double)bc < 0.99 * w->count)
            continue;
        uint64_t *nk = realloc(t->unk, (t->nunamb + 1) * sizeof *nk);
        if (!nk)
            return EVC_ERR_NOMEM;
        t->unk = nk;
        t->unk[t->nunamb++] = ts->rwk[k];
        if (evc_tmap_put(&t->unamb, ts->rwk[k], best))
            return EVC_ERR_NOMEM;
    }
    return EVC_OK;
}

static void train_state_free(train_state *ts)
{
    evc_tmap_free(&ts->label_ix);
    evc_tmap_free(&ts->lw);
    evc_tmap_free(&ts->rw);
    free(ts->gold);
    free(ts->gold_off);
    free(ts->lws);
    free(ts->rws);
    free(ts->lwk);
    free(ts->rwk);
    free(ts->pool);
}

static uint64_t rng_next(uint64_t *s)
{
    *s += 0x9e3779b97f4a7c15ULL;
    return evc_tag_mix(*s);
}

/* One perceptron training run for one pass. */
typedef struct fit_job {
    const evc_sentence *sents;
    const size_t *which;  /* the sentences to train on (indexes in sents) */
    size_t n;
    const int *gold;      /* gold labels: gold[off[k] + i - 1] is token i of
                             sentence k */
    const size_t *off;
    const int *p1;        /* second pass: first-pass labels, laid out as gold */
    int pass, epochs, keep_best;
    const evc_sentence *dev;
    size_t ndev;
    uint64_t seed;
    float prune;
    FILE *verbose;
    const char *name;
} fit_job;

/* Trains t->w[job->pass] (replacing it); with a dev set and keep_best, the
 * epoch with the best dev UPOS+XPOS accuracy is kept, else the last. */
static evc_status fit(evc_tagger *t, const fit_job *job)
{
    evc_status st = EVC_ERR_NOMEM;
    evc_tag_wtrain *wt = evc_tag_wtrain_new(t->nlabel);
    evc_tag_weights *best = NULL;
    size_t *order = malloc((job->n ? job->n : 1) * sizeof *order);
    int maxtok = 0;
    for (size_t k = 0; k < job->n; k++)
        if (job->sents[job->which[k]].ntok > maxtok)
            maxtok = job->sents[job->which[k]].ntok;
    tokf *ti = malloc((size_t)(maxtok + 4) * sizeof *ti);
    int *r = malloc((size_t)(maxtok + 3) * sizeof *r);
    uint64_t f[MAX_FEATS];
    int32_t scores[EVC_TAG_MAX_CLASSES + 1];
    double best_acc = -1;
    uint64_t rng = job->seed;
    if (!wt || !order || !ti || !r)
        goto done;
    evc_tag_weights_free(t->w[job->pass]);
    t->w[job->pass] = NULL;
    t->npass = job->pass + 1;
    memcpy(order, job->which, job->n * sizeof *order);
    for (int ep = 1; ep <= job->epochs; ep++) {
        for (size_t k = job->n; k > 1; k--) {
            size_t j = (size_t)(rng_next(&rng) % k);
            size_t tmp = order[k - 1];
            order[k - 1] = order[j];
            order[j] = tmp;
        }
        size_t seen = 0, right = 0;
        for (size_t k = 0; k < job->n; k++) {
            const evc_sentence *s = &job->sents[order[k]];
            const int *gold = job->gold + job->off[order[k]];
            const int *rr = NULL;
            if (job->p1) {
                memcpy(r + 1, job->p1 + job->off[order[k]],
                       (size_t)s->ntok * sizeof *r);
                r[s->ntok + 1] = t->nlabel + 2;
                r[s->ntok + 2] = t->nlabel + 3;
                rr = r;
            }
            sentence_info(t, s, ti);
            int t1 = t->nlabel, t2 = t->nlabel + 1;
            int dir = job->pass == 0 ? t->dir0 : 1;
            for (int kk = 1; kk <= s->ntok; kk++) {
                int i = dir > 0 ? kk : s->ntok + 1 - kk;
                const tokf *c = &ti[i + 1];
                int p = c->unamb, g = gold[i - 1];
                if (p < 0) {
                    int nf = features(t->tmask, c, dir, t1, t2,
                                      rr ? rr + i : NULL, f);
                    memset(scores, 0, sizeof(int32_t) * (size_t)t->nlabel);
                    evc_tag_wtrain_score(wt, f, nf, scores);
                    p = argmax(scores, t->nlabel);
                    if (evc_tag_wtrain_update(wt, f, nf, g, p))
                        goto done;
                    evc_tag_wtrain_tick(wt);
                }
                seen++;
                right += p == g;
                t2 = t1;
                t1 = p;
            }
        }
        evc_tag_weights *w = evc_tag_wtrain_compile(wt, job->prune);
        if (!w)
            goto done;
        if (t->w[job->pass] != best)
            evc_tag_weights_free(t->w[job->pass]);
        t->w[job->pass] = w;
        if (evc_tag_wtable_build(&t->wt, t->w, t->npass))
            goto done;
        int last = ep == job->epochs;
        if (job->dev && job->ndev && (job->keep_best || last || job->verbose)) {
            evc_tag_eval ev = {0};
            evc_tagger_eval(t, job->dev, job->ndev, &ev);
            double n = ev.tokens ? (double)ev.tokens : 1, acc = ev.both / n;
            if (job->verbose)
                fprintf(job->verbose,
                        "%s epoch %d: train %.2f%%, dev UPOS %.2f%% XPOS %.2f%% "
                        "both %.2f%% lemma %.2f%%, %u features\n",
                        job->name, ep, 100.0 * right / (seen ? seen : 1),
                        100 * ev.upos / n, 100 * ev.xpos / n, 100 * acc,
                        100 * ev.lemma / n, w->nfeat);
            if (job->keep_best && acc > best_acc) {
                if (best != w)
                    evc_tag_weights_free(best);
                best = w;
                best_acc = acc;
            }
        } else if (job->verbose) {
            fprintf(job->verbose, "%s epoch %d: train %.2f%%, %u features\n",
                    job->name, ep, 100.0 * right / (seen ? seen : 1),
                    w->nfeat);
        }
    }
    if (best && best != t->w[job->pass]) {
        evc_tag_weights_free(t->w[job->pass]);
        t->w[job->pass] = best;
        if (evc_tag_wtable_build(&t->wt, t->w, t->npass))
            goto done;
    }
    best = NULL;
    st = t->w[job->pass] ? EVC_OK : EVC_ERR_ARG;
done:
    if (best && best != t->w[job->pass])
        evc_tag_weights_free(best);
    evc_tag_wtrain_free(wt);
    free(order);
    free(ti);
    free(r);
    return st;
}

/* Trains the first pass on all sentences but every folds-th one (from
 * `fold`) and tags those, filling p1 with labels that are as wrong as
 * they will be on new text (jackknifing, as for stacked taggers). */
static evc_status jackknife(evc_tagger *t, fit_job job, int folds, int epochs,
                           int *p1)
{
    const evc_sentence *sents = job.sents;
    size_t nall = job.n;
    size_t *which = malloc((nall ? nall : 1) * sizeof *which);
    int maxtok = 0;
    for (size_t k = 0; k < nall; k++)
        if (sents[k].ntok > maxtok)
            maxtok = sents[k].ntok;
    void *mem = malloc(scratch_size(maxtok, t->nlabel));
    evc_status st = EVC_ERR_NOMEM;
    if (!which || !mem)
        goto done;
    scratch sc;
    scratch_carve(&sc, mem, maxtok, t->nlabel);
    for (int fold = 0; fold < folds; fold++) {
        size_t n = 0;
        for (size_t k = 0; k < nall; k++)
            if ((int)(k % (size_t)folds) != fold)
                which[n++] = k;
        job.which = which;
        job.n = n;
        job.pass = 0;
        job.epochs = epochs;
        job.keep_best = 0;
        job.dev = NULL;
        job.ndev = 0;
        job.seed = job.seed * 31 + (uint64_t)fold + 1;
        st = fit(t, &job);
        if (st != EVC_OK)
            goto done;
        for (size_t k = (size_t)fold; k < nall; k += (size_t)folds) {
            const int *out = decode(t, &sents[k], &sc);
            memcpy(p1 + job.off[k], out + 1,
                   (size_t)sents[k].ntok * sizeof *out);
        }
        if (job.verbose)
            fprintf(job.verbose, "jackknife fold %d/%d done\n", fold + 1, folds);
    }
    st = EVC_OK;
done:
    free(which);
    free(mem);
    return st;
}

/* Picks the weight of the first pass's scores in the second pass's
 * decisions that tags dev best (the passes decode in opposite directions,
 * so their scores are worth combining). */
static void tune_mix(evc_tagger *t, const evc_sentence *dev, size_t ndev,
                     FILE *verbose)
{
    static const float cand[] = {0.0f, 0.25f, 0.5f, 0.75f, 1.0f};
    float best = 0;
    size_t best_n = 0;
    for (size_t k = 0; k < sizeof cand / sizeof cand[0]; k++) {
        evc_tag_eval ev = {0};
        t->mix = cand[k];
        evc_tagger_eval(t, dev, ndev, &ev);
        if (verbose)
            fprintf(verbose, "first-pass weight %.2f: dev UPOS %.2f%% XPOS %.2f%% "
                    "both %.2f%%\n", cand[k], 100.0 * ev.upos / ev.tokens,
                    100.0 * ev.xpos / ev.tokens, 100.0 * ev.both / ev.tokens);
        if (k == 0 || ev.both > best_n) {
            best_n = ev.both;
            best = cand[k];
        }
    }
    t->mix = best;
}

evc_status evc_tagger_train(const evc_sentence *train, size_t ntrain,
                            const evc_sentence *dev, size_t ndev,
                            const evc_tag_train_opts *opts, evc_tagger **out,
                            evc_error *err)
{
    evc_tag_train_opts o;
    evc_tag_train_opts_default(&o);
    if (opts) {
        o.seed = opts->seed;
        o.verbose = opts->verbose;
        if (opts->epochs > 0)
            o.epochs = opts->epochs;
        if (opts->prune > 0)
            o.prune = opts->prune;
        if (opts->lex_min > 0)
            o.lex_min = opts->lex_min;
        if (opts->unamb_min != 0)
            o.unamb_min = opts->unamb_min;
        if (opts->best_epoch != 0)
            o.best_epoch = opts->best_epoch;
        if (opts->templates)
            o.templates = opts->templates;
        if (opts->passes > 0)
            o.passes = opts->passes > NPASS ? NPASS : opts->passes;
        if (opts->folds > 1)
            o.folds = opts->folds;
        if (opts->fold_epochs > 0)
            o.fold_epochs = opts->fold_epochs;
        if (opts->first_r2l)
            o.first_r2l = opts->first_r2l > 0;
        if (opts->wordlist)
            o.wordlist = opts->wordlist;
        if (opts->wordnet)
            o.wordnet = opts->wordnet;
    }
    *out = NULL;
    if (!train || ntrain == 0)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "tagger training: no training sentences");
    train_state ts;
    memset(&ts, 0, sizeof ts);
    size_t *all = NULL;
    int *p1 = NULL;
    evc_status st = EVC_ERR_NOMEM;
    const char *why = "out of memory";
    evc_tagger *t = tagger_new();
    if (!t)
        goto done;
    ts.t = t;
    st = evc_wordlex_build(o.wordlist, o.wordnet, &t->wl, err);
    if (st != EVC_OK)
        goto done;
    t->tmask = o.templates & (t->wl ? ~0ULL : ~WC_TMASK);
    t->dir0 = o.passes > 1 && o.first_r2l ? -1 : 1;
    st = prepare(&ts, train, ntrain, &o);
    if (st != EVC_OK) {
        if (st == EVC_ERR_LIMIT)
            why = "too many or too long UPOS|XPOS labels";
        goto done;
    }
    st = evc_lemmatizer_train(train, ntrain, &t->lem, err);
    if (st != EVC_OK)
        goto done;
    st = EVC_ERR_NOMEM;
    all = malloc(ntrain * sizeof *all);
    if (!all)
        goto done;
    for (size_t k = 0; k < ntrain; k++)
        all[k] = k;
    fit_job job = {train, all, ntrain, ts.gold, ts.gold_off, NULL, 0,
                   o.epochs, o.best_epoch > 0, dev, ndev, o.seed, o.prune,
                   o.verbose, "pass 1"};
    if (o.passes > 1) {
        p1 = malloc((ts.gold_off[ntrain] + 1) * sizeof *p1);
        if (!p1)
            goto done;
        st = jackknife(t, job, o.folds, o.fold_epochs, p1);
        if (st != EVC_OK)
            goto done;
    }
    st = fit(t, &job);
    if (st == EVC_OK && o.passes > 1) {
        job.pass = 1;
        job.p1 = p1;
        job.seed = o.seed + 7;
        job.name = "pass 2";
        st = fit(t, &job);
        if (st == EVC_OK && dev && ndev)
            tune_mix(t, dev, ndev, o.verbose);
    }
done:
    train_state_free(&ts);
    free(all);
    free(p1);
    if (st != EVC_OK) {
        evc_tagger_free(t);
        if (st == EVC_ERR_NOMEM || st == EVC_ERR_LIMIT)
            evc_error_set(err, st, NULL, 0, 0, "tagger training: %s", why);
        return st;
    }
    t->sure = EARLY_SURE;
    *out = t;
    return EVC_OK;
}

/* ---------------------------------------------------------------- file */

/* Layout: u32 magic, u32 version, u64 template mask, u32 labels and their
 * (upos, xpos) strings, the lexicon (u64 count, then u64 key + u64 tag-set
 * hash each), the lookup words (u64 count, u64 key + u8 label each), the
 * word-class lexicon (wordlex.h; count 0 when training had none), u32
 * passes, i32 direction of the first, f32 weight of the first pass's scores
 * in the second's, the weights of each pass, the lemmatizer, and the
 * writer's running CRC-32. */
evc_status evc_tagger_save(const evc_tagger *t, evc_bw *w)
{
    evc_bw_u32(w, TAG_MAGIC);
    evc_bw_u32(w, TAG_VERSION);
    evc_bw_u64(w, t->tmask);
    evc_bw_u32(w, (uint32_t)t->nlabel);
    for (int k = 0; k < t->nlabel; k++) {
        evc_bw_str(w, t->labels[k].upos);
        evc_bw_str(w, t->labels[k].xpos);
    }
    size_t bn = (size_t)t->nlex * 16 > (size_t)t->nunamb * 9
                    ? (size_t)t->nlex * 16 : (size_t)t->nunamb * 9;
    uint8_t *buf = malloc(bn + 1);
    if (!buf) {
        w->err = 1;
        return EVC_ERR_NOMEM;
    }
    evc_bw_u64(w, t->nlex);
    for (uint32_t k = 0; k < t->nlex; k++)
        for (int b = 0; b < 8; b++) {
            buf[16 * (size_t)k + b] = (uint8_t)(t->lexk[k] >> (8 * b));
            buf[16 * (size_t)k + 8 + b] = (uint8_t)(t->lexv[k].amb >> (8 * b));
        }
    evc_bw_bytes(w, buf, (size_t)t->nlex * 16);
    evc_bw_u64(w, t->nunamb);
    for (uint32_t k = 0; k < t->nunamb; k++) {
        for (int b = 0; b < 8; b++)
            buf[9 * (size_t)k + b] = (uint8_t)(t->unk[k] >> (8 * b));
        buf[9 * (size_t)k + 8] = (uint8_t)evc_tmap_get(&t->unamb, t->unk[k]);
    }
    evc_bw_bytes(w, buf, (size_t)t->nunamb * 9);
    free(buf);
    evc_wordlex_save(t->wl, w);
    evc_bw_u32(w, (uint32_t)t->npass);
    evc_bw_i32(w, t->dir0);
    evc_bw_f32(w, t->mix);
    for (int k = 0; k < t->npass; k++)
        evc_tag_weights_save(t->w[k], w);
    evc_lemmatizer_save(t->lem, w);
    evc_bw_u32(w, w->crc);
    return w->err ? EVC_ERR_IO : EVC_OK;
}

static uint64_t get_u64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int b = 7; b >= 0; b--)
        v = v << 8 | p[b];
    return v;
}

evc_status evc_tagger_load(evc_br *r, evc_tagger **out, evc_error *err)
{
    *out = NULL;
    uint8_t *buf = NULL;
    evc_tagger *t = tagger_new();
    if (!t)
        return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0,
                             "tagger model: out of memory");
    if (evc_br_u32(r) != TAG_MAGIC) {
        evc_br_fail(r, "not a tagger model");
        goto fail;
    }
    if (evc_br_u32(r) != TAG_VERSION) {
        evc_br_fail(r, "unsupported tagger model version");
        goto fail;
    }
    t->tmask = evc_br_u64(r);
    uint32_t nl = evc_br_u32(r);
    if (r->err)
        goto fail;
    if (nl < 1 || nl > EVC_TAG_MAX_CLASSES - 2) {
        evc_br_fail(r, "bad label count");
        goto fail;
    }
    t->labels = calloc(nl, sizeof *t->labels);
    if (!t->labels) {
        evc_br_fail(r, "out of memory");
        goto fail;
    }
    t->nlabel = (int)nl;
    for (uint32_t k = 0; k < nl; k++) {
        t->labels[k].upos = evc_br_str(r, t->arena, MAX_LABEL_LEN);
        t->labels[k].xpos = evc_br_str(r, t->arena, MAX_LABEL_LEN);
        if (r->err)
            goto fail;
        t->labels[k].lemkey = evc_lemma_tag_key(t->labels[k].upos,
                                                t->labels[k].xpos);
    }
    uint64_t n = evc_br_u64(r);
    if (r->err)
        goto fail;
    if (n > (uint64_t)(r->end - r->p) / 16) {
        evc_br_fail(r, "bad lexicon size");
        goto fail;
    }
    buf = malloc(n * 16 + 1);
    t->lexk = malloc((n ? n : 1) * sizeof *t->lexk);
    t->lexv = malloc((n ? n : 1) * sizeof *t->lexv);
    evc_tmap_free(&t->lex);
    if (!buf || !t->lexk || !t->lexv || evc_tmap_init(&t->lex, (size_t)n)) {
        evc_br_fail(r, "out of memory");
        goto fail;
    }
    if (evc_br_bytes(r, buf, n * 16))
        goto fail;
    for (size_t k = 0; k < n; k++) {
        t->lexk[k] = get_u64(buf + 16 * k);
        t->lexv[k].amb = get_u64(buf + 16 * k + 8);
        if (evc_tmap_get(&t->lex, t->lexk[k]) >= 0 ||
            evc_tmap_put(&t->lex, t->lexk[k], (uint32_t)k)) {
            evc_br_fail(r, "bad lexicon");
            goto fail;
        }
        t->nlex++;
    }
    free(buf);
    buf = NULL;
    n = evc_br_u64(r);
    if (r->err)
        goto fail;
    if (n > (uint64_t)(r->end - r->p) / 9) {
        evc_br_fail(r, "bad lookup-word count");
        goto fail;
    }
    buf = malloc(n * 9 + 1);
    t->unk = malloc((n ? n : 1) * sizeof *t->unk);
    evc_tmap_free(&t->unamb);
    if (!buf || !t->unk || evc_tmap_init(&t->unamb, (size_t)n)) {
        evc_br_fail(r, "out of memory");
        goto fail;
    }
    if (evc_br_bytes(r, buf, n * 9))
        goto fail;
    for (size_t k = 0; k < n; k++) {
        uint64_t key = get_u64(buf + 9 * k);
        if (buf[9 * k + 8] >= nl || evc_tmap_get(&t->unamb, key) >= 0 ||
            evc_tmap_put(&t->unamb, key, buf[9 * k + 8])) {
            evc_br_fail(r, "bad lookup word");
            goto fail;
        }
        t->unk[t->nunamb++] = key;
    }
    free(buf);
    buf = NULL;
    if (evc_wordlex_load(r, &t->wl))
        goto fail;
    if (!t->wl && (t->tmask & WC_TMASK)) {
        evc_br_fail(r, "word-class templates without a word lexicon");
        goto fail;
    }
    uint32_t np = evc_br_u32(r);
    if (r->err)
        goto fail;
    if (np < 1 || np > NPASS) {
        evc_br_fail(r, "bad pass count");
        goto fail;
    }
    t->npass = (int)np;
    t->dir0 = evc_br_i32(r);
    t->mix = evc_br_f32(r);
    if (t->dir0 != 1 && t->dir0 != -1) {
        evc_br_fail(r, "bad pass direction");
        goto fail;
    }
    if (!(t->mix >= 0 && t->mix <= 16)) {
        evc_br_fail(r, "bad pass mixing weight");
        goto fail;
    }
    for (uint32_t k = 0; k < np; k++) {
        t->w[k] = evc_tag_weights_load(r);
        if (!t->w[k])
            goto fail;
        if (t->w[k]->nclass != t->nlabel) {
            evc_br_fail(r, "weights and labels disagree");
            goto fail;
        }
    }
    t->lem = evc_lemmatizer_load(r);
    if (!t->lem)
        goto fail;
    if (evc_tag_wtable_build(&t->wt, t->w, t->npass)) {
        evc_br_fail(r, "out of memory");
        goto fail;
    }
    uint32_t want = r->crc;
    uint32_t crc = evc_br_u32(r);
    if (r->err)
        goto fail;
    if (crc != want) {
        evc_br_fail(r, "checksum mismatch (corrupt file)");
        goto fail;
    }
    t->sure = EARLY_SURE;
    *out = t;
    return EVC_OK;
fail:
    free(buf);
    evc_tagger_free(t);
    return evc_error_set(err, EVC_ERR_SYNTAX, NULL, 0, 0, "tagger model: %s",
                         r->what ? r->what : "invalid");
}
