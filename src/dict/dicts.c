/* dicts.c: the dictionary set as a whole: creating, loading (by file list, by
 * folder with an `evcode.dicts` manifest or the standard Phoenix / PETRARCH
 * validation names), finishing, freeing, statistics; and the line reader
 * every non-verb loader shares, which follows PETRARCH's comment rules. */
#include "dict/dict.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <utf8proc.h>

/* ------------------------------------------------------------ small helpers */

void *evc_dict_grow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    size_t nc = *cap ? *cap : 16;
    while (nc < need) {
        if (nc > SIZE_MAX / 2 / elem)
            return NULL;
        nc *= 2;
    }
    void *q = realloc(p, nc * elem);
    if (!q)
        return NULL;
    *cap = nc;
    return q;
}

static int days_in_month(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

int32_t evc_dict_parse_date(const char *s, size_t n)
{
    /* PETRARCH's dstr_to_ordate reads up to 7 characters as yymmdd and more
     * as yyyymmdd, ignoring what follows the date; the Phoenix files rely on
     * it ("9008223", "201005011", "1920030320"), so this does too, for
     * digits only */
    if (n < 6 || n > 10)
        return 0;
    int v[10];
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v[i] = s[i] - '0';
    }
    int y, k;
    if (n >= 8) {
        y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
        k = 4;
    } else {
        y = v[0] * 10 + v[1];
        y += y <= 30 ? 2000 : 1900; /* TABARI/PETRARCH's century rule */
        k = 2;
    }
    int m = v[k] * 10 + v[k + 1];
    int dd = v[k + 2] * 10 + v[k + 3];
    if (y < 1 || m < 1 || m > 12 || dd < 1 || dd > days_in_month(y, m))
        return 0;
    return (int32_t)(y * 10000 + m * 100 + dd);
}

/* ------------------------------------------------------------ line reader */

