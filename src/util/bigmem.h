/* bigmem.h: memory for big read-mostly lookup arrays (the tagger's and the
 * parser's weights). Lookups hit them at random, so on Linux arrays of a
 * megabyte or more go on 2 MB pages (transparent huge pages, asked for with
 * madvise): with 4 KB pages most lookups would also miss the TLB. */
#ifndef EVC_UTIL_BIGMEM_H
#define EVC_UTIL_BIGMEM_H

#include <stddef.h>

/* bytes of memory, zeroed when zero is nonzero; NULL when there is none.
 * Freed with free(). */
void *evc_big_alloc(size_t bytes, int zero);

#endif
