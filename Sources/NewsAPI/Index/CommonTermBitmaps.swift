import Dispatch

/// The articles of each of the index's most common terms as a bitmap, one bit per article, all the
/// bitmaps in one array. For a term in at least one article in 32, the bitmap is no bigger than its
/// posting list would be; it answers "does this article hold the term?" in one load, and two terms'
/// articles intersect word by word (see `TermConjunction`).
///
/// A term's frequencies stay in the index's posting order, so each bitmap also keeps, for every block
/// of `RankedBitmap.blockWords` words, how many articles come before the block: an article's place
/// among the term's articles (its rank) is that count plus a few population counts.
struct CommonTermBitmaps: Sendable {
    /// 64-bit words in each bitmap (one bit per article of the corpus).
    let wordsPerBitmap: Int
    /// Every bitmap's words, bitmap after bitmap; bit `o & 63` of word `o >> 6` is article `o`.
    let words: ContiguousArray<UInt64>
    /// For each bitmap, for each block of `RankedBitmap.blockWords` words: the set bits before it.
    private let blockRanks: ContiguousArray<UInt32>
    /// Blocks per bitmap in `blockRanks`.
    private let blocksPerBitmap: Int

    /// The bitmaps whose bits are already set in `words` (`count` bitmaps of `wordsPerBitmap` words,
    /// back to back); the block ranks are counted on `threads` threads, a bitmap each at a time.
    init(words: ContiguousArray<UInt64>, wordsPerBitmap: Int, threads: Int) {
        let bitmapCount = wordsPerBitmap == 0 ? 0 : words.count / wordsPerBitmap
        let blocksPerBitmap = RankedBitmap.blockCount(words: wordsPerBitmap)
        var ranks = ContiguousArray<UInt32>(repeating: 0, count: bitmapCount * blocksPerBitmap)
        words.withUnsafeBufferPointer { words in
            ranks.withUnsafeMutableBufferPointer { ranks in
                nonisolated(unsafe) let ranks = ranks
                nonisolated(unsafe) let words = words
                let threadCount = max(1, min(threads, bitmapCount))
                DispatchQueue.concurrentPerform(iterations: threadCount) { thread in
                    for bitmap in stride(from: thread, to: bitmapCount, by: threadCount) {
                        let base = bitmap * wordsPerBitmap
                        _ = RankedBitmap.fillBlockRanks(
                            UnsafeMutableBufferPointer(
                                rebasing: ranks[bitmap * blocksPerBitmap..<(bitmap + 1) * blocksPerBitmap]),
                            of: UnsafeBufferPointer(rebasing: words[base..<base + wordsPerBitmap]))
                    }
                }
            }
        }
        self.wordsPerBitmap = wordsPerBitmap
        self.blocksPerBitmap = blocksPerBitmap
        self.words = words
        blockRanks = ranks
    }

    /// How many bitmaps there are.
    var count: Int { wordsPerBitmap == 0 ? 0 : words.count / wordsPerBitmap }

    /// The bytes the bitmaps and their block ranks take.
    var byteCount: Int { words.count * 8 + blockRanks.count * 4 }

    /// Whether `bitmap` holds article `ordinal`.
    @inline(__always)
    func contains(_ ordinal: Int32, in bitmap: Int) -> Bool {
        words.withUnsafeBufferPointer { words in
            words[bitmap * wordsPerBitmap + Int(ordinal) >> 6] >> UInt64(ordinal & 63) & 1 == 1
        }
    }

    /// How many of `bitmap`'s articles come before `ordinal`: the place of `ordinal` among them.
    func rank(of ordinal: Int32, in bitmap: Int) -> Int {
        words.withUnsafeBufferPointer { words in
            blockRanks.withUnsafeBufferPointer { ranks in
                RankedBitmap.rank(
                    of: ordinal,
                    words: UnsafeBufferPointer(rebasing: words[bitmap * wordsPerBitmap..<(bitmap + 1) * wordsPerBitmap]),
                    blockRanks: UnsafeBufferPointer(rebasing: ranks[bitmap * blocksPerBitmap..<(bitmap + 1) * blocksPerBitmap]))
            }
        }
    }

    /// The values of `candidates` that `bitmap` holds (or, with `keepingMembers` false, does not
    /// hold), in the same order.
    func filter(_ candidates: ArraySlice<Int32>, by bitmap: Int, keepingMembers: Bool = true) -> [Int32] {
        // A member's bit is 1; flipped, when members are dropped, the bit is the step either way.
        let flip: UInt64 = keepingMembers ? 0 : 1
        return words.withUnsafeBufferPointer { words in
            let bits = UnsafeBufferPointer(rebasing: words[bitmap * wordsPerBitmap..<(bitmap + 1) * wordsPerBitmap])
            return candidates.withUnsafeBufferPointer { candidates in
                [Int32](unsafeUninitializedCapacity: candidates.count) { result, count in
                    // Branch-free: write every candidate, advance past it only when it is kept. The step
                    // is the bit itself, not a comparison, which the compiler made a branch (mispredicted
                    // about as often as candidates are dropped, each time waiting for the bitmap's word).
                    var kept = 0
                    for candidate in candidates {
                        result[kept] = candidate
                        kept &+= Int(truncatingIfNeeded: (bits[Int(candidate) >> 6] >> UInt64(candidate & 63) & 1) ^ flip)
                    }
                    count = kept
                }
            }
        }
    }
}