evc_status evc_dict_reader_open(evc_dict_reader *r, const char *name,
                                const char *buf, size_t len, evc_error *err)
{
    memset(r, 0, sizeof *r);
    r->name = name ? name : "";
    r->buf = buf ? buf : "";
    r->len = buf ? len : 0;
    r->err = err;
    /* check the encoding once, up front: ASCII is skipped quickly and
     * utf8proc judges the rest (overlongs, surrogates, truncation) */
    long line = 1;
    const unsigned char *b = (const unsigned char *)r->buf;
    size_t line_start = 0;
    for (size_t i = 0; i < r->len;) {
        unsigned char c = b[i];
        if (c < 0x80) {
            if (c == '\n') {
                line++;
                line_start = i + 1;
            } else if (c == 0) {
                return evc_error_set(err, EVC_ERR_SYNTAX, r->name, line,
                                     (long)(i - line_start + 1),
                                     "unexpected NUL byte");
            }
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(b + i, (utf8proc_ssize_t)(r->len - i), &cp);
        if (k <= 0)
            return evc_error_set(err, EVC_ERR_UTF8, r->name, line,
                                 (long)(i - line_start + 1),
                                 "invalid UTF-8 byte 0x%02X", c);
        i += (size_t)k;
    }
    if (r->len >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0)
        r->pos = 3; /* a byte-order mark */
    return EVC_OK;
}

void evc_dict_reader_close(evc_dict_reader *r)
{
    free(r->text);
    r->text = NULL;
    r->cap = r->n = 0;
}

evc_status evc_dict_reader_fail(evc_dict_reader *r, const char *at,
                                const char *fmt, ...)
{
    long col = 0;
    if (at && r->text && at >= r->text && at <= r->text + r->n)
        col = (long)(at - r->text) + 1;
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return evc_error_set(r->err, EVC_ERR_SYNTAX, r->name, r->line, col, "%s",
                         msg);
}

static char *find3(char *s, size_t n, const char *pat)
{
    for (size_t i = 0; i + 3 <= n; i++)
        if (s[i] == pat[0] && s[i + 1] == pat[1] && s[i + 2] == pat[2])
            return s + i;
    return NULL;
}

/* Blanks comments in r->text[0..r->n) (keeping columns) and trims the end.
 * Returns false if nothing but blanks is left. */
static bool clean_line(evc_dict_reader *r)
{
    char *t = r->text;
    size_t n = r->n, i = 0;
    if (r->comment_line) {
        char *e = find3(t, n, "-->");
        if (!e)
            return false;
        i = (size_t)(e - t) + 3;
        memset(t, ' ', i);
        r->comment_line = 0;
    }
    size_t lead = i;
    while (lead < n && (t[lead] == ' ' || t[lead] == '\t'))
        lead++;
    if (lead + 1 < n && t[lead] == '<' && t[lead + 1] == '!' &&
        !(lead + 3 < n && t[lead + 2] == '-' && t[lead + 3] == '-'))
        return false; /* "<! ...": PETRARCH skips the line */
    for (; i < n; i++) {
        if (t[i] == '#') {
            n = i;
            break;
        }
        if (t[i] == '<' && n - i >= 4 && t[i + 1] == '!' && t[i + 2] == '-' &&
            t[i + 3] == '-') {
            char *e = find3(t + i + 4, n - i - 4, "-->");
            if (!e) {
                r->comment_line = r->line;
                n = i;
                break;
            }
            size_t end = (size_t)(e - t) + 3;
            memset(t + i, ' ', end - i);
            i = end - 1;
        }
    }
    while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t'))
        n--;
    t[n] = 0;
    r->n = n;
    for (size_t k = 0; k < n; k++)
        if (t[k] != ' ' && t[k] != '\t')
            return true;
    return false;
}

evc_status evc_dict_reader_next(evc_dict_reader *r)
{
    for (;;) {
        if (r->pos >= r->len) {
            if (r->comment_line) {
                long at = r->comment_line;
                r->comment_line = 0;
                return evc_error_set(r->err, EVC_ERR_SYNTAX, r->name, at, 0,
                                     "expected '-->' closing the comment "
                                     "opened here");
            }
            return EVC_END;
        }
        const char *b = r->buf + r->pos;
        const char *nl = memchr(b, '\n', r->len - r->pos);
        const char *e = nl ? nl : r->buf + r->len;
        r->pos = (size_t)(e - r->buf) + (nl ? 1 : 0);
        r->line++;
        if (e > b && e[-1] == '\r')
            e--;
        size_t n = (size_t)(e - b);
        if (n + 1 > r->cap) {
            size_t nc = r->cap ? r->cap : 256;
            while (nc < n + 1)
                nc *= 2;
            char *q = realloc(r->text, nc);
            if (!q)
                return evc_error_set(r->err, EVC_ERR_NOMEM, r->name, r->line,
                                     0, "out of memory");
            r->text = q;
            r->cap = nc;
        }
        memcpy(r->text, b, n);
        r->text[n] = 0;
        r->n = n;
        if (clean_line(r))
            return EVC_OK;
    }
}

/* ------------------------------------------------------------ files */

evc_status evc_dict_load_with(evc_dicts *d, const char *path,
                              evc_dict_parse_fn parse, evc_error *err)
{
    char *buf;
    size_t len;
    evc_status st = evc_read_file(path, &buf, &len, err);
    if (st != EVC_OK)
        return st;
    st = parse(d, path, buf, len, err);
    free(buf);
    return st;
}

evc_status evc_read_file(const char *path, char **buf, size_t *len,
                         evc_error *err)
{
    *buf = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return evc_error_set(err, EVC_ERR_IO, path, 0, 0, "cannot open: %s",
                             strerror(errno));
    size_t cap = 1 << 16, n = 0;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        cap = (size_t)st.st_size + 1;
    char *b = malloc(cap);
    if (!b) {
        fclose(f);
        return evc_error_set(err, EVC_ERR_NOMEM, path, 0, 0, "out of memory");
    }
    for (;;) {
        if (n + 1 >= cap) {
            char *q = cap < SIZE_MAX / 2 ? realloc(b, cap * 2) : NULL;
            if (!q) {
                free(b);
                fclose(f);
                return evc_error_set(err, EVC_ERR_NOMEM, path, 0, 0,
                                     "out of memory");
            }
            b = q;
            cap *= 2;
        }
        size_t k = fread(b + n, 1, cap - 1 - n, f);
        n += k;
        if (k == 0)
            break;
    }
    if (ferror(f)) {
        int e = errno;
        free(b);
        fclose(f);
        return evc_error_set(err, EVC_ERR_IO, path, 0, 0, "read error: %s",
                             strerror(e));
    }
    fclose(f);
    b[n] = 0;
    *buf = b;
    *len = n;
    return EVC_OK;
}

uint16_t evc_dicts_add_file(evc_dicts *d, const char *name)
{
    if (!name)
        name = "";
    for (int i = 0; i < d->nfiles; i++)
        if (strcmp(d->files[i], name) == 0)
            return (uint16_t)i;
    if (d->nfiles >= (int)(sizeof d->files / sizeof d->files[0]))
        return UINT16_MAX; /* unnamed: explanations say "?" */
    const char *copy = evc_arena_strdup(d->arena, name);
    if (!copy)
        return UINT16_MAX;
    d->files[d->nfiles] = copy;
    return (uint16_t)d->nfiles++;
}

/* ------------------------------------------------------------ the set */

evc_status evc_dicts_new(evc_dicts **out, evc_error *err)
{
    *out = NULL;
    evc_dicts *d = calloc(1, sizeof *d);
    if (!d)
        return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
    d->arena = evc_arena_new(256 * 1024);
    if (!d->arena || evc_wordtab_init(&d->words, d->arena)) {
        evc_arena_free(d->arena);
        free(d);
        return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    *out = d;
    return EVC_OK;
}

/* Shrinks a malloc'd array to its final size (it no longer grows). */
static void *freeze(void *p, size_t n, size_t *cap, size_t elem)
{
    if (!p || n == 0 || n == *cap)
        return p;
    void *q = realloc(p, n * elem);
    if (!q)
        return p;
    *cap = n;
    return q;
}

evc_status evc_dicts_finish(evc_dicts *d, evc_error *err)
{
    evc_status st = evc_dict_verbs_finish(d, err);
    if (st != EVC_OK)
        return st;
    for (size_t i = 0; i < d->nsynsets; i++) {
        evc_synset *sy = &d->synsets[i];
        memset(sy->lastmask, 0, sizeof sy->lastmask);
        for (size_t m = 0; m < sy->members.n; m++) {
            const evc_phrase *p = &sy->members.v[m];
            if (p->nwords)
                evc_mask_set(sy->lastmask, p->words[p->nwords - 1]);
        }
    }
    evc_phrase_set *sets[] = {&d->actors, &d->agents, &d->discards, &d->issues};
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++)
        if (evc_phrase_set_finish(sets[i]))
            return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0,
                                 "out of memory");
    d->actor_codes = freeze(d->actor_codes, d->nactor_codes,
                            &d->cap_actor_codes, sizeof *d->actor_codes);
    d->agent_codes = freeze(d->agent_codes, d->nagent_codes,
                            &d->cap_agent_codes, sizeof *d->agent_codes);
    d->issue_codes = freeze(d->issue_codes, d->nissue_codes,
                            &d->cap_issue_codes, sizeof *d->issue_codes);
    return EVC_OK;
}

