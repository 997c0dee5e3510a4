/// Keeps successful answers, each with libmicrohttpd's copy made once, by URL and negotiated headers,
/// so a resource or a list asked for again is sent without being computed or encoded again.
///
/// The snapshot a cache belongs to never changes, so entries never go stale; a reload builds a new
/// snapshot with an empty cache. The cache holds at most `capacity` bytes, counted as twice each body
/// (the Swift copy and libmicrohttpd's) plus its headers and key. It is split into shards, each with
/// its own lock and an equal share of the budget.
///
/// A full shard makes room by CLOCK (second chance): its keys wait in a ring in the order they were
/// kept, and a hit marks its entry as referenced. To drop one, the shard takes the key at the front:
/// a referenced entry loses its mark and goes to the back, an unreferenced one is dropped. So answers
/// asked for again stay while those asked for once make way, whatever their keys hash to, and making
/// room costs a constant number of steps per entry dropped.
///
/// A new answer gets into a full shard only if its URL was asked for more often lately than the one
/// it would push out, by more than one request (each shard counts every look-up in a
/// `FrequencySketch`, whose counts halve after ten look-ups per entry kept, so that they follow what
/// is asked for now); otherwise it is sent without being kept. Without this test, URLs asked for in
/// turn, more of them than fit, would each push out the one asked for next: no look-up would hit,
/// and every miss would pay for keeping its answer. With it, the kept part of such a cycle stays and
/// hits, answers asked for once cost nothing to keep, and URLs asked for more than those kept get in
/// once the old counts have halved.
final class ResponseCache: Sendable {
    /// What a cache has done since it was made, and what it holds now.
    struct Statistics: Equatable, Sendable {
        /// Look-ups that found an answer.
        var hits = 0
        /// Look-ups that found none.
        var misses = 0
        /// New answers a full cache did not keep, their URL not asked for more often (by more than one
        /// request) than the entry they would have pushed out.
        var refusals = 0
        /// Answers kept now.
        var entries = 0
        /// What the answers kept now are counted as, in bytes.
        var bytes = 0

        /// These counts with `other`'s hits, misses and refusals added (what it holds is not).
        func adding(countsOf other: Statistics) -> Statistics {
            var sum = self
            sum.hits += other.hits
            sum.misses += other.misses
            sum.refusals += other.refusals
            return sum
        }
    }

    private struct Entry {
        var response: Response
        /// What the entry is counted as (`cost(of:key:)`), kept so dropping it need not work it out again.
        var cost: Int
        /// Whether the entry was asked for since the ring last passed over it.
        var referenced = false
    }

    private struct Contents {
        var entries: [ResponseCacheKey: Entry] = [:]
        /// The key of every entry, once each, oldest first from `head`; the slots before `head` were
        /// taken and are `nil` until the ring is compacted. A key is added only when it is first kept
        /// (keeping it again replaces the entry in place) and leaves only when its entry is dropped, so
        /// the ring never holds a key without an entry, or twice.
        var ring: [ResponseCacheKey?] = []
        var head = 0
        var bytes = 0
        /// How often each key was looked up lately.
        var frequencies: FrequencySketch
        /// Look-ups that hit and missed, and answers not admitted, in this shard.
        var hits = 0
        var misses = 0
        var refusals = 0

        /// Counts a look-up of `key`.
        mutating func countLookUp(of key: ResponseCacheKey) {
            frequencies.add(key.hash, sampleSize: 10 * max(16, entries.count))
        }

        /// Whether a new answer costing `cost` may be kept for `key`: always while the shard has room
        /// for it (or when it replaces the key's own entry); in a full shard, only if the key was asked
        /// for more often lately than the entry CLOCK would drop first, by more than one request. In a
        /// cycle of URLs each is asked for once a turn, but the key counts the request being answered
        /// and a halving leaves the URLs asked for before it one ahead of the others: with no margin,
        /// those single counts let a cycle's answers push one another out (two fifths of the hits of a
        /// mixed cycle at 1M were lost so: 27-30% of its look-ups hit, against 48-49%).
        mutating func admits(_ key: ResponseCacheKey, cost: Int, within budget: Int) -> Bool {
            guard bytes + cost > budget, entries.index(forKey: key) == nil, let victim = nextToDrop() else {
                return true
            }
            guard frequencies.estimate(key.hash) > frequencies.estimate(entries.keys[victim].hash) + 1 else {
                refusals += 1
                return false
            }
            return true
        }

