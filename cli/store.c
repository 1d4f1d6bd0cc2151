/* store.c: the subcommands of the SQLite store (include/evcode.h, "store";
 * README, "Store and queries"):
 *   evcode ingest --db FILE.db [coding options] INPUT...  code and store
 *   evcode ingest --db FILE.db --events FILE.jsonl...      store coded events
 *   evcode query --db FILE.db counts|dyads|actors|events [filters]
 *   evcode export --db FILE.db --format jsonl|phoenix|gdelt|csv [filters]
 * Ingest codes through `evcode code`'s pipeline (cli_code with a sink) and
 * commits one transaction per batch; errors are one line on stderr. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

static const char *prog = "evcode";

void store_usage(FILE *f)
{
    fprintf(f,
            "\n"
            "store (an SQLite file; see the README, \"Store and queries\"):\n"
            "  ingest --db FILE.db [--recode] [code options] [FILE...]\n"
            "        code articles (JSON Lines, text) as `code` does and store them,\n"
            "        their sentences and events; an article stored with the same\n"
            "        content is skipped, a changed one replaced (--recode: all)\n"
            "  ingest --db FILE.db --events FILE.jsonl...\n"
            "        store events `evcode code` wrote (JSON Lines)\n"
            "  query --db FILE.db counts [--by day|week|month|year] [filters]\n"
            "  query --db FILE.db dyads|actors|events [--limit N] [filters]\n"
            "  query --db FILE.db places [--by-place country|admin1|city] [--limit N]\n"
            "        [filters]: where the events happened, most first\n"
            "        [--format table|csv|json]; filters: --root 18,19,20 --code 190\n"
            "        --quad N --source PAK --target AFG --country PAK --place NAME\n"
            "        --from YYYY-MM-DD --to YYYY-MM-DD --match 'FTS5 query'\n"
            "  export --db FILE.db --format jsonl|phoenix|gdelt|csv [filters]\n"
            "        [-o FILE]: the events, in the order they were ingested\n");
}

/* "evcode: CMD: message" for e (the store's path, when it names one, first). */
static void fail_line(const char *cmd, const evc_error *e)
{
    char buf[700];
    evc_error_format(e, buf, sizeof buf);
    fprintf(stderr, "%s: %s: %s\n", prog, cmd, buf);
}

/* ---------------------------------------------------------------- ingest */

typedef struct ingest {
    evc_store *store;
    int flags; /* EVC_STORE_REPLACE with --recode */
    long added, replaced, unchanged, appended, events, dropped;
} ingest;

static void coded_from_article(evc_coded_article *c, const evc_article *a)
{
    memset(c, 0, sizeof *c);
    c->id = a->id;
    c->date = a->date;
    c->title = a->title;
    c->source = a->source;
    c->url = a->url;
    c->text = a->text;
}

/* Before coding: an article without a date (and no --date) cannot be
 * counted over time; one stored with the same content needs no coding. */
static int ingest_check(void *arg, const char *file, const evc_article *a,
                        int32_t date, char *msg, size_t n)
{
    ingest *g = arg;
    if (!a->date && !date) {
        snprintf(msg, n, "%s: %s:%ld: article \"%.80s\" has no date: not stored "
                 "(give it a \"date\" or pass --date)", prog, file, a->line, a->id);
        return -1;
    }
    if (g->flags & EVC_STORE_REPLACE)
        return 0;
    evc_coded_article c;
    coded_from_article(&c, a);
    int same = 0;
    if (evc_store_has_article(g->store, &c, &same, NULL) != EVC_OK)
        return 0; /* storing it will say what is wrong */
    if (same)
        g->unchanged++;
    return same;
}

static void count_put(ingest *g, const evc_store_put *r)
{
    g->added += r->action == EVC_STORE_ADDED;
    g->replaced += r->action == EVC_STORE_REPLACED;
    g->unchanged += r->action == EVC_STORE_UNCHANGED;
    g->appended += r->action == EVC_STORE_APPENDED;
    g->events += r->events;
    g->dropped += r->dropped;
}

static int put_flags(ingest *g, const evc_coded_article *a, int flags,
                     evc_error *err)
{
    evc_status st = evc_store_begin(g->store, err);
    evc_store_put r;
    if (st == EVC_OK)
        st = evc_store_put_article(g->store, a, flags, &r, err);
    if (st == EVC_OK) {
        count_put(g, &r);
        return 0;
    }
    return st == EVC_ERR_ARG ? 1 : 2;
}

static int ingest_put(void *arg, const evc_coded_article *a, evc_error *err)
{
    ingest *g = arg;
    return put_flags(g, a, g->flags, err);
}