void evc_dicts_free(evc_dicts *d)
{
    if (!d)
        return;
    evc_dict_verbs_release(d);
    evc_phrase_set_release(&d->actors);
    evc_phrase_set_release(&d->agents);
    evc_phrase_set_release(&d->discards);
    evc_phrase_set_release(&d->issues);
    free(d->actor_codes);
    free((void *)d->agent_codes);
    free((void *)d->issue_codes);
    evc_wordtab_release(&d->words);
    evc_arena_free(d->arena);
    free(d);
}

evc_status evc_dicts_load(const evc_dict_files *files, evc_dicts **out,
                          evc_error *err)
{
    *out = NULL;
    if (!files)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "no dictionary files given");
    if (files->nactors < 0 || files->nactors > 16)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "between 0 and 16 actor files, not %d",
                             files->nactors);
    evc_dicts *d;
    evc_status st = evc_dicts_new(&d, err);
    if (st != EVC_OK)
        return st;
    if (files->verbs)
        st = evc_dict_load_verbs(d, files->verbs, err);
    for (int i = 0; st == EVC_OK && i < files->nactors; i++)
        if (files->actors[i])
            st = evc_dict_load_actors(d, files->actors[i], err);
    if (st == EVC_OK && files->agents)
        st = evc_dict_load_agents(d, files->agents, err);
    if (st == EVC_OK && files->discards)
        st = evc_dict_load_discards(d, files->discards, err);
    if (st == EVC_OK && files->issues)
        st = evc_dict_load_issues(d, files->issues, err);
    if (st == EVC_OK)
        st = evc_dicts_finish(d, err);
    if (st != EVC_OK) {
        evc_dicts_free(d);
        return st;
    }
    *out = d;
    return EVC_OK;
}

