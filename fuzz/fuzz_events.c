/* fuzz_events.c: libFuzzer target for the coded-events JSON Lines reader
 * (src/read/events.c) and the store's writing path (src/store/store.c):
 * the input read to its end as events; every event returned must keep the
 * reader's contract, and is then stored (an in-memory store), which must
 * take it or refuse it with an error, never crash. */
#include "evcode.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void check_line(const evc_event_line *l)
{
    const evc_coded_event *e = &l->ev;
    int32_t d = e->date;
    if (!l->article_id || !l->article_id[0] || !l->raw ||
        strlen(l->raw) != l->raw_len || l->line < 1 || e->sentence < 0 ||
        d < 10101 || d > 99991231 || d / 100 % 100 < 1 || d / 100 % 100 > 12 ||
        d % 100 < 1 || d % 100 > 31 || !e->ev.code || !e->ev.issues ||
        !e->ev.source.code || !e->ev.source.root || !e->ev.source.agent ||
        !e->ev.source.text || !e->ev.target.code || !e->ev.target.text)
        __builtin_trap();
    char root[3] = {e->ev.code[0], e->ev.code[1], 0};
    if (!evc_cameo_lookup(root))
        __builtin_trap();
}

/* One in-memory store for many inputs (creating the schema costs more than
 * reading an input), made anew now and then so that it stays small. */
static evc_store *store(void)
{
    static evc_store *s;
    static unsigned uses;
    if (s && ++uses % 2000 == 0) {
        evc_store_close(s);
        s = NULL;
    }
    if (!s && evc_store_open(":memory:", 0, &s, NULL) != EVC_OK)
        __builtin_trap();
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0; /* fmemopen refuses an empty buffer */
    evc_arena *a = evc_arena_new(0);
    FILE *f = fmemopen((void *)data, size, "r");
    evc_store *s = store();
    evc_event_reader *r = NULL;
    evc_error err;
    if (!a || !f || evc_event_reader_open(f, "fuzz.jsonl", &r, &err) != EVC_OK)
        goto done;
    for (size_t calls = 0;; calls++) {
        if (calls > size + 1)
            __builtin_trap(); /* each call consumes a line */
        evc_arena_reset(a);
        evc_event_line l;
        evc_status st = evc_event_reader_next(r, a, &l, &err);
        if (st == EVC_END || st == EVC_ERR_IO)
            break;
        if (st != EVC_OK) {
            if ((st == EVC_ERR_SYNTAX || st == EVC_ERR_UTF8) && err.line < 1)
                __builtin_trap(); /* a bad line's error names it */
            continue;
        }
        check_line(&l);
        evc_coded_article art;
        memset(&art, 0, sizeof art);
        art.id = l.article_id;
        art.text = l.text;
        art.sentences = &l.text;
        art.nsentences = l.text ? 1 : 0;
        art.events = &l.ev;
        art.nevents = 1;
        evc_store_put p;
        st = evc_store_put_article(s, &art, calls % 3 == 2 ? EVC_STORE_APPEND : 0,
                                   &p, &err);
        if (st != EVC_OK && st != EVC_ERR_ARG)
            __builtin_trap(); /* an in-memory store has no other failure */
    }
done:
    evc_event_reader_close(r);
    if (f)
        fclose(f);
    evc_arena_free(a);
    return 0;
}