static int ingest_batch_end(void *arg, evc_error *err)
{
    ingest *g = arg;
    return evc_store_commit(g->store, err) == EVC_OK ? 0 : 2;
}

/* A set of the article ids met in this run (--events: an article whose
 * lines are not together is appended to, not replaced). */
typedef struct idset {
    char **slot;
    size_t cap, n;
} idset;

static size_t id_hash(const char *s)
{
    size_t h = 5381;
    for (; *s; s++)
        h = h * 33 + (unsigned char)*s;
    return h;
}

/* 1 if id was in the set, 0 if it was added now, -1 out of memory. */
static int idset_add(idset *s, const char *id)
{
    if (2 * (s->n + 1) > s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 1024;
        char **ns = calloc(nc, sizeof *ns);
        if (!ns)
            return -1;
        for (size_t i = 0; i < s->cap; i++)
            if (s->slot[i]) {
                size_t j = id_hash(s->slot[i]) & (nc - 1);
                while (ns[j])
                    j = (j + 1) & (nc - 1);
                ns[j] = s->slot[i];
            }
        free(s->slot);
        s->slot = ns;
        s->cap = nc;
    }
    size_t j = id_hash(id) & (s->cap - 1);
    for (; s->slot[j]; j = (j + 1) & (s->cap - 1))
        if (!strcmp(s->slot[j], id))
            return 1;
    if (!(s->slot[j] = strdup(id)))
        return -1;
    s->n++;
    return 0;
}

static void idset_free(idset *s)
{
    for (size_t i = 0; i < s->cap; i++)
        free(s->slot[i]);
    free(s->slot);
}

/* The consecutive lines of one article, gathered from an events file. */
typedef struct group {
    evc_arena *arena; /* the lines' strings */
    evc_coded_event *ev;
    int n, cap;
    const char **raw; /* the lines, for the content hash */
    size_t *rawlen;
    const char **sent; /* sentence texts by index, NULL when unknown */
    int nsent;
} group;

static int group_add(group *g, const evc_event_line *l)
{
    if (g->n == g->cap) {
        int nc = g->cap ? g->cap * 2 : 16;
        evc_coded_event *ne = realloc(g->ev, (size_t)nc * sizeof *ne);
        const char **nr = ne ? realloc(g->raw, (size_t)nc * sizeof *nr) : NULL;
        size_t *nl = nr ? realloc(g->rawlen, (size_t)nc * sizeof *nl) : NULL;
        if (ne)
            g->ev = ne;
        if (nr)
            g->raw = nr;
        if (!nl)
            return -1;
        g->rawlen = nl;
        g->cap = nc;
    }
    int k = l->ev.sentence;
    if (k >= g->nsent) {
        const char **ns = realloc(g->sent, (size_t)(k + 1) * sizeof *ns);
        if (!ns)
            return -1;
        for (int i = g->nsent; i <= k; i++)
            ns[i] = NULL;
        g->sent = ns;
        g->nsent = k + 1;
    }
    if (l->text && !g->sent[k])
        g->sent[k] = l->text;
    g->ev[g->n] = l->ev;
    g->raw[g->n] = l->raw;
    g->rawlen[g->n] = l->raw_len;
    g->n++;
    return 0;
}

/* Stores the gathered article (appending when its id was met before in
 * this run) and empties the group. */
static int group_flush(ingest *g, group *gr, const char *id, idset *seen,
                       evc_error *err)
{
    if (!gr->n)
        return 0;
    int r = 0;
    char hash[EVC_STORE_HASH_SIZE];
    evc_store_hash_parts(gr->raw, gr->rawlen, gr->n, hash);
    /* the article's text: its known sentences, one per line */
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    for (int i = 0, first = 1; f && i < gr->nsent; i++)
        if (gr->sent[i]) {
            fprintf(f, "%s%s", first ? "" : "\n", gr->sent[i]);
            first = 0;
        }
    int seen_before = f && fclose(f) == 0 ? idset_add(seen, id) : -1;
    if (seen_before < 0) {
        evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
        r = 2;
    } else {
        evc_coded_article a;
        memset(&a, 0, sizeof a);
        a.id = id;
        a.date = gr->ev[0].date;
        a.text = text;
        a.sentences = gr->sent;
        a.nsentences = gr->nsent;
        a.events = gr->ev;
        a.nevents = gr->n;
        a.hash = hash;
        r = put_flags(g, &a, seen_before ? EVC_STORE_APPEND : g->flags, err);
    }
    free(text);
    gr->n = 0;
    gr->nsent = 0;
    evc_arena_reset(gr->arena);
    return r;
}

