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
