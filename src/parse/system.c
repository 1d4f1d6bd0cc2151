/* system.c: the labeled arc-hybrid transition system (Kuhlmann, Gomez-
 * Rodriguez & Satta 2011) with a single-root constraint, its dynamic oracle
 * (Goldberg & Nivre 2013), a static oracle, and projectivization by lifting. */
#include "parse/parse_internal.h"

#include <limits.h>
#include <string.h>

size_t ps_state_bytes(int n)
{
    size_t m = (size_t)n + 1;
    /* 6 int arrays, 3 byte arrays, 2 u64 arrays, each rounded to 8 bytes */
    size_t ints = (m * sizeof(int) + 7) & ~(size_t)7;
    size_t bytes = (m + 7) & ~(size_t)7;
    return 6 * ints + 3 * bytes + 2 * m * sizeof(uint64_t);
}

/* Points st's arrays into mem (ps_state_bytes(n) bytes) without touching
 * their contents. */
static void layout(ps_state *st, int n, void *mem)
{
    size_t m = (size_t)n + 1;
    size_t ints = (m * sizeof(int) + 7) & ~(size_t)7;
    size_t bytes = (m + 7) & ~(size_t)7;
    char *p = mem;
    st->lset = (uint64_t *)(void *)p;
    p += m * sizeof(uint64_t);
    st->rset = (uint64_t *)(void *)p;
    p += m * sizeof(uint64_t);
    st->stack = (int *)(void *)p;
    p += ints;
    st->head = (int *)(void *)p;
    p += ints;
    st->lc1 = (int *)(void *)p;
    p += ints;
    st->lc2 = (int *)(void *)p;
    p += ints;
    st->rc1 = (int *)(void *)p;
    p += ints;
    st->rc2 = (int *)(void *)p;
    p += ints;
    st->lab = (uint8_t *)p;
    p += bytes;
    st->nl = (uint8_t *)p;
    p += bytes;
    st->nr = (uint8_t *)p;
    st->n = n;
}

void ps_state_init(ps_state *st, int n, void *mem)
{
    size_t m = (size_t)n + 1;
    layout(st, n, mem);
    st->top = 0;
    st->stack[0] = 0;
    st->b = 1; /* with n == 0 the state is terminal at once */
    for (size_t i = 0; i < m; i++)
        st->head[i] = -1;
    memset(st->lab, 0, m);
    memset(st->nl, 0, m);
    memset(st->nr, 0, m);
    memset(st->lc1, 0, m * sizeof(int));
    memset(st->lc2, 0, m * sizeof(int));
    memset(st->rc1, 0, m * sizeof(int));
    memset(st->rc2, 0, m * sizeof(int));
    memset(st->lset, 0, m * sizeof(uint64_t));
    memset(st->rset, 0, m * sizeof(uint64_t));
}

void ps_state_copy(ps_state *dst, void *mem, const ps_state *src)
{
    /* the arrays are one block that starts at lset (layout) */
    memcpy(mem, src->lset, ps_state_bytes(src->n));
    layout(dst, src->n, mem);
    dst->top = src->top;
    dst->b = src->b;
}

int ps_legal(const ps_state *st)
{
    int m = 0;
    int buf = st->b <= st->n;
    if (buf)
        m |= PS_CAN_SHIFT;
    if (st->top >= 1 && buf)
        m |= PS_CAN_LEFT;
    /* s1 is the root only when top == 1: then the buffer must be empty */
    if (st->top >= 2 || (st->top == 1 && !buf))
        m |= PS_CAN_RIGHT;
    return m;
}

static void attach(ps_state *st, int h, int d, int l)
{
    st->head[d] = h;
    st->lab[d] = (uint8_t)l;
    if (d < h) {
        if (!st->lc1[h] || d < st->lc1[h]) {
            st->lc2[h] = st->lc1[h];
            st->lc1[h] = d;
        } else if (!st->lc2[h] || d < st->lc2[h]) {
            st->lc2[h] = d;
        }
        if (st->nl[h] < 255)
            st->nl[h]++;
        st->lset[h] |= (uint64_t)1 << (l & 63);
    } else {
        if (!st->rc1[h] || d > st->rc1[h]) {
            st->rc2[h] = st->rc1[h];
            st->rc1[h] = d;
        } else if (!st->rc2[h] || d > st->rc2[h]) {
            st->rc2[h] = d;
        }
        if (st->nr[h] < 255)
            st->nr[h]++;
        st->rset[h] |= (uint64_t)1 << (l & 63);
    }
}

