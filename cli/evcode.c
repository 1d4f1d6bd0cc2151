/* evcode.c: the command line. Subcommands turn library errors into one clear
 * line on stderr and an exit status; they use only include/evcode.h.
 *   evcode code [options] [FILE...]      code events (-j N: N threads)
 *   evcode validate [options] FILE.xml   score PETRARCH validation records
 * (ingest, query and export: cli/store.c; places and gazetteer: cli/geo.c) */
#include "cli.h"
#include "geo.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <pthread.h>
#include <sys/resource.h>

static const char *prog = "evcode";

static void usage(FILE *f)
{
    fprintf(f,
            "usage: evcode <command> [options]\n"
            "\n"
            "commands:\n"
            "  code [--dicts DIR] [--no-overlay] [--model FILE] [--reparse]\n"
            "       [--format jsonl|tsv|phoenix|gdelt] [--one-a-day] [--date YYYY-MM-DD]\n"
            "       [--input-format xml|conllu|jsonl|text] [--explain] [--keep-negated]\n"
            "       [--no-coref] [-j N|auto] [--quiet] [--stats] [--no-geo] [--beam K]\n"
            "       [FILE...]\n"
            "        code events from articles (JSON Lines, text: parsed by the model)\n"
            "        or parsed sentences (CoNLL-U, PETRARCH XML with <Parse>); FILE '-'\n"
            "        or none reads stdin; -j N codes with N threads, output in input\n"
            "        order; --quiet turns off the progress line; --no-coref leaves\n"
            "        pronouns and capitals (\"it\", \"Kabul\") as they are; --stats\n"
            "        ends with a line of counts, rates and peak memory on stderr;\n"
            "        each event gets a \"location\" (places below) unless --no-geo;\n"
            "        --beam K: the parser's paths for articles (parse, below)\n"
            "  validate [--dicts DIR | --dict-dir DIR] [--reparse [--model FILE]]\n"
            "           [--floor N] [--quiet] [--explain] FILE.xml\n"
            "        code PETRARCH validation records from their parses (or, with\n"
            "        --reparse, their text), compare with the gold codings, print\n"
            "        failures and 'N passed, M failed'\n"
            "  parse [--model FILE] [--input-format text|conllu] [--exact]\n"
            "        [--beam K] [FILE...]\n"
            "        raw text (or CoNLL-U tokens) -> CoNLL-U with evcode's own\n"
            "        segmentation, tagging and parsing; --exact scores every\n"
            "        parser move and tagger token with all their features (slower;\n"
            "        by default a parser move far ahead on the features without\n"
            "        words, and a first-pass tag far ahead, are taken early);\n"
            "        --beam K keeps the K best paths of parser moves (1-16,\n"
            "        default 2; 1 is greedy: faster, about 0.5 UAS lower)\n"
            "  train --train A.conllu[,B.conllu...] [--dev D.conllu] -o MODEL\n"
            "        [--seed N] [--tag-epochs N] [--parse-epochs N] [--parse-runs N]\n"
            "        [--classes-text FILE[,FILE...]] [--classes K]\n"
            "        word classes (K, default 256) learned from unlabeled text\n"
            "        (.jsonl articles, .conllu, plain text) become features\n"
            "  eval-parse [--model FILE] [--exact] [--beam K] GOLD.conllu\n"
            "        UPOS, XPOS, lemma, UAS, LAS on gold tokens; token and sentence\n"
            "        F1 on the raw text; tokens/s\n"
            "  surge --db FILE.db [--by day|week|month] [--root 18,19,20]\n"
            "        [--country PAK] [--from D] [--to D] [--window K] [--alpha A]\n"
            "        [--format table|csv|json]\n"
            "        periods with improbably many events against each series'\n"
            "        own recent past (see evcode surge --help)\n"
            "  report --db FILE.db -o report.html [--by ...] [filters]\n"
            "        one self-contained HTML file of charts and tables\n"
            "  places [--model FILE] [FILE...]\n"
            "        the place mentions of articles and where each is, one TSV line\n"
            "  gazetteer build|info|check|lookup\n"
            "        build, describe, check the gazetteer index, or look names up\n"
            "  version\n"
            "\n"
            "Without --dicts, code uses DATA/dictionaries/evcode, else $EVCODE_DICTS,\n"
            "else ../shared/data/dictionaries/phoenix; DATA/dictionaries/overlay goes\n"
            "first unless --no-overlay. DATA is $EVCODE_DATA, else the data folder\n"
            "beside the executable. The model: --model, $EVCODE_MODEL, DATA/evcode.model.\n"
            "%s", cli_geo_usage);
    store_usage(f);
}

static void die_err(const evc_error *e)
{
    char buf[700];
    evc_error_format(e, buf, sizeof buf);
    fprintf(stderr, "%s: %s\n", prog, buf);
}

void cli_die_err(const evc_error *e) { die_err(e); }

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The project's data folder: $EVCODE_DATA, else `data` beside the executable
 * (./evcode sits at the top of the repository), else the compile-time
 * EVCODE_DATADIR. NULL when none is there. */
static const char *data_dir(void)
{
    static char buf[4096];
    static int done;
    if (done)
        return buf[0] ? buf : NULL;
    done = 1;
    const char *env = getenv("EVCODE_DATA");
    if (env && *env) {
        snprintf(buf, sizeof buf, "%s", env);
        return buf;
    }
    char exe[4000];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            snprintf(buf, sizeof buf, "%s/data", exe);
            if (is_dir(buf))
                return buf;
        }
    }
#ifdef EVCODE_DATADIR
    if (is_dir(EVCODE_DATADIR)) {
        snprintf(buf, sizeof buf, "%s", EVCODE_DATADIR);
        return buf;
    }
#endif
    buf[0] = 0;
    return NULL;
}

/* DATA/sub in static buffer number `slot` (0-2), or NULL without a data
 * folder. */
static const char *data_path(const char *sub, int slot)
{
    static char bufs[3][4200];
    const char *dd = data_dir();
    if (!dd)
        return NULL;
    snprintf(bufs[slot], sizeof bufs[slot], "%s/%s", dd, sub);
    return bufs[slot];
}

/* yyyy-mm-dd or yyyymmdd -> yyyymmdd; 0 on error */
static int32_t parse_date(const char *s)
{
    int y, m, d;
    char extra;
    if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) == 3 ||
        (strlen(s) == 8 && sscanf(s, "%4d%2d%2d%c", &y, &m, &d, &extra) == 3))
        if (y > 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31)
            return y * 10000 + m * 100 + d;
    return 0;
}

static int ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcasecmp(s + a - b, suf) == 0;
}

/* ------------------------------------------------------------ code
 *
 * `evcode code` reads its input in the main thread as items (an article, a
 * PETRARCH record, a CoNLL-U sentence) gathered in batches, hands the batches
 * to N worker threads that analyze and code the items, and writes each
 * item's output in input order, so -j N gives the bytes of -j 1. An item
 * keeps its input in its own arena and its lines and its messages (a skipped
 * record, a bad line) in its own buffers; both are written when the item's
 * turn comes. At most nbatch batches are in flight, each of at most
 * BATCH_ITEMS items and about BATCH_BYTES of input, so memory is bounded
 * whatever the size of the input. With -j 1 the main thread codes each batch
 * itself, with the same functions. */

#define BATCH_ITEMS 64
#define BATCH_BYTES ((size_t)4 << 20)

enum item_kind {
    IT_SENTENCE, /* a CoNLL-U sentence */
    IT_RECORD,   /* a PETRARCH XML <Sentence> or <Article> */
    IT_ARTICLE,  /* a raw article (JSON Lines, text), analyzed by the model */
    IT_MESSAGE,  /* only a message (a reader's error) */
    IT_FILE_END  /* an input file ended: its last story is complete */
};

/* One coded event kept for the one-a-day filter, its strings copied into
 * the arena that holds it. */
typedef struct held {
    struct held *next;
    evc_event e;
    evc_sentence s;    /* id, text, date; tok only up to the coded verb */
    evc_write_ctx ctx; /* article id, sentence index, url, source */
    const char *id;    /* the sentence id the event comes from */
} held;

typedef struct item {
    evc_arena *arena; /* the input; owned, reset when the slot is reused */
    int kind;
    const char *file;
    int index;        /* CoNLL-U: the sentence's index in its file */
    evc_sentence sent;
    evc_record rec;
    evc_article art;
    /* results, filled by the worker */
    char *out;        /* lines (malloc'd by open_memstream), or NULL */
    size_t outlen;
    char *msg;        /* lines for stderr, or NULL */
    size_t msglen, msgcap;
    held *held, **held_tail; /* --one-a-day or a sink: the events, in the
                                item arena */
    const char **sents;       /* a sink: the sentences' texts, item arena */
    int nsents;
    int skipped, fatal, story_discard;
    long sentences, events;
} item;

typedef struct batch {
    item it[BATCH_ITEMS];
    int n, claimed, done;
    size_t bytes;
} batch;

struct pipeline;

/* A worker codes one item at a time with its own scratch arena, reset per
 * item (analysis, parse, coding). Anything an article's coding needs to
 * carry from sentence to sentence belongs in code_article. */
typedef struct worker {
    struct pipeline *p;
    evc_arena *scratch;
    evc_coref *coref; /* the article's earlier actors (reset per article) */
    pthread_t thread;
} worker;

