import CZstd
import Foundation

/// Keeps text small in memory: zstd with a dictionary trained on a sample of the same kind of text,
/// so that even a 2 KB article body compresses about 3.5 to 1 (without one, short texts barely
/// compress: the dictionary holds the vocabulary and phrasing they share).
///
/// One per loaded corpus, shared by its articles. Compressing needs a `Context` per thread;
/// decompressing may happen on any thread at any time, from a small pool of zstd contexts.
final class TextCompressor: @unchecked Sendable {
    // @unchecked: the dictionaries are read-only once made (zstd allows sharing them between threads),
    // and `idleContexts` is only touched under `lock`, an NSLock (a pthread mutex, which ThreadSanitizer
    // follows between libmicrohttpd's threads).

    /// A zstd compression context, for one thread at a time (a loader worker keeps one).
    final class Context {
        fileprivate let pointer: OpaquePointer
        /// Where a text is compressed to, before it is copied out at its compressed size.
        fileprivate var scratch: [UInt8] = []

        /// Creates a context.
        init() {
            guard let pointer = ZSTD_createCCtx() else { fatalError("zstd: out of memory for a compression context") }
            self.pointer = pointer
            // Neither a checksum nor the dictionary's id: memory is not a channel, and there is one dictionary.
            ZSTD_CCtx_setParameter(pointer, ZSTD_c_checksumFlag, 0)
            ZSTD_CCtx_setParameter(pointer, ZSTD_c_dictIDFlag, 0)
        }

        deinit {
            ZSTD_freeCCtx(pointer)
        }
    }

    /// The compression level: 3, zstd's default, compresses 10% smaller than 1 with a dictionary and
    /// costs little more at these sizes (measured in the loader).
    static let level: Int32 = 3
    /// The text bytes in the first zstd block of a compressed text (the rest is a second block), so
    /// that a reader of the opening decodes only that block: a search snippet ends within 1 KB of an
    /// article's compressed text three times in four. Each more block costs some 20 bytes.
    static let openingBlockSize = 1024
    /// The most dictionary bytes trained: zstd's usual size; larger ones gained about 2%.
    static let dictionaryCapacity = 112_640

    private let compressionDictionary: OpaquePointer?
    private let decompressionDictionary: OpaquePointer?
    private let lock = NSLock()
    private var idleContexts: [OpaquePointer] = []

    /// The size of the trained dictionary in bytes (0 when there is none).
    let dictionarySize: Int

    /// A compressor with a dictionary trained on `samples` (texts like those it will compress), or
    /// without one if they are too few or too small to train on. Training tries its candidate
    /// dictionaries on up to `threads` threads (each needs about 6 MB while it runs).
    init(trainingOn samples: [Substring.UTF8View], threads: Int = 1) {
        guard samples.count >= 8 else {
            dictionarySize = 0
            compressionDictionary = nil
            decompressionDictionary = nil
            return
        }
        var dictionary = [UInt8](repeating: 0, count: TextCompressor.dictionaryCapacity)
        var joined: [UInt8] = []
        joined.reserveCapacity(samples.reduce(0) { $0 + $1.count })
        for sample in samples { joined.append(contentsOf: sample) }
        let sizes = samples.map { $0.count }
        let trained = dictionary.withUnsafeMutableBytes { dictionary in
            joined.withUnsafeBytes { joined in
                CZstd_trainFromBuffer(
                    dictionary.baseAddress, dictionary.count, joined.baseAddress, sizes, UInt32(sizes.count),
                    UInt32(max(1, threads)))
            }
        }
        guard ZDICT_isError(trained) == 0 else {
            dictionarySize = 0
            compressionDictionary = nil
            decompressionDictionary = nil
            return
        }
        dictionarySize = trained
        compressionDictionary = dictionary.withUnsafeBytes {
            ZSTD_createCDict($0.baseAddress, trained, TextCompressor.level)
        }
        decompressionDictionary = dictionary.withUnsafeBytes { ZSTD_createDDict($0.baseAddress, trained) }
    }

