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

    /// For each entity named in at least `loadedPairsMinimum` articles: how often the nodes of its own
    /// graph (itself and the entities most often named with it, as `mostNamed(with:limit:)` reads them)
    /// are named together in its articles, row by row, and how many nodes that is. Counted once, as the
    /// resource is made: for these entities the walk over their articles is what `/graph?entity=X` would
    /// otherwise cost, a millisecond or more a request (15-20 ms for the most-named of 1,000,000 articles).
    private let loadedPairs: [Int32: (nodeCount: Int, counts: [Int32])]

    /// How many articles must name an entity for its graph's pairs to be counted when the resource is made.
    static let loadedPairsMinimum = 16_384

    /// The graph resource of `snapshot`, with the pairs of the entities named in at least
    /// `loadedPairsMinimum` articles counted now, on all cores.
    init(snapshot: CorpusSnapshot, loadedPairsMinimum: Int = GraphResource.loadedPairsMinimum) {
        self.snapshot = snapshot
        let types = EntityType.allCases
        typeOfEntity = snapshot.entities.map { UInt8(types.firstIndex(of: $0.type) ?? 0) }
        let mentions = snapshot.mentionIndex
        let named = snapshot.entities.indices.map(Int32.init).filter { mentions.articleCount(of: $0) >= loadedPairsMinimum }
        var pairs = [(nodeCount: Int, counts: [Int32])](repeating: (0, []), count: named.count)
        pairs.withUnsafeMutableBufferPointer { pairs in
            // Each iteration writes only its own entity's pairs.
            nonisolated(unsafe) let pairs = pairs
            DispatchQueue.concurrentPerform(iterations: named.count) { index in
                let entity = named[index]
                let everyNode = mentions.coMentions(of: entity).count + 1
                guard let nodes = GraphResource.mostNamed(with: entity, limit: everyNode, in: mentions)?.nodes else { return }
                let counts = GraphResource.pairCounts(
                    among: nodes, in: .list(Array(mentions.articles(mentioning: entity))), mentions: mentions,
                    entityCount: snapshot.entities.count)
                pairs[index] = (nodes.count, counts)
            }
        }
        loadedPairs = Dictionary(uniqueKeysWithValues: zip(named, pairs).filter { $0.1.nodeCount > 0 })
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

        // Pass one: the nodes, with their matching articles; pass two: pairs among the nodes only. For
        // one entity's graph, the first comes from the co-mentions counted at load, and for the entities
        // named most, the second too.
        let sole = types.isEmpty ? soleEntity(of: articleQuery) : nil
        let fromCoMentions = sole.flatMap { mostNamed(with: $0, limit: limit) }
        let (nodes, nodeCounts) = fromCoMentions ?? mostNamed(in: ordinals, typeAllowed: typeAllowed, limit: limit)
        let loaded = fromCoMentions == nil ? nil : sole.flatMap { loadedPairCounts(of: $0, nodeCount: nodes.count) }
        let pairs =
            loaded ?? GraphResource.pairCounts(among: nodes, in: ordinals, mentions: mentions, entityCount: entities.count)
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

    /// How many of the articles at `ordinals` name each two of `nodes`, row by row (`[a × count + b]`
    /// for a before b): one walk over the articles' entities. `entityCount` is the corpus's.
    static func pairCounts(
        among nodes: [Int32], in ordinals: ArticleMatches.Ordinals, mentions: MentionIndex, entityCount: Int
    ) -> [Int32] {
        let nodeCount = nodes.count
        var nodePosition = [Int32](repeating: -1, count: entityCount)
        for (position, entity) in nodes.enumerated() { nodePosition[Int(entity)] = Int32(position) }
        var pairs = [Int32](repeating: 0, count: nodeCount * nodeCount)
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
        return pairs
    }

    /// The pair counts among the first `nodeCount` nodes of `entity`'s own graph, counted when the
    /// resource was made, or `nil` if they were not (an entity named in fewer articles).
    func loadedPairCounts(of entity: Int32, nodeCount: Int) -> [Int32]? {
        guard let loaded = loadedPairs[entity] else { return nil }
        precondition(nodeCount <= loaded.nodeCount, "more nodes than the entity's graph has")
        var pairs = [Int32](repeating: 0, count: nodeCount * nodeCount)
        for a in 0..<nodeCount {
            for b in a + 1..<nodeCount { pairs[a * nodeCount + b] = loaded.counts[a * loaded.nodeCount + b] }
        }
        return pairs
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
        GraphResource.mostNamed(with: entity, limit: limit, in: snapshot.mentionIndex)
    }

    /// `mostNamed(with:limit:)`, read from `mentions`.
    private static func mostNamed(with entity: Int32, limit: Int, in mentions: MentionIndex) -> (nodes: [Int32], counts: [Int32])?
    {
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
