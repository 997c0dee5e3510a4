/// `/claims` and `/claims/{id}`: the facts on which articles disagree, each with every article's
/// version, its quote, and the entities the claim concerns.
struct ClaimsResource: Sendable {
    let snapshot: CorpusSnapshot
    /// Each claim's topic, statements and quotes, folded with a space before each word, for `q`.
    private let foldedText: [String]

    init(snapshot: CorpusSnapshot) {
        self.snapshot = snapshot
        foldedText = snapshot.claims.map(ClaimsResource.searchText)
    }

    /// A claim's topic, statements and quotes, folded, with a space before each word: `q` keeps a
    /// claim when each of its words begins a word here.
    static func searchText(_ claim: Claim) -> String {
        " "
            + TextFolding.normalizedKey(
                ([claim.topic] + claim.claims.flatMap { [$0.statement, $0.quote] }).joined(separator: " "))
    }

    /// `GET /claims`: every claim (by id), or those about each `entity`, quoting `article`, or whose
    /// topic, statements or quotes have words beginning with each word of `q`.
    func list(_ request: Request, _ parameters: PathParameters) throws -> Response {
        var query = QueryParameters(request.query)
        let entities = query.entities("entity", in: snapshot)
        let articles = query.list("article")
        var ordinals: [Int32] = []
        for id in articles {
            if let ordinal = snapshot.article(id: id) {
                ordinals.append(ordinal)
            } else {
                query.reject("article", "no article has the id \"\(id)\"")
            }
        }
        let text = query.text("q")
        let words = text.map { TextFolding.normalizedKey($0).split(separator: " ").map(String.init) } ?? []
        if text != nil, words.isEmpty { query.reject("q", "the query has no words to search for") }
        let page = query.page()
        let format = ListFormat.read(&query, headers: request.headers)
        try query.validate()

        let claims = snapshot.claims
        let matching = claims.indices.filter { index in
            let claim = claims[index]
            return entities.allSatisfy { claim.entityIDs.contains($0.id) }
                && ordinals.allSatisfy { ordinal in snapshot.claims(citing: ordinal).contains { $0.id == claim.id } }
                && words.allSatisfy { ByteSearch.contains(foldedText[index], " " + $0) }
        }
        var applied = AppliedQuery()
        applied.add("entity", entities.map(\.id))
        applied.add("article", articles)
        applied.add("q", text)
        applied.add("limit", page.limit)
        applied.add("offset", page.offset)
        let envelope = ListEnvelope(path: "/claims", query: applied, page: page, total: matching.count, format: format)
        return envelope.response { position, json in
            writeClaim(claims[matching[position]], into: &json)
        }
    }

    /// `GET /claims/{id}`.
    func show(_ request: Request, _ parameters: PathParameters) throws -> Response {
        try QueryParameters(request.query).validate()
        let id = parameters["id"]
        guard let claim = snapshot.claim(id: id) else { throw Problem.notFound("No claim has the id \"\(id)\".") }
        var json = JSONWriter(capacity: 2048)
        writeClaim(claim, into: &json)
        return .json(json.bytes)
    }

    /// A claim with its entities and every version, each with its article's title and date.
    func writeClaim(_ claim: Claim, into json: inout JSONWriter) {
        json.beginObject()
        json.key("id"); json.string(claim.id)
        json.key("topic"); json.string(claim.topic)
        json.key("entities"); json.entityRefs(claim.entityIDs, in: snapshot)
        json.key("versions")
        json.beginArray()
        for version in claim.claims {
            let article = snapshot.article(id: version.articleID).map { snapshot.article(at: $0) }
            json.beginObject()
            json.key("article_id"); json.string(version.articleID)
            json.key("article_title"); json.string(article?.title ?? "")
            json.key("published_at"); json.date(article?.publishedAt)
            json.key("source")
            json.beginObject()
            json.key("id"); json.string(article?.source.id ?? "")
            json.key("name"); json.string(article?.source.name ?? "")
            json.endObject()
            json.key("statement"); json.string(version.statement)
            json.key("quote"); json.string(version.quote)
            json.key("links")
            json.beginObject()
            json.key("article"); json.string(Links.article(version.articleID))
            json.endObject()
            json.endObject()
        }
        json.endArray()
        json.key("links"); json.selfLink(Links.claim(claim.id))
        json.endObject()
    }
}