/* One record of the one-a-day filter and the sentence ids it stands for. */
typedef struct oad_rec {
    held *h;
    const char *key;  /* date|source|target|code, in the filter's arena */
    const char **ids; /* malloc'd; strings in the filter's arena */
    int nids, cap;
} oad_rec;

typedef struct pipeline {
    /* options; read-only while workers run */
    const evc_dicts *d;
    const evc_model *model;
    const evc_gazetteer *gaz; /* NULL: no locations */
    evc_code_opts opts;
    evc_format fmt;
    int32_t date;
    int one_a_day, reparse, progress, no_coref, stats;
    const cli_sink *sink; /* articles go there instead of stdout, or NULL */
    /* the batches: [head, tail) are with the workers, ring[tail % nbatch] is
     * being filled by the reader */
    int nworkers;
    worker *workers; /* nworkers of them, or one used inline for -j 1 */
    batch *ring;
    unsigned nbatch, head, tail;
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    int quit;
    /* the writer (main thread) */
    int stop, rc;
    long skipped, items, sentences, events, event_number;
    /* the current PETRARCH story: its output waits here, so that a story
     * discard found in a later sentence drops the whole story */
    FILE *story;
    char *story_buf;
    size_t story_len;
    char story_id[256];
    int story_discarded;
    evc_arena *story_arena;
    held *story_held, **story_tail;
    /* --one-a-day: records of the current date, in order of first sight */
    evc_arena *oad_arena;
    oad_rec *oad;
    size_t noad, cap_oad;
    uint32_t *oad_slots; /* open addressing: index + 1, 0 = empty */
    size_t oad_nslots;
    int32_t oad_date;
    int oad_have_date, oad_unsorted;
    /* progress */
    struct timespec t0, last;
    int progress_shown;
} pipeline;

static double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void progress_clear(pipeline *p)
{
    if (p->progress_shown) {
        fputs("\r\033[K", stderr);
        p->progress_shown = 0;
    }
}

/* At most four times a second: "N articles, S sentences/s, E events". */
static void progress_update(pipeline *p)
{
    if (!p->progress || seconds_since(&p->last) < 0.25)
        return;
    clock_gettime(CLOCK_MONOTONIC, &p->last);
    double el = seconds_since(&p->t0);
    fprintf(stderr, "\r\033[K%ld articles, %.0f sentences/s, %ld events", p->items,
            el > 0 ? (double)p->sentences / el : 0.0, p->events);
    p->progress_shown = 1;
}

/* --stats: one line at the end, for benchmarks and logs. */
static void print_stats(const pipeline *p)
{
    double el = seconds_since(&p->t0);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    if (el <= 0)
        el = 1e-9;
    fprintf(stderr,
            "%s: %ld items, %ld sentences, %ld events in %.2f s with %d "
            "thread%s: %.0f items/s, %.0f sentences/s, %.0f events/s; peak "
            "RSS %ld MB\n",
            prog, p->items, p->sentences, p->events, el,
            p->nworkers ? p->nworkers : 1, p->nworkers > 1 ? "s" : "",
            (double)p->items / el, (double)p->sentences / el,
            (double)p->events / el, ru.ru_maxrss / 1024);
}

/* ---------------------------------------------------------------- items */

