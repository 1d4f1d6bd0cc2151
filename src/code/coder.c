/* coder.c: codes the events of one dependency-parsed sentence, PETRARCH style
 * but on the Universal Dependencies tree rather than on word order:
 *   1. discards end the coding of a sentence (as PETRARCH does);
 *   2. every nominal head gets an actor code: the first actor phrase of its
 *      noun phrase (longest match), composed with the phrase's agents
 *      ("Pakistani officials" -> PAK + ~GOV); an agent-only phrase takes its
 *      actor from an "of/in" phrase ("the ambassadors of Arnor"); conjuncts
 *      give several actors;
 *   3. every verb of the verb dictionary is matched against its block's
 *      patterns on the tree (PETRARCH2 semantics: bare words are object
 *      heads, {..} noun phrases, (P ..) prepositional phrases, $ + % ^ bind
 *      or skip actors; PETRARCH1 patterns are matched on word order);
 *      source and target come from the pattern or the tree (subject; object,
 *      prepositional objects, then nested phrases), following passive,
 *      control (xcomp), shared subjects and relative clauses;
 *   4. negation maps the code through PETRARCH's coding ontology (see
 *      evc_cameo_negate) or, where CAMEO has no opposite, marks the event;
 *   5. with a coreference context (evc_code_sentence_ctx), pronouns,
 *      definite descriptions and capitals in argument slots stand for
 *      earlier actors (coref.c), and the sentence's actors are remembered.
 * The dictionaries are read-only; all scratch memory lives in the arena. */
#include "code/coref.h"
#include "dict/dict.h"
#include "enrich/negate.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_ACTS 16   /* actors of one coordination */
#define MAX_SEQ 512   /* tokens of one PETRARCH1 pattern side */
#define MAX_ARGS 32   /* arguments of one verb */
#define MAX_AGENTS 6

void evc_code_opts_default(evc_code_opts *o)
{
    memset(o, 0, sizeof *o);
    o->require_dyad = 1;
}

/* ------------------------------------------------------------------ tree */

/* What a noun phrase's own words say: its first actor and its agents. */
typedef struct npinfo {
    const char *actor;           /* actor code, NULL if none */
    const char *agents[MAX_AGENTS];
    bool suffix[MAX_AGENTS];
    int nag;
    bool done;
    const char *text;
    const evc_phrase *actor_entry, *agent_entry;
    int actor_tok;               /* the token the actor phrase starts at */
    bool head_named;             /* the head is a word of the actor or of an
                                    agent phrase ("officials"), not only a
                                    noun near one ("Afghan soil") */
} npinfo;

typedef struct act {
    const char *code;
    const char *text;
    int head;
    const char *ante;  /* coreference: the antecedent's text, or NULL */
    unsigned char how; /* 0 own words, 1 antecedent, 2 capital -> GOV */
    unsigned char mflags; /* how == 1: the antecedent's EVC_MENTION_* */
} act;

typedef struct coord_memo {
    act *acts; /* NULL until computed */
    int n;
} coord_memo;

typedef struct tok_memo {
    int *toks; /* NULL until computed */
    int n;
} tok_memo;

typedef struct tree {
    const evc_dicts *d;
    const evc_sentence *s;
    evc_arena *arena;
    int n;
    int *first_child; /* children linked in word order */
    int *next_sib;
    npinfo *np;
    int *np_owner; /* token -> head of the coded phrase it belongs to */
    coord_memo *memo; /* coord_acts results per head */
    tok_memo *tmemo;  /* np_tokens results per head */
    int *scratch;     /* 2 * (n + 1) ints for tree walks */
    uint64_t wordmask[4]; /* bit (id % 256) of every form and lemma present */
    evc_coref *ctx;   /* coreference context, or NULL */
    evc_mention *cur; /* this sentence's actor mentions, in word order */
    int ncur, capcur;
} tree;

/* Token classes, computed once per sentence into evc_token.cls so that the
 * tree walks compare small integers, not strings: bits 0-7 the relation,
 * 8-11 its subtype, 12-17 the UPOS. */
enum {
    R_OTHER, R_NSUBJ, R_CSUBJ, R_OBJ, R_IOBJ, R_OBL, R_NMOD, R_CASE, R_CONJ, R_CC, R_AMOD, R_COMPOUND, R_FLAT, R_DET, R_NUMMOD, R_FIXED, R_GOESWITH, R_ADVMOD, R_NEG, R_XCOMP, R_CCOMP, R_ADVCL, R_ACL, R_APPOS, R_PARATAXIS, R_AUX, R_COP, R_MARK, R_PUNCT
};
enum { S_NONE, S_PASS, S_POSS, S_TMOD, S_NPMOD, S_AGENT, S_PRT, S_RELCL, S_DESC, S_OTHER, S_ANY = 15 };
enum { P_OTHER, P_NOUN, P_PROPN, P_PRON, P_NUM, P_X, P_ADJ, P_VERB, P_AUX, P_ADP, P_PUNCT, P_SYM, P_DET };

static const char *const rel_names[] = {"", "nsubj", "csubj", "obj", "iobj", "obl", "nmod", "case", "conj", "cc", "amod", "compound", "flat", "det", "nummod", "fixed", "goeswith", "advmod", "neg", "xcomp", "ccomp", "advcl", "acl", "appos", "parataxis", "aux", "cop", "mark", "punct"};
static const char *const sub_names[] = {"", "pass", "poss", "tmod", "npmod", "agent", "prt", "relcl", "desc"};
static const char *const upos_names[] = {"", "NOUN", "PROPN", "PRON", "NUM", "X", "ADJ", "VERB", "AUX", "ADP", "PUNCT", "SYM", "DET"};

static int name_index(const char *const *names, int n, const char *s, size_t len)
{
    for (int i = 1; i < n; i++)
        if (names[i][0] == s[0] && strncmp(names[i], s, len) == 0 &&
            names[i][len] == 0)
            return i;
    return 0;
}

static uint32_t classify(const evc_token *t)
{
    const char *d = t->deprel ? t->deprel : "";
    const char *colon = strchr(d, ':');
    size_t bl = colon ? (size_t)(colon - d) : strlen(d);
    int r = name_index(rel_names, (int)(sizeof rel_names / sizeof *rel_names), d, bl);
    int sb = S_NONE;
    if (colon) {
        sb = name_index(sub_names, (int)(sizeof sub_names / sizeof *sub_names),
                        colon + 1, strlen(colon + 1));
        if (!sb)
            sb = S_OTHER;
    }
    int u = name_index(upos_names, (int)(sizeof upos_names / sizeof *upos_names),
                       t->upos ? t->upos : "", t->upos ? strlen(t->upos) : 0);
    return (uint32_t)r | (uint32_t)sb << 8 | (uint32_t)u << 12;
}

/* The relation family ("nmod" covers nmod:poss, nmod:tmod, ...). */
static bool is_rel(const evc_token *t, int rel)
{
    return (int)(t->cls & 0xff) == rel;
}

/* The relation with its subtype (S_NONE: none; S_ANY: any). */
static bool rel_is(const evc_token *t, int rel, int sub)
{
    return (int)(t->cls & 0xff) == rel &&
           (sub == S_ANY || (int)(t->cls >> 8 & 0xf) == sub);
}

static bool upos_is(const evc_token *t, int upos)
{
    return (int)(t->cls >> 12 & 0x3f) == upos;
}

static bool is_nominal(const evc_token *t)
{
    return upos_is(t, P_NOUN) || upos_is(t, P_PROPN) || upos_is(t, P_PRON) ||
           upos_is(t, P_NUM) || upos_is(t, P_X) || upos_is(t, P_ADJ);
}

/* Dependents that belong to a noun phrase's own words (nmod:desc: GUM's
 * title before a name, "Prime Minister" in "Prime Minister Romendacil"). */
static bool np_internal_rel(const evc_token *t)
{
    return is_rel(t, R_COMPOUND) || is_rel(t, R_AMOD) || is_rel(t, R_FLAT) ||
           rel_is(t, R_NMOD, S_POSS) || rel_is(t, R_NMOD, S_DESC) || is_rel(t, R_DET) || is_rel(t, R_NUMMOD) ||
           is_rel(t, R_FIXED) || rel_is(t, R_CASE, S_NONE) || is_rel(t, R_GOESWITH);
}

/* Does the token match dictionary word w, by form or by lemma? */
static bool tok_is(const tree *T, int i, uint32_t w)
{
    const evc_token *t = &T->s->tok[i];
    return w && (t->word == w || t->lword == w);
}

static int child_rel(const tree *T, int v, int rel, int sub)
{
    for (int c = T->first_child[v]; c; c = T->next_sib[c])
        if (rel_is(&T->s->tok[c], rel, sub))
            return c;
    return 0;
}

/* The preposition (case dependent) of x, or 0. */
static int case_of(const tree *T, int x)
{
    for (int c = T->first_child[x]; c; c = T->next_sib[c])
        if (rel_is(&T->s->tok[c], R_CASE, S_NONE))
            return c;
    return 0;
}

static bool has_case(const tree *T, int x, const char *prep)
{
    int c = case_of(T, x);
    return c && strcasecmp(T->s->tok[c].form, prep) == 0;
}

/* ------------------------------------------------------------ actors */

/* Composes an actor code with agent codes, PETRARCH style: "~X" appends,
 * "X~" prepends; an agent already present at a 3-letter boundary stops the
 * composition. */
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
        char tmp[96];
        if (suffix[i])
            snprintf(tmp, sizeof tmp, "%s%s", a, buf);
        else
            snprintf(tmp, sizeof tmp, "%s%s", buf, a);
        snprintf(buf, n, "%s", tmp);
    }
}

/* Makes room for element n of the arena array *v (capacity *cap, elements
 * of `size` bytes), doubling from `first`: a full array is copied to a new
 * one and the old left to the arena. false on OOM (*v unchanged). */
static bool arena_reserve(evc_arena *a, void **v, int n, int *cap,
                          size_t size, int first)
{
    if (n < *cap)
        return true;
    int nc = *cap ? *cap * 2 : first;
    void *nv = evc_arena_alloc(a, size * (size_t)nc);
    if (!nv)
        return false;
    if (n)
        memcpy(nv, *v, size * (size_t)n);
    *v = nv;
    *cap = nc;
    return true;
}

