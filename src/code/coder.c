/* coder.c: codes the events of one dependency-parsed sentence, PETRARCH style
 * but on the Universal Dependencies tree rather than on word order:
 *   1. discards end the coding of a sentence (as PETRARCH does);
 *   2. every nominal head gets its noun phrase (compound, amod, flat, nmod:poss,
 *      det, nummod) and, by longest match, an actor code composed with agents
 *      ("Pakistani officials" -> PAK + ~GOV); conjunctions give several actors;
 *   3. every verb found in the verb dictionary is tried against its block's
 *      patterns; source and target come from the pattern's '$'/'+' or from the
 *      tree (subject; object, indirect object, prepositional objects), with
 *      passive, control (xcomp), shared subjects of conjoined verbs and
 *      relative clauses followed; negation is recorded.
 * The dictionaries are read-only; all scratch memory lives in the arena. */
#include "dict/dict.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ACTORS 8   /* actors of one coordination */
#define MAX_SEQ 512    /* tokens considered by one pattern side */

void evc_code_opts_default(evc_code_opts *o)
{
    memset(o, 0, sizeof *o);
    o->require_dyad = 1;
}

/* ------------------------------------------------------------------ tree */

typedef struct tree {
    const evc_sentence *s;
    int n;
    int *first_child; /* children linked in word order */
    int *next_sib;
    /* noun phrases: for a nominal head h, np_lo[h]..np_hi[h] is the span of
     * its phrase (pre-modifiers and head), np_code[h] its composed actor */
    const char **np_code;
    const char **np_text;
    int *np_lo, *np_hi;
    int *np_owner; /* token -> head of the phrase it belongs to, or 0 */
    const evc_phrase **np_actor; /* actor entry matched, for --explain */
    const evc_phrase **np_agent;
} tree;

static bool is_rel(const evc_token *t, const char *rel)
{
    size_t n = strlen(rel);
    return strncmp(t->deprel, rel, n) == 0 &&
           (t->deprel[n] == 0 || t->deprel[n] == ':');
}

static bool rel_is(const evc_token *t, const char *rel)
{
    return strcmp(t->deprel, rel) == 0;
}

static bool upos_is(const evc_token *t, const char *u)
{
    return strcmp(t->upos, u) == 0;
}

static bool is_nominal(const evc_token *t)
{
    return upos_is(t, "NOUN") || upos_is(t, "PROPN") || upos_is(t, "PRON") ||
           upos_is(t, "NUM") || upos_is(t, "X") || upos_is(t, "SYM");
}

static bool is_verbal(const evc_token *t)
{
    return upos_is(t, "VERB") || upos_is(t, "AUX");
}

/* Is the token part of a noun phrase's pre-modification? */
static bool np_internal_rel(const evc_token *t)
{
    return is_rel(t, "compound") || is_rel(t, "amod") || is_rel(t, "flat") ||
           rel_is(t, "nmod:poss") || is_rel(t, "det") || is_rel(t, "nummod") ||
           is_rel(t, "fixed") || rel_is(t, "case") || is_rel(t, "goeswith");
}

/* ------------------------------------------------------------ actors */

/* Composes an actor code with agent codes, PETRARCH style: "~X" appends,
 * "X~" prepends; an agent already present at a 3-letter boundary stops the
 * composition. Writes into buf. */
static void compose(char *buf, size_t n, const char *actor,
                    const char *const *agents, const bool *suffix, int nag)
{
    snprintf(buf, n, "%s", actor ? actor : "---");
    for (int i = 0; i < nag; i++) {
        const char *a = agents[i];
        size_t la = strlen(a), lb = strlen(buf);
        bool dup = false;
        for (size_t k = 0; k + la <= lb && !dup; k += 3)
            dup = strncmp(buf + k, a, la) == 0;
        if (dup)
            break;
        char tmp[64];
        if (suffix[i])
            snprintf(tmp, sizeof tmp, "%s%s", a, buf);
        else
            snprintf(tmp, sizeof tmp, "%s%s", buf, a);
        snprintf(buf, n, "%s", tmp);
    }
}

