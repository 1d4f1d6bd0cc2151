/* xml.c: streaming reader for PETRARCH XML: <Validation>, <Sentences> or
 * <Articles> holding <Sentence>/<Article> records (<Text>, <Parse>, gold
 * <EventCoding>) and an <Environment> naming dictionaries, as PETRARCH has. */
#include "evcode.h"

#include <expat.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

/* Expat does the XML; this file only keeps the record being read. Input is
 * fed in READ_CHUNK pieces and the parser is suspended at the end of each
 * record, so memory is bounded by the largest record, not by the file. */
#define READ_CHUNK (64 * 1024)
#define MAX_FIELD (16L << 20) /* bytes of one <Text>, <Parse> or file name */
#define MAX_ACTORFILES ((int)(sizeof ((evc_environment *)0)->actorfiles / \
                              sizeof ((evc_environment *)0)->actorfiles[0]))

/* The element whose character data is being gathered. */
typedef enum field {
    F_NONE,
    F_TEXT,
    F_PARSE,
    F_VERBFILE,
    F_ACTORFILE,
    F_AGENTFILE,
    F_DISCARDFILE,
    F_ISSUEFILE
} field;

/* A finished record waiting for evc_xml_reader_next: one malloc holds the
 * node, its codings and its strings. */
typedef struct qnode {
    struct qnode *next;
    evc_record rec;
} qnode;

struct evc_xml_reader {
    FILE *f; /* not owned */
    char *name;
    XML_Parser p;
    int depth;          /* open elements */
    int saw_root;
    char root[16];      /* the root element's name, for messages */

    /* the record being read; its strings live in `cur` */
    evc_arena *cur;
    int in_record, record_depth, have_text, have_parse;
    evc_record rec;
    evc_coding *gold; /* grows, reused from record to record */
    int goldcap;

    /* character data being gathered */
    field collecting;
    int collect_depth;
    long collect_line; /* line of its first character */
    char *sb;
    size_t slen, scap;

    int in_env;
    int require_dyad; /* state set by <Config option="require_dyad"> */
    evc_arena *envarena; /* strings of env, kept until close */
    evc_environment env;

    qnode *qhead, *qtail;

    /* input state */
    unsigned char carry[4]; /* start of a UTF-8 sequence cut by a chunk end */
    size_t ncarry;
    long fed_lines;   /* '\n' in the bytes handed to expat */
    long fed_col;     /* bytes after the last of them */
    int fed_final;    /* the last buffer has been handed to expat */
    int suspended;    /* expat stopped at a record end, input left */
    int finished;     /* expat saw the whole document */

    evc_status fail;  /* sticky error, EVC_OK if none */
    evc_error ferr;
    evc_status pending; /* UTF-8 error to report once the valid bytes before
                           it are parsed */
    evc_error perr;
};

/* ---------------------------------------------------------------- helpers */

/* Length of the longest valid UTF-8 prefix of s[0..n): n if all is valid.
 * utf8proc rejects overlong forms, surrogates and code points past U+10FFFF. */
static size_t utf8_valid_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            return i;
        i += (size_t)k;
    }
    return n;
}

/* Bytes at the end of s[0..n) that begin a UTF-8 sequence longer than what
 * is left; they are held back until the next chunk completes them. */
static size_t cut_sequence(const unsigned char *s, size_t n)
{
    for (size_t back = 1; back <= 3 && back <= n; back++) {
        unsigned char c = s[n - back];
        if ((c & 0xC0) == 0x80)
            continue; /* continuation byte: look further back */
        if (c < 0xC0)
            return 0;
        size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        return need > back ? back : 0;
    }
    return 0;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Stops the parser for good with an error at the current position. Later
 * handler calls (expat may make a few) see r->fail and do nothing. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void fail(evc_xml_reader *r, evc_status code, const char *fmt, ...)
{
    if (r->fail)
        return;
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    evc_error_set(&r->ferr, code, r->name, (long)XML_GetCurrentLineNumber(r->p),
                  (long)XML_GetCurrentColumnNumber(r->p) + 1, "%s", msg);
    r->fail = code;
    XML_StopParser(r->p, XML_FALSE);
}

/* Value of attribute `name` in expat's NULL-ended name/value list, or NULL. */
static const char *attr(const XML_Char **atts, const char *name)
{
    for (int i = 0; atts[i]; i += 2)
        if (strcmp(atts[i], name) == 0)
            return atts[i + 1];
    return NULL;
}

static int str_ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
        if (x != y)
            return 0;
    }
    return *a == *b;
}

