import CZlib

/// Compresses response bodies with zlib's gzip format.
enum Gzip {
    /// How hard to compress: `fast` for bodies made per request, `best` for bodies made once.
    enum Level: Int32, Sendable {
        case fast = 1
        case best = 9
    }

    /// The gzip encoding of `bytes`, or `nil` if zlib fails (the caller then sends them as they are).
    static func compress(_ bytes: [UInt8], level: Level) -> [UInt8]? {
        var stream = z_stream()
        guard CZlib_deflateInitGzip(&stream, level.rawValue) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 32)
        let status: Int32 = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = UInt32(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(out.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }
}
