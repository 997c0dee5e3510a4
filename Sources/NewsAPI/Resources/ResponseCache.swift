import Synchronization

/// Keeps the prepared responses of fixed resources (one article, one entity, one trade measure), so a
/// resource asked for again is sent without being encoded again. The snapshot never changes, so
/// entries never go stale; the cache is bounded, and full shards drop an arbitrary entry.
final class ResponseCache: Sendable {
    private final class Shard: Sendable {
        let entries = Mutex<[String: Response]>([:])
    }

    private let shards: [Shard]
    private let entriesPerShard: Int

    /// Creates a cache holding at most about `capacity` responses.
    init(capacity: Int = 8192, shards: Int = 16) {
        self.shards = (0..<shards).map { _ in Shard() }
        entriesPerShard = max(1, capacity / shards)
    }

    /// The cached response for `key`, or `make()`'s, prepared and cached when it is a 200.
    func response(for key: String, make: () throws -> Response) rethrows -> Response {
        let shard = shards[Int(UInt(bitPattern: key.hashValue) % UInt(shards.count))]
        if let cached = shard.entries.withLock({ $0[key] }) { return cached }
        let fresh = try make()
        guard fresh.status == .ok else { return fresh }
        let prepared = fresh.prepared()
        shard.entries.withLock { entries in
            if entries.count >= entriesPerShard, let victim = entries.keys.first { entries[victim] = nil }
            entries[key] = prepared
        }
        return prepared
    }
}