/* Parses "yyyymmdd" or "yyyy-mm-dd" (surrounding blanks allowed) into
 * yyyymmdd; an empty string gives 0. Returns 0 on success, -1 if malformed. */
static int parse_date(const char *s, int32_t *out)
{
    while (is_space(*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && is_space(s[n - 1]))
        n--;
    *out = 0;
    if (n == 0)
        return 0;
    char d[8];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int dash_pos = n == 10 && (i == 4 || i == 7);
        if (dash_pos) {
            if (s[i] != '-')
                return -1;
            continue;
        }
        if (s[i] < '0' || s[i] > '9' || k == 8)
            return -1;
        d[k++] = s[i];
    }
    if (k != 8 || (n != 8 && n != 10))
        return -1;
    int32_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v * 10 + (d[i] - '0');
    int month = v / 100 % 100, day = v % 100;
    if (month < 1 || month > 12 || day < 1 || day > 31)
        return -1;
    *out = v;
    return 0;
}

static char *cur_strdup(evc_xml_reader *r, const char *s)
{
    char *p = evc_arena_strdup(r->cur, s);
    if (!p)
        fail(r, EVC_ERR_NOMEM, "out of memory");
    return p;
}

/* ---------------------------------------------------------------- records */

/* Where a record copy goes: a bump pointer over one block, or an arena. */
typedef struct dest {
    char *p;          /* bump: next free byte */
    size_t left;      /* bump: bytes left */
    evc_arena *arena; /* used when non-NULL */
} dest;

#define ALIGN (sizeof(max_align_t))
#define ROUND(n) (((n) + ALIGN - 1) & ~(ALIGN - 1))

static void *dest_alloc(dest *d, size_t n)
{
    if (d->arena)
        return evc_arena_alloc(d->arena, n);
    n = ROUND(n);
    if (n > d->left)
        return NULL;
    void *v = d->p;
    d->p += n;
    d->left -= n;
    return v;
}

static size_t str_size(const char *s)
{
    return s ? ROUND(strlen(s) + 1) : 0;
}

/* Bytes a bump copy of rec needs (see dest_alloc's rounding). */
static size_t record_size(const evc_record *rec)
{
    size_t n = ROUND((size_t)rec->ngold * sizeof(evc_coding) + 1);
    n += str_size(rec->id) + str_size(rec->source) + str_size(rec->text) +
         str_size(rec->parse) + str_size(rec->gold_error);
    for (int i = 0; i < rec->ngold; i++)
        n += str_size(rec->gold[i].source) + str_size(rec->gold[i].target) +
             str_size(rec->gold[i].code);
    return n;
}

static int dest_str(dest *d, const char **dst, const char *src)
{
    *dst = NULL;
    if (!src)
        return 0;
    size_t n = strlen(src) + 1;
    char *p = dest_alloc(d, n);
    if (!p)
        return -1;
    memcpy(p, src, n);
    *dst = p;
    return 0;
}

/* Deep copy of src into d. Returns 0, or -1 when out of memory. */
static int record_copy(dest *d, evc_record *dst, const evc_record *src)
{
    *dst = *src;
    dst->gold = dest_alloc(d, (size_t)src->ngold * sizeof(evc_coding) + 1);
    if (!dst->gold)
        return -1;
    for (int i = 0; i < src->ngold; i++)
        if (dest_str(d, &dst->gold[i].source, src->gold[i].source) ||
            dest_str(d, &dst->gold[i].target, src->gold[i].target) ||
            dest_str(d, &dst->gold[i].code, src->gold[i].code))
            return -1;
    if (src->ngold == 0)
        dst->gold = NULL;
    if (dest_str(d, &dst->id, src->id) ||
        dest_str(d, &dst->source, src->source) ||
        dest_str(d, &dst->text, src->text) ||
        dest_str(d, &dst->parse, src->parse) ||
        dest_str(d, &dst->gold_error, src->gold_error))
        return -1;
    return 0;
}

