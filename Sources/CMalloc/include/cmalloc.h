#ifndef DOCCLEAN_CMALLOC_H
#define DOCCLEAN_CMALLOC_H

// A narrow C interface over glibc's malloc settings, which Swift's Glibc module does not
// export. The header uses nothing but <stdint.h> types.

#include <stdint.h>

/// Sets how much free memory malloc keeps before it gives some back to the system
/// (`trim_threshold`), how much more it asks for whenever it must grow (`top_pad`), and from
/// what size a block gets a mapping of its own (`mmap_threshold`), all in bytes.
///
/// Returns 1 when every setting was taken, 0 when malloc refused one, and -1 where malloc is
/// not glibc's and has no such settings.
int32_t dc_malloc_keep_freed_memory(int64_t trim_threshold, int64_t top_pad, int64_t mmap_threshold);

#endif