static void item_printf(item *it, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void item_printf(item *it, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (k < 0)
        return;
    if (it->msglen + (size_t)k + 1 > it->msgcap) {
        size_t nc = (it->msglen + (size_t)k + 1) * 2;
        char *nb = realloc(it->msg, nc);
        if (!nb)
            return;
        it->msg = nb;
        it->msgcap = nc;
    }
    va_start(ap, fmt);
    vsnprintf(it->msg + it->msglen, (size_t)k + 1, fmt, ap);
    va_end(ap);
    it->msglen += (size_t)k;
}

/* The line die_err prints, kept for the item's turn. */
static void item_err(item *it, const evc_error *e)
{
    char buf[700];
    evc_error_format(e, buf, sizeof buf);
    item_printf(it, "%s: %s\n", prog, buf);
}

static const char *dup_or_null(evc_arena *a, const char *s)
{
    return s ? evc_arena_strdup(a, s) : NULL;
}

static void copy_actor(evc_arena *a, evc_actor *dst, const evc_actor *src)
{
    *dst = *src;
    dst->code = dup_or_null(a, src->code);
    dst->root = dup_or_null(a, src->root);
    dst->agent = dup_or_null(a, src->agent);
    dst->text = dup_or_null(a, src->text);
    dst->antecedent = dup_or_null(a, src->antecedent);
}

/* A copy of what writing the event needs, in arena a; NULL when out of
 * memory. */
static held *held_new(evc_arena *a, const evc_sentence *s, const evc_event *e,
                      const evc_write_ctx *ctx, const char *id)
{
    held *h = evc_arena_alloc(a, sizeof *h);
    if (!h)
        return NULL;
    memset(h, 0, sizeof *h);
    h->e = *e;
    copy_actor(a, &h->e.source, &e->source);
    copy_actor(a, &h->e.target, &e->target);
    h->e.code = dup_or_null(a, e->code);
    h->e.issues = dup_or_null(a, e->issues);
    h->e.explain = dup_or_null(a, e->explain);
    h->s.id = dup_or_null(a, s->id);
    h->s.text = dup_or_null(a, s->text);
    h->s.date = s->date;
    if (s->tok && e->verb >= 1 && e->verb <= s->ntok) {
        h->s.tok = evc_arena_alloc(a, (size_t)(e->verb + 1) * sizeof *h->s.tok);
        if (!h->s.tok)
            return NULL;
        memset(h->s.tok, 0, (size_t)(e->verb + 1) * sizeof *h->s.tok);
        h->s.tok[e->verb].form = dup_or_null(a, s->tok[e->verb].form);
        h->s.ntok = e->verb;
    }
    h->ctx = *ctx;
    h->ctx.article_id = dup_or_null(a, ctx->article_id);
    h->ctx.url = dup_or_null(a, ctx->url);
    h->ctx.news_source = dup_or_null(a, ctx->news_source);
    h->ctx.ids = NULL;
    h->ctx.nids = 0;
    if (ctx->location) { /* its place lives in the gazetteer */
        evc_location *l = evc_arena_alloc(a, sizeof *l);
        if (!l)
            return NULL;
        *l = *ctx->location;
        l->text = dup_or_null(a, ctx->location->text);
        h->ctx.location = l;
    }
    h->id = dup_or_null(a, id);
    return h;
}

/* The sentence id an event stands for (one-a-day ids, Phoenix SentenceID):
 * a record's or CoNLL-U sentence's own id, an article's "id-index". */
static const char *sentence_id(evc_arena *a, const item *it,
                               const evc_sentence *s, const evc_write_ctx *ctx)
{
    char buf[320];
    if (it->kind == IT_ARTICLE) {
        snprintf(buf, sizeof buf, "%s-%d", ctx->article_id ? ctx->article_id : "",
                 ctx->sentence_index);
        return evc_arena_strdup(a, buf);
    }
    if (s->id)
        return s->id;
    snprintf(buf, sizeof buf, "%d", ctx->sentence_index);
    return evc_arena_strdup(a, buf);
}

/* Codes the sentences ss[0..n) of one article (or record, or CoNLL-U
 * sentence) in order, writing their events to the item's buffer (or keeping
 * them for the one-a-day filter). The one place where an article is coded:
 * what carries over from one sentence to the next goes here. */
static void code_article(worker *w, item *it, evc_sentence *ss, int n,
                         const evc_write_ctx *base)
{
    const struct pipeline *p = w->p;
    FILE *out = NULL;
    int hold = p->one_a_day || p->sink;
    if (p->sink && n > 0) {
        it->sents = evc_arena_alloc(it->arena, (size_t)n * sizeof *it->sents);
        if (!it->sents) {
            item_printf(it, "%s: out of memory\n", prog);
            it->fatal = 1;
            return;
        }
        it->nsents = n;
    }
    if (!hold) {
        out = open_memstream(&it->out, &it->outlen);
        if (!out) {
            item_printf(it, "%s: out of memory\n", prog);
            it->fatal = 1;
            return;
        }
    }
    /* pronouns and metonyms resolve within an article; records and CoNLL-U
     * sentences are coded each on its own */
    evc_coref *coref = it->kind == IT_ARTICLE && !p->no_coref ? w->coref : NULL;
    evc_coref_reset(coref);
    /* the article's places, resolved together (an item without the memory
     * for them gets no locations) */
    evc_geo_doc *geo = NULL;
    if (p->gaz) {
        const evc_article *art = it->kind == IT_ARTICLE ? &it->art : NULL;
        evc_error gerr = {0};
        if (evc_geo_doc_new(p->gaz, ss, n, art ? art->text : NULL,
                            evc_article_dateline(art, w->scratch), w->scratch,
                            &geo, &gerr))
            geo = NULL;
    }
    for (int k = 0; k < n && !it->fatal; k++) {
        evc_sentence *s = &ss[k];
        if (p->date)
            s->date = p->date;
        evc_events ev;
        evc_error err = {0};
        if (evc_code_sentence_ctx(p->d, s, &p->opts, coref, w->scratch, &ev, &err)) {
            item_err(it, &err);
            it->fatal = 1;
            break;
        }
        it->sentences++;
        if (p->sink && !(it->sents[k] = dup_or_null(it->arena, s->text ? s->text : ""))) {
            item_printf(it, "%s: out of memory\n", prog);
            it->fatal = 1;
            break;
        }
        if (ev.discarded == 2)
            it->story_discard = 1;
        evc_write_ctx ctx = *base;
        ctx.sentence_index = base->sentence_index + k;
        const char *sid = NULL;
        if (ev.n && (p->one_a_day || p->fmt == EVC_FORMAT_PHOENIX))
            sid = sentence_id(w->scratch, it, s, &ctx);
        if (p->fmt == EVC_FORMAT_PHOENIX && sid) {
            ctx.ids = &sid;
            ctx.nids = 1;
        }
        for (int i = 0; i < ev.n; i++) {
            /* each event its own date, from the expression that governs
             * its verb ("on Thursday", "last week"), else the article's */
            evc_date_res dr;
            if (evc_event_date_resolve(s, ev.ev[i].verb, s->date, &dr) == EVC_OK) {
                ev.ev[i].date = dr.date;
                ev.ev[i].date_method = dr.method;
            }
            evc_location loc;
            ctx.geo = p->gaz != NULL;
            ctx.location = geo && evc_geo_locate(geo, k, &ev.ev[i], &loc) ? &loc : NULL;
            if (hold) {
                held *h = held_new(it->arena, s, &ev.ev[i], &ctx, sid);
                if (!h) {
                    item_printf(it, "%s: out of memory\n", prog);
                    it->fatal = 1;
                    break;
                }
                *it->held_tail = h;
                it->held_tail = &h->next;
            } else if (evc_event_write_ctx(out, p->fmt, &ctx, s, &ev.ev[i], &err)) {
                item_err(it, &err);
                it->fatal = 1;
                break;
            }
            it->events++;
        }
    }
    if (out && fclose(out) != 0 && !it->fatal) {
        item_printf(it, "%s: writing events: %s\n", prog, strerror(errno));
        it->fatal = 1;
    }
    /* an article is a story of its own: a story discard drops all of it */
    if (it->kind == IT_ARTICLE && it->story_discard) {
        it->outlen = 0;
        it->held = NULL;
        it->held_tail = &it->held;
    }
}

/* A record's text as one sentence, tagged and parsed by the model: the
 * segmenter's sentences are joined and parsed again as one tree, because a
 * PETRARCH record is one sentence with one parse, and its gold codings take
 * actors and verbs from all of it (coding the pieces apart would lose a
 * source in one piece for a verb in another). */
static evc_status reparse_text(const evc_model *m, const char *text,
                               evc_arena *a, evc_sentence *out, evc_error *err)
{
    evc_sentence *ss;
    int n;
    size_t len = text ? strlen(text) : 0;
    evc_status st = evc_model_analyze(m, text ? text : "", len, a, &ss, &n, err);
    if (st)
        return st;
    memset(out, 0, sizeof *out);
    out->text = text;
    if (n == 1) {
        *out = ss[0];
        out->text = text;
        return EVC_OK;
    }
    int total = 0;
    for (int k = 0; k < n; k++)
        total += ss[k].ntok;
    out->tok = evc_arena_alloc(a, (size_t)(total + 1) * sizeof *out->tok);
    if (!out->tok)
        return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
    memset(out->tok, 0, (size_t)(total + 1) * sizeof *out->tok);
    int at = 1;
    for (int k = 0; k < n; k++)
        for (int i = 1; i <= ss[k].ntok; i++) {
            evc_token *t = &out->tok[at++];
            t->form = ss[k].tok[i].form;
            t->off = ss[k].tok[i].off;
            t->len = ss[k].tok[i].len;
        }
    out->ntok = total;
    if (total == 0)
        return EVC_OK;
    return evc_model_annotate(m, out, a, err);
}

/* Prepares one item's sentences and codes them (in a worker thread). */
static void code_item(worker *w, item *it)
{
    const struct pipeline *p = w->p;
    evc_arena_reset(w->scratch);
    evc_error err = {0};
    evc_write_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.event_number = -1; /* numbered by the writer, in output order */
    evc_sentence *ss = NULL, one;
    int n = 0;
    switch (it->kind) {
    case IT_SENTENCE:
        if (p->reparse && evc_model_annotate(p->model, &it->sent, w->scratch, &err)) {
            item_err(it, &err);
            it->skipped = 1;
            return;
        }
        ss = &it->sent;
        n = 1;
        ctx.article_id = it->sent.id;
        ctx.sentence_index = it->index;
        break;
    case IT_RECORD: {
        evc_record *r = &it->rec;
        if (p->reparse) {
            if (reparse_text(p->model, r->text, w->scratch, &one, &err)) {
                item_printf(it, "%s: %s:%ld: record %s: ", prog, it->file, r->line,
                            r->id ? r->id : "?");
                item_err(it, &err);
                it->skipped = 1;
                return;
            }
        } else if (!r->parse) {
            item_printf(it, "%s: %s:%ld: record %s has no <Parse>; skipped "
                            "(--reparse parses its text)\n",
                        prog, it->file, r->line, r->id ? r->id : "?");
            it->skipped = 1;
            return;
        } else if (evc_conllu_parse(r->parse, strlen(r->parse), w->scratch, &one,
                                    it->file, r->parse_line, &err)) {
            item_err(it, &err);
            it->skipped = 1;
            return;
        }
        one.id = r->id;
        one.text = r->text;
        one.date = r->date;
        ss = &one;
        n = 1;
        ctx.article_id = r->id;
        ctx.news_source = r->source;
        break;
    }
    case IT_ARTICLE: {
        evc_article *a = &it->art;
        if (evc_model_analyze(p->model, a->text, a->text_len, w->scratch, &ss, &n,
                              &err)) {
            item_printf(it, "%s: %s:%ld: article %s: ", prog, it->file, a->line, a->id);
            item_err(it, &err);
            it->skipped = 1;
            return;
        }
        for (int k = 0; k < n; k++) {
            ss[k].id = a->id;
            ss[k].date = a->date;
        }
        ctx.article_id = a->id;
        ctx.url = a->url;
        ctx.news_source = a->source;
        break;
    }
    default:
        return;
    }
    code_article(w, it, ss, n, &ctx);
}

/* ---------------------------------------------------------------- writing */

/* Writes lines to stdout; Phoenix and GDELT lines come without their first
 * column (the running number), which is written here, in output order. */
static void emit(pipeline *p, const char *buf, size_t len)
{
    if (!len || p->stop)
        return;
    int numbered = p->fmt == EVC_FORMAT_PHOENIX || p->fmt == EVC_FORMAT_GDELT;
    if (!numbered) {
        if (fwrite(buf, 1, len, stdout) != len)
            p->rc = 2, p->stop = 1;
        return;
    }
    for (const char *q = buf, *end = buf + len; q < end;) {
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        size_t k = nl ? (size_t)(nl - q) + 1 : (size_t)(end - q);
        if (printf("%ld", ++p->event_number) < 0 || fwrite(q, 1, k, stdout) != k) {
            p->rc = 2, p->stop = 1;
            return;
        }
        q += k;
    }
}

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* The filter's key: date, source, target, code. */
static char *oad_key(evc_arena *a, const held *h)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%ld|%s|%s|%s", (long)(h->e.date ? h->e.date : h->s.date),
             h->e.source.code ? h->e.source.code : "",
             h->e.target.code ? h->e.target.code : "", h->e.code ? h->e.code : "");
    return evc_arena_strdup(a, buf);
}

/* Writes the records held so far, in order of first sight, and forgets them. */
static void oad_flush(pipeline *p)
{
    for (size_t i = 0; i < p->noad; i++) {
        oad_rec *r = &p->oad[i];
        evc_write_ctx ctx = r->h->ctx;
        ctx.ids = r->ids;
        ctx.nids = r->nids;
        ctx.event_number = ++p->event_number;
        evc_error err = {0};
        if (!p->stop && evc_event_write_ctx(stdout, p->fmt, &ctx, &r->h->s, &r->h->e, &err)) {
            die_err(&err);
            p->rc = 2;
            p->stop = 1;
        }
        free(r->ids);
    }
    p->noad = 0;
    if (p->oad_slots)
        memset(p->oad_slots, 0, p->oad_nslots * sizeof *p->oad_slots);
    evc_arena_reset(p->oad_arena);
}

/* The one-a-day filter (Phoenix's oneaday_formatter): one record per
 * (date, source, target, code), at the place of its first occurrence,
 * listing the ids of all. Records wait until the date changes: input in date
 * order holds one day's records at a time. A date earlier than the one
 * before means the input is not in date order: from then on everything is
 * held until the end (and days already written cannot take later ids). */