/* ------------------------------------------------------------ folders */

/* dir + "/" + name in arena a (name kept if absolute). */
static const char *join(evc_arena *a, const char *dir, const char *name,
                        size_t nlen)
{
    if (nlen > 0 && name[0] == '/')
        return evc_arena_strndup(a, name, nlen);
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/')
        dl--;
    char *p = evc_arena_alloc(a, dl + 1 + nlen + 1);
    if (!p)
        return NULL;
    memcpy(p, dir, dl);
    p[dl] = '/';
    memcpy(p + dl + 1, name, nlen);
    p[dl + 1 + nlen] = 0;
    return p;
}

static bool is_file(const char *path)
{
    struct stat st;
    return path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The manifest: "KIND PATH" lines, KIND one of verbs, actors (repeatable),
 * agents, discards, issues; '#' comments; PATH relative to the folder. */
static evc_status read_manifest(const char *dir, const char *path, evc_arena *a,
                                evc_dict_files *f, evc_error *err)
{
    char *buf;
    size_t len;
    evc_status st = evc_read_file(path, &buf, &len, err);
    if (st != EVC_OK)
        return st;
    evc_dict_reader r;
    st = evc_dict_reader_open(&r, path, buf, len, err);
    long seen[5] = {0, 0, 0, 0, 0};
    while (st == EVC_OK && (st = evc_dict_reader_next(&r)) == EVC_OK) {
        char *s = r.text;
        while (*s == ' ' || *s == '\t')
            s++;
        char *k = s;
        while (*s && *s != ' ' && *s != '\t')
            s++;
        size_t kl = (size_t)(s - k);
        while (*s == ' ' || *s == '\t')
            s++;
        static const char *kinds[] = {"verbs", "actors", "agents", "discards",
                                      "issues"};
        int kind = -1;
        for (int i = 0; i < 5; i++)
            if (strlen(kinds[i]) == kl && strncmp(k, kinds[i], kl) == 0)
                kind = i;
        if (kind < 0) {
            st = evc_dict_reader_fail(&r, k, "expected verbs, actors, agents, "
                                             "discards or issues");
            break;
        }
        if (!*s) {
            st = evc_dict_reader_fail(&r, s, "expected a file name after '%s'",
                                      kinds[kind]);
            break;
        }
        if (kind != 1 && seen[kind]) {
            st = evc_dict_reader_fail(&r, k, "second '%s' line (the first is "
                                             "line %ld)",
                                      kinds[kind], seen[kind]);
            break;
        }
        seen[kind] = r.line;
        const char *p = join(a, dir, s, strlen(s));
        if (!p) {
            st = evc_error_set(err, EVC_ERR_NOMEM, path, r.line, 0,
                               "out of memory");
            break;
        }
        switch (kind) {
        case 0: f->verbs = p; break;
        case 1:
            if (f->nactors >= 16) {
                st = evc_error_set(err, EVC_ERR_LIMIT, path, r.line, 1,
                                   "more than 16 actor files");
                break;
            }
            f->actors[f->nactors++] = p;
            break;
        case 2: f->agents = p; break;
        case 3: f->discards = p; break;
        default: f->issues = p; break;
        }
    }
    if (st == EVC_END)
        st = EVC_OK;
    evc_dict_reader_close(&r);
    free(buf);
    return st;
}

/* The newest CAMEO.verbpatterns*.txt in dir (names sort by date), or NULL. */
static const char *find_verbpatterns(evc_arena *a, const char *dir)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return NULL;
    char best[256] = "";
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        const char *nm = e->d_name;
        size_t n = strlen(nm);
        if (n < sizeof best && strncmp(nm, "CAMEO.verbpatterns", 18) == 0 &&
            n >= 4 && strcmp(nm + n - 4, ".txt") == 0 && strcmp(nm, best) > 0)
            memcpy(best, nm, n + 1);
    }
    closedir(dp);
    if (!best[0])
        return NULL;
    const char *p = join(a, dir, best, strlen(best));
    return is_file(p) ? p : NULL;
}

