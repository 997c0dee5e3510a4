/// Matching articles in the order a list asked for, readable by position.
struct OrderedArticles: Sendable {
    enum Storage: Sendable {
        /// Newest-first ordinals in a contiguous run, read forwards or backwards.
        case range(Range<Int32>, oldestFirst: Bool)
        /// Ordinals already in order.
        case list([Int32])
    }

    let storage: Storage
    /// The BM25 score of the article at each position, when the order is by relevance.
    var relevanceScores: [Double]? = nil

    /// How many articles there are.
    var count: Int {
        switch storage {
        case .range(let range, _): range.count
        case .list(let list): list.count
        }
    }

    /// The ordinal at `position`.
    subscript(position: Int) -> Int32 {
        switch storage {
        case .range(let range, let oldestFirst):
            oldestFirst ? range.upperBound - 1 - Int32(position) : range.lowerBound + Int32(position)
        case .list(let list):
            list[position]
        }
    }
}
