/* dict.h: the in-memory dictionaries (internal to libevcode).
 * Words are interned upper-case strings with dense ids; phrases are arrays of
 * ids, so matching compares integers. Everything lives in one arena owned by
 * evc_dicts and is read-only once loading ends (threads share it). */
#ifndef EVC_DICT_H
#define EVC_DICT_H

#include "evcode.h"

#include <stdbool.h>
#include <stdint.h>

/* ------------------------------------------------------------ word table */

/* Open-addressing hash from upper-case word to id (1-based; 0 = unknown). */
typedef struct evc_wordtab {
    const char **words; /* id -> string (words[0] unused) */
    uint64_t *hash;     /* slots: id in the low 32 bits (0 = empty), the
                           word's hash in the high 32, so probes compare
                           hashes before touching the string */
    size_t nwords, cap_words, nslots;
    evc_arena *arena;
} evc_wordtab;

int evc_wordtab_init(evc_wordtab *t, evc_arena *arena);
void evc_wordtab_release(evc_wordtab *t); /* frees the tables, not the arena */
/* Interns s[0..n) (already upper-case); returns id or 0 on OOM. */
uint32_t evc_wordtab_intern(evc_wordtab *t, const char *s, size_t n);
/* Looks s[0..n) up; 0 if absent. Read-only, thread-safe after loading. */
uint32_t evc_wordtab_find(const evc_wordtab *t, const char *s, size_t n);

/* Upper-cases ASCII letters of src[0..n) into dst (size >= n+1). */
void evc_upcase(char *dst, const char *src, size_t n);

/* ------------------------------------------------------------ phrase sets */

/* A phrase of one or more words from an actor, agent, discard or issue
 * dictionary. `prefix` has bit i set when word i may match as a prefix of the
 * sentence word (TABARI's stems). PETRARCH matches whole words only, so the
 * PETRARCH-format loaders leave it 0 (see words.c); matching honours it. */
typedef struct evc_phrase {
    const uint32_t *words;
    uint16_t nwords;
    uint16_t flags;     /* kind-specific, see EVC_PHRASE_* */
    uint32_t prefix;    /* see above; words past 32 never prefix-match */
    uint32_t payload;   /* kind-specific: index of the entry's codes */
    uint32_t line;      /* source line, for --explain and errors */
    uint16_t file;      /* index into evc_dicts.files */
    const char *text;   /* the phrase as written in the dictionary */
} evc_phrase;

#define EVC_PHRASE_STORY 0x1   /* discard: the whole story is discarded */
#define EVC_PHRASE_AGENT_SUFFIX 0x2 /* agent written "NGO~": agent code first */

/* A set of phrases indexed by first word, longest first. */
typedef struct evc_phrase_set {
    evc_phrase *v;
    size_t n, cap;
    /* index built by evc_phrase_set_finish: hash from first word id to the
     * run of phrases (sorted by first word, then longest first) */
    uint32_t *slot_word, *slot_start, *slot_count;
    size_t nslots;
    /* phrases whose first word is a prefix word, tried on every token */
    uint32_t *prefix_first;
    size_t nprefix_first;
} evc_phrase_set;

/* An actor code with its validity dates (yyyymmdd, inclusive; 0 = open). */
typedef struct evc_dated_code {
    const char *code;
    int32_t from, to;
} evc_dated_code;

/* ------------------------------------------------------------ verbs */

typedef enum evc_pat_kind {
    EVC_PE_WORD = 0,  /* a literal word (id) */
    EVC_PE_SYNSET,    /* a member of synset `id` */
    EVC_PE_SOURCE,    /* $ : the source actor */
    EVC_PE_TARGET,    /* + : the target actor */
    EVC_PE_COMPOUND,  /* % : a compound actor (source and target) */
    EVC_PE_PP_OPEN,   /* ( : PETRARCH2 prepositional phrase begins */
    EVC_PE_PP_CLOSE,  /* ) */
    EVC_PE_BRACE_OPEN, /* { : PETRARCH2 */
    EVC_PE_BRACE_CLOSE,
    EVC_PE_SKIP       /* ^ : skip a noun phrase (PETRARCH1) */
} evc_pat_kind;

typedef struct evc_pat_elem {
    uint8_t kind;     /* evc_pat_kind */
    uint8_t joined;   /* 1: joined by '_' to the element nearer the verb,
                         so nothing may come between them */
    uint8_t prefix;   /* literal word may prefix-match */
    uint8_t pad;
    uint32_t id;      /* word id or synset index */
} evc_pat_elem;

