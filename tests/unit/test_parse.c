/* test_parse.c: the dependency parser (src/parse): the arc-hybrid oracles on
 * hand-built and random trees, projectivization, a training smoke test on a
 * slice of EWT (well-formed trees, UAS floor), determinism, the model file's
 * round trip, and corrupt or truncated models. Run from the project root. */
#include "evcode.h"
#include "parse/parse.h"
#include "parse/parse_internal.h"
#include "testing.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EWT SHARED "/data/ud/UD_English-EWT/"

/* ------------------------------------------------------------ helpers */

static uint64_t rng = 12345;
static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

/* Gold tree arrays for the oracle. */
typedef struct gold {
    int n;
    int head[64];
    uint8_t lab[64];
    int kid_off[66], kids[64];
    ps_gold g;
} gold;

static void gold_make(gold *t, int n, const int *head, const uint8_t *lab)
{
    t->n = n;
    memset(t->kid_off, 0, sizeof t->kid_off);
    t->head[0] = -1;
    t->lab[0] = 0;
    for (int i = 1; i <= n; i++) {
        t->head[i] = head[i];
        t->lab[i] = lab ? lab[i] : (uint8_t)(i % 3);
        t->kid_off[head[i] + 1]++;
    }
    for (int h = 0; h <= n; h++)
        t->kid_off[h + 1] += t->kid_off[h];
    int fill[66];
    memcpy(fill, t->kid_off, sizeof fill);
    for (int i = 1; i <= n; i++)
        t->kids[fill[head[i]]++] = i;
    t->g.n = n;
    t->g.head = t->head;
    t->g.lab = t->lab;
    t->g.kid_off = t->kid_off;
    t->g.kids = t->kids;
}

/* A random projective tree over lo..hi below head h (recursive split). */
static void rand_proj(int *head, int lo, int hi, int h)
{
    if (lo > hi)
        return;
    int r = lo + (int)rnd((unsigned)(hi - lo + 1));
    head[r] = h;
    rand_proj(head, lo, r - 1, r);
    rand_proj(head, r + 1, hi, r);
}

static int labeled_cost(const ps_state *st, const gold *t, int a, int nl)
{
    int cost[3], ll, rl;
    ps_oracle_costs(st, &t->g, cost, &ll, &rl);
    if (a == PS_SHIFT)
        return cost[0];
    if (a <= nl)
        return cost[1] == INT_MAX ? INT_MAX : cost[1] + (ll >= 0 && a - 1 != ll);
    return cost[2] == INT_MAX ? INT_MAX : cost[2] + (rl >= 0 && a - 1 - nl != rl);
}

/* All labeled actions legal in st (root label 0 only onto the root). */
static int legal_actions(const ps_state *st, int nl, int *out)
{
    int m = ps_legal(st), k = 0;
    if (m & PS_CAN_SHIFT)
        out[k++] = PS_SHIFT;
    for (int l = 1; l < nl && (m & PS_CAN_LEFT); l++)
        out[k++] = 1 + l;
    if ((m & PS_CAN_RIGHT) && st->top == 1)
        out[k++] = 1 + nl; /* label 0 is "root" here */
    else
        for (int l = 1; l < nl && (m & PS_CAN_RIGHT); l++)
            out[k++] = 1 + nl + l;
    return k;
}

/* ------------------------------------------------------------ oracles */

/* "The cat sat on the mat ." with labels 1..3 and 0 for the root. */
static void test_static_oracle_hand(void)
{
    int head[] = {-1, 2, 3, 0, 6, 6, 3, 3};
    uint8_t lab[] = {0, 1, 2, 0, 1, 1, 3, 2};
    gold t;
    gold_make(&t, 7, head, lab);
    static char mem[4096];
    ps_state st;
    ps_state_init(&st, 7, mem);
    int nl = 4, steps = 0, zero = 1;
    char seq[32];
    while (!ps_terminal(&st) && steps < 30) {
        int a = ps_static_oracle(&st, &t.g, nl);
        zero &= labeled_cost(&st, &t, a, nl) == 0;
        seq[steps++] = a == PS_SHIFT ? 'S' : a <= nl ? 'L' : 'R';
        ps_apply(&st, a, nl);
    }
    seq[steps] = 0;
    CHECK_STR(seq, "SLSLSSSLLSRSRR");
    CHECK(zero);
    for (int i = 1; i <= 7; i++) {
        CHECK_INT(st.head[i], head[i]);
        CHECK_INT(st.lab[i], lab[i]);
    }
    /* children records feed the features */
    CHECK_INT(st.lc1[3], 2);
    CHECK_INT(st.rc1[3], 7);
    CHECK_INT(st.rc2[3], 6);
    CHECK_INT(st.nl[6], 2);
    CHECK_INT(st.lc1[6], 4);
    CHECK_INT(st.lc2[6], 5);
}

