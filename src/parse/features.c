/* features.c: the feature templates of an arc-hybrid configuration: the
 * rich non-local set of Zhang & Nivre (2011) (words, tags, distances,
 * valencies, child labels, label sets, second-order children), with s1, the
 * head that RIGHT would give s0, in the place of arc-eager's s0 head. */
#include "parse/parse_internal.h"
#include "nlp/wclass.h"

#include <string.h>

/* Templates hash their atoms with their own index as seed, so features of
 * different templates never share a key by construction of the seed. */
static inline uint64_t mix(uint64_t h, uint64_t v)
{
    h = (h ^ v) * 0xff51afd7ed558ccdULL;
    return h ^ (h >> 32);
}

static inline uint64_t fin(uint64_t h)
{
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 29;
    return h ? h : 1; /* 0 marks an empty slot in the weight tables */
}

static inline uint64_t seed(int t) { return (uint64_t)(t + 1) * 0x9E3779B97F4A7C15ULL; }

/* Template k (its seed) goes to the next lexical slot (0..PS_NLEX) or the
 * next other one (PS_NLEX on): k is a constant at each use, so the compiler
 * works the slots out. */
#define OUT(h) (out[tmpl_lexical[k] ? il++ : PS_NLEX + ia++] = (h), k++)
#define F1(a) OUT(fin(mix(seed(k), (a))))
#define F2(a, b) OUT(fin(mix(mix(seed(k), (a)), (b))))
#define F3(a, b, c) OUT(fin(mix(mix(mix(seed(k), (a)), (b)), (c))))
#define F4(a, b, c, d) OUT(fin(mix(mix(mix(mix(seed(k), (a)), (b)), (c)), (d))))

/* The templates (by their index, which seeds their hash) with a word form
 * (s0w, n0w, a child's word...), whatever else they hold. ps_features
 * writes them first, so that the parser can score the others alone; a
 * unit test checks the split against the templates' atoms. */
static const uint8_t tmpl_lexical[PS_NFEAT] = {
    [1] = 1, [2] = 1, [4] = 1, [5] = 1, [7] = 1, [8] = 1, [10] = 1,
    [11] = 1, [13] = 1, [14] = 1, [16] = 1, /* single words */
    [18] = 1, [19] = 1, [20] = 1, [21] = 1, [22] = 1, [23] = 1, /* s0 n0 */
    [26] = 1, [27] = 1, [28] = 1, [29] = 1, [30] = 1, [31] = 1, /* s1 s0 */
    [34] = 1, /* s1w n0w */
    [45] = 1, [47] = 1, [49] = 1, [51] = 1, [53] = 1, [55] = 1, /* dist */
    [57] = 1, [59] = 1, [61] = 1, [63] = 1, [65] = 1, /* valencies */
    [67] = 1, [70] = 1, [73] = 1, [76] = 1, [79] = 1, /* children */
    [82] = 1, [85] = 1, [88] = 1, [91] = 1, /* second-order children */
    [98] = 1, [100] = 1, [102] = 1, [104] = 1, [106] = 1, /* label sets */
    [116] = 1, [117] = 1, [118] = 1, [119] = 1, /* word with UPOS */
};

uint32_t ps_word_hash(const char *form)
{
    return form ? evc_word_hash(form, strlen(form)) : evc_word_hash("", 0);
}

/* Distance buckets: 1, 2, 3, 4, 5-6, 7-9, 10+; 0 when a side is missing. */
static inline uint32_t dist(int a, int b)
{
    if (a < 0 || b < 0)
        return 0;
    int d = a < b ? b - a : a - b;
    return d <= 4 ? (uint32_t)d : d <= 6 ? 5 : d <= 9 ? 6 : 7;
}

