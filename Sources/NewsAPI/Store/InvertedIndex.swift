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
    /// The mean of `documentLengths`.
    let averageDocumentLength: Double

    /// Builds the index from the workers' parts. `terms` is part 0's dictionary, which holds every
    /// part's terms; `termMaps[part]` turns a part's term ids into those (`nil` for part 0 itself),
    /// and `ordered[ordinal]` says where each article's data is.
    init(
        terms: TermDictionary,
        parts: [IndexedArticles],
        termMaps: [ContiguousArray<Int32>?],
        ordered: [DocumentLocation],
        threads: Int
    ) {
        self.terms = terms
        let termCount = terms.count
        var starts = ContiguousArray<Int>(repeating: 0, count: termCount + 1)
        for (part, map) in zip(parts, termMaps) {
            for term in part.terms.documentTerms {
                starts[Int(map?[Int(term)] ?? term) + 1] += 1
            }
        }
        for term in 0..<termCount {
            starts[term + 1] += starts[term]
        }
        let total = starts[termCount]
        let firstPositions = starts
        var ordinals = ContiguousArray<Int32>(repeating: 0, count: total)
        var frequencies = ContiguousArray<UInt8>(repeating: 0, count: total)
        // Each thread fills the postings of its own range of terms, reading every document in
        // ordinal order, so every list comes out ascending.
        let ranges = InvertedIndex.termRanges(starts: starts, count: max(1, min(threads, termCount)))
        ordinals.withUnsafeMutableBufferPointer { ordinals in
            frequencies.withUnsafeMutableBufferPointer { frequencies in
                nonisolated(unsafe) let ordinals = ordinals
                nonisolated(unsafe) let frequencies = frequencies
                DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
                    let range = ranges[index]
                    var cursor = Array(firstPositions[range])
                    for (ordinal, location) in ordered.enumerated() {
                        let part = parts[Int(location.part)]
                        let map = termMaps[Int(location.part)]
                        let document = Int(location.document)
                        let documentStarts = part.terms.documentTermStarts
                        let documentTerms = part.terms.documentTerms
                        let documentFrequencies = part.terms.documentFrequencies
                        for slot in documentStarts[document]..<documentStarts[document + 1] {
                            let localTerm = documentTerms[slot]
                            let term = Int(map?[Int(localTerm)] ?? localTerm)
                            guard range.contains(term) else { continue }
                            let position = cursor[term - range.lowerBound]
                            ordinals[position] = Int32(ordinal)
                            frequencies[position] = documentFrequencies[slot]
                            cursor[term - range.lowerBound] = position + 1
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
        averageDocumentLength = ordered.isEmpty ? 1 : max(1, Double(totalLength) / Double(ordered.count))
    }

    /// Splits the term ids into `count` consecutive ranges holding about as many postings each.
    private static func termRanges(starts: ContiguousArray<Int>, count: Int) -> [Range<Int>] {
        let termCount = starts.count - 1
        let total = starts[termCount]
        var bounds = [0]
        for share in 1..<max(1, count) {
            let target = total * share / count
            var low = bounds.last!
            var high = termCount
            while low < high {
                let middle = (low + high) / 2
                if starts[middle] < target { low = middle + 1 } else { high = middle }
            }
            bounds.append(low)
        }
        bounds.append(termCount)
        return zip(bounds, bounds.dropFirst()).map { $0..<$1 }.filter { !$0.isEmpty }
    }

    /// The number of articles indexed.
    var documentCount: Int { documentLengths.count }

    /// The total number of postings (term–article pairs).
    var postingCount: Int { postingOrdinals.count }

    /// The ordinals of the articles containing `term`, ascending.
    func postings(of term: Int32) -> ArraySlice<Int32> {
        postingOrdinals[postingStarts[Int(term)]..<postingStarts[Int(term) + 1]]
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
