// zstd for the article bodies kept compressed in memory, with a dictionary trained at load (zdict.h).
#ifndef CZSTD_SHIM_H
#define CZSTD_SHIM_H

#include <string.h>
// For the block-at-a-time decoding calls (ZSTD_decompressBegin_usingDDict, ZSTD_decompressContinue),
// which the shared library exports too.
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>
// For ZDICT_optimizeTrainFromBuffer_fastCover and its parameters (exported by the shared library too).
#define ZDICT_STATIC_LINKING_ONLY
#include <zdict.h>

/// Why: ZSTD_CONTENTSIZE_UNKNOWN and ZSTD_CONTENTSIZE_ERROR are macro expressions, which Swift does not
/// import; this is the decompressed size a frame's header states, or -1 if it states none or is no frame.
static inline long long CZstd_frameContentSize(const void *source, size_t size)
{
    unsigned long long contentSize = ZSTD_getFrameContentSize(source, size);
    if (contentSize == ZSTD_CONTENTSIZE_UNKNOWN || contentSize == ZSTD_CONTENTSIZE_ERROR) return -1;
    return (long long)contentSize;
}

/// Why: ZDICT_trainFromBuffer trains on one thread, and the call that takes a thread count takes a
/// struct of parameters; this fills it as ZDICT_trainFromBuffer does (d 8, 4 steps, the default level),
/// so the dictionary is the one it trains, with the candidate sizes tried on `threads` threads.
static inline size_t CZstd_trainFromBuffer(
    void *dictionary, size_t capacity, const void *samples, const size_t *sampleSizes, unsigned sampleCount,
    unsigned threads)
{
    ZDICT_fastCover_params_t parameters;
    memset(&parameters, 0, sizeof(parameters));
    parameters.d = 8;
    parameters.steps = 4;
    parameters.nbThreads = threads;
    parameters.zParams.compressionLevel = ZSTD_CLEVEL_DEFAULT;
    return ZDICT_optimizeTrainFromBuffer_fastCover(dictionary, capacity, samples, sampleSizes, sampleCount, &parameters);
}

#endif