/* Sets f->X to dir/name if that file exists. */
static bool std_file(evc_arena *a, const char *dir, const char *name,
                     const char **slot)
{
    const char *p = join(a, dir, name, strlen(name));
    if (!is_file(p))
        return false;
    *slot = p;
    return true;
}

static evc_status standard_names(const char *dir, evc_arena *a,
                                 evc_dict_files *f, evc_error *err)
{
    static const char *phoenix_actors[] = {"Phoenix.Countries.actors.txt",
                                           "Phoenix.International.actors.txt",
                                           "Phoenix.MilNonState.actors.txt"};
    int found = 0;
    for (size_t i = 0; i < 3; i++) {
        const char *p = NULL;
        if (std_file(a, dir, phoenix_actors[i], &p)) {
            f->actors[f->nactors++] = p;
            found++;
        }
    }
    found += std_file(a, dir, "Phoenix.agents.txt", &f->agents);
    found += std_file(a, dir, "Phoenix.discards.txt", &f->discards);
    found += std_file(a, dir, "Phoenix.IssueCoding.txt", &f->issues);
    if (found) {
        /* the PETRARCH2 verbs first: the coder is parse-based, as PETRARCH2 */
        if (!std_file(a, dir, "CAMEO.2.0.txt", &f->verbs))
            f->verbs = find_verbpatterns(a, dir);
        return EVC_OK;
    }
    const char *p = NULL;
    if (std_file(a, dir, "PETR.Validate.actors.txt", &p)) {
        f->actors[f->nactors++] = p;
        /* The PETRARCH2-format verbs, which the UD validation records' gold
         * codings follow (their <Environment> still names the PETRARCH1
         * file, which `validate --dict-dir` reads); else the PETRARCH1 file. */
        if (!std_file(a, dir, "PETR.Validate.verbs.2.0.txt", &f->verbs))
            std_file(a, dir, "PETR.Validate.verbs.txt", &f->verbs);
        std_file(a, dir, "PETR.Validate.agents.txt", &f->agents);
        std_file(a, dir, "PETR.Validate.discards.txt", &f->discards);
        return EVC_OK;
    }
    if (std_file(a, dir, "CAMEO.2.0.txt", &f->verbs) ||
        (f->verbs = find_verbpatterns(a, dir)) != NULL)
        return EVC_OK;
    return evc_error_set(err, EVC_ERR_IO, dir, 0, 0,
                         "no evcode.dicts manifest and no standard dictionary "
                         "files (Phoenix.*, PETR.Validate.*) in the folder");
}

