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
    private let postingFrequencies: ContiguousArray<UInt16>
    /// Tokens per article (title and body), by ordinal.
    let documentLengths: ContiguousArray<Int32>
    /// The mean of `documentLengths`.
    let averageDocumentLength: Double

    /// Builds the index from per-article term lists in load order; `order` gives the load index of
    /// each ordinal.
    init(
        terms: TermDictionary,
        order: [Int32],
        documentTermStarts: ContiguousArray<Int>,
        documentTerms: ContiguousArray<Int32>,
        documentFrequencies: ContiguousArray<UInt16>,
        documentLengths loadOrderLengths: ContiguousArray<Int32>
    ) {
        self.terms = terms
        let termCount = terms.count
        var starts = ContiguousArray<Int>(repeating: 0, count: termCount + 1)
        for term in documentTerms {
            starts[Int(term) + 1] += 1
        }
        for term in 0..<termCount {
            starts[term + 1] += starts[term]
        }
        var cursor = starts
        var ordinals = ContiguousArray<Int32>(repeating: 0, count: documentTerms.count)
        var frequencies = ContiguousArray<UInt16>(repeating: 0, count: documentTerms.count)
        var lengths = ContiguousArray<Int32>(repeating: 0, count: order.count)
        var totalLength = 0
        cursor.withUnsafeMutableBufferPointer { cursor in
            ordinals.withUnsafeMutableBufferPointer { ordinals in
                frequencies.withUnsafeMutableBufferPointer { frequencies in
                    for (ordinal, loadIndex) in order.enumerated() {
                        let document = Int(loadIndex)
                        for slot in documentTermStarts[document]..<documentTermStarts[document + 1] {
                            let term = Int(documentTerms[slot])
                            let position = cursor[term]
                            ordinals[position] = Int32(ordinal)
                            frequencies[position] = documentFrequencies[slot]
                            cursor[term] = position + 1
                        }
                        lengths[ordinal] = loadOrderLengths[document]
                        totalLength += Int(loadOrderLengths[document])
                    }
                }
            }
        }
        postingStarts = starts
        postingOrdinals = ordinals
        postingFrequencies = frequencies
        documentLengths = lengths
        averageDocumentLength = order.isEmpty ? 1 : max(1, Double(totalLength) / Double(order.count))
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
    func frequencies(of term: Int32) -> ArraySlice<UInt16> {
        postingFrequencies[postingStarts[Int(term)]..<postingStarts[Int(term) + 1]]
    }

    /// How many articles contain `term`.
    func documentFrequency(of term: Int32) -> Int {
        postingStarts[Int(term) + 1] - postingStarts[Int(term)]
    }
}