/* On random projective trees: the static derivation reproduces the tree
 * with zero dynamic cost at every step; following any zero-cost action does
 * too; and after random moves, the best completion loses exactly the sum of
 * the costs paid (the oracle is exact). */
static void test_oracles_random(void)
{
    static char mem[1 << 14];
    int nl = 5, bad_static = 0, bad_zero = 0, bad_dynamic = 0, trials = 0;
    for (int trial = 0; trial < 400; trial++) {
        int n = 1 + (int)rnd(30), head[64];
        uint8_t lab[64];
        head[0] = -1;
        rand_proj(head, 1, n, 0);
        for (int i = 1; i <= n; i++)
            lab[i] = head[i] == 0 ? 0 : (uint8_t)(1 + rnd((unsigned)nl - 1));
        if (!ps_is_projective(head, n)) {
            bad_static++;
            continue;
        }
        gold t;
        gold_make(&t, n, head, lab);
        ps_state st;

        /* static oracle */
        ps_state_init(&st, n, mem);
        int ok = 1;
        while (!ps_terminal(&st)) {
            int a = ps_static_oracle(&st, &t.g, nl);
            ok &= labeled_cost(&st, &t, a, nl) == 0;
            ps_apply(&st, a, nl);
        }
        for (int i = 1; i <= n; i++)
            ok &= st.head[i] == head[i] && st.lab[i] == lab[i];
        bad_static += !ok;

        /* random zero-cost actions */
        ps_state_init(&st, n, mem);
        ok = 1;
        while (!ps_terminal(&st)) {
            int acts[PS_MAX_ACTIONS], k = legal_actions(&st, nl, acts), z[PS_MAX_ACTIONS], nz = 0;
            for (int j = 0; j < k; j++)
                if (labeled_cost(&st, &t, acts[j], nl) == 0)
                    z[nz++] = acts[j];
            if (!nz) {
                ok = 0;
                break;
            }
            ps_apply(&st, z[rnd((unsigned)nz)], nl);
        }
        for (int i = 1; i <= n && ok; i++)
            ok &= st.head[i] == head[i] && st.lab[i] == lab[i];
        bad_zero += !ok;

        /* random mistakes, then the best completion: loss == costs paid */
        ps_state_init(&st, n, mem);
        int paid = 0;
        ok = 1;
        while (!ps_terminal(&st)) {
            int acts[PS_MAX_ACTIONS], k = legal_actions(&st, nl, acts);
            int a = -1, best = INT_MAX;
            for (int j = 0; j < k; j++) {
                int c = labeled_cost(&st, &t, acts[j], nl);
                if (c < best) {
                    best = c;
                    a = acts[j];
                }
            }
            if (best != 0)
                ok = 0; /* some action must keep the best tree reachable */
            if (rnd(4) == 0)
                a = acts[rnd((unsigned)k)];
            paid += labeled_cost(&st, &t, a, nl);
            ps_apply(&st, a, nl);
        }
        int lost = 0;
        for (int i = 1; i <= n; i++)
            lost += st.head[i] != head[i] || st.lab[i] != lab[i];
        bad_dynamic += !ok || lost != paid;
        trials++;
    }
    CHECK_INT(trials, 400);
    CHECK_INT(bad_static, 0);
    CHECK_INT(bad_zero, 0);
    CHECK_INT(bad_dynamic, 0);
}

static void test_projectivize(void)
{
    /* 1 <- 3 crosses 2 -> 4: "A hearing is scheduled on the issue today"
     * style; lifting makes it projective */
    int h[] = {-1, 3, 0, 2, 2, 3};
    CHECK(!ps_is_projective(h, 5));
    CHECK_INT(ps_projectivize(h, 5), 2);
    CHECK(ps_is_projective(h, 5));
    CHECK_INT(h[1], 2); /* lifted from 3 to its head 2 */
    CHECK_INT(h[5], 2); /* 3 -> 5 crossed 2 -> 4 */
    CHECK_INT(h[3], 2);
    CHECK_INT(h[4], 2);
    int p[] = {-1, 2, 0, 2};
    CHECK_INT(ps_projectivize(p, 3), 0);
    CHECK_INT(p[1], 2);
    CHECK_INT(p[3], 2);
}

