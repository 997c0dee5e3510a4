/// A set of article ordinals as one bit per article, with the count of members before every block
/// of `blockWords` words: membership is one load, an ordinal's rank (members before it) a few
/// population counts, and the n-th member a binary search over the blocks.
struct RankedBitmap: Sendable {
    /// Bit `o & 63` of word `o >> 6` is article `o`.
    private let words: ContiguousArray<UInt64>
    /// Members before each block of `blockWords` words.
    private let blockRanks: ContiguousArray<UInt32>
    /// How many members there are.
    let count: Int

    /// Words per block of `blockRanks`: a rank reads at most this many words.
    static let blockWords = 8

    /// The set whose members are the set bits of `words`.
    init(words: ContiguousArray<UInt64>) {
        var ranks = ContiguousArray<UInt32>(repeating: 0, count: RankedBitmap.blockCount(words: words.count))
        let count = ranks.withUnsafeMutableBufferPointer { ranks in
            words.withUnsafeBufferPointer { RankedBitmap.fillBlockRanks(ranks, of: $0) }
        }
        self.words = words
        blockRanks = ranks
        self.count = count
    }

    /// Whether `ordinal` is a member.
    func contains(_ ordinal: Int32) -> Bool {
        let word = Int(ordinal) >> 6
        return word < words.count && words[word] >> UInt64(ordinal & 63) & 1 == 1
    }

    /// How many members are below `ordinal`.
    func rank(of ordinal: Int32) -> Int {
        guard Int(ordinal) >> 6 < words.count else { return count }
        return words.withUnsafeBufferPointer { words in
            blockRanks.withUnsafeBufferPointer { ranks in RankedBitmap.rank(of: ordinal, words: words, blockRanks: ranks) }
        }
    }

    /// The member with `rank` members below it (`rank` in `0..<count`).
    func member(withRank rank: Int) -> Int32 {
        precondition(rank >= 0 && rank < count, "rank out of range")
        // The last block with at most `rank` members before it holds the member.
        let block = blockRanks.partitioningIndex { Int($0) > rank } - 1
        var remaining = rank - Int(blockRanks[block])
        var word = block * RankedBitmap.blockWords
        while words[word].nonzeroBitCount <= remaining {
            remaining -= words[word].nonzeroBitCount
            word += 1
        }
        var bits = words[word]
        for _ in 0..<remaining { bits &= bits &- 1 }
        return Int32(word << 6 + bits.trailingZeroBitCount)
    }

    /// Blocks of `blockWords` needed for `words` words.
    static func blockCount(words: Int) -> Int {
        (words + blockWords - 1) / blockWords
    }

    /// Writes into `ranks` the members before each block of `words`; returns all the members.
    static func fillBlockRanks(_ ranks: UnsafeMutableBufferPointer<UInt32>, of words: UnsafeBufferPointer<UInt64>) -> Int {
        var before = 0
        for block in 0..<ranks.count {
            ranks[block] = UInt32(before)
            for word in block * blockWords..<min(words.count, (block + 1) * blockWords) {
                before += words[word].nonzeroBitCount
            }
        }
        return before
    }

    /// How many members of the bitmap `words` (with `blockRanks` from `fillBlockRanks`) are below
    /// `ordinal`, which must fall within its words.
    @inline(__always)
    static func rank(of ordinal: Int32, words: UnsafeBufferPointer<UInt64>, blockRanks: UnsafeBufferPointer<UInt32>) -> Int {
        let word = Int(ordinal) >> 6
        let block = word / blockWords
        var rank = Int(blockRanks[block])
        for earlier in block * blockWords..<word {
            rank += words[earlier].nonzeroBitCount
        }
        let below = (UInt64(1) << UInt64(ordinal & 63)) &- 1
        return rank + (words[word] & below).nonzeroBitCount
    }
}
