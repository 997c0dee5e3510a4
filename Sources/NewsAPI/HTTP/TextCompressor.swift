import CZstd
import Foundation

/// Keeps text small in memory: zstd with a dictionary trained on a sample of the same kind of text,
/// so that even a 2 KB article body compresses about 3.5 to 1 (without one, short texts barely
/// compress: the dictionary holds the vocabulary and phrasing they share).
///
/// One per loaded corpus, shared by its articles. Compressing needs a `Context` per thread;
/// decompressing may happen on any thread at any time, with a `Decoder` from a small pool.
final class TextCompressor: @unchecked Sendable {
    // @unchecked: the dictionary is read-only once made (zstd allows sharing it between threads), and
    // `idleDecoders` is only touched under `lock`, an NSLock (a pthread mutex, which ThreadSanitizer
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
    /// The trained dictionary, which each decoder copies (empty without one).
    private let dictionary: [UInt8]
    private let lock = NSLock()
    private var idleDecoders: [Decoder] = []

    /// The size of the trained dictionary in bytes (0 when there is none).
    let dictionarySize: Int

    /// A compressor with a dictionary trained on `samples` (texts like those it will compress), or
    /// without one if they are too few or too small to train on. Training tries its candidate
    /// dictionaries on up to `threads` threads (each needs about 6 MB while it runs).
    init(trainingOn samples: [Substring.UTF8View], threads: Int = 1) {
        guard samples.count >= 8 else {
            dictionarySize = 0
            compressionDictionary = nil
            self.dictionary = []
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
            self.dictionary = []
            return
        }
        dictionarySize = trained
        compressionDictionary = dictionary.withUnsafeBytes {
            ZSTD_createCDict($0.baseAddress, trained, TextCompressor.level)
        }
        self.dictionary = Array(dictionary[..<trained])
    }

    deinit {
        ZSTD_freeCDict(compressionDictionary)
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

    /// Decompresses the `size` bytes of text `compressed` holds into `destination` (which an empty
    /// buffer may leave `nil`).
    private func decompress(_ compressed: [UInt8], size: Int, into destination: UnsafeMutablePointer<UInt8>?) {
        guard size > 0, let destination else { return }
        withDecoder(size: size) { decoder in
            compressed.withUnsafeBytes { compressed in
                var progress = Decoder.Progress()
                decoder.decode(compressed, until: size, of: size, progress: &progress)
                destination.initialize(from: decoder.text, count: size)
            }
        }
    }

    /// Calls `read` with `prefix` followed by more and more of the text `compressed` holds, until it
    /// returns a result: first `prefix` alone, then up to the first block's end, then all of it. The
    /// flag says whether the bytes are the whole text; `read` must return a result then.
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
            let size = textSize(of: compressed)
            // At least a byte, so that the buffer has an address.
            let text = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, prefix.count + size))
            defer { text.deallocate() }
            _ = text.initialize(fromContentsOf: prefix)
            return withDecoder(size: size) { decoder in
                compressed.withUnsafeBytes { compressed in
                    var progress = Decoder.Progress()
                    var wanted = min(TextCompressor.openingBlockSize, size)
                    while true {
                        let copied = progress.written
                        decoder.decode(compressed, until: wanted, of: size, progress: &progress)
                        (text.baseAddress! + prefix.count + copied)
                            .initialize(from: decoder.text + copied, count: progress.written - copied)
                        let isWhole = progress.written == size
                        let opening = UnsafeBufferPointer(rebasing: text[..<(prefix.count + progress.written)])
                        if let result = read(opening, isWhole) { return result }
                        precondition(!isWhole, "the whole text gave no result")
                        wanted = size
                    }
                }
            }
        }
    }

    /// Calls `body` with an idle decoder (or a new one) that has room for `size` bytes of text.
    private func withDecoder<Result>(size: Int, _ body: (Decoder) -> Result) -> Result {
        let decoder = lock.withLock { idleDecoders.popLast() } ?? Decoder(dictionary: dictionary)
        defer { lock.withLock { idleDecoders.append(decoder) } }
        decoder.reserve(size)
        return body(decoder)
    }
}

