import Dispatch

/// The full-text index: for each folded term, the articles containing it (ascending ordinals) with
/// the term's frequency in each, plus every article's length for BM25.
///
/// A term in at least one article in `denseShare` keeps its articles as a bitmap instead of a list of
/// ordinals (see `CommonTermBitmaps`): at that share the bitmap is no bigger, and the few hundred
/// most common words hold most of the corpus's postings.
struct InvertedIndex: Sendable {
    /// Folded term text to term id.
    let terms: TermDictionary
    /// Per term (plus an end marker): where its frequencies start in `postingFrequencies`.
    private let postingStarts: ContiguousArray<Int>
    /// The term frequency of each posting: a term's articles in ascending order, back to back.
    private let postingFrequencies: ContiguousArray<UInt8>
    /// Per term (plus an end marker): where its ordinals start in `postingOrdinals`; a term with a
    /// bitmap has none there.
    private let ordinalStarts: ContiguousArray<Int>
    /// The ordinals of the terms without a bitmap, back to back, ascending within a term.
    private let postingOrdinals: ContiguousArray<Int32>
    /// Per term: its bitmap in `commonTerms`, or -1.
    private let bitmapSlots: ContiguousArray<Int32>
    /// The articles of the common terms, one bitmap each.
    private let commonTerms: CommonTermBitmaps
    /// Tokens per article (title and body), by ordinal.
    let documentLengths: ContiguousArray<Int32>
    /// The mean of `documentLengths`.
    let averageDocumentLength: Double

