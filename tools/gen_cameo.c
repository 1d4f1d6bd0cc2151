/* gen_cameo.c: writes src/enrich/cameo_table.c, the CAMEO code table behind
 * evc_cameo_lookup, from the codebook files in one folder: cameo-codes.tsv
 * (CAMEO 1.1b3 names, GDELT Goldstein, quad class, PLOVER columns) checked
 * against openeventdata/PLOVER's CAMEO2PLOVER-2021.txt crosswalk.
 *
 * Usage (from the repository root; see tools/README.md):
 *   cc -std=c11 -O2 -o /tmp/gen_cameo tools/gen_cameo.c -lm
 *   /tmp/gen_cameo ../shared/data/cameo > src/enrich/cameo_table.c
 *
 * The output is deterministic (no dates, no host names), so regenerating an
 * unchanged source gives a byte-identical file. Any disagreement between the
 * two sources that is not listed in the output's notes stops the generator
 * with "file:line: message" on stderr and exit status 1. */
#define _POSIX_C_SOURCE 200809L

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TSV_NAME "cameo-codes.tsv"
#define XWALK_NAME "CAMEO2PLOVER-2021.txt"
#define MAX_CODES 512
#define MAX_XWALK 512
#define MAX_NOTES 64
#define FIELD_MAX 160

typedef struct code_row {
    char code[5];
    char name[FIELD_MAX];
    char goldstein[16]; /* as written in the tsv, validated */
    int quad;
    char ptype[32], pmode[32], pcontext[64];
    uint32_t key;
    long line;
} code_row;

typedef struct xwalk_row {
    char code[5];
    char ptype[32], pmode[32], pcontext[64];
    int header; /* "03: AGREE" section line: a root's type only */
    long line;
} xwalk_row;

static code_row rows[MAX_CODES];
static int nrows;
static xwalk_row xw[MAX_XWALK];
static int nxw;
static char notes[MAX_NOTES][256];
static int nnotes;

