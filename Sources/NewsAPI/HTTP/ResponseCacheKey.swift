/// What a kept answer depends on: the URL and the request headers that change the response, written
/// as one byte string.
///
/// Each part is length-prefixed, so no path, name or value can run into the next: `?a=1&b=2`,
/// `?b=2&a=1` and `?a=1%26b%3D2` are three keys, and so are `?a` and `?a=`.
struct ResponseCacheKey: Hashable, Sendable {
    private var bytes: [UInt8]
    /// The bytes' hash, worked out once (the cache picks a shard with it, then the shard's
    /// dictionary uses it again).
    let hash: Int

    /// The key of a GET or HEAD `request` (the two share answers): its percent-decoded path, query
    /// items in the order sent, whether it accepts gzip, its `Accept` field, and its `Origin` when
    /// answers vary by origin.
    init(_ request: Request, variesByOrigin: Bool) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(request.path.utf8.count + 64)
        ResponseCacheKey.appendPart(request.path, to: &bytes)
        for item in request.query {
            bytes.append(item.value == nil ? ResponseCacheKey.bareItemMark : ResponseCacheKey.queryItemMark)
            ResponseCacheKey.appendPart(item.name, to: &bytes)
            if let value = item.value { ResponseCacheKey.appendPart(value, to: &bytes) }
        }
        bytes.append(Compression.acceptsGzip(request.headers["Accept-Encoding"]) ? ResponseCacheKey.gzipMark : 0)
        ResponseCacheKey.appendPart(request.headers["Accept"] ?? "", to: &bytes)
        if variesByOrigin { ResponseCacheKey.appendPart(request.headers["Origin"] ?? "", to: &bytes) }
        var hasher = Hasher()
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        self.bytes = bytes
        hash = hasher.finalize()
    }

    /// The bytes the key is counted as in the cache's budget (its storage and the array's header).
    var size: Int {
        bytes.capacity + 32
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(hash)
    }

    static func == (left: ResponseCacheKey, right: ResponseCacheKey) -> Bool {
        left.hash == right.hash && left.bytes == right.bytes
    }

    private static func appendPart(_ part: String, to bytes: inout [UInt8]) {
        let utf8 = part.utf8
        var length = UInt32(truncatingIfNeeded: utf8.count)
        for _ in 0..<4 {
            bytes.append(UInt8(truncatingIfNeeded: length))
            length >>= 8
        }
        bytes.append(contentsOf: utf8)
    }

    private static let queryItemMark: UInt8 = 0x51
    private static let bareItemMark: UInt8 = 0x42
    private static let gzipMark: UInt8 = 0x47
}