static void oad_add(pipeline *p, const held *h)
{
    if (p->oad_have_date && !p->oad_unsorted && h->s.date != p->oad_date) {
        if (h->s.date > p->oad_date) {
            oad_flush(p);
        } else {
            p->oad_unsorted = 1;
            progress_clear(p);
            fprintf(stderr, "%s: --one-a-day: input is not in date order (%s); "
                            "holding all events until the end\n",
                    prog, h->id ? h->id : "?");
        }
    }
    p->oad_date = h->s.date;
    p->oad_have_date = 1;
    if (!p->oad_arena)
        p->oad_arena = evc_arena_new(0);
    char *key = p->oad_arena ? oad_key(p->oad_arena, h) : NULL;
    if (!key)
        goto oom;
    if (2 * (p->noad + 1) > p->oad_nslots) {
        size_t ns = p->oad_nslots ? p->oad_nslots * 2 : 1024;
        uint32_t *sl = calloc(ns, sizeof *sl);
        if (!sl)
            goto oom;
        for (size_t i = 0; i < p->noad; i++) {
            size_t j = hash_str(p->oad[i].key) & (ns - 1);
            while (sl[j])
                j = (j + 1) & (ns - 1);
            sl[j] = (uint32_t)i + 1;
        }
        free(p->oad_slots);
        p->oad_slots = sl;
        p->oad_nslots = ns;
    }
    size_t j = hash_str(key) & (p->oad_nslots - 1);
    oad_rec *r = NULL;
    for (; p->oad_slots[j]; j = (j + 1) & (p->oad_nslots - 1)) {
        oad_rec *x = &p->oad[p->oad_slots[j] - 1];
        if (strcmp(x->key, key) == 0) {
            r = x;
            break;
        }
    }
    if (!r) {
        if (p->noad == p->cap_oad) {
            size_t nc = p->cap_oad ? p->cap_oad * 2 : 256;
            oad_rec *nv = realloc(p->oad, nc * sizeof *nv);
            if (!nv)
                goto oom;
            p->oad = nv;
            p->cap_oad = nc;
        }
        r = &p->oad[p->noad];
        memset(r, 0, sizeof *r);
        r->key = key;
        r->h = held_new(p->oad_arena, &h->s, &h->e, &h->ctx, h->id);
        if (!r->h)
            goto oom;
        p->oad_slots[j] = (uint32_t)++p->noad;
    }
    if (r->nids == r->cap) {
        int nc = r->cap ? r->cap * 2 : 2;
        const char **nv = realloc(r->ids, (size_t)nc * sizeof *nv);
        if (!nv)
            goto oom;
        r->ids = nv;
        r->cap = nc;
    }
    const char *id = r->nids == 0 ? r->h->id : dup_or_null(p->oad_arena, h->id);
    r->ids[r->nids++] = id;
    return;
oom:
    fprintf(stderr, "%s: out of memory\n", prog);
    p->rc = 2;
    p->stop = 1;
}

static void emit_held(pipeline *p, const held *h)
{
    for (; h && !p->stop; h = h->next)
        oad_add(p, h);
}

/* Writes out (or, after a story discard, drops) the buffered story. */
static void story_flush(pipeline *p)
{
    if (!p->story)
        return;
    int failed = fclose(p->story) != 0;
    p->story = NULL;
    if (failed) {
        p->rc = 2;
        p->stop = 1;
    } else if (!p->story_discarded) {
        emit(p, p->story_buf, p->story_len);
        emit_held(p, p->story_held);
    }
    free(p->story_buf);
    p->story_buf = NULL;
    p->story_len = 0;
    p->story_discarded = 0;
    p->story_held = NULL;
    p->story_tail = &p->story_held;
    evc_arena_reset(p->story_arena);
}

/* Starts buffering the story `id` (a <Sentence> id up to its last '-' or
 * '_'; an <Article> is a story of its own) unless it is the current one. */
static void story_begin(pipeline *p, const char *id, int is_article)
{
    char key[256];
    snprintf(key, sizeof key, "%s", id ? id : "");
    char *cut = strrchr(key, '-');
    if (!cut)
        cut = strrchr(key, '_');
    if (cut && !is_article)
        *cut = 0;
    if (p->story && !is_article && strcmp(key, p->story_id) == 0)
        return;
    story_flush(p);
    snprintf(p->story_id, sizeof p->story_id, "%s", key);
    p->story = open_memstream(&p->story_buf, &p->story_len);
    if (!p->story) {
        p->rc = 2;
        p->stop = 1;
    }
}

static void story_add(pipeline *p, const item *it)
{
    if (!p->story)
        return;
    if (it->outlen && fwrite(it->out, 1, it->outlen, p->story) != it->outlen) {
        p->rc = 2;
        p->stop = 1;
    }
    if (it->story_discard)
        p->story_discarded = 1;
    for (const held *h = it->held; h; h = h->next) {
        held *c = held_new(p->story_arena, &h->s, &h->e, &h->ctx, h->id);
        if (!c) {
            p->rc = 2;
            p->stop = 1;
            return;
        }
        *p->story_tail = c;
        p->story_tail = &c->next;
    }
}

/* Hands a coded article to the sink: its sentences and held events. */
static void sink_item(pipeline *p, item *it)
{
    int n = 0, i = 0;
    for (const held *h = it->held; h; h = h->next)
        n++;
    evc_coded_event *evs = n ? evc_arena_alloc(it->arena, (size_t)n * sizeof *evs) : NULL;
    evc_error err = {0};
    if (n && !evs) {
        evc_error_set(&err, EVC_ERR_NOMEM, it->file, it->art.line, 0, "out of memory");
        goto fatal;
    }
    for (const held *h = it->held; h; h = h->next, i++) {
        memset(&evs[i], 0, sizeof evs[i]);
        evs[i].ev = h->e;
        evs[i].sentence = h->ctx.sentence_index;
        /* the event's own date (evc_event_date_resolve), else the
         * sentence's */
        evs[i].date = h->e.date ? h->e.date : h->s.date;
        evs[i].date_method = h->e.date_method;
        const evc_location *l = h->ctx.location;
        if (l) {
            const evc_place *pl = &l->place;
            evs[i].place_name = pl->name;
            evs[i].geonameid = pl->geonameid;
            evs[i].feature_code = pl->feature_code;
            evs[i].has_coords = pl->has_coords;
            evs[i].lat = pl->lat;
            evs[i].lon = pl->lon;
            evs[i].admin1 = pl->admin1;
            evs[i].admin1_code = pl->admin1_iso;
            evs[i].admin1_geonames = pl->admin1_gn;
            evs[i].country = pl->country;
            evs[i].loc_method = l->method;
            evs[i].loc_text = l->text;
            evs[i].place_kind = (int)pl->kind;
            evs[i].place_gn_code = pl->gn_code;
            evs[i].country2 = pl->country2;
            evs[i].country_name = pl->country_name;
        }
        if (h->s.tok && h->e.verb >= 1 && h->e.verb <= h->s.ntok)
            evs[i].verb = h->s.tok[h->e.verb].form;
    }
    evc_coded_article a;
    memset(&a, 0, sizeof a);
    a.id = it->art.id;
    a.date = it->art.date;
    a.title = it->art.title;
    a.source = it->art.source;
    a.url = it->art.url;
    a.text = it->art.text;
    a.sentences = it->sents;
    a.nsentences = it->nsents;
    a.events = evs;
    a.nevents = n;
    int r = p->sink->put(p->sink->arg, &a, &err);
    if (r == 0)
        return;
    if (r == 1) {
        progress_clear(p);
        die_err(&err);
        p->skipped++;
        return;
    }
fatal:
    progress_clear(p);
    die_err(&err);
    p->rc = 2;
    p->stop = 1;
}

/* Writes one item's output and messages, in input order (main thread). */
static void consume_item(pipeline *p, item *it)
{
    if (p->stop)
        goto done;
    if (it->msglen) {
        progress_clear(p);
        fwrite(it->msg, 1, it->msglen, stderr);
    }
    switch (it->kind) {
    case IT_FILE_END:
        story_flush(p);
        break;
    case IT_RECORD:
        if (!it->skipped) {
            story_begin(p, it->rec.id, it->rec.is_article);
            story_add(p, it);
        }
        break;
    case IT_SENTENCE:
    case IT_ARTICLE:
        if (p->sink) {
            if (it->kind == IT_ARTICLE && !it->skipped && !it->fatal)
                sink_item(p, it);
            break;
        }
        emit(p, it->out, it->outlen);
        emit_held(p, it->held);
        break;
    default:
        break;
    }
    if (it->kind != IT_MESSAGE && it->kind != IT_FILE_END)
        p->items++;
    p->skipped += it->skipped;
    p->sentences += it->sentences;
    p->events += it->events;
    if (it->fatal) {
        p->rc = 2;
        story_flush(p);
        p->stop = 1;
    }
    progress_update(p);
done:
    free(it->out);
    free(it->msg);
    it->out = it->msg = NULL;
    it->outlen = it->msglen = it->msgcap = 0;
}

/* ---------------------------------------------------------------- threads */

