/// One news article from the corpus, as published.
struct Article: Hashable, Sendable {
    /// The publication an article comes from.
    struct Source: Hashable, Sendable {
        /// The publication's id (letters, digits, `-`, `_` and `.`).
        let id: String
        /// The publication's display name.
        let name: String

        /// Creates a publication reference.
        init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// The article's unique id (letters, digits, `-`, `_` and `.`).
    let id: String
    /// A full article or a brief.
    let kind: ArticleKind
    /// The headline.
    let title: String
    /// The site's section or kicker label, if known.
    let section: String?
    /// The publication it appeared in.
    let source: Source
    /// The original URL, if known.
    let url: String?
    /// The BCP 47 language tag, e.g. `en`.
    let language: String
    /// When it was published.
    let publishedAt: DateValue
    /// The full text; paragraphs are separated by a blank line.
    let body: String
    /// Ids of the entities the data says the article is about, in addition to what linking finds.
    let explicitEntityIDs: [String]
    /// The lede given in the data, if any (`lede` falls back to the first paragraph).
    let statedLede: String?

    /// Creates an article from its fields; `lede` may be omitted to use the body's first paragraph.
    init(
        id: String,
        kind: ArticleKind,
        title: String,
        section: String? = nil,
        source: Source,
        url: String? = nil,
        language: String,
        publishedAt: DateValue,
        lede: String? = nil,
        body: String,
        explicitEntityIDs: [String] = []
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.section = section
        self.source = source
        self.url = url
        self.language = language
        self.publishedAt = publishedAt
        self.statedLede = lede
        self.body = body
        self.explicitEntityIDs = explicitEntityIDs
    }

    /// The opening paragraph: the stated lede, or else the body's first paragraph.
    var lede: String {
        statedLede ?? String(firstParagraph)
    }

    /// The body's first paragraph (up to the first blank line), without copying the body.
    var firstParagraph: Substring {
        let utf8 = body.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            if utf8[index] == 0x0A {
                let next = utf8.index(after: index)
                if next != utf8.endIndex, utf8[next] == 0x0A {
                    return body[body.startIndex..<index]
                }
            }
            index = utf8.index(after: index)
        }
        return body[...]
    }
}
