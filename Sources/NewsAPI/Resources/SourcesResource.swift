/// `/sources` and `/sources/{id}`: the publications the articles come from, with how many articles
/// each has and the first and last publication dates. Every body is encoded once per snapshot.
struct SourcesResource: Sendable {
    let snapshot: CorpusSnapshot
    /// Each source's summary object, by position in `snapshot.sources`, sorted by id.
    private let encoded: [[UInt8]]
    /// Source positions by article count (most first, then id).
    private let byArticleCount: [Int]
    private let positionByID: [String: Int]

    init(snapshot: CorpusSnapshot) {
        self.snapshot = snapshot
        let sources = snapshot.sources
        encoded = sources.map { source in
            // Ordinals run newest first: the first posting is the latest article, the last the earliest.
            let ordinals = snapshot.articles(fromSource: source.id)
            var json = JSONWriter(capacity: 512)
            json.beginObject()
            json.key("id"); json.string(source.id)
            json.key("name"); json.string(source.name)
            json.key("article_count"); json.int(ordinals.count)
            json.key("first_published"); json.date(ordinals.last.map { snapshot.article(at: $0).publishedAt })
            json.key("last_published"); json.date(ordinals.first.map { snapshot.article(at: $0).publishedAt })
            json.key("links")
            json.beginObject()
            json.key("self"); json.string(Links.source(source.id))
            json.key("articles"); json.string("/articles?source=" + AppliedQuery.escape(source.id))
            json.endObject()
            json.endObject()
            return json.bytes
        }
        let counts = sources.map { snapshot.articles(fromSource: $0.id).count }
        byArticleCount = sources.indices.sorted {
            counts[$0] != counts[$1] ? counts[$0] > counts[$1] : sources[$0].id < sources[$1].id
        }
        positionByID = Dictionary(uniqueKeysWithValues: sources.enumerated().map { ($1.id, $0) })
    }

    /// `GET /sources`: most articles first.
    func list(_ request: Request, _ parameters: PathParameters) throws -> Response {
        var query = QueryParameters(request.query)
        let page = query.page()
        let format = ListFormat.read(&query, headers: request.headers)
        try query.validate()
        var applied = AppliedQuery()
        applied.add("limit", page.limit)
        applied.add("offset", page.offset)
        let envelope = ListEnvelope(path: "/sources", query: applied, page: page, total: encoded.count, format: format)
        let encoded = encoded
        let order = byArticleCount
        return envelope.response { position, json in
            json.raw(encoded[order[position]])
        }
    }

    /// `GET /sources/{id}`.
    func show(_ request: Request, _ parameters: PathParameters) throws -> Response {
        try QueryParameters(request.query).validate()
        let id = parameters["id"]
        guard let position = positionByID[id] else {
            throw Problem.notFound("No source has the id \"\(id)\". GET /sources lists them.")
        }
        return .json(encoded[position])
    }
}
