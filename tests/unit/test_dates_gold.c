/* test_dates_gold.c: the event-date resolver on the gold sets
 * tests/data/dates_gold.tsv (the rules were written on it) and
 * tests/data/dates_heldout.tsv (written after, never tuned on): relative date
 * expressions from Reuters-21578 and GUM news with their correct dates. Each
 * sentence is segmented, tagged and parsed with the shipped model (as `evcode
 * parse` does), the date of the row's verb is resolved against the document
 * date, and date and granularity must both match. Prints every miss and the
 * accuracy of each file; fails below 95% on the two together.
 * Needs DATA/evcode.model (DATA is $EVCODE_DATA, else data/); without it the
 * test prints SKIP and passes, as tests/need_model.sh does for the CLI. */
#include "evcode.h"
#include "testing.h"

#include <errno.h>

#define MIN_ROWS 110
#define MIN_ACCURACY 0.95

/* "YYYY-MM-DD" -> yyyymmdd, 0 if not a date. */
static int32_t iso_date(const char *s)
{
    int y, m, d;
    char tail;
    if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return 0;
    int32_t v = y * 10000 + m * 100 + d;
    return evc_date_valid(v) ? v : 0;
}

/* The sentence and token of the nth (1-based) occurrence of form. */
static int find_token(evc_sentence *ss, int ns, const char *form, int nth,
                      evc_sentence **out)
{
    for (int k = 0; k < ns; k++)
        for (int i = 1; i <= ss[k].ntok; i++)
            if (!strcmp(ss[k].tok[i].form, form) && --nth == 0) {
                *out = &ss[k];
                return i;
            }
    return 0;
}

/* Scores the rows of one gold file: adds to *rows and *right, prints the
 * misses. */
static void score_file(const evc_model *m, const char *path, int *rows, int *right)
{
    evc_error err = {0};
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        evc_test_failures++;
        return;
    }
    evc_arena *a = evc_arena_new(0);
    char line[8192];
    long lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t len = strlen(line);
        if (len && line[len - 1] == '\n')
            line[--len] = '\0';
        if (!len || line[0] == '#')
            continue;
        char *fld[9];
        int nf = test_split_tabs(line, fld, 9);
        int32_t doc_date = nf == 8 ? iso_date(fld[2]) : 0;
        int32_t gold = nf == 8 ? iso_date(fld[5]) : 0;
        if (nf != 8 || !doc_date || !gold) {
            fprintf(stderr, "%s:%ld: want 8 tab-separated fields with ISO dates in 3 and 6\n",
                    path, lineno);
            evc_test_failures++;
            continue;
        }
        const char *id = fld[1], *expr = fld[4], *gran = fld[6], *text = fld[7];
        char verb[128];
        int nth = 1;
        snprintf(verb, sizeof verb, "%s", fld[3]);
        char *hash = strchr(verb, '#');
        if (hash) {
            *hash = '\0';
            nth = atoi(hash + 1);
        }
        (*rows)++;
        evc_arena_reset(a);
        evc_sentence *ss;
        int ns;
        if (evc_model_analyze(m, text, strlen(text), a, &ss, &ns, &err)) {
            fprintf(stderr, "%s:%ld: analysis failed: %s\n", path, lineno, err.message);
            evc_test_failures++;
            continue;
        }
        evc_sentence *s = NULL;
        int v = find_token(ss, ns, verb, nth, &s);
        if (!v) {
            fprintf(stderr, "%s:%ld: no token '%s' in: %s\n", path, lineno, fld[3], text);
            evc_test_failures++;
            continue;
        }
        evc_date_res r;
        CHECK(evc_event_date_resolve(s, v, doc_date, &r) == EVC_OK);
        if (getenv("EVC_DATES_TRACE"))
            printf("trace %s %s %s %s\n", id, fld[3], r.method, r.iso);
        if (r.date == gold && !strcmp(evc_date_gran_str(r.gran), gran)) {
            (*right)++;
            continue;
        }
        char span[256] = "";
        size_t k = 0;
        for (int i = r.first; i >= 1 && i <= r.last && k < sizeof span - 64; i++)
            k += (size_t)snprintf(span + k, sizeof span - k, "%s%s", i > r.first ? " " : "",
                                  s->tok[i].form);
        printf("miss %s (%s) %s: \"%s\" want %s %s, got %s %s by %s \"%s\"\n", id, fld[2],
               fld[3], expr, fld[5], gran, r.iso, evc_date_gran_str(r.gran), r.method, span);
    }
    fclose(f);
    evc_arena_free(a);
}

int main(void)
{
    const char *data = getenv("EVCODE_DATA");
    char path[4096];
    snprintf(path, sizeof path, "%s/evcode.model", data && *data ? data : "data");
    FILE *probe = fopen(path, "rb");
    if (!probe) {
        printf("SKIP: no model (%s absent)\n", path);
        return 0;
    }
    fclose(probe);
    evc_model *m = NULL;
    evc_error err = {0};
    if (evc_model_load(path, &m, &err)) {
        char buf[600];
        evc_error_format(&err, buf, sizeof buf);
        fprintf(stderr, "%s\n", buf);
        return 1;
    }
    int rows = 0, right = 0;
    const char *files[] = {"tests/data/dates_gold.tsv", "tests/data/dates_heldout.tsv"};
    for (int i = 0; i < 2; i++) {
        int r0 = 0, k0 = 0;
        score_file(m, files[i], &r0, &k0);
        printf("%s: %d of %d rows right (%.1f%%)\n", files[i], k0, r0,
               r0 ? 100.0 * k0 / r0 : 0.0);
        rows += r0;
        right += k0;
    }
    double acc = rows ? (double)right / rows : 0.0;
    printf("dates gold, both files: %d of %d rows right (%.1f%%)\n", right, rows, 100.0 * acc);
    CHECK(rows >= MIN_ROWS);
    CHECK(acc >= MIN_ACCURACY);
    evc_model_free(m);
    TEST_DONE();
}
