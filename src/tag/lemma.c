/* lemma.c: lemmas by learned edit scripts (after Chrupala 2008): a pair
 * (form, tag) -> lemma becomes "keep case / lower / capitalize, strip k bytes,
 * append s", chosen by the longest (tag, suffix) rule, with an exception
 * dictionary for seen words the rules get wrong (went -> go). */
#include "tag/tag.h"
#include "tag/map.h"
#include "tag/weights.h"

#include <stdlib.h>
#include <string.h>

#define MAX_SUFFIX 7      /* longest suffix a rule looks at */
#define RULE_MIN_TYPES 2  /* words a suffix rule must be learned from */
#define MAX_FORM 255      /* longer forms are their own lemma */
#define MAX_APPEND 63
#define MAX_SCRIPTS 65535

enum { CASE_KEEP, CASE_LOWER, CASE_CAP, NCASE };

typedef struct script {
    uint8_t mode;  /* CASE_*: keep the form, lower-case it (ASCII) or
                      upper-case its first letter before the edit */
    uint8_t strip; /* bytes removed from the end */
    uint8_t napp;
    char app[MAX_APPEND + 1];
} script;

struct evc_lemmatizer {
    script *scripts;
    uint32_t nscript;
    evc_tmap table; /* dictionary and suffix-rule keys -> script index */
    uint64_t *order; /* keys in insertion order, for a deterministic file */
    uint32_t norder;
};

/* ---------------------------------------------------------------- hashing */

static uint64_t hash_str(const char *s, size_t n, uint64_t seed)
{
    uint64_t h = 0xcbf29ce484222325ULL ^ seed;
    for (size_t i = 0; i < n; i++) {
        h ^= (uint8_t)s[i];
        h *= 0x100000001b3ULL;
    }
    return evc_tag_mix(h);
}

uint64_t evc_lemma_tag_key(const char *upos, const char *xpos)
{
    const char *t = (xpos && xpos[0] && strcmp(xpos, "_") != 0) ? xpos : upos;
    if (!t)
        t = "";
    return hash_str(t, strlen(t), 0x7a67);
}

static uint64_t dict_key(uint64_t word, uint64_t tag)
{
    return evc_tag_mix(word ^ tag * 0x9e3779b97f4a7c15ULL);
}

static uint64_t rule_key(uint64_t suffix, int len, uint64_t tag)
{
    return evc_tag_mix(suffix * 0xc2b2ae3d27d4eb4fULL ^ tag ^
                       (uint64_t)(len + 1) * 0x165667b19e3779f9ULL);
}

/* Hashes of the last L bytes of w (L = 0..max), read right to left. */
static void suffix_hashes(const char *w, size_t n, uint64_t *h, int max)
{
    uint64_t x = 0xcbf29ce484222325ULL;
    h[0] = evc_tag_mix(x);
    for (int L = 1; L <= max; L++) {
        x ^= (uint8_t)w[n - (size_t)L];
        x *= 0x100000001b3ULL;
        h[L] = evc_tag_mix(x);
    }
}

static size_t lower_copy(char *dst, const char *src, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)src[i];
        dst[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    dst[n] = 0;
    return n;
}

/* ---------------------------------------------------------------- apply */

static long lookup(const evc_lemmatizer *l, const char *low, size_t n,
                   uint64_t tag)
{
    long s = evc_tmap_get(&l->table, dict_key(hash_str(low, n, 0), tag));
    if (s >= 0)
        return s;
    uint64_t h[MAX_SUFFIX + 1];
    int max = n < MAX_SUFFIX ? (int)n : MAX_SUFFIX;
    suffix_hashes(low, n, h, max);
    for (int L = max; L >= 0; L--) {
        s = evc_tmap_get(&l->table, rule_key(h[L], L, tag));
        if (s >= 0)
            return s;
    }
    return -1;
}