/* --events: loads the files' events, one article per run of lines of a
 * file with the same article_id, one transaction per 64 articles. */
static int ingest_events(ingest *g, char **files, int nfiles)
{
    int rc = 0, stop = 0;
    idset seen = {0};
    group gr;
    memset(&gr, 0, sizeof gr);
    evc_arena *line_arena = evc_arena_new(0);
    gr.arena = evc_arena_new(0);
    char *cur = NULL; /* the id of the article being gathered */
    long articles = 0;
    evc_error err = {0};
    if (!line_arena || !gr.arena) {
        fprintf(stderr, "%s: ingest: out of memory\n", prog);
        rc = 2;
        stop = 1;
    }
    for (int i = 0; i < nfiles && !stop; i++) {
        FILE *f = strcmp(files[i], "-") ? fopen(files[i], "rb") : stdin;
        if (!f) {
            fprintf(stderr, "%s: %s: %s\n", prog, files[i], strerror(errno));
            rc = 2;
            break;
        }
        evc_event_reader *r = NULL;
        if (evc_event_reader_open(f, files[i], &r, &err)) {
            cli_die_err(&err);
            rc = 2;
            stop = 1;
        }
        while (!stop) {
            evc_arena_reset(line_arena);
            evc_event_line l;
            evc_status st = evc_event_reader_next(r, line_arena, &l, &err);
            if (st == EVC_END)
                break;
            if (st) {
                cli_die_err(&err);
                rc = 1;
                if (st == EVC_ERR_IO || st == EVC_ERR_ARG || st == EVC_ERR_NOMEM)
                    rc = 2, stop = 1;
                continue;
            }
            if (!cur || strcmp(cur, l.article_id)) {
                int k = cur ? group_flush(g, &gr, cur, &seen, &err) : 0;
                if (k == 0 && cur && ++articles % 64 == 0 &&
                    evc_store_commit(g->store, &err))
                    k = 2;
                free(cur);
                cur = strdup(l.article_id);
                if (!cur && !k) {
                    evc_error_set(&err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
                    k = 2;
                }
                if (k) {
                    fail_line("ingest", &err);
                    rc = k > rc ? k : rc;
                    stop = k == 2;
                    if (stop)
                        break;
                }
            }
            /* the line's strings move to the group's arena */
            evc_event_line c = l;
            evc_arena *a = gr.arena;
            c.raw = evc_arena_strndup(a, l.raw, l.raw_len);
            c.text = l.text ? evc_arena_strdup(a, l.text) : NULL;
            evc_actor *act[2] = {&c.ev.ev.source, &c.ev.ev.target};
            const evc_actor *from[2] = {&l.ev.ev.source, &l.ev.ev.target};
            int oom = !c.raw || (l.text && !c.text);
            for (int k = 0; k < 2; k++) {
                act[k]->code = evc_arena_strdup(a, from[k]->code);
                act[k]->root = evc_arena_strdup(a, from[k]->root);
                act[k]->agent = evc_arena_strdup(a, from[k]->agent);
                act[k]->text = evc_arena_strdup(a, from[k]->text);
                act[k]->antecedent = from[k]->antecedent
                                         ? evc_arena_strdup(a, from[k]->antecedent)
                                         : NULL;
                oom |= !act[k]->code || !act[k]->root || !act[k]->agent ||
                       !act[k]->text || (from[k]->antecedent && !act[k]->antecedent);
            }
            c.ev.ev.code = evc_arena_strdup(a, l.ev.ev.code);
            c.ev.ev.issues = evc_arena_strdup(a, l.ev.ev.issues);
            c.ev.verb = l.ev.verb ? evc_arena_strdup(a, l.ev.verb) : NULL;
            c.ev.date_method = l.ev.date_method
                                   ? evc_arena_strdup(a, l.ev.date_method) : NULL;
            /* the location's strings too */
            const char **ls[] = {&c.ev.place_name, &c.ev.feature_code,
                                 &c.ev.admin1, &c.ev.admin1_code,
                                 &c.ev.admin1_geonames, &c.ev.country,
                                 &c.ev.loc_method, &c.ev.loc_text};
            for (size_t j = 0; j < sizeof ls / sizeof ls[0]; j++)
                if (*ls[j] && !(*ls[j] = evc_arena_strdup(a, *ls[j])))
                    oom = 1;
            oom |= !c.ev.ev.code || !c.ev.ev.issues || (l.ev.verb && !c.ev.verb) ||
                   (l.ev.date_method && !c.ev.date_method);
            if (oom || group_add(&gr, &c)) {
                fprintf(stderr, "%s: ingest: out of memory\n", prog);
                rc = 2;
                stop = 1;
            }
        }
        evc_event_reader_close(r);
        if (f != stdin)
            fclose(f);
        /* a file's last article ends with it */
        int k = !stop && cur ? group_flush(g, &gr, cur, &seen, &err) : 0;
        if (k) {
            fail_line("ingest", &err);
            rc = k > rc ? k : rc;
            stop = k == 2;
        }
        free(cur);
        cur = NULL;
    }
    if (rc < 2 && evc_store_commit(g->store, &err)) {
        fail_line("ingest", &err);
        rc = 2;
    }
    free(cur);
    free(gr.ev);
    free(gr.raw);
    free(gr.rawlen);
    free(gr.sent);
    evc_arena_free(gr.arena);
    evc_arena_free(line_arena);
    idset_free(&seen);
    return rc;
}

int cmd_ingest(int argc, char **argv)
{
    const char *db = NULL;
    int events = 0, recode = 0, quiet = 0, nrest = 0, nfiles = 0;
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    char **files = calloc((size_t)argc + 1, sizeof *files);
    const char *coding = NULL; /* a coding option given with --events */
    if (!rest || !files) {
        free(rest);
        free(files);
        return 2;
    }
    rest[nrest++] = argv[0];
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--db") && i + 1 < argc)
            db = argv[++i];
        else if (!strcmp(a, "--events"))
            events = 1;
        else if (!strcmp(a, "--recode"))
            recode = 1;
        else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            store_usage(stdout);
            free(rest);
            free(files);
            return 0;
        } else {
            if (!strcmp(a, "--quiet"))
                quiet = 1;
            else if (a[0] == '-' && a[1] && !coding)
                coding = a;
            else if (a[0] != '-' || !a[1])
                files[nfiles++] = argv[i];
            rest[nrest++] = argv[i];
        }
    }
    int rc = 0;
    if (!db) {
        fprintf(stderr, "%s: ingest: which store? (--db FILE.db)\n", prog);
        rc = 2;
    } else if (events && coding) {
        fprintf(stderr, "%s: ingest: --events loads coded events; '%s' does not "
                        "apply\n", prog, coding);
        rc = 2;
    } else if (events && !nfiles) {
        fprintf(stderr, "%s: ingest: --events: which files?\n", prog);
        rc = 2;
    }
    ingest g;
    memset(&g, 0, sizeof g);
    g.flags = recode ? EVC_STORE_REPLACE : 0;
    evc_error err = {0};
    if (!rc && evc_store_open(db, 0, &g.store, &err)) {
        fail_line("ingest", &err);
        rc = 2;
    }
    if (!rc) {
        if (events)
            rc = ingest_events(&g, files, nfiles);
        else {
            cli_sink sink = {&g, ingest_check, ingest_put, ingest_batch_end};
            rc = cli_code(nrest, rest, &sink);
            /* a run stopped by an error leaves its last batch uncommitted */
            if (rc == 2)
                evc_store_rollback(g.store, NULL);
            else if (evc_store_commit(g.store, &err)) {
                fail_line("ingest", &err);
                rc = 2;
            }
        }
        evc_store_totals t;
        if (!quiet && rc < 2 && evc_store_totals_get(g.store, &t, &err) == EVC_OK)
        {
            printf("ingest: %ld added, %ld replaced, %ld unchanged", g.added,
                   g.replaced, g.unchanged);
            if (g.appended)
                printf(", %ld appended to", g.appended);
            printf("; %ld events written", g.events);
            if (g.dropped)
                printf(" (%ld without a CAMEO root left out)", g.dropped);
            printf("; the store holds %ld articles, %ld sentences, %ld events\n",
                   t.articles, t.sentences, t.events);
        }
    }
    evc_store_close(g.store);
    free(rest);
    free(files);
    return rc;
}

