#include "malloc_tuning.h"

#if defined(__linux__)
#include <malloc.h>
#endif

void qik_malloc_grow_heaps_by(int bytes) {
#if defined(M_TOP_PAD)
    mallopt(M_TOP_PAD, bytes);
#else
    (void)bytes;  // Not glibc: nothing to tune.
#endif
}
