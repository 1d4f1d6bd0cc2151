/* test_arena.c: the bump allocator's marks: rewinding frees what came
 * after the mark, across chunks, and keeps what came before. */
#include "evcode.h"
#include "testing.h"

#include <string.h>

static void test_rewind(void)
{
    evc_arena *a = evc_arena_new(1024);
    CHECK(a != NULL);
    if (!a)
        return;
    char *keep = evc_arena_strdup(a, "kept across the rewind");
    size_t before = evc_arena_used(a);
    evc_arena_mark m = evc_arena_mark_get(a);
    /* in the same chunk, then over several new ones, one bigger than a chunk */
    void *first = evc_arena_alloc(a, 100);
    CHECK(first != NULL);
    for (int i = 0; i < 20; i++)
        CHECK(evc_arena_alloc(a, 700) != NULL);
    CHECK(evc_arena_alloc(a, 5000) != NULL);
    CHECK(evc_arena_used(a) > before + 14000);
    evc_arena_rewind(a, m);
    CHECK_INT((long)evc_arena_used(a), (long)before);
    CHECK(strcmp(keep, "kept across the rewind") == 0);
    /* the space after the mark is handed out again */
    void *again = evc_arena_alloc(a, 100);
    CHECK(again == first);
    /* a scratch loop stays flat */
    for (int i = 0; i < 1000; i++) {
        evc_arena_mark k = evc_arena_mark_get(a);
        CHECK(evc_arena_alloc(a, 3000) != NULL);
        evc_arena_rewind(a, k);
    }
    CHECK_INT((long)evc_arena_used(a), (long)before + 112);
    /* a mark from before a reset names nothing the arena holds: ignored */
    char *big = evc_arena_alloc(a, 4000);
    CHECK(big != NULL);
    evc_arena_mark late = evc_arena_mark_get(a);
    evc_arena_reset(a);
    evc_arena_rewind(a, late);
    CHECK_INT((long)evc_arena_used(a), 0);
    CHECK(evc_arena_alloc(a, 64) != NULL);
    evc_arena_free(a);
}

int main(void)
{
    test_rewind();
    TEST_DONE();
}
