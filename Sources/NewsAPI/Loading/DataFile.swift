#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads corpus files with plain POSIX calls: whole (small JSON files) or a chunk at a time
/// (`articles.ndjson`), hashing the bytes as they go by.
enum DataFile {
    /// Why a file could not be read.
    enum Failure: Error, CustomStringConvertible {
        /// The file does not exist.
        case missing
        /// It exists but could not be read; the text says why.
        case unreadable(String)

        /// How the error list words it.
        var description: String {
            switch self {
            case .missing: "required file is missing"
            case .unreadable(let reason): "cannot be read: \(reason)"
            }
        }
    }

    /// The whole file, hashed into `hasher`.
    static func readAll(_ path: String, hasher: inout FNV1a64) throws(Failure) -> [UInt8] {
        var bytes: [UInt8] = []
        try forEachChunk(path, chunkSize: 1 << 20, hasher: &hasher) { chunk in
            bytes.append(contentsOf: chunk)
            return chunk.count
        }
        return bytes
    }

    /// Streams the file in batches of whole lines: `body` gets the buffer, the byte range of each
    /// complete line in it (without its `\n`) and the 1-based number of the first, and returns
    /// `false` to stop early. The file is read `chunkSize` bytes at a time; only a line longer than
    /// that makes the buffer grow, so the file is never held whole.
    static func forEachBatchOfLines(
        _ path: String,
        chunkSize: Int = 4 << 20,
        hasher: inout FNV1a64,
        _ body: (UnsafeBufferPointer<UInt8>, [Range<Int>], Int) -> Bool
    ) throws(Failure) {
        var nextLineNumber = 1
        var stopped = false
        var lines: [Range<Int>] = []
        try forEachChunk(path, chunkSize: chunkSize, hasher: &hasher) { chunk in
            lines.removeAll(keepingCapacity: true)
            var lineStart = 0
            while lineStart < chunk.count, let newline = firstNewline(in: UnsafeBufferPointer(rebasing: chunk[lineStart...])) {
                lines.append(lineStart..<lineStart + newline)
                lineStart += newline + 1
            }
            if !stopped, !lines.isEmpty {
                stopped = !body(chunk, lines, nextLineNumber)
                nextLineNumber += lines.count
            }
            return stopped ? chunk.count : lineStart
        } atEnd: { tail in
            if !stopped, !tail.isEmpty {
                _ = body(tail, [0..<tail.count], nextLineNumber)
            }
        }
    }

    /// Reads the file into a buffer again and again; `consume` says how many bytes of the buffered
    /// data it used, and the rest moves to the front for the next read. `atEnd` gets what is left.
    private static func forEachChunk(
        _ path: String,
        chunkSize: Int,
        hasher: inout FNV1a64,
        _ consume: (UnsafeBufferPointer<UInt8>) -> Int,
        atEnd: (UnsafeBufferPointer<UInt8>) -> Void = { _ in }
    ) throws(Failure) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw .missing }
            throw .unreadable(String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        var capacity = chunkSize
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var filled = 0
        while true {
            if filled == capacity {
                let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity * 2, alignment: 16)
                larger.copyMemory(from: UnsafeRawBufferPointer(buffer))
                buffer.deallocate()
                buffer = larger
                capacity *= 2
            }
            let count = read(descriptor, buffer.baseAddress! + filled, capacity - filled)
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(String(cString: strerror(errno)))
            }
            if count == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[filled..<filled + count]))
            filled += count
            let data = UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: filled)
            let used = consume(data)
            if used > 0 {
                if used < filled {
                    memmove(buffer.baseAddress!, buffer.baseAddress! + used, filled - used)
                }
                filled -= used
            }
        }
        atEnd(UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: filled))
    }

    /// The offset of the first `\n`, if any.
    @inline(__always)
    private static func firstNewline(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress, !bytes.isEmpty,
            let found = memchr(base, 0x0A, bytes.count)
        else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }
}