/* Collects the tokens of the noun phrase headed by h (h and its
 * phrase-internal dependents, recursively) into toks, in word order. */
static int np_tokens(const tree *T, int h, int *toks, int max)
{
    int n = 0;
    int stack[64];
    int sp = 0;
    stack[sp++] = h;
    while (sp > 0 && n < max) {
        int x = stack[--sp];
        toks[n++] = x;
        for (int c = T->first_child[x]; c; c = T->next_sib[c])
            if (np_internal_rel(&T->s->tok[c]) && sp < 64)
                stack[sp++] = c;
    }
    /* insertion sort: phrases are short */
    for (int i = 1; i < n; i++) {
        int v = toks[i], j = i;
        while (j > 0 && toks[j - 1] > v) {
            toks[j] = toks[j - 1];
            j--;
        }
        toks[j] = v;
    }
    return n;
}

static void find_np_actor(const evc_dicts *d, tree *T, int h, evc_arena *arena)
{
    const evc_sentence *s = T->s;
    int toks[64];
    int n = np_tokens(T, h, toks, 64);
    const evc_phrase *actor = NULL;
    int a_start = -1, a_len = 0;
    for (int i = 0; i < n && !actor; i++) {
        int len;
        const evc_phrase *p = evc_phrase_set_match(d, &d->actors, s, toks, n, i, &len);
        if (p) {
            actor = p;
            a_start = i;
            a_len = len;
        }
    }
    const char *agents[8];
    bool suffix[8];
    int nag = 0;
    const evc_phrase *first_agent = NULL;
    for (int i = 0; i < n && nag < 8;) {
        if (i >= a_start && i < a_start + a_len) {
            i++;
            continue;
        }
        int len;
        const evc_phrase *p = evc_phrase_set_match(d, &d->agents, s, toks, n, i, &len);
        if (!p) {
            i++;
            continue;
        }
        if (!first_agent)
            first_agent = p;
        agents[nag] = d->agent_codes[p->payload];
        suffix[nag] = (p->flags & EVC_PHRASE_AGENT_SUFFIX) != 0;
        nag++;
        i += len > 0 ? len : 1;
    }
    const char *acode = actor ? evc_actor_code_on(d, actor, s->date) : NULL;
    if (!actor && nag == 0)
        return;
    /* "the government of Gondor": an agent whose actor is in an "of" phrase */
    if (!actor) {
        for (int c = T->first_child[h]; c; c = T->next_sib[c]) {
            if (!is_rel(&s->tok[c], "nmod"))
                continue;
            if (T->np_code[c] && strncmp(T->np_code[c], "---", 3) != 0) {
                acode = T->np_code[c];
                break;
            }
        }
    }
    char buf[64];
    compose(buf, sizeof buf, acode, agents, suffix, nag);
    T->np_code[h] = evc_arena_strdup(arena, buf);
    T->np_actor[h] = actor;
    T->np_agent[h] = first_agent;
    T->np_lo[h] = toks[0];
    T->np_hi[h] = toks[n - 1];
    /* the words of the phrase, for output */
    size_t len = 0;
    for (int i = 0; i < n; i++)
        len += strlen(s->tok[toks[i]].form) + 1;
    char *text = evc_arena_alloc(arena, len + 1);
    size_t k = 0;
    for (int i = 0; i < n; i++) {
        if (k)
            text[k++] = ' ';
        size_t l = strlen(s->tok[toks[i]].form);
        memcpy(text + k, s->tok[toks[i]].form, l);
        k += l;
    }
    text[k] = 0;
    T->np_text[h] = text;
}