const char *evc_lemmatizer_lemma_k(const evc_lemmatizer *l, const char *form,
                                   uint64_t tag, evc_arena *a)
{
    if (!form)
        return "";
    size_t n = strlen(form);
    if (n == 0 || n > MAX_FORM)
        return form;
    char low[MAX_FORM + 1];
    lower_copy(low, form, n);
    long si = lookup(l, low, n, tag);
    if (si < 0)
        return form;
    const script *sc = &l->scripts[si];
    if (sc->strip > n || (sc->mode == CASE_KEEP && sc->strip == 0 &&
                          sc->napp == 0))
        return form;
    const char *base = form;
    if (sc->mode == CASE_LOWER) {
        base = low;
    } else if (sc->mode == CASE_CAP && form[0] >= 'a' && form[0] <= 'z') {
        memcpy(low, form, n);
        low[0] = (char)(form[0] - 32);
        base = low;
    }
    size_t keep = n - sc->strip;
    if (sc->napp == 0 && keep == n && memcmp(base, form, n) == 0)
        return form;
    if (!a)
        return form;
    char *out = evc_arena_alloc(a, keep + sc->napp + 1);
    if (!out)
        return form;
    memcpy(out, base, keep);
    memcpy(out + keep, sc->app, sc->napp);
    out[keep + sc->napp] = 0;
    return out;
}

const char *evc_lemmatizer_lemma(const evc_lemmatizer *l, const char *form,
                                 const char *upos, const char *xpos,
                                 evc_arena *a)
{
    return evc_lemmatizer_lemma_k(l, form, evc_lemma_tag_key(upos, xpos), a);
}

/* ---------------------------------------------------------------- training */

typedef struct count_node {
    uint32_t script, count, next; /* next: index + 1 in the pool, 0 = end */
} count_node;

typedef struct counted {
    uint32_t head;   /* first count_node + 1 */
    uint32_t total;
    uint32_t len;    /* suffix length (rules) */
    uint32_t votes[NCASE], mode, tagix; /* types: case mode votes */
    uint64_t key;
    uint64_t tag;
    const char *low; /* the lower-cased form (types) */
} counted;

typedef struct trainer {
    evc_lemmatizer *l;
    evc_tmap script_ix;
    count_node *pool;
    size_t npool, cappool;
    evc_arena *arena;
    int oom;
} trainer;

static int bump(trainer *tr, counted *c, uint32_t script)
{
    for (uint32_t i = c->head; i; i = tr->pool[i - 1].next) {
        if (tr->pool[i - 1].script == script) {
            tr->pool[i - 1].count++;
            c->total++;
            return 0;
        }
    }
    if (tr->npool == tr->cappool) {
        size_t nc = tr->cappool ? tr->cappool * 2 : 4096;
        count_node *np = realloc(tr->pool, nc * sizeof *np);
        if (!np)
            return -1;
        tr->pool = np;
        tr->cappool = nc;
    }
    count_node *cn = &tr->pool[tr->npool++];
    cn->script = script;
    cn->count = 1;
    cn->next = c->head;
    c->head = (uint32_t)tr->npool;
    c->total++;
    return 0;
}

/* The most frequent script; ties go to the lower script index. */
static uint32_t best_script(const trainer *tr, const counted *c, uint32_t *cnt)
{
    uint32_t best = UINT32_MAX, bc = 0;
    for (uint32_t i = c->head; i; i = tr->pool[i - 1].next) {
        const count_node *cn = &tr->pool[i - 1];
        if (cn->count > bc || (cn->count == bc && cn->script < best)) {
            best = cn->script;
            bc = cn->count;
        }
    }
    if (cnt)
        *cnt = bc;
    return best;
}

/* Edit script turning base into lemma; -1 if it does not fit. */
static int make_script(const char *base, size_t n, const char *lemma,
                       script *out)
{
    size_t m = strlen(lemma), p = 0;
    while (p < n && p < m && base[p] == lemma[p])
        p++;
    if (n - p > 255 || m - p > MAX_APPEND)
        return -1;
    memset(out, 0, sizeof *out);
    out->strip = (uint8_t)(n - p);
    out->napp = (uint8_t)(m - p);
    memcpy(out->app, lemma + p, m - p);
    return 0;
}