/* ---------------------------------------------------------------- query, export */

typedef enum { OUT_TABLE, OUT_CSV, OUT_JSON } out_format;

typedef struct qargs {
    const char *db, *sub, *by, *by_place, *format, *out;
    long limit;
    int has_limit;
    evc_query *q;
} qargs;

static const char *const filters[] = {"root", "code", "quad", "source", "target",
                                      "country", "place", "from", "to", "match"};

/* The options of query and export: --db, the filters, --by, --format,
 * --limit, -o, and (query) the subcommand. 0, or 2 after one line. */
static int parse_qargs(const char *cmd, int argc, char **argv, qargs *a)
{
    memset(a, 0, sizeof *a);
    a->q = evc_query_new();
    if (!a->q) {
        fprintf(stderr, "%s: %s: out of memory\n", prog, cmd);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int is_filter = 0;
        for (size_t k = 0; k < sizeof filters / sizeof *filters; k++)
            if (!strncmp(o, "--", 2) && !strcmp(o + 2, filters[k]))
                is_filter = 1;
        if (o[0] != '-' || !o[1]) {
            if (!strcmp(cmd, "query") && !a->sub) {
                a->sub = o;
                continue;
            }
            fprintf(stderr, "%s: %s: unexpected argument '%s'\n", prog, cmd, o);
            return 2;
        }
        if (!strcmp(o, "-h") || !strcmp(o, "--help")) {
            store_usage(stdout);
            return 3;
        }
        int known = is_filter || !strcmp(o, "--db") || !strcmp(o, "--by") ||
                    (!strcmp(o, "--by-place") && !strcmp(cmd, "query")) ||
                    !strcmp(o, "--format") || !strcmp(o, "--limit") ||
                    (!strcmp(o, "-o") && !strcmp(cmd, "export"));
        if (!known) {
            fprintf(stderr, "%s: %s: unknown option '%s'\n", prog, cmd, o);
            return 2;
        }
        if (!v) {
            fprintf(stderr, "%s: %s: %s wants a value\n", prog, cmd, o);
            return 2;
        }
        i++;
        evc_error err = {0};
        if (is_filter) {
            if (evc_query_set(a->q, o + 2, v, &err)) {
                fprintf(stderr, "%s: %s: --%s\n", prog, cmd, err.message);
                return 2;
            }
        } else if (!strcmp(o, "--db"))
            a->db = v;
        else if (!strcmp(o, "--by"))
            a->by = v;
        else if (!strcmp(o, "--by-place"))
            a->by_place = v;
        else if (!strcmp(o, "--format"))
            a->format = v;
        else if (!strcmp(o, "-o"))
            a->out = v;
        else {
            char *end;
            errno = 0;
            a->limit = strtol(v, &end, 10);
            if (end == v || *end || errno || a->limit < 0) {
                fprintf(stderr, "%s: %s: --limit '%s': not a number of rows\n",
                        prog, cmd, v);
                return 2;
            }
            a->has_limit = 1;
        }
    }
    if (!a->db) {
        fprintf(stderr, "%s: %s: which store? (--db FILE.db)\n", prog, cmd);
        return 2;
    }
    return 0;
}

