/* test_cameo.c: evc_cameo_lookup against the codebook itself: every row of
 * ../shared/data/cameo/cameo-codes.tsv must come back with the same name,
 * GDELT Goldstein score, quad class, root and PLOVER type/mode, and nothing else
 * may. Run from the repository root. */
#include "enrich/negate.h"
#include "evcode.h"
#include "testing.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TSV SHARED "/data/cameo/cameo-codes.tsv"

static void check_known_codes(void)
{
    const evc_cameo_info *c = evc_cameo_lookup("042");
    CHECK(c != NULL);
    if (c) {
        CHECK_STR(c->code, "042");
        CHECK_STR(c->name, "Make a visit");
        CHECK_INT(c->quad, 1);
        CHECK_STR(c->root, "04");
        CHECK(fabs(c->goldstein - 1.9) < 1e-9);
        CHECK_STR(c->plover_type, "CONSULT");
        CHECK_STR(c->plover_mode, "visit");
    }
    c = evc_cameo_lookup("190");
    CHECK(c != NULL);
    if (c) {
        CHECK_INT(c->quad, 4);
        CHECK_STR(c->root, "19");
        CHECK(fabs(c->goldstein - -10.0) < 1e-9);
        CHECK_STR(c->plover_type, "ASSAULT");
        CHECK_STR(c->plover_mode, "");
    }
    /* the example of DESIGN.md: 120 is verbal conflict, -4.0 */
    c = evc_cameo_lookup("120");
    CHECK(c && c->quad == 3 && fabs(c->goldstein - -4.0) < 1e-9);
    CHECK(c && strcmp(c->root, "12") == 0);
    /* GDELT, not Parus CAMEO.SCALE: these are the codes where they differ */
    c = evc_cameo_lookup("016");
    CHECK(c && fabs(c->goldstein - -2.0) < 1e-9);
    c = evc_cameo_lookup("022");
    CHECK(c && fabs(c->goldstein - 3.2) < 1e-9);
    c = evc_cameo_lookup("165");
    CHECK(c && fabs(c->goldstein - -6.5) < 1e-9);
    c = evc_cameo_lookup("166");
    CHECK(c && fabs(c->goldstein - -7.0) < 1e-9);
    /* 4-digit codes, roots, extremes of the scale */
    c = evc_cameo_lookup("0874");
    CHECK(c && fabs(c->goldstein - 10.0) < 1e-9 && c->quad == 2);
    CHECK(c && strcmp(c->root, "08") == 0);
    c = evc_cameo_lookup("0311");
    CHECK(c && strcmp(c->name, "Express intent to cooperate economically") == 0);
    CHECK(c && strcmp(c->plover_type, "AGREE") == 0);
    c = evc_cameo_lookup("20");
    CHECK(c && c->quad == 4 && strcmp(c->root, "20") == 0);
    c = evc_cameo_lookup("01");
    CHECK(c && strcmp(c->name, "MAKE PUBLIC STATEMENT") == 0);
    CHECK(c && strcmp(c->plover_type, "") == 0); /* no crosswalk entry */
    c = evc_cameo_lookup("2042");
    CHECK(c && strcmp(c->name, "Detonate nuclear weapons") == 0);
    /* the crosswalk's second opinion for root 08 is not taken */
    c = evc_cameo_lookup("08");
    CHECK(c && strcmp(c->plover_type, "RETREAT") == 0);
    c = evc_cameo_lookup("0841");
    CHECK(c && strcmp(c->plover_mode, "release") == 0);
}

static void check_unknown_codes(void)
{
    static const char *const bad[] = {
        "",     "0",     "00",   "000",  "0000", "21",   "99",   "100000",
        "0421", "0420",  "1213", "1214", "0357", "1641", "03A",  "075A",
        "080!", "023?",  "102b", "174K", "---",  " 042", "042 ", "04 2",
        "12345", "ABC",  "-10",  "04\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const evc_cameo_info *c = evc_cameo_lookup(bad[i]);
        if (c)
            fprintf(stderr, "unexpected hit for \"%s\"\n", bad[i]);
        CHECK(c == NULL);
    }
    CHECK(evc_cameo_lookup(NULL) == NULL);
}