/* Queues the finished record and suspends the parser, so the caller gets it
 * before more input is read. */
static void record_finish(evc_xml_reader *r)
{
    r->rec.gold = r->gold;
    if (!r->have_text) {
        fail(r, EVC_ERR_SYNTAX, "<%s id=\"%s\"> (line %ld) has no <Text>",
             r->rec.is_article ? "Article" : "Sentence", r->rec.id,
             r->rec.line);
        return;
    }
    size_t size = ROUND(sizeof(qnode)) + record_size(&r->rec);
    qnode *q = malloc(size);
    if (!q) {
        fail(r, EVC_ERR_NOMEM, "out of memory");
        return;
    }
    dest d = {(char *)q + ROUND(sizeof(qnode)), size - ROUND(sizeof(qnode)),
              NULL};
    if (record_copy(&d, &q->rec, &r->rec) != 0) { /* sizes are exact */
        free(q);
        fail(r, EVC_ERR_NOMEM, "out of memory");
        return;
    }
    q->next = NULL;
    if (r->qtail)
        r->qtail->next = q;
    else
        r->qhead = q;
    r->qtail = q;
    r->in_record = 0;
    /* may be refused (e.g. inside an entity); the queue copes either way */
    XML_StopParser(r->p, XML_TRUE);
}

static void record_start(evc_xml_reader *r, const char *name,
                         const XML_Char **atts)
{
    if (r->in_record) {
        fail(r, EVC_ERR_SYNTAX, "<%s> inside another record (opened on line %ld)",
             name, r->rec.line);
        return;
    }
    evc_arena_reset(r->cur);
    memset(&r->rec, 0, sizeof r->rec);
    r->in_record = 1;
    r->record_depth = r->depth;
    r->have_text = r->have_parse = 0;
    r->rec.is_article = strcmp(name, "Article") == 0;
    r->rec.require_dyad = r->require_dyad;
    r->rec.line = (long)XML_GetCurrentLineNumber(r->p);

    const char *id = attr(atts, "id");
    const char *date = attr(atts, "date");
    const char *source = attr(atts, "source");
    if (!id || !id[0]) {
        fail(r, EVC_ERR_SYNTAX, "expected an id attribute in <%s>", name);
        return;
    }
    if (date && parse_date(date, &r->rec.date) != 0) {
        fail(r, EVC_ERR_SYNTAX,
             "expected date=\"yyyymmdd\" or \"yyyy-mm-dd\", found \"%.40s\"",
             date);
        return;
    }
    r->rec.id = cur_strdup(r, id);
    if (source)
        r->rec.source = cur_strdup(r, source);
}

static void coding_add(evc_xml_reader *r, const XML_Char **atts)
{
    const char *code = attr(atts, "eventcode");
    const char *noev = attr(atts, "noevents");
    const char *error = attr(atts, "error");
    if (noev && str_ieq(noev, "true"))
        r->rec.noevents = 1;
    if (error)
        r->rec.gold_error = cur_strdup(r, error);
    if (!code)
        return;
    if (r->rec.ngold == r->goldcap) {
        int cap = r->goldcap ? 2 * r->goldcap : 8;
        evc_coding *g = realloc(r->gold, (size_t)cap * sizeof *g);
        if (!g) {
            fail(r, EVC_ERR_NOMEM, "out of memory");
            return;
        }
        r->gold = g;
        r->goldcap = cap;
    }
    /* a missing actor is "", so a coding's three strings are never NULL */
    const char *src = attr(atts, "sourcecode"), *tgt = attr(atts, "targetcode");
    evc_coding *c = &r->gold[r->rec.ngold++];
    c->source = cur_strdup(r, src ? src : "");
    c->target = cur_strdup(r, tgt ? tgt : "");
    c->code = cur_strdup(r, code);
}

