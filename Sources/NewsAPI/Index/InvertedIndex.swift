import Dispatch

/// The full-text index: for each folded term, the articles containing it (ascending ordinals) with
/// the term's frequency in each, plus every article's length for BM25.
struct InvertedIndex: Sendable {
    /// Folded term text to term id.
    let terms: TermDictionary
    /// Per term (plus an end marker): where its postings start.
    private let postingStarts: ContiguousArray<Int>
    /// Every term's postings, back to back: article ordinals, ascending within a term.
    private let postingOrdinals: ContiguousArray<Int32>
    /// The term frequency of each posting.
    private let postingFrequencies: ContiguousArray<UInt8>
    /// Tokens per article (title and body), by ordinal.
    let documentLengths: ContiguousArray<Int32>
    /// The articles of each word found in at least one article in `denseShare` (and in at least
    /// `denseMinimum`), as bitmaps: a search keeps the candidates whose bit is set instead of walking
    /// the word's long posting list.
    private let denseBitmaps: [Int32: OrdinalBitmap]
    /// The mean of `documentLengths`.
    let averageDocumentLength: Double

    /// Builds the index from the workers' parts, whose documents' term ids are all those of
    /// `terms`; `ordered[ordinal]` says where each article's data is.
    ///
    /// The ordinals are split into one range per thread. Each thread counts its range's postings per
    /// term, the counts give every (range, term) its own place in the term's list, and each thread
    /// then fills its places: lists come out ascending with no thread reading another's documents.
    init(terms: TermDictionary, parts: [IndexedArticles], ordered: [DocumentLocation], threads: Int) {
        self.terms = terms
        let termCount = terms.count
        let documents = parts.map { PartDocuments($0.terms) }
        let ranges = InvertedIndex.split(ordered.count, into: max(1, min(threads, ordered.count)))
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
        // Each term's list holds range 0's postings, then range 1's, ...
        var starts = ContiguousArray<Int>(repeating: 0, count: termCount + 1)
        var cursors = [ContiguousArray<Int>](repeating: ContiguousArray(repeating: 0, count: termCount), count: ranges.count)
        var total = 0
        for term in 0..<termCount {
            starts[term] = total
            for index in ranges.indices {
                cursors[index][term] = total
                total += counts[index][term]
            }
        }
        starts[termCount] = total
        let firstPlaces = cursors
        var ordinals = ContiguousArray<Int32>(repeating: 0, count: total)
        var frequencies = ContiguousArray<UInt8>(repeating: 0, count: total)
        ordinals.withUnsafeMutableBufferPointer { ordinals in
            frequencies.withUnsafeMutableBufferPointer { frequencies in
                // Each thread writes only the places its counts reserved.
                nonisolated(unsafe) let ordinals = ordinals
                nonisolated(unsafe) let frequencies = frequencies
                DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
                    var cursor = firstPlaces[index]
                    for ordinal in ranges[index] {
                        documents.forEachPosting(of: ordered[ordinal]) { term, frequency in
                            let position = cursor[Int(term)]
                            ordinals[position] = Int32(ordinal)
                            frequencies[position] = frequency
                            cursor[Int(term)] = position + 1
                        }
                    }
                }
            }
        }
        var lengths = ContiguousArray<Int32>(repeating: 0, count: ordered.count)
        var totalLength = 0
        for (ordinal, location) in ordered.enumerated() {
            let length = parts[Int(location.part)].documentLengths[Int(location.document)]
            lengths[ordinal] = length
            totalLength += Int(length)
        }
        postingStarts = starts
        postingOrdinals = ordinals
        postingFrequencies = frequencies
        documentLengths = lengths
        var bitmaps: [Int32: OrdinalBitmap] = [:]
        for term in 0..<termCount {
            let frequency = starts[term + 1] - starts[term]
            if frequency >= InvertedIndex.denseMinimum, frequency * InvertedIndex.denseShare >= ordered.count {
                bitmaps[Int32(term)] = OrdinalBitmap(ordinals[starts[term]..<starts[term + 1]], count: ordered.count)
            }
        }
        denseBitmaps = bitmaps
        averageDocumentLength = ordered.isEmpty ? 1 : max(1, Double(totalLength) / Double(ordered.count))
    }

    /// A word in at least one article in this many gets a bitmap.
    static let denseShare = 32
    /// A word in fewer articles than this gets no bitmap, however small the corpus.
    static let denseMinimum = 64

    /// Splits `0..<count` into `parts` consecutive ranges of about equal size.
    private static func split(_ count: Int, into parts: Int) -> [Range<Int>] {
        (0..<parts).map { part in count * part / parts..<count * (part + 1) / parts }.filter { !$0.isEmpty }
    }

    /// The number of articles indexed.
    var documentCount: Int { documentLengths.count }

    /// The total number of postings (term–article pairs).
    var postingCount: Int { postingOrdinals.count }

    /// The ordinals of the articles containing `term`, ascending.
    func postings(of term: Int32) -> ArraySlice<Int32> {
        postingOrdinals[postingStarts[Int(term)]..<postingStarts[Int(term) + 1]]
    }

    /// The articles containing every one of `terms` (and in `scope`, when given), ascending. Starts
    /// from the shortest list; words with a bitmap are then checked bit by bit, the others merged or
    /// galloped through.
    func articles(containingAll terms: [Int32], within scope: ArraySlice<Int32>?) -> [Int32] {
        var lists = terms.map { (term: Optional($0), postings: postings(of: $0)) }
        if let scope { lists.append((nil, scope)) }
        lists.sort { $0.postings.count < $1.postings.count }
        guard let shortest = lists.first?.postings else { return [] }
        // The shortest list is read in place; only what survives the next list is copied.
        var result: [Int32]?
        for list in lists.dropFirst() where result?.isEmpty != true {
            let candidates = result?[...] ?? shortest
            if let term = list.term, let bitmap = denseBitmaps[term] {
                result = bitmap.filter(candidates)
            } else {
                result = SortedOrdinals.retained(candidates, in: list.postings)
            }
        }
        return result ?? Array(shortest)
    }

    /// The bytes the bitmaps of common words take.
    var denseBitmapBytes: Int {
        denseBitmaps.values.reduce(0) { $0 + $1.byteCount }
    }

    /// The frequencies matching `postings(of:)`, position for position.
    func frequencies(of term: Int32) -> ArraySlice<UInt8> {
        postingFrequencies[postingStarts[Int(term)]..<postingStarts[Int(term) + 1]]
    }

    /// How many articles contain `term`.
    func documentFrequency(of term: Int32) -> Int {
        postingStarts[Int(term) + 1] - postingStarts[Int(term)]
    }
}
