/// `facets` and `facet_limit`: which value counts a list adds beside its page, counted over every
/// match of the query (not only the page), largest first.
struct FacetRequest {
    /// The facets asked for, in the order asked, without repeats.
    let names: [String]
    /// The most values listed per facet (1-100, default 10).
    let limit: Int

    /// Reads `facets` (comma-separated, repeatable) and `facet_limit`; `allowed` are the facet names
    /// this endpoint knows.
    init(reading query: inout QueryParameters, allowed: [String]) {
        var names: [String] = []
        for value in query.list("facets") {
            for name in value.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
                if !allowed.contains(name) {
                    query.reject(
                        "facets", "must be a comma-separated list of \(allowed.joined(separator: ", ")), got \"\(name)\"")
                } else if !names.contains(name) {
                    names.append(name)
                }
            }
        }
        self.names = names
        limit = query.int("facet_limit", default: 10, in: 1...100)
    }

    /// Whether any facet was asked for.
    var isEmpty: Bool { names.isEmpty }

    /// Records the facets as applied.
    func apply(to applied: inout AppliedQuery) {
        guard !names.isEmpty else { return }
        applied.add("facets", names.joined(separator: ","))
        applied.add("facet_limit", limit)
    }

    /// The `facets` envelope member: for each facet asked for, its `limit` largest counts (ties by
    /// key), each written by `write` as the members of one object before `count`.
    func encode(
        _ counts: (String) -> [(key: Int, count: Int)],
        write: (String, Int, inout JSONWriter) -> Void
    ) -> (name: String, json: [UInt8]) {
        var json = JSONWriter(capacity: 1024)
        json.beginObject()
        for name in names {
            json.key(name)
            json.beginArray()
            for entry in FacetRequest.largest(counts(name), limit: limit) {
                json.beginObject()
                write(name, entry.key, &json)
                json.key("count"); json.int(entry.count)
                json.endObject()
            }
            json.endArray()
        }
        json.endObject()
        return ("facets", json.bytes)
    }

    /// The `limit` largest non-zero counts, largest first, ties by ascending key.
    static func largest(_ counts: [(key: Int, count: Int)], limit: Int) -> [(key: Int, count: Int)] {
        let nonZero = counts.filter { $0.count > 0 }
        let best = TopK.indices(of: nonZero, count: limit) { left, right in
            nonZero[left].count != nonZero[right].count
                ? nonZero[left].count > nonZero[right].count
                : nonZero[left].key < nonZero[right].key
        }
        return best.map { nonZero[$0] }
    }
}

/// The article facets' per-article values, made once per snapshot so counting reads flat arrays.
struct ArticleFacetTable: Sendable {
    /// The facets an article list offers.
    static let names = ["entity", "source", "kind", "entity_type", "month"]

    private let snapshot: CorpusSnapshot
    /// Each article's source, as a position in `snapshot.sources`.
    private let sourceOf: [Int32]
    /// Each article's period key: a position in `periods`.
    private let periodOf: [Int32]
    /// The distinct publication periods (`2025-04`, or `2025` for a date known only to the year).
    private let periods: [String]
    /// Each entity's type, as a position in `EntityType.allCases`.
    private let typeOfEntity: [UInt8]
    /// For each entity, how many of its articles come from each source (`entity * sources + source`)
    /// and are of each kind (`entity * kinds + kind`): the facets of an entity's articles, counted
    /// once at load instead of walking thousands of them per request.
    private let sourcesByEntity: [Int32]
    private let kindsByEntity: [Int32]

    init(snapshot: CorpusSnapshot) {
        self.snapshot = snapshot
        let sourcePosition = Dictionary(uniqueKeysWithValues: snapshot.sources.enumerated().map { ($1.id, Int32($0)) })
        sourceOf = snapshot.articles.map { sourcePosition[$0.source.id] ?? 0 }
        var periods: [String] = []
        var periodPosition: [String: Int32] = [:]
        periodOf = snapshot.articles.map { article in
            let date = article.publishedAt
            let key = date.precision == .year ? String(date.value.prefix(4)) : String(date.value.prefix(7))
            if let position = periodPosition[key] { return position }
            periodPosition[key] = Int32(periods.count)
            periods.append(key)
            return Int32(periods.count - 1)
        }
        self.periods = periods
        let types = EntityType.allCases
        typeOfEntity = snapshot.entities.map { entity in UInt8(types.firstIndex(of: entity.type) ?? 0) }
        let sourceCount = snapshot.sources.count
        let kinds = ArticleKind.allCases
        var sourcesByEntity = [Int32](repeating: 0, count: snapshot.entities.count * sourceCount)
        var kindsByEntity = [Int32](repeating: 0, count: snapshot.entities.count * kinds.count)
        let mentions = snapshot.mentionIndex
        for ordinal in snapshot.articles.indices {
            let source = Int(sourceOf[ordinal])
            let kind = kinds.firstIndex(of: snapshot.articles[ordinal].kind)!
            for entity in mentions.entities(inArticle: Int32(ordinal)) {
                sourcesByEntity[Int(entity) * sourceCount + source] += 1
                kindsByEntity[Int(entity) * kinds.count + kind] += 1
            }
        }
        self.sourcesByEntity = sourcesByEntity
        self.kindsByEntity = kindsByEntity
    }