    deinit {
        ZSTD_freeCDict(compressionDictionary)
        ZSTD_freeDDict(decompressionDictionary)
        for context in idleContexts { ZSTD_freeDCtx(context) }
    }

    /// `text` compressed (one zstd frame that states its size), using `context`.
    func compress(_ text: Substring.UTF8View, context: Context) -> [UInt8] {
        var text = text
        let compressed = text.withContiguousStorageIfAvailable { compress($0, context: context) }
        if let compressed { return compressed }
        text = String(Substring(text)).utf8[...]
        return text.withContiguousStorageIfAvailable { compress($0, context: context) } ?? []
    }

    private func compress(_ text: UnsafeBufferPointer<UInt8>, context: Context) -> [UInt8] {
        // The second block may add its 3-byte header to what zstd's bound allows.
        let bound = ZSTD_compressBound(text.count) + 3
        if context.scratch.count < bound { context.scratch = [UInt8](repeating: 0, count: bound) }
        ZSTD_CCtx_reset(context.pointer, ZSTD_reset_session_only)
        ZSTD_CCtx_refCDict(context.pointer, compressionDictionary)
        if compressionDictionary == nil {
            ZSTD_CCtx_setParameter(context.pointer, ZSTD_c_compressionLevel, TextCompressor.level)
        }
        // The frame states the text's size.
        ZSTD_CCtx_setPledgedSrcSize(context.pointer, UInt64(text.count))
        let written = context.scratch.withUnsafeMutableBytes { scratch in
            var output = ZSTD_outBuffer(dst: scratch.baseAddress, size: bound, pos: 0)
            var input = ZSTD_inBuffer(src: text.baseAddress, size: 0, pos: 0)
            repeat {
                // A flush ends the block at the end of the input given so far.
                input.size = input.size == 0 ? min(TextCompressor.openingBlockSize, text.count) : text.count
                let directive = input.size == text.count ? ZSTD_e_end : ZSTD_e_flush
                let left = ZSTD_compressStream2(context.pointer, &output, &input, directive)
                precondition(ZSTD_isError(left) == 0, "zstd: \(String(cString: ZSTD_getErrorName(left)))")
                precondition(left == 0 && input.pos == input.size, "zstd: output bound too small")
            } while input.size < text.count
            return output.pos
        }
        // Copied out at its size: an array keeps the capacity it was made with, and the bound is about
        // the text's size.
        return Array(context.scratch[..<written])
    }

    /// `prefix` followed by the text `compressed` holds, as one string.
    func decompress(_ compressed: [UInt8], after prefix: String) -> String {
        let size = textSize(of: compressed)
        var prefix = prefix
        return prefix.withUTF8 { prefix in
            String(unsafeUninitializedCapacity: prefix.count + size) { output in
                _ = output.initialize(fromContentsOf: prefix)
                decompress(compressed, size: size, into: output.baseAddress.map { $0 + prefix.count })
                return prefix.count + size
            }
        }
    }