/* ------------------------------------------------------------ training */

typedef struct corpus {
    evc_sentence *s;
    size_t n;
} corpus;

static int read_corpus(const char *path, size_t max, evc_arena *a, corpus *c)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    evc_conllu_reader *r;
    if (evc_conllu_reader_open(f, path, &r, NULL)) {
        fclose(f);
        return -1;
    }
    c->s = calloc(max, sizeof *c->s);
    c->n = 0;
    while (c->n < max && evc_conllu_reader_next(r, a, &c->s[c->n], NULL) == EVC_OK)
        c->n++;
    evc_conllu_reader_close(r);
    fclose(f);
    return 0;
}

/* The model's bytes, through a temporary file. */
static unsigned char *model_bytes(const evc_parser *p, size_t *len)
{
    FILE *f = tmpfile();
    if (!f)
        return NULL;
    evc_bw w;
    evc_bw_init(&w, f);
    if (evc_parser_save(p, &w) != EVC_OK || w.err) {
        fclose(f);
        return NULL;
    }
    long n = ftell(f);
    rewind(f);
    unsigned char *buf = malloc((size_t)n);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* Parses a copy of each gold sentence; counts correct heads and checks the
 * output is a tree: one root with "root", heads in range, no cycles, and
 * that the parse left the arena as it found it. */
static void parse_all(const evc_parser *p, const corpus *c, long *tokens,
                      long *correct, long *las, int *bad_trees, int *heads)
{
    evc_arena *a = evc_arena_new(0);
    *tokens = *correct = *las = 0;
    *bad_trees = 0;
    int at = 0;
    for (size_t i = 0; i < c->n; i++) {
        const evc_sentence *g = &c->s[i];
        int n = g->ntok;
        evc_token *tok = evc_arena_alloc(a, (size_t)(n + 1) * sizeof *tok);
        memcpy(tok, g->tok, (size_t)(n + 1) * sizeof *tok);
        for (int k = 1; k <= n; k++) {
            tok[k].head = -7;
            tok[k].deprel = NULL;
        }
        evc_sentence s = *g;
        s.tok = tok;
        size_t used = evc_arena_used(a);
        CHECK_INT(evc_parser_parse(p, &s, a), EVC_OK);
        /* the parser's scratch goes back to the arena */
        CHECK_INT((long)evc_arena_used(a), (long)used);
        int roots = 0, ok = 1;
        for (int k = 1; k <= n; k++) {
            int h = tok[k].head;
            if (h < 0 || h > n || h == k || !tok[k].deprel) {
                ok = 0;
                continue;
            }
            if (h == 0)
                roots++;
            if ((h == 0) != (strcmp(tok[k].deprel, "root") == 0))
                ok = 0;
            int x = k, steps = 0;
            while (x != 0 && ok && steps++ <= n)
                x = tok[x].head >= 0 && tok[x].head <= n ? tok[x].head : 0;
            if (steps > n)
                ok = 0; /* a cycle */
            (*tokens)++;
            if (h == g->tok[k].head) {
                (*correct)++;
                *las += strcmp(tok[k].deprel, g->tok[k].deprel) == 0;
            }
            if (heads)
                heads[at++] = h;
        }
        *bad_trees += !ok || roots != 1;
        evc_arena_reset(a);
    }
    evc_arena_free(a);
}

/* How many of the n heads in a and b agree. */
static long same_heads(const int *a, const int *b, long n)
{
    long same = 0;
    for (long k = 0; k < n; k++)
        same += a[k] == b[k];
    return same;
}

static void test_training(void)
{
    evc_arena *a = evc_arena_new(1 << 20);
    corpus tr, dv;
    if (read_corpus(EWT "en_ewt-ud-train.conllu", 500, a, &tr) ||
        read_corpus(EWT "en_ewt-ud-dev.conllu", 300, a, &dv)) {
        CHECK(!"UD English EWT under " SHARED "/data/ud");
        evc_arena_free(a);
        return;
    }
    CHECK_INT(tr.n, 500);
    evc_parse_train_opts o;
    evc_parse_train_opts_default(&o);
    o.epochs = 2;
    o.seed = 7;
    o.max_kb = 2048;
    evc_parser *p1 = NULL, *p2 = NULL, *p3 = NULL;
    evc_error err = {0};
    CHECK_INT(evc_parser_train(tr.s, tr.n, dv.s, 100, &o, &p1, &err), EVC_OK);
    CHECK_INT(evc_parser_train(tr.s, tr.n, dv.s, 100, &o, &p2, &err), EVC_OK);
    if (!p1 || !p2) {
        evc_arena_free(a);
        return;
    }
    evc_parser_stats ps;
    evc_parser_stats_get(p1, &ps);
    CHECK(ps.labels >= 30);
    CHECK_INT(ps.actions, 1 + 2 * ps.labels);
    CHECK(ps.features > 1000);
    CHECK(ps.bytes <= 2048 * 1024);

    /* accuracy on dev sentences the training never saw (100..299) */
    corpus held = {dv.s + 100, dv.n - 100};
    long tokens, correct, las;
    int bad;
    int *heads1 = malloc(20000 * sizeof *heads1), *heads2 = malloc(20000 * sizeof *heads2);
    parse_all(p1, &held, &tokens, &correct, &las, &bad, heads1);
    CHECK(tokens > 2000);
    CHECK_INT(bad, 0);
    double uas = 100.0 * correct / (double)tokens;
    printf("smoke: 500 sentences, 2 epochs: UAS %.1f LAS %.1f on %ld tokens\n",
           uas, 100.0 * las / (double)tokens, tokens);
    CHECK(uas > 65.0);
    CHECK(las > 55 * tokens / 100);

    /* determinism: the same data and seed give the same bytes */
    size_t n1 = 0, n2 = 0;
    unsigned char *b1 = model_bytes(p1, &n1), *b2 = model_bytes(p2, &n2);
    CHECK(b1 && b2);
    CHECK(n1 == n2 && n1 > 1000 && b1 && b2 && memcmp(b1, b2, n1) == 0);
    /* another seed gives another model */
    o.seed = 8;
    CHECK_INT(evc_parser_train(tr.s, tr.n, NULL, 0, &o, &p3, &err), EVC_OK);
    size_t n3 = 0;
    unsigned char *b3 = p3 ? model_bytes(p3, &n3) : NULL;
    CHECK(b3 && (n3 != n1 || memcmp(b1, b3, n1) != 0));

    /* round trip: the loaded model parses the same and saves the same */
    evc_parser *q = NULL;
    evc_br r;
    evc_br_init(&r, b1, n1);
    CHECK_INT(evc_parser_load(&r, &q, &err), EVC_OK);
    if (q) {
        long t2, c2, l2;
        parse_all(q, &held, &t2, &c2, &l2, &bad, heads2);
        CHECK_INT(t2, tokens);
        CHECK_INT(c2, correct);
        CHECK_INT(l2, las);
        CHECK(memcmp(heads1, heads2, (size_t)tokens * sizeof *heads1) == 0);
        /* exact decoding: trees too, and nearly the same heads as the
         * default's early decisions */
        evc_parser_set_exact(q, 1);
        parse_all(q, &held, &t2, &c2, &l2, &bad, heads2);
        CHECK_INT(t2, tokens);
        CHECK_INT(bad, 0);
        long same = same_heads(heads1, heads2, tokens);
        printf("early decisions: %ld of %ld heads as exact decoding\n", same,
               tokens);
        CHECK(same >= 95 * tokens / 100);
        evc_parser_set_exact(q, 0);
        parse_all(q, &held, &t2, &c2, &l2, &bad, heads2);
        CHECK(memcmp(heads1, heads2, (size_t)tokens * sizeof *heads1) == 0);
        /* greedy decoding (a beam of 1) and the widest beam: trees, and
         * the default beam takes other paths than greedy decoding on some
         * sentences */
        long cg, lg, cw, lw;
        evc_parser_set_beam(q, 1);
        parse_all(q, &held, &t2, &cg, &lg, &bad, heads2);
        CHECK_INT(t2, tokens);
        CHECK_INT(bad, 0);
        long diff = tokens - same_heads(heads1, heads2, tokens);
        evc_parser_set_beam(q, 99); /* capped at EVC_PARSE_MAX_BEAM */
        parse_all(q, &held, &t2, &cw, &lw, &bad, NULL);
        CHECK_INT(t2, tokens);
        CHECK_INT(bad, 0);
        printf("beam: UAS %.1f greedy, %.1f with 2 paths, %.1f with %d; "
               "%ld heads differ from greedy\n", 100.0 * cg / tokens,
               100.0 * correct / tokens, 100.0 * cw / tokens,
               EVC_PARSE_MAX_BEAM, diff);
        CHECK(diff > 0);
        /* measured 78.7 greedy against 79.6: deterministic, so a beam that
         * stops finding better paths shows here */
        CHECK(correct > cg);
        evc_parser_set_beam(q, EVC_PARSE_BEAM);
        parse_all(q, &held, &t2, &c2, &l2, &bad, heads2);
        CHECK(memcmp(heads1, heads2, (size_t)tokens * sizeof *heads1) == 0);
        size_t nq = 0;
        unsigned char *bq = model_bytes(q, &nq);
        CHECK(bq && nq == n1 && memcmp(bq, b1, n1) == 0);
        free(bq);
        evc_parser_free(q);
    }

    /* corruption: a flipped byte anywhere, every truncation point of the
     * header and a spread of them through the weights */
    unsigned char *c = malloc(n1);
    int flips_ok = 1, cuts_ok = 1;
    for (size_t at = 0; at < n1; at += 1 + n1 / 97) {
        memcpy(c, b1, n1);
        c[at] ^= 0x41;
        evc_br_init(&r, c, n1);
        q = NULL;
        evc_status st = evc_parser_load(&r, &q, &err);
        if (st != EVC_ERR_SYNTAX || q)
            flips_ok = 0;
        evc_parser_free(q);
    }
    for (size_t len = 0; len < n1; len = len < 600 ? len + 1 : len + 1 + n1 / 53) {
        evc_br_init(&r, b1, len);
        q = NULL;
        evc_status st = evc_parser_load(&r, &q, &err);
        if (st != EVC_ERR_SYNTAX || q)
            cuts_ok = 0;
        evc_parser_free(q);
    }
    CHECK(flips_ok);
    CHECK(cuts_ok);
    evc_br_init(&r, b1, n1 / 2);
    CHECK_INT(evc_parser_load(&r, &q, &err), EVC_ERR_SYNTAX);
    CHECK(strstr(err.message, "parser model") != NULL);
    memcpy(c, b1, n1);
    c[n1 / 2] ^= 1;
    evc_br_init(&r, c, n1);
    CHECK_INT(evc_parser_load(&r, &q, &err), EVC_ERR_SYNTAX);
    CHECK(strstr(err.message, "checksum") != NULL);
    memcpy(c, "EVCPARSX", 8);
    evc_br_init(&r, c, n1);
    CHECK_INT(evc_parser_load(&r, &q, &err), EVC_ERR_SYNTAX);
    CHECK(strstr(err.message, "magic") != NULL);
    free(c);

    /* odd input: one token, unknown tags and words, an empty sentence */
    evc_token one[2] = {{0}};
    one[0].form = "ROOT";
    one[1].form = "Zzyzx";
    one[1].upos = "NOPE";
    one[1].xpos = "??";
    one[1].head = -1;
    evc_sentence s1 = {0};
    s1.ntok = 1;
    s1.tok = one;
    evc_arena *sa = evc_arena_new(0);
    CHECK_INT(evc_parser_parse(p1, &s1, sa), EVC_OK);
    CHECK_INT(one[1].head, 0);
    CHECK_STR(one[1].deprel, "root");
    evc_sentence s0 = {0};
    CHECK_INT(evc_parser_parse(p1, &s0, sa), EVC_OK);
    CHECK_INT(evc_parser_parse(NULL, &s1, sa), EVC_ERR_ARG);
    evc_arena_free(sa);

    free(heads1);
    free(heads2);
    free(b1);
    free(b2);
    free(b3);
    evc_parser_free(p1);
    evc_parser_free(p2);
    evc_parser_free(p3);
    evc_parser_free(NULL);
    free(tr.s);
    free(dv.s);
    evc_arena_free(a);
}

/* ps_features writes exactly the templates that read a word form first,
 * PS_NLEX of them: in a configuration where every position the templates
 * read exists, new word forms change those features and no other. */
static void test_lexical_positions(void)
{
    enum { N = 16 };
    uint32_t w1[N + 1], w2[N + 1], p[N + 1], u[N + 1], c[N + 1];
    for (int i = 0; i <= N; i++) {
        w1[i] = 1000 + (uint32_t)i;
        w2[i] = 5000 + (uint32_t)i;
        p[i] = 20 + (uint32_t)(i % 7);
        u[i] = 40 + (uint32_t)(i % 5);
        c[i] = 60 + (uint32_t)(i % 11);
    }
    ps_sent s1 = {N, w1, p, u, c}, s2 = {N, w2, p, u, c};
    static char mem[1 << 14];
    CHECK(ps_state_bytes(N) <= sizeof mem);
    ps_state st;
    ps_state_init(&st, N, mem);
    /* S = 3 gets left child 2 and right children 4, 5; A = 8 gets left
     * children 6, 7 and right children 9, 10; D = 13 gets left children
     * 11, 12. Then s2 s1 s0 = 1 3 8 and n0 n1 n2 = 13 14 15. */
    enum { SH = PS_SHIFT, LA = 1, RA = 5 }; /* 4 labels */
    const int moves[] = {SH, SH, LA, SH, SH, RA, SH, RA, SH, SH, LA, LA,
                         SH, SH, RA, SH, RA, SH, SH, LA, LA};
    for (size_t i = 0; i < sizeof moves / sizeof *moves; i++)
        ps_apply(&st, moves[i], 4);
    CHECK_INT(st.top, 3);
    CHECK_INT(ps_s0(&st), 8);
    CHECK_INT(st.stack[2], 3);
    CHECK_INT(st.b, 13);
    CHECK(st.lc2[8] && st.rc2[8] && st.lc2[13] && st.lc1[3] && st.rc2[3]);
    uint64_t f1[PS_NFEAT], f2[PS_NFEAT];
    int n1 = ps_features(&s1, &st, f1), n2 = ps_features(&s2, &st, f2);
    CHECK_INT(n1, n2);
    int wrong = 0;
    CHECK(n1 > PS_NLEX);
    for (int i = 0; i < n1; i++)
        if ((f1[i] != f2[i]) != (i < PS_NLEX)) {
            printf("feature %d: lexical %d, changed %d\n", i, i < PS_NLEX,
                   f1[i] != f2[i]);
            wrong++;
        }
    CHECK_INT(wrong, 0);
}

/* ps_state_copy: the copy has the same configuration (the same features,
 * heads and children) and moves on its own, leaving the original as it
 * was. */
static void test_state_copy(void)
{
    enum { N = 12 };
    uint32_t w[N + 1], p[N + 1], u[N + 1];
    for (int i = 0; i <= N; i++) {
        w[i] = 700 + (uint32_t)i;
        p[i] = 20 + (uint32_t)(i % 5);
        u[i] = 40 + (uint32_t)(i % 3);
    }
    ps_sent s = {N, w, p, u, NULL};
    static char m1[1 << 13], m2[1 << 13];
    CHECK(ps_state_bytes(N) <= sizeof m1);
    ps_state a, b;
    ps_state_init(&a, N, m1);
    int moves[2 * N], n = 0;
    while (!ps_terminal(&a) && n < N) { /* a random legal prefix */
        int legal = ps_legal(&a), m;
        do
            m = (int)rnd(3);
        while (!(legal & (1 << m)));
        int act = m == 0 ? PS_SHIFT : m == 1 ? 1 + (int)rnd(3) : 5 + (int)rnd(3);
        if (m == 2 && a.top == 1)
            act = 4 + 1; /* onto the root: any label will do here */
        ps_apply(&a, act, 4);
        moves[n++] = act;
    }
    ps_state_copy(&b, m2, &a);
    uint64_t fa[PS_NFEAT], fb[PS_NFEAT];
    int na = ps_features(&s, &a, fa), nb = ps_features(&s, &b, fb);
    CHECK_INT(na, nb);
    CHECK(memcmp(fa, fb, (size_t)na * sizeof *fa) == 0);
    CHECK_INT(b.top, a.top);
    CHECK_INT(b.b, a.b);
    CHECK(memcmp(a.head, b.head, (N + 1) * sizeof *a.head) == 0);
    CHECK((char *)b.head >= m2 && (char *)b.head < m2 + sizeof m2);
    /* a move on the copy leaves the original's features alone */
    if (ps_legal(&b) & PS_CAN_SHIFT) {
        ps_apply(&b, PS_SHIFT, 4);
        uint64_t fa2[PS_NFEAT];
        CHECK_INT(ps_features(&s, &a, fa2), na);
        CHECK(memcmp(fa, fa2, (size_t)na * sizeof *fa) == 0);
        CHECK_INT(b.b, a.b + 1);
    }
    CHECK(n > 0 && moves[0] == PS_SHIFT);
}

int main(void)
{
    test_lexical_positions();
    test_state_copy();
    test_static_oracle_hand();
    test_oracles_random();
    test_projectivize();
    test_training();
    TEST_DONE();
}
