/* testing.h: the few macros the unit tests share. A failed check prints
 * file:line and the expression, and the test program exits non-zero. */
#ifndef EVC_TESTING_H
#define EVC_TESTING_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int evc_test_failures;
static int evc_test_checks;

#define CHECK(cond)                                                          \
    do {                                                                     \
        evc_test_checks++;                                                   \
        if (!(cond)) {                                                       \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                  \
            evc_test_failures++;                                             \
        }                                                                    \
    } while (0)

#define CHECK_STR(a, b)                                                      \
    do {                                                                     \
        const char *a_ = (a), *b_ = (b);                                     \
        evc_test_checks++;                                                   \
        if (!a_ || !b_ || strcmp(a_, b_) != 0) {                             \
            fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n",        \
                    __FILE__, __LINE__, #a, a_ ? a_ : "(null)",              \
                    b_ ? b_ : "(null)");                                     \
            evc_test_failures++;                                             \
        }                                                                    \
    } while (0)

#define CHECK_INT(a, b)                                                      \
    do {                                                                     \
        long a_ = (long)(a), b_ = (long)(b);                                 \
        evc_test_checks++;                                                   \
        if (a_ != b_) {                                                      \
            fprintf(stderr, "%s:%d: %s == %ld, expected %ld\n", __FILE__,    \
                    __LINE__, #a, a_, b_);                                   \
            evc_test_failures++;                                             \
        }                                                                    \
    } while (0)

#define TEST_DONE()                                                          \
    do {                                                                     \
        printf("%d checks, %d failed\n", evc_test_checks, evc_test_failures);\
        return evc_test_failures ? 1 : 0;                                    \
    } while (0)

/* The shared data folder, as the tests find it from the project root. */
/* Writes hand-written token rows, one per token, NULL-terminated, as a
 * CoNLL-U sentence ("# sent_id = t") into buf: "FORM LEMMA UPOS HEAD
 * DEPREL", or with feats (1) "FORM LEMMA UPOS FEATS HEAD DEPREL", or with
 * feats 2 "FORM LEMMA UPOS XPOS HEAD DEPREL"; the other columns are "_".
 * Returns its length; a bad row or an overflow ends the test program. */
static inline size_t test_rows_conllu(const char *const *rows, int feats,
                                      char *buf, size_t cap)
{
    size_t k = (size_t)snprintf(buf, cap, "# sent_id = t\n");
    for (int i = 0; rows[i]; i++) {
        char form[64], lemma[64], upos[16], fts[64] = "_", xpos[16] = "_", rel[32];
        int head;
        int ok = feats == 2 ? sscanf(rows[i], "%63s %63s %15s %15s %d %31s", form,
                                     lemma, upos, xpos, &head, rel) == 6
                 : feats ? sscanf(rows[i], "%63s %63s %15s %63s %d %31s", form,
                                  lemma, upos, fts, &head, rel) == 6
                       : sscanf(rows[i], "%63s %63s %15s %d %31s", form, lemma,
                                upos, &head, rel) == 5;
        if (!ok) {
            fprintf(stderr, "bad test row: %s\n", rows[i]);
            exit(1);
        }
        if (k < cap)
            k += (size_t)snprintf(buf + k, cap - k,
                                  "%d\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t_\t_\n", i + 1,
                                  form, lemma, upos, xpos, fts, head, rel);
        if (k >= cap) {
            fprintf(stderr, "test sentence too long\n");
            exit(1);
        }
    }
    return k;
}

/* Splits a tab-separated line in place into f[0..max); returns the number
 * of fields. */
static inline int test_split_tabs(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

#define SHARED "../shared"

#endif
