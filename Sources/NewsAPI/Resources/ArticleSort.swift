/// The orders an article list can come in.
enum ArticleSort: String, CaseIterable, Sendable {
    /// Newest first (the default).
    case newestFirst = "-published_at"
    /// Oldest first.
    case oldestFirst = "published_at"
    /// Best BM25 match first; only with `q`.
    case relevance
}