static void *worker_main(void *arg)
{
    worker *w = arg;
    pipeline *p = w->p;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        batch *b = NULL;
        for (unsigned k = p->head; k != p->tail && !b; k++) {
            batch *x = &p->ring[k % p->nbatch];
            if (x->claimed < x->n)
                b = x;
        }
        if (!b) {
            if (p->quit)
                break;
            pthread_cond_wait(&p->work, &p->mu);
            continue;
        }
        item *it = &b->it[b->claimed++];
        pthread_mutex_unlock(&p->mu);
        code_item(w, it);
        pthread_mutex_lock(&p->mu);
        if (++b->done == b->n)
            pthread_cond_broadcast(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static batch *fill_batch(pipeline *p) { return &p->ring[p->tail % p->nbatch]; }

static void consume_batch(pipeline *p, batch *b)
{
    for (int i = 0; i < b->n; i++)
        consume_item(p, &b->it[i]);
    evc_error err = {0};
    if (p->sink && p->sink->batch_end && !p->stop &&
        p->sink->batch_end(p->sink->arg, &err)) {
        progress_clear(p);
        die_err(&err);
        p->rc = 2;
        p->stop = 1;
    }
}

/* Only once the batch is out of [head, tail): workers read those counts. */
static void batch_reset(batch *b)
{
    b->n = b->claimed = b->done = 0;
    b->bytes = 0;
}

/* Waits for the oldest batch with the workers and writes it. */
static void consume_oldest(pipeline *p)
{
    batch *b = &p->ring[p->head % p->nbatch];
    pthread_mutex_lock(&p->mu);
    while (b->done < b->n)
        pthread_cond_wait(&p->done, &p->mu);
    pthread_mutex_unlock(&p->mu);
    consume_batch(p, b);
    pthread_mutex_lock(&p->mu);
    p->head++;
    pthread_mutex_unlock(&p->mu);
    batch_reset(b);
}

/* Hands the batch being filled to the workers (or, with -j 1, codes and
 * writes it here); waits for the oldest when all batches are in flight. */
static void submit(pipeline *p)
{
    batch *b = fill_batch(p);
    if (b->n == 0)
        return;
    if (p->nworkers == 0) {
        for (int i = 0; i < b->n; i++)
            code_item(&p->workers[0], &b->it[i]);
        consume_batch(p, b);
        batch_reset(b);
        return;
    }
    pthread_mutex_lock(&p->mu);
    p->tail++;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
    if (p->tail - p->head == p->nbatch)
        consume_oldest(p);
}

/* Everything read so far, coded and written. */
static void drain(pipeline *p)
{
    submit(p);
    while (p->head != p->tail)
        consume_oldest(p);
}

/* The next free item of the batch being filled, emptied; the caller fills
 * it and calls item_commit (or leaves it, unused). NULL when out of memory. */
static item *item_next(pipeline *p, int kind, const char *file)
{
    batch *b = fill_batch(p);
    if (b->n == BATCH_ITEMS || b->bytes >= BATCH_BYTES) {
        submit(p);
        b = fill_batch(p);
    }
    item *it = &b->it[b->n];
    if (!it->arena && !(it->arena = evc_arena_new(0)))
        return NULL;
    evc_arena_reset(it->arena);
    evc_arena *a = it->arena;
    memset(it, 0, sizeof *it);
    it->arena = a;
    it->kind = kind;
    it->file = file;
    it->held_tail = &it->held;
    return it;
}

static void item_commit(pipeline *p, item *it, size_t bytes)
{
    batch *b = fill_batch(p);
    (void)it;
    b->n++;
    b->bytes += bytes;
}

/* A message in input order; fatal ones stop the run with status 2. */
static void queue_message(pipeline *p, const char *file, const evc_error *e,
                          const char *text, int fatal)
{
    item *it = item_next(p, IT_MESSAGE, file);
    if (!it) {
        p->rc = 2;
        p->stop = 1;
        return;
    }
    if (e)
        item_err(it, e);
    if (text)
        item_printf(it, "%s", text);
    it->fatal = fatal;
    it->skipped = !fatal;
    item_commit(p, it, 0);
}

static int pipeline_start(pipeline *p, int nthreads)
{
    p->nworkers = nthreads > 1 ? nthreads : 0;
    p->nbatch = p->nworkers ? (unsigned)p->nworkers + 2 : 1;
    p->ring = calloc(p->nbatch, sizeof *p->ring);
    int nw = p->nworkers ? p->nworkers : 1;
    p->workers = calloc((size_t)nw, sizeof *p->workers);
    p->story_arena = evc_arena_new(0);
    p->story_tail = &p->story_held;
    if (!p->ring || !p->workers || !p->story_arena)
        return -1;
    for (int i = 0; i < nw; i++) {
        p->workers[i].p = p;
        if (!(p->workers[i].scratch = evc_arena_new(0)) ||
            !(p->workers[i].coref = evc_coref_new()))
            return -1;
    }
    clock_gettime(CLOCK_MONOTONIC, &p->t0);
    p->last = p->t0;
    p->last.tv_sec--; /* the first item shows the line at once */
    if (!p->nworkers)
        return 0;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    for (int i = 0; i < p->nworkers; i++)
        if (pthread_create(&p->workers[i].thread, NULL, worker_main, &p->workers[i])) {
            p->nworkers = i; /* the ones started still run */
            return -1;
        }
    return 0;
}

static void pipeline_stop(pipeline *p)
{
    if (p->nworkers) {
        pthread_mutex_lock(&p->mu);
        p->quit = 1;
        pthread_cond_broadcast(&p->work);
        pthread_mutex_unlock(&p->mu);
        for (int i = 0; i < p->nworkers; i++)
            pthread_join(p->workers[i].thread, NULL);
        pthread_mutex_destroy(&p->mu);
        pthread_cond_destroy(&p->work);
        pthread_cond_destroy(&p->done);
    }
    for (unsigned k = 0; p->ring && k < p->nbatch; k++)
        for (int i = 0; i < BATCH_ITEMS; i++) {
            evc_arena_free(p->ring[k].it[i].arena);
            free(p->ring[k].it[i].out);
            free(p->ring[k].it[i].msg);
        }
    for (int i = 0; p->workers && i < (p->nworkers ? p->nworkers : 1); i++)
    {
        evc_arena_free(p->workers[i].scratch);
        evc_coref_free(p->workers[i].coref);
    }
    free(p->ring);
    free(p->workers);
    if (p->story)
        fclose(p->story);
    free(p->story_buf);
    evc_arena_free(p->story_arena);
    for (size_t i = 0; i < p->noad; i++)
        free(p->oad[i].ids);
    free(p->oad);
    free(p->oad_slots);
    evc_arena_free(p->oad_arena);
}

/* ---------------------------------------------------------------- readers */

/* An open input file of one kind: CoNLL-U sentences, PETRARCH records or
 * raw articles. */
typedef struct reader {
    int kind; /* IT_SENTENCE, IT_RECORD or IT_ARTICLE */
    int index; /* CoNLL-U: the next sentence's index */
    evc_conllu_reader *conllu;
    evc_xml_reader *xml;
    evc_article_reader *articles;
} reader;

/* Reads the next item into it; *bytes is about what it holds. */
static evc_status reader_next(reader *rd, item *it, size_t *bytes, evc_error *err)
{
    evc_status st;
    switch (rd->kind) {
    case IT_SENTENCE:
        st = evc_conllu_reader_next(rd->conllu, it->arena, &it->sent, err);
        it->index = rd->index++;
        *bytes = (size_t)it->sent.ntok * 64;
        return st;
    case IT_RECORD:
        st = evc_xml_reader_next(rd->xml, it->arena, &it->rec, err);
        *bytes = evc_arena_used(it->arena);
        return st;
    default:
        st = evc_article_reader_next(rd->articles, it->arena, &it->art, err);
        *bytes = it->art.text_len + 256;
        return st;
    }
}

/* Reads a whole file into items (fmt: xml, conllu, jsonl or text). A bad
 * raw article is reported with its file and line, skipped and counted, and
 * the next read; any other reading error ends the file and the run.
 * Returns 1 after such an error. */
static int read_file(pipeline *p, FILE *f, const char *name, const char *fmt)
{
    reader rd;
    memset(&rd, 0, sizeof rd);
    evc_error err = {0};
    evc_status st;
    if (!strcmp(fmt, "xml")) {
        rd.kind = IT_RECORD;
        st = evc_xml_reader_open(f, name, &rd.xml, &err);
    } else if (!strcmp(fmt, "conllu")) {
        rd.kind = IT_SENTENCE;
        st = evc_conllu_reader_open(f, name, &rd.conllu, &err);
    } else {
        rd.kind = IT_ARTICLE;
        st = !strcmp(fmt, "jsonl") ? evc_jsonl_reader_open(f, name, &rd.articles, &err)
                                   : evc_text_reader_open(f, name, &rd.articles, &err);
    }
    int fatal = st != EVC_OK;
    if (fatal)
        queue_message(p, name, &err, NULL, 1);
    while (!p->stop && !fatal) {
        item *it = item_next(p, rd.kind, name);
        if (!it) {
            queue_message(p, name, NULL, "evcode: out of memory\n", 1);
            fatal = 1;
            break;
        }
        size_t bytes = 0;
        st = reader_next(&rd, it, &bytes, &err);
        if (st == EVC_END)
            break;
        if (st) {
            /* the article readers' errors but I/O and ARG are per article */
            fatal = rd.kind != IT_ARTICLE || st == EVC_ERR_IO || st == EVC_ERR_ARG;
            queue_message(p, name, &err, NULL, fatal);
            continue;
        }
        if (p->sink && p->sink->check) {
            char msg[600];
            int c = p->sink->check(p->sink->arg, name, &it->art, p->date, msg,
                                   sizeof msg - 2);
            if (c == 1)
                continue; /* the slot is reused for the next article */
            if (c < 0) {
                strcat(msg, "\n");
                queue_message(p, name, NULL, msg, 0);
                continue;
            }
        }
        item_commit(p, it, bytes);
    }
    evc_conllu_reader_close(rd.conllu);
    evc_xml_reader_close(rd.xml);
    evc_article_reader_close(rd.articles);
    return fatal;
}

static const char *default_model(void);
static int load_model(const char *path, evc_model **m);
static int load_dicts(const char *const *dirs, int n, evc_dicts **d);
static int resolve_dicts(const char *given, int overlay, const char **dirs);

/* -j N, -jN, -j auto: N >= 1 threads, 0 or auto for every online CPU. */
static int parse_jobs(const char *s)
{
    long n;
    char *end;
    if (!strcmp(s, "auto"))
        n = 0;
    else {
        n = strtol(s, &end, 10);
        if (end == s || *end || n < 0 || n > 1024)
            return -1;
    }
    if (n == 0) {
        n = sysconf(_SC_NPROCESSORS_ONLN);
        if (n < 1)
            n = 1;
    }
    return (int)n;
}

/* --beam K: 1 (greedy) to 16 paths; -1 for anything else. */
static int parse_beam(const char *cmd, const char *s)
{
    char *end;
    long k = strtol(s, &end, 10);
    if (end == s || *end || k < 1 || k > 16) {
        fprintf(stderr, "%s: %s: --beam wants 1 to 16 paths, got '%s'\n", prog,
                cmd, s);
        return -1;
    }
    return (int)k;
}

static int cmd_code(int argc, char **argv) { return cli_code(argc, argv, NULL); }

int cli_code(int argc, char **argv, const cli_sink *sink)
{
    pipeline p;
    memset(&p, 0, sizeof p);
    p.sink = sink;
    evc_code_opts_default(&p.opts);
    const char *dicts = NULL, *informat = NULL, *model_path = NULL;
    evc_model *model = NULL;
    int nfiles = 0, jobs = 1, quiet = 0, overlay = 1, geo_rc, beam = 2;
    cli_geo_opts geo;
    memset(&geo, 0, sizeof geo);
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files)
        return 2;
    int rc = 0;
    for (int i = 1; i < argc && rc == 0; i++) {
        const char *a = argv[i];
        if ((geo_rc = cli_geo_option(&geo, argc, argv, &i)) != 0)
            rc = geo_rc < 0 ? 2 : 0;
        else if (!strcmp(a, "--dicts") && i + 1 < argc)
            dicts = argv[++i];
        else if (!strcmp(a, "--format") && i + 1 < argc) {
            const char *f = argv[++i];
            if (!strcmp(f, "jsonl"))
                p.fmt = EVC_FORMAT_JSONL;
            else if (!strcmp(f, "tsv"))
                p.fmt = EVC_FORMAT_TSV;
            else if (!strcmp(f, "phoenix"))
                p.fmt = EVC_FORMAT_PHOENIX;
            else if (!strcmp(f, "gdelt"))
                p.fmt = EVC_FORMAT_GDELT;
            else {
                fprintf(stderr, "%s: unknown --format '%s' (jsonl, tsv, phoenix, "
                                "gdelt)\n", prog, f);
                rc = 2;
            }
        } else if (!strcmp(a, "--date") && i + 1 < argc) {
            p.date = parse_date(argv[++i]);
            if (!p.date) {
                fprintf(stderr, "%s: --date wants YYYY-MM-DD, got '%s'\n", prog, argv[i]);
                rc = 2;
            }
        } else if ((!strcmp(a, "-j") && i + 1 < argc) || (!strncmp(a, "-j", 2) && a[2])) {
            const char *v = a[2] ? a + 2 : argv[++i];
            jobs = parse_jobs(v);
            if (jobs < 0) {
                fprintf(stderr, "%s: -j wants a number of threads or 'auto', got "
                                "'%s'\n", prog, v);
                rc = 2;
            }
        } else if (!strcmp(a, "--input-format") && i + 1 < argc)
            informat = argv[++i];
        else if (!strcmp(a, "--model") && i + 1 < argc)
            model_path = argv[++i];
        else if (!strcmp(a, "--explain"))
            p.opts.explain = 1;
        else if (!strcmp(a, "--keep-negated"))
            p.opts.keep_negated = 1;
        else if (!strcmp(a, "--one-a-day"))
            p.one_a_day = 1;
        else if (!strcmp(a, "--reparse"))
            p.reparse = 1;
        else if (!strcmp(a, "--quiet"))
            quiet = 1;
        else if (!strcmp(a, "--no-overlay"))
            overlay = 0;
        else if (!strcmp(a, "--no-coref"))
            p.no_coref = 1;
        else if (!strcmp(a, "--stats"))
            p.stats = 1;
        else if (!strcmp(a, "--beam") && i + 1 < argc) {
            if ((beam = parse_beam(argv[0], argv[++i])) < 0)
                rc = 2;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            free(files);
            return 0;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "%s: %s: unknown option '%s'\n", prog, argv[0], a);
            rc = 2;
        } else
            files[nfiles++] = argv[i];
    }
    if (!rc && sink && (p.fmt != EVC_FORMAT_JSONL || p.one_a_day || p.opts.explain)) {
        fprintf(stderr, "%s: %s: --format, --one-a-day and --explain shape "
                        "output lines; %s writes none\n", prog, argv[0], argv[0]);
        rc = 2;
    }
    if (rc) {
        free(files);
        return rc;
    }
    if (!nfiles)
        files[nfiles++] = "-";
    const char *dirs[2];
    int ndirs = resolve_dicts(dicts, overlay, dirs);
    evc_dicts *d = NULL;
    rc = ndirs ? load_dicts(dirs, ndirs, &d) : 2;
    if (!rc && p.reparse) {
        rc = load_model(model_path ? model_path : default_model(), &model);
        if (!rc)
            evc_model_set_beam(model, beam);
    }
    int geo_fatal = 0;
    evc_gazetteer *gaz = rc ? NULL : cli_geo_open(&geo, data_dir(), &geo_fatal);
    if (geo_fatal)
        rc = 2;
    if (rc) {
        evc_dicts_free(d);
        evc_model_free(model);
        free(files);
        return rc;
    }
    p.d = d;
    p.gaz = gaz;
    p.model = model;
    p.progress = !quiet && isatty(fileno(stderr));
    if (pipeline_start(&p, jobs)) {
        fprintf(stderr, "%s: cannot start %d threads\n", prog, jobs);
        p.rc = 2;
        p.stop = 1;
    }
    for (int i = 0; i < nfiles && !p.stop; i++) {
        const char *name = files[i];
        const char *fmt = informat;
        if (!fmt)
            fmt = ends_with(name, ".xml")      ? "xml"
                  : ends_with(name, ".conllu") ? "conllu"
                  : ends_with(name, ".jsonl")  ? "jsonl"
                  : ends_with(name, ".txt")    ? "text"
                  : sink                       ? "jsonl"
                                               : "conllu";
        int articles = !strcmp(fmt, "jsonl") || !strcmp(fmt, "text");
        if (sink && !articles) {
            char msg[400];
            snprintf(msg, sizeof msg, "%s: %s: %s reads articles (jsonl, text), "
                     "not %s; code it with evcode code and load the events "
                     "with --events\n", prog, name, argv[0], fmt);
            queue_message(&p, name, NULL, msg, 1);
            break;
        }
        if (!articles && strcmp(fmt, "xml") && strcmp(fmt, "conllu")) {
            char msg[300];
            snprintf(msg, sizeof msg, "%s: unknown input format '%s' (xml, "
                                      "conllu, jsonl, text)\n", prog, fmt);
            queue_message(&p, name, NULL, msg, 1);
            break;
        }
        if (articles && !model) {
            /* what came before is written first, as without threads */
            drain(&p);
            if (p.stop)
                break;
            progress_clear(&p);
            if (load_model(model_path ? model_path : default_model(), &model)) {
                p.rc = 2;
                break;
            }
            evc_model_set_beam(model, beam);
            p.model = model; /* no worker is busy: drained */
        }
        FILE *f = strcmp(name, "-") ? fopen(name, "rb") : stdin;
        if (!f) {
            char msg[600];
            snprintf(msg, sizeof msg, "%s: %s: %s\n", prog, name, strerror(errno));
            queue_message(&p, name, NULL, msg, 1);
            break;
        }
        int fatal = read_file(&p, f, name, fmt);
        item *end = item_next(&p, IT_FILE_END, name);
        if (end)
            item_commit(&p, end, 0);
        /* the items in flight hold copies of what they need */
        if (f != stdin)
            fclose(f);
        if (fatal)
            break;
    }
    drain(&p);
    story_flush(&p);
    if (p.one_a_day)
        oad_flush(&p);
    progress_clear(&p);
    if (p.stats)
        print_stats(&p);
    pipeline_stop(&p);
    rc = p.rc;
    if (fflush(stdout) != 0)
        rc = 2;
    evc_dicts_free(d);
    evc_model_free(model);
    evc_gazetteer_free(gaz);
    free(files);
    if (rc == 0 && p.skipped)
        rc = 1;
    return rc;
}