static void die(const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "gen_cameo: %s:%ld: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

static void note(const char *fmt, ...)
{
    if (nnotes == MAX_NOTES) {
        fprintf(stderr, "gen_cameo: too many notes\n");
        exit(1);
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(notes[nnotes++], sizeof notes[0], fmt, ap);
    va_end(ap);
}

/* Trims ASCII blanks from both ends of s in place and returns s. */
static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
                     s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* Copies src into dst[cap] or stops: fields longer than the table's columns
 * are a source error, not something to truncate silently. */
static void copy_field(char *dst, size_t cap, const char *src, const char *file,
                       long line, const char *what)
{
    size_t n = strlen(src);
    if (n >= cap)
        die(file, line, "%s longer than %zu bytes", what, cap - 1);
    memcpy(dst, src, n + 1);
}

/* "a ;b;  c" -> "a; b; c": the two files space the context lists differently. */
static void normalize_list(char *s)
{
    char out[FIELD_MAX];
    size_t k = 0;
    for (char *p = s; *p && k + 3 < sizeof out;) {
        if (*p == ';') {
            while (k > 0 && out[k - 1] == ' ')
                k--;
            out[k++] = ';';
            out[k++] = ' ';
            p++;
            while (*p == ' ')
                p++;
        } else {
            out[k++] = *p++;
        }
    }
    out[k] = '\0';
    strcpy(s, trim(out));
}

static int valid_code(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    int root = (s[0] - '0') * 10 + (s[1] - '0');
    return root >= 1 && root <= 20;
}

/* Digits packed big-endian, zero-padded: numeric order of keys equals strcmp
 * order of the codes because every digit byte is above zero. */
static uint32_t code_key(const char *s)
{
    uint32_t k = 0;
    for (int i = 0; i < 4; i++)
        k |= (uint32_t)(s[i] ? (unsigned char)s[i] : 0) << (24 - 8 * i);
    return k;
}

/* GDELT's quad classes by root (the tsv's header states the same ranges). */
static int quad_of_root(int root)
{
    return root <= 5 ? 1 : root <= 9 ? 2 : root <= 14 ? 3 : 4;
}

static FILE *open_in(const char *dir, const char *name, char *path, size_t cap)
{
    snprintf(path, cap, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "gen_cameo: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    return f;
}

/* Splits line on tabs into at most nf fields (fields keep inner spaces). */
static int split_tabs(char *line, char **f, int nf)
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p; p++)
        if (*p == '\t') {
            *p = '\0';
            if (n == nf)
                return n + 1; /* too many */
            f[n++] = p + 1;
        }
    return n;
}

static void read_tsv(const char *path, FILE *fp)
{
    char buf[1024];
    long line = 0;
    int saw_header = 0;
    while (fgets(buf, sizeof buf, fp)) {
        line++;
        if (!strchr(buf, '\n') && !feof(fp))
            die(path, line, "line longer than %zu bytes", sizeof buf - 2);
        size_t n = strlen(buf);
        while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
            buf[--n] = '\0';
        if (buf[0] == '#' || buf[0] == '\0')
            continue;
        char *f[8];
        int nf = split_tabs(buf, f, 7);
        if (!saw_header) {
            if (nf != 7 || strcmp(f[0], "code") != 0 || strcmp(f[2], "goldstein") != 0)
                die(path, line, "expected the header line "
                    "code/name/goldstein/quad/plover_type/plover_mode/plover_context");
            saw_header = 1;
            continue;
        }
        if (nf != 7)
            die(path, line, "expected 7 tab-separated fields, found %d", nf);
        if (nrows == MAX_CODES)
            die(path, line, "more than %d codes", MAX_CODES);
        code_row *r = &rows[nrows];
        r->line = line;
        char *code = trim(f[0]);
        if (!valid_code(code))
            die(path, line, "\"%s\" is not a 2-4 digit CAMEO code with root 01-20", code);
        strcpy(r->code, code);
        r->key = code_key(r->code);
        copy_field(r->name, sizeof r->name, trim(f[1]), path, line, "name");
        if (!r->name[0])
            die(path, line, "empty name for %s", code);
        for (const char *p = r->name; *p; p++)
            if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
                die(path, line, "name of %s has a non-ASCII or control byte", code);

        char *g = trim(f[2]), *end;
        errno = 0;
        double gv = strtod(g, &end);
        if (*g == '\0' || *end || errno || gv < -10.0 || gv > 10.0 ||
            fabs(gv * 10 - round(gv * 10)) > 1e-9)
            die(path, line, "Goldstein \"%s\" is not a tenth in [-10, 10]", g);
        snprintf(r->goldstein, sizeof r->goldstein, "%.1f", gv);

        char *q = trim(f[3]);
        int root = (code[0] - '0') * 10 + (code[1] - '0');
        if (strlen(q) != 1 || q[0] < '1' || q[0] > '4')
            die(path, line, "quad class \"%s\" is not 1-4", q);
        r->quad = q[0] - '0';
        if (r->quad != quad_of_root(root))
            die(path, line, "quad class %d of %s disagrees with root %02d (expected %d)",
                r->quad, code, root, quad_of_root(root));
        copy_field(r->ptype, sizeof r->ptype, trim(f[4]), path, line, "plover_type");
        copy_field(r->pmode, sizeof r->pmode, trim(f[5]), path, line, "plover_mode");
        copy_field(r->pcontext, sizeof r->pcontext, trim(f[6]), path, line,
                   "plover_context");
        normalize_list(r->pcontext);
        if (!r->ptype[0] && (r->pmode[0] || r->pcontext[0]))
            die(path, line, "PLOVER mode or context without a type for %s", code);
        nrows++;
    }
    if (ferror(fp))
        die(path, line, "read error");
    if (!saw_header)
        die(path, line, "no header line");
}

/* CAMEO2PLOVER lines: "CODE: TYPE, MODE, CONTEXT # comment" or, for a root,
 * "NN: TYPE". Other lines (title comments, blank, the closing "~~~~~") are
 * skipped. */
static void read_xwalk(const char *path, FILE *fp)
{
    char buf[1024];
    long line = 0;
    while (fgets(buf, sizeof buf, fp)) {
        line++;
        if (!strchr(buf, '\n') && !feof(fp))
            die(path, line, "line longer than %zu bytes", sizeof buf - 2);
        char *hash = strchr(buf, '#');
        if (hash)
            *hash = '\0';
        char *s = trim(buf);
        char *colon = strchr(s, ':');
        if (!colon || !isdigit((unsigned char)s[0]))
            continue;
        *colon = '\0';
        char *code = trim(s);
        if (!valid_code(code))
            die(path, line, "\"%s\" is not a 2-4 digit CAMEO code", code);
        if (nxw == MAX_XWALK)
            die(path, line, "more than %d entries", MAX_XWALK);
        xwalk_row *x = &xw[nxw];
        memset(x, 0, sizeof *x);
        x->line = line;
        strcpy(x->code, code);
        char *rest = colon + 1, *field[3] = {rest, NULL, NULL};
        /* the context may itself hold "a; b" but never a comma */
        char *c1 = strchr(rest, ',');
        if (c1) {
            *c1 = '\0';
            field[1] = c1 + 1;
            char *c2 = strchr(field[1], ',');
            if (c2) {
                *c2 = '\0';
                field[2] = c2 + 1;
            }
        }
        copy_field(x->ptype, sizeof x->ptype, trim(field[0]), path, line, "type");
        if (!x->ptype[0])
            die(path, line, "no PLOVER type for %s", code);
        x->header = strlen(code) == 2;
        if (x->header) {
            if (field[1])
                die(path, line, "root line %s has more than a type", code);
        } else {
            if (!field[1] || !field[2])
                die(path, line, "expected TYPE, MODE, CONTEXT for %s", code);
            copy_field(x->pmode, sizeof x->pmode, trim(field[1]), path, line, "mode");
            copy_field(x->pcontext, sizeof x->pcontext, trim(field[2]), path, line,
                       "context");
            normalize_list(x->pcontext);
        }
        nxw++;
    }
    if (ferror(fp))
        die(path, line, "read error");
}

static int cmp_rows(const void *a, const void *b)
{
    uint32_t x = ((const code_row *)a)->key, y = ((const code_row *)b)->key;
    return x < y ? -1 : x > y;
}

/* Whether the normalized list "a; b; c" holds item exactly. */
static int list_has(const char *list, const char *item)
{
    size_t n = strlen(item);
    for (const char *p = list; *p;) {
        const char *e = strchr(p, ';');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && memcmp(p, item, n) == 0)
            return 1;
        if (!e)
            break;
        p = e + 2;
    }
    return 0;
}