/* Every 2-, 3- and 4-digit string: exactly the codes of the tsv are found. */
static int count_all_numeric_codes(void)
{
    int found = 0;
    char buf[16];
    for (int len = 2; len <= 4; len++) {
        int lim = len == 2 ? 100 : len == 3 ? 1000 : 10000;
        for (int v = 0; v < lim; v++) {
            snprintf(buf, sizeof buf, "%0*d", len, v);
            const evc_cameo_info *c = evc_cameo_lookup(buf);
            if (!c)
                continue;
            found++;
            CHECK_STR(c->code, buf);
            int root = (buf[0] - '0') * 10 + (buf[1] - '0');
            int quad = root <= 5 ? 1 : root <= 9 ? 2 : root <= 14 ? 3 : 4;
            CHECK_INT(c->quad, quad);
            CHECK(strncmp(c->root, buf, 2) == 0 && c->root[2] == '\0');
            CHECK(c->goldstein >= -10.0 && c->goldstein <= 10.0);
            CHECK(c->name && c->name[0]);
            CHECK(c->plover_type && c->plover_mode);
        }
    }
    return found;
}

static int check_against_tsv(void)
{
    FILE *fp = fopen(TSV, "r");
    CHECK(fp != NULL);
    if (!fp) {
        fprintf(stderr, "cannot open %s (run from the repository root)\n", TSV);
        return -1;
    }
    char line[1024];
    int rows = 0, header = 0;
    while (fgets(line, sizeof line, fp)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        if (!header) { /* code name goldstein quad plover_type plover_mode ... */
            header = 1;
            continue;
        }
        char *f[8];
        int nf = test_split_tabs(line, f, 8);
        CHECK(nf >= 6);
        if (nf < 6)
            continue;
        rows++;
        const evc_cameo_info *c = evc_cameo_lookup(f[0]);
        if (!c) {
            fprintf(stderr, "tsv code %s not found\n", f[0]);
            CHECK(c != NULL);
            continue;
        }
        CHECK_STR(c->code, f[0]);
        CHECK_STR(c->name, f[1]);
        if (fabs(c->goldstein - strtod(f[2], NULL)) > 1e-9)
            fprintf(stderr, "%s: goldstein %.2f, tsv %s\n", f[0], c->goldstein, f[2]);
        CHECK(fabs(c->goldstein - strtod(f[2], NULL)) < 1e-9);
        CHECK_INT(c->quad, atoi(f[3]));
        CHECK(strncmp(c->root, f[0], 2) == 0 && c->root[2] == '\0');
        CHECK_STR(c->plover_type, f[4]);
        CHECK_STR(c->plover_mode, f[5]);
    }
    fclose(fp);
    return rows;
}

/* Negation: the ontology's pairs, evcode's own (tools/negate.evcode.txt),
 * and none for a code without an opposite; every code given is CAMEO's. */
static void check_negation(void)
{
    CHECK_STR(evc_cameo_negate("110"), "050");
    CHECK_STR(evc_cameo_negate("060"), "121");
    CHECK_STR(evc_cameo_negate("046"), "125");
    CHECK_STR(evc_cameo_negate("036"), "125");
    CHECK(evc_cameo_negate("190") == NULL);
    CHECK(evc_cameo_negate(NULL) == NULL);
    for (int i = 0; i < evc_negation_count; i++) {
        CHECK(evc_cameo_lookup(evc_negation_table[i].code) != NULL ||
              strlen(evc_negation_table[i].code) == 2);
        CHECK(evc_cameo_lookup(evc_negation_table[i].negated) != NULL);
    }
}

int main(void)
{
    check_negation();
    check_known_codes();
    check_unknown_codes();
    int rows = check_against_tsv();
    CHECK_INT(rows, 311);
    CHECK_INT(count_all_numeric_codes(), 311);
    TEST_DONE();
}