extension TextCompressor {
    /// A zstd decompression context with its own copy of the dictionary, right before the room it
    /// decodes texts into. zstd then reads the dictionary as text it has just written, one run of
    /// memory, instead of as a separate dictionary, which costs a call to copy each match from it:
    /// the opening of a body decodes in about two thirds of the time.
    ///
    /// A decoder is large (about 100 KB of zstd tables and buffers, and the dictionary), so they are
    /// kept for the next call rather than made for each. One thread uses it at a time.
    final class Decoder {
        /// How far a frame has been decoded: its bytes read, and the text's bytes written.
        struct Progress {
            var consumed = 0
            var written = 0
        }

        private let context: OpaquePointer
        private let dictionary: [UInt8]
        /// The dictionary's copy, then room for `capacity` bytes of text.
        private var area: UnsafeMutableRawPointer
        private var capacity: Int
        /// The dictionary's tables, referring to its copy in `area` (nil without a dictionary).
        private var digested: OpaquePointer?

        /// The room for text a decoder starts with: more than nearly every article body needs.
        private static let initialCapacity = 64 * 1024

        /// A decoder for texts compressed with `dictionary` (empty for none).
        init(dictionary: [UInt8]) {
            guard let context = ZSTD_createDCtx() else { fatalError("zstd: out of memory for a decompression context") }
            self.context = context
            self.dictionary = dictionary
            capacity = Decoder.initialCapacity
            (area, digested) = Decoder.makeArea(dictionary: dictionary, capacity: capacity)
        }

        deinit {
            ZSTD_freeDDict(digested)
            area.deallocate()
            ZSTD_freeDCtx(context)
        }

        /// Where texts are decoded to: just after the dictionary's copy.
        var text: UnsafeMutablePointer<UInt8> {
            (area + dictionary.count).assumingMemoryBound(to: UInt8.self)
        }

        /// Makes room for a text of `size` bytes.
        func reserve(_ size: Int) {
            guard size > capacity else { return }
            // A larger area moves the dictionary, and its tables are made again for the new place.
            ZSTD_freeDDict(digested)
            area.deallocate()
            capacity = max(size, 2 * capacity)
            (area, digested) = Decoder.makeArea(dictionary: dictionary, capacity: capacity)
        }

        /// A copy of `dictionary` followed by room for `capacity` bytes, and the dictionary's tables
        /// made by reference to that copy.
        private static func makeArea(dictionary: [UInt8], capacity: Int) -> (UnsafeMutableRawPointer, OpaquePointer?) {
            let area = UnsafeMutableRawPointer.allocate(byteCount: dictionary.count + capacity, alignment: 16)
            guard !dictionary.isEmpty else { return (area, nil) }
            dictionary.withUnsafeBytes { area.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            guard let digested = ZSTD_createDDict_byReference(area, dictionary.count) else {
                fatalError("zstd: the trained dictionary could not be read")
            }
            return (area, digested)
        }

        /// Decodes blocks of the frame `compressed` (of a text of `size` bytes, which `reserve` made
        /// room for) into `text` until at least `wanted` bytes of it are out, from where `progress`
        /// stands: a new `Progress` starts the frame.
        func decode(_ compressed: UnsafeRawBufferPointer, until wanted: Int, of size: Int, progress: inout Progress) {
            precondition(size <= capacity, "zstd: no room reserved for the text")
            if progress.consumed == 0 {
                let begun = ZSTD_decompressBegin_usingDDict(context, digested)
                precondition(ZSTD_isError(begun) == 0, "zstd: \(String(cString: ZSTD_getErrorName(begun)))")
            }
            // The frame's header, then each block's header and its content, in turn.
            while progress.written < wanted {
                let next = ZSTD_nextSrcSizeToDecompress(context)
                precondition(next > 0 && progress.consumed + next <= compressed.count, "zstd: the frame ended early")
                let produced = ZSTD_decompressContinue(
                    context, text + progress.written, size - progress.written,
                    compressed.baseAddress! + progress.consumed, next)
                precondition(ZSTD_isError(produced) == 0, "zstd: \(String(cString: ZSTD_getErrorName(produced)))")
                progress.consumed += next
                progress.written += produced
            }
        }
    }
}