void ps_apply(ps_state *st, int action, int nlabels)
{
    if (action == PS_SHIFT) {
        st->stack[++st->top] = st->b++;
    } else if (action <= nlabels) {
        int d = st->stack[st->top--];
        attach(st, st->b, d, action - 1);
    } else {
        int d = st->stack[st->top--];
        attach(st, st->stack[st->top], d, action - 1 - nlabels);
    }
}

/* x is on the stack: left of the buffer and not attached (0 always is). */
static int on_stack(const ps_state *st, int x)
{
    return x == 0 || (x < st->b && st->head[x] < 0);
}

/* Gold dependents of x still in the buffer: they are lost once x is popped. */
static int kids_in_buffer(const ps_state *st, const ps_gold *g, int x)
{
    int c = 0;
    for (int k = g->kid_off[x]; k < g->kid_off[x + 1]; k++)
        c += g->kids[k] >= st->b;
    return c;
}

void ps_oracle_costs(const ps_state *st, const ps_gold *g, int cost[3],
                     int *left_label, int *right_label)
{
    int legal = ps_legal(st);
    int s0 = ps_s0(st), b = st->b;
    int s1 = st->top >= 1 ? st->stack[st->top - 1] : -1;
    cost[0] = cost[1] = cost[2] = INT_MAX;
    *left_label = *right_label = -1;
    if (legal & PS_CAN_SHIFT) {
        /* b0 pushed: it can still get s0 or a buffer word as head, and can
         * no longer take any stack word as a dependent */
        int c = 0, h = g->head[b];
        if (h != s0 && h < b && on_stack(st, h))
            c++;
        for (int k = g->kid_off[b]; k < g->kid_off[b + 1]; k++) {
            int d = g->kids[k];
            c += d < b && on_stack(st, d);
        }
        cost[0] = c;
    }
    if (legal & (PS_CAN_LEFT | PS_CAN_RIGHT)) {
        int h = g->head[s0];
        int lost_kids = kids_in_buffer(st, g, s0);
        if (legal & PS_CAN_LEFT) {
            cost[1] = lost_kids + (h != b && (h == s1 || h >= b));
            if (h == b)
                *left_label = g->lab[s0];
        }
        if (legal & PS_CAN_RIGHT) {
            cost[2] = lost_kids + (h != s1 && h >= b);
            if (h == s1)
                *right_label = g->lab[s0];
        }
    }
}

int ps_static_oracle(const ps_state *st, const ps_gold *g, int nlabels)
{
    int legal = ps_legal(st);
    int s0 = ps_s0(st);
    if (legal & (PS_CAN_LEFT | PS_CAN_RIGHT)) {
        int h = g->head[s0];
        int done = kids_in_buffer(st, g, s0) == 0;
        if ((legal & PS_CAN_LEFT) && h == st->b && done)
            return 1 + g->lab[s0];
        if ((legal & PS_CAN_RIGHT) && h == st->stack[st->top - 1] && done)
            return 1 + nlabels + g->lab[s0];
    }
    return (legal & PS_CAN_SHIFT) ? PS_SHIFT
           : (legal & PS_CAN_RIGHT) ? 1 + nlabels + g->lab[s0]
                                     : PS_SHIFT;
}

/* ---------------------------------------------------------------- projectivity */

/* 1 if a is h or below it. Heads form a tree, so the walk ends at 0. */
static int dominates(const int *heads, int n, int h, int a)
{
    for (int steps = 0; steps <= n; steps++) {
        if (a == h)
            return 1;
        if (a <= 0)
            return 0;
        a = heads[a];
    }
    return 0; /* a cycle: not a tree */
}

/* The arc heads[d] -> d is projective when h dominates every word between. */
static int arc_projective(const int *heads, int n, int d)
{
    int h = heads[d];
    int lo = h < d ? h : d, hi = h < d ? d : h;
    for (int k = lo + 1; k < hi; k++)
        if (!dominates(heads, n, h, k))
            return 0;
    return 1;
}

int ps_is_projective(const int *heads, int n)
{
    for (int d = 1; d <= n; d++)
        if (!arc_projective(heads, n, d))
            return 0;
    return 1;
}

int ps_projectivize(int *heads, int n)
{
    int lifts = 0;
    for (;;) {
        int best = 0, best_len = INT_MAX;
        for (int d = 1; d <= n; d++) {
            int len = heads[d] > d ? heads[d] - d : d - heads[d];
            if (heads[d] > 0 && len < best_len && !arc_projective(heads, n, d)) {
                best = d;
                best_len = len;
            }
        }
        if (!best)
            return lifts;
        heads[best] = heads[heads[best]];
        lifts++;
    }
}
