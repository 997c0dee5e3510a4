/// The articles, within a run of ordinals, that hold every one of some common terms and none of
/// some others, read from the terms' bitmaps without listing them: counted in one pass over the
/// words, and listed only as far as a page needs.
///
/// The words are combined a chunk at a time into a small buffer (AND the included bitmaps, AND NOT
/// the excluded ones, mask the run's edges), which the compiler turns into vector loops. Nothing is
/// combined until asked for, so each question costs a pass: callers keep the answers they reuse.
struct TermConjunction: Sendable {
    private let bitmaps: CommonTermBitmaps
    /// The bitmaps every article must be in; at least one.
    private let included: [Int]
    /// The bitmaps no article may be in.
    private let excluded: [Int]
    /// The ordinals the articles are taken from.
    let range: Range<Int32>

    /// The articles of `range` in every bitmap of `included` (not empty) and none of `excluded`.
    init(bitmaps: CommonTermBitmaps, included: [Int], excluded: [Int], range: Range<Int32>) {
        precondition(!included.isEmpty, "a conjunction needs a term")
        self.bitmaps = bitmaps
        self.included = included
        self.excluded = excluded
        self.range = range
    }

    /// How many articles there are: one pass over the words.
    func countAll() -> Int {
        count(in: range)
    }

    /// How many of the articles lie in `ordinals`.
    func count(in ordinals: Range<Int32>) -> Int {
        let clipped = ordinals.clamped(to: range)
        guard !clipped.isEmpty else { return 0 }
        var count = 0
        TermConjunction.forEachChunk(bitmaps, included, excluded, in: clipped) { _, chunk in
            for word in chunk { count &+= word.nonzeroBitCount }
            return true
        }
        return count
    }

    /// How many of the articles lie at or above each of `boundaries` (descending), in one pass over
    /// the words from the top of the range down to the lowest boundary.
    func countsAtOrAbove(_ boundaries: some Sequence<Int32>) -> [Int] {
        var counts: [Int] = []
        counts.reserveCapacity(boundaries.underestimatedCount)
        var counted = 0
        var countedFrom = range.upperBound
        for boundary in boundaries {
            let from = min(max(boundary, range.lowerBound), range.upperBound)
            precondition(from <= countedFrom, "boundaries must descend")
            if from < countedFrom {
                counted += count(in: from..<countedFrom)
                countedFrom = from
            }
            counts.append(counted)
        }
        return counts
    }

    /// Whether the article at `ordinal` is one of them.
    func contains(_ ordinal: Int32) -> Bool {
        guard range.contains(ordinal) else { return false }
        let stride = bitmaps.wordsPerBitmap
        let word = Int(ordinal) >> 6
        let bit = UInt64(1) << UInt64(ordinal & 63)
        return bitmaps.words.withUnsafeBufferPointer { words in
            included.allSatisfy { words[$0 * stride + word] & bit != 0 }
                && excluded.allSatisfy { words[$0 * stride + word] & bit == 0 }
        }
    }

    /// The lowest ordinal among the articles (the newest), or `nil` when there are none.
    var first: Int32? {
        var found: Int32?
        TermConjunction.forEachChunk(bitmaps, included, excluded, in: range) { firstWord, chunk in
            guard let index = chunk.firstIndex(where: { $0 != 0 }) else { return true }
            found = Int32((firstWord + index) << 6 + chunk[index].trailingZeroBitCount)
            return false
        }
        return found
    }

    /// The highest ordinal among the articles (the oldest), or `nil` when there are none: the words
    /// are combined a chunk's worth at a time from the top of the range down.
    var last: Int32? {
        let span = Int32(TermConjunction.chunkWords * 64)
        var upper = range.upperBound
        while upper > range.lowerBound {
            let lower = upper - min(span, upper - range.lowerBound)
            var found: Int32?
            // A span not aligned to words comes in two chunks; the later one holds the higher ordinals.
            TermConjunction.forEachChunk(bitmaps, included, excluded, in: lower..<upper) { firstWord, chunk in
                if let index = chunk.lastIndex(where: { $0 != 0 }) {
                    found = Int32((firstWord + index) << 6 + 63 - chunk[index].leadingZeroBitCount)
                }
                return true
            }
            if let found { return found }
            upper = lower
        }
        return nil
    }