/* An RFC 4180 field: quoted when it holds a comma, quote or line break. */
static void csv_field(FILE *f, const char *s)
{
    if (!s)
        return;
    if (!s[strcspn(s, ",\"\r\n")]) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* The columns of an event in CSV (export --format csv, query events). */
static const char csv_header[] =
    "id,article_id,sentence,date,source,source_root,source_agent,source_text,"
    "target,target_root,target_agent,target_text,code,root,quad,goldstein,"
    "plover,negated,verb,country,place_name,geonameid,feature_code,lat,lon,"
    "admin1,admin1_code,loc_method,date_method,issues,url,text\n";

static void csv_event(FILE *f, const evc_event_row *r)
{
    const evc_coded_event *e = &r->ev;
    char date[16];
    snprintf(date, sizeof date, "%04d-%02d-%02d", (int)(e->date / 10000),
             (int)(e->date / 100 % 100), (int)(e->date % 100));
    fprintf(f, "%ld,", r->id);
    csv_field(f, r->article_id);
    fprintf(f, ",%d,%s", e->sentence, date);
    const evc_actor *act[2] = {&e->ev.source, &e->ev.target};
    for (int k = 0; k < 2; k++) {
        const char *v[4] = {act[k]->code, act[k]->root, act[k]->agent, act[k]->text};
        for (int i = 0; i < 4; i++) {
            fputc(',', f);
            csv_field(f, v[i]);
        }
    }
    fputc(',', f);
    csv_field(f, e->ev.code);
    fprintf(f, ",%02d,%d,", r->root, r->quad);
    if (r->has_goldstein)
        fprintf(f, "%.1f", r->goldstein);
    fputc(',', f);
    csv_field(f, r->plover);
    fprintf(f, ",%d,", e->ev.negated);
    csv_field(f, e->verb);
    fputc(',', f);
    csv_field(f, e->country);
    fputc(',', f);
    csv_field(f, e->place_name);
    fputc(',', f);
    if (e->geonameid)
        fprintf(f, "%ld", e->geonameid);
    fputc(',', f);
    csv_field(f, e->feature_code);
    fputc(',', f);
    if (e->has_coords)
        fprintf(f, "%.6f,%.6f", e->lat, e->lon);
    else
        fputc(',', f);
    const char *tail[7] = {e->admin1, e->admin1_code, e->loc_method, e->date_method,
                           e->ev.issues, r->url, r->text};
    for (int i = 0; i < 7; i++) {
        fputc(',', f);
        csv_field(f, tail[i]);
    }
    fputc('\n', f);
}

/* What the row callbacks write to. */
typedef struct out {
    FILE *f;
    out_format fmt;
    evc_format efmt; /* export */
    long n;          /* rows written */
    int places;      /* pair rows are (place, country) */
    int failed;
    evc_error err;
} out;

/* JSON rows: "[" before the first, "," between, "]" after the last. */
static void json_sep(out *o)
{
    fputs(o->n ? ",\n" : "[\n", o->f);
}

static void json_end(out *o)
{
    fputs(o->n ? "\n]\n" : "[]\n", o->f);
}

static void json_row(out *o, json_t *obj)
{
    json_sep(o);
    if (!obj || json_dumpf(obj, o->f, JSON_COMPACT))
        o->failed = 1;
    json_decref(obj);
}

static int count_row(void *arg, const evc_count_row *r)
{
    out *o = arg;
    char start[16], end[16];
    snprintf(start, sizeof start, "%04d-%02d-%02d", (int)(r->start / 10000),
             (int)(r->start / 100 % 100), (int)(r->start % 100));
    snprintf(end, sizeof end, "%04d-%02d-%02d", (int)(r->end / 10000),
             (int)(r->end / 100 % 100), (int)(r->end % 100));
    switch (o->fmt) {
    case OUT_TABLE:
        if (!o->n)
            fprintf(o->f, "%-12s %10s\n", "period", "events");
        fprintf(o->f, "%-12s %10ld\n", r->period, r->count);
        break;
    case OUT_CSV:
        if (!o->n)
            fputs("period,start,end,events\n", o->f);
        fprintf(o->f, "%s,%s,%s,%ld\n", r->period, start, end, r->count);
        break;
    case OUT_JSON:
        json_row(o, json_pack("{s:s, s:s, s:s, s:I}", "period", r->period, "start",
                              start, "end", end, "events", (json_int_t)r->count));
    }
    o->n++;
    return ferror(o->f) || o->failed;
}

static int pair_row(void *arg, const evc_pair_row *r)
{
    out *o = arg;
    int actors = r->target == NULL;
    switch (o->fmt) {
    case OUT_TABLE:
        if (!o->n && actors)
            fprintf(o->f, "%-16s %10s %10s %10s\n", "actor", "events", "as_source",
                    "as_target");
        else if (!o->n && o->places)
            fprintf(o->f, "%-30s %-8s %10s\n", "place", "country", "events");
        else if (!o->n)
            fprintf(o->f, "%-8s %-8s %10s\n", "source", "target", "events");
        if (actors)
            fprintf(o->f, "%-16s %10ld %10ld %10ld\n", r->source, r->count,
                    r->as_source, r->as_target);
        else if (o->places)
            fprintf(o->f, "%-30s %-8s %10ld\n", r->source, r->target ? r->target : "",
                    r->count);
        else
            fprintf(o->f, "%-8s %-8s %10ld\n", r->source, r->target, r->count);
        break;
    case OUT_CSV:
        if (!o->n)
            fputs(actors      ? "actor,events,as_source,as_target\n"
                  : o->places ? "place,country,events\n"
                              : "source,target,events\n", o->f);
        csv_field(o->f, r->source);
        fputc(',', o->f);
        if (!actors) {
            csv_field(o->f, r->target);
            fprintf(o->f, ",%ld\n", r->count);
        } else
            fprintf(o->f, "%ld,%ld,%ld\n", r->count, r->as_source, r->as_target);
        break;
    case OUT_JSON:
        json_row(o, actors ? json_pack("{s:s, s:I, s:I, s:I}", "actor", r->source,
                                       "events", (json_int_t)r->count, "as_source",
                                       (json_int_t)r->as_source, "as_target",
                                       (json_int_t)r->as_target)
                  : o->places ? json_pack("{s:s, s:s?, s:I}", "place", r->source,
                                          "country", r->target, "events",
                                          (json_int_t)r->count)
                           : json_pack("{s:s, s:s, s:I}", "source", r->source,
                                       "target", r->target, "events",
                                       (json_int_t)r->count));
    }
    o->n++;
    return ferror(o->f) || o->failed;
}

/* A sentence on one line: line breaks and tabs as spaces. */
static void one_line(FILE *f, const char *s)
{
    for (; s && *s; s++)
        fputc(*s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s, f);
}

static int event_row_out(void *arg, const evc_event_row *r)
{
    out *o = arg;
    const evc_coded_event *e = &r->ev;
    switch (o->fmt) {
    case OUT_TABLE:
        fprintf(o->f, "%04d-%02d-%02d  %s -> %s  %s", (int)(e->date / 10000),
                (int)(e->date / 100 % 100), (int)(e->date % 100),
                *e->ev.source.code ? e->ev.source.code : "-",
                *e->ev.target.code ? e->ev.target.code : "-", e->ev.code);
        if (r->plover)
            fprintf(o->f, " %s", r->plover);
        if (e->verb)
            fprintf(o->f, " \"%s\"", e->verb);
        fprintf(o->f, "  [%s #%d]\n    ", r->article_id, e->sentence);
        one_line(o->f, r->text ? r->text : "(no sentence text)");
        fputc('\n', o->f);
        break;
    case OUT_CSV:
        if (!o->n)
            fputs(csv_header, o->f);
        csv_event(o->f, r);
        break;
    case OUT_JSON: {
        /* the object `evcode code` writes, in an array */
        char *buf = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&buf, &len);
        int bad = !m || evc_event_row_write(m, EVC_FORMAT_JSONL, 0, r, &o->err);
        if (m && fclose(m))
            bad = 1;
        if (bad || len == 0) {
            free(buf);
            o->failed = 1;
            return 1;
        }
        json_sep(o);
        fwrite(buf, 1, len - 1, o->f); /* without its newline */
        free(buf);
    }
    }
    o->n++;
    return ferror(o->f) || o->failed;
}

