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
        // One copy of the index for both walks: reading it through the snapshot copies it each time.
        let mentions = snapshot.mentionIndex
        let ordinals = matches.ordinals

        // Pass one: each entity's matching articles; pass two: pairs among the chosen nodes only. The
        // tallies are written through buffers: an array checks it is not shared on every write.
        var counts = [Int32](repeating: 0, count: entities.count)
        var touched: [Int32] = []
        counts.withUnsafeMutableBufferPointer { counts in
            typeOfEntity.withUnsafeBufferPointer { typeOfEntity in
                mentions.forEachArticle(in: ordinals) { mentioned in
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
                let pmi = log2(both * total / (Double(counts[Int(nodes[a])]) * Double(counts[Int(nodes[b])])))
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
        for entity in nodes {
            json.beginObject()
            json.entityIdentity(entities[Int(entity)])
            json.key("articles"); json.int(counts[Int(entity)])
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
}