static long script_id(trainer *tr, const script *s)
{
    uint64_t k = hash_str(s->app, s->napp,
                          (uint64_t)s->mode << 8 | (uint64_t)s->strip << 16);
    long id = evc_tmap_get(&tr->script_ix, k);
    if (id >= 0)
        return id;
    evc_lemmatizer *l = tr->l;
    if (l->nscript >= MAX_SCRIPTS)
        return -1;
    script *ns = realloc(l->scripts, (l->nscript + 1) * sizeof *ns);
    if (!ns)
        return -1;
    l->scripts = ns;
    ns[l->nscript] = *s;
    if (evc_tmap_put(&tr->script_ix, k, l->nscript) != 0)
        return -1;
    return (long)l->nscript++;
}

static int usable(const evc_token *t)
{
    return t->form && t->lemma && t->form[0] && t->lemma[0] &&
           strlen(t->form) <= MAX_FORM && !(t->lemma[0] == '_' && !t->lemma[1] &&
                                             !(t->form[0] == '_' && !t->form[1]));
}

/* The script of (form -> lemma) under case mode m; -1 if it does not fit. */
static int mode_script(const char *form, size_t n, const char *lemma, int m,
                       script *out)
{
    char base[MAX_FORM + 1];
    if (m == CASE_LOWER) {
        lower_copy(base, form, n);
    } else {
        memcpy(base, form, n);
        base[n] = 0;
        if (m == CASE_CAP && base[0] >= 'a' && base[0] <= 'z')
            base[0] = (char)(base[0] - 32);
    }
    if (make_script(base, n, lemma, out) != 0)
        return -1;
    out->mode = (uint8_t)m;
    return 0;
}

/* The case modes whose script is shortest for this pair, as a bit set
 * (0 if none fits). */
static int best_modes(const char *form, const char *lemma)
{
    size_t n = strlen(form);
    int cost[NCASE], best = -1, set = 0;
    for (int m = 0; m < NCASE; m++) {
        script sc;
        cost[m] = mode_script(form, n, lemma, m, &sc) == 0
                      ? sc.strip + sc.napp : -1;
        if (cost[m] >= 0 && (best < 0 || cost[m] < best))
            best = cost[m];
    }
    for (int m = 0; m < NCASE; m++)
        if (cost[m] == best && best >= 0)
            set |= 1 << m;
    return set;
}

static int add_entry(evc_lemmatizer *l, uint64_t key, uint32_t script)
{
    if (evc_tmap_get(&l->table, key) >= 0)
        return 0;
    uint64_t *no = realloc(l->order, (l->norder + 1) * sizeof *no);
    if (!no)
        return -1;
    l->order = no;
    l->order[l->norder++] = key;
    return evc_tmap_put(&l->table, key, script);
}

static int by_len(const void *a, const void *b)
{
    const counted *x = *(counted *const *)a, *y = *(counted *const *)b;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return x < y ? -1 : x > y; /* creation order: deterministic */
}

/* The mode most votes allow; ties go to the tag's favourite, then to the
 * lower mode number. */
static int pick_mode(const uint32_t *votes, const uint32_t *tagvotes)
{
    uint32_t mx = 0;
    for (int m = 0; m < NCASE; m++)
        if (votes[m] > mx)
            mx = votes[m];
    int tagbest = 0;
    for (int m = 1; m < NCASE; m++)
        if (tagvotes[m] > tagvotes[tagbest])
            tagbest = m;
    if (votes[tagbest] == mx)
        return tagbest;
    for (int m = 0; m < NCASE; m++)
        if (votes[m] == mx)
            return m;
    return 0;
}

