/// What an article list under a search shows of each listed article besides its summary: the
/// snippet around its first match and its relevance score, prepared once for the whole list.
struct SearchExcerpts: Sendable {
    private let snapshot: CorpusSnapshot
    private let matcher: QueryTermMatcher
    private let positions: Range<Int>
    /// The score of each article in `positions`, in order.
    private let scores: [Double]

    /// The excerpts of the articles at `positions` of `ordered`, the matches of `query`.
    init(query: TextQuery, ordered: OrderedArticles, positions: Range<Int>, snapshot: CorpusSnapshot) {
        self.snapshot = snapshot
        matcher = QueryTermMatcher(query)
        self.positions = positions
        if let ranked = ordered.relevanceScores {
            scores = Array(ranked[positions])
        } else {
            // Scoring gallops through each posting list once when the ordinals ascend (newest first).
            let ordinals = positions.map { ordered[$0] }
            if let first = ordinals.first, let last = ordinals.last, first > last {
                scores = snapshot.relevanceScores(for: query, in: ordinals.reversed()).reversed()
            } else {
                scores = snapshot.relevanceScores(for: query, in: ordinals)
            }
        }
    }

    /// The snippet of the article at `position`, which is `ordinal`, and its relevance score.
    func excerpt(at position: Int, of ordinal: Int32) -> (snippet: Snippet, score: Double) {
        (snapshot.snippet(forArticle: ordinal, matcher: matcher), scores[position - positions.lowerBound])
    }
}