/* Sorts v[0..n) ascending: token lists are short, so insertion sort. */
static void sort_ints(int *v, int n)
{
    for (int i = 1; i < n; i++) {
        int x = v[i], j = i;
        while (j > 0 && v[j - 1] > x) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

static int np_tokens_uncached(const tree *T, int x, int *toks, int max);

/* Collects the noun phrase's own tokens (x and its phrase-internal
 * dependents, recursively), in word order; computed once per head. */
static int np_tokens(const tree *T, int x, int *toks, int max)
{
    tok_memo *M = &T->tmemo[x];
    if (!M->toks) {
        int tmp[64];
        int n = np_tokens_uncached(T, x, tmp, 64);
        M->toks = evc_arena_alloc(T->arena, sizeof(int) * (size_t)n);
        if (!M->toks)
            return np_tokens_uncached(T, x, toks, max);
        memcpy(M->toks, tmp, sizeof(int) * (size_t)n);
        M->n = n;
    }
    int n = M->n < max ? M->n : max;
    memcpy(toks, M->toks, sizeof(int) * (size_t)n);
    return n;
}

static int np_tokens_uncached(const tree *T, int x, int *toks, int max)
{
    int n = 0, stack[64], sp = 0;
    stack[sp++] = x;
    while (sp > 0 && n < max) {
        int y = stack[--sp];
        toks[n++] = y;
        for (int c = T->first_child[y]; c; c = T->next_sib[c])
            if (np_internal_rel(&T->s->tok[c]) && sp < 64)
                stack[sp++] = c;
    }
    sort_ints(toks, n);
    return n;
}

/* The tokens of x's phrase with its prepositional phrases (not clauses,
 * conjuncts or appositions), in word order; contiguous spans only. */
static int subtree_tokens(const tree *T, int x, int *toks, int max)
{
    int n = 0, stack[128], sp = 0;
    stack[sp++] = x;
    while (sp > 0 && n < max) {
        int y = stack[--sp];
        toks[n++] = y;
        for (int c = T->first_child[y]; c; c = T->next_sib[c]) {
            const evc_token *t = &T->s->tok[c];
            if ((np_internal_rel(t) || is_rel(t, R_NMOD) || is_rel(t, R_FLAT)) &&
                !rel_is(t, R_NMOD, S_TMOD) && sp < 128)
                stack[sp++] = c;
        }
    }
    sort_ints(toks, n);
    return n;
}

static const char *join_forms(const tree *T, const int *toks, int n)
{
    size_t len = 1;
    for (int i = 0; i < n; i++)
        len += strlen(T->s->tok[toks[i]].form) + 1;
    char *text = evc_arena_alloc(T->arena, len);
    if (!text)
        return "";
    size_t k = 0;
    for (int i = 0; i < n; i++) {
        const char *f = T->s->tok[toks[i]].form;
        if (strcmp(f, "'s") == 0 || strcmp(f, "'") == 0)
            continue;
        if (k)
            text[k++] = ' ';
        size_t l = strlen(f);
        memcpy(text + k, f, l);
        k += l;
    }
    text[k] = 0;
    return text;
}

/* Fills T->np[x]: the first actor of x's own words and its agents. */
static void np_analyse(tree *T, int x)
{
    npinfo *I = &T->np[x];
    if (I->done)
        return;
    I->done = true;
    const evc_dicts *d = T->d;
    const evc_sentence *s = T->s;
    int toks[64];
    int n = np_tokens(T, x, toks, 64);
    int a_start = -1, a_len = 0;
    for (int i = 0; i < n && a_start < 0; i++) {
        int len;
        const evc_phrase *p =
            evc_phrase_set_match(d, &d->actors, s, toks, n, i, &len);
        if (p) {
            I->actor_entry = p;
            I->actor = evc_actor_code_on(d, p, s->date);
            if (!I->actor)
                I->actor = "---";
            I->actor_tok = toks[i];
            a_start = i;
            a_len = len;
        }
    }
    if (a_start < 0) {
        /* a name that runs into an "of" phrase: "Prince of Dol Amroth" */
        int ext[128];
        int ne = subtree_tokens(T, x, ext, 128);
        for (int i = 0; i < ne && a_start < 0; i++) {
            if (ext[i] > x)
                break;
            int len;
            const evc_phrase *p =
                evc_phrase_set_match(d, &d->actors, s, ext, ne, i, &len);
            if (p && ext[i + len - 1] > x) {
                I->actor_entry = p;
                I->actor = evc_actor_code_on(d, p, s->date);
                if (!I->actor)
                    I->actor = "---";
                /* the words before the name still give agents */
                int k = 0;
                while (k < n && toks[k] < ext[i])
                    k++;
                a_start = k;
                a_len = n - k;
            }
        }
    }
    for (int k = a_start; a_start >= 0 && k < a_start + a_len && k < n; k++)
        I->head_named |= toks[k] == x;
    for (int i = 0; i < n && I->nag < MAX_AGENTS;) {
        if (i >= a_start && i < a_start + a_len) {
            i++;
            continue;
        }
        int len;
        const evc_phrase *p =
            evc_phrase_set_match(d, &d->agents, s, toks, n, i, &len);
        if (!p) {
            i++;
            continue;
        }
        if (!I->agent_entry)
            I->agent_entry = p;
        I->agents[I->nag] = d->agent_codes[p->payload];
        I->suffix[I->nag] = (p->flags & EVC_PHRASE_AGENT_SUFFIX) != 0;
        I->nag++;
        for (int k = i; k < i + len && k < n; k++)
            I->head_named |= toks[k] == x;
        i += len > 0 ? len : 1;
    }
    /* the phrase's words without its own preposition ("with Gondor") */
    int keep[64], nk = 0;
    for (int i = 0; i < n; i++)
        if (!(rel_is(&s->tok[toks[i]], R_CASE, S_NONE) && s->tok[toks[i]].head == x))
            keep[nk++] = toks[i];
    I->text = join_forms(T, keep, nk);
}

/* ------------------------------------------------------------ coreference
 * Only with a context (evc_code_sentence_ctx): which phrases are anaphors
 * or capitals, in which slots, and what they may not refer to; coref.c
 * holds the mentions and the rules of agreement. */

/* The first conjunct of the coordination x belongs to (x itself if none). */
static int coord_top(const tree *T, int x)
{
    for (int guard = 0; guard < 32 && rel_is(&T->s->tok[x], R_CONJ, S_NONE);
         guard++) {
        int h = T->s->tok[x].head;
        if (h <= 0 || h > T->n)
            break;
        x = h;
    }
    return x;
}

enum { SLOT_NONE, SLOT_SUBJ, SLOT_OBJ, SLOT_BY, SLOT_PP };

/* The argument slot phrase x fills (conjuncts share their first's): a
 * subject, an object, a passive's "by" phrase or a prepositional phrase. */
static int slot_of(const tree *T, int x)
{
    int y = coord_top(T, x);
    const evc_token *t = &T->s->tok[y];
    if (rel_is(t, R_NSUBJ, S_NONE) || rel_is(t, R_NSUBJ, S_PASS))
        return SLOT_SUBJ;
    if (rel_is(t, R_OBJ, S_NONE) || rel_is(t, R_IOBJ, S_NONE))
        return SLOT_OBJ;
    if (rel_is(t, R_OBL, S_AGENT))
        return SLOT_BY;
    if ((is_rel(t, R_OBL) || is_rel(t, R_NMOD)) && !rel_is(t, R_NMOD, S_POSS) &&
        !rel_is(t, R_OBL, S_TMOD) && !rel_is(t, R_NMOD, S_TMOD) &&
        !rel_is(t, R_OBL, S_NPMOD) && case_of(T, y))
        return is_rel(t, R_OBL) && has_case(T, y, "by") ? SLOT_BY : SLOT_PP;
    return SLOT_NONE;
}

static bool is_plural(const evc_token *t)
{
    return (t->feats && strstr(t->feats, "Number=Plur")) ||
           (t->xpos && (!strcmp(t->xpos, "NNS") || !strcmp(t->xpos, "NNPS")));
}

/* Is x, or a name in apposition to it, a personal name: a proper noun
 * with `flat` parts ("Ishaq Dar", "spokesperson Mumtaz Zahra Baloch")? */
static bool personal_name(const tree *T, int x)
{
    if (upos_is(&T->s->tok[x], P_PROPN) && child_rel(T, x, R_FLAT, S_ANY))
        return true;
    for (int c = T->first_child[x]; c; c = T->next_sib[c]) {
        const evc_token *t = &T->s->tok[c];
        if ((is_rel(t, R_FLAT) || is_rel(t, R_APPOS) || is_rel(t, R_COMPOUND)) &&
            upos_is(t, P_PROPN) && child_rel(T, c, R_FLAT, S_ANY))
            return true;
    }
    return false;
}

/* Is token x inside a quotation? An odd number of double quotes before it
 * says so; whose words they are is unknown, so such pronouns are left. */
static bool in_quotation(const tree *T, int x)
{
    int q = 0;
    for (int i = 1; i < x; i++) {
        const char *f = T->s->tok[i].form;
        if (!strcmp(f, "\"") || !strcmp(f, "``") || !strcmp(f, "''") ||
            !strcmp(f, "\xe2\x80\x9c") || !strcmp(f, "\xe2\x80\x9d"))
            q++;
    }
    return q % 2 == 1;
}

/* The actors anaphor x (of class kind) stands for, looked up in this
 * sentence's mentions and the context; 0 when none fits. */
static int coref_find(tree *T, int x, evc_anaphor_kind kind, const char *agent,
                      bool person, int max_back, act *out, int max)
{
    const evc_sentence *s = T->s;
    int excl[20], ne = 0;
    /* the phrases that contain x ("the leader of them") */
    for (int y = x; ne < 16;) {
        const evc_token *t = &s->tok[y];
        int h = t->head;
        if (h <= 0 || h > T->n || !is_nominal(&s->tok[h]) ||
            !(is_rel(t, R_NMOD) || is_rel(t, R_CONJ) || is_rel(t, R_APPOS) ||
              np_internal_rel(t)))
            break;
        excl[ne++] = h;
        y = h;
    }
    /* an object is not its own clause's subject ("Gondor accused them") */
    int top = coord_top(T, x), slot = slot_of(T, x);
    if (slot == SLOT_OBJ || slot == SLOT_PP) {
        int v = s->tok[top].head;
        int sj = v > 0 ? child_rel(T, v, R_NSUBJ, S_ANY) : 0;
        if (sj)
            excl[ne++] = sj;
    }
    evc_anaphor a = {kind, agent, person, x, excl, ne, top, max_back};
    const evc_mention *ms[MAX_ACTS];
    char codes[MAX_ACTS][EVC_COREF_CODE];
    int k = evc_coref_resolve(T->ctx, T->cur, T->ncur, &a, ms, codes,
                              max < MAX_ACTS ? max : MAX_ACTS);
    for (int i = 0; i < k; i++) {
        out[i] = (act){evc_arena_strdup(T->arena, codes[i]), T->np[x].text, x,
                       evc_arena_strdup(T->arena, ms[i]->text), 1,
                       (unsigned char)(ms[i]->flags & (EVC_MENTION_PERSON |
                                                       EVC_MENTION_PLURAL))};
        if (!out[i].code || !out[i].ante)
            return 0;
    }
    return k;
}

/* A personal pronoun in an argument slot: he, she, him, her, it (as a
 * subject only: an object "it" is mostly a thing said or done, "denied
 * it"), they, them. */
static int coref_pronoun(tree *T, int x, act *out, int max)
{
    evc_anaphor_kind k = evc_coref_pronoun(T->s->tok[x].form);
    int slot = slot_of(T, x);
    if (k == EVC_ANAPH_NONE || slot == SLOT_NONE || in_quotation(T, x))
        return 0;
    if (k == EVC_ANAPH_THING && slot != SLOT_SUBJ)
        return 0;
    return coref_find(T, x, k, NULL, false, 2, out, max);
}

/* A definite description without an actor ("the group", "the militants",
 * "the government", "her government", "the spokesperson") in an argument
 * slot, whose head is an agent word or a collective noun. */
static int coref_description(tree *T, int x, act *out, int max)
{
    const evc_sentence *s = T->s;
    const evc_token *h = &s->tok[x];
    if (!upos_is(h, P_NOUN) || slot_of(T, x) == SLOT_NONE || in_quotation(T, x))
        return 0;
    bool definite = false;
    for (int c = T->first_child[x]; c && !definite; c = T->next_sib[c]) {
        const evc_token *t = &s->tok[c];
        const char *f = t->form;
        if (is_rel(t, R_DET))
            definite = !strcasecmp(f, "the") || !strcasecmp(f, "this") ||
                       !strcasecmp(f, "that") || !strcasecmp(f, "these") ||
                       !strcasecmp(f, "those");
        else if (rel_is(t, R_NMOD, S_POSS) && upos_is(t, P_PRON))
            definite = true; /* "her government" */
    }
    if (!definite)
        return 0;
    /* the agent that names the head ("the security forces"), else another
     * of the phrase's ("the militant organization") */
    const char *head_agent = NULL, *other = NULL;
    int toks[64];
    int n = np_tokens(T, x, toks, 64);
    for (int i = 0; i < n; i++) {
        int len;
        const evc_phrase *p =
            evc_phrase_set_match(T->d, &T->d->agents, s, toks, n, i, &len);
        if (!p)
            continue;
        const char *code = T->d->agent_codes[p->payload];
        if (toks[i] <= x && toks[i + (len > 0 ? len : 1) - 1] >= x)
            head_agent = code;
        else if (!other)
            other = code;
    }
    const char *lemma = h->lemma && strcmp(h->lemma, "_") ? h->lemma : h->form;
    evc_anaphor_kind k;
    if (head_agent) {
        k = evc_coref_description(head_agent, lemma);
    } else {
        /* a collective noun: "the group", "the militant organization" */
        k = evc_coref_description(NULL, lemma);
        if (k != EVC_ANAPH_ARMED)
            return 0;
        if (other)
            k = evc_coref_description(other, lemma);
    }
    if (k == EVC_ANAPH_NONE)
        return 0;
    bool one_person = evc_coref_person_noun(lemma) && !is_plural(h);
    return coref_find(T, x, k, head_agent ? head_agent : other, one_person,
                      EVC_COREF_RING, out, max);
}

/* Is x, coded as the bare country `code`, a capital standing for its
 * government as a subject, object or passive agent ("Islamabad said")? */
static bool coref_capital(tree *T, int x, const char *code)
{
    int slot = slot_of(T, x);
    if ((slot != SLOT_SUBJ && slot != SLOT_OBJ && slot != SLOT_BY) ||
        strlen(code) != 3)
        return false;
    char buf[96];
    size_t k = 0;
    int toks[64];
    int n = np_tokens(T, x, toks, 64);
    for (int i = 0; i < n; i++) {
        const evc_token *t = &T->s->tok[toks[i]];
        if (rel_is(t, R_CASE, S_NONE) || is_rel(t, R_PUNCT))
            continue;
        size_t l = strlen(t->form);
        if (k + l + 2 > sizeof buf)
            return false;
        if (k)
            buf[k++] = ' ';
        evc_upcase(buf + k, t->form, l);
        k += l;
    }
    buf[k] = 0;
    return evc_coref_is_capital(buf, code);
}

static int coord_acts(tree *T, int h, act *out, int max, int depth);
static int node_acts(tree *T, int x, int share, act *out, int max, int depth);

/* "the former", "the latter" (or its misspelling "the later") standing as
 * a subject or object: the first or last conjunct of the nearest
 * coordination of nouns before it in the sentence, when that conjunct has
 * an actor ("talks between Pakistani officials and Afghan representatives,
 * wherein the latter insisted ..."), else of the actors coordinated in the
 * sentence before. */
static int coref_ordinal(tree *T, int x, act *out, int max, int depth)
{
    const evc_sentence *s = T->s;
    evc_anaphor_kind k = evc_coref_ordinal(s->tok[x].form);
    int slot = slot_of(T, x);
    if (k == EVC_ANAPH_NONE || slot == SLOT_NONE || upos_is(&s->tok[x], P_VERB))
        return 0;
    bool the = false;
    for (int c = T->first_child[x]; c; c = T->next_sib[c]) {
        if (is_rel(&s->tok[c], R_DET) && !strcasecmp(s->tok[c].form, "the"))
            the = true;
        else if (!is_rel(&s->tok[c], R_PUNCT))
            return 0; /* "the latter part", "the former minister's" */
    }
    if (!the)
        return 0;
    for (int c = x - 1; c >= 1; c--) {
        const evc_token *t = &s->tok[c];
        int h = t->head;
        if (!rel_is(t, R_CONJ, S_NONE) || h <= 0 || h >= c ||
            !is_nominal(t) || !is_nominal(&s->tok[h]))
            continue;
        /* c is the last conjunct before x of the coordination headed by h */
        int pick = k == EVC_ANAPH_FORMER ? h : c;
        act a[MAX_ACTS];
        int n = node_acts(T, pick, 0, a, MAX_ACTS, depth + 1);
        if (n <= 0 || !a[0].code || !strncmp(a[0].code, "---", 3))
            return 0;
        out[0] = a[0];
        out[0].ante = a[0].text;
        out[0].text = T->np[x].text;
        out[0].head = x;
        out[0].how = 1;
        return 1;
    }
    return coref_find(T, x, k, NULL, false, 1, out, max);
}

/* The actors a single conjunct x stands for (usually one; several when its
 * actor comes from a coordinated "of" phrase). `share` is a prepositional
 * phrase of the first conjunct that later conjuncts without their own
 * actor share ("lawmakers and officials in Arnor"). */
static int node_acts(tree *T, int x, int share, act *out, int max, int depth)
{
    if (depth > 6 || max <= 0)
        return 0;
    np_analyse(T, x);
    npinfo *I = &T->np[x];
    char buf[96];
    if (T->ctx && !I->actor && upos_is(&T->s->tok[x], P_PRON)) {
        int k = coref_pronoun(T, x, out, max);
        if (k > 0)
            return k;
    }
    if (T->ctx && !I->actor) {
        int k = coref_ordinal(T, x, out, max, depth);
        if (k > 0)
            return k;
    }
    if (I->actor) {
        compose(buf, sizeof buf, I->actor, I->agents, I->suffix, I->nag);
        out[0] = (act){.code = evc_arena_strdup(T->arena, buf), .text = I->text, .head = x};
        if (T->ctx && !I->nag && coref_capital(T, x, buf)) {
            char gov[16];
            snprintf(gov, sizeof gov, "%sGOV", buf);
            const char *g = evc_arena_strdup(T->arena, gov);
            if (g) {
                out[0].code = g;
                out[0].how = 2;
            }
        }
        int k = 1;
        /* coordinated modifiers: "Eriadori and Calenardhon leaders" */
        int at = I->actor_tok;
        if (at && at != x)
            for (int c = T->first_child[at]; c && k < max; c = T->next_sib[c]) {
                if (!rel_is(&T->s->tok[c], R_CONJ, S_NONE))
                    continue;
                np_analyse(T, c);
                const npinfo *J = &T->np[c];
                if (!J->actor)
                    continue;
                compose(buf, sizeof buf, J->actor, I->agents, I->suffix, I->nag);
                out[k++] = (act){.code = evc_arena_strdup(T->arena, buf), .text = I->text, .head = x};
            }
        return k;
    }
    /* an actor in a prepositional phrase of the noun: "officials in Arnor" */
    int pp = 0;
    for (int c = T->first_child[x]; c && !pp; c = T->next_sib[c]) {
        const evc_token *t = &T->s->tok[c];
        if (is_rel(t, R_NMOD) && !rel_is(t, R_NMOD, S_POSS) &&
            !rel_is(t, R_NMOD, S_TMOD) && case_of(T, c))
            pp = c;
    }
    if (!pp)
        pp = share;
    if (pp) {
        act sub[MAX_ACTS];
        int ns = coord_acts(T, pp, sub, MAX_ACTS, depth + 1);
        int k = 0;
        int prep = case_of(T, pp);
        for (int i = 0; i < ns && k < max; i++) {
            if (strncmp(sub[i].code, "---", 3) == 0 && I->nag)
                continue;
            compose(buf, sizeof buf, sub[i].code, I->agents, I->suffix, I->nag);
            /* "Soldiers from Gondor": the words that name the actor */
            size_t tl = strlen(I->text) + strlen(sub[i].text) + 32;
            char *text = evc_arena_alloc(T->arena, tl);
            if (text)
                snprintf(text, tl, "%s %s %s", I->text,
                         prep ? T->s->tok[prep].form : "", sub[i].text);
            out[k++] = (act){.code = evc_arena_strdup(T->arena, buf), .text = text ? text : I->text, .head = x};
        }
        if (k)
            return k;
    }
    /* a proper name in apposition names the agent: "Foreign Office
     * spokesperson Mumtaz Zahra Baloch" is Baloch's actor with the head's
     * agents composed after the name's own */
    if (I->nag) {
        for (int c = T->first_child[x]; c; c = T->next_sib[c]) {
            const evc_token *t = &T->s->tok[c];
            if (!(is_rel(t, R_APPOS) || is_rel(t, R_FLAT)) || !upos_is(t, P_PROPN))
                continue;
            np_analyse(T, c);
            const npinfo *J = &T->np[c];
            if (!J->actor || !strncmp(J->actor, "---", 3))
                continue;
            const char *ag[2 * MAX_AGENTS];
            bool sf[2 * MAX_AGENTS];
            int na = 0;
            for (int i = 0; i < J->nag; i++, na++) {
                ag[na] = J->agents[i];
                sf[na] = J->suffix[i];
            }
            for (int i = 0; i < I->nag; i++, na++) {
                ag[na] = I->agents[i];
                sf[na] = I->suffix[i];
            }
            compose(buf, sizeof buf, J->actor, ag, sf, na);
            size_t tl = strlen(I->text) + strlen(J->text) + 2;
            char *text = evc_arena_alloc(T->arena, tl);
            if (text)
                snprintf(text, tl, "%s %s", I->text, J->text);
            out[0] = (act){.code = evc_arena_strdup(T->arena, buf),
                           .text = text ? text : I->text, .head = x};
            return 1;
        }
    }
    if (T->ctx) {
        int k = coref_description(T, x, out, max);
        if (k > 0)
            return k;
    }
    if (I->nag) {
        compose(buf, sizeof buf, NULL, I->agents, I->suffix, I->nag);
        out[0] = (act){.code = evc_arena_strdup(T->arena, buf), .text = I->text, .head = x};
        return 1;
    }
    return 0;
}

static int coord_acts_uncached(tree *T, int h, act *out, int max, int depth);

/* Actors of the coordination headed by h: h's own and its conjuncts'.
 * Results are computed once per head and sentence. */
static int coord_acts(tree *T, int h, act *out, int max, int depth)
{
    if (h <= 0 || h > T->n || depth > 6)
        return 0;
    coord_memo *M = &T->memo[h];
    if (!M->acts) {
        act tmp[MAX_ACTS];
        int n = coord_acts_uncached(T, h, tmp, MAX_ACTS, depth);
        M->acts = evc_arena_alloc(T->arena, sizeof *tmp * (size_t)(n ? n : 1));
        if (!M->acts)
            return 0;
        memcpy(M->acts, tmp, sizeof *tmp * (size_t)n);
        M->n = n;
    }
    int n = M->n < max ? M->n : max;
    memcpy(out, M->acts, sizeof *out * (size_t)n);
    return n;
}

static int coord_acts_uncached(tree *T, int h, act *out, int max, int depth)
{
    int n = node_acts(T, h, 0, out, max, depth);
    /* a prepositional phrase of the first conjunct, shared by the others */
    int share = 0;
    for (int c = T->first_child[h]; c && !share; c = T->next_sib[c]) {
        const evc_token *t = &T->s->tok[c];
        if (is_rel(t, R_NMOD) && !rel_is(t, R_NMOD, S_POSS) &&
            !rel_is(t, R_NMOD, S_TMOD) && case_of(T, c))
            share = c;
    }
    /* a list the parser read as an apposition ("Mordor, the Shire, Arnor
     * and Bree"): the apposition is a member when the head or it has
     * conjuncts; a lone apposition ("Osgiliath, the state's foe") is not */
    bool head_list = false;
    for (int c = T->first_child[h]; c && !head_list; c = T->next_sib[c])
        head_list = rel_is(&T->s->tok[c], R_CONJ, S_NONE);
    for (int c = T->first_child[h]; c && n < max; c = T->next_sib[c]) {
        const evc_token *t = &T->s->tok[c];
        if (rel_is(t, R_CONJ, S_NONE) && is_nominal(t)) {
            n += node_acts(T, c, share, out + n, max - n, depth);
        } else if (is_rel(t, R_APPOS) && is_nominal(t) && depth < 6) {
            bool app_list = false;
            for (int g = T->first_child[c]; g && !app_list; g = T->next_sib[g])
                app_list = rel_is(&T->s->tok[g], R_CONJ, S_NONE);
            if (head_list || app_list)
                n += coord_acts_uncached(T, c, out + n, max - n, depth + 1);
        }
    }
    return n;
}

/* Is x the head of a coded coordination? */
static bool coded(tree *T, int x)
{
    act a[MAX_ACTS];
    return x > 0 && coord_acts(T, x, a, MAX_ACTS, 0) > 0;
}

/* ------------------------------------------------------------ arguments */

typedef enum { ARG_OBJ, ARG_PP, ARG_PRT } arg_kind;

typedef struct arg {
    int head;   /* the noun phrase's head (0 for a bare particle) */
    int prep;   /* the preposition or particle token, 0 for an object */
    arg_kind kind;
    bool direct; /* a dependent of the verb itself */
} arg;

typedef struct vinfo {
    int v;
    bool passive;
    int subj;       /* subject head (after control etc.), 0 if none */
    int agent;      /* the passive's "by" phrase head */
    arg args[MAX_ARGS];
    int nargs;
} vinfo;

static bool is_passive(const tree *T, int v)
{
    return child_rel(T, v, R_NSUBJ, S_PASS) || child_rel(T, v, R_AUX, S_PASS) ||
           child_rel(T, v, R_CSUBJ, S_PASS);
}

/* Nouns of intention or motive whose holder is the subject of the verb
 * they are the object of: "Gondor has plans to attack", "gave the reason
 * for declining". A closed class; "offer", "request" and "call" are left
 * out, since their holder is as often the object's ("received an offer"). */
static bool intention_noun(const evc_token *t)
{
    static const char *const nouns[] = {
        "plan", "intention", "intent", "decision", "reason", "bid", "attempt",
        "effort", "promise", "pledge", "commitment", "willingness",
        "readiness", "determination", "desire", "refusal", "resolve", "aim"};
    const char *l = t->lemma && strcmp(t->lemma, "_") ? t->lemma : t->form;
    for (size_t i = 0; i < sizeof nouns / sizeof *nouns; i++)
        if (strcasecmp(l, nouns[i]) == 0)
            return true;
    return false;
}

/* Is clause x introduced by "to" or "for" ("plans to enter", "reason for
 * declining")? */
static bool marked_clause(const tree *T, int x)
{
    for (int c = T->first_child[x]; c; c = T->next_sib[c]) {
        const evc_token *t = &T->s->tok[c];
        if (rel_is(t, R_MARK, S_NONE) &&
            (strcasecmp(t->form, "to") == 0 || strcasecmp(t->form, "for") == 0))
            return true;
    }
    return false;
}

/* Has x a determiner `word` ("no")? */
static bool det_is(const tree *T, int x, const char *word)
{
    for (int c = T->first_child[x]; c; c = T->next_sib[c])
        if (is_rel(&T->s->tok[c], R_DET) && strcasecmp(T->s->tok[c].form, word) == 0)
            return true;
    return false;
}

/* Has x a coordinating conjunction `word` ("nor") among its dependents? */
static bool cc_is(const tree *T, int x, const char *word)
{
    for (int c = T->first_child[x]; c; c = T->next_sib[c])
        if (is_rel(&T->s->tok[c], R_CC) && strcasecmp(T->s->tok[c].form, word) == 0)
            return true;
    return false;
}

/* Does "neither" open clause v: on the verb, or on its subject when the
 * parser hung it there ("that neither the TTP was operating ...")? */
static bool neither_opens(const tree *T, int v)
{
    if (cc_is(T, v, "neither"))
        return true;
    for (int c = T->first_child[v]; c; c = T->next_sib[c])
        if (is_rel(&T->s->tok[c], R_NSUBJ) && cc_is(T, c, "neither"))
            return true;
    return false;
}

/* Has x a marker `word` ("by") among its dependents? */
static bool mark_is(const tree *T, int x, const char *word)
{
    for (int c = T->first_child[x]; c; c = T->next_sib[c])
        if (is_rel(&T->s->tok[c], R_MARK) && strcasecmp(T->s->tok[c].form, word) == 0)
            return true;
    return false;
}

/* The token that negates verb v, or 0: "not", "n't", "never"; or "neither
 * ... nor" joining v to another clause ("neither the TTP was operating ...
 * nor the government was supporting": both verbs). Only a pair of clauses
 * counts: "Neither Galadriel nor Gollum boycotted", whose parse hangs
 * "Neither" on the verb, PETRARCH's gold codes as if positive (COMPOUND_23). */
static int negation_of(const tree *T, int v)
{
    for (int c = T->first_child[v]; c; c = T->next_sib[c]) {
        const evc_token *t = &T->s->tok[c];
        if ((is_rel(t, R_ADVMOD) || rel_is(t, R_NEG, S_NONE)) &&
            (strcasecmp(t->form, "not") == 0 || strcasecmp(t->form, "n't") == 0 ||
             strcasecmp(t->form, "never") == 0 || strcasecmp(t->lemma, "not") == 0))
            return c;
        /* the first clause of "neither ... nor" */
        if (rel_is(t, R_CONJ, S_NONE) && upos_is(t, P_VERB) && cc_is(T, c, "nor") &&
            neither_opens(T, v))
            return v;
    }
    const evc_token *vt = &T->s->tok[v];
    /* a clause of a noun that "no" negates: "had no plans to enter talks",
     * "has no intention of attacking" */
    if (is_rel(vt, R_ACL) && !rel_is(vt, R_ACL, S_RELCL) && vt->head > 0 &&
        det_is(T, vt->head, "no"))
        return vt->head;
    /* the second clause of "neither ... nor" */
    if (rel_is(vt, R_CONJ, S_NONE) && cc_is(T, v, "nor") && vt->head > 0 &&
        neither_opens(T, vt->head))
        return v;
    return 0;
}

/* Verbs whose object does what their infinitive says ("urged the
 * neighbours to act"): object control. */
static bool object_control_verb(const evc_token *t)
{
    static const char *const v[] = {
        "advise", "allow", "ask", "beg", "call", "compel", "direct",
        "encourage", "force", "implore", "instruct", "invite", "order",
        "permit", "persuade", "press", "push", "request", "require", "tell",
        "urge", "warn"};
    const char *l = t->lemma && strcmp(t->lemma, "_") ? t->lemma : t->form;
    for (size_t i = 0; l && i < sizeof v / sizeof *v; i++)
        if (strcasecmp(l, v[i]) == 0)
            return true;
    return false;
}

/* The object of v that would act in its infinitive (object control), or 0. */
static int controlled_object(tree *T, int v, int inf)
{
    int o = child_rel(T, v, R_OBJ, S_NONE);
    if (!o) /* parsers often call that object an iobj */
        o = child_rel(T, v, R_IOBJ, S_NONE);
    if (o && o != inf && (coded(T, o) || is_nominal(&T->s->tok[o])))
        return o;
    return 0;
}

/* The subject of verb v, following control (xcomp), shared subjects of
 * conjoined verbs, relative clauses and pronouns of complement clauses. */
static int subject_of(tree *T, int v, int depth)
{
    const evc_sentence *s = T->s;
    if (depth > 8 || v <= 0)
        return 0;
    int subj = 0;
    for (int c = T->first_child[v]; c; c = T->next_sib[c]) {
        const evc_token *t = &s->tok[c];
        if (rel_is(t, R_NSUBJ, S_NONE) || rel_is(t, R_NSUBJ, S_PASS) || rel_is(t, R_CSUBJ, S_NONE)) {
            subj = c;
            break;
        }
    }
    const evc_token *vt = &s->tok[v];
    if (subj) {
        const evc_token *t = &s->tok[subj];
        if (upos_is(t, P_PRON) && is_rel(vt, R_ACL) &&
            (strcasecmp(t->form, "who") == 0 || strcasecmp(t->form, "which") == 0 ||
             strcasecmp(t->form, "that") == 0))
            return vt->head;
        /* "Ethiopia indicated it would act": the pronoun of a complement
         * clause is the governing clause's subject */
        if (upos_is(t, P_PRON) && !coded(T, subj) && is_rel(vt, R_CCOMP))
            return subject_of(T, vt->head, depth + 1);
        return subj;
    }
    if (is_rel(vt, R_XCOMP)) {
        /* object control: "persuaded Gondor to criticize", "urged the
         * neighbors to take action" (the neighbours act, whether or not
         * they are an actor evcode knows) */
        int o = controlled_object(T, vt->head, v);
        return o ? o : subject_of(T, vt->head, depth + 1);
    }
    /* the same infinitive parsed as an adverbial clause of purpose ("urged
     * the neighbors [advcl to uphold ...]"): object control all the same
     * when the verb is one whose object is asked to act */
    if (is_rel(vt, R_ADVCL) && mark_is(T, v, "to") && vt->head > 0 &&
        object_control_verb(&s->tok[vt->head])) {
        int o = controlled_object(T, vt->head, v);
        if (o)
            return o;
    }
    /* "urged rulers to act against militants using Afghan soil to launch
     * attacks": a bare participle right after a noun of another, inner
     * clause, parsed as an adverbial clause of the outer verb, is a reduced
     * relative of that noun (the militants use the soil). Not when the
     * noun is the outer verb's own dependent ("left the city carrying
     * arms": the subject carries them). */
    if (is_rel(vt, R_ADVCL) && v > 1 && vt->xpos && strcmp(vt->xpos, "VBG") == 0 &&
        !child_rel(T, v, R_MARK, S_ANY) && vt->head > 0 && vt->head < v - 1) {
        const evc_token *nt = &s->tok[v - 1];
        /* a common noun: after a name the participle more often goes with
         * something earlier ("an action in the court of New Mexico giving
         * control to the court") */
        if (upos_is(nt, P_NOUN) && nt->head > vt->head && nt->head < v)
            return v - 1;
    }
    /* "blaming the government for providing havens", "praised Gondor for
     * sending aid": the object of the verb did what the "for" clause says */
    if (is_rel(vt, R_ADVCL) && mark_is(T, v, "for") && vt->head > 0 &&
        upos_is(&s->tok[vt->head], P_VERB)) {
        int o = controlled_object(T, vt->head, v);
        if (o)
            return o;
    }
    /* a fronted participle clause parsed as the root with the main clause
     * as its conjunct ("Blaming Kabul ..., Baloch urged ..."): done by the
     * main clause's subject */
    if (vt->head == 0 && v == 1 && vt->xpos &&
        (strcmp(vt->xpos, "VBG") == 0 || strcmp(vt->xpos, "VBN") == 0))
        for (int c = T->first_child[v]; c; c = T->next_sib[c])
            if (rel_is(&s->tok[c], R_CONJ, S_NONE) &&
                upos_is(&s->tok[c], P_VERB) &&
                (child_rel(T, c, R_NSUBJ, S_NONE) ||
                 child_rel(T, c, R_NSUBJ, S_PASS)))
                return subject_of(T, c, depth + 1);
    if (rel_is(vt, R_CONJ, S_NONE) || is_rel(vt, R_ADVCL))
        return subject_of(T, vt->head, depth + 1);
    if (is_rel(vt, R_ACL)) {
        /* "had no plans to enter talks", "gave the reason for declining the
         * offer": an infinitive or "for"-gerund clause of an intention noun
         * as object is done by the subject of the object's verb; of another
         * noun ("urged the neighbors to act", parsed as acl) or as a
         * participle ("the parade supporting Gondor") it is the noun's */
        int h = vt->head;
        const evc_token *ht = h > 0 ? &s->tok[h] : NULL;
        /* "wanted to sabotage relations by attacking engineers", the "by"
         * clause hung on the object: done by the subject of the object's
         * verb, as an adverbial clause is */
        if (ht && mark_is(T, v, "by") && ht->head > 0 &&
            upos_is(&s->tok[ht->head], P_VERB))
            return subject_of(T, ht->head, depth + 1);
        if (ht && rel_is(vt, R_ACL, S_NONE) && marked_clause(T, v) &&
            rel_is(ht, R_OBJ, S_NONE) && intention_noun(ht) && !coded(T, h))
            return subject_of(T, ht->head, depth + 1);
        return h;
    }
    return 0;
}

/* A relative pronoun stands for the noun its clause modifies. */
static int resolve_relative(const tree *T, int v, int x)
{
    const evc_sentence *s = T->s;
    if (x <= 0 || !upos_is(&s->tok[x], P_PRON) || !is_rel(&s->tok[v], R_ACL))
        return x;
    const char *f = s->tok[x].form;
    if (strcasecmp(f, "who") == 0 || strcasecmp(f, "which") == 0 ||
        strcasecmp(f, "that") == 0 || strcasecmp(f, "whom") == 0)
        return s->tok[v].head;
    return x;
}

static void add_arg(vinfo *V, int head, int prep, arg_kind k, bool direct)
{
    if (V->nargs >= MAX_ARGS)
        return;
    for (int i = 0; i < V->nargs; i++)
        if (V->args[i].head == head && V->args[i].prep == prep)
            return;
    V->args[V->nargs++] = (arg){head, prep, k, direct};
}

/* Prepositional phrases inside noun phrase x ("memos from Bree"). */
static void add_nested(const tree *T, vinfo *V, int x, int depth)
{
    if (depth > 3)
        return;
    for (int c = T->first_child[x]; c; c = T->next_sib[c]) {
        const evc_token *t = &T->s->tok[c];
        if (is_rel(t, R_NMOD) && !rel_is(t, R_NMOD, S_POSS) && case_of(T, c)) {
            add_arg(V, c, case_of(T, c), ARG_PP, false);
            add_nested(T, V, c, depth + 1);
        }
    }
}

static void collect_args(tree *T, vinfo *V, int form_lo, int form_hi)
{
    const evc_sentence *s = T->s;
    int v = V->v;
    V->nargs = 0;
    for (int c = T->first_child[v]; c; c = T->next_sib[c]) {
        const evc_token *t = &s->tok[c];
        if (c >= form_lo && c <= form_hi)
            continue; /* a particle of a multi-word verb */
        if ((rel_is(t, R_OBJ, S_NONE) || rel_is(t, R_IOBJ, S_NONE)) &&
            resolve_relative(T, v, c) != c) {
            add_arg(V, resolve_relative(T, v, c), 0, ARG_OBJ, true);
        } else if (rel_is(t, R_OBJ, S_NONE) || rel_is(t, R_IOBJ, S_NONE) ||
            (rel_is(t, R_XCOMP, S_NONE) && (upos_is(t, P_VERB) || upos_is(t, P_ADJ))))
            add_arg(V, c, 0, ARG_OBJ, true);
        else if ((is_rel(t, R_OBL) || is_rel(t, R_NMOD)) &&
                 !rel_is(t, R_OBL, S_TMOD) && !rel_is(t, R_NMOD, S_TMOD) &&
                 !rel_is(t, R_OBL, S_NPMOD) && case_of(T, c))
            add_arg(V, c, case_of(T, c), ARG_PP, true);
        else if (rel_is(t, R_COMPOUND, S_PRT) ||
                 (is_rel(t, R_ADVMOD) && upos_is(t, P_ADP)))
            add_arg(V, 0, c, ARG_PRT, true);
    }
    int n0 = V->nargs;
    for (int i = 0; i < n0; i++)
        if (V->args[i].head)
            add_nested(T, V, V->args[i].head, 0);
    /* arguments in word order */
    for (int i = 1; i < V->nargs; i++) {
        arg a = V->args[i];
        int key = a.head ? a.head : a.prep;
        int j = i;
        while (j > 0 && (V->args[j - 1].head ? V->args[j - 1].head
                                             : V->args[j - 1].prep) > key) {
            V->args[j] = V->args[j - 1];
            j--;
        }
        V->args[j] = a;
    }
}

/* ------------------------------------------------------------ PETRARCH2 patterns */

typedef enum { IT_NOUN, IT_NP, IT_PP, IT_SRC, IT_TGT, IT_CMP, IT_SKIP } item_kind;

typedef struct item {
    item_kind kind;
    const evc_pat_elem *el; /* IT_NOUN: el[0]; IT_NP/IT_PP: el[0..n) */
    int n;
} item;

/* Splits a pattern side into items: (..) and {..} groups, words, markers. */
static int items_of(const evc_pat_elem *el, int n, item *out, int max)
{
    int k = 0;
    for (int i = 0; i < n && k < max;) {
        const evc_pat_elem *e = &el[i];
        if (e->kind == EVC_PE_PP_OPEN || e->kind == EVC_PE_BRACE_OPEN) {
            int close = e->kind == EVC_PE_PP_OPEN ? EVC_PE_PP_CLOSE : EVC_PE_BRACE_CLOSE;
            int j = i + 1, depth = 0;
            while (j < n && !(el[j].kind == close && depth == 0)) {
                if (el[j].kind == EVC_PE_BRACE_OPEN)
                    depth++;
                else if (el[j].kind == EVC_PE_BRACE_CLOSE)
                    depth--;
                j++;
            }
            out[k++] = (item){e->kind == EVC_PE_PP_OPEN ? IT_PP : IT_NP, el + i + 1,
                              j - i - 1};
            i = j + 1;
            continue;
        }
        switch (e->kind) {
        case EVC_PE_WORD:
        case EVC_PE_SYNSET: out[k++] = (item){IT_NOUN, e, 1}; break;
        case EVC_PE_SOURCE: out[k++] = (item){IT_SRC, e, 1}; break;
        case EVC_PE_TARGET: out[k++] = (item){IT_TGT, e, 1}; break;
        case EVC_PE_COMPOUND: out[k++] = (item){IT_CMP, e, 1}; break;
        case EVC_PE_SKIP: out[k++] = (item){IT_SKIP, e, 1}; break;
        default: break; /* stray closers */
        }
        i++;
    }
    return k;
}

/* Does word-or-synset element e match token i (as the last word of a
 * synset member, whose earlier words must precede i in the phrase)? */
static int elem_matches(const tree *T, const evc_pat_elem *e, int i,
                        const int *np, int nnp)
{
    if (e->kind == EVC_PE_WORD)
        return tok_is(T, i, e->id);
    if (e->kind != EVC_PE_SYNSET || e->id >= T->d->nsynsets)
        return 0;
    /* the longest member wins: "austrian gold florin" over "florin" */
    const evc_token *tk = &T->s->tok[i];
    const uint64_t *lm = T->d->synsets[e->id].lastmask;
    if (!((tk->word && evc_mask_has(lm, tk->word)) ||
          (tk->lword && evc_mask_has(lm, tk->lword))))
        return 0;
    const evc_phrase_set *set = &T->d->synsets[e->id].members;
    int best = 0;
    for (size_t m = 0; m < set->n; m++) {
        const evc_phrase *p = &set->v[m];
        if (p->nwords <= best || !tok_is(T, i, p->words[p->nwords - 1]))
            continue;
        if (p->nwords == 1) {
            best = 1;
            continue;
        }
        /* the earlier words, in order, just before i in the phrase */
        int pos = -1;
        for (int k = 0; k < nnp; k++)
            if (np[k] == i)
                pos = k;
        if (pos < p->nwords - 1)
            continue;
        bool ok = true;
        for (int w = 0; w < p->nwords - 1 && ok; w++)
            ok = tok_is(T, np[pos - (p->nwords - 1) + w], p->words[w]);
        if (ok)
            best = p->nwords;
    }
    return best;
}

/* Does the phrase headed by x match the noun group el[0..n) (the last
 * word-ish element is the head, the others modifiers anywhere in the
 * phrase)? Markers inside bind: '+' sets *tgt and '$' sets *src; '^' is free. */
static bool np_matches(tree *T, int x, const evc_pat_elem *el, int n, int *src,
                       int *tgt, int *score, bool loose)
{
    int np[64];
    int nnp = x ? np_tokens(T, x, np, 64) : 0;
    if (x && nnp < 63) /* conjuncts count as heads: "bombing and offensive" */
        for (int c = T->first_child[x]; c && nnp < 63; c = T->next_sib[c])
            if (rel_is(&T->s->tok[c], R_CONJ, S_NONE))
                np[nnp++] = c;
    int last = -1;
    for (int i = 0; i < n; i++)
        if (el[i].kind == EVC_PE_WORD || el[i].kind == EVC_PE_SYNSET)
            last = i;
    for (int i = 0; i < n; i++) {
        const evc_pat_elem *e = &el[i];
        if (e->kind == EVC_PE_TARGET || e->kind == EVC_PE_SOURCE) {
            if (!x || !coded(T, x))
                return false;
            *(e->kind == EVC_PE_TARGET ? tgt : src) = x;
            (*score)++;
        } else if (e->kind == EVC_PE_SKIP) {
            if (!x)
                return false;
        } else if (e->kind == EVC_PE_WORD || e->kind == EVC_PE_SYNSET) {
            if (!x)
                return false;
            int w = 0;
            if (i == last) {
                w = elem_matches(T, e, x, np, nnp);
                for (int c = T->first_child[x]; c && !w; c = T->next_sib[c])
                    if (rel_is(&T->s->tok[c], R_CONJ, S_NONE))
                        w = elem_matches(T, e, c, np, nnp);
            }
            if (!w && (i != last || loose))
                for (int k = 0; k < nnp && !w; k++)
                    w = np[k] != x ? elem_matches(T, e, np[k], np, nnp) : 0;
            if (!w)
                return false;
            *score += 1 + w;
        }
    }
    return true;
}

typedef struct pmatch {
    int src, tgt;      /* bound by '$' / '+' after the verb */
    bool pre_target;   /* '+' before the verb: the subject is the target */
    bool pre_source;   /* '$' before the verb */
    bool compound;     /* '%' */
    int score;
    unsigned used;     /* args consumed by the pattern's words */
} pmatch;

/* Matches post-verb items it[k..n) against the verb's arguments, in word
 * order after argument index `from`. Depth-first; fills m on success. */
static bool match_post(tree *T, const vinfo *V, const item *it, int k, int n,
                       int from, pmatch *m)
{
    if (k == n)
        return true;
    const item *I = &it[k];
    for (int a = from; a < V->nargs; a++) {
        const arg *A = &V->args[a];
        pmatch save = *m;
        bool ok = false;
        switch (I->kind) {
        case IT_NOUN:
        case IT_NP:
            /* an object's head; failing that a prepositional object's, as
             * UniversalPetrarch also tries */
            if (A->kind == ARG_PRT)
                break;
            ok = np_matches(T, A->head, I->el, I->n, &m->src, &m->tgt, &m->score, false);
            if (ok) {
                m->used |= 1u << a;
                if (A->kind != ARG_OBJ)
                    m->score -= 1;
            }
            break;
        case IT_PP:
            if (I->n < 1 || I->el[0].kind != EVC_PE_WORD ||
                !tok_is(T, A->prep, I->el[0].id))
                break;
            ok = I->n == 1 ||
                 np_matches(T, A->head, I->el + 1, I->n - 1, &m->src, &m->tgt,
                            &m->score, false) ||
                 np_matches(T, A->head, I->el + 1, I->n - 1, &m->src, &m->tgt,
                            &m->score, true);
            if (ok) {
                m->score += 3;
                m->used |= 1u << a;
            }
            break;
        case IT_TGT:
        case IT_SRC:
            if (A->head && coded(T, A->head)) {
                *(I->kind == IT_TGT ? &m->tgt : &m->src) = A->head;
                m->score += 1;
                ok = true;
            }
            break;
        case IT_SKIP:
            ok = A->head != 0;
            break;
        case IT_CMP:
            ok = true;
            break;
        }
        if (ok && match_post(T, V, it, k + 1, n, a + 1, m))
            return true;
        *m = save;
        if (I->kind == IT_CMP)
            break;
    }
    return I->kind == IT_CMP && match_post(T, V, it, k + 1, n, from, m);
}

/* Matches the pre-verb items against the subject. */
static bool match_pre(tree *T, const vinfo *V, const item *it, int n, pmatch *m)
{
    for (int k = 0; k < n; k++) {
        const item *I = &it[k];
        switch (I->kind) {
        case IT_TGT: m->pre_target = true; m->score++; break;
        case IT_SRC: m->pre_source = true; m->score++; break;
        case IT_CMP: m->compound = true; m->score++; break;
        case IT_SKIP: break;
        case IT_NOUN:
        case IT_NP: {
            int dummy_s = 0, dummy_t = 0;
            if (!V->subj || !np_matches(T, V->subj, I->el, I->n, &dummy_s,
                                        &dummy_t, &m->score, false))
                return false;
            break;
        }
        case IT_PP: {
            bool found = false;
            for (int a = 0; a < V->nargs && !found; a++) {
                const arg *A = &V->args[a];
                if (A->kind != ARG_PP || I->n < 1 || I->el[0].kind != EVC_PE_WORD ||
                    !tok_is(T, A->prep, I->el[0].id))
                    continue;
                pmatch save = *m;
                found = I->n == 1 || np_matches(T, A->head, I->el + 1, I->n - 1,
                                                &m->src, &m->tgt, &m->score, false);
                if (!found)
                    *m = save;
                else
                    m->used |= 1u << a;
            }
            if (!found)
                return false;
            m->score += 3;
            break;
        }
        }
    }
    return true;
}

static bool match_p2(tree *T, const vinfo *V, const evc_pattern *pt, pmatch *m)
{
    /* a synset none of whose members' head words is in the sentence */
    for (int i = 0; i < pt->nlower; i++)
        if (pt->lower[i].kind == EVC_PE_SYNSET && pt->lower[i].id < T->d->nsynsets) {
            const uint64_t *lm = T->d->synsets[pt->lower[i].id].lastmask;
            if (!((lm[0] & T->wordmask[0]) | (lm[1] & T->wordmask[1]) |
                  (lm[2] & T->wordmask[2]) | (lm[3] & T->wordmask[3])))
                return false;
        }
    item up[32], lo[32];
    /* the upper side is stored nearest-first: restore written order */
    evc_pat_elem upel[64];
    int nu = pt->nupper < 64 ? pt->nupper : 64;
    for (int i = 0; i < nu; i++)
        upel[i] = pt->upper[nu - 1 - i];
    int niu = items_of(upel, nu, up, 32);
    int nil = items_of(pt->lower, pt->nlower, lo, 32);
    memset(m, 0, sizeof *m);
    if (!match_pre(T, V, up, niu, m))
        return false;
    return match_post(T, V, lo, 0, nil, 0, m);
}

/* ------------------------------------------------------------ PETRARCH1 patterns */

/* PETRARCH1 matches words in order: the upper side against the words before
 * the verb (nearest first), the lower side against the verb's phrase after
 * it; '_' forbids skipping. */
static bool match_side_p1(tree *T, const evc_pat_elem *el, int ne,
                          bool first_joined, const int *seq, int n, pmatch *m)
{
    int i = 0;
    for (int k = 0; k < ne; k++) {
        const evc_pat_elem *e = &el[k];
        bool joined = k == 0 ? first_joined : e->joined;
        if (e->kind >= EVC_PE_PP_OPEN && e->kind <= EVC_PE_BRACE_CLOSE)
            continue;
        bool found = false;
        for (int j = i; j < n && !found; j++) {
            int tok = seq[j], used = 0;
            switch (e->kind) {
            case EVC_PE_WORD:
                used = T->s->tok[tok].word == e->id;
                break;
            case EVC_PE_SYNSET: {
                int len;
                if (e->id < T->d->nsynsets &&
                    evc_phrase_set_match(T->d, &T->d->synsets[e->id].members,
                                         T->s, seq, n, j, &len))
                    used = len;
                break;
            }
            case EVC_PE_SOURCE:
            case EVC_PE_TARGET:
            case EVC_PE_COMPOUND:
            case EVC_PE_SKIP: {
                int h = T->np_owner[tok];
                if (e->kind != EVC_PE_SKIP && !h)
                    break;
                if (e->kind == EVC_PE_SOURCE)
                    m->src = h;
                else if (e->kind == EVC_PE_TARGET)
                    m->tgt = h;
                else if (e->kind == EVC_PE_COMPOUND)
                    m->compound = true;
                used = 1;
                while (h && j + used < n && T->np_owner[seq[j + used]] == h)
                    used++;
                break;
            }
            default:
                used = 1;
            }
            if (used) {
                found = true;
                i = j + used;
                m->score += e->kind == EVC_PE_WORD || e->kind == EVC_PE_SYNSET ? 2 : 1;
            }
            if (joined && !found)
                break;
        }
        if (!found)
            return false;
    }
    return true;
}

/* The word sequences PETRARCH1 patterns match: before the verb, nearest
 * first; after it, the verb's own phrase (its subtree) in word order. */
static void p1_sequences(tree *T, int v, int lo, int hi, int *seq_up, int *nup,
                         int *seq_lo, int *nlo)
{
    const evc_sentence *s = T->s;
    *nup = *nlo = 0;
    for (int i = lo - 1; i >= 1 && *nup < MAX_SEQ; i--)
        if (!upos_is(&s->tok[i], P_PUNCT))
            seq_up[(*nup)++] = i;
    /* mark v's subtree with a walk of its children */
    char *in = (char *)(T->scratch + T->n + 1);
    memset(in, 0, (size_t)T->n + 1);
    int *stack = T->scratch, sp = 0;
    stack[sp++] = v;
    while (sp > 0) {
        int x = stack[--sp];
        in[x] = 1;
        for (int c = T->first_child[x]; c && sp <= T->n; c = T->next_sib[c])
            stack[sp++] = c;
    }
    for (int i = hi + 1; i <= s->ntok && *nlo < MAX_SEQ; i++)
        if (in[i] && !upos_is(&s->tok[i], P_PUNCT))
            seq_lo[(*nlo)++] = i;
}

static bool match_p1(tree *T, const evc_pattern *pt, pmatch *m,
                     const int *seq_up, int nup, const int *seq_lo, int nlo)
{
    memset(m, 0, sizeof *m);
    return match_side_p1(T, pt->lower, pt->nlower, pt->verb_joined_lower, seq_lo,
                         nlo, m) &&
           match_side_p1(T, pt->upper, pt->nupper, pt->verb_joined_upper, seq_up,
                         nup, m);
}

/* ------------------------------------------------------------ events */

static evc_status push_event(evc_events *out, evc_arena *arena, const evc_event *e)
{
    for (int i = 0; i < out->n; i++)
        if (!strcmp(out->ev[i].source.code, e->source.code) &&
            !strcmp(out->ev[i].target.code, e->target.code) &&
            !strcmp(out->ev[i].code, e->code))
            return EVC_OK;
    void *v = out->ev;
    if (!arena_reserve(arena, &v, out->n, &out->cap, sizeof *out->ev, 8))
        return EVC_ERR_NOMEM;
    out->ev = v;
    out->ev[out->n++] = *e;
    return EVC_OK;
}

static void fill_actor(const tree *T, const act *a, evc_actor *r)
{
    memset(r, 0, sizeof *r);
    if (!a) {
        r->code = "---";
        r->root = "---";
        r->agent = r->text = "";
        return;
    }
    size_t n = strlen(a->code);
    r->code = a->code;
    r->root = evc_arena_strndup(T->arena, a->code, n < 3 ? n : 3);
    r->agent = n > 3 ? a->code + 3 : "";
    r->text = a->text;
    r->head = a->head;
    r->antecedent = a->how == 1 ? a->ante : NULL;
}

typedef struct emit_ctx {
    tree *T;
    const evc_code_opts *o;
    evc_events *out;
    int v;
    bool negated;
    const char *explain;
} emit_ctx;

static evc_status emit(emit_ctx *E, const act *src, const act *tgt, const char *code)
{
    if (!code || !code[0] || strcmp(code, "---") == 0)
        return EVC_OK;
    if (!src && !tgt)
        return EVC_OK;
    if (E->o->require_dyad && (!src || !tgt))
        return EVC_OK;
    if (src && tgt && strcmp(src->code, tgt->code) == 0)
        return EVC_OK;
    evc_event e;
    memset(&e, 0, sizeof e);
    fill_actor(E->T, src, &e.source);
    fill_actor(E->T, tgt, &e.target);
    e.code = code;
    e.verb = E->v;
    e.negated = E->negated;
    e.issues = "";
    e.explain = E->explain;
    if (E->explain) {
        /* the actor entries behind each side, for dictionary writers */
        char buf[1536];
        int k = snprintf(buf, sizeof buf, "%s", E->explain);
        const act *side[2] = {src, tgt};
        const char *label[2] = {"source", "target"};
        for (int i = 0; i < 2 && k > 0 && (size_t)k < sizeof buf; i++) {
            if (!side[i]) {
                k += snprintf(buf + k, sizeof buf - (size_t)k, "; %s none", label[i]);
                continue;
            }
            const npinfo *I = &E->T->np[side[i]->head];
            const evc_dicts *d = E->T->d;
            k += snprintf(buf + k, sizeof buf - (size_t)k, "; %s \"%s\" = %s",
                          label[i], side[i]->text, side[i]->code);
            if (k > 0 && (size_t)k < sizeof buf && I->actor_entry)
                k += snprintf(buf + k, sizeof buf - (size_t)k, " (actor %s, %s:%u)",
                              I->actor_entry->text ? I->actor_entry->text : "?",
                              d->files[I->actor_entry->file], I->actor_entry->line);
            if (k > 0 && (size_t)k < sizeof buf && I->agent_entry)
                k += snprintf(buf + k, sizeof buf - (size_t)k, " (agent %s, %s:%u)",
                              I->agent_entry->text ? I->agent_entry->text : "?",
                              d->files[I->agent_entry->file], I->agent_entry->line);
            if (k > 0 && (size_t)k < sizeof buf && side[i]->how == 1)
                k += snprintf(buf + k, sizeof buf - (size_t)k,
                              " (antecedent \"%s\")", side[i]->ante);
            else if (k > 0 && (size_t)k < sizeof buf && side[i]->how == 2)
                k += snprintf(buf + k, sizeof buf - (size_t)k,
                              " (capital: the government)");
        }
        e.explain = evc_arena_strdup(E->T->arena, buf);
    }
    return push_event(E->out, E->T->arena, &e);
}

/* An infinitive clause without its own subject ("to supply Gondor"), whose
 * actors may be the governing verb's target; other adverbial clauses
 * ("after crowds trashed it", "while in Afghanistan") are events apart. */
static bool infinitival(const tree *T, int x)
{
    bool to = false;
    for (int c = T->first_child[x]; c; c = T->next_sib[c]) {
        const evc_token *t = &T->s->tok[c];
        if (is_rel(t, R_NSUBJ))
            return false;
        if (rel_is(t, R_MARK, S_NONE))
            to = strcasecmp(t->form, "to") == 0;
    }
    return to;
}

/* Is x, or a phrase it is nested in below the verb, a "by" phrase that
 * the parser made the agent of an active verb ("has taken this stance
 * after warnings by Beijing following attacks on Chinese officials")?
 * Its actors act; they are not what the verb acts on. */
static bool by_phrase(const tree *T, int x)
{
    for (int guard = 0; guard < 8 && x > 0 && x <= T->n; guard++) {
        const evc_token *t = &T->s->tok[x];
        if (rel_is(t, R_OBL, S_AGENT))
            return true;
        if (!is_rel(t, R_NMOD))
            return false;
        x = t->head;
    }
    return false;
}

/* Is x a "to"/"for" clause of a noun whose verb is in the dictionary
 * ("gave the reason for declining the offer", "had no plans to enter
 * talks")? It is an event of its own, coded at its verb, so the verb
 * above does not take its target from inside it. */
static bool own_event_clause(const tree *T, int x)
{
    const evc_token *t = &T->s->tok[x];
    size_t first;
    return rel_is(t, R_ACL, S_NONE) && upos_is(t, P_VERB) && marked_clause(T, x) &&
           evc_dict_verb_forms(T->d, t->word, &first) > 0;
}

/* The first of the candidate heads cand[0..n) in word order that stands
 * for an actor, or 0 (sorts cand). */
static int first_coded(tree *T, int *cand, int n)
{
    sort_ints(cand, n);
    for (int i = 0; i < n; i++)
        if (coded(T, cand[i]))
            return cand[i];
    return 0;
}

/* The first coded argument of v for a target: objects, then prepositional
 * phrases of the verb, then nested ones, then complements' arguments and a
 * complement clause's subject. Skips `not1`/`not2` and args in `used`. */
static int default_target(tree *T, const vinfo *V, unsigned used, int not1,
                          bool shallow)
{
    const evc_sentence *s = T->s;
    for (int pass = 0; pass < 3; pass++)
        for (int a = 0; a < V->nargs; a++) {
            const arg *A = &V->args[a];
            if (!A->head || (used >> a & 1) || A->head == not1)
                continue;
            if (shallow && pass == 2)
                continue;
            if (pass == 0 && A->kind != ARG_OBJ)
                continue;
            if (pass == 1 && (A->kind != ARG_PP || !A->direct))
                continue;
            if (pass == 2 && A->direct)
                continue;
            if (V->passive && A->head == V->agent)
                continue;
            if (!V->passive && by_phrase(T, A->head))
                continue;
            if (coded(T, A->head))
                return A->head;
        }
    if (shallow)
        return 0;
    /* actors further down the verb's phrase, in word order, outside the
     * subject, adverbial clauses and other clauses' subjects: a walk of the
     * verb's subtree that prunes at those relations (linear per verb) */
    int *stack = T->scratch, *cand = T->scratch + T->n + 1;
    int sp = 0, nc = 0;
    for (int c = T->first_child[V->v]; c; c = T->next_sib[c])
        stack[sp++] = c;
    while (sp > 0) {
        int x = stack[--sp];
        const evc_token *t = &s->tok[x];
        if (is_rel(t, R_NSUBJ) || is_rel(t, R_PARATAXIS) || is_rel(t, R_CCOMP) ||
            (is_rel(t, R_ADVCL) && !infinitival(T, x)) ||
            rel_is(t, R_OBL, S_TMOD) || rel_is(t, R_NMOD, S_TMOD) || is_rel(t, R_APPOS) ||
            rel_is(t, R_CONJ, S_NONE) || own_event_clause(T, x) ||
            (!V->passive && x != V->v && by_phrase(T, x)))
            continue; /* and so is everything below it */
        if (x > V->v && x != not1 && is_nominal(t) &&
            !(t->head != V->v && np_internal_rel(t)))
            cand[nc++] = x;
        for (int c = T->first_child[x]; c && sp <= T->n; c = T->next_sib[c])
            stack[sp++] = c;
    }
    int first = first_coded(T, cand, nc);
    if (first)
        return first;
    /* the subject of a complement clause: "believes Dagolath can cope"; a
     * clause before its speech verb ("Arnor signed the protocol, officials
     * said") is reported speech, coded on its own, as a parataxis is */
    for (int c = T->first_child[V->v]; c; c = T->next_sib[c])
        if (is_rel(&s->tok[c], R_CCOMP) && c > V->v) {
            int sj = child_rel(T, c, R_NSUBJ, S_ANY);
            if (sj && sj != not1 && coded(T, sj))
                return sj;
        }
    /* else the first actor inside it: "said he has deep satisfaction
     * toward Gondor" */
    for (int c = T->first_child[V->v]; c; c = T->next_sib[c]) {
        if (!is_rel(&s->tok[c], R_CCOMP) || c < V->v)
            continue;
        sp = nc = 0;
        stack[sp++] = c;
        while (sp > 0) {
            int x = stack[--sp];
            const evc_token *t = &s->tok[x];
            if (x != c && (is_rel(t, R_CCOMP) || is_rel(t, R_PARATAXIS) ||
                           rel_is(t, R_CONJ, S_NONE)))
                continue;
            if (x != not1 && is_nominal(t) && !np_internal_rel(t))
                cand[nc++] = x;
            for (int g = T->first_child[x]; g && sp <= T->n; g = T->next_sib[g])
                stack[sp++] = g;
        }
        if ((first = first_coded(T, cand, nc)))
            return first;
    }
    return 0;
}

/* A verb without any subject takes the nearest coded phrase before it, as
 * PETRARCH does when a parse leaves a clause without its subject. */
static int nearest_before(tree *T, int v)
{
    for (int i = v - 1; i >= 1; i--) {
        const evc_token *t = &T->s->tok[i];
        if (!is_nominal(t) || (np_internal_rel(t) && !rel_is(t, R_NMOD, S_POSS)))
            continue;
        if (coded(T, i))
            return i;
    }
    return 0;
}

/* The verb form matching at token v: multi-word forms first (the index is
 * sorted so); their other words must stand next to the verb. */
static const evc_verb_form *find_form(const tree *T, size_t first, size_t nf,
                                      int v, int *lo, int *hi)
{
    const evc_sentence *s = T->s;
    for (size_t i = first; i < first + nf; i++) {
        const evc_verb_form *f = &T->d->forms[i];
        int a = v - f->verb_pos, b = v + (f->nwords - 1 - f->verb_pos);
        if (a < 1 || b > s->ntok)
            continue;
        bool ok = true;
        for (int k = 0; k < f->nwords && ok; k++)
            if (k != f->verb_pos)
                ok = s->tok[a + k].word == f->words[k];
        if (ok) {
            *lo = a;
            *hi = b;
            return f;
        }
    }
    return NULL;
}

static evc_status code_verb(tree *T, int v, size_t first, size_t nf,
                            const evc_code_opts *o, evc_events *out, int *seq_up,
                            int *seq_lo)
{
    const evc_dicts *d = T->d;
    int lo = v, hi = v;
    const evc_verb_form *form = find_form(T, first, nf, v, &lo, &hi);
    if (!form)
        return EVC_OK;
    const evc_verb *vb = &d->verbs[form->verb];
    const char *code = form->code ? form->code : vb->code;
    const char *code2 = form->code ? form->code2 : vb->code2;

    vinfo V;
    memset(&V, 0, sizeof V);
    V.v = v;
    V.passive = is_passive(T, v);
    collect_args(T, &V, lo, hi);
    if (V.passive) {
        for (int a = 0; a < V.nargs && !V.agent; a++)
            if (V.args[a].direct && V.args[a].kind == ARG_PP &&
                has_case(T, V.args[a].head, "by"))
                V.agent = V.args[a].head;
        V.subj = resolve_relative(T, v, child_rel(T, v, R_NSUBJ, S_PASS));
    } else {
        V.subj = subject_of(T, v, 0);
        if (!V.subj && !child_rel(T, v, R_NSUBJ, S_ANY) && !child_rel(T, v, R_CSUBJ, S_ANY))
            V.subj = nearest_before(T, v);
    }

    pmatch best, m;
    memset(&best, 0, sizeof best);
    const evc_pattern *bp = NULL;
    int nup = 0, nlo = 0;
    if (d->verb_format != 2)
        p1_sequences(T, v, lo, hi, seq_up, &nup, seq_lo, &nlo);
    for (uint32_t p = 0; p < vb->npats; p++) {
        const evc_pattern *pt = &vb->pats[p];
        if ((pt->wordmask[0] & T->wordmask[0]) != pt->wordmask[0] ||
            (pt->wordmask[1] & T->wordmask[1]) != pt->wordmask[1] ||
            (pt->wordmask[2] & T->wordmask[2]) != pt->wordmask[2] ||
            (pt->wordmask[3] & T->wordmask[3]) != pt->wordmask[3])
            continue; /* a word of the pattern is not in the sentence */
        bool ok = d->verb_format == 2 ? match_p2(T, &V, pt, &m)
                                      : match_p1(T, pt, &m, seq_up, nup, seq_lo, nlo);
        if (ok && (!bp || m.score > best.score)) {
            best = m;
            bp = pt;
        }
    }
    if (bp) {
        code = bp->code;
        code2 = bp->code2;
    }
    if ((!code || !code[0] || !strcmp(code, "---")) && !code2)
        return EVC_OK;

    emit_ctx E = {T, o, out, v, false, NULL};
    int neg = negation_of(T, v);
    if (neg) {
        /* PETRARCH's ontology gives some codes an opposite ("did not
         * clash" -> cooperate); otherwise the event is marked negated */
        const char *nc = code && code[0] ? evc_cameo_negate(code) : NULL;
        if (nc) {
            /* a refusal is the subject's alone: "X will not negotiate with
             * Y" [046:046] is X>Y 125, not also Y>X */
            code = nc;
            code2 = NULL;
        } else {
            if (!o->keep_negated)
                return EVC_OK;
            E.negated = true;
        }
    }
    if (o->explain) {
        char buf[768], pat[512];
        /* the pattern line with its runs of blanks and tabs collapsed */
        size_t k = 0;
        for (const char *q = bp ? bp->text : "none: the verb's own code";
             *q && k + 1 < sizeof pat; q++)
            if (!(*q == ' ' || *q == '\t') || (k && pat[k - 1] != ' '))
                pat[k++] = (*q == '\t') ? ' ' : *q;
        pat[k] = 0;
        snprintf(buf, sizeof buf, "verb %s [%s] (%s:%u); pattern %s (line %u)",
                 vb->name, vb->code, d->files[vb->file], vb->line, pat,
                 bp ? bp->line : vb->line);
        E.explain = evc_arena_strdup(T->arena, buf);
    }

    /* who did it to whom */
    int sx = 0, tx = 0;
    if (V.passive) {
        tx = V.subj;
        sx = V.agent ? V.agent : default_target(T, &V, best.used, tx, true);
    } else {
        sx = V.subj;
    }
    if (best.pre_target) {
        /* '+' before the verb: the subject is the target, the object acts */
        tx = V.subj;
        sx = best.src ? best.src : default_target(T, &V, best.used, tx, false);
    } else if (best.src) {
        /* '$' after the verb: that phrase acts on the subject */
        tx = V.subj;
        sx = best.src;
    } else if (best.tgt) {
        tx = best.tgt;
    } else if (!V.passive) {
        tx = default_target(T, &V, best.used, sx, false);
    }

    act S[MAX_ACTS], G[MAX_ACTS];
    int ns = coord_acts(T, sx, S, MAX_ACTS, 0);
    int nt = coord_acts(T, tx, G, MAX_ACTS, 0);
    evc_status st = EVC_OK;
    if (best.compound && ns > 1) {
        /* '%': the members of a compound subject act on each other */
        for (int i = 0; i < ns && !st; i++)
            for (int j = 0; j < ns && !st; j++)
                if (i != j)
                    st = emit(&E, &S[i], &S[j], code && code[0] ? code : code2);
        return st;
    }
    for (int i = 0; i < (ns ? ns : 1) && !st; i++)
        for (int j = 0; j < (nt ? nt : 1) && !st; j++) {
            const act *a = ns ? &S[i] : NULL, *b = nt ? &G[j] : NULL;
            if (code && code[0])
                st = emit(&E, a, b, code);
            if (!st && code2 && code2[0])
                st = emit(&E, b, a, code2);
        }
    return st;
}

/* ------------------------------------------------------------ issues */

/* The issues of a sentence with events, PETRARCH style: every issue phrase
 * found adds its code once (";"-separated, in order of first appearance);
 * an ignore phrase ("~") found anywhere means no issues at all. */
static const char *sentence_issues(const evc_dicts *d, const evc_sentence *s,
                                   const int *all, int n, evc_arena *arena)
{
    uint32_t seen[32];
    int ns = 0;
    for (int i = 0; i < n; i++) {
        int len;
        const evc_phrase *p = evc_phrase_set_match(d, &d->issues, s, all, n, i, &len);
        if (!p)
            continue;
        if (p->flags & EVC_PHRASE_IGNORE)
            return "";
        bool dup = false;
        for (int k = 0; k < ns && !dup; k++)
            dup = seen[k] == p->payload;
        if (!dup && ns < 32)
            seen[ns++] = p->payload;
    }
    if (!ns)
        return "";
    size_t len = 1;
    for (int k = 0; k < ns; k++)
        len += strlen(d->issue_codes[seen[k]]) + 1;
    char *buf = evc_arena_alloc(arena, len);
    if (!buf)
        return "";
    size_t at = 0;
    for (int k = 0; k < ns; k++) {
        size_t l = strlen(d->issue_codes[seen[k]]);
        if (k)
            buf[at++] = ';';
        memcpy(buf + at, d->issue_codes[seen[k]], l);
        at += l;
    }
    buf[at] = 0;
    return buf;
}

/* ------------------------------------------------------------ mentions */

/* What a mention is, for agreement: a person (a name whose dictionary
 * entry has date-restricted codes, as office holders' do; a personal name
 * joined by `flat`; a singular noun for one person, "the minister"),
 * plural, a subject. */
static unsigned mention_flags(const tree *T, const act *a)
{
    const evc_token *t = &T->s->tok[a->head];
    unsigned f = slot_of(T, a->head) == SLOT_SUBJ ? EVC_MENTION_SUBJECT : 0;
    if (a->how == 1)
        return f | a->mflags;
    if (is_plural(t))
        return f | EVC_MENTION_PLURAL;
    size_t len = strlen(a->code);
    if (len > 3 && evc_coref_description(a->code + 3, NULL) == EVC_ANAPH_ARMED)
        return f; /* "Baloch Liberation Army" names no one person */
    const char *lemma = t->lemma && strcmp(t->lemma, "_") ? t->lemma : t->form;
    if (personal_name(T, a->head) || evc_coref_person_noun(lemma))
        return f | EVC_MENTION_PERSON;
    const evc_phrase *p = T->np[a->head].actor_entry;
    if (!p || !upos_is(t, P_PROPN) || len <= 3 || p->nwords < 2)
        return f;
    const evc_dicts *d = T->d;
    for (uint32_t i = 0; i < p->flags && p->payload + i < d->nactor_codes; i++)
        if (d->actor_codes[p->payload + i].from || d->actor_codes[p->payload + i].to)
            return f | EVC_MENTION_PERSON;
    return f;
}

/* Is act a an actor phrase worth remembering? Its head must be a word of
 * the actor or of an agent, or a personal name; not a noun that only borrows an actor from a
 * possessor ("Islamabad's approach": the possessor is a mention of its
 * own), a modifier ("Afghan soil", "a Senate committee meeting") or a
 * prepositional phrase ("a shift in Islamabad's approach"). */
static bool mention_worthy(const tree *T, const act *a)
{
    if (a->how == 1)
        return true;
    return T->np[a->head].head_named || personal_name(T, a->head);
}

static evc_status add_mention(tree *T, const char *code, const char *text,
                              int head, unsigned flags)
{
    void *v = T->cur;
    if (!arena_reserve(T->arena, &v, T->ncur, &T->capcur, sizeof *T->cur, 16))
        return EVC_ERR_NOMEM;
    T->cur = v;
    evc_mention_set(&T->cur[T->ncur++], code, text, T->ctx->sentence, head,
                    coord_top(T, head), flags);
    return EVC_OK;
}

/* Records every coded actor phrase of the sentence in T->cur, resolving
 * anaphors on the way (each sees the mentions before it), and as blockers
 * agent-only phrases ("---GOV") and personal names the dictionaries lack. */
static evc_status coref_collect(tree *T)
{
    for (int i = 1; i <= T->n; i++) {
        const evc_token *t = &T->s->tok[i];
        if (!is_nominal(t) || (np_internal_rel(t) && !rel_is(t, R_NMOD, S_POSS)))
            continue;
        act a[MAX_ACTS];
        int k = coord_acts(T, i, a, MAX_ACTS, 0);
        if (!k && personal_name(T, i) &&
            add_mention(T, "---", T->np[i].text, i, EVC_MENTION_PERSON |
                        (slot_of(T, i) == SLOT_SUBJ ? EVC_MENTION_SUBJECT : 0)))
            return EVC_ERR_NOMEM;
        for (int j = 0; j < k; j++) {
            if (!a[j].code || !mention_worthy(T, &a[j]))
                continue;
            bool dup = false;
            for (int m = 0; m < T->ncur && !dup; m++)
                dup = T->cur[m].head == a[j].head &&
                      !strncmp(T->cur[m].code, a[j].code, EVC_COREF_CODE - 1);
            if (!dup && add_mention(T, a[j].code,
                                    a[j].how == 1 ? a[j].ante : a[j].text,
                                    a[j].head, mention_flags(T, &a[j])))
                return EVC_ERR_NOMEM;
        }
    }
    /* the members of a coordination are "they", not "it" or "he" */
    for (int i = 0; i < T->ncur; i++)
        for (int j = 0; j < T->ncur; j++)
            if (i != j && T->cur[i].group == T->cur[j].group &&
                T->cur[i].head != T->cur[j].head)
                T->cur[i].flags |= EVC_MENTION_PLURAL;
    return EVC_OK;
}

/* Remembers the sentence's mentions in the context, in word order. */
static void coref_remember(tree *T)
{
    evc_mention *v = T->cur;
    for (int i = 1; i < T->ncur; i++) {
        evc_mention x = v[i];
        int j = i;
        while (j > 0 && v[j - 1].head > x.head) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
    for (int i = 0; i < T->ncur; i++)
        evc_coref_note(T->ctx, &v[i]);
}

/* ------------------------------------------------------------ driver */

evc_status evc_code_sentence(const evc_dicts *d, const evc_sentence *cs,
                             const evc_code_opts *opts, evc_arena *arena,
                             evc_events *out, evc_error *err)
{
    return evc_code_sentence_ctx(d, cs, opts, NULL, arena, out, err);
}

static evc_status code_sentence(const evc_dicts *d, const evc_sentence *cs,
                                const evc_code_opts *opts, evc_coref *ctx,
                                evc_arena *arena, evc_events *out,
                                evc_error *err);

evc_status evc_code_sentence_ctx(const evc_dicts *d, const evc_sentence *cs,
                                 const evc_code_opts *opts, evc_coref *ctx,
                                 evc_arena *arena, evc_events *out,
                                 evc_error *err)
{
    evc_status st = code_sentence(d, cs, opts, ctx, arena, out, err);
    if (ctx)
        ctx->sentence++; /* the next sentence's index, coded or not */
    return st;
}

static evc_status code_sentence(const evc_dicts *d, const evc_sentence *cs,
                                const evc_code_opts *opts, evc_coref *ctx,
                                evc_arena *arena, evc_events *out,
                                evc_error *err)
{
    evc_code_opts defo;
    if (!opts) {
        evc_code_opts_default(&defo);
        opts = &defo;
    }
    memset(out, 0, sizeof *out);
    if (!d || !cs || !arena)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "no dictionaries, sentence or arena");
    evc_sentence *s = (evc_sentence *)cs; /* only the private word ids change */
    int n = s->ntok;
    if (n <= 0)
        return EVC_OK;
    evc_dicts_prepare(d, s);
    s->tok[0].cls = 0;
    uint64_t wordmask[4] = {0, 0, 0, 0};
    for (int i = 1; i <= n; i++) {
        s->tok[i].cls = classify(&s->tok[i]);
        if (s->tok[i].word)
            evc_mask_set(wordmask, s->tok[i].word);
        if (s->tok[i].lword)
            evc_mask_set(wordmask, s->tok[i].lword);
    }

    size_t ni = (size_t)(n + 1);
    int *all = evc_arena_alloc(arena, sizeof(int) * ni);
    tree T;
    memset(&T, 0, sizeof T);
    T.d = d;
    T.s = s;
    T.arena = arena;
    T.n = n;
    T.ctx = ctx;
    memcpy(T.wordmask, wordmask, sizeof wordmask);
    T.first_child = evc_arena_alloc(arena, sizeof(int) * ni);
    T.next_sib = evc_arena_alloc(arena, sizeof(int) * ni);
    T.np = evc_arena_alloc(arena, sizeof(npinfo) * ni);
    T.np_owner = evc_arena_alloc(arena, sizeof(int) * ni);
    T.memo = evc_arena_alloc(arena, sizeof(coord_memo) * ni);
    T.tmemo = evc_arena_alloc(arena, sizeof(tok_memo) * ni);
    T.scratch = evc_arena_alloc(arena, sizeof(int) * 2 * ni);
    int *seq_up = evc_arena_alloc(arena, sizeof(int) * MAX_SEQ);
    int *seq_lo = evc_arena_alloc(arena, sizeof(int) * MAX_SEQ);
    if (!all || !T.first_child || !T.next_sib || !T.np || !T.np_owner || !T.memo || !T.tmemo || !T.scratch ||
        !seq_up || !seq_lo)
        return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");

    /* discards: a phrase anywhere ends the sentence's coding */
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

    memset(T.first_child, 0, sizeof(int) * ni);
    memset(T.next_sib, 0, sizeof(int) * ni);
    memset(T.np, 0, sizeof(npinfo) * ni);
    memset(T.np_owner, 0, sizeof(int) * ni);
    memset(T.memo, 0, sizeof(coord_memo) * ni);
    memset(T.tmemo, 0, sizeof(tok_memo) * ni);
    for (int i = n; i >= 1; i--) {
        int h = s->tok[i].head;
        if (h < 0 || h > n || h == i)
            continue;
        T.next_sib[i] = T.first_child[h];
        T.first_child[h] = i;
    }
    if (ctx && coref_collect(&T))
        return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
    if (d->verb_format != 2) {
        /* word-order patterns need to know which words form coded phrases */
        for (int i = 1; i <= n; i++) {
            const evc_token *t = &s->tok[i];
            if (!is_nominal(t) || (np_internal_rel(t) && !rel_is(t, R_NMOD, S_POSS)))
                continue;
            if (!coded(&T, i))
                continue;
            int toks[64];
            int k = np_tokens(&T, i, toks, 64);
            for (int j = 0; j < k; j++)
                if (!T.np_owner[toks[j]])
                    T.np_owner[toks[j]] = i;
        }
    }

    evc_code_opts o = *opts;
    char *coded_verb = evc_arena_alloc(arena, ni);
    if (!coded_verb)
        return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
    memset(coded_verb, 0, ni);
    for (int v = 1; v <= n; v++) {
        const evc_token *t = &s->tok[v];
        if (!upos_is(t, P_VERB) || is_rel(t, R_AUX) || is_rel(t, R_COP))
            continue;
        size_t first, nf = evc_dict_verb_forms(d, t->word, &first);
        if (!nf)
            continue;
        /* a complement of a verb already coded is part of that event, as in
         * PETRARCH: "urged Eriador to respond" is one appeal */
        int h = t->head;
        if (h > 0 && h < v &&
            (((is_rel(t, R_XCOMP) || (is_rel(t, R_ADVCL) && infinitival(&T, v))) &&
              coded_verb[h]) ||
             (is_rel(t, R_ACL) && s->tok[h].head > 0 && s->tok[h].head < v &&
              coded_verb[s->tok[h].head] && is_rel(&s->tok[h], R_OBJ) &&
              !mark_is(&T, v, "by")))) { /* "by attacking": a means, own event */
            coded_verb[v] = 1; /* and so are its own complements */
            continue;
        }
        int before = out->n;
        evc_status st = code_verb(&T, v, first, nf, &o, out, seq_up, seq_lo);
        if (st)
            return evc_error_set(err, st, NULL, 0, 0, "out of memory");
        coded_verb[v] = out->n > before;
    }
    if (out->n && d->issues.n) {
        const char *iss = sentence_issues(d, s, all, n, arena);
        for (int i = 0; i < out->n; i++)
            out->ev[i].issues = iss;
    }
    if (ctx)
        coref_remember(&T);
    return EVC_OK;
}
