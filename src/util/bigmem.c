/* bigmem.c: big lookup arrays, on huge pages where Linux allows
 * (bigmem.h). */
#include "util/bigmem.h"

#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

void *evc_big_alloc(size_t bytes, int zero)
{
    if (bytes == 0)
        bytes = 1;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    const size_t huge = (size_t)2 << 20;
    if (bytes >= huge / 2) {
        size_t len = (bytes + huge - 1) & ~(huge - 1);
        void *p = NULL;
        if (posix_memalign(&p, huge, len) == 0) {
            madvise(p, len, MADV_HUGEPAGE); /* advice: failure is harmless */
            if (zero)
                memset(p, 0, bytes);
            return p;
        }
    }
#endif
    return zero ? calloc(1, bytes) : malloc(bytes);
}