typedef struct evc_pattern {
    const evc_pat_elem *upper; /* elements before '*', nearest the verb first */
    const evc_pat_elem *lower; /* elements after '*', in order */
    uint8_t nupper, nlower;
    uint8_t verb_joined_upper; /* '_' directly before '*' */
    uint8_t verb_joined_lower; /* '_' directly after '*' */
    const char *code;   /* CAMEO code, e.g. "111"; "---" = no event */
    const char *code2;  /* second code of "[ddd:ddd]", or NULL */
    uint32_t line;
    uint16_t file;
    const char *text;   /* the pattern line as written (trimmed) */
    uint64_t wordmask[4]; /* bit (id % 256) of each literal word: a
                             sentence lacking one of these bits cannot match */
} evc_pattern;

/* One verb block ("--- ATTACK [190] ---"), with its patterns. */
typedef struct evc_verb {
    const char *name;     /* block head, e.g. "ATTACK" */
    const char *code;     /* block default code, "---" if none */
    const char *code2;    /* second code of "[ddd:ddd]", or NULL */
    const evc_pattern *pats;
    uint32_t npats;
    uint32_t line;
    uint16_t file;
} evc_verb;

/* A verb form: one word ("ATTACKED") or a phrasal form ("CARRY OUT"),
 * mapped to its verb block. */
typedef struct evc_verb_form {
    const uint32_t *words; /* the whole form, e.g. FIGHT BACK */
    uint16_t nwords;
    uint16_t verb_pos;     /* which of words is the verb ("+" in the file) */
    uint32_t verb;         /* index into verbs */
    const char *code;      /* the form's own code ("EXPRESS [0110]"), or NULL
                              for the block's code */
    const char *code2;     /* second code of the form's own "[ddd:ddd]" */
    uint32_t line;
} evc_verb_form;

/* A synset: &NAME with its members (each a phrase; nested synsets expanded). */
typedef struct evc_synset {
    const char *name;
    evc_phrase_set members;
    uint64_t lastmask[4]; /* bit (id % 256) of each member's last word: a
                             sentence without any of them has no member */
} evc_synset;

/* ------------------------------------------------------------ the whole set */

struct evc_dicts {
    evc_arena *arena;
    evc_wordtab words;
    const char *files[32]; /* file names, for explanations and errors */
    int nfiles;

    evc_verb *verbs;
    size_t nverbs;
    evc_verb_form *forms;  /* sorted by the verb word (words[verb_pos]) */
    size_t nforms;
    uint32_t *form_slot_word, *form_slot_start, *form_slot_count;
    size_t form_nslots;
    evc_synset *synsets;
    size_t nsynsets;
    int verb_format;       /* 1 = PETRARCH1, 2 = PETRARCH2 */
    size_t cap_verbs, cap_forms, cap_synsets;

    evc_phrase_set actors;  /* payload: index into actor_codes, flags: ncodes */
    evc_dated_code *actor_codes;
    size_t nactor_codes, cap_actor_codes;

    evc_phrase_set agents;  /* payload: index into agent_codes */
    const char **agent_codes; /* e.g. "GOV" (without the '~') */
    size_t nagent_codes, cap_agent_codes;

    evc_phrase_set discards;

    evc_phrase_set issues;  /* payload: index into issue_codes */
    const char **issue_codes;
    size_t nissue_codes, cap_issue_codes;
};

/* ------------------------------------------------------------ loaders
 * Each loader reads one file into d (whose arena and word table are ready),
 * returns EVC_OK or an error with file:line:column and what was expected. */
evc_status evc_dict_load_actors(evc_dicts *d, const char *path, evc_error *err);
evc_status evc_dict_load_agents(evc_dicts *d, const char *path, evc_error *err);
evc_status evc_dict_load_discards(evc_dicts *d, const char *path, evc_error *err);
evc_status evc_dict_load_issues(evc_dicts *d, const char *path, evc_error *err);
evc_status evc_dict_load_verbs(evc_dicts *d, const char *path, evc_error *err);

/* Same loaders on a memory buffer (for tests and fuzzing); `name` labels
 * errors. */
evc_status evc_dict_parse_actors(evc_dicts *d, const char *name,
                                 const char *buf, size_t len, evc_error *err);
evc_status evc_dict_parse_agents(evc_dicts *d, const char *name,
                                 const char *buf, size_t len, evc_error *err);
evc_status evc_dict_parse_discards(evc_dicts *d, const char *name,
                                   const char *buf, size_t len, evc_error *err);
evc_status evc_dict_parse_issues(evc_dicts *d, const char *name,
                                 const char *buf, size_t len, evc_error *err);
evc_status evc_dict_parse_verbs(evc_dicts *d, const char *name,
                                const char *buf, size_t len, evc_error *err);

/* Builds the verb-form index and finishes the synsets' phrase sets; called
 * by evc_dicts_finish. evc_dict_verbs_release frees what the verb loader
 * malloc'd (verbs, forms, synsets, indexes); called by evc_dicts_free. */