static int parse_out_format(const char *cmd, const char *s, out_format *f)
{
    if (!s || !strcmp(s, "table"))
        *f = OUT_TABLE;
    else if (!strcmp(s, "csv"))
        *f = OUT_CSV;
    else if (!strcmp(s, "json"))
        *f = OUT_JSON;
    else {
        fprintf(stderr, "%s: %s: --format '%s': not an output format (table, "
                        "csv, json)\n", prog, cmd, s);
        return 2;
    }
    return 0;
}

int cmd_query(int argc, char **argv)
{
    qargs a;
    int rc = parse_qargs("query", argc, argv, &a);
    out o;
    memset(&o, 0, sizeof o);
    o.f = stdout;
    evc_period by = EVC_PERIOD_MONTH;
    evc_error err = {0};
    static const char *const subs = "counts, dyads, actors, places, events";
    evc_place_level level = EVC_PLACE_LEVEL_ADMIN1;
    if (!rc && !a.sub) {
        fprintf(stderr, "%s: query: which question? (%s)\n", prog, subs);
        rc = 2;
    } else if (!rc && strcmp(a.sub, "counts") && strcmp(a.sub, "dyads") &&
               strcmp(a.sub, "actors") && strcmp(a.sub, "places") &&
               strcmp(a.sub, "events")) {
        fprintf(stderr, "%s: query: unknown question '%s' (%s)\n", prog, a.sub, subs);
        rc = 2;
    } else if (!rc && a.by && strcmp(a.sub, "counts")) {
        fprintf(stderr, "%s: query: --by is for counts, not %s\n", prog, a.sub);
        rc = 2;
    } else if (!rc && a.by_place && strcmp(a.sub, "places")) {
        fprintf(stderr, "%s: query: --by-place is for places, not %s\n", prog, a.sub);
        rc = 2;
    } else if (!rc && a.has_limit && !strcmp(a.sub, "counts")) {
        fprintf(stderr, "%s: query: --limit is for dyads, actors, places and events\n", prog);
        rc = 2;
    } else if (!rc && a.has_limit && a.limit == 0 && strcmp(a.sub, "events")) {
        fprintf(stderr, "%s: query: --limit wants at least 1\n", prog);
        rc = 2;
    }
    if (!rc && a.by_place && evc_place_level_parse(a.by_place, &level, &err)) {
        fprintf(stderr, "%s: query: --by-place: %s\n", prog, err.message);
        rc = 2;
    }
    if (!rc && a.by && evc_period_parse(a.by, &by, &err)) {
        fprintf(stderr, "%s: query: --by: %s\n", prog, err.message);
        rc = 2;
    }
    if (!rc)
        rc = parse_out_format("query", a.format, &o.fmt);
    evc_store *s = NULL;
    if (!rc && evc_store_open(a.db, EVC_STORE_READONLY, &s, &err)) {
        fail_line("query", &err);
        rc = 2;
    }
    if (!rc) {
        evc_status st;
        if (!strcmp(a.sub, "counts"))
            st = evc_store_counts(s, a.q, by, count_row, &o, &err);
        else if (!strcmp(a.sub, "dyads"))
            st = evc_store_dyads(s, a.q, a.has_limit ? (int)a.limit : 20, pair_row,
                                 &o, &err);
        else if (!strcmp(a.sub, "actors"))
            st = evc_store_actors(s, a.q, a.has_limit ? (int)a.limit : 20, pair_row,
                                  &o, &err);
        else if (!strcmp(a.sub, "places")) {
            o.places = 1;
            st = evc_store_places(s, a.q, level, a.has_limit ? (int)a.limit : 20,
                                  pair_row, &o, &err);
        }
        else
            st = evc_store_events(s, a.q, EVC_ORDER_DATE, a.has_limit ? a.limit : 50,
                                  event_row_out, &o, &err);
        if (st) {
            /* a bad --match is the caller's; its message names the field */
            if (st == EVC_ERR_ARG)
                fprintf(stderr, "%s: query: --%s\n", prog, err.message);
            else
                fail_line("query", &err);
            rc = 2;
        } else if (o.fmt == OUT_JSON)
            json_end(&o);
        else if (o.fmt == OUT_TABLE && !o.n)
            printf("(no events)\n");
    }
    if (!rc && (o.failed || fflush(stdout) || ferror(stdout))) {
        fprintf(stderr, "%s: query: writing the answer failed\n", prog);
        rc = 2;
    }
    evc_store_close(s);
    evc_query_free(a.q);
    return rc == 3 ? 0 : rc;
}

