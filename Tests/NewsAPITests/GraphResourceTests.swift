import Foundation
import Testing

@testable import NewsAPI

/// The graph of one entity's articles reads its nodes from the co-mention counts made at load; they
/// are the nodes the walk over those articles finds, for every entity and every number of nodes.
@Suite struct GraphResourceTests {
    /// A generated corpus: 1,500 articles, and entities named in many, few or none of them.
    private static let snapshot = Result { try CorpusFixture.generated(articles: 1_500, seed: 41) }

    @Test func nodesFromCoMentionsAreThoseTheWalkFinds() throws {
        let snapshot = try Self.snapshot.get()
        let graph = GraphResource(snapshot: snapshot)
        let everyType = EntityType.allCases.map { _ in true }
        var answered = 0
        var empty = 0
        for entity in snapshot.entities.indices.map(Int32.init) {
            let articles = ArticleMatches.Ordinals.list(Array(snapshot.mentionIndex.articles(mentioning: entity)))
            for limit in [1, 2, 5, 19, 20, 21, 22, 100] {
                guard let read = graph.mostNamed(with: entity, limit: limit) else {
                    // Only a limit past what the co-mentions keep falls back to the walk.
                    #expect(limit > MentionIndex.coMentionLimit + 1)
                    continue
                }
                let walked = graph.mostNamed(in: articles, typeAllowed: everyType, limit: limit)
                #expect(read.nodes == walked.nodes, "nodes of \(snapshot.entities[Int(entity)].id), limit \(limit)")
                #expect(read.counts == walked.counts, "counts of \(snapshot.entities[Int(entity)].id), limit \(limit)")
                answered += 1
                if read.nodes.isEmpty { empty += 1 }
            }
        }
        // The corpus has entities with many co-mentions, few, and none at all.
        #expect(answered > 1_000)
        #expect(empty > 0 && empty < answered)
    }
}

extension GraphResourceTests {
    /// With every entity's pairs counted when the resource is made (the least articles lowered to one),
    /// the pairs read for each limit are those the walk over the entity's articles counts.
    @Test func pairsCountedAtLoadAreThoseTheWalkCounts() throws {
        let snapshot = try Self.snapshot.get()
        let graph = GraphResource(snapshot: snapshot, loadedPairsMinimum: 1)
        var compared = 0
        var withEdges = 0
        for entity in snapshot.entities.indices.map(Int32.init) {
            let articles = ArticleMatches.Ordinals.list(Array(snapshot.mentionIndex.articles(mentioning: entity)))
            for limit in [1, 2, 5, 19, 20, 21] {
                guard let nodes = graph.mostNamed(with: entity, limit: limit)?.nodes, !nodes.isEmpty else { continue }
                let loaded = graph.loadedPairCounts(of: entity, nodeCount: nodes.count)
                let walked = GraphResource.pairCounts(
                    among: nodes, in: articles, mentions: snapshot.mentionIndex, entityCount: snapshot.entities.count)
                #expect(loaded == walked, "pairs of \(snapshot.entities[Int(entity)].id), limit \(limit)")
                compared += 1
                if walked.contains(where: { $0 > 0 }) { withEdges += 1 }
            }
        }
        #expect(compared > 1_000)
        #expect(withEdges > compared / 2)
        // The default leaves out the entities of this small corpus: none is named in 16,384 articles.
        let entity = Int32(
            try #require(snapshot.entities.indices.first { snapshot.mentionIndex.articleCount(of: Int32($0)) > 0 }))
        #expect(GraphResource(snapshot: snapshot).loadedPairCounts(of: entity, nodeCount: 1) == nil)
    }
}

extension GraphResourceTests {
    /// `/graph?entity=X` answers the same, byte for byte, whether X's pairs were counted when the
    /// resource was made or are walked for the request.
    @Test func answersWithPairsFromLoadAreThoseOfTheWalk() throws {
        let snapshot = try Self.snapshot.get()
        let loaded = GraphResource(snapshot: snapshot, loadedPairsMinimum: 1)
        let walking = GraphResource(snapshot: snapshot, loadedPairsMinimum: .max)
        var withEdges = 0
        for entity in snapshot.entities.prefix(300) {
            for limit in [1, 5, 20, 21, 22] {
                let request = Request(target: "/graph?entity=\(entity.id)&limit=\(limit)")
                let answer = try loaded.show(request, PathParameters()).body
                #expect(answer == (try walking.show(request, PathParameters()).body), "\(entity.id), limit \(limit)")
                if String(decoding: answer, as: UTF8.self).contains(#""source""#) { withEdges += 1 }
            }
        }
        #expect(withEdges > 500)
    }
}