static code_row *find_row(const char *code)
{
    for (int i = 0; i < nrows; i++)
        if (strcmp(rows[i].code, code) == 0)
            return &rows[i];
    return NULL;
}

/* Every PLOVER column of the tsv must be what the crosswalk says. The known
 * irregularities of the crosswalk become notes in the output. */
static void cross_check(const char *tsv, const char *xpath)
{
    char only_xw[256] = "";
    for (int i = 0; i < nxw; i++) {
        const xwalk_row *x = &xw[i];
        int dup = 0;
        for (int j = 0; j < i; j++)
            if (strcmp(xw[j].code, x->code) == 0) {
                dup = 1;
                if (!x->header && (strcmp(xw[j].ptype, x->ptype) ||
                                   strcmp(xw[j].pmode, x->pmode) ||
                                   strcmp(xw[j].pcontext, x->pcontext)))
                    die(xpath, x->line, "%s listed twice with different values "
                        "(first at line %ld)", x->code, xw[j].line);
                if (!x->header)
                    note("%s is listed twice in the crosswalk (lines %ld and %ld) "
                         "with the same values.", x->code, xw[j].line, x->line);
                break;
            }
        code_row *r = find_row(x->code);
        if (!r) {
            size_t k = strlen(only_xw);
            snprintf(only_xw + k, sizeof only_xw - k, "%s%s", k ? ", " : "", x->code);
            continue;
        }
        if (x->header) {
            if (strcmp(r->ptype, x->ptype) == 0)
                continue;
            /* a root with two section lines: the tsv must hold one of them */
            int found = 0;
            for (int j = 0; j < nxw; j++)
                if (xw[j].header && strcmp(xw[j].code, x->code) == 0 &&
                    strcmp(xw[j].ptype, r->ptype) == 0)
                    found = 1;
            if (!found)
                die(tsv, r->line, "root %s has PLOVER type %s, the crosswalk %s",
                    r->code, r->ptype, x->ptype);
            if (!dup)
                note("Root %s has two crosswalk sections (%s and %s); the table "
                     "keeps %s, as the tsv does.", x->code, x->ptype, r->ptype,
                     r->ptype);
            continue;
        }
        if (strcmp(r->ptype, x->ptype) || strcmp(r->pmode, x->pmode) ||
            strcmp(r->pcontext, x->pcontext))
            die(tsv, r->line, "%s is %s/%s/%s here but %s/%s/%s in %s line %ld",
                r->code, r->ptype, r->pmode, r->pcontext, x->ptype, x->pmode,
                x->pcontext, xpath, x->line);
    }
    for (int i = 0; i < nrows; i++) {
        if (!rows[i].pmode[0])
            continue;
        for (int j = 0; j < nxw; j++)
            if (list_has(xw[j].pcontext, rows[i].pmode)) {
                note("%s has PLOVER mode \"%s\", which the crosswalk elsewhere uses "
                     "as a context; kept as the crosswalk has it.", rows[i].code,
                     rows[i].pmode);
                break;
            }
    }
    if (only_xw[0])
        note("In the crosswalk but not CAMEO 1.1b3 codes, so not in the table: %s.",
             only_xw);
    for (int i = 0; i < nrows; i++) {
        int found = 0;
        for (int j = 0; j < nxw && !found; j++)
            found = strcmp(xw[j].code, rows[i].code) == 0;
        if (rows[i].ptype[0] && !found)
            die(tsv, rows[i].line, "%s has PLOVER type %s but no crosswalk entry",
                rows[i].code, rows[i].ptype);
        if (!rows[i].ptype[0] && found)
            die(tsv, rows[i].line, "%s lacks the crosswalk's PLOVER type",
                rows[i].code);
    }
}

