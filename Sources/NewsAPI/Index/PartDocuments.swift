/// The per-document term lists of the loader's index parts, read while the postings are built.
struct PartDocuments: Sendable {
    private let starts: ContiguousArray<Int>
    private let terms: ContiguousArray<Int32>
    private let frequencies: ContiguousArray<UInt8>

    init(_ collector: TermCollector) {
        starts = collector.documentTermStarts
        terms = collector.documentTerms
        frequencies = collector.documentFrequencies
    }

    /// Calls `body` with each distinct term of document `document` and its frequency.
    @inline(__always)
    func forEachTerm(ofDocument document: Int, _ body: (Int32, UInt8) -> Void) {
        for slot in starts[document]..<starts[document + 1] {
            body(terms[slot], frequencies[slot])
        }
    }
}

extension [PartDocuments] {
    /// Calls `body` with each distinct term of the document at `location` and its frequency.
    @inline(__always)
    func forEachPosting(of location: DocumentLocation, _ body: (Int32, UInt8) -> Void) {
        self[Int(location.part)].forEachTerm(ofDocument: Int(location.document), body)
    }
}
