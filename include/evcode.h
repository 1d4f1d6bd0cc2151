/* evcode.h: the one public header of libevcode, an event-data coder that turns
 * news into CAMEO-coded "who did what to whom" records.
 * The CLI, the tests and the benchmarks use only this header. */
#ifndef EVCODE_H
#define EVCODE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EVCODE_VERSION "0.1.0"

/* ---------------------------------------------------------------- errors */

typedef enum evc_status {
    EVC_OK = 0,
    EVC_END = 1,        /* not an error: a stream has no more records */
    EVC_ERR_IO = 2,     /* a file could not be opened or read */
    EVC_ERR_SYNTAX = 3, /* malformed input: see file, line, column */
    EVC_ERR_NOMEM = 4,
    EVC_ERR_ARG = 5,    /* a caller passed something unusable */
    EVC_ERR_UTF8 = 6,   /* input is not valid UTF-8 */
    EVC_ERR_LIMIT = 7   /* input exceeds a hard limit (line length, tokens) */
} evc_status;

/* Filled by any function that can fail; every pointer to it may be NULL.
 * `file` and `message` are copies, so the struct outlives the call. */
typedef struct evc_error {
    evc_status code;
    long line;   /* 1-based, 0 if unknown */
    long column; /* 1-based, 0 if unknown */
    char file[256];
    char message[256];
} evc_error;