static void put_cstring(FILE *out, const char *s)
{
    putc('"', out);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            putc('\\', out);
        putc(*s, out);
    }
    putc('"', out);
}

/* Writes one note as " * - ..." comment lines of at most 80 columns. */
static void put_wrapped(FILE *out, const char *s)
{
    const char *lead = " * - ";
    while (*s) {
        size_t n = strlen(s), cut = n;
        if (n > 74) {
            cut = 74;
            while (cut > 0 && s[cut] != ' ')
                cut--;
            if (cut == 0)
                cut = n;
        }
        fprintf(out, "%s%.*s\n", lead, (int)cut, s);
        s += cut;
        while (*s == ' ')
            s++;
        lead = " *   ";
    }
}

/* A fact typed in from the sources named, not derived from the input files:
 * the codes whose Goldstein value differs between GDELT and Parus. */
static const char *const parus_note =
    " * Goldstein values are GDELT's CAMEO.goldsteinscale (the tsv's column).\n"
    " * Parus Analytics' CAMEO.SCALE.txt (\"CAMEO SCALE VERSION 0.5B1 [07.03.21]\",\n"
    " * eventdata.parusanalytics.com/cameo.dir/CAMEO.SCALE.txt, as transcribed in\n"
    " * linwoodc3/gdeltPyR utils/schema_csvs/cameoCodeTable.tsv and in the\n"
    " * goldstein_scale dict of openeventdata/phoenix_pipeline postprocess.py)\n"
    " * differs on these codes (GDELT / Parus):\n"
    " *   022   3.2 / 3.4   same event (appeal for diplomatic cooperation)\n"
    " *   165  -6.5 / -7.0  same event (halt mediation)\n"
    " *   016  -2.0 / 3.4   CAMEO 0.5B1 016 is \"make empathetic comment\"\n"
    " *   124  -4.0 / -5.0  0.5B1 124 is \"reject proposal to meet\" (1.1b3 125)\n"
    " *   163  -8.0 / -6.5  0.5B1 163 is \"halt negotiations\" (1.1b3 164)\n"
    " *   166  -7.0 / -8.0  0.5B1 166 is \"impose embargo\" (1.1b3 163)\n"
    " * The last four are renumberings between CAMEO 0.5B1 and 1.1b3 rather than\n"
    " * different scores. All other codes the two share have equal values.\n"
    " * CAMEO.SCALE lacks 40 of the 311 codes here (019, 0213-0214, 0251-0256,\n"
    " * 0313-0314, 1011-1014, 1031-1034, 1051-1056, 116, 1221-1224, 1241-1246,\n"
    " * 129, 1661-1663) and has 0357, 1213, 1641-1643, which 1.1b3 does not use.\n";

