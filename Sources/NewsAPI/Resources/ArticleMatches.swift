/// The articles that match an article query, found from the store's sorted indexes.
///
/// Ordinals are newest first, so every posting list is already in date order and a date range is a
/// contiguous run of ordinals: an unfiltered list is a range that is never materialised, and a search
/// for common words only is counted from their bitmaps and listed only as far as a page needs.
struct ArticleMatches: Sendable {
    private let snapshot: CorpusSnapshot
    private let query: ArticleQuery
    private let matches: Matches

    /// How the matches are held.
    private enum Matches: Sendable {
        /// Listed, or a range.
        case ordinals(Ordinals)
        /// Common words' bitmaps, combined on demand, and how many articles they hold.
        case commonWords(TermConjunction, count: Int)
    }

    init(snapshot: CorpusSnapshot, query: ArticleQuery, scope: Entity?) {
        self.snapshot = snapshot
        self.query = query
        if scope == nil, let found = ArticleMatches.commonWords(of: query, in: snapshot) {
            matches = .commonWords(found, count: found.countAll())
            return
        }
        let window = snapshot.articles(publishedFrom: query.firstDay, through: query.lastDay)

        var lists: [ArraySlice<Int32>] = []
        for entity in (scope.map { [$0] } ?? []) + query.entities {
            lists.append(snapshot.articlePostings(mentioning: entity))
        }
        if !query.sources.isEmpty {
            lists.append(SortedOrdinals.union(of: query.sources.map { snapshot.articles(fromSource: $0) })[...])
        }
        if let kind = query.kind {
            lists.append(snapshot.articles(ofKind: kind)[...])
        }

        var found: [Int32]? = lists.isEmpty ? nil : SortedOrdinals.intersection(of: lists)
        if let text = query.text {
            found = snapshot.search(text, within: found)
        }
        if let list = found {
            matches = .ordinals(.list(window.clip(list)))
        } else if window.isContiguous {
            matches = .ordinals(.range(window.range))
        } else {
            matches = .ordinals(.list(window.ordinals))
        }
    }

    /// The matches of a query that asks only for common words (no entity, source or kind, and a
    /// date range that is one run of ordinals), uncounted and unlisted; else `nil`.
    static func commonWords(of query: ArticleQuery, in snapshot: CorpusSnapshot) -> TermConjunction? {
        guard let text = query.text, query.entities.isEmpty, query.sources.isEmpty, query.kind == nil else { return nil }
        let window = snapshot.articles(publishedFrom: query.firstDay, through: query.lastDay)
        guard window.isContiguous else { return nil }
        return snapshot.commonWordSearch(text, within: window.range)
    }

    /// Every match, ascending (newest first); a range stays a range. Matches held as bitmaps are
    /// listed on each call.
    var ordinals: Ordinals {
        switch matches {
        case .ordinals(let ordinals): ordinals
        case .commonWords(let found, let count): .list(found.ordinals(count: count))
        }
    }

    /// The matches as the store's sorted ordinals.
    enum Ordinals: Sendable {
        /// A contiguous run of ordinals.
        case range(Range<Int32>)
        /// An ascending list of ordinals.
        case list([Int32])
    }

    /// How many articles match.
    var count: Int {
        switch matches {
        case .ordinals(.range(let range)): range.count
        case .ordinals(.list(let list)): list.count
        case .commonWords(_, let count): count
        }
    }

    /// The matches in the requested order. For relevance only the best `needed` are ranked (a top-k
    /// selection, not a sort of every match); `nil` ranks them all.
    func ordered(by sort: ArticleSort, needed: Int?) -> OrderedArticles {
        if case .commonWords(let found, let count) = matches, let needed, sort != .relevance {
            // Only the first `needed` are listed, from the top or the bottom of the bitmaps.
            let wanted = min(needed, count)
            return sort == .oldestFirst
                ? OrderedArticles(storage: .list(found.ordinals(at: count - wanted..<count).reversed()))
                : OrderedArticles(storage: .list(found.ordinals(at: 0..<wanted)))
        }
        switch (ordinals, sort) {
        case (.range(let range), let sort):
            return OrderedArticles(storage: .range(range, oldestFirst: sort == .oldestFirst))
        case (.list(let list), .newestFirst):
            return OrderedArticles(storage: .list(list))
        case (.list(let list), .oldestFirst):
            return OrderedArticles(storage: .list(list.reversed()))
        case (.list(let list), .relevance):
            guard let text = query.text else { return OrderedArticles(storage: .list(list)) }
            let scores = snapshot.relevanceScores(for: text, in: list)
            let best = TopK.indices(of: scores, count: needed ?? list.count) { left, right in
                scores[left] != scores[right] ? scores[left] > scores[right] : left < right
            }
            return OrderedArticles(storage: .list(best.map { list[$0] }), relevanceScores: best.map { scores[$0] })
        }
    }
}

extension MentionIndex {
    /// Calls `body` with the entities each of `matches` names, read in place (see `forEachArticle(in:_:)`).
    func forEachArticle(in matches: ArticleMatches.Ordinals, _ body: (UnsafeBufferPointer<Int32>) -> Void) {
        switch matches {
        case .range(let range): forEachArticle(in: range, body)
        case .list(let list): forEachArticle(in: list, body)
        }
    }
}

extension RandomAccessCollection {
    /// The first index whose element satisfies `predicate`, which must be false then true.
    func partitioningIndex(where predicate: (Element) -> Bool) -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if predicate(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }
}
