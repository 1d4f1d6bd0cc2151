/* arena.c: bump allocator backing each document and each dictionary set.
 * Chunks are linked; one call frees them all (see evcode.h for the contract). */
#include "evcode.h"

#include <stdlib.h>
#include <string.h>

typedef struct chunk {
    struct chunk *next;
    size_t size; /* usable bytes after the header */
    size_t used;
    /* data follows, 16-byte aligned */
} chunk;

struct evc_arena {
    chunk *head;      /* chunk being filled */
    chunk *first;     /* kept across resets */
    size_t chunk_size;
    size_t total;     /* bytes handed out since the last reset */
};

#define HDR ((sizeof(chunk) + 15) & ~(size_t)15)

static chunk *chunk_new(size_t size)
{
    chunk *c = malloc(HDR + size);
    if (!c)
        return NULL;
    c->next = NULL;
    c->size = size;
    c->used = 0;
    return c;
}

evc_arena *evc_arena_new(size_t chunk_size)
{
    evc_arena *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->chunk_size = chunk_size ? chunk_size : 64 * 1024;
    a->first = a->head = chunk_new(a->chunk_size);
    if (!a->first) {
        free(a);
        return NULL;
    }
    return a;
}

void evc_arena_free(evc_arena *a)
{
    if (!a)
        return;
    chunk *c = a->head;
    /* chunks are linked newest first, ending at `first` */
    while (c) {
        chunk *n = c->next;
        free(c);
        c = n;
    }
    free(a);
}

void evc_arena_reset(evc_arena *a)
{
    if (!a)
        return;
    chunk *c = a->head;
    while (c && c != a->first) {
        chunk *n = c->next;
        free(c);
        c = n;
    }
    a->head = a->first;
    a->first->used = 0;
    a->first->next = NULL;
    a->total = 0;
}

void *evc_arena_alloc(evc_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n == 0)
        n = 16;
    chunk *c = a->head;
    if (c->size - c->used < n) {
        size_t sz = n > a->chunk_size ? n : a->chunk_size;
        chunk *nc = chunk_new(sz);
        if (!nc)
            return NULL;
        nc->next = a->head;
        a->head = nc;
        c = nc;
    }
    void *p = (char *)c + HDR + c->used;
    c->used += n;
    a->total += n;
    return p;
}

char *evc_arena_strndup(evc_arena *a, const char *s, size_t n)
{
    char *p = evc_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *evc_arena_strdup(evc_arena *a, const char *s)
{
    return evc_arena_strndup(a, s, strlen(s));
}

size_t evc_arena_used(const evc_arena *a)
{
    return a ? a->total : 0;
}

evc_arena_mark evc_arena_mark_get(const evc_arena *a)
{
    evc_arena_mark m = {a->head, a->head->used, a->total};
    return m;
}

void evc_arena_rewind(evc_arena *a, evc_arena_mark m)
{
    chunk *c = a->head;
    while (c && c != m.chunk) /* newer chunks come first */
        c = c->next;
    if (!c || m.used > c->used) /* not a mark of what the arena holds now */
        return;
    for (chunk *x = a->head; x != c;) {
        chunk *n = x->next;
        free(x);
        x = n;
    }
    a->head = c;
    c->used = m.used;
    a->total = m.total;
}
