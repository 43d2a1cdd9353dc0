#include "cmalloc.h"

#if defined(__GLIBC__)
#include <limits.h>
#include <malloc.h>

static int fits(int64_t value) { return value >= 0 && value <= INT_MAX; }

int32_t dc_malloc_keep_freed_memory(int64_t trim_threshold, int64_t top_pad, int64_t mmap_threshold) {
  if (!fits(trim_threshold) || !fits(top_pad) || !fits(mmap_threshold)) return 0;
  // mallopt answers 1 on success and 0 on error.
  int taken = mallopt(M_TRIM_THRESHOLD, (int)trim_threshold);
  taken &= mallopt(M_TOP_PAD, (int)top_pad);
  taken &= mallopt(M_MMAP_THRESHOLD, (int)mmap_threshold);
  return taken ? 1 : 0;
}
#else
int32_t dc_malloc_keep_freed_memory(int64_t trim_threshold, int64_t top_pad, int64_t mmap_threshold) {
  (void)trim_threshold;
  (void)top_pad;
  (void)mmap_threshold;
  return -1;
}
#endif