static evc_status train(trainer *tr, const evc_sentence *sents, size_t nsent)
{
    evc_lemmatizer *l = tr->l;
    evc_tmap tags = {0}, types = {0}, rules = {0};
    uint32_t (*tagvotes)[NCASE] = NULL; /* per tag: pairs each mode fits */
    size_t ntag = 0;
    counted *ty = NULL, *ru = NULL;
    counted **sorted = NULL;
    size_t nty = 0, capty = 0, nru = 0, capru = 0;
    evc_status st = EVC_ERR_NOMEM;

    if (evc_tmap_init(&tags, 64) || evc_tmap_init(&types, 1 << 15) ||
        evc_tmap_init(&rules, 1 << 15))
        goto done;
    /* Pass 1: the (lower-case form, tag) types, and which case modes suit
     * each type and each tag. */
    for (size_t si = 0; si < nsent; si++) {
        const evc_sentence *s = &sents[si];
        for (int i = 1; i <= s->ntok; i++) {
            const evc_token *t = &s->tok[i];
            if (!usable(t))
                continue;
            int set = best_modes(t->form, t->lemma);
            if (!set)
                continue;
            uint64_t tk = evc_lemma_tag_key(t->upos, t->xpos);
            long gi = evc_tmap_get(&tags, tk);
            if (gi < 0) {
                void *nv = realloc(tagvotes, (ntag + 1) * sizeof *tagvotes);
                if (!nv)
                    goto done;
                tagvotes = nv;
                memset(tagvotes[ntag], 0, sizeof tagvotes[ntag]);
                if (evc_tmap_put(&tags, tk, (uint32_t)ntag))
                    goto done;
                gi = (long)ntag++;
            }
            size_t n = strlen(t->form);
            char low[MAX_FORM + 1];
            lower_copy(low, t->form, n);
            uint64_t key = dict_key(hash_str(low, n, 0), tk);
            long ix = evc_tmap_get(&types, key);
            if (ix < 0) {
                if (nty == capty) {
                    capty = capty ? capty * 2 : 1 << 14;
                    counted *nt = realloc(ty, capty * sizeof *nt);
                    if (!nt)
                        goto done;
                    ty = nt;
                }
                counted *c = &ty[nty];
                memset(c, 0, sizeof *c);
                c->key = key;
                c->tag = tk;
                c->len = (uint32_t)n;
                c->tagix = (uint32_t)gi;
                c->low = evc_arena_strndup(tr->arena, low, n);
                if (!c->low || evc_tmap_put(&types, key, (uint32_t)nty))
                    goto done;
                ix = (long)nty++;
            }
            for (int m = 0; m < NCASE; m++)
                if (set >> m & 1) {
                    ty[ix].votes[m]++;
                    tagvotes[gi][m]++;
                }
        }
    }
    for (size_t k = 0; k < nty; k++)
        ty[k].mode = (uint32_t)pick_mode(ty[k].votes, tagvotes[ty[k].tagix]);
    /* Pass 2: each pair's script under its type's mode, counted. */
    for (size_t si = 0; si < nsent; si++) {
        const evc_sentence *s = &sents[si];
        for (int i = 1; i <= s->ntok; i++) {
            const evc_token *t = &s->tok[i];
            if (!usable(t))
                continue;
            size_t n = strlen(t->form);
            char low[MAX_FORM + 1];
            lower_copy(low, t->form, n);
            uint64_t tk = evc_lemma_tag_key(t->upos, t->xpos);
            long ix = evc_tmap_get(&types, dict_key(hash_str(low, n, 0), tk));
            if (ix < 0)
                continue;
            script sc;
            if (mode_script(t->form, n, t->lemma, (int)ty[ix].mode, &sc) != 0)
                continue;
            long sid = script_id(tr, &sc);
            if (sid < 0)
                goto done;
            if (bump(tr, &ty[ix], (uint32_t)sid))
                goto done;
        }
    }
    /* Suffix rules: each type votes once for its script under every suffix
     * that covers the bytes the script strips. */
    for (size_t k = 0; k < nty; k++) {
        uint32_t sid = best_script(tr, &ty[k], NULL);
        const script *sc = &l->scripts[sid];
        size_t n = ty[k].len;
        uint64_t h[MAX_SUFFIX + 1];
        int max = n < MAX_SUFFIX ? (int)n : MAX_SUFFIX;
        suffix_hashes(ty[k].low, n, h, max);
        for (int L = sc->strip; L <= max; L++) {
            uint64_t rk = rule_key(h[L], L, ty[k].tag);
            long ix = evc_tmap_get(&rules, rk);
            if (ix < 0) {
                if (nru == capru) {
                    capru = capru ? capru * 2 : 1 << 15;
                    counted *nr = realloc(ru, capru * sizeof *nr);
                    if (!nr)
                        goto done;
                    ru = nr;
                }
                counted *c = &ru[nru];
                memset(c, 0, sizeof *c);
                c->key = rk;
                c->tag = ty[k].tag;
                c->len = (uint32_t)L;
                c->low = ty[k].low + (n - (size_t)L);
                if (evc_tmap_put(&rules, rk, (uint32_t)nru))
                    goto done;
                ix = (long)nru++;
            }
            if (bump(tr, &ru[ix], sid))
                goto done;
        }
    }
    /* Keep a rule only where it changes the answer of the shorter suffixes
     * (shortest first, so the shorter answer is final when asked). */
    sorted = malloc((nru ? nru : 1) * sizeof *sorted);
    if (!sorted)
        goto done;
    for (size_t k = 0; k < nru; k++)
        sorted[k] = &ru[k];
    qsort(sorted, nru, sizeof *sorted, by_len);
    for (size_t k = 0; k < nru; k++) {
        counted *c = sorted[k];
        if (c->len > 0 && c->total < RULE_MIN_TYPES)
            continue;
        uint32_t sid = best_script(tr, c, NULL);
        long parent = -1;
        if (c->len > 0) {
            uint64_t h[MAX_SUFFIX + 1];
            suffix_hashes(c->low, c->len, h, (int)c->len - 1);
            for (int L = (int)c->len - 1; L >= 0 && parent < 0; L--)
                parent = evc_tmap_get(&l->table, rule_key(h[L], L, c->tag));
        }
        if (parent != (long)sid && add_entry(l, c->key, sid))
            goto done;
    }
    /* Exceptions: seen words whose own script the rules do not give. */
    for (size_t k = 0; k < nty; k++) {
        uint32_t sid = best_script(tr, &ty[k], NULL);
        if (lookup(l, ty[k].low, ty[k].len, ty[k].tag) != (long)sid &&
            add_entry(l, ty[k].key, sid))
            goto done;
    }
    st = EVC_OK;
done:
    evc_tmap_free(&tags);
    evc_tmap_free(&types);
    evc_tmap_free(&rules);
    free(tagvotes);
    free(ty);
    free(ru);
    free(sorted);
    return st;
}