const char *evc_status_str(evc_status s);
/* Sets all fields of err (if err != NULL) and returns code. printf-style. */
evc_status evc_error_set(evc_error *err, evc_status code, const char *file,
                         long line, long column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
/* "file:line:column: message" (parts that are unknown are left out). */
void evc_error_format(const evc_error *err, char *buf, size_t n);

/* ---------------------------------------------------------------- arena */

/* A bump allocator: everything of one document or one dictionary set lives in
 * one arena and is freed by one call. Not thread-safe; one per thread. */
typedef struct evc_arena evc_arena;

evc_arena *evc_arena_new(size_t chunk_size); /* 0 = default (64 KiB) */
void evc_arena_free(evc_arena *a);           /* NULL is a no-op */
void evc_arena_reset(evc_arena *a);          /* keeps the first chunk */
void *evc_arena_alloc(evc_arena *a, size_t n); /* 16-byte aligned; NULL on OOM */
char *evc_arena_strndup(evc_arena *a, const char *s, size_t n);
char *evc_arena_strdup(evc_arena *a, const char *s);
size_t evc_arena_used(const evc_arena *a);
/* A point in an arena's life: evc_arena_rewind frees everything allocated
 * after evc_arena_mark took it (for scratch that must not pile up over a
 * long document). A mark is valid until the arena is reset or rewound to
 * an earlier mark. */
typedef struct evc_arena_mark {
    void *chunk;
    size_t used, total;
} evc_arena_mark;
evc_arena_mark evc_arena_mark_get(const evc_arena *a);
void evc_arena_rewind(evc_arena *a, evc_arena_mark m);

/* ---------------------------------------------------------------- sentences */

/* One token of a dependency parse. Strings live in the sentence's arena.
 * `deprel` is always a UD v2 label (v1 labels are mapped on reading). */
typedef struct evc_token {
    const char *form;
    const char *lemma;
    const char *upos;
    const char *xpos;
    const char *feats;
    const char *deprel;
    int head;       /* 0 = root, else 1-based index of the head token */
    uint32_t word;  /* coder's private use: dictionary word id of FORM */
    uint32_t lword; /* coder's private use: dictionary word id of LEMMA */
    uint32_t cls;   /* coder's private use: UPOS and relation classes */
    int32_t off;    /* byte offset of the token in its document's text, -1
                       when unknown (tokens read from CoNLL-U) */
    int32_t len;    /* its length in bytes there (0 when unknown) */
} evc_token;

/* A parsed sentence. tok[0] is an artificial root; real tokens are
 * tok[1..ntok], so tok[i].head indexes tok directly. */
typedef struct evc_sentence {
    const char *id;   /* sentence or article id, may be NULL */
    const char *text; /* the raw sentence, may be NULL */
    int32_t date;     /* yyyymmdd, 0 if unknown */
    int ntok;
    evc_token *tok;
} evc_sentence;

/* Parses one CoNLL-U sentence block (comment lines, token lines; multiword
 * ranges and empty nodes are skipped) into out, allocating in arena.
 * `file` and `first_line` only label errors. UD v1 labels (dobj, nmod,
 * nsubjpass, ...) are mapped to UD v2. */
evc_status evc_conllu_parse(const char *text, size_t len, evc_arena *arena,
                            evc_sentence *out, const char *file,
                            long first_line, evc_error *err);

/* Streaming CoNLL-U reader: one sentence per call, bounded memory. */
typedef struct evc_conllu_reader evc_conllu_reader;
evc_status evc_conllu_reader_open(FILE *f, const char *name,
                                  evc_conllu_reader **out, evc_error *err);
/* EVC_OK with *out filled, EVC_END at the end, or an error. */
evc_status evc_conllu_reader_next(evc_conllu_reader *r, evc_arena *arena,
                                  evc_sentence *out, evc_error *err);
void evc_conllu_reader_close(evc_conllu_reader *r);

/* ---------------------------------------------------------------- PETRARCH XML */

/* A gold coding from <EventCoding>. */
typedef struct evc_coding {
    const char *source;
    const char *target;
    const char *code;
} evc_coding;

/* One <Sentence> (or <Article>) of a PETRARCH XML file. */
typedef struct evc_record {
    const char *id;
    const char *source;  /* the source attribute (news agency), may be NULL */
    int32_t date;        /* yyyymmdd from the date attribute, 0 if absent */
    const char *text;    /* <Text>, whitespace-trimmed */
    const char *parse;   /* <Parse> (CoNLL-U for the UD files), may be NULL */
    long parse_line;     /* file line where the parse text begins */
    long line;           /* file line of the record's start tag */
    int is_article;      /* 1 for <Article>, 0 for <Sentence> */
    int ngold;
    evc_coding *gold;    /* <EventCoding> elements with eventcode */
    int noevents;        /* an <EventCoding noevents="True"> was present */
    const char *gold_error; /* <EventCoding error="..."> value, or NULL */
    int require_dyad;    /* the latest <Config option="require_dyad"> before
                            this record: 1 (the default) or 0 */
} evc_record;

/* The <Environment> block of a validation file: the dictionaries to use. */
typedef struct evc_environment {
    const char *verbfile;
    const char *actorfiles[8];
    int nactorfiles;
    const char *agentfile;
    const char *discardfile;
    const char *issuefile;
} evc_environment;

typedef struct evc_xml_reader evc_xml_reader;
evc_status evc_xml_reader_open(FILE *f, const char *name, evc_xml_reader **out,
                               evc_error *err);
/* Fills *out with the next record (strings in arena). EVC_END at the end. A
 * truncated or malformed file gives EVC_ERR_SYNTAX with its line. */
evc_status evc_xml_reader_next(evc_xml_reader *r, evc_arena *arena,
                               evc_record *out, evc_error *err);
/* The <Environment> seen so far (complete once the first record is read). */
const evc_environment *evc_xml_reader_environment(const evc_xml_reader *r);
void evc_xml_reader_close(evc_xml_reader *r);

/* ---------------------------------------------------------------- raw articles */

#ifndef EVC_ARTICLE_API
#define EVC_ARTICLE_API

/* One raw article. Every string lives in the arena passed to
 * evc_article_reader_next and is NUL-terminated; valid UTF-8 throughout. */
typedef struct evc_article {
    const char *id;       /* never NULL: the "id" field, or "<file>:<line>"
                             when the line has none (JSONL); the file name's
                             base without extension (text) */
    int32_t date;         /* yyyymmdd, 0 when unknown */
    const char *date_str; /* the "date" field as written, NULL if absent */
    const char *title, *source, *url; /* NULL when absent or null */
    const char *text;     /* never NULL (may be "") */
    size_t text_len;      /* bytes of text, without the NUL */
    const char *extra_json; /* the other members of the JSON object, as a
                               compact JSON object whose values are the input
                               bytes unchanged; NULL if there are none */
    long line;            /* 1-based input line of the article (1 for text) */
} evc_article;

typedef struct evc_article_reader evc_article_reader;

/* JSON Lines: one object per line with "text" (a string, required), "id"
 * (string or number; missing, null or "" gives "<file>:<line>"), "date" (ISO
 * 8601: YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS[.s][Z|+hh:mm|-hh:mm] (a space may
 * stand for the T), or YYYYMMDD; null or "" means unknown), and optional
 * string "title", "source", "url". Blank lines are skipped; a UTF-8 BOM
 * before the first line is ignored; lines may end in CRLF.
 * The reader does not own f: close f after evc_article_reader_close.
 * `name` labels errors and default ids (NULL, "" and "-" read as "stdin"). */
evc_status evc_jsonl_reader_open(FILE *f, const char *name,
                                 evc_article_reader **out, evc_error *err);

/* Plain text: the whole of f is one article, its bytes unchanged (CRLF kept,
 * so offsets match the file) except that a leading UTF-8 BOM is dropped.
 * id is the base of `name` without its extension ("a/b.txt" -> "b"; "stdin"
 * for NULL, "" or "-"); date 0; line 1. A file with no bytes (or only a BOM) has no
 * article: the first call returns EVC_END. */
evc_status evc_text_reader_open(FILE *f, const char *name,
                                evc_article_reader **out, evc_error *err);

/* Fills *out with the next article, its strings allocated in `a` (a failed
 * call may also have allocated there; reset the arena as usual). Returns
 * EVC_OK, EVC_END when the input is exhausted, or an error for THIS article
 * (err names file, line, column when known, and the article id when known):
 *   EVC_ERR_UTF8    invalid UTF-8 (column of the first bad byte);
 *   EVC_ERR_SYNTAX  not JSON, not an object, missing or mistyped fields, a
 *                   date that is not ISO, a NUL byte in a text file;
 *   EVC_ERR_LIMIT   a line over EVC_JSONL_MAX_LINE or a text file over
 *                   EVC_TEXT_MAX bytes (skipped without being held);
 *   EVC_ERR_NOMEM   out of memory for this article.
 * After any of these the next call goes on with the next article, so a
 * caller may report, count and continue. EVC_ERR_IO (a read error) and
 * EVC_ERR_ARG are sticky: every later call returns them again, so a caller
 * that continues after errors must stop on them. Columns count characters. */
evc_status evc_article_reader_next(evc_article_reader *r, evc_arena *a,
                                   evc_article *out, evc_error *err);

void evc_article_reader_close(evc_article_reader *r); /* NULL is a no-op */

#endif /* EVC_ARTICLE_API */

/* ---------------------------------------------------------------- dictionaries */

typedef struct evc_dicts evc_dicts;

/* Which file is which. NULL members are simply not loaded. */
typedef struct evc_dict_files {
    const char *verbs;      /* PETRARCH1 (.verbpatterns / Validate.verbs.txt) or
                               PETRARCH2 (CAMEO.2.0.txt) format: detected */
    const char *actors[16];
    int nactors;
    const char *agents;
    const char *discards;
    const char *issues;
} evc_dict_files;

/* Loads the dictionaries; immutable afterwards, so threads may share them. */
evc_status evc_dicts_load(const evc_dict_files *files, evc_dicts **out,
                          evc_error *err);
/* Loads a folder: its `evcode.dicts` manifest if present, else the standard
 * file names (Phoenix or PETR.Validate). A manifest may name no verbs file
 * (an overlay of actors, say). */
evc_status evc_dicts_load_dir(const char *dir, evc_dicts **out, evc_error *err);
/* Loads several folders as one set, an overlay first: the actor files of
 * every folder in order (among equal phrases the first loaded wins, so
 * earlier folders override later ones); verbs, agents, discards and issues
 * from the last folder that has each. At most 16 actor files in all. */
evc_status evc_dicts_load_dirs(const char *const *dirs, int ndirs,
                               evc_dicts **out, evc_error *err);
void evc_dicts_free(evc_dicts *d);

/* Counts for reports: verbs forms, patterns, actor phrases, agents, ... */
typedef struct evc_dict_stats {
    size_t verb_forms, verb_patterns, synsets, actor_phrases, actor_codes,
        agents, discards, issues, words, bytes;
} evc_dict_stats;
void evc_dicts_stats(const evc_dicts *d, evc_dict_stats *out);

/* ---------------------------------------------------------------- coding */

typedef struct evc_actor {
    const char *code;  /* full code, e.g. "PAKGOV", or "" if none */
    const char *root;  /* leading country/IGO code, e.g. "PAK" */
    const char *agent; /* agent part, e.g. "GOV", or "" */
    const char *text;  /* the words matched */
    int head;          /* token index of the phrase head, 0 if none */
    const char *antecedent; /* coreference (evc_code_sentence_ctx): the text
                               of the earlier actor a pronoun or description
                               ("he", "the group") stands for; NULL if none */
} evc_actor;

typedef struct evc_event {
    evc_actor source;
    evc_actor target;
    const char *code;  /* CAMEO code, e.g. "042" */
    int verb;          /* token index of the coded verb */
    int negated;       /* the verb was negated ("did not attack") */
    const char *issues; /* ";"-separated issue codes, or "" */
    const char *explain; /* why: verb entry, pattern, actor entries (if asked) */
    int32_t date;      /* the event's own date, yyyymmdd (evc_event_date_resolve);
                          0: not resolved, writers use the sentence's date */
    const char *date_method; /* how date was chosen: "clause", "sentence",
                                "article", "none" (static); NULL: not resolved */
} evc_event;

typedef struct evc_events {
    evc_event *ev;
    int n;
    int cap;
    int discarded;     /* 1 = sentence discard, 2 = story discard */
} evc_events;

typedef struct evc_code_opts {
    int keep_negated; /* emit negated events (marked negated) */
    int explain;      /* fill evc_event.explain */
    int require_dyad; /* drop events without both source and target (default 1) */
} evc_code_opts;

void evc_code_opts_default(evc_code_opts *o);

/* Codes one parsed sentence. Events and their strings are allocated in
 * arena; out->ev is (re)allocated in the arena too. */
evc_status evc_code_sentence(const evc_dicts *d, const evc_sentence *s,
                             const evc_code_opts *opts, evc_arena *arena,
                             evc_events *out, evc_error *err);

/* Coreference across an article's sentences. A context remembers the last
 * 32 actor phrases coded (its own copies of their codes and texts), so that
 * a later sentence's pronoun (he/she/him/her: a person; it: a country or an
 * organisation, as a subject only; they/them: a plural, an organisation or
 * a government) or definite description without an actor of its own ("the
 * group", "the militants": an armed group; "the government", "the
 * minister": a government, a country's + GOV; "the spokesperson": a person)
 * that a coded verb takes as source or target stands for the nearest
 * compatible earlier actor, subjects first (pronouns look back two
 * sentences, descriptions as far as the context remembers). A capital as
 * subject or object ("Islamabad said") stands for its country's government
 * (PAK -> PAKGOV). Pronouns inside a quotation are left alone.
 * One context per article, used by one thread; the dictionaries stay
 * shared. evc_coref_new returns NULL on OOM; evc_coref_free(NULL) is a
 * no-op; reset before the next article. */
typedef struct evc_coref evc_coref;
evc_coref *evc_coref_new(void);
void evc_coref_reset(evc_coref *ctx);
void evc_coref_free(evc_coref *ctx);

/* evc_code_sentence with coreference: code an article's sentences in order
 * with one ctx. Resolved actors keep the sentence's words in `text` and
 * name the antecedent's in `antecedent`. ctx NULL is evc_code_sentence
 * exactly. The sentence's actors are remembered in ctx afterwards (not for
 * a discarded sentence). */
evc_status evc_code_sentence_ctx(const evc_dicts *d, const evc_sentence *s,
                                 const evc_code_opts *opts, evc_coref *ctx,
                                 evc_arena *arena, evc_events *out,
                                 evc_error *err);

/* ---------------------------------------------------------------- CAMEO tables */

typedef struct evc_cameo_info {
    const char *code;        /* "042" */
    const char *name;
    double goldstein;        /* GDELT CAMEO.goldsteinscale */
    int quad;                /* 1 verbal coop, 2 material coop, 3 verbal conflict,
                                4 material conflict */
    const char *root;        /* "04" */
    const char *plover_type; /* e.g. "CONSULT", "" if none */
    const char *plover_mode; /* e.g. "visit", "" if none */
} evc_cameo_info;

/* NULL for codes not in CAMEO. Tables are generated from the codebooks. */
const evc_cameo_info *evc_cameo_lookup(const char *code);

/* ---------------------------------------------------------------- dates
 * Calendar arithmetic in whole days on the proleptic Gregorian calendar, for
 * years 1-9999: no time zones, no struct tm. A date is yyyymmdd, as in
 * evc_sentence.date; a day number counts days since 1970-01-01 (negative
 * before it). */

int evc_date_valid(int32_t yyyymmdd);       /* 1 for a real calendar date */
int32_t evc_date_to_day(int32_t yyyymmdd);  /* INT32_MIN if not valid */
int32_t evc_day_to_date(int32_t day);       /* 0 outside years 1-9999 */
int evc_day_weekday(int32_t day);           /* ISO: 1 Monday .. 7 Sunday */

/* How precise a resolved date is. A named period ("last week", "in June",
 * "this year") resolves to its first day (a week starts on Monday, ISO 8601;
 * a weekend on Saturday); a distance ("two weeks ago") to the day that far
 * from the article date, with the distance's unit as granularity. */
typedef enum evc_date_gran {
    EVC_DATE_NONE = 0,
    EVC_DATE_DAY = 1,
    EVC_DATE_WEEK = 2,
    EVC_DATE_MONTH = 3,
    EVC_DATE_YEAR = 4
} evc_date_gran;

const char *evc_date_gran_str(evc_date_gran g); /* "day", ... ; "" for NONE */

typedef struct evc_date_res {
    int32_t date;       /* yyyymmdd; 0 when there is no date (method "none") */
    int32_t day;        /* the same as days since 1970-01-01 (0 when none) */
    char iso[11];       /* "YYYY-MM-DD", "" when none */
    evc_date_gran gran;
    const char *method; /* static: "clause" (an expression in the verb's own
                           clause), "sentence" (elsewhere in its sentence),
                           "article" (no expression: the article date),
                           "none" (no article date) */
    int first, last;    /* the expression's tokens (1-based, inclusive), 0
                           when method is "article" or "none" */
} evc_date_res;

/* The date of the event whose verb is token `verb` of the parsed sentence s
 * (0: no particular verb, any expression of the sentence), resolved against
 * the article date (yyyymmdd; 0 = unknown, which gives method "none").
 * Recognizes today/yesterday/tomorrow/tonight, last night, this morning,
 * weekdays ("on Thursday", "last Friday", "Thursday night", "next Monday",
 * "Wednesday last week"), last/this/next week/month/year/weekend, "earlier
 * this month", month names ("in June", "last December", "early November"),
 * dates ("on July 4", "Feb 26", "4 July 1986"), "in 1986", and distances
 * ("two days ago", "a year ago", "a day earlier"). A weekday, month or date
 * without "last"/"next" takes the tense of the predicate it modifies: the
 * most recent one on or before the article date for the past, the next on or
 * after it for the future (will, to, present tense), the nearest otherwise.
 * Expressions of comparison ("up from 3 pct a year ago"), possessives ("last
 * year's") and bounds ("until Friday", "for 1987") are not event dates; a
 * speech verb ("said") is not dated by the clause it reports.
 * Only reads s; thread-safe. EVC_ERR_ARG for a NULL s or out. */
evc_status evc_event_date_resolve(const evc_sentence *s, int verb,
                                  int32_t article_date, evc_date_res *out);

/* ---------------------------------------------------------------- writing */

typedef enum evc_format {
    EVC_FORMAT_JSONL = 0,   /* the DESIGN.md event object, one per line */
    EVC_FORMAT_TSV = 1,     /* 12 PETRARCH-style columns */
    EVC_FORMAT_PHOENIX = 2, /* the 26 columns of the Phoenix data set */
    EVC_FORMAT_GDELT = 3    /* the 61 columns of the GDELT 2.0 event table */
} evc_format;

/* Writes one event in the given format (one line). `article_id` may be NULL
 * (then s->id is used), `sentence_index` is the sentence's index in its
 * article. The same as evc_event_write_ctx with only those two members set
 * and event_number 0. */
evc_status evc_event_write(FILE *out, evc_format fmt, const char *article_id,
                           int sentence_index, const evc_sentence *s,
                           const evc_event *e, evc_error *err);

/* What a record says beyond the event and its sentence. Every pointer may
 * be NULL; the caller keeps them alive for the call only. */
typedef struct evc_write_ctx {
    const char *article_id; /* NULL: s->id */
    int sentence_index;     /* the sentence's index in its article */
    long event_number;      /* Phoenix EventID, GDELT GLOBALEVENTID; a
                               negative number leaves that first column out
                               (the line then starts with its tab), for a
                               caller that numbers lines as it writes them */
    const char *url;        /* the article's URL (GDELT SOURCEURL, Phoenix
                               URLs); NULL: GDELT takes the article id */
    const char *news_source; /* the article's source (Phoenix NewsSources) */
    const char *const *ids; /* one-a-day: the sentence ids the record stands
                               for (JSONL "ids", Phoenix SentenceID joined
                               by ';', GDELT NumMentions/NumArticles) */
    int nids;               /* 0: no "ids" member; Phoenix takes the
                               sentence id of s (see write.c) */
    int geo;                /* geocoding is on: JSON Lines gets a
                               "location" member (null when location is
                               NULL); 0: no such member */
    const struct evc_location *location; /* where the event happened (JSON
                               "location", Phoenix and GDELT ActionGeo
                               columns), or NULL */
} evc_write_ctx;

evc_status evc_event_write_ctx(FILE *out, evc_format fmt,
                               const evc_write_ctx *ctx, const evc_sentence *s,
                               const evc_event *e, evc_error *err);

/* ---------------------------------------------------------------- analysis
 * evcode's own analysis of English: segmentation (sentences, UD tokens),
 * tagging (UPOS, Penn XPOS, lemma) and labeled dependency parsing, with one
 * model file holding the tagger and the parser. A loaded model is read-only
 * and may be shared by threads. */

typedef struct evc_model evc_model;

typedef struct evc_train_opts {
    int tag_epochs;   /* 0 = the tagger's default */
    int parse_epochs; /* 0 = the parser's default */
    int parse_runs;   /* parser trainings (seeds seed, seed + 1, ...) whose
                         weights are summed; 0 = 1 */
    uint64_t seed;    /* same data and seed -> same model bytes */
    FILE *log;        /* progress lines, or NULL */
    /* Unlabeled text for distributional word classes, which the parser
     * uses as features: files of JSON Lines articles (.jsonl),
     * CoNLL-U (.conllu: the forms) or plain text (anything else), read with
     * the training treebanks' forms. NULL or 0 files: no word classes. */
    const char *const *class_text;
    int nclass_text;
    int classes;      /* how many classes (0 = 256) */
} evc_train_opts;

/* Trains the tagger and the parser on CoNLL-U files (train[0..ntrain)),
 * tuning on `dev` (may be NULL). */
evc_status evc_model_train(const char *const *train, int ntrain,
                           const char *dev, const evc_train_opts *opts,
                           evc_model **out, evc_error *err);
evc_status evc_model_save(const evc_model *m, const char *path, evc_error *err);
/* A truncated or corrupt file gives EVC_ERR_SYNTAX naming what was wrong. */
evc_status evc_model_load(const char *path, evc_model **out, evc_error *err);
void evc_model_free(evc_model *m);
/* exact = 1: the parser scores every move with all its features and the
 * tagger's second pass every token. By default (0) a move that the features
 * without words already put far ahead is taken without looking up those
 * with words, and the second pass keeps a first-pass label that is far
 * ahead: faster, with the same tags, UAS and LAS on EWT dev (README).
 * Call before analysis starts: the model is shared. */
void evc_model_set_exact(evc_model *m, int exact);
/* The parser keeps the k best paths of moves (beam search) instead of one;
 * k = 1 is greedy decoding, which is faster and about 0.5 UAS lower (README).
 * The default is 2; k is capped at 16. Call before analysis starts. */
void evc_model_set_beam(evc_model *m, int k);

/* Raw text -> sentences, tagged and parsed, in the arena. Token offsets
 * (evc_token.off/len) point into `text`. */
evc_status evc_model_analyze(const evc_model *m, const char *text, size_t len,
                             evc_arena *arena, evc_sentence **sents, int *n,
                             evc_error *err);
/* Tags and parses a sentence whose tokens are given (FORM only is used). */
evc_status evc_model_annotate(const evc_model *m, evc_sentence *s,
                              evc_arena *arena, evc_error *err);

typedef struct evc_parse_scores {
    long tokens, sentences;
    double upos, xpos, lemma, uas, las; /* in [0, 1], on gold tokens */
    double token_f1, sentence_f1;       /* on raw text, CoNLL 2018 style */
    double tokens_per_second;           /* tagging + parsing, gold tokens */
} evc_parse_scores;

/* Scores the model on a gold CoNLL-U file. */
evc_status evc_model_eval(const evc_model *m, const char *gold_path,
                          evc_parse_scores *out, evc_error *err);

/* Writes one sentence as CoNLL-U (with "# sent_id" when id is not NULL and
 * "# text" when s->text is set), ending with a blank line. */
evc_status evc_sentence_write_conllu(FILE *f, const evc_sentence *s,
                                     const char *id, evc_error *err);

/* ---------------------------------------------------------------- surges
 * Which periods of a count series are improbably high against the series'
 * own trailing baseline: a one-sided negative-binomial test (see
 * src/store/surge.c for the test and why it was chosen). Pure functions. */

typedef struct evc_surge_params {
    int window;       /* K: the baseline is the previous K periods that have
                         coverage (default 8; 2..10000) */
    int min_baseline; /* fewest such periods for a period to be tested
                         (default 4; 2..window) */
    long min_count;   /* a period with fewer events is never flagged
                         (default 3) */
    double alpha;     /* false-alarm probability per series: each tested
                         period is held to alpha / (periods tested)
                         (Bonferroni; default 0.05) */
} evc_surge_params;

void evc_surge_params_default(evc_surge_params *p);

/* What the test saw at one period: the numbers behind a flag. */
typedef struct evc_surge_point {
    long count;        /* the period's count; -1: no coverage */
    int tested;        /* 1 when it had a baseline of min_baseline periods */
    int flagged;       /* tested, count >= min_count, count > mean and
                          p <= the series' threshold */
    int baseline_n;    /* periods in its baseline */
    double mean;       /* baseline mean (0.5 / baseline_n if all zero) */
    double variance;   /* baseline sample variance */
    double dispersion; /* predictive variance / mean used by the test:
                          max(1, variance / mean, the series' dispersion)
                          * (1 + 1 / baseline_n) */
    double p;          /* P(X >= count) for X negative binomial with that
                          mean and dispersion; 1 when not tested */
    long critical;     /* the smallest count that would have been flagged
                          here (-1 when not tested) */
} evc_surge_point;

typedef struct evc_surge_summary {
    size_t tested, flagged;
    double threshold; /* alpha / tested (0 when nothing was tested) */
    double series_dispersion; /* the median window dispersion (variance /
                                 mean, at least 1) over the tested periods */
} evc_surge_summary;

/* Tests counts[0..n) in time order; a negative count marks a period without
 * coverage (no articles at all), which is neither tested nor part of any
 * baseline. Fills out[0..n) and *sum (may be NULL). params NULL: defaults.
 * EVC_ERR_ARG for parameters out of range, EVC_ERR_NOMEM. */
evc_status evc_surge_detect(const long *counts, size_t n,
                            const evc_surge_params *params,
                            evc_surge_point *out, evc_surge_summary *sum,
                            evc_error *err);

/* P(X >= x) for X negative binomial with mean `mean` > 0 and dispersion
 * (variance / mean) > 1; 1 for x <= 0. The test's tail, for callers that
 * show what a count would have scored. */
double evc_surge_tail(long x, double mean, double dispersion);

/* ---------------------------------------------------------------- the event store, read
 * Questions asked of an evcode SQLite store (the schema in the README):
 * count series, top dyads, totals, and the HTML report. Every value a
 * caller gives is bound as an SQL parameter, never pasted into SQL. */

/* Days since 1970-01-01 (proleptic Gregorian): the store's `day` column. */
int32_t evc_day_from_ymd(int y, int m, int d);
void evc_day_to_ymd(int32_t day, int *y, int *m, int *d); /* NULLs allowed */
/* Strict "YYYY-MM-DD", a real calendar date (years 1-9999); EVC_ERR_ARG
 * with a message quoting s otherwise. */
evc_status evc_day_parse(const char *s, int32_t *day, evc_error *err);
void evc_day_format(int32_t day, char buf[11]); /* "YYYY-MM-DD" */

typedef enum evc_period {
    EVC_PERIOD_DAY = 0,
    EVC_PERIOD_WEEK = 1,  /* ISO 8601: Monday to Sunday */
    EVC_PERIOD_MONTH = 2,
    EVC_PERIOD_YEAR = 3
} evc_period;

/* "day", "week", "month", "year"; EVC_ERR_ARG otherwise. */
evc_status evc_period_parse(const char *s, evc_period *out, evc_error *err);
const char *evc_period_name(evc_period p);
int32_t evc_period_start(evc_period p, int32_t day); /* first day of day's period */
int32_t evc_period_next(evc_period p, int32_t start); /* first day of the next */
/* "1987-03-02" (day), "1987-W10" (ISO week), "1987-03" (month), "1987" */
void evc_period_label(evc_period p, int32_t start, char *buf, size_t n);

/* A CAMEO root list: "18", "18,19,20", "18-20", "01,4,18-20" -> bit r set
 * for each root r (1..20). EVC_ERR_ARG naming the bad item otherwise. */
evc_status evc_roots_parse(const char *list, uint32_t *mask, evc_error *err);

/* Which events a question is about. Zeroed = all events. */
typedef struct evc_event_filter {
    uint32_t roots;               /* bit r: CAMEO root r (1..20); 0: all */
    uint32_t quads;               /* bit q: quad class q (1..4); 0: all */
    const char *const *countries; /* the event's country (ISO3) is one of */
    size_t ncountries;            /*   these; 0: any (and none) */
    const char *const *places;    /* the event's place name is one of */
    size_t nplaces;               /*   these; 0: any (and none) */
    int has_from, has_to;         /* bound the event's day, inclusive */
    int32_t from, to;
} evc_event_filter;

/* A store opened read-only. evc_eventdb_close(NULL) is a no-op. The path
 * (or an SQLite URI, "file:...") must name an existing evcode store
 * (EVC_ERR_IO if it cannot be opened, EVC_ERR_SYNTAX if it is not SQLite or
 * has no event table). One handle per thread. */
typedef struct evc_eventdb evc_eventdb;
evc_status evc_eventdb_open(const char *path, evc_eventdb **out,
                            evc_error *err);
void evc_eventdb_close(evc_eventdb *db);

/* What a series counts. */
typedef enum evc_series_key {
    EVC_SERIES_ALL = 0,          /* one series: every event */
    EVC_SERIES_ROOT = 1,         /* one per CAMEO root */
    EVC_SERIES_QUAD = 2,         /* one per quad class */
    EVC_SERIES_COUNTRY_ROOT = 3, /* one per (country, root); events
                                    without a country are left out */
    EVC_SERIES_PLACE_ROOT = 4    /* one per (place, root), for events with
                                    a place (geonameid) only */
} evc_series_key;

typedef struct evc_series {
    const char *country;  /* ISO3; NULL unless keyed by country or place */
    const char *place;    /* place name; NULL unless keyed by place */
    long long geonameid;  /* 0 unless keyed by place */
    int root;             /* 1..20; 0 unless keyed by root */
    int quad;             /* 1..4; 0 unless keyed by quad */
    long total;           /* events in the series */
    long *count;          /* [nperiods]: events per period; -1 where the
                             store has no event at all in the period (no
                             coverage: not a zero, a gap) */
} evc_series;

typedef struct evc_series_set {
    evc_period by;
    size_t nperiods;
    int32_t *start;       /* [nperiods]: the first day of each period */
    long *coverage;       /* [nperiods]: all events in the store in each
                             period, whatever the filter */
    size_t nseries;
    evc_series *series;   /* ordered by key */
    evc_arena *arena;     /* owns all of the above */
} evc_series_set;

/* Counts the events that pass f, by period and key. The periods run from
 * the period of f->from (or of the first such event) to that of f->to (or
 * of the last one), every period present. No matching event: nperiods and
 * nseries are 0. Free with evc_series_set_free (NULL is a no-op). */
evc_status evc_eventdb_series(evc_eventdb *db, const evc_event_filter *f,
                              evc_period by, evc_series_key key,
                              evc_series_set **out, evc_error *err);
void evc_series_set_free(evc_series_set *s);

/* The events that pass f, in figures. */
typedef struct evc_event_totals {
    long events, articles, countries;
    int32_t first_day, last_day; /* 0 when there is no event */
} evc_event_totals;
evc_status evc_eventdb_totals(evc_eventdb *db, const evc_event_filter *f,
                              evc_event_totals *out, evc_error *err);

/* The most frequent (source, target) actor pairs among the events that
 * pass f, with the latest event of each as an example. */
typedef struct evc_dyad {
    const char *source, *target; /* actor codes as stored */
    long count;
    const char *source_text, *target_text, *verb, *code, *date; /* example
                                    (NULL where the store has none) */
} evc_dyad;
typedef struct evc_dyad_list {
    size_t n;
    evc_dyad *dyad; /* most frequent first; ties by source, target */
    long distinct;  /* (source, target) pairs among all those events (0
                       when limit is 0) */
    evc_arena *arena;
} evc_dyad_list;
evc_status evc_eventdb_dyads(evc_eventdb *db, const evc_event_filter *f,
                             size_t limit, evc_dyad_list **out,
                             evc_error *err);
void evc_dyad_list_free(evc_dyad_list *l);

/* ---------------------------------------------------------------- the report */

typedef struct evc_report_opts {
    evc_event_filter filter;
    int by;                 /* an evc_period, or -1: chosen from the span
                               (day up to 90 days, week up to 3 years,
                               else month) */
    size_t top_dyads;       /* bars in the dyad chart (0: 15) */
    size_t top_roots;       /* roots drawn as their own line (0: 8) */
    size_t surge_charts;    /* series with surges drawn (0: 6) */
    evc_surge_params surge; /* the surge test's parameters */
    const char *title;      /* NULL: "evcode report" */
    const char *db_label;   /* shown under the title (the store's name) */
    const char *filter_label; /* and this: which events (may be NULL) */
} evc_report_opts;

void evc_report_opts_default(evc_report_opts *o);

/* Writes one self-contained HTML5 file: inline CSS and SVG, no script, no
 * external resource (a Content-Security-Policy forbids any), every string
 * from the store HTML-escaped. Charts: events over time by quad class
 * (stacked areas) and by root (lines), the top dyads (bars), and the
 * country-root series with surges, flagged periods marked; tables of
 * totals and of the surges with the numbers behind each. */
evc_status evc_report_write(evc_eventdb *db, const evc_report_opts *opts,
                            FILE *out, evc_error *err);
/* ---------------------------------------------------------------- store
 * An SQLite store of articles, their sentences and their coded events
 * (src/store/; the schema is in the README, "Store and queries"), and the
 * questions analysts ask of it: counts over time, dyads, actors, the events
 * with their sentences. One evc_store is used by one thread at a time;
 * several processes may read while one writes (WAL). */

/* A coded event as the store takes it: the event, where in its article it
 * was found, and when and where it happened. */
typedef struct evc_coded_event {
    evc_event ev;      /* actors, code, negated, issues; ev.verb and
                          ev.explain are not stored */
    int sentence;      /* index of its sentence in the article */
    int32_t date;      /* yyyymmdd when it happened; 0: the article's date */
    const char *verb;  /* the word coded, or NULL */
    const char *date_method; /* how the date was found, NULL: article date */
    const char *country; /* ISO 3166-1 alpha-3 of where it happened, or
                            NULL: the store takes the target's root, else
                            the source's, when it is a country code */
    /* where (NULL, 0 until geocoding): */
    const char *place_name, *feature_code, *admin1, *admin1_code, *loc_method;
    const char *admin1_geonames; /* GeoNames code of admin1 ("PK.03") */
    const char *loc_text;        /* the words that named the place */
    int place_kind;              /* an evc_place_kind */
    const char *place_gn_code;   /* GeoNames code of a division */
    const char *country2, *country_name; /* of the place's country */
    long geonameid;
    double lat, lon;   /* meaningful only when has_coords */
    int has_coords;
} evc_coded_event;

/* An article with its sentences and events. Strings belong to the caller. */
typedef struct evc_coded_article {
    const char *id;       /* the input's article id; required, non-empty */
    int32_t date;         /* yyyymmdd, 0 when unknown */
    const char *title, *source, *url; /* NULL when absent */
    const char *text;     /* the article's text (NULL is "") */
    const char *const *sentences; /* the sentences' texts in order (an
                                     entry may be NULL: no text known) */
    int nsentences;
    const evc_coded_event *events;
    int nevents;
    const char *hash;     /* NULL: evc_store_hash of the article; else the
                             caller's content hash (e.g. of input lines) */
} evc_coded_article;

#define EVC_STORE_HASH_SIZE 48 /* bytes of a hash, with its NUL */

/* The content hash of an article: its id, date, title, source, url and
 * text (not its sentences and events, which coding derives from those).
 * Writes a NUL-terminated hex string of at most EVC_STORE_HASH_SIZE bytes.
 * `parts` strings hashed in order (NULL and "" differ) give the same kind
 * of hash: evc_store_hash_parts. Not cryptographic: it detects change. */
void evc_store_hash(const evc_coded_article *a, char out[EVC_STORE_HASH_SIZE]);
void evc_store_hash_parts(const char *const *parts, const size_t *lens,
                          int n, char out[EVC_STORE_HASH_SIZE]);

typedef struct evc_store evc_store;

enum {
    EVC_STORE_READONLY = 1, /* open for queries: the file must be a store */
    EVC_STORE_BULK = 2      /* building a store that can be built again: no
                               fsync, a larger cache, and the event indexes
                               but event_article dropped until close, which
                               builds them again (as does any later open
                               that may write). A killed process loses
                               nothing committed; a power cut may corrupt
                               the file. */
};

/* The SQL that makes the store's tables, indexes and triggers (run by
 * evc_store_open; for tools and tests that build a store by hand, e.g. in
 * memory). Static. */
const char *evc_store_schema(void);

/* Opens (creating when absent, unless EVC_STORE_READONLY) the store at
 * path: WAL mode, foreign keys on, the schema created if missing. A file
 * that is not an SQLite database, or a database without evcode's meta
 * table, gives EVC_ERR_SYNTAX; a missing or unreadable file EVC_ERR_IO. */
evc_status evc_store_open(const char *path, int flags, evc_store **out,
                          evc_error *err);
/* Rolls back an open transaction and closes (after EVC_STORE_BULK, first
 * building the indexes again). NULL is a no-op. */
void evc_store_close(evc_store *s);

/* One transaction for many articles (ingest: one per batch). Without one,
 * each evc_store_put_article is a transaction of its own. */
evc_status evc_store_begin(evc_store *s, evc_error *err);
evc_status evc_store_commit(evc_store *s, evc_error *err);
evc_status evc_store_rollback(evc_store *s, evc_error *err);

enum {
    EVC_STORE_ADDED = 1,     /* a new article */
    EVC_STORE_UNCHANGED = 2, /* stored with the same hash: nothing written */
    EVC_STORE_REPLACED = 3,  /* stored with another hash: article updated,
                                its sentences and events replaced */
    EVC_STORE_APPENDED = 4   /* EVC_STORE_APPEND: added to the article */
};

enum {
    EVC_STORE_REPLACE = 1, /* replace even when the hash is the same */
    EVC_STORE_APPEND = 2   /* add the sentences (a stored index keeps its
                              text) and events to the stored article of
                              that id, its hash becoming the hash of the
                              old and the new hash; add when absent */
};

typedef struct evc_store_put {
    int action;  /* EVC_STORE_ADDED ... */
    int events;  /* events written */
    int dropped; /* events not written: a code without a CAMEO root */
} evc_store_put;

/* Stores one article, its sentences and its events (flags: 0 or
 * EVC_STORE_REPLACE or EVC_STORE_APPEND). Idempotent: an article stored
 * with the same hash is left as it is. Every event needs a date: its own,
 * else the article's (EVC_ERR_ARG otherwise, nothing written). Root, quad
 * class, Goldstein score and PLOVER type come from the CAMEO table. */
evc_status evc_store_put_article(evc_store *s, const evc_coded_article *a,
                                 int flags, evc_store_put *res,
                                 evc_error *err);

/* *same = 1 when an article with a's id is stored with a's hash (computed
 * as evc_store_put_article would), else 0. */
evc_status evc_store_has_article(evc_store *s, const evc_coded_article *a,
                                 int *same, evc_error *err);

/* Totals: articles, sentences, events stored. */
typedef struct evc_store_totals {
    long articles, sentences, events;
} evc_store_totals;
evc_status evc_store_totals_get(evc_store *s, evc_store_totals *out,
                                evc_error *err);

/* 1 when code is one of the country codes evcode's actors use (ISO 3166-1
 * alpha-3, KSV, TMP), else 0. evc_country_codes lists them, sorted. */
int evc_country_known(const char *code);
const char *evc_country_codes(size_t i); /* NULL past the end */

/* A question: filters set by name from their command-line form, all of
 * them ANDed, the values of one filter ORed. Fields and values:
 *   root     CAMEO root codes 1-20: "18,19,20" (or "18-20")
 *   code     CAMEO event codes: "190,1711" (each in the CAMEO table)
 *   quad     quad classes 1-4
 *   source   actor codes: three letters match the actor's root (PAK),
 *            longer codes the whole code (PAKGOV)
 *   target   the same for the target
 *   country  country codes (evc_country_known) where it happened
 *   place    place names or first-level divisions (case-insensitive)
 *   from, to YYYY-MM-DD, both days included
 *   match    an FTS5 query over the sentence text ("attack* NEAR kabul")
 * A bad field or value gives EVC_ERR_ARG with a message that names it. */
typedef struct evc_query evc_query;
evc_query *evc_query_new(void); /* NULL on OOM */
void evc_query_free(evc_query *q);
evc_status evc_query_set(evc_query *q, const char *field, const char *value,
                         evc_error *err);

/* Periods (evc_period, evc_period_parse) are declared with the surges
 * above. */

typedef struct evc_count_row {
    char period[16]; /* its label */
    int32_t start, end; /* yyyymmdd, first and last day */
    long count;
} evc_count_row;

/* Row callbacks return 0 to go on, anything else to stop (the query then
 * returns EVC_OK). Strings in a row are valid during the call only. */
typedef int (*evc_count_fn)(void *arg, const evc_count_row *r);

/* The number of events per period, in time order, every period from the
 * first to the last event's (or from `from` to `to` when set) with zeros
 * included. */
evc_status evc_store_counts(evc_store *s, const evc_query *q, evc_period by,
                            evc_count_fn fn, void *arg, evc_error *err);

typedef struct evc_pair_row {
    const char *source, *target; /* roots (dyads) or a code (actors:
                                    source is the actor, target NULL) */
    long count;        /* dyads: events; actors: as source + as target */
    long as_source, as_target; /* actors only */
} evc_pair_row;
typedef int (*evc_pair_fn)(void *arg, const evc_pair_row *r);

/* Where events happened, grouped by place: the `limit` (>= 1) places of
 * one level with the most events (most first, ties by name), as pair rows:
 * source the place's name (the country's ISO3 code for
 * EVC_PLACE_LEVEL_COUNTRY), target its country's code, count the events.
 * Events without a place at that level are left out. */
typedef enum evc_place_level {
    EVC_PLACE_LEVEL_COUNTRY = 0, /* the event's country (its place's, else
                                    the actors'; see the store's `country`) */
    EVC_PLACE_LEVEL_ADMIN1 = 1,  /* province or state */
    EVC_PLACE_LEVEL_CITY = 2     /* town or city (GeoNames cities500) */
} evc_place_level;
/* "country", "admin1", "city"; EVC_ERR_ARG otherwise. */
evc_status evc_place_level_parse(const char *s, evc_place_level *out,
                                 evc_error *err);
evc_status evc_store_places(evc_store *s, const evc_query *q,
                            evc_place_level level, int limit, evc_pair_fn fn,
                            void *arg, evc_error *err);

/* The `limit` (>= 1) most frequent source root -> target root pairs (both
 * known), most events first, ties by codes. */
evc_status evc_store_dyads(evc_store *s, const evc_query *q, int limit,
                           evc_pair_fn fn, void *arg, evc_error *err);
/* The `limit` most frequent actor codes (as source or target; "---" and
 * empty codes left out), most events first. */
evc_status evc_store_actors(evc_store *s, const evc_query *q, int limit,
                            evc_pair_fn fn, void *arg, evc_error *err);

/* One stored event with its article and sentence. */
typedef struct evc_event_row {
    long id;                /* the event's row id */
    const char *article_id; /* the article's id as given */
    const char *url, *news_source; /* the article's, or NULL */
    const char *text;       /* its sentence's text, or NULL */
    evc_coded_event ev;     /* date always set; ev.ev.issues "" if none */
    int root, quad;
    double goldstein;       /* meaningful only when has_goldstein */
    int has_goldstein;
    const char *plover;     /* PLOVER type, or NULL */
} evc_event_row;
typedef int (*evc_event_fn)(void *arg, const evc_event_row *r);

typedef enum evc_order {
    EVC_ORDER_INPUT, /* the order of ingest: article, then event */
    EVC_ORDER_DATE   /* by date, then as ingested */
} evc_order;

/* The events (at most `limit`; 0 for all) that match q. */
evc_status evc_store_events(evc_store *s, const evc_query *q, evc_order order,
                            long limit, evc_event_fn fn, void *arg,
                            evc_error *err);

/* Writes a stored event in one of the evc_event_write formats, as `evcode
 * code` wrote it (event_number: see evc_write_ctx). */
evc_status evc_event_row_write(FILE *out, evc_format fmt, long event_number,
                               const evc_event_row *r, evc_error *err);

/* A line of the JSON Lines that `evcode code` writes (DESIGN.md), read back:
 * the event and the sentence it came from. */
typedef struct evc_event_line {
    const char *article_id; /* never NULL or "" */
    const char *text;       /* the sentence, or NULL */
    evc_coded_event ev;     /* ev.sentence, ev.date (never 0), actors, code,
                               negated, issues, verb, antecedents */
    const char *raw;        /* the line as read (for hashing), NUL-ended */
    size_t raw_len;
    long line;              /* 1-based input line */
} evc_event_line;

typedef struct evc_event_reader evc_event_reader;
/* The reader does not own f. `name` labels errors ("stdin" for NULL, "",
 * "-"). */
evc_status evc_event_reader_open(FILE *f, const char *name,
                                 evc_event_reader **out, evc_error *err);
/* EVC_OK with *out filled (strings in a), EVC_END at the end, or an error
 * for this line naming file:line[:column] and what was wrong: invalid
 * UTF-8 or JSON, a missing or mistyped field, a date that is not
 * YYYY-MM-DD, a code that is not 2-4 digits under a CAMEO root (the
 * store's rule). Root, quad, goldstein and plover members are not read:
 * the store takes them from the code. After such an error the next call reads
 * the next line; EVC_ERR_IO and EVC_ERR_ARG are sticky. */
evc_status evc_event_reader_next(evc_event_reader *r, evc_arena *a,
                                 evc_event_line *out, evc_error *err);
void evc_event_reader_close(evc_event_reader *r); /* NULL is a no-op */
/* ---------------------------------------------------------------- places
 * The gazetteer: GeoNames populated places (cities500), first- and
 * second-order divisions, the countries of countries.json and the project's
 * aliases file, as one compact index built once and cached outside the
 * repository. Loaded once, immutable, shared by threads. */

typedef struct evc_gazetteer evc_gazetteer;

typedef enum evc_place_kind {
    EVC_PLACE_NONE = 0,
    EVC_PLACE_CITY = 1,    /* a populated place of cities500 */
    EVC_PLACE_ADMIN1 = 2,  /* a first-order division (province, state) */
    EVC_PLACE_ADMIN2 = 3,  /* a second-order division (district) */
    EVC_PLACE_COUNTRY = 4,
    EVC_PLACE_REGION = 5   /* a region of the aliases file (Donbas, FATA) */
} evc_place_kind;

/* A place. Strings point into the gazetteer and live as long as it; none is
 * NULL ("" when unknown). */
typedef struct evc_place {
    evc_place_kind kind;
    long geonameid;           /* GeoNames id of a city; 0 for the others
                                 (the data gives divisions and countries none) */
    const char *name;
    const char *feature_code; /* GeoNames feature code: PPL, PPLA, PPLC, ...
                                 for cities; ADM1, ADM2, PCLI (independent
                                 country), PCLD (other), RGN (region) */
    const char *gn_code;      /* GeoNames code of a division ("PK.03",
                                 "PK.03.1164211"), "" for the others */
    int has_coords;           /* 0: lat/lon unknown */
    double lat, lon;
    const char *admin1;       /* name of the first-order division it lies in
                                 (itself for an ADM1) */
    const char *admin1_iso;   /* its ISO 3166-2 code ("PK-KP") */
    const char *admin1_gn;    /* its GeoNames code ("PK.03") */
    const char *country;      /* ISO 3166-1 alpha-3 ("PAK") */
    const char *country2;     /* alpha-2 ("PK") */
    const char *country_name;
    long population;          /* a city's; a division's or country's is the
                                 sum over its cities500 places */
} evc_place;

/* Where the sources are. */
typedef struct evc_gazetteer_sources {
    const char *geonames;  /* folder: cities500.txt, admin1.json, admin2.json,
                              admin1_derived.tsv */
    const char *countries; /* countries.json (mledoze/countries) */
    const char *aliases;   /* the project's aliases file, or NULL */
} evc_gazetteer_sources;

/* How evc_gazetteer_open came by its index. */
typedef struct evc_gazetteer_report {
    int built;              /* 1: built from the sources in this call */
    int written;            /* 1: the cache file was (re)written */
    char why[256];          /* why it was built: "no cache file",
                               "sources changed", "corrupt: ..." */
    char cache_error[512];  /* why the cache could not be written, or "" */
    double seconds;         /* time spent opening */
} evc_gazetteer_report;

/* The default cache file: $EVCODE_GAZETTEER_CACHE, else
 * $XDG_CACHE_HOME/evcode/gazetteer.idx, else $HOME/.cache/evcode/
 * gazetteer.idx. Returns 0 (and "" in buf) when none can be named. */
int evc_gazetteer_default_cache(char *buf, size_t n);

/* Opens the gazetteer of `src` through the index file `cache` (NULL: no
 * cache file). A cache whose header names these very sources (paths, sizes,
 * modification times) and whose checksum and structure hold is mapped as it
 * is; otherwise (missing, stale or corrupt) the index is built from the
 * sources and written to `cache` through a temporary file and a rename, so
 * that concurrent runs never see half a file. A cache that cannot be
 * written is no error: the index stays in memory and rep->cache_error says
 * why. rep may be NULL. A source that is missing or malformed is an error
 * (file, line, column). */
evc_status evc_gazetteer_open(const evc_gazetteer_sources *src,
                              const char *cache, evc_gazetteer **out,
                              evc_gazetteer_report *rep, evc_error *err);

/* Builds the index of `src` and writes it to `cache`; failing to write is
 * an error here. */
evc_status evc_gazetteer_build(const evc_gazetteer_sources *src,
                               const char *cache, evc_error *err);

/* Loads an index file as it is, whatever its sources: a missing file is
 * EVC_ERR_IO; a truncated, corrupt (checksum) or foreign file is
 * EVC_ERR_SYNTAX saying what is wrong. */
evc_status evc_gazetteer_load(const char *path, evc_gazetteer **out,
                              evc_error *err);

void evc_gazetteer_free(evc_gazetteer *g); /* NULL is a no-op */

typedef struct evc_gazetteer_counts {
    size_t places, admin1, admin2, countries, regions, names, postings, bytes;
} evc_gazetteer_counts;
void evc_gazetteer_stats(const evc_gazetteer *g, evc_gazetteer_counts *out);

/* The places a name may stand for (countries' demonyms excluded), the most
 * likely first (by kind and population, no context); fills out[0..max) and
 * returns how many there are in all (may exceed max). */
int evc_gazetteer_lookup(const evc_gazetteer *g, const char *name,
                         evc_place *out, int max);

/* The country of an ISO 3166-1 alpha-3 or alpha-2 code: 1 and *out filled,
 * or 0. */
int evc_gazetteer_country(const evc_gazetteer *g, const char *iso,
                          evc_place *out);

/* A place mention of an article, found on the parse and resolved. */
typedef struct evc_place_mention {
    int sentence;      /* index of the sentence; -1 for the dateline */
    int first, last;   /* tokens (1-based, inclusive); 0 for the dateline */
    const char *text;  /* the words as written */
    const char *how;   /* "prep" (in/at/near/across/... X), "typed" (X
                          province, the X valley), "conj", "qualifier"
                          (Springfield, Illinois; Pakistan's Swat valley),
                          "dateline" */
    evc_place place;   /* the chosen place */
    double score;      /* its score; the margin over the next best is in
                          `margin` */
    double margin;
} evc_place_mention;

/* The place mentions of one article, resolved against each other. */
typedef struct evc_geo_doc evc_geo_doc;

/* Finds and resolves the place mentions of one article: ss[0..n) are its
 * parsed sentences (kept by the caller while the doc is used), `text` its
 * raw text (a dateline at its start, "MINGORA, Pakistan (Reuters) -", is
 * read from there; NULL: none), `dateline` a dateline given apart
 * ("SALVADOR, Feb 26", Reuters' field; NULL: none). Names are resolved by
 * the country context (the dateline, the article's other places, the
 * countries and nationalities it names), feature type and population.
 * Everything lives in arena a. */
evc_status evc_geo_doc_new(const evc_gazetteer *g, const evc_sentence *ss,
                           int n, const char *text, const char *dateline,
                           evc_arena *a, evc_geo_doc **out, evc_error *err);

/* The mentions, in text order (the dateline first); returns their number. */
int evc_geo_doc_mentions(const evc_geo_doc *d, const evc_place_mention **out);

/* Where an event happened. */
typedef struct evc_location {
    evc_place place;
    const char *text;   /* the mention's words, or the actor code's root */
    const char *method; /* "clause": a place in the verb's subtree;
                           "sentence": elsewhere in its sentence;
                           "dateline"; "actor": the country of the target,
                           else of the source */
} evc_location;

/* Places event e of sentence ss[sentence] (of evc_geo_doc_new): the place
 * in its own clause, else in its sentence, else the dateline, else its
 * target's or source's country; among candidates, the event's actors'
 * countries break ties. Returns 1 with *out filled, or 0. */
int evc_geo_locate(const evc_geo_doc *d, int sentence, const evc_event *e,
                   evc_location *out);

/* The "dateline" member of a JSON Lines article (carried in extra_json), as
 * a string in arena a, or NULL. */
const char *evc_article_dateline(const evc_article *art, evc_arena *a);

#ifdef __cplusplus
}
#endif
#endif
