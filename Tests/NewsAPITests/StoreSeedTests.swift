import Foundation
import Testing

@testable import NewsAPI

/// The bundled seed corpus loads, and what it holds is reachable.
@Suite struct StoreSeedTests {
    @Test func seedCorpusLoadsWhole() throws {
        let seed = try #require(CorpusFixture.seedDirectory, "the bundled corpus is in data/seed")
        let snapshot = try CorpusLoader.load(from: seed, logger: CorpusFixture.logger)
        let lines = try String(contentsOf: seed.appendingPathComponent("articles.ndjson"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }
        #expect(snapshot.articleCount == lines.count)
        #expect(snapshot.version.count == 16)
        #expect(snapshot.name == "seed")
        for measure in snapshot.measures {
            for source in measure.sources {
                let ordinal = try #require(snapshot.article(id: source.articleID))
                #expect(snapshot.measures(citing: ordinal).contains(measure))
            }
        }
        // Newest first.
        let days = snapshot.articles.map(\.publishedAt.day)
        #expect(days == days.sorted(by: >))
    }
}
