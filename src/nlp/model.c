/* model.c: evcode's analysis pipeline (segment -> tag -> parse) and its one
 * model file: "EVCMODEL" magic, a format version, the tagger's section, the
 * parser's section, and a CRC-32 of everything before it. */
#include "evcode.h"
#include "nlp/wclass.h"
#include "parse/parse.h"
#include "segment/segment.h"
#include "tag/tag.h"
#include "util/bio.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MODEL_MAGIC "EVCMODEL"
#define MODEL_VERSION 1u

struct evc_model {
    evc_tagger *tagger;
    evc_parser *parser;
};

void evc_model_set_exact(evc_model *m, int exact)
{
    if (!m)
        return;
    evc_tagger_set_exact(m->tagger, exact);
    evc_parser_set_exact(m->parser, exact);
}

void evc_model_set_beam(evc_model *m, int k)
{
    if (m)
        evc_parser_set_beam(m->parser, k);
}

void evc_model_free(evc_model *m)
{
    if (!m)
        return;
    evc_tagger_free(m->tagger);
    evc_parser_free(m->parser);
    free(m);
}

/* ------------------------------------------------------------ training */

/* Sentences of CoNLL-U files, kept in one arena. */
typedef struct corpus {
    evc_sentence *v;
    size_t n, cap;
} corpus;

static evc_status read_corpus(const char *path, evc_arena *a, corpus *c,
                              evc_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return evc_error_set(err, EVC_ERR_IO, path, 0, 0, "%s", strerror(errno));
    evc_conllu_reader *r;
    evc_status st = evc_conllu_reader_open(f, path, &r, err);
    if (st) {
        fclose(f);
        return st;
    }
    for (;;) {
        if (c->n == c->cap) {
            size_t nc = c->cap ? c->cap * 2 : 4096;
            evc_sentence *nv = realloc(c->v, nc * sizeof *nv);
            if (!nv) {
                st = evc_error_set(err, EVC_ERR_NOMEM, path, 0, 0, "out of memory");
                break;
            }
            c->v = nv;
            c->cap = nc;
        }
        st = evc_conllu_reader_next(r, a, &c->v[c->n], err);
        if (st == EVC_END) {
            st = EVC_OK;
            break;
        }
        if (st)
            break;
        c->n++;
    }
    evc_conllu_reader_close(r);
    fclose(f);
    return st;
}

/* A copy of the sentences with their own token arrays (strings shared). */
static evc_status copy_corpus(const corpus *c, evc_arena *a, corpus *out)
{
    out->v = malloc((c->n ? c->n : 1) * sizeof *out->v);
    out->n = out->cap = c->n;
    if (!out->v)
        return EVC_ERR_NOMEM;
    for (size_t i = 0; i < c->n; i++) {
        out->v[i] = c->v[i];
        size_t nt = (size_t)c->v[i].ntok + 1;
        evc_token *t = evc_arena_alloc(a, nt * sizeof *t);
        if (!t)
            return EVC_ERR_NOMEM;
        memcpy(t, c->v[i].tok, nt * sizeof *t);
        out->v[i].tok = t;
    }
    return EVC_OK;
}

/* Tags s with t, copying the tags into the arena (they point into t). */
static void tag_keep(const evc_tagger *t, evc_sentence *s, evc_arena *a)
{
    evc_tagger_tag(t, s, a);
    for (int j = 1; j <= s->ntok; j++) {
        s->tok[j].upos = evc_arena_strdup(a, s->tok[j].upos);
        s->tok[j].xpos = evc_arena_strdup(a, s->tok[j].xpos);
    }
}

/* Replaces the training sentences' gold tags by jackknifed predictions
 * (each fold tagged by a one-pass tagger trained on the other folds), so
 * the parser learns from tags as good, and as bad, as it will see. */