        /// Drops entries, CLOCK-wise, until the shard holds at most `budget` bytes; `newest`, just
        /// kept, goes round again rather than being dropped.
        mutating func makeRoom(within budget: Int, sparing newest: ResponseCacheKey) {
            while bytes > budget, let index = nextToDrop() {
                let key = ring[head]!
                ring[head] = nil
                head += 1
                if key == newest {
                    ring.append(key)
                } else {
                    bytes -= entries.values[index].cost
                    entries.remove(at: index)
                }
            }
            if head >= 64, head * 2 >= ring.count {
                ring.removeFirst(head)
                head = 0
            }
        }

        /// The entry of the key at the front of the ring once the entries asked for since the ring
        /// last passed over them have lost their mark and gone to the back; `nil` when the shard is empty.
        private mutating func nextToDrop() -> Dictionary<ResponseCacheKey, Entry>.Index? {
            while head < ring.count {
                let key = ring[head]!
                let index = entries.index(forKey: key)!
                guard entries.values[index].referenced else { return index }
                entries.values[index].referenced = false
                ring[head] = nil
                head += 1
                ring.append(key)
            }
            return nil
        }
    }

    /// A shard's lock is an `NSLock` rather than a `Mutex`: request threads contend for it, and
    /// ThreadSanitizer does not follow a contended `Mutex`'s hand-over (see `LockedValue`).
    private final class Shard: Sendable {
        let contents: LockedValue<Contents>

        /// A shard of `budget` bytes.
        init(budget: Int) {
            let entries = max(1, budget / ResponseCache.perEntryBytes)
            contents = LockedValue(Contents(frequencies: FrequencySketch(entries: entries)))
        }
    }

    private let shards: [Shard]
    private let bytesPerShard: Int

    /// Creates a cache holding at most about `capacity` bytes; 0 keeps nothing.
    init(capacity: Int, shards: Int = 16) {
        bytesPerShard = max(0, capacity / shards)
        self.shards = (0..<shards).map { [bytesPerShard] _ in Shard(budget: bytesPerShard) }
    }

    /// Whether anything can be kept (a capacity of 0 turns the cache off).
    var isEnabled: Bool {
        bytesPerShard > 0
    }

    /// The response kept for `key`, if any. The look-up counts as the key being asked for once more.
    func response(for key: ResponseCacheKey) -> Response? {
        guard isEnabled else { return nil }
        return shard(for: key).contents.withLock { contents in
            contents.countLookUp(of: key)
            guard let index = contents.entries.index(forKey: key) else {
                contents.misses += 1
                return nil
            }
            contents.hits += 1
            if !contents.entries.values[index].referenced { contents.entries.values[index].referenced = true }
            return contents.entries.values[index].response
        }
    }

    /// Keeps `response` for `key` when it is a 200 with a body (streams are never kept) small enough
    /// to leave room for others, and its shard admits it (see the type's summary), and returns it with
    /// its libmicrohttpd copy; anything else is returned as it is.
    func keep(_ response: Response, for key: ResponseCacheKey) -> Response {
        let cost = ResponseCache.cost(of: response, key: key)
        guard response.status == .ok, response.stream == nil, cost <= bytesPerShard / 8 else { return response }
        let shard = shard(for: key)
        // The copy for libmicrohttpd is made outside the lock, and only for an answer that will be kept.
        guard shard.contents.withLock({ $0.admits(key, cost: cost, within: bytesPerShard) }),
            let cached = response.withCachedCopy()
        else { return response }
        shard.contents.withLock { contents in
            if let index = contents.entries.index(forKey: key) {
                contents.bytes += cost - contents.entries.values[index].cost
                contents.entries.values[index].response = cached
                contents.entries.values[index].cost = cost
            } else {
                contents.entries[key] = Entry(response: cached, cost: cost)
                contents.ring.append(key)
                contents.bytes += cost
            }
            contents.makeRoom(within: bytesPerShard, sparing: key)
        }
        return cached
    }