evc_status evc_lemmatizer_train(const evc_sentence *sents, size_t nsent,
                                evc_lemmatizer **out, evc_error *err)
{
    *out = NULL;
    trainer tr = {0};
    tr.l = calloc(1, sizeof *tr.l);
    tr.arena = evc_arena_new(0);
    evc_status st = EVC_ERR_NOMEM;
    if (!tr.l || !tr.arena || evc_tmap_init(&tr.script_ix, 256) ||
        evc_tmap_init(&tr.l->table, 1 << 12))
        goto done;
    st = train(&tr, sents, nsent);
done:
    evc_tmap_free(&tr.script_ix);
    free(tr.pool);
    evc_arena_free(tr.arena);
    if (st != EVC_OK) {
        evc_lemmatizer_free(tr.l);
        return evc_error_set(err, st, NULL, 0, 0,
                             "lemmatizer training: out of memory");
    }
    *out = tr.l;
    return EVC_OK;
}

void evc_lemmatizer_free(evc_lemmatizer *l)
{
    if (!l)
        return;
    free(l->scripts);
    evc_tmap_free(&l->table);
    free(l->order);
    free(l);
}

size_t evc_lemmatizer_size(const evc_lemmatizer *l, size_t *nscripts)
{
    if (nscripts)
        *nscripts = l->nscript;
    return l->norder;
}

/* ---------------------------------------------------------------- file */

/* Layout: u32 scripts, each (u8 case mode, u8 strip, string append); u64
 * entries, then their u64 keys and u16 script indexes as raw LE blocks. */