/* Fills f with the files of one folder (paths allocated in a). */
static evc_status resolve_dir(const char *dir, evc_arena *a, evc_dict_files *f,
                              evc_error *err)
{
    memset(f, 0, sizeof *f);
    if (!dir || !*dir)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0, "no folder given");
    struct stat st0;
    if (stat(dir, &st0) != 0)
        return evc_error_set(err, EVC_ERR_IO, dir, 0, 0, "cannot open: %s",
                             strerror(errno));
    if (!S_ISDIR(st0.st_mode))
        return evc_error_set(err, EVC_ERR_IO, dir, 0, 0, "not a folder");
    const char *manifest = join(a, dir, "evcode.dicts", 12);
    if (!manifest)
        return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
    if (is_file(manifest))
        return read_manifest(dir, manifest, a, f, err);
    return standard_names(dir, a, f, err);
}

evc_status evc_dicts_load_dir(const char *dir, evc_dicts **out, evc_error *err)
{
    return evc_dicts_load_dirs(&dir, 1, out, err);
}

evc_status evc_dicts_load_dirs(const char *const *dirs, int ndirs,
                               evc_dicts **out, evc_error *err)
{
    *out = NULL;
    if (!dirs || ndirs < 1)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0, "no folder given");
    evc_arena *a = evc_arena_new(0);
    if (!a)
        return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
    evc_dict_files all, one;
    memset(&all, 0, sizeof all);
    evc_status st = EVC_OK;
    for (int i = 0; i < ndirs && st == EVC_OK; i++) {
        st = resolve_dir(dirs[i], a, &one, err);
        if (st != EVC_OK)
            break;
        if (all.nactors + one.nactors > 16) {
            st = evc_error_set(err, EVC_ERR_LIMIT, dirs[i], 0, 0,
                               "more than 16 actor files in all");
            break;
        }
        for (int k = 0; k < one.nactors; k++)
            all.actors[all.nactors++] = one.actors[k];
        /* the last folder that names one wins */
        if (one.verbs)
            all.verbs = one.verbs;
        if (one.agents)
            all.agents = one.agents;
        if (one.discards)
            all.discards = one.discards;
        if (one.issues)
            all.issues = one.issues;
    }
    if (st == EVC_OK)
        st = evc_dicts_load(&all, out, err);
    evc_arena_free(a);
    return st;
}

/* ------------------------------------------------------------ stats */

static size_t set_bytes(const evc_phrase_set *s)
{
    return s->cap * sizeof *s->v + s->nslots * 3 * sizeof(uint32_t) +
           s->nprefix_first * sizeof(uint32_t);
}

void evc_dicts_stats(const evc_dicts *d, evc_dict_stats *out)
{
    memset(out, 0, sizeof *out);
    if (!d)
        return;
    out->verb_forms = d->nforms;
    for (size_t i = 0; i < d->nverbs; i++)
        out->verb_patterns += d->verbs[i].npats;
    out->synsets = d->nsynsets;
    out->actor_phrases = d->actors.n;
    out->actor_codes = d->nactor_codes;
    out->agents = d->agents.n;
    out->discards = d->discards.n;
    out->issues = d->issues.n;
    out->words = d->words.nwords;
    size_t b = evc_arena_used(d->arena);
    b += d->words.cap_words * sizeof(char *) + d->words.nslots * sizeof(uint32_t);
    b += set_bytes(&d->actors) + set_bytes(&d->agents) +
         set_bytes(&d->discards) + set_bytes(&d->issues);
    for (size_t i = 0; i < d->nsynsets; i++)
        b += set_bytes(&d->synsets[i].members);
    b += d->cap_actor_codes * sizeof *d->actor_codes;
    b += (d->cap_agent_codes + d->cap_issue_codes) * sizeof(char *);
    b += d->cap_verbs * sizeof *d->verbs + d->cap_forms * sizeof *d->forms +
         d->cap_synsets * sizeof *d->synsets + d->form_nslots * 3 * sizeof(uint32_t);
    out->bytes = b;
}
