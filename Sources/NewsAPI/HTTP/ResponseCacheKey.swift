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
        var writer = Writer(path: request.path.utf8)
        for item in request.query { writer.appendQueryItem(name: item.name.utf8, value: item.value?.utf8) }
        writer.appendNegotiation(
            acceptEncoding: request.headers["Accept-Encoding"], accept: request.headers["Accept"],
            origin: variesByOrigin ? request.headers["Origin"] ?? "" : nil)
        self.init(writer)
    }

    /// The key `writer` has written.
    init(_ writer: Writer) {
        var hasher = Hasher()
        writer.bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        bytes = writer.bytes
        hash = hasher.finalize()
    }

    /// Writes a key's URL part: the path, then each query item in the order sent. The same bytes give
    /// the same key whether they come from a `Request` or straight from libmicrohttpd's memory.
    struct Writer {
        fileprivate var bytes: [UInt8] = []

        /// Starts a key with the percent-decoded `path`.
        init(path: some Collection<UInt8>) {
            bytes.reserveCapacity(path.count + 64)
            Writer.appendPart(path, to: &bytes)
        }

        /// Adds one query item: its decoded name and value, the value `nil` for a bare `?name`.
        mutating func appendQueryItem(name: some Collection<UInt8>, value: (some Collection<UInt8>)?) {
            bytes.append(value == nil ? ResponseCacheKey.bareItemMark : ResponseCacheKey.queryItemMark)
            Writer.appendPart(name, to: &bytes)
            if let value { Writer.appendPart(value, to: &bytes) }
        }

        /// Ends the key with the request headers that change the answer: whether `acceptEncoding`
        /// allows gzip, the `accept` field, and `origin` unless it is `nil` (answers that do not vary
        /// by origin; a request without one, when they do, gives `""`).
        mutating func appendNegotiation(acceptEncoding: String?, accept: String?, origin: String?) {
            bytes.append(Compression.acceptsGzip(acceptEncoding) ? ResponseCacheKey.gzipMark : 0)
            Writer.appendPart((accept ?? "").utf8, to: &bytes)
            if let origin { Writer.appendPart(origin.utf8, to: &bytes) }
        }

        /// Appends `part` after its length in four bytes, least significant first.
        fileprivate static func appendPart(_ part: some Collection<UInt8>, to bytes: inout [UInt8]) {
            var length = UInt32(truncatingIfNeeded: part.count)
            for _ in 0..<4 {
                bytes.append(UInt8(truncatingIfNeeded: length))
                length >>= 8
            }
            bytes.append(contentsOf: part)
        }
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

    private static let queryItemMark: UInt8 = 0x51
    private static let bareItemMark: UInt8 = 0x42
    private static let gzipMark: UInt8 = 0x47
}
