/* fuzz_segment.c: libFuzzer target for the segmenter (src/segment/): the
 * input as raw text through evc_segment, whose output must keep its
 * invariants, then as a CoNLL-U treebank through evc_segment_eval_mem. */
#include "evcode.h"
#include "segment/segment.h"

#include <stdint.h>
#include <string.h>

/* Offsets inside the input, increasing and non-overlapping; every token
 * non-empty with a form; a sentence's text is its span; sentences no longer
 * than the limit. */
static void check(const uint8_t *data, size_t size, const evc_sentence *s,
                  int n)
{
    int64_t prev_end = 0;
    for (int i = 0; i < n; i++) {
        if (s[i].ntok < 1 || s[i].ntok > EVC_SEGMENT_MAX_TOKENS ||
            !s[i].tok || !s[i].text || strcmp(s[i].tok[0].form, "ROOT") != 0)
            __builtin_trap();
        for (int j = 1; j <= s[i].ntok; j++) {
            const evc_token *t = &s[i].tok[j];
            if (!t->form || !t->form[0] || t->len <= 0 || t->off < prev_end ||
                (uint64_t)t->off + (uint64_t)t->len > size || t->head != 0 ||
                strlen(t->form) > (size_t)t->len)
                __builtin_trap();
            prev_end = t->off + t->len;
            (void)evc_segment_joins_previous(&s[i], j);
        }
        const evc_token *f = &s[i].tok[1], *l = &s[i].tok[s[i].ntok];
        size_t span = (size_t)(l->off + l->len - f->off);
        if (strlen(s[i].text) > span ||
            memcmp(s[i].text, data + f->off, strlen(s[i].text)) != 0)
            __builtin_trap();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    evc_arena *a = evc_arena_new(0);
    if (!a)
        return 0;
    evc_sentence *s;
    int n;
    evc_error err;
    evc_status st = evc_segment((const char *)data, size, a, &s, &n, &err);
    if (st == EVC_OK)
        check(data, size, s, n);
    else if (st != EVC_ERR_UTF8 || err.line < 1 || err.column < 1)
        __builtin_trap();
    evc_seg_scores sc;
    st = evc_segment_eval_mem((const char *)data, size, "fuzz", &sc, &err);
    if (st == EVC_OK && (sc.tokens.correct > sc.tokens.gold ||
                         sc.tokens.correct > sc.tokens.system ||
                         sc.sentences.correct > sc.sentences.gold))
        __builtin_trap();
    evc_arena_free(a);
    return 0;
}