static void emit(FILE *out, const char *dir, const char *tsv, const char *xpath)
{
    fprintf(out, "/* GENERATED by tools/gen_cameo.c (`gen_cameo %s`) from %s and "
                 "%s; do not edit. */\n", dir, tsv, xpath);
    fprintf(out,
        "/* cameo_table.c: the %d CAMEO 1.1b3 event codes, sorted, for\n"
        " * evc_cameo_lookup (src/enrich/cameo.c): name, Goldstein score, GDELT\n"
        " * quad class, root code and PLOVER type and mode.\n"
        " *\n%s"
        " *\n"
        " * Quad class: 1 verbal cooperation (roots 01-05), 2 material cooperation\n"
        " * (06-09), 3 verbal conflict (10-14), 4 material conflict (15-20), as GDELT\n"
        " * assigns them; the generator checks every row against these ranges.\n"
        " * PLOVER type and mode: openeventdata/PLOVER CAMEO2PLOVER-2021.txt (manual\n"
        " * Draft 0.8); empty where the crosswalk has no entry (01, 02 and their\n"
        " * subcodes). The tsv's PLOVER columns were checked against it.\n",
        nrows, parus_note);
    if (nnotes) {
        fprintf(out, " * Crosswalk notes:\n");
        for (int i = 0; i < nnotes; i++)
            put_wrapped(out, notes[i]);
    }
    fprintf(out, " */\n"
                 "#include \"evcode.h\"\n\n"
                 "#include <stddef.h>\n"
                 "#include <stdint.h>\n\n"
                 "/* Shared with cameo.c, which declares them the same way. */\n"
                 "extern const size_t evc_cameo_table_size;\n"
                 "extern const uint32_t evc_cameo_keys[];\n"
                 "extern const evc_cameo_info evc_cameo_table[];\n\n");
    fprintf(out, "const size_t evc_cameo_table_size = %d;\n\n", nrows);
    fprintf(out, "/* The code's digits packed big-endian, zero-padded (\"042\" is\n"
                 " * 0x30343200); ascending, parallel to evc_cameo_table. */\n"
                 "const uint32_t evc_cameo_keys[%d] = {", nrows);
    for (int i = 0; i < nrows; i++)
        fprintf(out, "%s0x%08lxu,", i % 6 ? " " : "\n    ", (unsigned long)rows[i].key);
    fprintf(out, "\n};\n\n");
    fprintf(out, "/* {code, name, goldstein, quad, root, plover_type, plover_mode} */\n"
                 "const evc_cameo_info evc_cameo_table[%d] = {\n", nrows);
    for (int i = 0; i < nrows; i++) {
        const code_row *r = &rows[i];
        fputs("    {", out);
        put_cstring(out, r->code);
        fputs(", ", out);
        put_cstring(out, r->name);
        fprintf(out, ", %s, %d, \"%.2s\", ", r->goldstein, r->quad, r->code);
        put_cstring(out, r->ptype);
        fputs(", ", out);
        put_cstring(out, r->pmode);
        fputs("},\n", out);
    }
    fputs("};\n", out);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: gen_cameo DIR > src/enrich/cameo_table.c\n"
                        "  DIR holds " TSV_NAME " and " XWALK_NAME "\n");
        return 2;
    }
    const char *dir = argv[1];
    char tsv[1024], xpath[1024];
    FILE *f = open_in(dir, TSV_NAME, tsv, sizeof tsv);
    read_tsv(tsv, f);
    fclose(f);
    f = open_in(dir, XWALK_NAME, xpath, sizeof xpath);
    read_xwalk(xpath, f);
    fclose(f);

    qsort(rows, (size_t)nrows, sizeof rows[0], cmp_rows);
    for (int i = 1; i < nrows; i++)
        if (rows[i].key == rows[i - 1].key)
            die(tsv, rows[i].line, "code %s repeats line %ld", rows[i].code,
                rows[i - 1].line);
    cross_check(tsv, xpath);
    emit(stdout, dir, tsv, xpath);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "gen_cameo: write error: %s\n", strerror(errno));
        return 1;
    }
    return 0;
}