/* ------------------------------------------------------------ analysis */

/* $EVCODE_MODEL, else DATA/evcode.model, else data/evcode.model here. */
static const char *default_model(void)
{
    const char *env = getenv("EVCODE_MODEL");
    if (env && *env)
        return env;
    const char *p = data_path("evcode.model", 2);
    return p ? p : "data/evcode.model";
}

/* The folders `code` loads, overlay first: without --dicts the built-in set
 * DATA/dictionaries/evcode (alone), else $EVCODE_DICTS, else the shared
 * Phoenix set; the overlay DATA/dictionaries/overlay goes before any of
 * these but the built-in set, unless --no-overlay. Returns how many folders
 * (at most 2), or 0 after a message when there is none. */
static int resolve_dicts(const char *given, int overlay, const char **dirs)
{
    int n = 0;
    const char *dir = given;
    if (!dir) {
        const char *builtin = data_path("dictionaries/evcode", 0);
        if (builtin && is_dir(builtin)) {
            dirs[0] = builtin;
            return 1;
        }
        const char *env = getenv("EVCODE_DICTS");
        if (env && *env)
            dir = env;
        else if (is_dir("../shared/data/dictionaries/phoenix"))
            dir = "../shared/data/dictionaries/phoenix";
        else {
            fprintf(stderr, "%s: no dictionaries found: pass --dicts DIR or set "
                            "EVCODE_DICTS (looked for %s and "
                            "../shared/data/dictionaries/phoenix)\n",
                    prog, builtin ? builtin : "data/dictionaries/evcode");
            return 0;
        }
    }
    const char *ov = overlay ? data_path("dictionaries/overlay", 1) : NULL;
    if (ov && is_dir(ov))
        dirs[n++] = ov;
    dirs[n++] = dir;
    return n;
}

