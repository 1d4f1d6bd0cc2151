/* evcode.c: the command line. Subcommands turn library errors into one clear
 * line on stderr and an exit status; they use only include/evcode.h.
 *   evcode code [options] [FILE...]      code events (parsed input for now)
 *   evcode validate [options] FILE.xml   score PETRARCH validation records */
#include "evcode.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static const char *prog = "evcode";

static void usage(FILE *f)
{
    fprintf(f,
            "usage: evcode <command> [options]\n"
            "\n"
            "commands:\n"
            "  code [--dicts DIR] [--model FILE] [--format jsonl|tsv] [--date YYYY-MM-DD]\n"
            "       [--input-format xml|conllu|jsonl|text] [--explain] [--keep-negated]\n"
            "       [FILE...]\n"
            "        code events from parsed sentences (CoNLL-U, or PETRARCH XML\n"
            "        with <Parse>); FILE '-' or none reads stdin\n"
            "  validate [--dicts DIR | --dict-dir DIR] [--floor N] [--quiet] FILE.xml\n"
            "        code PETRARCH validation records from their parses, compare with\n"
            "        the gold codings, print failures and 'N passed, M failed'\n"
            "  parse [--model FILE] [--input-format text|conllu] [FILE...]\n"
            "        raw text (or CoNLL-U tokens) -> CoNLL-U with evcode's own\n"
            "        segmentation, tagging and parsing\n"
            "  train --train A.conllu[,B.conllu...] [--dev D.conllu] -o MODEL\n"
            "        [--seed N] [--tag-epochs N] [--parse-epochs N]\n"
            "  eval-parse [--model FILE] GOLD.conllu\n"
            "        UPOS, XPOS, lemma, UAS, LAS on gold tokens; token and sentence\n"
            "        F1 on the raw text; tokens/s\n"
            "  version\n"
            "\n"
            "Without --dicts the dictionaries come from $EVCODE_DICTS, else\n"
            "../shared/data/dictionaries/phoenix.\n");
}