int ps_features(const ps_sent *s, const ps_state *st, uint64_t *out)
{
    int k = 0, il = 0, ia = 0, n = st->n, top = st->top;
    int s0 = st->stack[top];
    int s1 = top >= 1 ? st->stack[top - 1] : -1;
    int s2 = top >= 2 ? st->stack[top - 2] : -1;
    int n0 = st->b <= n ? st->b : -1;
    int n1 = st->b + 1 <= n ? st->b + 1 : -1;
    int n2 = st->b + 2 <= n ? st->b + 2 : -1;
#define KID(arr, x) ((x) >= 0 && st->arr[x] ? st->arr[x] : -1)
    int s0l = KID(lc1, s0), s0l2 = KID(lc2, s0);
    int s0r = KID(rc1, s0), s0r2 = KID(rc2, s0);
    int n0l = KID(lc1, n0), n0l2 = KID(lc2, n0);
    int s1l = KID(lc1, s1), s1r = KID(rc1, s1), s1r2 = KID(rc2, s1);
#undef KID
#define W(x) ((x) < 0 ? PS_W_NONE : s->w[x])
#define P(x) ((x) < 0 ? PS_P_NONE : s->p[x])
#define L(x) ((x) < 0 ? 0u : 1u + st->lab[x])
#define VL(x) ((x) < 0 ? 0xffu : (uint32_t)(st->nl[x] < 7 ? st->nl[x] : 7))
#define VR(x) ((x) < 0 ? 0xffu : (uint32_t)(st->nr[x] < 7 ? st->nr[x] : 7))
#define SL(x) ((x) < 0 ? ~0ULL : st->lset[x])
#define SR(x) ((x) < 0 ? ~0ULL : st->rset[x])
    uint64_t s0w = W(s0), s0p = P(s0), s1w = W(s1), s1p = P(s1);
    uint64_t s2w = W(s2), s2p = P(s2);
    uint64_t n0w = W(n0), n0p = P(n0), n1w = W(n1), n1p = P(n1);
    uint64_t n2w = W(n2), n2p = P(n2);
    uint64_t s0lp = P(s0l), s0rp = P(s0r), n0lp = P(n0l), s1rp = P(s1r);
    uint64_t d = dist(s0, n0), e = dist(s1, s0);
#define U(x) ((x) < 0 ? PS_P_NONE : s->u[x])
    uint64_t s0u = U(s0), s1u = U(s1), n0u = U(n0), n1u = U(n1);
#undef U

    F1(0); /* bias */
    /* single words */
    F2(s0w, s0p); F1(s0w); F1(s0p);
    F2(n0w, n0p); F1(n0w); F1(n0p);
    F2(n1w, n1p); F1(n1w); F1(n1p);
    F2(n2w, n2p); F1(n2w); F1(n2p);
    F2(s1w, s1p); F1(s1w); F1(s1p);
    F2(s2w, s2p); F1(s2p);
    /* pairs: s0 with n0 (LEFT), s1 with s0 (RIGHT) */
    F4(s0w, s0p, n0w, n0p); F3(s0w, s0p, n0w); F3(s0w, n0w, n0p);
    F3(s0w, s0p, n0p); F3(s0p, n0w, n0p); F2(s0w, n0w); F2(s0p, n0p);
    F2(n0p, n1p);
    F4(s1w, s1p, s0w, s0p); F3(s1w, s1p, s0w); F3(s1w, s0w, s0p);
    F3(s1w, s1p, s0p); F3(s1p, s0w, s0p); F2(s1w, s0w); F2(s1p, s0p);
    F2(s1p, n0p); F2(s1w, n0w);
    /* tag triples */
    F3(n0p, n1p, n2p); F3(s0p, n0p, n1p); F3(s1p, s0p, n0p);
    F3(s0p, s0lp, n0p); F3(s0p, s0rp, n0p); F3(s0p, n0p, n0lp);
    F3(s1p, s0p, s0lp); F3(s1p, s0p, s0rp); F3(s1p, s1rp, s0p);
    F3(s2p, s1p, s0p);
    /* distances */
    F2(s0w, d); F2(s0p, d); F2(n0w, d); F2(n0p, d);
    F3(s0w, n0w, d); F3(s0p, n0p, d);
    F2(s1w, e); F2(s1p, e); F2(s0w, e + 8); F2(s0p, e + 8);
    F3(s1w, s0w, e); F3(s1p, s0p, e);
    /* valencies */
    F2(s0w, VR(s0)); F2(s0p, VR(s0)); F2(s0w, VL(s0)); F2(s0p, VL(s0));
    F2(n0w, VL(n0)); F2(n0p, VL(n0));
    F2(s1w, VR(s1)); F2(s1p, VR(s1)); F2(s1w, VL(s1)); F2(s1p, VL(s1));
    /* first-order children */
    F1(W(s0l)); F1(s0lp); F1(L(s0l));
    F1(W(s0r)); F1(s0rp); F1(L(s0r));
    F1(W(n0l)); F1(n0lp); F1(L(n0l));
    F1(W(s1r)); F1(s1rp); F1(L(s1r));
    F1(W(s1l)); F1(P(s1l)); F1(L(s1l));
    /* second-order children */
    F1(W(s0l2)); F1(P(s0l2)); F1(L(s0l2));
    F1(W(s0r2)); F1(P(s0r2)); F1(L(s0r2));
    F1(W(n0l2)); F1(P(n0l2)); F1(L(n0l2));
    F1(W(s1r2)); F1(P(s1r2)); F1(L(s1r2));
    F3(s0p, s0lp, P(s0l2)); F3(s0p, s0rp, P(s0r2));
    F3(n0p, n0lp, P(n0l2)); F3(s1p, s1rp, P(s1r2));
    /* label sets */
    F2(s0w, SR(s0)); F2(s0p, SR(s0)); F2(s0w, SL(s0)); F2(s0p, SL(s0));
    F2(n0w, SL(n0)); F2(n0p, SL(n0));
    F2(s1w, SR(s1)); F2(s1p, SR(s1)); F2(s1w, SL(s1)); F2(s1p, SL(s1));
    /* UPOS alone, for when the tagger gets XPOS wrong but UPOS right */
    F1(s0u); F1(n0u); F1(s1u); F1(n1u);
    F2(s0u, n0u); F2(s1u, s0u); F3(s0u, n0u, n1u); F3(s1u, s0u, n0u);
    F2(s0w, n0u); F2(s0u, n0w); F2(s1w, s0u); F2(s1u, s0w);
    F3(s0u, n0u, d); F3(s1u, s0u, e);
    /* word classes: what a word's distributional neighbours would say */
    if (s->c) {
#define C(x) ((x) < 0 ? PS_C_NONE : s->c[x])
        uint64_t cs0 = C(s0), cn0 = C(n0), cn1 = C(n1), cs1 = C(s1);
        F1(cs0); F1(cn0); F1(cn1); F1(cs1);
        F2(cs0, cn0); F2(cs1, cs0); F2(cn0, cn1);
        F2(cs0, n0p); F2(s0p, cn0); F2(cs1, s0p); F2(s1p, cs0);
        F3(cs0, cn0, d); F3(cs1, cs0, e);
        F2(C(s0l), s0p); F2(C(s0r), s0p); F2(C(n0l), n0p);
#undef C
    }
#undef W
#undef P
#undef L
#undef VL
#undef VR
#undef SL
#undef SR
    return k;
}