    /// Builds the index from the workers' parts, whose documents' term ids are all those of
    /// `terms`; `ordered[ordinal]` says where each article's data is.
    ///
    /// The ordinals are split into one range per thread, each a whole number of bitmap words. Each
    /// thread counts its range's postings per term; the totals say which terms keep a bitmap, and the
    /// counts give every (range, term) its own place in the term's frequencies (and, without a
    /// bitmap, ordinals). Each thread then fills its places and sets its bits: lists come out
    /// ascending, no two threads write the same word, and a common term's ordinals are never listed.
    init(terms: TermDictionary, parts: [IndexedArticles], ordered: [DocumentLocation], threads: Int) {
        self.terms = terms
        let termCount = terms.count
        let documentCount = ordered.count
        let documents = parts.map { PartDocuments($0.terms) }
        let ranges = InvertedIndex.split(documentCount, into: max(1, min(threads, documentCount)))
        var counts = [ContiguousArray<Int>](repeating: [], count: ranges.count)
        counts.withUnsafeMutableBufferPointer { counts in
            nonisolated(unsafe) let counts = counts
            DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
                var perTerm = ContiguousArray<Int>(repeating: 0, count: termCount)
                for ordinal in ranges[index] {
                    documents.forEachPosting(of: ordered[ordinal]) { term, _ in perTerm[Int(term)] += 1 }
                }
                counts[index] = perTerm
            }
        }
        // Each term's places hold range 0's postings, then range 1's, ...
        var starts = ContiguousArray<Int>(repeating: 0, count: termCount + 1)
        var ordinalStarts = ContiguousArray<Int>(repeating: 0, count: termCount + 1)
        var slots = ContiguousArray<Int32>(repeating: -1, count: termCount)
        var cursors = [ContiguousArray<Int>](repeating: ContiguousArray(repeating: 0, count: termCount), count: ranges.count)
        var ordinalCursors = cursors
        var total = 0
        var listed = 0
        var bitmapCount = 0
        for term in 0..<termCount {
            starts[term] = total
            ordinalStarts[term] = listed
            let frequency = ranges.indices.reduce(0) { $0 + counts[$1][term] }
            let keepsBitmap = InvertedIndex.keepsBitmap(frequency: frequency, documentCount: documentCount)
            if keepsBitmap {
                slots[term] = Int32(bitmapCount)
                bitmapCount += 1
            }
            for index in ranges.indices {
                cursors[index][term] = total
                ordinalCursors[index][term] = listed
                total += counts[index][term]
                if !keepsBitmap { listed += counts[index][term] }
            }
        }
        starts[termCount] = total
        ordinalStarts[termCount] = listed
        let firstPlaces = cursors
        let firstOrdinalPlaces = ordinalCursors
        let bitmapSlots = slots
        let wordsPerBitmap = (documentCount + 63) / 64
        var ordinals = ContiguousArray<Int32>(repeating: 0, count: listed)
        var frequencies = ContiguousArray<UInt8>(repeating: 0, count: total)
        var words = ContiguousArray<UInt64>(repeating: 0, count: bitmapCount * wordsPerBitmap)
        ordinals.withUnsafeMutableBufferPointer { ordinals in
            frequencies.withUnsafeMutableBufferPointer { frequencies in
                words.withUnsafeMutableBufferPointer { words in
                    // Each thread writes only the places its counts reserved, and the words of its range.
                    nonisolated(unsafe) let ordinals = ordinals
                    nonisolated(unsafe) let frequencies = frequencies
                    nonisolated(unsafe) let words = words
                    DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
                        var cursor = firstPlaces[index]
                        var ordinalCursor = firstOrdinalPlaces[index]
                        for ordinal in ranges[index] {
                            documents.forEachPosting(of: ordered[ordinal]) { term, frequency in
                                let position = cursor[Int(term)]
                                frequencies[position] = frequency
                                cursor[Int(term)] = position + 1
                                let slot = Int(bitmapSlots[Int(term)])
                                if slot >= 0 {
                                    words[slot * wordsPerBitmap + ordinal >> 6] |= 1 << UInt64(ordinal & 63)
                                } else {
                                    ordinals[ordinalCursor[Int(term)]] = Int32(ordinal)
                                    ordinalCursor[Int(term)] += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        var lengths = ContiguousArray<Int32>(repeating: 0, count: documentCount)
        var totalLength = 0
        for (ordinal, location) in ordered.enumerated() {
            let length = parts[Int(location.part)].documentLengths[Int(location.document)]
            lengths[ordinal] = length
            totalLength += Int(length)
        }
        postingStarts = starts
        postingFrequencies = frequencies
        self.ordinalStarts = ordinalStarts
        postingOrdinals = ordinals
        self.bitmapSlots = bitmapSlots
        commonTerms = CommonTermBitmaps(words: words, wordsPerBitmap: wordsPerBitmap, threads: threads)
        documentLengths = lengths
        averageDocumentLength = documentCount == 0 ? 1 : max(1, Double(totalLength) / Double(documentCount))
    }

    /// Whether a term in `frequency` of `documentCount` articles keeps a bitmap.
    private static func keepsBitmap(frequency: Int, documentCount: Int) -> Bool {
        frequency >= denseMinimum && frequency * denseShare >= documentCount
    }

    /// A word in at least one article in this many gets a bitmap.
    static let denseShare = 32
    /// A word in fewer articles than this gets no bitmap, however small the corpus.
    static let denseMinimum = 64

    /// Splits `0..<count` into `parts` consecutive ranges of about equal size, each starting at a
    /// multiple of 64 (so no two share a bitmap word).
    private static func split(_ count: Int, into parts: Int) -> [Range<Int>] {
        let bounds = (0...parts).map { part in part == parts ? count : count * part / parts / 64 * 64 }
        return (0..<parts).map { bounds[$0]..<bounds[$0 + 1] }.filter { !$0.isEmpty }
    }

    /// The number of articles indexed.
    var documentCount: Int { documentLengths.count }

    /// The total number of postings (term–article pairs).
    var postingCount: Int { postingFrequencies.count }

    /// The bytes the bitmaps of common words take.
    var denseBitmapBytes: Int { commonTerms.byteCount }

    /// How many articles contain `term`.
    func documentFrequency(of term: Int32) -> Int {
        postingStarts[Int(term) + 1] - postingStarts[Int(term)]
    }

    /// The bitmap of `term`, if it is common enough to have one.
    private func bitmap(of term: Int32) -> Int? {
        let slot = bitmapSlots[Int(term)]
        return slot < 0 ? nil : Int(slot)
    }

    /// The ordinals of a term without a bitmap, ascending.
    private func listedOrdinals(of term: Int32) -> ArraySlice<Int32> {
        postingOrdinals[ordinalStarts[Int(term)]..<ordinalStarts[Int(term) + 1]]
    }

    /// The articles containing every one of `terms` (and in `scope`, when given), ascending. Starts
    /// from the shortest list; words with a bitmap are then checked bit by bit, the others merged or
    /// galloped through. When every word has a bitmap and the scope is longer, the bitmaps are
    /// intersected word by word.
    func articles(containingAll terms: [Int32], within scope: ArraySlice<Int32>?) -> [Int32] {
        let terms = terms.sorted { documentFrequency(of: $0) < documentFrequency(of: $1) }
        guard let rarest = terms.first else { return scope.map { Array($0) } ?? [] }
        var result: [Int32]
        var remaining = terms[...]
        var checksScope = false
        if let scope, scope.count < documentFrequency(of: rarest) {
            result = Array(scope)
        } else if bitmap(of: rarest) == nil {
            // The rarest list is read in place; only what survives the next list is copied.
            remaining = terms.dropFirst()
            checksScope = scope != nil
            guard let next = remaining.first else {
                let list = listedOrdinals(of: rarest)
                return scope.map { SortedOrdinals.retained(list, in: $0) } ?? Array(list)
            }
            remaining = remaining.dropFirst()
            result = retained(listedOrdinals(of: rarest), in: next)
        } else if let conjunction = conjunction(of: terms, excluding: [], within: 0..<Int32(documentCount)) {
            remaining = []
            checksScope = scope != nil
            result = conjunction.ordinals(count: conjunction.countAll())
        } else {
            preconditionFailure("the rarest term has a bitmap, so every term has one")
        }
        for term in remaining where !result.isEmpty {
            result = retained(result[...], in: term)
        }
        if checksScope, let scope, !result.isEmpty {
            result = SortedOrdinals.retained(result[...], in: scope)
        }
        return result
    }

    /// The values of `candidates` (ascending) that contain `term`.
    private func retained(_ candidates: ArraySlice<Int32>, in term: Int32) -> [Int32] {
        if let bitmap = bitmap(of: term) {
            return commonTerms.filter(candidates, by: bitmap)
        }
        return SortedOrdinals.retained(candidates, in: listedOrdinals(of: term))
    }

    /// The values of `list` (ascending) that do not contain `term`.
    func articles(_ list: [Int32], without term: Int32) -> [Int32] {
        if let bitmap = bitmap(of: term) {
            return commonTerms.filter(list[...], by: bitmap, keepingMembers: false)
        }
        return SortedOrdinals.subtracting(listedOrdinals(of: term), from: list)
    }

    /// The articles of `range` containing all of `terms` (at least one) and none of `excluded`,
    /// unlisted; `nil` unless every one of these terms has a bitmap.
    func conjunction(of terms: [Int32], excluding excluded: [Int32], within range: Range<Int32>) -> TermConjunction? {
        let included = terms.compactMap(bitmap(of:))
        let excludedBitmaps = excluded.compactMap(bitmap(of:))
        guard !included.isEmpty, included.count == terms.count, excludedBitmaps.count == excluded.count else {
            return nil
        }
        return TermConjunction(bitmaps: commonTerms, included: included, excluded: excludedBitmaps, range: range)
    }

    /// Calls `body` with the position in `ordinals` and the frequency of `term` of every article of
    /// `ordinals` that contains it. Ascending ordinals are fastest.
    func forEachFrequency(of term: Int32, in ordinals: [Int32], _ body: (Int, UInt8) -> Void) {
        let frequencies = postingFrequencies[postingStarts[Int(term)]..<postingStarts[Int(term) + 1]]
        if let bitmap = bitmap(of: term) {
            for (position, ordinal) in ordinals.enumerated() where commonTerms.contains(ordinal, in: bitmap) {
                body(position, frequencies[frequencies.startIndex + commonTerms.rank(of: ordinal, in: bitmap)])
            }
            return
        }
        let postings = listedOrdinals(of: term)
        var cursor = postings.startIndex
        var previous = Int32.min
        for (position, ordinal) in ordinals.enumerated() {
            // Ascending ordinals gallop forward; anything else starts again from the top.
            if ordinal < previous { cursor = postings.startIndex }
            previous = ordinal
            cursor = SortedOrdinals.gallop(postings, from: cursor, toFirstAtLeast: ordinal)
            guard cursor < postings.endIndex, postings[cursor] == ordinal else { continue }
            body(position, frequencies[cursor - postings.startIndex + frequencies.startIndex])
        }
    }
}
