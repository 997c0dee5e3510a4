/// `/entities`, `/entities/{key}` and `/entities/{key}/articles`: the people, countries, organisations,
/// companies, products and places the articles name, found by any of their names.
struct EntitiesResource: Sendable {
    let snapshot: CorpusSnapshot
    let articles: ArticlesResource
    /// Entity positions by article count (most first, then name), computed once.
    private let byArticleCount: [Int]
    /// Entity positions by folded name, computed once.
    private let byName: [Int]
    /// Every folded name and alias of each entity, for `q` substring search.
    private let searchKeys: [[String]]
    /// Each entity's page but the `matched` member, which depends on the key asked for: the members
    /// before it and those after it, encoded once per snapshot.
    private let pages: [(head: [UInt8], tail: [UInt8])]

    init(snapshot: CorpusSnapshot, articles: ArticlesResource) {
        self.snapshot = snapshot
        self.articles = articles
        let entities = snapshot.entities
        let folded = entities.map { TextFolding.normalizedKey($0.name) }
        let counts = entities.map { snapshot.articleCount(of: $0) }
        byName = entities.indices.sorted {
            folded[$0] != folded[$1] ? folded[$0] < folded[$1] : entities[$0].id < entities[$1].id
        }
        let namePosition = Dictionary(uniqueKeysWithValues: byName.enumerated().map { ($1, $0) })
        byArticleCount = entities.indices.sorted {
            counts[$0] != counts[$1] ? counts[$0] > counts[$1] : namePosition[$0]! < namePosition[$1]!
        }
        searchKeys = entities.map { entity in
            ([entity.name, entity.id] + entity.aliases).map(TextFolding.normalizedKey)
        }
        pages = entities.map { entity in
            (
                JSONWriter.members { json in EntitiesResource.writeSummaryMembers(of: entity, in: snapshot, into: &json) },
                JSONWriter.members { json in EntitiesResource.writeDetailMembers(of: entity, in: snapshot, into: &json) }
            )
        }
    }

    /// `GET /entities`.
    func list(_ request: Request, _ parameters: PathParameters) throws -> Response {
        var query = QueryParameters(request.query)
        let types = query.choices("type", of: EntityType.self)
        let text = query.text("q")
        let sort = query.choice("sort", of: EntitySort.self) ?? .mostMentioned
        let page = query.page()
        let format = ListFormat.read(&query, headers: request.headers)
        try query.validate()

        let folded = text.map(TextFolding.normalizedKey)
        let order = sort == .name ? byName : byArticleCount
        let matching = order.filter { index in
            (types.isEmpty || types.contains(snapshot.entities[index].type))
                && (folded.map { key in searchKeys[index].contains { $0.contains(key) } } ?? true)
        }
        var applied = AppliedQuery()
        applied.add("type", types.map(\.rawValue))
        applied.add("q", text)
        applied.add("sort", sort.rawValue)
        applied.add("limit", page.limit)
        applied.add("offset", page.offset)
        let envelope = ListEnvelope(path: "/entities", query: applied, page: page, total: matching.count, format: format)
        return envelope.response { position, json in
            json.beginObject()
            EntitiesResource.writeSummaryMembers(of: snapshot.entities[matching[position]], in: snapshot, into: &json)
            json.endObject()
        }
    }

    /// `GET /entities/{key}`.
    func show(_ request: Request, _ parameters: PathParameters) throws -> Response {
        try QueryParameters(request.query).validate()
        let key = parameters["key"]
        return try encodeEntity(matching: key)
    }

    private func encodeEntity(matching key: String) throws -> Response {
        let match = try resolve(key)
        // `resolve` finds only this snapshot's entities, so each has an index.
        let page = pages[Int(snapshot.entityIndexByID[match.entity.id]!)]
        var json = JSONWriter(capacity: page.head.count + page.tail.count + 256)
        json.beginObject()
        json.rawMembers(page.head)
        json.key("matched")
        json.beginObject()
        json.key("key"); json.string(key)
        json.key("text"); json.string(match.matchedName)
        json.key("kind"); json.string(match.matchedBy.rawValue)
        json.endObject()
        json.rawMembers(page.tail)
        json.endObject()
        return .json(json.bytes)
    }

