import Foundation

/// `/graph`: which entities the matching articles name together, as nodes and weighted edges.
///
/// Nodes are the `limit` entities (of `entity_type`, if given) named in the most matching articles.
/// Edges join two nodes named in at least one same matching article, with `count` (those articles)
/// and the association score `pmi` = log2(count × N / (count_a × count_b)), N being the number of
/// matching articles, and `npmi` = pmi / −log2(count / N), in −1...1 (1 when the pair always
/// appears together). Edges are strongest first: by `count`, then `npmi`, then ids.
struct GraphResource: Sendable {
    let snapshot: CorpusSnapshot
    /// Each entity's type, as a position in `EntityType.allCases` (computed once, so the walk over the
    /// matching articles reads a flat array).
    private let typeOfEntity: [UInt8]

    init(snapshot: CorpusSnapshot) {
        self.snapshot = snapshot
        let types = EntityType.allCases
        typeOfEntity = snapshot.entities.map { UInt8(types.firstIndex(of: $0.type) ?? 0) }
    }

    /// `GET /graph`.
    func show(_ request: Request, _ parameters: PathParameters) throws -> Response {
        var query = QueryParameters(request.query)
        let articleQuery = ArticleQuery(reading: &query, in: snapshot, listing: false)
        let types = query.choices("entity_type", of: EntityType.self)
        let limit = query.int("limit", default: 20, in: 1...100)
        try query.validate()

        let matches = ArticleMatches(snapshot: snapshot, query: articleQuery, scope: nil)
        let entities = snapshot.entities
        let typeAllowed = EntityType.allCases.map { types.isEmpty || types.contains($0) }
        // One copy of the index for the walk: reading it through the snapshot copies it each time.
        let mentions = snapshot.mentionIndex
        let ordinals = matches.ordinals

        // Pass one: the nodes, with their matching articles; pass two: pairs among the nodes only.
        let fromCoMentions = types.isEmpty ? soleEntity(of: articleQuery).flatMap { mostNamed(with: $0, limit: limit) } : nil
        let (nodes, nodeCounts) = fromCoMentions ?? mostNamed(in: ordinals, typeAllowed: typeAllowed, limit: limit)
        var nodePosition = [Int32](repeating: -1, count: entities.count)
        for (position, entity) in nodes.enumerated() { nodePosition[Int(entity)] = Int32(position) }
        var pairs = [Int32](repeating: 0, count: nodes.count * nodes.count)
        let nodeCount = nodes.count
        pairs.withUnsafeMutableBufferPointer { pairs in
            nodePosition.withUnsafeBufferPointer { nodePosition in
                // The nodes an article names are gathered here: at most all of them, as it names each entity once.
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: nodeCount) { present in
                    mentions.forEachArticle(in: ordinals) { mentioned in
                        var found = 0
                        for entity in mentioned where nodePosition[Int(entity)] >= 0 {
                            precondition(found < nodeCount, "an article names an entity twice")
                            present[found] = nodePosition[Int(entity)]
                            found += 1
                        }
                        for index in 0..<found {
                            let a = Int(present[index])
                            for other in index + 1..<found {
                                let b = Int(present[other])
                                pairs[min(a, b) * nodeCount + max(a, b)] += 1
                            }
                        }
                    }
                }
            }
        }
        let total = Double(matches.count)
        var edges: [(a: Int, b: Int, count: Int, pmi: Double, npmi: Double)] = []
        for a in nodes.indices {
            for b in nodes.indices where b > a && pairs[a * nodes.count + b] > 0 {
                let both = Double(pairs[a * nodes.count + b])
                let pmi = log2(both * total / (Double(nodeCounts[a]) * Double(nodeCounts[b])))
                let npmi = both == total ? 1 : pmi / -log2(both / total)
                edges.append((a, b, Int(both), pmi, npmi))
            }
        }
        edges.sort { left, right in
            if left.count != right.count { return left.count > right.count }
            if left.npmi != right.npmi { return left.npmi > right.npmi }
            return (left.a, left.b) < (right.a, right.b)
        }