/* Loads the folders as one set (overlay first); 2 after a message. */
static int load_dicts(const char *const *dirs, int n, evc_dicts **d)
{
    evc_error err = {0};
    *d = NULL;
    for (int i = 0; i < n; i++)
        if (!is_dir(dirs[i])) {
            fprintf(stderr, "%s: %s: no such dictionary folder\n", prog, dirs[i]);
            return 2;
        }
    if (evc_dicts_load_dirs(dirs, n, d, &err)) {
        die_err(&err);
        return 2;
    }
    return 0;
}


static int load_model(const char *path, evc_model **m)
{
    evc_error err = {0};
    if (evc_model_load(path, m, &err)) {
        die_err(&err);
        if (err.code == EVC_ERR_IO)
            fprintf(stderr, "%s: train a model with 'make model' or pass --model\n", prog);
        return 2;
    }
    return 0;
}

/* Reads a whole stream (raw text input of `parse`). */
static char *slurp(FILE *f, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                return NULL;
            }
            buf = nb;
        }
        size_t k = fread(buf + n, 1, cap - n, f);
        n += k;
        if (k == 0)
            break;
    }
    if (buf && ferror(f)) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static int cmd_parse(int argc, char **argv)
{
    const char *model = NULL, *informat = NULL;
    int nfiles = 0, exact = 0, beam = 2;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files)
        return 2;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--model") && i + 1 < argc)
            model = argv[++i];
        else if (!strcmp(a, "--input-format") && i + 1 < argc)
            informat = argv[++i];
        else if (!strcmp(a, "--exact"))
            exact = 1;
        else if (!strcmp(a, "--beam") && i + 1 < argc) {
            if ((beam = parse_beam("parse", argv[++i])) < 0) {
                free(files);
                return 2;
            }
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            free(files);
            return 0;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "%s: parse: unknown option '%s'\n", prog, a);
            free(files);
            return 2;
        } else
            files[nfiles++] = argv[i];
    }
    if (!nfiles)
        files[nfiles++] = "-";
    evc_model *m;
    int rc = load_model(model ? model : default_model(), &m);
    if (rc) {
        free(files);
        return rc;
    }
    evc_model_set_exact(m, exact);
    evc_model_set_beam(m, beam);
    evc_arena *a = evc_arena_new(0);
    long sid = 0;
    for (int i = 0; i < nfiles && rc == 0; i++) {
        const char *name = files[i];
        FILE *f = strcmp(name, "-") ? fopen(name, "rb") : stdin;
        if (!f) {
            fprintf(stderr, "%s: %s: %s\n", prog, name, strerror(errno));
            rc = 2;
            break;
        }
        evc_error err = {0};
        int conllu = informat ? !strcmp(informat, "conllu") : ends_with(name, ".conllu");
        if (conllu) {
            evc_conllu_reader *r = NULL;
            if (evc_conllu_reader_open(f, name, &r, &err)) {
                die_err(&err);
                rc = 2;
            }
            while (rc == 0) {
                evc_arena_reset(a);
                evc_sentence s;
                evc_status st = evc_conllu_reader_next(r, a, &s, &err);
                if (st == EVC_END)
                    break;
                if (st || evc_model_annotate(m, &s, a, &err) ||
                    evc_sentence_write_conllu(stdout, &s, s.id, &err)) {
                    die_err(&err);
                    rc = 2;
                }
            }
            evc_conllu_reader_close(r);
        } else {
            size_t len;
            char *text = slurp(f, &len);
            if (!text) {
                fprintf(stderr, "%s: %s: could not read\n", prog, name);
                rc = 2;
            } else {
                evc_arena_reset(a);
                evc_sentence *ss;
                int n;
                if (evc_model_analyze(m, text, len, a, &ss, &n, &err)) {
                    if (!err.file[0])
                        snprintf(err.file, sizeof err.file, "%s", name);
                    die_err(&err);
                    rc = 2;
                }
                for (int k = 0; rc == 0 && k < n; k++) {
                    char id[64];
                    snprintf(id, sizeof id, "%ld", ++sid);
                    if (evc_sentence_write_conllu(stdout, &ss[k], id, &err)) {
                        die_err(&err);
                        rc = 2;
                    }
                }
                free(text);
            }
        }
        if (f != stdin)
            fclose(f);
    }
    if (fflush(stdout) != 0)
        rc = 2;
    evc_arena_free(a);
    evc_model_free(m);
    free(files);
    return rc;
}

/* Splits s (modified; NULL: none) at commas into at most max parts. */
static int split_commas(char *s, const char **out, int max)
{
    int n = 0;
    for (char *tok = s ? strtok(s, ",") : NULL; tok && n < max;
         tok = strtok(NULL, ","))
        out[n++] = tok;
    return n;
}

static int cmd_train(int argc, char **argv)
{
    const char *trainlist = NULL, *dev = NULL, *outp = NULL, *textlist = NULL;
    evc_train_opts o;
    memset(&o, 0, sizeof o);
    o.seed = 1;
    o.log = stderr;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--train") && i + 1 < argc)
            trainlist = argv[++i];
        else if (!strcmp(a, "--dev") && i + 1 < argc)
            dev = argv[++i];
        else if (!strcmp(a, "-o") && i + 1 < argc)
            outp = argv[++i];
        else if (!strcmp(a, "--seed") && i + 1 < argc)
            o.seed = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(a, "--tag-epochs") && i + 1 < argc)
            o.tag_epochs = atoi(argv[++i]);
        else if (!strcmp(a, "--parse-epochs") && i + 1 < argc)
            o.parse_epochs = atoi(argv[++i]);
        else if (!strcmp(a, "--parse-runs") && i + 1 < argc)
            o.parse_runs = atoi(argv[++i]);
        else if (!strcmp(a, "--classes-text") && i + 1 < argc)
            textlist = argv[++i];
        else if (!strcmp(a, "--classes") && i + 1 < argc) {
            char *end;
            long k = strtol(argv[++i], &end, 10);
            if (*end || k < 2 || k > 4096) {
                fprintf(stderr, "%s: train: --classes takes 2 to 4096\n", prog);
                return 2;
            }
            o.classes = (int)k;
        }
        else if (!strcmp(a, "--quiet"))
            o.log = NULL;
        else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "%s: train: unknown option '%s'\n", prog, a);
            return 2;
        }
    }
    if (!trainlist || !outp) {
        fprintf(stderr, "%s: train needs --train FILE[,FILE...] and -o MODEL\n", prog);
        return 2;
    }
    char *list = strdup(trainlist);
    char *tlist = textlist ? strdup(textlist) : NULL;
    const char *files[16], *texts[16];
    int n = split_commas(list, files, 16), nt = split_commas(tlist, texts, 16);
    o.class_text = texts;
    o.nclass_text = nt;
    evc_model *m;
    evc_error err = {0};
    int rc = 0;
    if (evc_model_train(files, n, dev, &o, &m, &err)) {
        die_err(&err);
        rc = 2;
    } else {
        if (evc_model_save(m, outp, &err)) {
            die_err(&err);
            rc = 2;
        }
        evc_model_free(m);
    }
    free(list);
    free(tlist);
    return rc;
}

static int cmd_eval_parse(int argc, char **argv)
{
    const char *model = NULL, *gold = NULL;
    int exact = 0, beam = 2;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--model") && i + 1 < argc)
            model = argv[++i];
        else if (!strcmp(argv[i], "--exact"))
            exact = 1;
        else if (!strcmp(argv[i], "--beam") && i + 1 < argc) {
            if ((beam = parse_beam("eval-parse", argv[++i])) < 0)
                return 2;
        }
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage(stdout);
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "%s: eval-parse: unknown option '%s'\n", prog, argv[i]);
            return 2;
        } else
            gold = argv[i];
    }
    if (!gold) {
        fprintf(stderr, "%s: eval-parse: which gold CoNLL-U file?\n", prog);
        return 2;
    }
    evc_model *m;
    int rc = load_model(model ? model : default_model(), &m);
    if (rc)
        return rc;
    evc_model_set_exact(m, exact);
    evc_model_set_beam(m, beam);
    evc_parse_scores sc;
    evc_error err = {0};
    if (evc_model_eval(m, gold, &sc, &err)) {
        die_err(&err);
        rc = 2;
    } else {
        printf("%s: %ld sentences, %ld tokens\n", gold, sc.sentences, sc.tokens);
        printf("gold tokens: UPOS %.2f  XPOS %.2f  lemma %.2f  UAS %.2f  LAS %.2f"
               "  (%.0f tokens/s tagging+parsing)\n",
               100 * sc.upos, 100 * sc.xpos, 100 * sc.lemma, 100 * sc.uas,
               100 * sc.las, sc.tokens_per_second);
        printf("raw text:    token F1 %.2f  sentence F1 %.2f\n", 100 * sc.token_f1,
               100 * sc.sentence_f1);
    }
    evc_model_free(m);
    return rc;
}

