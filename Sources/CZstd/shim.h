// zstd for the article bodies kept compressed in memory, with a dictionary trained at load (zdict.h).
#ifndef CZSTD_SHIM_H
#define CZSTD_SHIM_H

#include <zstd.h>
#include <zdict.h>

/// Why: ZSTD_CONTENTSIZE_UNKNOWN and ZSTD_CONTENTSIZE_ERROR are macro expressions, which Swift does not
/// import; this is the decompressed size a frame's header states, or -1 if it states none or is no frame.
static inline long long CZstd_frameContentSize(const void *source, size_t size)
{
    unsigned long long contentSize = ZSTD_getFrameContentSize(source, size);
    if (contentSize == ZSTD_CONTENTSIZE_UNKNOWN || contentSize == ZSTD_CONTENTSIZE_ERROR) return -1;
    return (long long)contentSize;
}

#endif
