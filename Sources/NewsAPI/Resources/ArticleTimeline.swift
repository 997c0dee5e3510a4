/// The articles of a timeline, oldest first, read through the store's newest-first ordinals without
/// copying them.
struct ArticleTimeline: Sendable {
    enum Ordinals: Sendable {
        /// A run of newest-first ordinals (every article in a date range).
        case range(Range<Int32>)
        /// Ascending (newest-first) ordinals, e.g. an entity's postings.
        case list([Int32])
    }

    /// Each article's publication day, by ordinal (made once per snapshot).
    let days: [Int32]
    let ordinals: Ordinals

    var count: Int {
        switch ordinals {
        case let .range(range): range.count
        case let .list(list): list.count
        }
    }

    /// The ordinal of the `index`-th oldest article.
    func ordinal(at index: Int) -> Int32 {
        switch ordinals {
        case let .range(range): range.upperBound - 1 - Int32(index)
        case let .list(list): list[list.count - 1 - index]
        }
    }

    /// The publication day of the `index`-th oldest article.
    func day(at index: Int) -> Int32 {
        days[Int(ordinal(at: index))]
    }

    /// How many of the articles were published before `day`.
    func countBefore(_ day: Int32) -> Int {
        (0..<count).partitioningIndex { self.day(at: $0) >= day }
    }

    /// How many of the articles were published on or before `day`.
    func countOnOrBefore(_ day: Int32) -> Int {
        (0..<count).partitioningIndex { self.day(at: $0) > day }
    }
}