    /// The articles at `positions` of the ascending list of all of them (positions outside it give none).
    func ordinals(at positions: Range<Int>) -> [Int32] {
        let positions = positions.clamped(to: 0..<Int.max)
        guard !positions.isEmpty else { return [] }
        var result: [Int32] = []
        result.reserveCapacity(positions.count)
        var seen = 0  // articles before the current word
        TermConjunction.forEachChunk(bitmaps, included, excluded, in: range) { firstWord, chunk in
            for (index, word) in chunk.enumerated() {
                let bits = word.nonzeroBitCount
                if seen + bits <= positions.lowerBound {
                    seen += bits
                    continue
                }
                var rest = word
                while rest != 0 {
                    if seen >= positions.lowerBound {
                        result.append(Int32((firstWord + index) << 6 + rest.trailingZeroBitCount))
                        if result.count == positions.count { return false }
                    }
                    seen += 1
                    rest &= rest &- 1
                }
            }
            return true
        }
        return result
    }

    /// Every article, ascending; `count` is how many there are (as `countAll()` says).
    ///
    /// Each word's articles are written eight at a time whether or not it has that many (a word
    /// with fewer writes past its last one, into room the next word overwrites or the array drops),
    /// so the loop's branches do not depend on how many articles a word holds.
    func ordinals(count: Int) -> [Int32] {
        [Int32](unsafeUninitializedCapacity: count + 64) { result, written in
            var kept = 0
            TermConjunction.forEachChunk(bitmaps, included, excluded, in: range) { firstWord, chunk in
                for (index, word) in chunk.enumerated() where word != 0 {
                    let base = Int32(truncatingIfNeeded: (firstWord + index) << 6)
                    let bits = word.nonzeroBitCount
                    // Each word writes at most 64 past `kept`, within the room asked for.
                    precondition(kept &+ bits <= count, "the count given is not the conjunction's")
                    var rest = word
                    var place = kept
                    repeat {
                        for _ in 0..<8 {
                            result[place] = base &+ Int32(truncatingIfNeeded: rest.trailingZeroBitCount)
                            rest &= rest &- 1
                            place &+= 1
                        }
                    } while rest != 0
                    kept &+= bits
                }
                return true
            }
            precondition(kept == count, "the count given is not the conjunction's")
            written = kept
        }
    }

    /// The articles as a bitmap over the whole corpus, with ranks: for answers that count them by
    /// ranges of ordinals or read them out of order.
    var rankedBitmap: RankedBitmap {
        var words = ContiguousArray<UInt64>(repeating: 0, count: bitmaps.wordsPerBitmap)
        words.withUnsafeMutableBufferPointer { words in
            TermConjunction.forEachChunk(bitmaps, included, excluded, in: range) { firstWord, chunk in
                for (index, word) in chunk.enumerated() { words[firstWord + index] = word }
                return true
            }
        }
        return RankedBitmap(words: words)
    }

    /// Words combined per call of `forEachChunk`'s body.
    private static let chunkWords = 256

    /// Calls `body` with the combined words of `range`, in order, a chunk at a time, with the index
    /// of the chunk's first word, until `body` returns false. Bits outside `range` are cleared.
    private static func forEachChunk(
        _ bitmaps: CommonTermBitmaps, _ included: [Int], _ excluded: [Int], in range: Range<Int32>,
        _ body: (Int, UnsafeMutableBufferPointer<UInt64>) -> Bool
    ) {
        guard !range.isEmpty else { return }
        let firstWord = Int(range.lowerBound) >> 6
        let endWord = (Int(range.upperBound) + 63) >> 6
        let stride = bitmaps.wordsPerBitmap
        bitmaps.words.withUnsafeBufferPointer { words in
            guard let words = words.baseAddress else { return }
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: chunkWords) { buffer in
                guard let combined = buffer.baseAddress else { return }
                var start = firstWord
                while start < endWord {
                    let length = min(chunkWords, endWord - start)
                    let chunk = UnsafeMutableBufferPointer(rebasing: buffer[..<length])
                    // Read through pointers, so that the loops have no overflow checks and vectorize.
                    combined.update(from: words + (included[0] * stride + start), count: length)
                    for bitmap in included.dropFirst() {
                        let source = words + (bitmap * stride + start)
                        for index in 0..<length { combined[index] &= source[index] }
                    }
                    for bitmap in excluded {
                        let source = words + (bitmap * stride + start)
                        for index in 0..<length { combined[index] &= ~source[index] }
                    }
                    if start == firstWord {
                        chunk[0] &= ~0 << UInt64(range.lowerBound & 63)
                    }
                    if start + length == endWord, range.upperBound & 63 != 0 {
                        chunk[length - 1] &= (1 << UInt64(range.upperBound & 63)) &- 1
                    }
                    guard body(start, chunk) else { return }
                    start += length
                }
            }
        }
    }
}
