/// `/articles` and `/articles/{id}`: the articles and briefs, searchable and filterable.
struct ArticlesResource: Sendable {
    let snapshot: CorpusSnapshot
    private let encodedEntities: EncodedEntities
    private let facetTable: ArticleFacetTable

    init(snapshot: CorpusSnapshot) {
        self.snapshot = snapshot
        encodedEntities = EncodedEntities(snapshot.entities)
        facetTable = ArticleFacetTable(snapshot: snapshot)
    }

    /// `GET /articles`.
    func list(_ request: Request, _ parameters: PathParameters) throws -> Response {
        try list(request, path: "/articles", scope: nil)
    }

    /// `GET /articles/{id}`.
    func show(_ request: Request, _ parameters: PathParameters) throws -> Response {
        try QueryParameters(request.query).validate()
        let id = parameters["id"]
        guard let ordinal = snapshot.article(id: id) else {
            throw Problem.notFound("No article has the id \"\(id)\".")
        }
        return .json(encodeArticle(at: ordinal))
    }

    /// An article list at `path`, limited to the articles naming `scope` when it is set.
    func list(_ request: Request, path: String, scope: Entity?) throws -> Response {
        var parameters = QueryParameters(request.query)
        let query = ArticleQuery(reading: &parameters, in: snapshot)
        let facets = FacetRequest(reading: &parameters, allowed: ArticleFacetTable.names)
        let format = ListFormat.read(&parameters, headers: request.headers)
        try parameters.validate()

        let matches = ArticleMatches(snapshot: snapshot, query: query, scope: scope)
        let ordered = matches.ordered(
            by: query.sort,
            needed: format == .json ? query.page.range(in: matches.count).upperBound : nil)
        var applied = query.applied
        facets.apply(to: &applied)
        var envelope = ListEnvelope(path: path, query: applied, page: query.page, total: matches.count, format: format)
        if format == .json {
            envelope.itemBytes = summaryBytes(at: query.page.range(in: matches.count), of: ordered)
        }
        if !facets.isEmpty, format == .json {
            let entities = (scope.map { [$0] } ?? []) + query.entities
            let onlyEntity =
                query.text == nil && query.sources.isEmpty && query.kind == nil && query.firstDay == nil
                && query.lastDay == nil && entities.count == 1
            envelope.extraMembers.append(
                facetTable.encode(facets, over: matches.ordinals, soleEntity: onlyEntity ? entities[0] : nil))
        }
        let excerpts = query.text.map { text in
            SearchExcerpts(
                query: text, ordered: ordered,
                positions: format == .json ? query.page.range(in: matches.count) : 0..<matches.count, snapshot: snapshot)
        }
        return envelope.response { position, json in
            let ordinal = ordered[position]
            writeSummary(of: ordinal, excerpt: excerpts?.excerpt(at: position, of: ordinal), into: &json)
        }
    }

    /// About how many bytes the summaries at `positions` of `ordered` take: their titles and links
    /// and about 1 KB more each (the lede, the other members, ten entities). Reading the lengths
    /// first also brings the articles into the cache one after another, their misses overlapping,
    /// rather than one by one as each summary is written.
    private func summaryBytes(at positions: Range<Int>, of ordered: OrderedArticles) -> Int {
        var bytes = 0
        for position in positions {
            let article = snapshot.article(at: ordered[position])
            bytes += 1024 + article.title.utf8.count + (article.url?.utf8.count ?? 0)
        }
        return bytes
    }