    /// The members of an entity's page after `matched`: its recent articles, co-mentions, measures and claims.
    private static func writeDetailMembers(of entity: Entity, in snapshot: CorpusSnapshot, into json: inout JSONWriter) {
        json.key("recent_articles")
        json.beginArray()
        for ordinal in snapshot.articlePostings(mentioning: entity).prefix(5) {
            let article = snapshot.article(at: ordinal)
            json.linkedObject(to: Links.article(article.id)) { json in
                json.key("id"); json.string(article.id)
                json.key("kind"); json.string(article.kind.rawValue)
                json.key("title"); json.string(article.title)
                json.key("published_at"); json.date(article.publishedAt)
            }
        }
        json.endArray()

        json.key("co_mentioned")
        json.beginArray()
        for other in snapshot.coMentions(of: entity) {
            json.linkedObject(to: Links.entity(other.entity.id)) { json in
                json.entityIdentity(other.entity)
                json.key("count"); json.int(other.articleCount)
            }
        }
        json.endArray()

        let implementing = snapshot.measures(implementedBy: entity)
        let affected = snapshot.measures(affecting: entity)
        let targeted = snapshot.measures(targeting: entity)
        json.key("measure_counts")
        json.beginObject()
        json.key("implementing"); json.int(implementing.count)
        json.key("affected"); json.int(affected.count)
        json.key("targeted"); json.int(targeted.count)
        json.endObject()
        json.key("trade_measures")
        json.beginObject()
        for (name, measures) in [("implementing", implementing), ("affected", affected), ("targeted", targeted)] {
            json.key(name)
            json.beginArray()
            for measure in measures.prefix(EntitiesResource.measuresShown) { json.measureSummary(measure, in: snapshot) }
            json.endArray()
        }
        json.endObject()
        json.key("claims")
        json.beginArray()
        for claim in snapshot.claims(about: entity) {
            json.beginObject()
            json.key("id"); json.string(claim.id)
            json.key("topic"); json.string(claim.topic)
            json.key("versions"); json.int(claim.claims.count)
            json.key("links"); json.selfLink(Links.claim(claim.id))
            json.endObject()
        }
        json.endArray()
    }

    /// `GET /entities/{key}/articles`.
    func articles(_ request: Request, _ parameters: PathParameters) throws -> Response {
        let entity = try resolve(parameters["key"]).entity
        return try articles.list(request, path: Links.entityArticles(entity.id), scope: entity)
    }

    /// How many measures of each relation the entity page lists; `/trade-measures?implementing=` has all.
    static let measuresShown = 20

    private func resolve(_ key: String) throws -> EntityMatch {
        if let match = snapshot.entity(matching: key) { return match }
        var suggestions = JSONWriter()
        suggestions.beginArray()
        let nearest = snapshot.entitySuggestions(for: key, limit: 5)
        for entity in nearest { suggestions.entityRef(entity) }
        suggestions.endArray()
        let hint = nearest.first.map { " Did you mean \"\($0.name)\"?" } ?? ""
        throw Problem(
            status: .notFound, type: "urn:news-api:problem:unknown-entity", title: "Unknown entity",
            detail: "No entity has the id, name or alias \"\(key)\".\(hint)",
            extensions: ["suggestions": suggestions.bytes])
    }

    /// The members an entity list gives for each entity, which also open its page.
    private static func writeSummaryMembers(of entity: Entity, in snapshot: CorpusSnapshot, into json: inout JSONWriter) {
        json.entityIdentity(entity)
        json.key("aliases"); json.strings(entity.aliases)
        json.key("wikidata_id"); json.string(entity.wikidataID)
        json.key("codes")
        if let codes = entity.codes {
            json.beginObject()
            json.key("alpha2"); json.string(codes.alpha2)
            json.key("alpha3"); json.string(codes.alpha3)
            json.key("numeric"); json.string(codes.numeric)
            json.endObject()
        } else {
            json.null()
        }
        json.key("part_of"); json.string(entity.partOf)
        json.key("description"); json.string(entity.description)
        json.key("article_count"); json.int(snapshot.articleCount(of: entity))
        json.key("links")
        json.beginObject()
        json.key("self"); json.string(Links.entity(entity.id))
        json.key("articles"); json.string(Links.entityArticles(entity.id))
        json.endObject()
    }
}

/// The orders an entity list can come in.
enum EntitySort: String, CaseIterable, Sendable {
    /// Most articles first (the default), then by name.
    case mostMentioned = "-article_count"
    /// By name, case- and diacritic-insensitively.
    case name
}