    /// The `facets` member for the matches of an article list. `soleEntity` says the matches are
    /// exactly the articles naming that entity (no other filter), so counts made at load can answer.
    func encode(_ request: FacetRequest, over matches: ArticleMatches.Ordinals, soleEntity: Entity?) -> (
        name: String, json: [UInt8]
    ) {
        var counts: [String: [(key: Int, count: Int)]] = [:]
        let sole = soleEntity.flatMap { snapshot.entityIndexByID[$0.id] }.map(Int.init)
        for name in request.names {
            counts[name] = sole.flatMap { precounted(name, entity: $0, limit: request.limit) } ?? count(name, over: matches)
        }
        return request.encode({ counts[$0] ?? [] }) { name, key, json in
            switch name {
            case "entity":
                json.entityIdentity(snapshot.entities[key])
            case "source":
                json.key("id"); json.string(snapshot.sources[key].id)
                json.key("name"); json.string(snapshot.sources[key].name)
            case "kind":
                json.key("value"); json.string(ArticleKind.allCases[key].rawValue)
            case "entity_type":
                json.key("value"); json.string(EntityType.allCases[key].rawValue)
            default:
                json.key("value"); json.string(periods[key])
            }
        }
    }

    /// The counts of a facet over one entity's articles from what was counted at load, when that is
    /// enough: sources and kinds always, entities while the limit is within the entity's kept co-mentions.
    private func precounted(_ name: String, entity: Int, limit: Int) -> [(key: Int, count: Int)]? {
        switch name {
        case "source":
            let width = snapshot.sources.count
            return (0..<width).map { ($0, Int(sourcesByEntity[entity * width + $0])) }
        case "kind":
            let width = ArticleKind.allCases.count
            return (0..<width).map { ($0, Int(kindsByEntity[entity * width + $0])) }
        case "entity" where limit <= MentionIndex.coMentionLimit + 1:
            let mentions = snapshot.mentionIndex
            return [(entity, mentions.articleCount(of: Int32(entity)))]
                + mentions.coMentions(of: Int32(entity)).map { (Int($0.entity), Int($0.count)) }
        default:
            return nil
        }
    }

    private func count(_ name: String, over matches: ArticleMatches.Ordinals) -> [(key: Int, count: Int)] {
        switch name {
        case "source", "kind":
            // Each value has a posting list: two binary searches per value for a range, a walk otherwise.
            if case .range(let range) = matches {
                if name == "kind" {
                    return ArticleKind.allCases.enumerated().map { ($0, count(snapshot.articles(ofKind: $1), in: range)) }
                }
                return snapshot.sources.enumerated().map { ($0, count(snapshot.articles(fromSource: $1.id), in: range)) }
            }
            if name == "kind" {
                var tally = [Int](repeating: 0, count: ArticleKind.allCases.count)
                let kinds = ArticleKind.allCases
                forEach(matches) { tally[kinds.firstIndex(of: snapshot.articles[Int($0)].kind)!] += 1 }
                return tally.enumerated().map { ($0, $1) }
            }
            return tally(size: snapshot.sources.count, over: matches) { sourceOf[Int($0)] }
        case "month":
            return tally(size: periods.count, over: matches) { periodOf[Int($0)] }
        case "entity":
            // One copy of the index for the whole walk: reading it through the snapshot copies it each time.
            let mentions = snapshot.mentionIndex
            var tally = [Int32](repeating: 0, count: snapshot.entities.count)
            var touched: [Int32] = []
            tally.withUnsafeMutableBufferPointer { tally in
                mentions.forEachArticle(in: matches) { mentioned in
                    for entity in mentioned {
                        if tally[Int(entity)] == 0 { touched.append(entity) }
                        tally[Int(entity)] += 1
                    }
                }
            }
            return touched.map { (Int($0), Int(tally[Int($0)])) }
        default:  // entity_type: articles naming at least one entity of each type
            let mentions = snapshot.mentionIndex
            var tally = [Int](repeating: 0, count: EntityType.allCases.count)
            mentions.forEachArticle(in: matches) { mentioned in
                var seen: UInt32 = 0
                for entity in mentioned {
                    seen |= 1 << UInt32(typeOfEntity[Int(entity)])
                }
                for type in tally.indices where seen & (1 << UInt32(type)) != 0 { tally[type] += 1 }
            }
            return tally.enumerated().map { ($0, $1) }
        }
    }

    private func tally(size: Int, over matches: ArticleMatches.Ordinals, _ key: (Int32) -> Int32) -> [(key: Int, count: Int)] {
        var tally = [Int](repeating: 0, count: size)
        forEach(matches) { tally[Int(key($0))] += 1 }
        return tally.enumerated().map { ($0, $1) }
    }

    private func forEach(_ matches: ArticleMatches.Ordinals, _ body: (Int32) -> Void) {
        switch matches {
        case .range(let range): for ordinal in range { body(ordinal) }
        case .list(let list): for ordinal in list { body(ordinal) }
        }
    }

    private func count(_ postings: [Int32], in range: Range<Int32>) -> Int {
        postings.partitioningIndex { $0 >= range.upperBound } - postings.partitioningIndex { $0 >= range.lowerBound }
    }
}
