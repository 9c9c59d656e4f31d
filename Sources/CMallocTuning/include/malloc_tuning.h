#ifndef QIK_MALLOC_TUNING_H
#define QIK_MALLOC_TUNING_H

/// Makes glibc's malloc grow its heaps `bytes` at a time (M_TOP_PAD); does nothing elsewhere.
/// C, because <malloc.h>'s mallopt is not part of Swift's Glibc module.
void qik_malloc_grow_heaps_by(int bytes);

#endif