/* ------------------------------------------------------------ validate */

static int coding_in(const evc_coding *set, int n, const char *s, const char *t,
                     const char *code)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(set[i].source, s) && !strcmp(set[i].target, t) &&
            !strcmp(set[i].code, code))
            return 1;
    return 0;
}

static int cmd_validate(int argc, char **argv)
{
    const char *dicts = NULL, *dict_dir = NULL, *file = NULL, *model_path = NULL;
    long floor = -1;
    int quiet = 0, explain = 0, reparse = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--dicts") && i + 1 < argc)
            dicts = argv[++i];
        else if (!strcmp(a, "--dict-dir") && i + 1 < argc)
            dict_dir = argv[++i];
        else if (!strcmp(a, "--floor") && i + 1 < argc)
            floor = strtol(argv[++i], NULL, 10);
        else if (!strcmp(a, "--quiet"))
            quiet = 1;
        else if (!strcmp(a, "--explain"))
            explain = 1;
        else if (!strcmp(a, "--reparse"))
            reparse = 1;
        else if (!strcmp(a, "--model") && i + 1 < argc)
            model_path = argv[++i];
        else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "%s: validate: unknown option '%s'\n", prog, a);
            return 2;
        } else if (!file)
            file = a;
        else {
            fprintf(stderr, "%s: validate takes one file\n", prog);
            return 2;
        }
    }
    if (!file) {
        fprintf(stderr, "%s: validate: which file?\n", prog);
        return 2;
    }
    evc_model *model = NULL;
    if (reparse && load_model(model_path ? model_path : default_model(), &model))
        return 2;
    FILE *f = fopen(file, "rb");
    if (!f) {
        fprintf(stderr, "%s: %s: %s\n", prog, file, strerror(errno));
        evc_model_free(model);
        return 2;
    }
    evc_error err = {0};
    evc_xml_reader *r;
    if (evc_xml_reader_open(f, file, &r, &err)) {
        die_err(&err);
        fclose(f);
        evc_model_free(model);
        return 2;
    }
    evc_arena *a = evc_arena_new(0);
    evc_dicts *d = NULL;
    int rc = 0;
    long passed = 0, failed = 0, skipped = 0;
    evc_code_opts opts;
    evc_code_opts_default(&opts);
    opts.explain = explain;
    for (;;) {
        evc_arena_reset(a);
        evc_record rec;
        evc_status st = evc_xml_reader_next(r, a, &rec, &err);
        if (st == EVC_END)
            break;
        if (st) {
            die_err(&err);
            rc = 2;
            break;
        }
        if (!d) {
            if (dicts)
                rc = load_dicts(&dicts, 1, &d); /* no overlay: PETRARCH's gold */
            else {
                /* the files the <Environment> names, from --dict-dir */
                const evc_environment *env = evc_xml_reader_environment(r);
                const char *dir = dict_dir ? dict_dir : ".";
                static char paths[12][1024];
                evc_dict_files df;
                memset(&df, 0, sizeof df);
                int k = 0;
#define P(x) (snprintf(paths[k], sizeof paths[k], "%s/%s", dir, (x)), paths[k++])
                if (env->verbfile)
                    df.verbs = P(env->verbfile);
                for (int j = 0; j < env->nactorfiles && j < 8; j++)
                    df.actors[df.nactors++] = P(env->actorfiles[j]);
                if (env->agentfile)
                    df.agents = P(env->agentfile);
                if (env->discardfile)
                    df.discards = P(env->discardfile);
                if (env->issuefile)
                    df.issues = P(env->issuefile);
#undef P
                if (evc_dicts_load(&df, &d, &err)) {
                    die_err(&err);
                    rc = 2;
                }
            }
            if (rc)
                break;
        }
        if (rec.gold_error) {
            skipped++;
            continue;
        }
        evc_sentence s;
        if (model) {
            /* the record's text, parsed by evcode as one sentence */
            if (reparse_text(model, rec.text, a, &s, &err)) {
                fprintf(stderr, "%s: %s:%ld: record %s: ", prog, file, rec.line,
                        rec.id ? rec.id : "?");
                die_err(&err);
                failed++;
                continue;
            }
        } else if (!rec.parse) {
            fprintf(stderr, "%s: %s:%ld: record %s has no <Parse>\n", prog, file,
                    rec.line, rec.id ? rec.id : "?");
            failed++;
            continue;
        } else if (evc_conllu_parse(rec.parse, strlen(rec.parse), a, &s, file,
                                    rec.parse_line, &err)) {
            die_err(&err);
            failed++;
            continue;
        }
        s.id = rec.id;
        s.text = rec.text;
        s.date = rec.date;
        evc_events ev;
        opts.require_dyad = rec.require_dyad;
        if (evc_code_sentence(d, &s, &opts, a, &ev, &err)) {
            die_err(&err);
            rc = 2;
            break;
        }
        /* compare the sets of (source, target, code) */
        int ok = 1;
        for (int i = 0; i < ev.n && ok; i++)
            ok = coding_in(rec.gold, rec.ngold, ev.ev[i].source.code,
                           ev.ev[i].target.code, ev.ev[i].code);
        for (int i = 0; i < rec.ngold && ok; i++) {
            int found = 0;
            for (int j = 0; j < ev.n && !found; j++)
                found = !strcmp(rec.gold[i].source, ev.ev[j].source.code) &&
                        !strcmp(rec.gold[i].target, ev.ev[j].target.code) &&
                        !strcmp(rec.gold[i].code, ev.ev[j].code);
            ok = found;
        }
        if (ok) {
            passed++;
            continue;
        }
        failed++;
        if (quiet)
            continue;
        printf("FAIL %s (%s:%ld)\n  text: %s\n  gold:", rec.id ? rec.id : "?",
               file, rec.line, rec.text ? rec.text : "");
        if (!rec.ngold)
            printf(" (none)");
        for (int i = 0; i < rec.ngold; i++)
            printf(" %s>%s:%s", rec.gold[i].source, rec.gold[i].target,
                   rec.gold[i].code);
        printf("\n  got: ");
        if (!ev.n)
            printf(" (none)");
        for (int i = 0; i < ev.n; i++)
            printf(" %s>%s:%s", ev.ev[i].source.code, ev.ev[i].target.code,
                   ev.ev[i].code);
        printf("\n");
        if (explain)
            for (int i = 0; i < ev.n; i++)
                if (ev.ev[i].explain)
                    printf("  why %s>%s:%s: %s\n", ev.ev[i].source.code,
                           ev.ev[i].target.code, ev.ev[i].code, ev.ev[i].explain);
    }
    if (rc == 0) {
        printf("%ld passed, %ld failed", passed, failed);
        if (skipped)
            printf(" (%ld error records skipped)", skipped);
        printf("\n");
        if (floor >= 0) {
            if (passed < floor) {
                fprintf(stderr, "%s: %ld passed is below the floor of %ld\n", prog,
                        passed, floor);
                rc = 1;
            }
        } else if (failed)
            rc = 1;
    }
    evc_dicts_free(d);
    evc_model_free(model);
    evc_arena_free(a);
    evc_xml_reader_close(r);
    fclose(f);
    return rc;
}

int cmd_surge(int argc, char **argv);  /* cli/surge.c */
int cmd_report(int argc, char **argv); /* cli/report.c */

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "code"))
        return cmd_code(argc - 1, argv + 1);
    if (!strcmp(cmd, "validate"))
        return cmd_validate(argc - 1, argv + 1);
    if (!strcmp(cmd, "parse"))
        return cmd_parse(argc - 1, argv + 1);
    if (!strcmp(cmd, "train"))
        return cmd_train(argc - 1, argv + 1);
    if (!strcmp(cmd, "eval-parse"))
        return cmd_eval_parse(argc - 1, argv + 1);
    if (!strcmp(cmd, "surge"))
        return cmd_surge(argc - 1, argv + 1);
    if (!strcmp(cmd, "report"))
        return cmd_report(argc - 1, argv + 1);
    if (!strcmp(cmd, "ingest"))
        return cmd_ingest(argc - 1, argv + 1);
    if (!strcmp(cmd, "query"))
        return cmd_query(argc - 1, argv + 1);
    if (!strcmp(cmd, "export"))
        return cmd_export(argc - 1, argv + 1);
    if (!strcmp(cmd, "places"))
        return cmd_places(argc - 1, argv + 1, data_dir(), default_model());
    if (!strcmp(cmd, "gazetteer"))
        return cmd_gazetteer(argc - 1, argv + 1, data_dir());
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
        printf("evcode %s\n", EVCODE_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        usage(stdout);
        return 0;
    }
    fprintf(stderr, "%s: unknown command '%s'\n", prog, cmd);
    usage(stderr);
    return 2;
}
