/// Hands out one shared placement and one shared dateline for each distinct value, so what repeats
/// across a million records (the section and publication; the language and publication date) is
/// stored, and encoded for answers, once per loading worker instead of once per record.
struct SharedArticleFields {
    private var placements: [ArticlePlacement.Key: ArticlePlacement] = [:]
    private var datelines: [ArticleDateline.Key: ArticleDateline] = [:]

    /// The shared placement in `section` of `source` (the first one made).
    mutating func placement(section: String?, source: Article.Source) -> ArticlePlacement {
        let key = ArticlePlacement.Key(section: section, source: source)
        if let shared = placements[key] { return shared }
        let made = ArticlePlacement(section: section, source: source)
        placements[key] = made
        return made
    }

    /// The shared dateline in `language` at `publishedAt` (the first one made).
    mutating func dateline(language: String, publishedAt: DateValue) -> ArticleDateline {
        let key = ArticleDateline.Key(language: language, publishedAt: publishedAt)
        if let shared = datelines[key] { return shared }
        let made = ArticleDateline(language: language, publishedAt: publishedAt)
        datelines[key] = made
        return made
    }
}
