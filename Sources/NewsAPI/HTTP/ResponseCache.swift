import Synchronization

/// Keeps successful answers, each with libmicrohttpd's copy made once, by URL and negotiated headers,
/// so a resource or a list asked for again is sent without being computed or encoded again.
///
/// The snapshot a cache belongs to never changes, so entries never go stale; a reload builds a new
/// snapshot with an empty cache. The cache holds at most `capacity` bytes, counted as twice each body
/// (the Swift copy and libmicrohttpd's) plus its headers and key. It is split into shards, each with
/// its own lock and an equal share of the budget; a full shard drops entries until the new one fits.
final class ResponseCache: Sendable {
    private struct Contents {
        var entries: [ResponseCacheKey: Response] = [:]
        var bytes = 0
    }

    private final class Shard: Sendable {
        let contents = Mutex(Contents())
    }

    private let shards: [Shard]
    private let bytesPerShard: Int

    /// Creates a cache holding at most about `capacity` bytes; 0 keeps nothing.
    init(capacity: Int, shards: Int = 16) {
        self.shards = (0..<shards).map { _ in Shard() }
        bytesPerShard = max(0, capacity / shards)
    }

    /// Whether anything can be kept (a capacity of 0 turns the cache off).
    var isEnabled: Bool {
        bytesPerShard > 0
    }

    /// The response kept for `key`, if any.
    func response(for key: ResponseCacheKey) -> Response? {
        guard isEnabled else { return nil }
        return shard(for: key).contents.withLock { $0.entries[key] }
    }

    /// Keeps `response` for `key` when it is a 200 with a body (streams are never kept) small enough
    /// to leave room for others, and returns it with its libmicrohttpd copy; anything else is
    /// returned as it is.
    func keep(_ response: Response, for key: ResponseCacheKey) -> Response {
        let cost = ResponseCache.cost(of: response, key: key)
        guard response.status == .ok, response.stream == nil, cost <= bytesPerShard / 8,
            let cached = response.withCachedCopy()
        else { return response }
        shard(for: key).contents.withLock { contents in
            if let previous = contents.entries.updateValue(cached, forKey: key) {
                contents.bytes -= ResponseCache.cost(of: previous, key: key)
            }
            contents.bytes += cost
            while contents.bytes > bytesPerShard, let victim = contents.entries.first(where: { $0.key != key }) {
                contents.entries[victim.key] = nil
                contents.bytes -= ResponseCache.cost(of: victim.value, key: victim.key)
            }
        }
        return cached
    }

    /// The responses kept and the bytes they are counted as, over all shards.
    var usage: (count: Int, bytes: Int) {
        shards.reduce(into: (count: 0, bytes: 0)) { total, shard in
            shard.contents.withLock {
                total.count += $0.entries.count; total.bytes += $0.bytes
            }
        }
    }

    private func shard(for key: ResponseCacheKey) -> Shard {
        shards[Int(UInt(bitPattern: key.hash) % UInt(shards.count))]
    }

    /// The bytes one entry is counted as: what it keeps resident, measured rather than summed from
    /// sizes. The body and header text are held twice (the Swift response and libmicrohttpd's copy);
    /// each header field costs libmicrohttpd an entry of its own plus the allocator's rounding; and
    /// every entry carries a fixed share: libmicrohttpd's response with its lock, the cached-copy
    /// object, the dictionary slot, the key's storage and the allocator's slack under churn. The fixed
    /// share was set from the resident growth of a server filled with small distinct answers (6.4 KB
    /// each against 1.1 KB counted before), so that growth stays within the budget.
    static func cost(of response: Response, key: ResponseCacheKey) -> Int {
        var headerBytes = 0
        for field in response.headers { headerBytes += field.name.utf8.count + field.value.utf8.count }
        return 2 * response.body.count + 2 * headerBytes + response.headers.fields.count * perHeaderBytes + key.size
            + perEntryBytes
    }

    /// What each header field of a kept answer costs beyond its text.
    static let perHeaderBytes = 160
    /// What each kept answer costs beyond its body, header fields and key.
    static let perEntryBytes = 4096
}
