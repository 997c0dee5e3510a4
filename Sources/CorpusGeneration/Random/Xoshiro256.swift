/// A small, fast pseudo-random generator (xoshiro256**) whose output depends only on its seed,
/// so the same seed always yields the same corpus on every machine and Swift version.
struct Xoshiro256: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Creates a generator whose four state words are expanded from `seed` with SplitMix64.
    init(seed: UInt64) {
        var state = seed
        s0 = Self.splitMix(&state)
        s1 = Self.splitMix(&state)
        s2 = Self.splitMix(&state)
        s3 = Self.splitMix(&state)
    }

    /// Creates the generator for one numbered item of one stream of a seed (say, article 42),
    /// independent of every other item, so items can be generated in any order.
    init(seed: UInt64, stream: Stream, index: Int = 0) {
        var state = seed
        state = Self.splitMix(&state) ^ stream.rawValue
        state = Self.splitMix(&state) ^ UInt64(truncatingIfNeeded: index)
        self.init(seed: Self.splitMix(&state))
    }

    /// Returns the next 64 random bits.
    @inline(__always)
    mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, by: 7) &* 9
        let shifted = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= shifted
        s3 = rotateLeft(s3, by: 45)
        return result
    }

    /// One step of SplitMix64, used to spread a seed over the generator's state.
    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    private func rotateLeft(_ value: UInt64, by count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }
}

extension Xoshiro256 {
    /// The independent random streams of one corpus.
    enum Stream: UInt64, Sendable {
        case entities = 1
        case measures = 2
        case claims = 3
        case articles = 4
        case schedule = 5
    }
}
