/* fuzz_jsonl.c: libFuzzer target for the raw-article readers (src/read/
 * jsonl.c, text.c): the input as a JSON Lines stream, read to its end, and
 * as one text article. Every article returned must keep the contract. */
#include "evcode.h"
#include "read/article.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* What evcode.h promises about a returned article. */
static void check_article(const evc_article *a)
{
    if (!a->id || !a->id[0] || !a->text || strlen(a->text) != a->text_len ||
        a->line < 1 ||
        evc_utf8_valid_prefix(a->text, a->text_len) != a->text_len)
        __builtin_trap();
    if (a->date != 0 && (a->date < 10101 || a->date > 99991231 ||
                         a->date / 100 % 100 < 1 || a->date / 100 % 100 > 12 ||
                         a->date % 100 < 1 || a->date % 100 > 31))
        __builtin_trap();
    if ((a->date == 0) != (a->date_str == NULL))
        __builtin_trap();
    if (a->extra_json) { /* a JSON object without the fields read */
        json_t *x = json_loads(a->extra_json, JSON_DECODE_INT_AS_REAL, NULL);
        static const char *const known[] = {"id", "date", "text",
                                            "title", "source", "url"};
        if (!json_is_object(x) || json_object_size(x) == 0)
            __builtin_trap();
        for (int i = 0; i < 6; i++)
            if (json_object_get(x, known[i]))
                __builtin_trap();
        json_decref(x);
    }
}

/* Reads f to its end with the reader `open` makes, going on after
 * per-article errors; `max` bounds the loop (each call consumes at least
 * one line, so a stream of n bytes ends within n + 1 calls). */
static void read_all(FILE *f, evc_status (*open)(FILE *, const char *,
                                                 evc_article_reader **,
                                                 evc_error *),
                     evc_arena *a, size_t max)
{
    evc_article_reader *r = NULL;
    evc_error err;
    if (open(f, "fuzz.jsonl", &r, &err) != EVC_OK)
        return;
    evc_article art;
    size_t calls = 0;
    for (;; calls++) {
        if (calls > max)
            __builtin_trap(); /* the reader stopped making progress */
        evc_status st = evc_article_reader_next(r, a, &art, &err);
        if (st == EVC_OK)
            check_article(&art);
        else if (st == EVC_END || st == EVC_ERR_IO)
            break;
        else if (err.line < 1 &&
                 (st == EVC_ERR_SYNTAX || st == EVC_ERR_UTF8))
            __builtin_trap(); /* a bad article's error names its line */
        evc_arena_reset(a);
    }
    evc_article_reader_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0; /* fmemopen refuses an empty buffer */
    evc_arena *a = evc_arena_new(0);
    if (!a)
        return 0;
    FILE *f = fmemopen((void *)data, size, "r");
    if (f) {
        read_all(f, evc_jsonl_reader_open, a, size + 1);
        fclose(f);
    }
    f = fmemopen((void *)data, size, "r");
    if (f) {
        read_all(f, evc_text_reader_open, a, 2);
        fclose(f);
    }
    evc_arena_free(a);
    return 0;
}
