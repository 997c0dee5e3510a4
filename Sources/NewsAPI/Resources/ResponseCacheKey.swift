/// What a cacheable answer depends on: the URL and the request headers that change the response,
/// written as one byte string so that it can be built from libmicrohttpd's memory without copying
/// the request into Swift values first.
///
/// Each part is length-prefixed, so no path, name or value can run into the next: `?a=1&b=2`,
/// `?b=2&a=1` and `?a=1%26b%3D2` are three keys, and so are `?a` and `?a=`.
struct ResponseCacheKey: Hashable, Sendable {
    private var bytes: [UInt8]
    /// The bytes' hash, worked out once in `finish` (the cache picks a shard with it, then the
    /// shard's dictionary uses it again).
    private(set) var hash = 0

    /// Starts a key with the percent-decoded path; add the query items, then `finish`.
    init(path: UnsafeBufferPointer<UInt8>) {
        bytes = []
        bytes.reserveCapacity(path.count + 48)
        appendPart(path)
    }

    /// The whole key from Swift values.
    init(path: String, query: QueryItems, gzip: Bool, acceptsNDJSON: Bool, origin: String?) {
        var path = path
        self = path.withUTF8 { ResponseCacheKey(path: $0) }
        for item in query {
            var name = item.name
            var value = item.value
            name.withUTF8 { name in
                if value == nil {
                    appendQueryItem(name: name, value: nil)
                } else {
                    value!.withUTF8 { appendQueryItem(name: name, value: $0) }
                }
            }
        }
        finish(gzip: gzip, acceptsNDJSON: acceptsNDJSON, origin: origin)
    }

    /// Adds one query parameter, in the order sent; `value` is `nil` for a bare `?name`.
    mutating func appendQueryItem(name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>?) {
        bytes.append(ResponseCacheKey.queryItemMark)
        appendPart(name)
        if let value {
            bytes.append(ResponseCacheKey.valueMark)
            appendPart(value)
        }
    }

    /// Ends the key with the negotiated variant: whether the body is gzipped, whether `Accept` asks
    /// for an NDJSON export (whose streams are never kept, but whose JSON counterpart, with
    /// `format=json`, is), and the CORS origin echoed back when origins are restricted.
    mutating func finish(gzip: Bool, acceptsNDJSON: Bool, origin: String?) {
        bytes.append(ResponseCacheKey.variantMark | (gzip ? 1 : 0) | (acceptsNDJSON ? 2 : 0) | (origin == nil ? 0 : 4))
        if var origin {
            origin.withUTF8 { appendPart($0) }
        }
        var hasher = Hasher()
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        hash = hasher.finalize()
    }

    /// The bytes the key is counted as in the cache's budget.
    var size: Int {
        bytes.count + 64
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(hash)
    }

    static func == (left: ResponseCacheKey, right: ResponseCacheKey) -> Bool {
        left.hash == right.hash && left.bytes == right.bytes
    }

    private mutating func appendPart(_ part: UnsafeBufferPointer<UInt8>) {
        var length = UInt32(truncatingIfNeeded: part.count)
        for _ in 0..<4 {
            bytes.append(UInt8(truncatingIfNeeded: length))
            length >>= 8
        }
        bytes.append(contentsOf: part)
    }

    private static let queryItemMark: UInt8 = 0x51
    private static let valueMark: UInt8 = 0x56
    private static let variantMark: UInt8 = 0xF0
}