/* Actors of the coordination headed by h: h's own and its conjuncts'. */
static int coord_actors(const tree *T, int h, int *out, int max)
{
    int n = 0;
    if (h <= 0)
        return 0;
    if (T->np_code[h])
        out[n++] = h;
    for (int c = T->first_child[h]; c && n < max; c = T->next_sib[c])
        if (rel_is(&T->s->tok[c], "conj") && T->np_code[c])
            out[n++] = c;
    return n;
}

/* ------------------------------------------------------------ verbs */

static int child_rel(const tree *T, int v, const char *rel)
{
    for (int c = T->first_child[v]; c; c = T->next_sib[c])
        if (is_rel(&T->s->tok[c], rel))
            return c;
    return 0;
}

static bool has_case(const tree *T, int x, const char *prep)
{
    for (int c = T->first_child[x]; c; c = T->next_sib[c])
        if (rel_is(&T->s->tok[c], "case") &&
            strcasecmp(T->s->tok[c].form, prep) == 0)
            return true;
    return false;
}

static bool is_passive(const tree *T, int v)
{
    return child_rel(T, v, "nsubj:pass") || child_rel(T, v, "aux:pass") ||
           child_rel(T, v, "csubj:pass");
}

static bool is_negated(const tree *T, int v)
{
    for (int c = T->first_child[v]; c; c = T->next_sib[c]) {
        const evc_token *t = &T->s->tok[c];
        if ((is_rel(t, "advmod") || rel_is(t, "neg")) &&
            (strcasecmp(t->form, "not") == 0 || strcasecmp(t->form, "n't") == 0 ||
             strcasecmp(t->form, "never") == 0 || strcasecmp(t->lemma, "not") == 0))
            return true;
    }
    return false;
}

/* The token heading the subject of verb v, following control, shared
 * subjects of conjoined verbs and relative clauses. */
static int subject_of(const tree *T, int v, int depth)
{
    const evc_sentence *s = T->s;
    if (depth > 8 || v <= 0)
        return 0;
    int subj = 0;
    for (int c = T->first_child[v]; c; c = T->next_sib[c]) {
        const evc_token *t = &s->tok[c];
        if (rel_is(t, "nsubj") || rel_is(t, "nsubj:pass") || rel_is(t, "csubj")) {
            subj = c;
            break;
        }
    }
    if (is_passive(T, v)) {
        /* the agent of a passive is its source */
        for (int c = T->first_child[v]; c; c = T->next_sib[c])
            if ((rel_is(&s->tok[c], "obl:agent") || is_rel(&s->tok[c], "obl")) &&
                has_case(T, c, "by"))
                return c;
        if (subj)
            return 0;
    }
    if (subj) {
        /* a relative pronoun stands for the noun the clause modifies */
        const evc_token *t = &s->tok[subj];
        if (upos_is(t, "PRON") && (is_rel(&s->tok[v], "acl")) &&
            (strcasecmp(t->form, "who") == 0 || strcasecmp(t->form, "which") == 0 ||
             strcasecmp(t->form, "that") == 0))
            return s->tok[v].head;
        return subj;
    }
    const evc_token *vt = &s->tok[v];
    if (is_rel(vt, "xcomp") || rel_is(vt, "conj") || is_rel(vt, "advcl"))
        return subject_of(T, vt->head, depth + 1);
    if (is_rel(vt, "acl"))
        return vt->head;
    return 0;
}

/* The target's head: object, indirect object, else the first prepositional
 * object with an actor. For a passive, the subject. */
static int target_of(const tree *T, int v)
{
    const evc_sentence *s = T->s;
    if (is_passive(T, v)) {
        int sp = child_rel(T, v, "nsubj:pass");
        if (sp)
            return sp;
    }
    int best = 0;
    for (int c = T->first_child[v]; c; c = T->next_sib[c]) {
        const evc_token *t = &s->tok[c];
        if ((rel_is(t, "obj") || rel_is(t, "iobj")) && T->np_code[c])
            return c;
    }
    for (int c = T->first_child[v]; c; c = T->next_sib[c]) {
        const evc_token *t = &s->tok[c];
        if (is_rel(t, "obl") && !rel_is(t, "obl:agent") && T->np_code[c] &&
            !(is_passive(T, v) && has_case(T, c, "by"))) {
            best = c;
            break;
        }
    }
    if (best)
        return best;
    /* an object without an actor may hold one in an "of" phrase */
    for (int c = T->first_child[v]; c; c = T->next_sib[c]) {
        const evc_token *t = &s->tok[c];
        if (rel_is(t, "obj"))
            for (int g = T->first_child[c]; g; g = T->next_sib[g])
                if (is_rel(&s->tok[g], "nmod") && T->np_code[g])
                    return g;
    }
    return 0;
}

