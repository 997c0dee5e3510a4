/// Whether an article is a full news story or a short news item.
public enum ArticleKind: String, CaseIterable, Hashable, Sendable {
    /// A full article.
    case article
    /// A short news item.
    case brief
}