static evc_status jackknife(corpus *tr, int folds, uint32_t seed, FILE *log,
                            evc_arena *a, evc_error *err)
{
    corpus gold = {0};
    evc_status st = copy_corpus(tr, a, &gold);
    evc_sentence *rest = malloc((tr->n ? tr->n : 1) * sizeof *rest);
    if (st || !rest) {
        free(gold.v);
        free(rest);
        return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    for (int k = 0; k < folds && !st; k++) {
        size_t nrest = 0;
        for (size_t i = 0; i < tr->n; i++)
            if ((int)(i % (size_t)folds) != k)
                rest[nrest++] = gold.v[i];
        evc_tag_train_opts o;
        evc_tag_train_opts_default(&o);
        o.passes = 1;
        o.epochs = 5;
        o.seed = seed;
        evc_tagger *t = NULL;
        st = evc_tagger_train(rest, nrest, NULL, 0, &o, &t, err);
        if (st)
            break;
        for (size_t i = (size_t)k; i < tr->n; i += (size_t)folds)
            tag_keep(t, &tr->v[i], a);
        evc_tagger_free(t);
        if (log)
            fprintf(log, "jackknife fold %d/%d tagged\n", k + 1, folds);
    }
    free(rest);
    free(gold.v);
    return st;
}

/* Adds a sentence's forms to the word-class text. */
static void add_forms(evc_wclass_builder *b, const evc_sentence *s)
{
    for (int i = 1; i <= s->ntok; i++) {
        const char *f = s->tok[i].form ? s->tok[i].form : "";
        evc_wclass_builder_add(b, f, strlen(f));
    }
    evc_wclass_builder_end(b);
}

/* Reads one file of unlabeled text into b: JSON Lines articles and plain
 * text are segmented, CoNLL-U gives its forms. An unreadable article or
 * sentence stops training with its file and line: the classes would
 * otherwise depend on what was skipped. */
static evc_status read_class_text(const char *path, evc_wclass_builder *b,
                                  size_t *ntok, evc_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return evc_error_set(err, EVC_ERR_IO, path, 0, 0, "%s", strerror(errno));
    size_t n = strlen(path);
    int conllu = n >= 7 && !strcmp(path + n - 7, ".conllu");
    int jsonl = n >= 6 && !strcmp(path + n - 6, ".jsonl");
    evc_arena *a = evc_arena_new(1 << 20);
    evc_status st = a ? EVC_OK : EVC_ERR_NOMEM;
    if (st) {
        fclose(f);
        return evc_error_set(err, st, NULL, 0, 0, "out of memory");
    }
    if (conllu) {
        evc_conllu_reader *r = NULL;
        st = evc_conllu_reader_open(f, path, &r, err);
        while (!st) {
            evc_sentence s;
            evc_arena_reset(a);
            st = evc_conllu_reader_next(r, a, &s, err);
            if (!st) {
                add_forms(b, &s);
                *ntok += (size_t)s.ntok;
            }
        }
        evc_conllu_reader_close(r);
    } else {
        evc_article_reader *r = NULL;
        st = jsonl ? evc_jsonl_reader_open(f, path, &r, err)
                   : evc_text_reader_open(f, path, &r, err);
        while (!st) {
            evc_article art;
            evc_sentence *ss;
            int ns;
            evc_arena_reset(a);
            st = evc_article_reader_next(r, a, &art, err);
            if (!st && !(st = evc_segment(art.text, art.text_len, a, &ss, &ns,
                                          err)))
                for (int i = 0; i < ns; i++) {
                    add_forms(b, &ss[i]);
                    *ntok += (size_t)ss[i].ntok;
                }
        }
        evc_article_reader_close(r);
    }
    evc_arena_free(a);
    fclose(f);
    return st == EVC_END ? EVC_OK : st;
}

/* Word classes from the text files and the training sentences' forms. */
static evc_status build_classes(const corpus *tr, const evc_train_opts *opts,
                                evc_wclass **out, evc_error *err)
{
    clock_t t0 = clock();
    evc_wclass_builder *b = evc_wclass_builder_new();
    if (!b)
        return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
    size_t ntok = 0;
    evc_status st = EVC_OK;
    for (int i = 0; i < opts->nclass_text && !st; i++)
        st = read_class_text(opts->class_text[i], b, &ntok, err);
    for (size_t i = 0; i < tr->n && !st; i++) {
        add_forms(b, &tr->v[i]);
        ntok += (size_t)tr->v[i].ntok;
    }
    if (!st)
        st = evc_wclass_build(b, opts->classes > 0 ? opts->classes : 256, 3,
                              50, NULL, out, err);
    evc_wclass_builder_free(b);
    if (!st && opts->log)
        fprintf(opts->log, "word classes: %zu words of %zu tokens in %d "
                "classes, %.1f s\n", evc_wclass_size(*out), ntok,
                evc_wclass_classes(*out),
                (double)(clock() - t0) / CLOCKS_PER_SEC);
    return st;
}

evc_status evc_model_train(const char *const *train, int ntrain,
                           const char *dev, const evc_train_opts *opts,
                           evc_model **out, evc_error *err)
{
    *out = NULL;
    evc_train_opts defo;
    if (!opts) {
        memset(&defo, 0, sizeof defo);
        opts = &defo;
    }
    evc_arena *a = evc_arena_new(1 << 20);
    corpus tr = {0}, dv = {0};
    evc_wclass *wc = NULL;
    evc_model *m = calloc(1, sizeof *m);
    evc_status st = EVC_OK;
    if (!a || !m) {
        st = evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    for (int i = 0; i < ntrain && !st; i++)
        st = read_corpus(train[i], a, &tr, err);
    if (!st && dev)
        st = read_corpus(dev, a, &dv, err);
    if (st)
        goto out;
    if (tr.n == 0) {
        st = evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0, "no training sentences");
        goto out;
    }
    if (opts->log)
        fprintf(opts->log, "training on %zu sentences, tuning on %zu\n", tr.n, dv.n);

    evc_tag_train_opts to;
    evc_tag_train_opts_default(&to);
    if (opts->tag_epochs)
        to.epochs = opts->tag_epochs;
    to.seed = (uint32_t)(opts->seed ? opts->seed : 1);
    to.verbose = opts->log;
    if (opts->nclass_text > 0 &&
        (st = build_classes(&tr, opts, &wc, err)))
        goto out;
    st = evc_tagger_train(tr.v, tr.n, dv.v, dv.n, &to, &m->tagger, err);
    if (st)
        goto out;

    /* the parser trains and tunes on predicted tags */
    if ((st = jackknife(&tr, 4, to.seed, opts->log, a, err)))
        goto out;
    /* dev tagged exactly: the parser's epoch, and so the model's bytes,
     * must not depend on the tagger's early decisions */
    evc_tagger_set_exact(m->tagger, 1);
    for (size_t i = 0; i < dv.n; i++)
        tag_keep(m->tagger, &dv.v[i], a);
    evc_tagger_set_exact(m->tagger, 0);

    evc_parse_train_opts po;
    evc_parse_train_opts_default(&po);
    if (opts->parse_epochs)
        po.epochs = opts->parse_epochs;
    po.seed = opts->seed ? opts->seed : 1;
    po.runs = opts->parse_runs;
    po.verbose = opts->log;
    po.classes = wc;
    st = evc_parser_train(tr.v, tr.n, dv.v, dv.n, &po, &m->parser, err);
out:
    evc_wclass_free(wc);
    free(tr.v);
    free(dv.v);
    evc_arena_free(a);
    if (st) {
        evc_model_free(m);
        return st;
    }
    *out = m;
    return EVC_OK;
}

/* ------------------------------------------------------------ file */

evc_status evc_model_save(const evc_model *m, const char *path, evc_error *err)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return evc_error_set(err, EVC_ERR_IO, path, 0, 0, "%s", strerror(errno));
    evc_bw w;
    evc_bw_init(&w, f);
    evc_bw_bytes(&w, MODEL_MAGIC, 8);
    evc_bw_u32(&w, MODEL_VERSION);
    /* each section checks its own CRC, counted from its first byte */
    w.crc = 0;
    evc_status st = evc_tagger_save(m->tagger, &w);
    w.crc = 0;
    if (!st)
        st = evc_parser_save(m->parser, &w);
    /* the file's own CRC, over everything written so far */
    uint32_t crc = 0;
    if (!w.err && fflush(f) == 0 && fseek(f, 0, SEEK_SET) == 0) {
        char buf[1 << 16];
        size_t k;
        FILE *rf = fopen(path, "rb");
        if (rf) {
            while ((k = fread(buf, 1, sizeof buf, rf)) > 0)
                crc = evc_crc32(crc, buf, k);
            fclose(rf);
        } else
            w.err = 1;
        fseek(f, 0, SEEK_END);
    } else
        w.err = 1;
    evc_bw_u32(&w, crc);
    if (fclose(f) != 0 || w.err)
        st = st ? st : EVC_ERR_IO;
    if (st)
        return evc_error_set(err, st, path, 0, 0, "could not write the model");
    return EVC_OK;
}