static int export_row(void *arg, const evc_event_row *r)
{
    out *o = arg;
    if (o->fmt == OUT_CSV) {
        if (!o->n)
            fputs(csv_header, o->f);
        csv_event(o->f, r);
    } else if (evc_event_row_write(o->f, o->efmt, o->n + 1, r, &o->err)) {
        o->failed = 1;
        return 1;
    }
    o->n++;
    return ferror(o->f) != 0;
}

int cmd_export(int argc, char **argv)
{
    qargs a;
    int rc = parse_qargs("export", argc, argv, &a);
    out o;
    memset(&o, 0, sizeof o);
    o.fmt = OUT_TABLE; /* the evc_event_write formats */
    evc_error err = {0};
    if (!rc && (a.by || a.has_limit)) {
        fprintf(stderr, "%s: export: --by and --limit are for query\n", prog);
        rc = 2;
    }
    if (!rc) {
        const char *f = a.format;
        if (!f) {
            fprintf(stderr, "%s: export: which --format? (jsonl, phoenix, gdelt, "
                            "csv)\n", prog);
            rc = 2;
        } else if (!strcmp(f, "jsonl"))
            o.efmt = EVC_FORMAT_JSONL;
        else if (!strcmp(f, "phoenix"))
            o.efmt = EVC_FORMAT_PHOENIX;
        else if (!strcmp(f, "gdelt"))
            o.efmt = EVC_FORMAT_GDELT;
        else if (!strcmp(f, "csv"))
            o.fmt = OUT_CSV;
        else {
            fprintf(stderr, "%s: export: --format '%s': not an export format "
                            "(jsonl, phoenix, gdelt, csv)\n", prog, f);
            rc = 2;
        }
    }
    evc_store *s = NULL;
    if (!rc && evc_store_open(a.db, EVC_STORE_READONLY, &s, &err)) {
        fail_line("export", &err);
        rc = 2;
    }
    o.f = stdout;
    if (!rc && a.out && strcmp(a.out, "-") && !(o.f = fopen(a.out, "wb"))) {
        fprintf(stderr, "%s: export: %s: %s\n", prog, a.out, strerror(errno));
        rc = 2;
    }
    if (!rc) {
        evc_status st = evc_store_events(s, a.q, EVC_ORDER_INPUT, 0, export_row, &o, &err);
        if (st == EVC_ERR_ARG) {
            fprintf(stderr, "%s: export: --%s\n", prog, err.message);
            rc = 2;
        } else if (st) {
            fail_line("export", &err);
            rc = 2;
        } else if (o.failed) {
            fail_line("export", &o.err);
            rc = 2;
        }
        if (fflush(o.f) || ferror(o.f)) {
            fprintf(stderr, "%s: export: writing failed\n", prog);
            rc = 2;
        }
        if (o.f != stdout && fclose(o.f) && !rc) {
            fprintf(stderr, "%s: export: %s: %s\n", prog, a.out, strerror(errno));
            rc = 2;
        }
    }
    evc_store_close(s);
    evc_query_free(a.q);
    return rc == 3 ? 0 : rc;
}