static void die_err(const evc_error *e)
{
    char buf[700];
    evc_error_format(e, buf, sizeof buf);
    fprintf(stderr, "%s: %s\n", prog, buf);
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static const char *default_dicts(void)
{
    const char *env = getenv("EVCODE_DICTS");
    if (env && *env)
        return env;
    return "../shared/data/dictionaries/phoenix";
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

/* ------------------------------------------------------------ code */

typedef struct code_ctx {
    /* events of the current story wait here, so that a story discard found
     * in a later sentence drops the whole story, as PETRARCH does */
    char *story_buf;
    size_t story_len;
    FILE *story;
    char story_id[256];
    int story_discarded;
    const evc_dicts *d;
    evc_code_opts opts;
    evc_format fmt;
    int32_t date;
    long sentences, events, skipped;
} code_ctx;

static int code_one(code_ctx *c, evc_sentence *s, const char *article,
                    int index, evc_arena *a)
{
    evc_events ev;
    evc_error err = {0};
    if (c->date)
        s->date = c->date;
    if (evc_code_sentence(c->d, s, &c->opts, a, &ev, &err)) {
        die_err(&err);
        return -1;
    }
    c->sentences++;
    if (ev.discarded == 2)
        c->story_discarded = 1;
    FILE *out = c->story ? c->story : stdout;
    for (int i = 0; i < ev.n; i++) {
        if (evc_event_write(out, c->fmt, article, index, s, &ev.ev[i], &err)) {
            die_err(&err);
            return -1;
        }
        c->events++;
    }
    return 0;
}

/* Writes out (or, after a story discard, drops) the buffered story. */
static int story_flush(code_ctx *c)
{
    if (!c->story)
        return 0;
    if (fclose(c->story) != 0) {
        c->story = NULL;
        free(c->story_buf);
        return -1;
    }
    c->story = NULL;
    int rc = 0;
    if (!c->story_discarded && c->story_len &&
        fwrite(c->story_buf, 1, c->story_len, stdout) != c->story_len)
        rc = -1;
    free(c->story_buf);
    c->story_buf = NULL;
    c->story_len = 0;
    c->story_discarded = 0;
    return rc;
}

/* Starts buffering the story `id` (a <Sentence> id up to its last '-' or
 * '_'; an <Article> is a story of its own) unless it is the current one. */
static int story_begin(code_ctx *c, const char *id, int is_article)
{
    char key[256];
    snprintf(key, sizeof key, "%s", id ? id : "");
    char *cut = strrchr(key, '-');
    if (!cut)
        cut = strrchr(key, '_');
    if (cut && !is_article)
        *cut = 0;
    if (c->story && !is_article && strcmp(key, c->story_id) == 0)
        return 0;
    if (story_flush(c))
        return -1;
    snprintf(c->story_id, sizeof c->story_id, "%s", key);
    c->story = open_memstream(&c->story_buf, &c->story_len);
    return c->story ? 0 : -1;
}

static int code_conllu(code_ctx *c, FILE *f, const char *name)
{
    evc_conllu_reader *r;
    evc_error err = {0};
    if (evc_conllu_reader_open(f, name, &r, &err)) {
        die_err(&err);
        return 2;
    }
    evc_arena *a = evc_arena_new(0);
    int rc = 0, index = 0;
    for (;;) {
        evc_arena_reset(a);
        evc_sentence s;
        evc_status st = evc_conllu_reader_next(r, a, &s, &err);
        if (st == EVC_END)
            break;
        if (st) {
            die_err(&err);
            rc = 2;
            break;
        }
        if (code_one(c, &s, s.id, index++, a)) {
            rc = 2;
            break;
        }
    }
    evc_arena_free(a);
    evc_conllu_reader_close(r);
    return rc;
}

static int code_xml(code_ctx *c, FILE *f, const char *name)
{
    evc_xml_reader *r;
    evc_error err = {0};
    if (evc_xml_reader_open(f, name, &r, &err)) {
        die_err(&err);
        return 2;
    }
    evc_arena *a = evc_arena_new(0);
    int rc = 0;
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
        if (!rec.parse) {
            fprintf(stderr, "%s: %s:%ld: record %s has no <Parse>; skipped "
                            "(raw text needs the parser)\n",
                    prog, name, rec.line, rec.id ? rec.id : "?");
            c->skipped++;
            continue;
        }
        evc_sentence s;
        if (evc_conllu_parse(rec.parse, strlen(rec.parse), a, &s, name,
                             rec.parse_line, &err)) {
            die_err(&err);
            c->skipped++;
            continue;
        }
        s.id = rec.id;
        s.text = rec.text;
        s.date = rec.date;
        if (story_begin(c, rec.id, rec.is_article) || code_one(c, &s, rec.id, 0, a)) {
            rc = 2;
            break;
        }
    }
    if (story_flush(c) && rc == 0)
        rc = 2;
    evc_arena_free(a);
    evc_xml_reader_close(r);
    return rc;
}

/* Raw articles (.txt, .jsonl): segmented, tagged and parsed by the model,
 * then coded sentence by sentence. A bad article is reported with its file
 * and line, skipped, and counted; the others are still coded. */
static int code_articles(code_ctx *c, const evc_model *m, FILE *f,
                         const char *name, int jsonl)
{
    evc_article_reader *r;
    evc_error err = {0};
    evc_status st = jsonl ? evc_jsonl_reader_open(f, name, &r, &err)
                          : evc_text_reader_open(f, name, &r, &err);
    if (st) {
        die_err(&err);
        return 2;
    }
    evc_arena *a = evc_arena_new(0);
    int rc = 0;
    for (;;) {
        evc_arena_reset(a);
        evc_article art;
        st = evc_article_reader_next(r, a, &art, &err);
        if (st == EVC_END)
            break;
        if (st) {
            die_err(&err);
            if (st == EVC_ERR_IO || st == EVC_ERR_ARG) {
                rc = 2;
                break;
            }
            c->skipped++;
            continue;
        }
        evc_sentence *ss;
        int n;
        if (evc_model_analyze(m, art.text, art.text_len, a, &ss, &n, &err)) {
            fprintf(stderr, "%s: %s:%ld: article %s: ", prog, name, art.line, art.id);
            die_err(&err);
            c->skipped++;
            continue;
        }
        if (story_begin(c, art.id, 1)) {
            rc = 2;
            break;
        }
        for (int k = 0; k < n && rc == 0; k++) {
            ss[k].id = art.id;
            ss[k].date = art.date;
            if (code_one(c, &ss[k], art.id, k, a))
                rc = 2;
        }
        if (rc)
            break;
    }
    if (story_flush(c) && rc == 0)
        rc = 2;
    evc_arena_free(a);
    evc_article_reader_close(r);
    return rc;
}

static const char *default_model(void);
static int load_model(const char *path, evc_model **m);

static int load_dicts(const char *dir, evc_dicts **d)
{
    evc_error err = {0};
    if (!is_dir(dir)) {
        fprintf(stderr, "%s: %s: no such dictionary folder\n", prog, dir);
        return 2;
    }
    if (evc_dicts_load_dir(dir, d, &err)) {
        die_err(&err);
        return 2;
    }
    return 0;
}

static int cmd_code(int argc, char **argv)
{
    code_ctx c;
    memset(&c, 0, sizeof c);
    evc_code_opts_default(&c.opts);
    const char *dicts = NULL, *informat = NULL, *model_path = NULL;
    evc_model *model = NULL;
    int nfiles = 0;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files)
        return 2;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--dicts") && i + 1 < argc)
            dicts = argv[++i];
        else if (!strcmp(a, "--format") && i + 1 < argc) {
            const char *f = argv[++i];
            if (!strcmp(f, "jsonl"))
                c.fmt = EVC_FORMAT_JSONL;
            else if (!strcmp(f, "tsv"))
                c.fmt = EVC_FORMAT_TSV;
            else {
                fprintf(stderr, "%s: unknown --format '%s' (jsonl, tsv)\n", prog, f);
                free(files);
                return 2;
            }
        } else if (!strcmp(a, "--date") && i + 1 < argc) {
            c.date = parse_date(argv[++i]);
            if (!c.date) {
                fprintf(stderr, "%s: --date wants YYYY-MM-DD, got '%s'\n", prog, argv[i]);
                free(files);
                return 2;
            }
        } else if (!strcmp(a, "--input-format") && i + 1 < argc)
            informat = argv[++i];
        else if (!strcmp(a, "--model") && i + 1 < argc)
            model_path = argv[++i];
        else if (!strcmp(a, "--explain"))
            c.opts.explain = 1;
        else if (!strcmp(a, "--keep-negated"))
            c.opts.keep_negated = 1;
        else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            free(files);
            return 0;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "%s: code: unknown option '%s'\n", prog, a);
            free(files);
            return 2;
        } else
            files[nfiles++] = argv[i];
    }
    if (!nfiles)
        files[nfiles++] = "-";
    evc_dicts *d;
    int rc = load_dicts(dicts ? dicts : default_dicts(), &d);
    if (rc) {
        free(files);
        return rc;
    }
    c.d = d;
    for (int i = 0; i < nfiles && rc == 0; i++) {
        const char *name = files[i];
        FILE *f = strcmp(name, "-") ? fopen(name, "rb") : stdin;
        if (!f) {
            fprintf(stderr, "%s: %s: %s\n", prog, name, strerror(errno));
            rc = 2;
            break;
        }
        const char *fmt = informat;
        if (!fmt)
            fmt = ends_with(name, ".xml")      ? "xml"
                  : ends_with(name, ".conllu") ? "conllu"
                  : ends_with(name, ".jsonl")  ? "jsonl"
                  : ends_with(name, ".txt")    ? "text"
                                               : "conllu";
        if (!strcmp(fmt, "xml"))
            rc = code_xml(&c, f, name);
        else if (!strcmp(fmt, "conllu"))
            rc = code_conllu(&c, f, name);
        else if (!strcmp(fmt, "jsonl") || !strcmp(fmt, "text")) {
            if (!model)
                rc = load_model(model_path ? model_path : default_model(), &model);
            if (!rc)
                rc = code_articles(&c, model, f, name, !strcmp(fmt, "jsonl"));
        } else {
            fprintf(stderr, "%s: unknown input format '%s' (xml, conllu, jsonl, "
                            "text)\n", prog, fmt);
            rc = 2;
        }
        if (f != stdin)
            fclose(f);
    }
    if (fflush(stdout) != 0)
        rc = 2;
    evc_dicts_free(d);
    evc_model_free(model);
    free(files);
    if (rc == 0 && c.skipped)
        rc = 1;
    return rc;
}

