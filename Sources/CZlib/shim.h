// zlib for gzip response bodies. deflateInit2 is a macro, which Swift cannot call.
#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H

#include <zlib.h>

/// Why: deflateInit2 is a macro over deflateInit2_; this starts a gzip-framed (windowBits 15 + 16) stream.
static inline int CZlib_deflateInitGzip(z_streamp stream, int level)
{
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

/// Why: inflateInit2 is a macro over inflateInit2_; this reads a gzip-framed stream.
static inline int CZlib_inflateInitGzip(z_streamp stream)
{
    return inflateInit2(stream, 15 + 16);
}

#endif
