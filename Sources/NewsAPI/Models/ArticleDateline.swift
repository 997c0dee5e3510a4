/// When and in what language an article appeared. Loaded articles with the same language and
/// publication date share one, as `ArticlePlacement` does for their section and publication.
final class ArticleDateline: Sendable {
    /// The BCP 47 language tag, e.g. `en`.
    let language: String
    /// When it was published.
    let publishedAt: DateValue
    /// `"language":…,"published_at":{…},"lede":`: the members after the url, through the name of the
    /// `lede` member that follows them.
    let encodedMembers: [UInt8]

    /// The dateline of an article in `language` published at `publishedAt`.
    init(language: String, publishedAt: DateValue) {
        self.language = language
        self.publishedAt = publishedAt
        encodedMembers = JSONWriter.members { json in
            json.key(ascii: "language"); json.string(language)
            json.key(ascii: "published_at"); json.date(publishedAt)
            json.key(ascii: "lede")
        }
    }

    /// What makes two datelines the same, for sharing them.
    struct Key: Hashable {
        let language: String
        let publishedAt: DateValue
    }
}