/* ------------------------------------------------------------ analysis */

static const char *default_model(void)
{
    const char *env = getenv("EVCODE_MODEL");
    return env && *env ? env : "data/evcode.model";
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
    int nfiles = 0;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files)
        return 2;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--model") && i + 1 < argc)
            model = argv[++i];
        else if (!strcmp(a, "--input-format") && i + 1 < argc)
            informat = argv[++i];
        else if (a[0] == '-' && a[1]) {
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

static int cmd_train(int argc, char **argv)
{
    const char *trainlist = NULL, *dev = NULL, *outp = NULL;
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
        else if (!strcmp(a, "--quiet"))
            o.log = NULL;
        else {
            fprintf(stderr, "%s: train: unknown option '%s'\n", prog, a);
            return 2;
        }
    }
    if (!trainlist || !outp) {
        fprintf(stderr, "%s: train needs --train FILE[,FILE...] and -o MODEL\n", prog);
        return 2;
    }
    char *list = strdup(trainlist);
    const char *files[16];
    int n = 0;
    for (char *tok = strtok(list, ","); tok && n < 16; tok = strtok(NULL, ","))
        files[n++] = tok;
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
    return rc;
}

static int cmd_eval_parse(int argc, char **argv)
{
    const char *model = NULL, *gold = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--model") && i + 1 < argc)
            model = argv[++i];
        else if (argv[i][0] == '-' && argv[i][1]) {
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
    const char *dicts = NULL, *dict_dir = NULL, *file = NULL;
    long floor = -1;
    int quiet = 0, explain = 0;
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
    FILE *f = fopen(file, "rb");
    if (!f) {
        fprintf(stderr, "%s: %s: %s\n", prog, file, strerror(errno));
        return 2;
    }
    evc_error err = {0};
    evc_xml_reader *r;
    if (evc_xml_reader_open(f, file, &r, &err)) {
        die_err(&err);
        fclose(f);
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
                rc = load_dicts(dicts, &d);
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
        if (!rec.parse) {
            fprintf(stderr, "%s: %s:%ld: record %s has no <Parse>\n", prog, file,
                    rec.line, rec.id ? rec.id : "?");
            failed++;
            continue;
        }
        evc_sentence s;
        if (evc_conllu_parse(rec.parse, strlen(rec.parse), a, &s, file,
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
    evc_arena_free(a);
    evc_xml_reader_close(r);
    fclose(f);
    return rc;
}

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