    /// Calls `read` with the UTF-8 bytes of `prefix` followed by the text `compressed` holds, in a
    /// buffer of its own: for a reader that copies the text on (an answer), no string is made and
    /// its UTF-8 is not checked again.
    func withDecompressed<Result>(
        _ compressed: [UInt8], after prefix: String, _ read: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        let size = textSize(of: compressed)
        var prefix = prefix
        return prefix.withUTF8 { prefix in
            let text = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: prefix.count + size)
            defer { text.deallocate() }
            _ = text.initialize(fromContentsOf: prefix)
            decompress(compressed, size: size, into: text.baseAddress.map { $0 + prefix.count })
            return read(UnsafeBufferPointer(text))
        }
    }

    /// The size in bytes of the text `compressed` holds, as its frame states (nothing is decompressed).
    func textSize(of compressed: [UInt8]) -> Int {
        let size = compressed.withUnsafeBytes { Int(CZstd_frameContentSize($0.baseAddress, $0.count)) }
        precondition(size >= 0, "zstd: not a frame this compressor made")
        return size
    }

    /// Decompresses the `size` bytes of text `compressed` holds into `destination`, in one call.
    private func decompress(_ compressed: [UInt8], size: Int, into destination: UnsafeMutablePointer<UInt8>?) {
        let context = takeContext()
        defer { returnContext(context) }
        let written = compressed.withUnsafeBytes { compressed in
            if let decompressionDictionary {
                ZSTD_decompress_usingDDict(
                    context, destination, size, compressed.baseAddress, compressed.count, decompressionDictionary)
            } else {
                ZSTD_decompressDCtx(context, destination, size, compressed.baseAddress, compressed.count)
            }
        }
        precondition(written == size, "zstd: \(String(cString: ZSTD_getErrorName(written)))")
    }

    /// Calls `read` with `prefix` followed by more and more of the text `compressed` holds, until it
    /// returns a result: first `prefix` alone, then up to the first block's end (less its last byte),
    /// then all of it. The flag says whether the bytes are the whole text; `read` must return a result then.
    ///
    /// The bytes given may end inside a character. Only the blocks read are decompressed (zstd decodes
    /// a block at a time), so a reader that needs only the opening saves most of the work.
    func readPrefixes<Result>(
        of compressed: [UInt8], after prefix: String,
        _ read: (_ text: UnsafeBufferPointer<UInt8>, _ isWhole: Bool) -> Result?
    ) -> Result {
        var prefix = prefix
        return prefix.withUTF8 { prefix in
            if let result = read(prefix, compressed.isEmpty) { return result }
            precondition(!compressed.isEmpty, "the whole text gave no result")
            return compressed.withUnsafeBytes { compressed in
                let size = Int(CZstd_frameContentSize(compressed.baseAddress, compressed.count))
                precondition(size >= 0, "zstd: not a frame this compressor made")
                let text = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: prefix.count + size)
                defer { text.deallocate() }
                _ = text.initialize(fromContentsOf: prefix)
                let context = takeContext()
                defer { returnContext(context) }
                // A context may hold a frame left half read.
                ZSTD_DCtx_reset(context, ZSTD_reset_session_only)
                ZSTD_DCtx_refDDict(context, decompressionDictionary)
                var input = ZSTD_inBuffer(src: compressed.baseAddress, size: compressed.count, pos: 0)
                var output = ZSTD_outBuffer(dst: text.baseAddress.map { $0 + prefix.count }, size: 0, pos: 0)
                var blockEnd = 0
                while true {
                    // zstd decodes the next block as soon as the output has room for a byte of it.
                    blockEnd = blockEnd == 0 ? min(TextCompressor.openingBlockSize, size) : size
                    output.size = blockEnd == size ? size : blockEnd - 1
                    while output.pos < output.size {
                        let left = ZSTD_decompressStream(context, &output, &input)
                        precondition(ZSTD_isError(left) == 0, "zstd: \(String(cString: ZSTD_getErrorName(left)))")
                        precondition(left != 0 || output.pos == size, "zstd: the frame ended early")
                    }
                    let isWhole = output.pos == size
                    let opening = UnsafeBufferPointer(rebasing: text[..<(prefix.count + output.pos)])
                    if let result = read(opening, isWhole) { return result }
                    precondition(!isWhole, "the whole text gave no result")
                }
            }
        }
    }

    /// An idle decompression context, or a new one. A context is large (about 100 KB of tables and
    /// buffers), so they are kept for the next call rather than made for each.
    private func takeContext() -> OpaquePointer {
        if let context = lock.withLock({ idleContexts.popLast() }) { return context }
        guard let context = ZSTD_createDCtx() else { fatalError("zstd: out of memory for a decompression context") }
        return context
    }

    private func returnContext(_ context: OpaquePointer) {
        lock.withLock { idleContexts.append(context) }
    }
}