/* ------------------------------------------------------------ patterns */

typedef struct match {
    int source, target; /* heads bound by '$' / '+' (0 = none) */
    int compound;       /* head bound by '%' */
    int score;          /* elements matched */
} match;

/* Does a synset member start at seq[i]? Returns tokens consumed or 0. */
static int synset_at(const evc_dicts *d, const tree *T, uint32_t sy,
                     const int *seq, int n, int i)
{
    int len;
    if (sy >= d->nsynsets)
        return 0;
    const evc_phrase *p = evc_phrase_set_match(d, &d->synsets[sy].members, T->s,
                                               seq, n, i, &len);
    return p ? len : 0;
}

/* Matches elements el[0..ne) against seq[0..n) (seq is in the order the
 * elements are written: upper sides are given reversed). `anchored` says the
 * first element must match seq[0]. Greedy left to right with skipping;
 * returns true and fills m. */
static bool match_side(const evc_dicts *d, const tree *T, const evc_pat_elem *el,
                       int ne, bool first_joined, const int *seq, int n,
                       bool reversed, match *m)
{
    int i = 0;
    for (int k = 0; k < ne; k++) {
        const evc_pat_elem *e = &el[k];
        bool joined = k == 0 ? first_joined : e->joined;
        if (e->kind == EVC_PE_PP_OPEN || e->kind == EVC_PE_PP_CLOSE ||
            e->kind == EVC_PE_BRACE_OPEN || e->kind == EVC_PE_BRACE_CLOSE)
            continue;
        bool found = false;
        for (int j = i; j < n && !found; j++) {
            int tok = seq[j];
            int used = 0;
            switch (e->kind) {
            case EVC_PE_WORD:
                if (evc_word_matches(d, &T->s->tok[tok], e->id, e->prefix))
                    used = 1;
                break;
            case EVC_PE_SYNSET:
                used = synset_at(d, T, e->id, seq, n, j);
                break;
            case EVC_PE_SOURCE:
            case EVC_PE_TARGET:
            case EVC_PE_COMPOUND: {
                int h = T->np_owner[tok];
                if (h && T->np_code[h]) {
                    if (e->kind == EVC_PE_SOURCE)
                        m->source = h;
                    else if (e->kind == EVC_PE_TARGET)
                        m->target = h;
                    else
                        m->compound = h;
                    /* consume the rest of the phrase */
                    used = 1;
                    while (j + used < n && T->np_owner[seq[j + used]] == h)
                        used++;
                }
                break;
            }
            case EVC_PE_SKIP:
                used = 1;
                if (T->np_owner[tok]) {
                    int h = T->np_owner[tok];
                    while (j + used < n && T->np_owner[seq[j + used]] == h)
                        used++;
                }
                break;
            default:
                used = 1;
            }
            if (used) {
                found = true;
                i = j + used;
                m->score += e->kind == EVC_PE_WORD || e->kind == EVC_PE_SYNSET ? 2 : 1;
            }
            if (joined && !found)
                break; /* adjacency required: no skipping */
        }
        if (!found)
            return false;
    }
    (void)reversed;
    return true;
}

/* ------------------------------------------------------------ events */