evc_status evc_dict_verbs_finish(evc_dicts *d, evc_error *err);
void evc_dict_verbs_release(evc_dicts *d);
/* The forms whose verb word is `w`: sets *first to the index of the first in
 * d->forms and returns how many (0 if none). */
size_t evc_dict_verb_forms(const evc_dicts *d, uint32_t w, size_t *first);

/* An empty dictionary set ready for the loaders; evc_dicts_finish builds the
 * indexes once all files are loaded. */
evc_status evc_dicts_new(evc_dicts **out, evc_error *err);
evc_status evc_dicts_finish(evc_dicts *d, evc_error *err);
/* Registers a file name, returning its index for evc_phrase.file. */
uint16_t evc_dicts_add_file(evc_dicts *d, const char *name);
/* Reads a whole file into a malloc'd, NUL-terminated buffer. */
evc_status evc_read_file(const char *path, char **buf, size_t *len,
                         evc_error *err);
/* A loader's parse function, and the load of a whole file through it (the
 * file named in errors). */
typedef evc_status (*evc_dict_parse_fn)(evc_dicts *d, const char *name,
                                        const char *buf, size_t len,
                                        evc_error *err);
evc_status evc_dict_load_with(evc_dicts *d, const char *path,
                              evc_dict_parse_fn parse, evc_error *err);

/* ------------------------------------------------------------ phrase sets */

/* Appends a phrase (words copied into d's arena; `text` is kept as given, so
 * it must live as long as d); returns its index (valid until
 * evc_phrase_set_finish reorders the set) or -1. */
long evc_phrase_set_add(evc_dicts *d, evc_phrase_set *set,
                        const evc_phrase *p);
/* Builds the first-word index; call after all adds (again after more adds).
 * Equal phrases keep the order they were added in, so the first wins. */
int evc_phrase_set_finish(evc_phrase_set *set);
void evc_phrase_set_release(evc_phrase_set *set);

/* Parses a dictionary phrase ("HAMAS_MILITARY_COMMAND", "CARAS GALADHON",
 * "ARNOR_") into word ids in d's arena: '_' and spaces separate words, a
 * trailing '_' just ends the word, and a possessive is split off as the
 * tokenizer does ("WOMEN'S" -> WOMEN 'S). *prefix is set to 0: PETRARCH
 * matches whole words (see words.c). Returns the number of words, 0 if none,
 * -1 on OOM (or over 65535 words). */
int evc_phrase_parse(evc_dicts *d, const char *s, size_t n,
                     const uint32_t **words, uint32_t *prefix);

/* Fills tok[i].word and tok[i].lword for every token of s (upper-cased form
 * and lemma looked up in the word table; 0 when unknown). */
void evc_dicts_prepare(const evc_dicts *d, evc_sentence *s);

/* Sets / tests bit (id % 256) of a 256-bit word mask. */
static inline void evc_mask_set(uint64_t m[4], uint32_t id)
{
    m[(id >> 6) & 3] |= (uint64_t)1 << (id & 63);
}
static inline int evc_mask_has(const uint64_t m[4], uint32_t id)
{
    return (int)(m[(id >> 6) & 3] >> (id & 63) & 1);
}

/* Does token `tok` match dictionary word id `w` (exactly, or as a prefix when
 * `prefix`)? Compares the form's id (tok->word, from evc_dicts_prepare), not
 * the lemma: PETRARCH matches surface words ("polices" is not "POLICE"). */
bool evc_word_matches(const evc_dicts *d, const evc_token *tok, uint32_t w,
                      bool prefix);

/* Longest phrase of `set` that matches the tokens toks[start..ntoks) (indices
 * into s->tok, in word order; toks NULL means toks[i] = i). Returns it and
 * sets *len to the number of tokens it covers, or NULL (and *len = 0). */
const evc_phrase *evc_phrase_set_match(const evc_dicts *d,
                                       const evc_phrase_set *set,
                                       const evc_sentence *s, const int *toks,
                                       int ntoks, int start, int *len);

/* The actor code valid on `date` (yyyymmdd) among the phrase's codes, as
 * PETRARCH resolves them: the first date-restricted code (in file order)
 * whose range holds the date, bounds inclusive; else the first undated code.
 * With date 0 (unknown): the first undated code, else the restricted code
 * that reaches latest. NULL if none applies. */
const char *evc_actor_code_on(const evc_dicts *d, const evc_phrase *p,
                              int32_t date);

/* ------------------------------------------------------------ loader helpers
 * Shared by the actor, agent, discard and issue loaders (words.c, dicts.c). */

#define EVC_PHRASE_IGNORE 0x4  /* issue: "~" ignore phrase (with STORY: "~~") */
#define EVC_PHRASE_MAX_WORDS 64 /* longer dictionary phrases are an error */