evc_status evc_model_load(const char *path, evc_model **out, evc_error *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return evc_error_set(err, EVC_ERR_IO, path, 0, 0, "%s", strerror(errno));
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : (1 << 22);
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return evc_error_set(err, EVC_ERR_NOMEM, path, 0, 0, "out of memory");
            }
            buf = nb;
        }
        size_t k = fread(buf + len, 1, cap - len, f);
        len += k;
        if (k == 0)
            break;
    }
    int ioerr = ferror(f);
    fclose(f);
    if (ioerr) {
        free(buf);
        return evc_error_set(err, EVC_ERR_IO, path, 0, 0, "read error");
    }
    evc_status st = EVC_OK;
    evc_model *m = calloc(1, sizeof *m);
    if (!m) {
        free(buf);
        return evc_error_set(err, EVC_ERR_NOMEM, path, 0, 0, "out of memory");
    }
    if (len >= 8 && len < 16 && memcmp(buf, MODEL_MAGIC, 8) == 0) {
        st = evc_error_set(err, EVC_ERR_SYNTAX, path, 0, 0,
                           "model file truncated or corrupt (%zu bytes)", len);
        goto out;
    }
    if (len < 16 || memcmp(buf, MODEL_MAGIC, 8) != 0) {
        st = evc_error_set(err, EVC_ERR_SYNTAX, path, 0, 0,
                           "not an evcode model (bad magic)");
        goto out;
    }
    /* the CRC of everything before the last four bytes */
    const uint8_t *tail = (const uint8_t *)buf + len - 4;
    uint32_t want = (uint32_t)tail[0] | (uint32_t)tail[1] << 8 |
                    (uint32_t)tail[2] << 16 | (uint32_t)tail[3] << 24;
    if (evc_crc32(0, buf, len - 4) != want) {
        st = evc_error_set(err, EVC_ERR_SYNTAX, path, 0, 0,
                           "model checksum mismatch (truncated or corrupt file)");
        goto out;
    }
    evc_br r;
    evc_br_init(&r, buf + 8, len - 12);
    uint32_t version = evc_br_u32(&r);
    if (version != MODEL_VERSION) {
        st = evc_error_set(err, EVC_ERR_SYNTAX, path, 0, 0,
                           "model format version %u, expected %u", version,
                           MODEL_VERSION);
        goto out;
    }
    r.crc = 0; /* each section checks its own CRC from its first byte */
    st = evc_tagger_load(&r, &m->tagger, err);
    r.crc = 0;
    if (!st)
        st = evc_parser_load(&r, &m->parser, err);
    if (!st && (r.err || r.p != r.end))
        st = evc_error_set(err, EVC_ERR_SYNTAX, path, 0, 0, "model: %s",
                           r.err && r.what ? r.what : "trailing bytes");
    if (st && err && !err->file[0])
        snprintf(err->file, sizeof err->file, "%s", path);