        var applied = articleQuery.applied
        applied.add("entity_type", types.map(\.rawValue))
        applied.add("limit", limit)
        var json = JSONWriter(capacity: 4096)
        json.beginObject()
        json.key("articles"); json.int(matches.count)
        json.key("nodes")
        json.beginArray()
        for (entity, count) in zip(nodes, nodeCounts) {
            json.beginObject()
            json.entityIdentity(entities[Int(entity)])
            json.key("articles"); json.int(count)
            json.key("links"); json.selfLink(Links.entity(entities[Int(entity)].id))
            json.endObject()
        }
        json.endArray()
        json.key("edges")
        json.beginArray()
        for edge in edges {
            json.beginObject()
            json.key("source"); json.string(entities[Int(nodes[edge.a])].id)
            json.key("target"); json.string(entities[Int(nodes[edge.b])].id)
            json.key("count"); json.int(edge.count)
            json.key("pmi"); json.double((edge.pmi * 10_000).rounded() / 10_000)
            json.key("npmi"); json.double((edge.npmi * 10_000).rounded() / 10_000)
            json.endObject()
        }
        json.endArray()
        json.key("query"); applied.write(to: &json)
        json.endObject()
        return .json(json.bytes)
    }

    /// The `limit` entities (of the types `typeAllowed` keeps) named in the most of the articles at
    /// `ordinals`, most first (ties by id), with how many: one walk over the articles' entities, whose
    /// tallies are written through a buffer (an array checks it is not shared on every write).
    func mostNamed(in ordinals: ArticleMatches.Ordinals, typeAllowed: [Bool], limit: Int) -> (nodes: [Int32], counts: [Int32]) {
        let entities = snapshot.entities
        var counts = [Int32](repeating: 0, count: entities.count)
        var touched: [Int32] = []
        counts.withUnsafeMutableBufferPointer { counts in
            typeOfEntity.withUnsafeBufferPointer { typeOfEntity in
                snapshot.mentionIndex.forEachArticle(in: ordinals) { mentioned in
                    for entity in mentioned where typeAllowed[Int(typeOfEntity[Int(entity)])] {
                        if counts[Int(entity)] == 0 { touched.append(entity) }
                        counts[Int(entity)] += 1
                    }
                }
            }
        }
        let nodes = TopK.indices(of: touched, count: limit) { left, right in
            let l = touched[left]
            let r = touched[right]
            return counts[Int(l)] != counts[Int(r)] ? counts[Int(l)] > counts[Int(r)] : entities[Int(l)].id < entities[Int(r)].id
        }.map { touched[$0] }
        return (nodes, nodes.map { counts[Int($0)] })
    }

    /// The index of the one entity `query` asks for, when it asks for nothing else.
    private func soleEntity(of query: ArticleQuery) -> Int32? {
        guard query.entities.count == 1, query.text == nil, query.sources.isEmpty, query.kind == nil,
            query.firstDay == nil, query.lastDay == nil
        else { return nil }
        return snapshot.entityIndexByID[query.entities[0].id]
    }

    /// What `mostNamed(in:typeAllowed:limit:)` finds for the articles naming `entity`, of any type,
    /// read from what was counted at load instead of walked: the entity itself, named in every one of
    /// them, among the entities most often named with it. `nil` when `limit` asks for more nodes than
    /// the co-mentions kept can tell apart.
    func mostNamed(with entity: Int32, limit: Int) -> (nodes: [Int32], counts: [Int32])? {
        let mentions = snapshot.mentionIndex
        let coMentions = mentions.coMentions(of: entity)
        guard limit <= coMentions.count + 1 || coMentions.count < MentionIndex.coMentionLimit else { return nil }
        // Both are ordered by count, then by index, which is the order of ids.
        let count = Int32(mentions.articleCount(of: entity))
        // An entity no article names has no node, itself included.
        guard count > 0 else { return ([], []) }
        var ranked = coMentions
        let place = ranked.firstIndex { $0.count < count || ($0.count == count && $0.entity > entity) } ?? ranked.count
        ranked.insert((entity, count), at: place)
        let nodes = ranked.prefix(limit)
        return (nodes.map(\.entity), nodes.map(\.count))
    }
}
