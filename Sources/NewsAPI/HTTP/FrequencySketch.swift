/// About how often each key was asked for lately, in a fixed few kilobytes: what the response cache
/// compares before letting a new answer push out a kept one.
///
/// Each key is counted in four of the sketch's counters, picked by four mixes of its hash, and its
/// count is the smallest of the four (other keys sharing a counter can only raise it). A counter stops
/// at 15. Once the additions since the last halving reach the sample size the caller gives, all
/// counters are halved, so that what was asked for often long ago makes way for what is asked for now.
struct FrequencySketch {
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