out:
    free(buf);
    if (st) {
        evc_model_free(m);
        return st;
    }
    *out = m;
    return EVC_OK;
}

/* ------------------------------------------------------------ running */

evc_status evc_model_annotate(const evc_model *m, evc_sentence *s,
                              evc_arena *arena, evc_error *err)
{
    if (!m || !s)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0, "no model or sentence");
    evc_tagger_tag(m->tagger, s, arena);
    evc_status st = evc_parser_parse(m->parser, s, arena);
    if (st)
        return evc_error_set(err, st, NULL, 0, 0, "parsing failed");
    return EVC_OK;
}

evc_status evc_model_analyze(const evc_model *m, const char *text, size_t len,
                             evc_arena *arena, evc_sentence **sents, int *n,
                             evc_error *err)
{
    evc_status st = evc_segment(text, len, arena, sents, n, err);
    if (st)
        return st;
    for (int i = 0; i < *n; i++)
        if ((st = evc_model_annotate(m, &(*sents)[i], arena, err)))
            return st;
    return EVC_OK;
}

/* ------------------------------------------------------------ evaluation */

/* The universal part of a relation ("nsubj:pass" -> "nsubj"), as the
 * CoNLL 2018 script's LAS compares them. */
static size_t base_len(const char *rel)
{
    const char *c = strchr(rel, ':');
    return c ? (size_t)(c - rel) : strlen(rel);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

evc_status evc_model_eval(const evc_model *m, const char *gold_path,
                          evc_parse_scores *out, evc_error *err)
{
    memset(out, 0, sizeof *out);
    evc_arena *a = evc_arena_new(1 << 20);
    evc_arena *work = evc_arena_new(0);
    corpus gold = {0};
    evc_status st = EVC_OK;
    if (!a || !work) {
        st = evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    if ((st = read_corpus(gold_path, a, &gold, err)))
        goto done;
    long upos = 0, xpos = 0, lemma = 0, uas = 0, las = 0, ntok = 0;
    double seconds = 0;
    for (size_t i = 0; i < gold.n; i++) {
        const evc_sentence *g = &gold.v[i];
        evc_arena_reset(work);
        /* a copy with the gold tokens' forms only */
        evc_sentence s = *g;
        s.tok = evc_arena_alloc(work, sizeof *s.tok * (size_t)(g->ntok + 1));
        if (!s.tok) {
            st = evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
            goto done;
        }
        for (int k = 0; k <= g->ntok; k++) {
            evc_token t = g->tok[k];
            if (k > 0) {
                t.lemma = t.upos = t.xpos = t.feats = t.deprel = "_";
                t.head = 0;
            }
            s.tok[k] = t;
        }
        double t0 = now();
        if ((st = evc_model_annotate(m, &s, work, err)))
            goto done;
        seconds += now() - t0;
        for (int k = 1; k <= g->ntok; k++) {
            const evc_token *x = &s.tok[k], *y = &g->tok[k];
            ntok++;
            upos += strcmp(x->upos, y->upos) == 0;
            xpos += strcmp(x->xpos, y->xpos) == 0;
            lemma += strcmp(x->lemma, y->lemma) == 0;
            if (x->head == y->head) {
                uas++;
                size_t lx = base_len(x->deprel), ly = base_len(y->deprel);
                las += lx == ly && strncmp(x->deprel, y->deprel, lx) == 0;
            }
        }
    }
    out->tokens = ntok;
    out->sentences = (long)gold.n;
    if (ntok) {
        out->upos = (double)upos / ntok;
        out->xpos = (double)xpos / ntok;
        out->lemma = (double)lemma / ntok;
        out->uas = (double)uas / ntok;
        out->las = (double)las / ntok;
    }
    out->tokens_per_second = seconds > 0 ? ntok / seconds : 0;
    evc_seg_scores seg;
    if ((st = evc_segment_eval(gold_path, &seg, err)))
        goto done;
    out->token_f1 = seg.tokens.f1;
    out->sentence_f1 = seg.sentences.f1;
done:
    free(gold.v);
    evc_arena_free(a);
    evc_arena_free(work);
    return st;
}

/* ------------------------------------------------------------ CoNLL-U out */

static const char *or_(const char *s)
{
    return s && s[0] ? s : "_";
}

evc_status evc_sentence_write_conllu(FILE *f, const evc_sentence *s,
                                     const char *id, evc_error *err)
{
    if (id)
        fprintf(f, "# sent_id = %s\n", id);
    if (s->text) {
        /* a "# text" comment is one line */
        fputs("# text = ", f);
        for (const char *p = s->text; *p; p++)
            putc(*p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p, f);
        putc('\n', f);
    }
    for (int i = 1; i <= s->ntok; i++) {
        const evc_token *t = &s->tok[i];
        const char *misc = "_";
        if (t->off >= 0 && i < s->ntok && s->tok[i + 1].off == t->off + t->len)
            misc = "SpaceAfter=No";
        fprintf(f, "%d\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t_\t%s\n", i, or_(t->form),
                or_(t->lemma), or_(t->upos), or_(t->xpos), or_(t->feats), t->head,
                or_(t->deprel), misc);
    }
    putc('\n', f);
    if (ferror(f))
        return evc_error_set(err, EVC_ERR_IO, NULL, 0, 0, "write error");
    return EVC_OK;
}
