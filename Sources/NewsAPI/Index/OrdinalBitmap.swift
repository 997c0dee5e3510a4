/// A set of article ordinals as one bit per article, for the words so common that testing a bit
/// beats walking their posting list.
struct OrdinalBitmap: Sendable {
    private let words: ContiguousArray<UInt64>

    /// The set of `ordinals` (each below `count`).
    init(_ ordinals: ArraySlice<Int32>, count: Int) {
        var words = ContiguousArray<UInt64>(repeating: 0, count: (count + 63) / 64)
        for ordinal in ordinals {
            words[Int(ordinal) >> 6] |= 1 << UInt64(ordinal & 63)
        }
        self.words = words
    }

    /// The bytes the bitmap takes.
    var byteCount: Int {
        words.count * 8
    }

    /// The values of `candidates` in the set, in the same order.
    func filter(_ candidates: ArraySlice<Int32>) -> [Int32] {
        words.withUnsafeBufferPointer { words in
            candidates.withUnsafeBufferPointer { candidates in
                [Int32](unsafeUninitializedCapacity: candidates.count) { result, count in
                    var kept = 0
                    for candidate in candidates {
                        result[kept] = candidate
                        kept &+= Int(truncatingIfNeeded: words[Int(candidate) >> 6] >> UInt64(candidate & 63) & 1)
                    }
                    count = kept
                }
            }
        }
    }
}