/* ---------------------------------------------------------------- text fields */

static void collect_start(evc_xml_reader *r, field f, const char *name)
{
    if (r->collecting != F_NONE) {
        fail(r, EVC_ERR_SYNTAX, "unexpected <%s> inside character data", name);
        return;
    }
    r->collecting = f;
    r->collect_depth = r->depth;
    r->collect_line = 0;
    r->slen = 0;
}

/* <Text>: trimmed, and every blank run holding a line break becomes one
 * space, so the text is the sentence as one line. Rewrites sb in place. */
static char *text_clean(evc_xml_reader *r)
{
    char *s = r->sb, *w = r->sb;
    char *e = r->sb + r->slen;
    while (s < e && is_space(*s))
        s++;
    while (e > s && is_space(e[-1]))
        e--;
    while (s < e) {
        if (!is_space(*s)) {
            *w++ = *s++;
            continue;
        }
        char *t = s;
        int newline = 0;
        while (t < e && is_space(*t))
            newline |= *t++ == '\n';
        if (newline)
            *w++ = ' ';
        else
            while (s < t)
                *w++ = *s++;
        s = t;
    }
    *w = 0;
    return r->sb;
}

/* <Parse>: leading blank lines and trailing blanks dropped; *line moves to
 * the first kept line so errors in the parse point into the XML file. */
static char *parse_clean(evc_xml_reader *r, long *line)
{
    char *s = r->sb, *e = r->sb + r->slen;
    char *start = s;
    for (char *t = s; t < e && is_space(*t); t++)
        if (*t == '\n') {
            start = t + 1;
            (*line)++;
        }
    while (e > start && is_space(e[-1]))
        e--;
    *e = 0;
    return start;
}

static char *trim(char *s, size_t n)
{
    while (n > 0 && is_space(s[n - 1]))
        s[--n] = 0;
    while (is_space(*s))
        s++;
    return s;
}

static void collect_end(evc_xml_reader *r)
{
    field f = r->collecting;
    r->collecting = F_NONE;
    r->sb[r->slen] = 0; /* sb always has room for the terminator */
    if (f == F_TEXT) {
        r->rec.text = cur_strdup(r, text_clean(r));
        r->have_text = 1;
        return;
    }
    if (f == F_PARSE) {
        long line = r->collect_line;
        char *p = parse_clean(r, &line);
        r->have_parse = 1;
        if (!*p)
            return; /* empty <Parse/>: parse stays NULL */
        r->rec.parse = cur_strdup(r, p);
        r->rec.parse_line = line;
        return;
    }
    const char *v = evc_arena_strdup(r->envarena, trim(r->sb, r->slen));
    if (!v) {
        fail(r, EVC_ERR_NOMEM, "out of memory");
        return;
    }
    switch (f) {
    case F_VERBFILE: r->env.verbfile = v; break;
    case F_AGENTFILE: r->env.agentfile = v; break;
    case F_DISCARDFILE: r->env.discardfile = v; break;
    case F_ISSUEFILE: r->env.issuefile = v; break;
    case F_ACTORFILE:
        if (r->env.nactorfiles == MAX_ACTORFILES) {
            fail(r, EVC_ERR_LIMIT, "more than %d <Actorfile> elements",
                 MAX_ACTORFILES);
            return;
        }
        r->env.actorfiles[r->env.nactorfiles++] = v;
        break;
    default: break;
    }
}

/* -------------------------------------------------------- expat handlers */

static field env_field(const char *name)
{
    if (strcmp(name, "Verbfile") == 0) return F_VERBFILE;
    if (strcmp(name, "Actorfile") == 0) return F_ACTORFILE;
    if (strcmp(name, "Agentfile") == 0) return F_AGENTFILE;
    if (strcmp(name, "Discardfile") == 0) return F_DISCARDFILE;
    if (strcmp(name, "Issuefile") == 0) return F_ISSUEFILE;
    return F_NONE;
}

