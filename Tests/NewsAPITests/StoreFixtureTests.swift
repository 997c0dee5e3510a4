import Foundation
import Logging
import Testing

@testable import CorpusGeneration
@testable import NewsAPI

/// Builds small corpora in temporary directories for the store, loader and search tests.
enum CorpusFixture {
    /// The bundled seed corpus, if it is present in the repository.
    static var seedDirectory: URL? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let seed = root.appendingPathComponent("data/seed")
        return FileManager.default.fileExists(atPath: seed.appendingPathComponent("articles.ndjson").path) ? seed : nil
    }

    /// A logger that drops everything.
    static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// The snapshot of the corpus `corpus-gen` makes of `articles` articles from `seed`, written to a
    /// temporary directory that is removed once it is loaded.
    static func generated(articles: Int, seed: UInt64) throws -> CorpusSnapshot {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("generated-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try CorpusGenerator(articles: articles, seed: seed, directory: directory).run()
        return try CorpusLoader.load(from: directory, logger: logger)
    }

    static let entities = #"""
        [
          {"id": "china", "name": "China", "type": "country", "aliases": ["Chinese", "Beijing", "PRC"], "wikidata_id": "Q148"},
          {"id": "united-states", "name": "United States", "type": "country", "aliases": ["U.S.", "US", "Washington"], "case_sensitive_aliases": ["US"]},
          {"id": "vietnam", "name": "Vietnam", "type": "country", "aliases": ["Viet Nam", "Vietnamese"]},
          {"id": "south-china-sea", "name": "South China Sea", "type": "place", "aliases": []},
          {"id": "to-lam", "name": "To Lam", "type": "person", "aliases": ["Tô Lâm"], "description": "Vietnam's top leader."},
          {"id": "nvidia", "name": "Nvidia", "type": "company", "aliases": ["Nvidia Corporation"]}
        ]
        """#

    static let articles = [
        #"{"id": "a1", "kind": "article", "title": "China and Vietnam sign deals", "source": {"id": "wire", "name": "The Wire"}, "language": "en", "published_at": {"value": "2025-04-14", "precision": "day", "origin": "text"}, "body": "Chinese leader met Tô Lâm in Hanoi.\n\nThe U.S. imposed tariffs on Chinese goods. Let us see what happens."}"#,
        #"{"id": "a2", "kind": "brief", "title": "Patrols in the South China Sea", "source": {"id": "wire", "name": "The Wire"}, "language": "en", "published_at": {"value": "2025-04", "precision": "month", "origin": "external", "note": "month of the patrols"}, "body": "Ships patrolled the South China Sea near Vietnam. US officials watched.", "entities": ["united-states"]}"#,
        #"{"id": "a3", "kind": "article", "title": "Export controls on Nvidia chips", "section": "Tech", "source": {"id": "daily", "name": "Daily"}, "url": "https://example.com/a3", "language": "en", "published_at": {"value": "2025-04-16", "precision": "day", "origin": "text"}, "lede": "Washington tightens chip exports.", "body": "Washington restricted exports of Nvidia chips to China. The export controls cover advanced chips."}"#,
    ]

    static let measures = #"""
        [
          {
            "id": "us-chip-controls", "title": "US chip export controls", "description": "Limits exports of advanced chips.",
            "measure_type": "export_control", "status": "in_force", "evaluation": "restrictive",
            "implementing": ["united-states"], "affected": ["china"], "products": ["chips"], "targeted_firms": ["nvidia"],
            "rate": null,
            "date_announced": {"value": "2025-04-16", "precision": "day", "origin": "text"},
            "sources": [{"article_id": "a3", "quote": "Washington restricted exports of Nvidia chips to China."}]
          },
          {
            "id": "us-tariffs-china", "title": "US tariffs on Chinese goods", "description": "Tariffs on goods from China.",
            "measure_type": "tariff", "status": "announced", "evaluation": "restrictive",
            "implementing": ["united-states"], "affected": ["china"], "products": [], "targeted_firms": [],
            "rate": {"value": 145, "unit": "percent", "qualifier": "up_to"},
            "sources": [{"article_id": "a1", "quote": "The U.S. imposed tariffs on Chinese goods."}]
          }
        ]
        """#

    static let claims = #"""
        [
          {
            "id": "chip-curbs", "topic": "Who restricted chips", "entities": ["united-states", "nvidia"],
            "claims": [
              {"article_id": "a3", "statement": "Washington restricted exports.", "quote": "Washington restricted exports of Nvidia chips to China."},
              {"article_id": "a3", "statement": "They cover advanced chips.", "quote": "The export controls cover advanced chips."}
            ]
          }
        ]
        """#

    static let dataset = #"{"name": "fixture", "description": "A tiny corpus for tests."}"#

    /// Writes a corpus into a new temporary directory; `nil` leaves a file out.
    static func directory(
        dataset: String? = CorpusFixture.dataset,
        articles: [String]? = CorpusFixture.articles,
        entities: String? = CorpusFixture.entities,
        measures: String? = CorpusFixture.measures,
        claims: String? = CorpusFixture.claims
    ) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("corpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func write(_ text: String?, _ name: String) throws {
            guard let text else { return }
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }
        try write(dataset, "dataset.json")
        try write(articles.map { $0.joined(separator: "\n") + "\n" }, "articles.ndjson")
        try write(entities, "entities.json")
        try write(measures, "trade-measures.json")
        try write(claims, "claims.json")
        return directory
    }

    /// Loads a fixture corpus (with any replacements) and returns the snapshot.
    static func load(
        dataset: String? = CorpusFixture.dataset,
        articles: [String]? = CorpusFixture.articles,
        entities: String? = CorpusFixture.entities,
        measures: String? = CorpusFixture.measures,
        claims: String? = CorpusFixture.claims
    ) throws -> CorpusSnapshot {
        let directory = try directory(
            dataset: dataset, articles: articles, entities: entities, measures: measures, claims: claims)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try CorpusLoader.load(from: directory, logger: logger)
    }

    /// Loads a fixture corpus that must fail, and returns its errors.
    static func errors(
        dataset: String? = CorpusFixture.dataset,
        articles: [String]? = CorpusFixture.articles,
        entities: String? = CorpusFixture.entities,
        measures: String? = CorpusFixture.measures,
        claims: String? = CorpusFixture.claims
    ) throws -> [CorpusError] {
        try loadError(dataset: dataset, articles: articles, entities: entities, measures: measures, claims: claims)?
            .errors ?? []
    }

    /// What loading a corpus of these files throws, or `nil` if it loads.
    static func loadError(
        dataset: String? = CorpusFixture.dataset,
        articles: [String]? = CorpusFixture.articles,
        entities: String? = CorpusFixture.entities,
        measures: String? = CorpusFixture.measures,
        claims: String? = CorpusFixture.claims
    ) throws -> CorpusLoadError? {
        let directory = try directory(
            dataset: dataset, articles: articles, entities: entities, measures: measures, claims: claims)
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            _ = try CorpusLoader.load(from: directory, logger: logger)
            return nil
        } catch {
            return error
        }
    }

    /// The fixture's article line `index` with `old` replaced by `new`.
    static func article(_ index: Int, replacing old: String, with new: String) -> [String] {
        var lines = articles
        lines[index] = lines[index].replacingOccurrences(of: old, with: new)
        return lines
    }
}

@Suite struct StoreFixtureTests {
    @Test func fixtureCorpusLoads() throws {
        let snapshot = try CorpusFixture.load()
        #expect(snapshot.articleCount == 3)
        #expect(snapshot.entityCount == 6)
        #expect(snapshot.measureCount == 2)
        #expect(snapshot.claimCount == 1)
        #expect(snapshot.name == "fixture")
        #expect(snapshot.datasetDescription == "A tiny corpus for tests.")
    }
}