    /// Writes the summary of the article at `ordinal` as one object, with its search excerpt if any.
    private func writeSummary(of ordinal: Int32, excerpt: (snippet: Snippet, score: Double)?, into json: inout JSONWriter) {
        let article = snapshot.article(at: ordinal)
        json.beginObject()
        json.articleHeadMembers(article)
        json.key("entities")
        json.beginArray()
        // Read the mention index directly: a summary needs counts, not offsets.
        snapshot.mentionIndex.forEachMentionCount(inArticle: ordinal) { entity, count in
            encodedEntities.beginMention(of: Int(entity), into: &json)
            json.int(count)
            json.endObject()
        }
        json.endArray()
        if let snippet = excerpt?.snippet {
            json.key("snippet")
            json.beginObject()
            json.key("text"); json.string(snippet.text)
            json.key("highlights")
            json.beginArray()
            for range in snippet.highlights {
                json.beginObject()
                json.key("start"); json.int(range.lowerBound)
                json.key("end"); json.int(range.upperBound)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        if let score = excerpt?.score {
            json.key("score"); json.double((score * 10_000).rounded() / 10_000)
        }
        json.articleSelfLink(article.id)
        json.endObject()
    }

    /// The full article: body, entity mentions with offsets, trade measures it reports, claims.
    func encodeArticle(at ordinal: Int32) -> [UInt8] {
        let article = snapshot.article(at: ordinal)
        // The mentions take about as many bytes as the body (an occurrence's object is some 80
        // bytes), the other members under 2 KB: one buffer, not grown and copied.
        var json = JSONWriter(capacity: 2 * article.bodyByteCount + 2048)
        json.beginObject()
        json.articleHeadMembers(article)
        json.key(ascii: "body")
        article.withBodyUTF8 { json.string(utf8: $0) }  // decompressed once
        json.key(ascii: "entities")
        json.beginArray()
        snapshot.mentionIndex.forEachMention(inArticle: ordinal) { entity, count, occurrences in
            encodedEntities.beginMention(of: Int(entity), into: &json)
            json.int(count)
            json.key(ascii: "offsets")
            json.beginArray()
            for linked in occurrences {
                json.beginOccurrence(linked.occurrence)
                if linked.spelling != EntitySpellings.unnumbered {
                    encodedEntities.writeSpelling(linked.spelling, of: Int(entity), into: &json)
                } else {
                    let name = snapshot.linkedName(linked.occurrence, of: snapshot.entities[Int(entity)], in: article)
                    json.key(ascii: "alias"); json.string(name.spelling)
                    json.key(ascii: "rule"); json.string(name.rule.rawValue)
                }
                json.endObject()
            }
            json.endArray()
            encodedEntities.writeLinks(of: Int(entity), into: &json)
            json.endObject()
        }
        json.endArray()
        json.key(ascii: "trade_measures")
        json.beginArray()
        for measure in snapshot.measures(citing: ordinal) {
            for source in measure.sources where source.articleID == article.id {
                json.linkedObject(to: Links.measure(measure.id)) { json in
                    json.measureIdentity(measure)
                    json.key("quote"); json.string(source.quote)
                }
            }
        }
        json.endArray()
        json.key(ascii: "claims")
        json.beginArray()
        for claim in snapshot.claims(citing: ordinal) {
            json.claim(claim)
        }
        json.endArray()
        json.articleSelfLink(article.id, original: article.url)
        json.endObject()
        return json.bytes
    }
}

/// What an article list under a search shows of each listed article besides its summary: the
/// snippet around its first match and its relevance score, prepared once for the whole list.
struct SearchExcerpts: Sendable {
    private let snapshot: CorpusSnapshot
    private let matcher: QueryTermMatcher
    private let positions: Range<Int>
    /// The score of each article in `positions`, in order.
    private let scores: [Double]

    /// The excerpts of the articles at `positions` of `ordered`, the matches of `query`.
    init(query: TextQuery, ordered: OrderedArticles, positions: Range<Int>, snapshot: CorpusSnapshot) {
        self.snapshot = snapshot
        matcher = QueryTermMatcher(query)
        self.positions = positions
        if let ranked = ordered.relevanceScores {
            scores = Array(ranked[positions])
        } else {
            // Scoring gallops through each posting list once when the ordinals ascend (newest first).
            let ordinals = positions.map { ordered[$0] }
            if let first = ordinals.first, let last = ordinals.last, first > last {
                scores = snapshot.relevanceScores(for: query, in: ordinals.reversed()).reversed()
            } else {
                scores = snapshot.relevanceScores(for: query, in: ordinals)
            }
        }
    }

    /// The snippet of the article at `position`, which is `ordinal`, and its relevance score.
    func excerpt(at position: Int, of ordinal: Int32) -> (snippet: Snippet, score: Double) {
        (snapshot.snippet(forArticle: ordinal, matcher: matcher), scores[position - positions.lowerBound])
    }
}

extension JSONWriter {
    /// A claim with every version of it and where each comes from.
    mutating func claim(_ claim: Claim) {
        beginObject()
        key("id"); string(claim.id)
        key("topic"); string(claim.topic)
        key("versions")
        beginArray()
        for version in claim.claims {
            beginObject()
            key("article_id"); string(version.articleID)
            key("statement"); string(version.statement)
            key("quote"); string(version.quote)
            key("links")
            beginObject()
            key("article"); string(Links.article(version.articleID))
            endObject()
            endObject()
        }
        endArray()
        endObject()
    }
}

/// The orders an article list can come in.
enum ArticleSort: String, CaseIterable, Sendable {
    /// Newest first (the default).
    case newestFirst = "-published_at"
    /// Oldest first.
    case oldestFirst = "published_at"
    /// Best BM25 match first; only with `q`.
    case relevance
}