static void XMLCALL on_start(void *ud, const XML_Char *name,
                             const XML_Char **atts)
{
    evc_xml_reader *r = ud;
    if (r->fail)
        return;
    r->depth++;
    if (r->depth == 1)
        snprintf(r->root, sizeof r->root, "%s", name);
    r->saw_root = 1;
    if (r->depth == 1 && strcmp(name, "Validation") != 0 &&
        strcmp(name, "Sentences") != 0 && strcmp(name, "Articles") != 0) {
        fail(r, EVC_ERR_SYNTAX,
             "expected <Validation>, <Sentences> or <Articles> as the root "
             "element, found <%.40s>", name);
        return;
    }
    int is_rec = strcmp(name, "Sentence") == 0 || strcmp(name, "Article") == 0;
    int is_part = strcmp(name, "Text") == 0 || strcmp(name, "Parse") == 0 ||
                  strcmp(name, "EventCoding") == 0;
    field ef = r->in_env ? env_field(name) : F_NONE;
    if (r->collecting != F_NONE) {
        /* markup inside <Text> is tolerated; its characters are kept */
        if (is_rec || is_part || ef != F_NONE)
            fail(r, EVC_ERR_SYNTAX, "unexpected <%s> inside character data",
                 name);
        return;
    }
    if (is_rec) {
        record_start(r, name, atts);
        return;
    }
    if (is_part && !r->in_record) {
        fail(r, EVC_ERR_SYNTAX, "<%s> outside a <Sentence> or <Article>", name);
        return;
    }
    if (strcmp(name, "Text") == 0) {
        if (r->have_text)
            fail(r, EVC_ERR_SYNTAX, "second <Text> in record %s", r->rec.id);
        else
            collect_start(r, F_TEXT, name);
    } else if (strcmp(name, "Parse") == 0) {
        if (r->have_parse)
            fail(r, EVC_ERR_SYNTAX, "second <Parse> in record %s", r->rec.id);
        else
            collect_start(r, F_PARSE, name);
    } else if (strcmp(name, "EventCoding") == 0) {
        coding_add(r, atts);
    } else if (strcmp(name, "Environment") == 0 && !r->in_record) {
        r->in_env = 1;
    } else if (ef != F_NONE) {
        collect_start(r, ef, name);
    } else if (strcmp(name, "Config") == 0) {
        /* options apply to the records that follow; only require_dyad
         * changes what evcode codes */
        const char *opt = attr(atts, "option"), *val = attr(atts, "value");
        if (opt && val && strcasecmp(opt, "require_dyad") == 0)
            r->require_dyad = strcasecmp(val, "false") != 0;
    }
    /* anything else (<Include>, <Errorfile>, ...) is ignored */
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    evc_xml_reader *r = ud;
    if (r->fail)
        return;
    if (r->collecting != F_NONE && r->depth == r->collect_depth)
        collect_end(r);
    else if (r->in_record && r->depth == r->record_depth)
        record_finish(r);
    else if (r->in_env && strcmp(name, "Environment") == 0)
        r->in_env = 0;
    r->depth--;
}

static void XMLCALL on_chars(void *ud, const XML_Char *s, int len)
{
    evc_xml_reader *r = ud;
    if (r->fail || r->collecting == F_NONE || len <= 0)
        return;
    if (r->slen == 0 && r->collect_line == 0)
        r->collect_line = (long)XML_GetCurrentLineNumber(r->p);
    size_t n = (size_t)len;
    if (r->slen + n > (size_t)MAX_FIELD) {
        fail(r, EVC_ERR_LIMIT, "element text longer than 16 MiB");
        return;
    }
    if (r->slen + n + 1 > r->scap) {
        size_t cap = r->scap;
        while (cap < r->slen + n + 1)
            cap *= 2;
        char *nb = realloc(r->sb, cap);
        if (!nb) {
            fail(r, EVC_ERR_NOMEM, "out of memory");
            return;
        }
        r->sb = nb;
        r->scap = cap;
    }
    memcpy(r->sb + r->slen, s, n);
    r->slen += n;
}

