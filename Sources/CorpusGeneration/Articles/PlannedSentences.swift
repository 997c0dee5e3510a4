/// Sentences that must appear in particular articles, because trade measures or claims quote them.
struct PlannedSentences: Sendable {
    private var byArticle: [Int: [[UInt8]]] = [:]

    /// Creates an empty plan.
    init() {}

    /// The number of planned sentences.
    var count: Int {
        byArticle.values.reduce(0) { $0 + $1.count }
    }

    /// Plans `sentence` for the article numbered `article`.
    mutating func add(_ sentence: String, to article: Int) {
        byArticle[article, default: []].append(Array(sentence.utf8))
    }

    /// The sentences planned for one article, in the order they were added.
    func sentences(for article: Int) -> [[UInt8]] {
        byArticle[article] ?? []
    }
}
