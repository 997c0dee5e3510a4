/// One news article from the corpus, as published.
///
/// A class, though it never changes: an answer reads a dozen of its fields, and handing an article
/// around then costs one reference count, not one per string it holds.
///
/// A loaded article keeps its body compressed but for the first paragraph (every list answer writes
/// that as the lede): `body` decompresses the rest on each use, `readBody` only as much as it needs.
final class Article: Hashable, Sendable {
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
    /// Its section and publication, shared with the loaded articles that share them.
    let placement: ArticlePlacement
    /// The original URL, if known.
    let url: String?
    /// Its language and publication date, shared with the loaded articles that share them.
    let dateline: ArticleDateline
    /// How the body is kept.
    private enum StoredBody {
        /// The whole body as it was read.
        case whole(String)
        /// The body after its first paragraph (from the blank line on), compressed; empty if there is none.
        case compressedRest([UInt8], TextCompressor)
    }

    /// Ids of the entities the data says the article is about, in addition to what linking finds.
    let explicitEntityIDs: [String]
    /// The lede given in the data, if any (`lede` falls back to the first paragraph).
    let statedLede: String?
    /// The body's first paragraph: up to the first blank line, or all of it.
    private let leadingParagraph: String
    private let storedBody: StoredBody

    /// Creates an article from its fields; `lede` may be omitted to use the body's first paragraph.
    convenience init(
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
        self.init(
            id: id, kind: kind, title: title, placement: ArticlePlacement(section: section, source: source), url: url,
            dateline: ArticleDateline(language: language, publishedAt: publishedAt), lede: lede, body: body,
            explicitEntityIDs: explicitEntityIDs)
    }

    /// Creates an article from its fields, its placement and dateline shared with other articles.
    init(
        id: String,
        kind: ArticleKind,
        title: String,
        placement: ArticlePlacement,
        url: String?,
        dateline: ArticleDateline,
        lede: String?,
        body: String,
        explicitEntityIDs: [String]
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.placement = placement
        self.url = url
        self.dateline = dateline
        self.statedLede = lede
        self.explicitEntityIDs = explicitEntityIDs
        let utf8 = body.utf8
        leadingParagraph = String(body[..<utf8.index(utf8.startIndex, offsetBy: Article.firstParagraphEnd(of: body))])
        storedBody = .whole(body)
    }

    /// The same article with its lede replaced and the body after its first paragraph compressed by
    /// `compressor` (the first paragraph is not searched again).
    init(_ article: Article, lede: String?, compressor: TextCompressor, context: TextCompressor.Context) {
        id = article.id
        kind = article.kind
        title = article.title
        placement = article.placement
        url = article.url
        dateline = article.dateline
        statedLede = lede
        explicitEntityIDs = article.explicitEntityIDs
        leadingParagraph = article.leadingParagraph
        switch article.storedBody {
        case .whole(let body):
            let rest = body.utf8[body.utf8.index(body.utf8.startIndex, offsetBy: leadingParagraph.utf8.count)...]
            storedBody = .compressedRest(rest.isEmpty ? [] : compressor.compress(rest, context: context), compressor)
        case .compressedRest:
            storedBody = article.storedBody
        }
    }

    /// The full text; paragraphs are separated by a blank line. Decompressed on each use: read it
    /// once per answer.
    var body: String {
        switch storedBody {
        case .whole(let body): body
        case .compressedRest(let rest, let compressor):
            rest.isEmpty ? leadingParagraph : compressor.decompress(rest, after: leadingParagraph)
        }
    }

    /// Calls `read` with the body's UTF-8 bytes from its start, first only as far as is cheap to
    /// read and then further, until it returns a result. The flag says whether the bytes are the
    /// whole body (`read` must return a result then); before that they may end inside a character.
    func readBody<Result>(_ read: (_ text: UnsafeBufferPointer<UInt8>, _ isWhole: Bool) -> Result?) -> Result {
        switch storedBody {
        case .whole(var body): body.withUTF8 { read($0, true)! }
        case .compressedRest(let rest, let compressor): compressor.readPrefixes(of: rest, after: leadingParagraph, read)
        }
    }

    /// The length of the body in UTF-8 bytes, without decompressing it.
    var bodyByteCount: Int {
        switch storedBody {
        case .whole(let body): body.utf8.count
        case .compressedRest(let rest, let compressor):
            leadingParagraph.utf8.count + (rest.isEmpty ? 0 : compressor.textSize(of: rest))
        }
    }

    /// Calls `read` with the whole body's UTF-8 bytes, decompressed into a buffer of its own rather
    /// than a string: for an answer, which only copies them on.
    func withBodyUTF8<Result>(_ read: (_ text: UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch storedBody {
        case .whole(var body):
            return body.withUTF8(read)
        case .compressedRest(let rest, let compressor):
            guard !rest.isEmpty else {
                var paragraph = leadingParagraph
                return paragraph.withUTF8(read)
            }
            return compressor.withDecompressed(rest, after: leadingParagraph, read)
        }
    }

    /// The site's section or kicker label, if known.
    var section: String? { placement.section }
    /// The publication it appeared in.
    var source: Source { placement.source }
    /// The BCP 47 language tag, e.g. `en`.
    var language: String { dateline.language }
    /// When it was published.
    var publishedAt: DateValue { dateline.publishedAt }

    /// The opening paragraph: the stated lede, or else the body's first paragraph.
    var lede: String {
        statedLede ?? leadingParagraph
    }

    /// The body's first paragraph (up to the first blank line), without copying the body.
    var firstParagraph: Substring {
        leadingParagraph[...]
    }

    /// The UTF-8 bytes of the body's first paragraph, read in place.
    var firstParagraphUTF8: Substring.UTF8View {
        leadingParagraph.utf8[...]
    }

    /// The UTF-8 length of the body's first paragraph: up to the first blank line, or all of it.
    private static func firstParagraphEnd(of body: String) -> Int {
        let utf8 = body.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            if utf8[index] == 0x0A {
                let next = utf8.index(after: index)
                if next != utf8.endIndex, utf8[next] == 0x0A {
                    return utf8.distance(from: utf8.startIndex, to: index)
                }
            }
            index = utf8.index(after: index)
        }
        return utf8.count
    }

    /// Articles are equal when every field is.
    static func == (left: Article, right: Article) -> Bool {
        left === right
            || (left.id == right.id && left.kind == right.kind && left.title == right.title && left.section == right.section
                && left.source == right.source && left.url == right.url && left.language == right.language
                && left.publishedAt == right.publishedAt && left.body == right.body
                && left.explicitEntityIDs == right.explicitEntityIDs && left.statedLede == right.statedLede)
    }

    /// Hashes the id, which equal articles share.
    func hash(into hasher: inout Hasher) {
        hasher.combine(id)
    }
}