/* ---------------------------------------------------------------- reader */

/* Contract in evcode.h. The reader does not own f. The input must be UTF-8
 * (the XML declaration's encoding is overridden); other bytes give
 * EVC_ERR_UTF8 with their line. */
evc_status evc_xml_reader_open(FILE *f, const char *name, evc_xml_reader **out,
                               evc_error *err)
{
    if (!f || !out)
        return evc_error_set(err, EVC_ERR_ARG, name, 0, 0,
                             "evc_xml_reader_open: NULL argument");
    *out = NULL;
    evc_xml_reader *r = calloc(1, sizeof *r);
    if (!r)
        goto nomem;
    r->f = f;
    r->name = strdup(name ? name : "");
    r->cur = evc_arena_new(16 * 1024);
    r->envarena = evc_arena_new(1024);
    r->require_dyad = 1;
    r->p = XML_ParserCreate("UTF-8");
    r->scap = 4096;
    r->sb = malloc(r->scap); /* never NULL, so empty elements need no care */
    if (!r->name || !r->cur || !r->envarena || !r->p || !r->sb)
        goto nomem;
    XML_SetUserData(r->p, r);
    XML_SetElementHandler(r->p, on_start, on_end);
    XML_SetCharacterDataHandler(r->p, on_chars);
    *out = r;
    return EVC_OK;
nomem:
    evc_xml_reader_close(r);
    return evc_error_set(err, EVC_ERR_NOMEM, name, 0, 0, "out of memory");
}

void evc_xml_reader_close(evc_xml_reader *r)
{
    if (!r)
        return;
    while (r->qhead) {
        qnode *n = r->qhead->next;
        free(r->qhead);
        r->qhead = n;
    }
    if (r->p)
        XML_ParserFree(r->p);
    evc_arena_free(r->cur);
    evc_arena_free(r->envarena);
    free(r->gold);
    free(r->sb);
    free(r->name);
    free(r);
}

const evc_environment *evc_xml_reader_environment(const evc_xml_reader *r)
{
    return r ? &r->env : NULL;
}

/* Counts lines and columns over bytes handed to expat, so a UTF-8 error
 * found before expat sees the bytes can still name its line. */
static void count_lines(evc_xml_reader *r, const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n') {
            r->fed_lines++;
            r->fed_col = 0;
        } else {
            r->fed_col++;
        }
    }
}

/* Reads the next chunk, checks its UTF-8 and hands the valid part to
 * expat. Returns expat's status. */
static enum XML_Status feed(evc_xml_reader *r)
{
    unsigned char *b = XML_GetBuffer(r->p, READ_CHUNK + (int)sizeof r->carry);
    if (!b) {
        fail(r, EVC_ERR_NOMEM, "out of memory");
        return XML_STATUS_ERROR;
    }
    memcpy(b, r->carry, r->ncarry);
    size_t k = fread(b + r->ncarry, 1, READ_CHUNK, r->f);
    int final = 0;
    if (k < READ_CHUNK) {
        if (ferror(r->f)) {
            r->fail = evc_error_set(&r->ferr, EVC_ERR_IO, r->name,
                                    r->fed_lines + 1, 0, "read error");
            return XML_STATUS_ERROR;
        }
        final = 1;
    }
    size_t n = r->ncarry + k;
    size_t keep = final ? n : n - cut_sequence(b, n);
    size_t ok = utf8_valid_prefix(b, keep);
    r->ncarry = n - keep;
    memcpy(r->carry, b + keep, r->ncarry);
    if (ok < keep) {
        count_lines(r, b, ok);
        evc_error_set(&r->perr, EVC_ERR_UTF8, r->name, r->fed_lines + 1,
                      r->fed_col + 1, "invalid UTF-8 byte 0x%02x", b[ok]);
        r->pending = EVC_ERR_UTF8;
        return XML_ParseBuffer(r->p, (int)ok, 0);
    }
    count_lines(r, b, keep);
    r->fed_final = final;
    return XML_ParseBuffer(r->p, (int)keep, final);
}