static evc_status push_event(evc_events *out, evc_arena *arena, const evc_event *e)
{
    if (out->n == out->cap) {
        int nc = out->cap ? out->cap * 2 : 8;
        evc_event *nv = evc_arena_alloc(arena, sizeof *nv * (size_t)nc);
        if (!nv)
            return EVC_ERR_NOMEM;
        if (out->n)
            memcpy(nv, out->ev, sizeof *nv * (size_t)out->n);
        out->ev = nv;
        out->cap = nc;
    }
    out->ev[out->n++] = *e;
    return EVC_OK;
}

static void fill_actor(const tree *T, int h, evc_actor *a, evc_arena *arena)
{
    memset(a, 0, sizeof *a);
    if (h <= 0 || !T->np_code[h]) {
        a->code = a->root = a->agent = a->text = "";
        return;
    }
    const char *c = T->np_code[h];
    a->code = c;
    size_t n = strlen(c);
    a->root = evc_arena_strndup(arena, c, n < 3 ? n : 3);
    a->agent = n > 3 ? c + 3 : "";
    a->text = T->np_text[h];
    a->head = h;
}

static bool same_event(const evc_event *a, const evc_event *b)
{
    return strcmp(a->source.code, b->source.code) == 0 &&
           strcmp(a->target.code, b->target.code) == 0 &&
           strcmp(a->code, b->code) == 0;
}

static evc_status emit(const tree *T, const evc_code_opts *o, evc_arena *arena,
                       evc_events *out, int v, int src, int tgt, const char *code,
                       bool negated, const char *explain)
{
    evc_event e;
    memset(&e, 0, sizeof e);
    fill_actor(T, src, &e.source, arena);
    fill_actor(T, tgt, &e.target, arena);
    if (o->require_dyad && (!e.source.code[0] || !e.target.code[0]))
        return EVC_OK;
    if (src == tgt || strcmp(e.source.code, e.target.code) == 0)
        return EVC_OK;
    if (!code || strcmp(code, "---") == 0)
        return EVC_OK;
    e.code = code;
    e.verb = v;
    e.negated = negated;
    e.issues = "";
    e.explain = explain;
    for (int i = 0; i < out->n; i++)
        if (same_event(&out->ev[i], &e))
            return EVC_OK;
    return push_event(out, arena, &e);
}