void evc_lemmatizer_save(const evc_lemmatizer *l, evc_bw *w)
{
    evc_bw_u32(w, l->nscript);
    for (uint32_t i = 0; i < l->nscript; i++) {
        evc_bw_u8(w, l->scripts[i].mode);
        evc_bw_u8(w, l->scripts[i].strip);
        evc_bw_str(w, l->scripts[i].app);
    }
    evc_bw_u64(w, l->norder);
    uint8_t *buf = malloc((size_t)l->norder * 10 + 1);
    if (!buf) {
        w->err = 1;
        return;
    }
    for (uint32_t i = 0; i < l->norder; i++) {
        uint64_t k = l->order[i];
        uint32_t v = (uint32_t)evc_tmap_get(&l->table, k);
        for (int b = 0; b < 8; b++)
            buf[10 * (size_t)i + b] = (uint8_t)(k >> (8 * b));
        buf[10 * (size_t)i + 8] = (uint8_t)v;
        buf[10 * (size_t)i + 9] = (uint8_t)(v >> 8);
    }
    evc_bw_bytes(w, buf, (size_t)l->norder * 10);
    free(buf);
}

evc_lemmatizer *evc_lemmatizer_load(evc_br *r)
{
    evc_lemmatizer *l = calloc(1, sizeof *l);
    evc_arena *tmp = evc_arena_new(0);
    uint8_t *buf = NULL;
    if (!l || !tmp) {
        evc_br_fail(r, "out of memory");
        goto fail;
    }
    uint32_t ns = evc_br_u32(r);
    if (r->err)
        goto fail;
    if (ns > MAX_SCRIPTS || ns > (size_t)(r->end - r->p) / 6) {
        evc_br_fail(r, "lemmatizer: bad script count");
        goto fail;
    }
    l->scripts = calloc(ns ? ns : 1, sizeof *l->scripts);
    if (!l->scripts) {
        evc_br_fail(r, "out of memory");
        goto fail;
    }
    l->nscript = ns;
    for (uint32_t i = 0; i < ns; i++) {
        script *sc = &l->scripts[i];
        uint8_t mode = evc_br_u8(r);
        sc->strip = evc_br_u8(r);
        char *app = evc_br_str(r, tmp, MAX_APPEND);
        if (r->err)
            goto fail;
        if (mode >= NCASE) {
            evc_br_fail(r, "lemmatizer: bad script");
            goto fail;
        }
        sc->mode = mode;
        sc->napp = (uint8_t)strlen(app);
        memcpy(sc->app, app, sc->napp + 1u);
    }
    uint64_t n = evc_br_u64(r);
    if (r->err)
        goto fail;
    if (n > (uint64_t)(r->end - r->p) / 10 || n >= UINT32_MAX / 2) {
        evc_br_fail(r, "lemmatizer: bad entry count");
        goto fail;
    }
    buf = malloc(n * 10 + 1);
    l->order = malloc((n ? n : 1) * sizeof *l->order);
    if (!buf || !l->order || evc_tmap_init(&l->table, (size_t)n)) {
        evc_br_fail(r, "out of memory");
        goto fail;
    }
    if (evc_br_bytes(r, buf, n * 10) != 0)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        uint64_t k = 0;
        for (int b = 7; b >= 0; b--)
            k = k << 8 | buf[10 * i + b];
        uint32_t v = buf[10 * i + 8] | (uint32_t)buf[10 * i + 9] << 8;
        if (v >= ns || evc_tmap_get(&l->table, k) >= 0) {
            evc_br_fail(r, "lemmatizer: bad entry");
            goto fail;
        }
        if (evc_tmap_put(&l->table, k, v)) {
            evc_br_fail(r, "out of memory");
            goto fail;
        }
        l->order[l->norder++] = k;
    }
    free(buf);
    evc_arena_free(tmp);
    return l;
fail:
    free(buf);
    evc_arena_free(tmp);
    evc_lemmatizer_free(l);
    return NULL;
}
