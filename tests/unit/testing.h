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
#define SHARED "../shared"

#endif