/* Codes verb v with the verb forms in d->forms[first..first+nf). */
static evc_status code_verb(const evc_dicts *d, const tree *T, int v,
                            size_t first, size_t nf, const evc_code_opts *o,
                            evc_arena *arena, evc_events *out, int *seq_up,
                            int *seq_lo)
{
    const evc_sentence *s = T->s;
    /* the verb form: multi-word forms first (sorted so), they need their
     * other words next to the verb */
    const evc_verb_form *form = NULL;
    int form_lo = v, form_hi = v;
    for (size_t i = first; i < first + nf && !form; i++) {
        const evc_verb_form *f = &d->forms[i];
        bool ok = true;
        int lo = v - f->verb_pos, hi = v + (f->nwords - 1 - f->verb_pos);
        if (lo < 1 || hi > s->ntok)
            continue;
        for (int k = 0; k < f->nwords && ok; k++)
            if (k != f->verb_pos)
                ok = evc_word_matches(d, &s->tok[lo + k], f->words[k], false);
        if (ok) {
            form = f;
            form_lo = lo;
            form_hi = hi;
        }
    }
    if (!form)
        return EVC_OK;
    const evc_verb *vb = &d->verbs[form->verb];
    const char *code = form->code ? form->code : vb->code;
    const char *code2 = NULL;

    /* the sides: upper = tokens before the verb, nearest first; lower =
     * tokens after the verb inside the verb's subtree */
    int nup = 0, nlo = 0;
    for (int i = form_lo - 1; i >= 1 && nup < MAX_SEQ; i--)
        if (!upos_is(&s->tok[i], "PUNCT"))
            seq_up[nup++] = i;
    for (int i = form_hi + 1; i <= s->ntok && nlo < MAX_SEQ; i++) {
        /* inside v's subtree? walk up the heads */
        int x = i, guard = 0;
        while (x && x != v && guard++ < 64)
            x = s->tok[x].head;
        if (x != v || upos_is(&s->tok[i], "PUNCT"))
            continue;
        seq_lo[nlo++] = i;
    }

    match best;
    memset(&best, 0, sizeof best);
    const evc_pattern *bp = NULL;
    for (uint32_t p = 0; p < vb->npats; p++) {
        const evc_pattern *pt = &vb->pats[p];
        match m;
        memset(&m, 0, sizeof m);
        if (!match_side(d, T, pt->lower, pt->nlower, pt->verb_joined_lower,
                        seq_lo, nlo, false, &m))
            continue;
        if (!match_side(d, T, pt->upper, pt->nupper, pt->verb_joined_upper,
                        seq_up, nup, true, &m))
            continue;
        if (!bp || m.score > best.score) {
            best = m;
            bp = pt;
        }
    }
    int src = 0, tgt = 0;
    if (bp) {
        if (strcmp(bp->code, "---") != 0) {
            code = bp->code;
            code2 = bp->code2;
        }
        src = best.source;
        tgt = best.target;
    }
    if (!code || strcmp(code, "---") == 0)
        return EVC_OK;
    bool neg = is_negated(T, v);
    if (neg && !o->keep_negated)
        return EVC_OK;

    char *explain = NULL;
    if (o->explain) {
        char buf[512];
        snprintf(buf, sizeof buf, "verb %s (%s:%u) pattern %s", vb->name,
                 d->files[vb->file], vb->line,
                 bp ? bp->text : "(none: the verb's code)");
        explain = evc_arena_strdup(arena, buf);
    }

    int subj = src ? src : subject_of(T, v, 0);
    int obj = tgt ? tgt : target_of(T, v);
    if (bp && best.compound) {
        /* '%': the members of a compound actor act on each other */
        int mem[MAX_ACTORS];
        int nm = coord_actors(T, best.compound, mem, MAX_ACTORS);
        for (int i = 0; i < nm; i++)
            for (int j = 0; j < nm; j++)
                if (i != j) {
                    evc_status st = emit(T, o, arena, out, v, mem[i], mem[j],
                                         code, neg, explain);
                    if (st)
                        return st;
                }
        return EVC_OK;
    }
    int srcs[MAX_ACTORS], tgts[MAX_ACTORS];
    int ns = coord_actors(T, subj, srcs, MAX_ACTORS);
    int nt = coord_actors(T, obj, tgts, MAX_ACTORS);
    for (int i = 0; i < ns; i++)
        for (int j = 0; j < nt; j++) {
            evc_status st = emit(T, o, arena, out, v, srcs[i], tgts[j], code, neg,
                                 explain);
            if (!st && code2 && strcmp(code2, "---") != 0)
                st = emit(T, o, arena, out, v, tgts[j], srcs[i], code2, neg, explain);
            if (st)
                return st;
        }
    return EVC_OK;
}

/* ------------------------------------------------------------ driver */