    /// Whether an answer is kept for `key`, without counting the key as asked for or marking its entry.
    func holds(_ key: ResponseCacheKey) -> Bool {
        shard(for: key).contents.withLock { $0.entries.index(forKey: key) != nil }
    }

    /// The responses kept and the bytes they are counted as, over all shards.
    var usage: (count: Int, bytes: Int) {
        let statistics = statistics
        return (statistics.entries, statistics.bytes)
    }

    /// The counts of all shards, each read under its lock.
    var statistics: Statistics {
        shards.reduce(into: Statistics()) { total, shard in
            shard.contents.withLock { contents in
                total.hits += contents.hits
                total.misses += contents.misses
                total.refusals += contents.refusals
                total.entries += contents.entries.count
                total.bytes += contents.bytes
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
    /// object, the dictionary slot, its ring slot (a second reference to the key's bytes, not a copy:
    /// 16 bytes), the key's storage and the allocator's slack under churn. The fixed
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

/// About how often each key was asked for lately, in a fixed few kilobytes: what the response cache
/// compares before letting a new answer push out a kept one.
///
/// Each key is counted in four of the sketch's counters, picked by four mixes of its hash, and its
/// count is the smallest of the four (other keys sharing a counter can only raise it). A counter stops
/// at 15. Once the additions since the last halving reach the sample size the caller gives, all
/// counters are halved, so that what was asked for often long ago makes way for what is asked for now.
private struct FrequencySketch {
    private var counters: [UInt8]
    /// How far a mixed hash is shifted right to leave a counter's index.
    private let shift: UInt64
    private var additions = 0

    /// The highest count a counter keeps.
    static let ceiling: UInt8 = 15

    /// A sketch for a cache part holding at most about `entries` answers: eight counters an entry, and
    /// at least 4,096 (a power of two), so that keys rarely share all four.
    init(entries: Int) {
        var bits: UInt64 = 12
        while 1 << bits < entries * 8 { bits += 1 }
        counters = Array(repeating: 0, count: 1 << bits)
        shift = 64 - bits
    }

    /// Counts the key with hash `hash` once more, then halves every count if this was the
    /// `sampleSize`th addition since they were last halved.
    mutating func add(_ hash: Int, sampleSize: Int) {
        for multiplier in FrequencySketch.multipliers {
            let index = self.index(hash, multiplier)
            if counters[index] < FrequencySketch.ceiling { counters[index] += 1 }
        }
        additions += 1
        if additions >= sampleSize { halve() }
    }

    /// About how often the key with hash `hash` was counted lately (never fewer times).
    func estimate(_ hash: Int) -> Int {
        var smallest = FrequencySketch.ceiling
        for multiplier in FrequencySketch.multipliers {
            smallest = min(smallest, counters[index(hash, multiplier)])
        }
        return Int(smallest)
    }

    private mutating func halve() {
        for index in counters.indices { counters[index] >>= 1 }
        additions /= 2
    }

    /// Odd multipliers, one per counter a key has: each mixes the whole hash into the top bits, which
    /// give the index (the cache picks a key's shard by the hash's low bits).
    private static let multipliers: [UInt64] = [
        0x9E37_79B9_7F4A_7C15, 0xBF58_476D_1CE4_E5B9, 0x94D0_49BB_1331_11EB, 0xD6E8_FEB8_6659_FD93,
    ]

    @inline(__always)
    private func index(_ hash: Int, _ multiplier: UInt64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(hash)) &* multiplier) >> shift)
    }
}
