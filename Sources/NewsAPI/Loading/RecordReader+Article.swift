extension RecordReader {
    /// The fields an article line may have.
    static let articleFields = [
        "id", "kind", "title", "section", "source", "url", "language", "published_at", "lede", "body", "entities",
    ]

    /// Reads one line of `articles.ndjson`; `nil` if anything is wrong (the errors say what).
    ///
    /// Explicit entity ids are checked for shape only; the loader checks that they exist.
    mutating func readArticle(_ value: JSONValue) -> Article? {
        var unshared = SharedArticleFields()
        return readArticle(value, sharing: &unshared)
    }

    /// Reads one line of `articles.ndjson` (see `readArticle(_:)`), the article's placement and
    /// dateline taken from `shared`.
    mutating func readArticle(_ value: JSONValue, sharing shared: inout SharedArticleFields) -> Article? {
        guard let object = object(value, at: "") else { return nil }
        let id = articleStyleID("id", of: object)
        recordID = id
        checkFields(of: object, at: "", known: RecordReader.articleFields)
        let kind = choice("kind", of: object, as: ArticleKind.self)
        let title = text("title", of: object)
        let section = optionalText("section", of: object)
        let source = readSource(of: object)
        let url = optionalText("url", of: object)
        let language = text("language", of: object)
        if let language, !Identifier.isLanguageTag(language) {
            report("\"\(language)\" is not a BCP 47 language tag (e.g. en, pt-BR)", field: "language")
        }
        let publishedAt = date("published_at", of: object, required: true)
        let lede = optionalText("lede", of: object)
        let body = text("body", of: object)
        let entityIDs = textArray("entities", of: object, required: false) ?? []
        guard isValid, let id, let kind, let title, let source, let language, let publishedAt, let body else {
            return nil
        }
        return Article(
            id: id, kind: kind, title: title, placement: shared.placement(section: section, source: source), url: url,
            dateline: shared.dateline(language: language, publishedAt: publishedAt), lede: lede, body: body,
            explicitEntityIDs: entityIDs)
    }

    private mutating func readSource(of article: JSONObject) -> Article.Source? {
        guard let member = member("source", of: article) else {
            report("missing required field", field: "source")
            return nil
        }
        guard let source = object(member.value, at: "source", known: ["id", "name"]) else { return nil }
        let id = articleStyleID("id", of: source, at: "source")
        let name = text("name", of: source, at: "source")
        guard let id, let name else { return nil }
        return Article.Source(id: id, name: name)
    }
}