evc_status evc_code_sentence(const evc_dicts *d, const evc_sentence *cs,
                             const evc_code_opts *opts, evc_arena *arena,
                             evc_events *out, evc_error *err)
{
    evc_code_opts defo;
    if (!opts) {
        evc_code_opts_default(&defo);
        opts = &defo;
    }
    memset(out, 0, sizeof *out);
    if (!d || !cs)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0, "no dictionaries or sentence");
    evc_sentence *s = (evc_sentence *)cs; /* only the private word ids change */
    int n = s->ntok;
    if (n <= 0)
        return EVC_OK;
    evc_dicts_prepare(d, s);

    /* discards: a phrase anywhere ends the sentence's coding */
    {
        int *all = evc_arena_alloc(arena, sizeof(int) * (size_t)(n + 1));
        if (!all)
            return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
        for (int i = 0; i < n; i++)
            all[i] = i + 1;
        for (int i = 0; i < n; i++) {
            int len;
            const evc_phrase *p = evc_phrase_set_match(d, &d->discards, s, all, n, i, &len);
            if (p) {
                out->discarded = (p->flags & EVC_PHRASE_STORY) ? 2 : 1;
                return EVC_OK;
            }
        }
    }

    tree T;
    memset(&T, 0, sizeof T);
    T.s = s;
    T.n = n;
    size_t ni = (size_t)(n + 1);
    T.first_child = evc_arena_alloc(arena, sizeof(int) * ni);
    T.next_sib = evc_arena_alloc(arena, sizeof(int) * ni);
    T.np_code = evc_arena_alloc(arena, sizeof(char *) * ni);
    T.np_text = evc_arena_alloc(arena, sizeof(char *) * ni);
    T.np_lo = evc_arena_alloc(arena, sizeof(int) * ni);
    T.np_hi = evc_arena_alloc(arena, sizeof(int) * ni);
    T.np_owner = evc_arena_alloc(arena, sizeof(int) * ni);
    T.np_actor = evc_arena_alloc(arena, sizeof(void *) * ni);
    T.np_agent = evc_arena_alloc(arena, sizeof(void *) * ni);
    int *seq_up = evc_arena_alloc(arena, sizeof(int) * MAX_SEQ);
    int *seq_lo = evc_arena_alloc(arena, sizeof(int) * MAX_SEQ);
    if (!T.first_child || !T.next_sib || !T.np_code || !T.np_text || !T.np_lo ||
        !T.np_hi || !T.np_owner || !T.np_actor || !T.np_agent || !seq_up || !seq_lo)
        return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
    memset(T.first_child, 0, sizeof(int) * ni);
    memset(T.next_sib, 0, sizeof(int) * ni);
    memset(T.np_code, 0, sizeof(char *) * ni);
    memset(T.np_owner, 0, sizeof(int) * ni);
    memset(T.np_actor, 0, sizeof(void *) * ni);
    memset(T.np_agent, 0, sizeof(void *) * ni);
    /* children in word order: insert from the right */
    for (int i = n; i >= 1; i--) {
        int h = s->tok[i].head;
        if (h < 0 || h > n)
            continue;
        T.next_sib[i] = T.first_child[h];
        T.first_child[h] = i;
    }

    /* actors: heads first bottom-up is not needed except for "of" phrases,
     * so do the nominals in two passes: dependents of nmod first */
    for (int pass = 0; pass < 2; pass++)
        for (int i = 1; i <= n; i++) {
            const evc_token *t = &s->tok[i];
            bool nom = is_nominal(t) || (upos_is(t, "ADJ") && !np_internal_rel(t));
            if (!nom || (np_internal_rel(t) && !rel_is(t, "nmod:poss")))
                continue;
            if ((pass == 0) != is_rel(t, "nmod"))
                continue;
            find_np_actor(d, &T, i, arena);
        }
    for (int i = 1; i <= n; i++)
        if (T.np_code[i])
            for (int k = T.np_lo[i]; k <= T.np_hi[i]; k++)
                if (!T.np_owner[k] || T.np_owner[k] == k)
                    T.np_owner[k] = i;

    /* events */
    for (int v = 1; v <= n; v++) {
        const evc_token *t = &s->tok[v];
        if (!is_verbal(t) && !upos_is(t, "NOUN") && !upos_is(t, "ADJ"))
            continue;
        size_t first, nf = evc_dict_verb_forms(d, t->word, &first);
        if (!nf && t->lword && is_verbal(t))
            nf = evc_dict_verb_forms(d, t->lword, &first);
        if (!nf)
            continue;
        if (!is_verbal(t))
            continue;
        evc_status st = code_verb(d, &T, v, first, nf, opts, arena, out, seq_up, seq_lo);
        if (st)
            return evc_error_set(err, st, NULL, 0, 0, "out of memory");
    }
    return EVC_OK;
}