/* Reads a dictionary buffer line by line, the way PETRARCH's read_FIN_line
 * does: '#' starts a comment anywhere, <!-- ... --> is a comment (also over
 * lines), a line starting with "<!" is a comment, blank lines are skipped.
 * The whole buffer is checked for UTF-8 (and NUL bytes) when opened. */
typedef struct evc_dict_reader {
    const char *name;   /* labels errors */
    const char *buf;
    size_t len, pos;
    long line;          /* number of the line in `text` */
    char *text;         /* that line, comments blanked (columns kept), NUL-
                           terminated, trailing blanks cut; malloc'd */
    size_t n, cap;      /* its length, and the buffer's size */
    long comment_line;  /* where an open "<!--" began, 0 if none */
    evc_error *err;
} evc_dict_reader;

/* EVC_OK, or EVC_ERR_UTF8 / EVC_ERR_SYNTAX with the offending line. */
evc_status evc_dict_reader_open(evc_dict_reader *r, const char *name,
                                const char *buf, size_t len, evc_error *err);
/* EVC_OK with the next non-blank line in r->text, EVC_END, or an error (an
 * unterminated "<!--" is EVC_ERR_SYNTAX). */
evc_status evc_dict_reader_next(evc_dict_reader *r);
void evc_dict_reader_close(evc_dict_reader *r);
/* EVC_ERR_SYNTAX at the column of `at` (a pointer into r->text, or NULL). */
evc_status evc_dict_reader_fail(evc_dict_reader *r, const char *at,
                                const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Splits s[0..n) into word ids (interned; '_' and blanks separate, a
 * possessive is its own word). Returns the count, -1 on OOM, -2 if more than
 * max. */
int evc_dict_split_words(evc_dicts *d, const char *s, size_t n, uint32_t *ids,
                         int max);
/* The phrase ids[0..nw) as evcode's segmenter writes it, hyphens being
 * words of their own ("TEHRIK-I-TALIBAN" -> TEHRIK - I - TALIBAN), into
 * out: the count, 0 if no word has an inner hyphen, -1 on OOM, -2 if more
 * than max. Loaders add this form beside the written one, so a phrase
 * matches given parses that keep the hyphenated word whole and text the
 * segmenter split. */
int evc_dict_split_hyphens(evc_dicts *d, const uint32_t *ids, int nw,
                           uint32_t *out, int max);
/* evc_phrase_set_add, then the phrase's hyphen-split form as well (same
 * payload, line and text) when it has one. The first one's index, or -1
 * on OOM. */
long evc_phrase_set_add_split(evc_dicts *d, evc_phrase_set *set,
                              const evc_phrase *p);
/* The regular plural of the phrase w[0..n) (its last word): consonant+Y ->
 * IES; S, X, Z, CH, SH -> +ES; else +S. Writes it NUL-terminated into dst
 * (cap >= n+3) and returns its length, 0 if it does not fit. */
size_t evc_noun_plural(char *dst, size_t cap, const char *w, size_t n);
/* Parses a dictionary date, yymmdd or yyyymmdd, to yyyymmdd (PETRARCH's
 * century rule: yy <= 30 is 20yy, else 19yy). As PETRARCH, 6-7 digits are
 * read as yymmdd and 8-10 as yyyymmdd, extra digits ignored. 0 if invalid. */
int32_t evc_dict_parse_date(const char *s, size_t n);

/* An exact (case-kept) string -> value index, for codes while a file loads
 * (so repeated codes share one string and lookups stay O(1)). */
typedef struct evc_code_index {
    const char **str; /* slot -> string, NULL = empty */
    size_t *len;      /* slot -> its length */
    uint32_t *val;    /* slot -> the caller's value */
    size_t nslots, n;
} evc_code_index;
/* The value stored for s[0..n) (and, if `stored`, the stored string), or
 * -1. */
long evc_code_index_find(const evc_code_index *x, const char *s, size_t n,
                         const char **stored);
/* Adds s[0..n) (which must outlive the index, e.g. in d's arena) with value
 * v. 0, or -1 on OOM. */
int evc_code_index_add(evc_code_index *x, const char *s, size_t n, uint32_t v);
void evc_code_index_release(evc_code_index *x);
/* Indexes codes[0..n), each with its position as value (the codes a loader
 * found before, in d's arena). EVC_OK, or out of memory named by `name`. */
evc_status evc_code_index_fill(evc_code_index *x, const char *const *codes,
                               size_t n, const char *name, evc_error *err);

/* Makes the malloc'd array p (of *cap elements of `elem` bytes) hold at
 * least `need`, doubling. Returns the (maybe moved) array, or NULL on OOM
 * (then p is unchanged and still owned by the caller). */
void *evc_dict_grow(void *p, size_t *cap, size_t need, size_t elem);

#endif