/* Turns expat's error into the reader's sticky error. A file that ends too
 * soon says which record or element was left open. */
static void expat_error(evc_xml_reader *r)
{
    enum XML_Error code = XML_GetErrorCode(r->p);
    long line = (long)XML_GetCurrentLineNumber(r->p);
    long col = (long)XML_GetCurrentColumnNumber(r->p) + 1;
    int at_end = r->fed_final &&
                 (code == XML_ERROR_NO_ELEMENTS ||
                  code == XML_ERROR_UNCLOSED_TOKEN ||
                  code == XML_ERROR_PARTIAL_CHAR ||
                  code == XML_ERROR_UNCLOSED_CDATA_SECTION);
    if (code == XML_ERROR_NO_MEMORY)
        r->fail = evc_error_set(&r->ferr, EVC_ERR_NOMEM, r->name, line, col,
                                "out of memory");
    else if (at_end && r->in_record)
        r->fail = evc_error_set(&r->ferr, EVC_ERR_SYNTAX, r->name, line, col,
                                "unexpected end of file inside <%s id=\"%.80s\"> "
                                "opened on line %ld",
                                r->rec.is_article ? "Article" : "Sentence",
                                r->rec.id ? r->rec.id : "", r->rec.line);
    else if (at_end && r->depth == 1)
        r->fail = evc_error_set(&r->ferr, EVC_ERR_SYNTAX, r->name, line, col,
                                "unexpected end of file: <%s> is not closed",
                                r->root);
    else if (at_end && r->depth > 1)
        r->fail = evc_error_set(&r->ferr, EVC_ERR_SYNTAX, r->name, line, col,
                                "unexpected end of file: %d elements are not "
                                "closed", r->depth);
    else if (at_end && !r->saw_root)
        r->fail = evc_error_set(&r->ferr, EVC_ERR_SYNTAX, r->name, line, col,
                                "expected a <Validation>, <Sentences> or "
                                "<Articles> document, found %s",
                                line == 1 && col == 1 ? "an empty file"
                                                      : "no element");
    else
        r->fail = evc_error_set(&r->ferr, EVC_ERR_SYNTAX, r->name, line, col,
                                "XML: %s", XML_ErrorString(code));
}

/* Moves the parse forward by one step: resumes a suspended parse or feeds
 * one chunk. Afterwards a record may be queued, or r->fail or r->finished
 * is set. */
static void advance(evc_xml_reader *r)
{
    enum XML_Status st;
    if (r->suspended) {
        st = XML_ResumeParser(r->p);
    } else if (r->pending) {
        /* every valid byte before the bad one has been parsed */
        r->fail = r->pending;
        r->ferr = r->perr;
        return;
    } else if (r->fed_final) {
        r->finished = 1;
        return;
    } else {
        st = feed(r);
    }
    r->suspended = st == XML_STATUS_SUSPENDED;
    if (st == XML_STATUS_ERROR && !r->fail)
        expat_error(r);
}

/* Contract in evcode.h. Records come out in file order; errors are sticky:
 * after one, every call returns it again. */
evc_status evc_xml_reader_next(evc_xml_reader *r, evc_arena *arena,
                               evc_record *out, evc_error *err)
{
    if (!r || !arena || !out)
        return evc_error_set(err, EVC_ERR_ARG, r ? r->name : NULL, 0, 0,
                             "evc_xml_reader_next: NULL argument");
    for (;;) {
        if (r->qhead) {
            qnode *q = r->qhead;
            dest d = {NULL, 0, arena};
            if (record_copy(&d, out, &q->rec) != 0)
                return evc_error_set(err, EVC_ERR_NOMEM, r->name, 0, 0,
                                     "out of memory");
            r->qhead = q->next;
            if (!r->qhead)
                r->qtail = NULL;
            free(q);
            return EVC_OK;
        }
        if (r->fail) {
            if (err)
                *err = r->ferr;
            return r->fail;
        }
        if (r->finished)
            return EVC_END;
        advance(r);
    }
}
