import ArgumentParser
import CorpusGeneration
import Foundation

/// The `corpus-gen` command: writes a synthetic news corpus in the data directory format.
@main
struct CorpusGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus-gen",
        abstract: "Generate a synthetic news corpus in the data directory format (docs/data-format.md).",
        discussion: """
            Writes dataset.json, articles.ndjson, entities.json, trade-measures.json and claims.json to \
            the output directory. The same options and seed always give byte-identical files. Articles \
            are streamed to disk, so a million of them (about 2.5 GB) need little memory.
            """
    )

    @Option(help: "Number of articles.")
    var articles = 1000

    @Option(help: "Seed for the random generator; the same seed gives the same corpus.")
    var seed: UInt64 = 1

    @Option(help: "Output directory (created if missing; existing corpus files are replaced).")
    var out: String

    @Option(help: "Number of entities (default: max(2000, articles/200), at most 20000; at least 100).")
    var entities: Int?

    @Option(help: "Number of trade measures (default: max(500, articles/500), at most 5000 and at most half the articles).")
    var measures: Int?

    @Option(help: "Number of claims (default: articles/4, at most 300).")
    var claims: Int?

    func validate() throws {
        guard articles >= 1 else {
            throw ValidationError("--articles must be at least 1.")
        }
        if let entities, entities < 100 {
            throw ValidationError("--entities must be at least 100.")
        }
        if let measures, measures < 0 {
            throw ValidationError("--measures must not be negative.")
        }
        if let claims, claims < 0 {
            throw ValidationError("--claims must not be negative.")
        }
    }

    func run() throws {
        let generator = CorpusGenerator(
            articles: articles, seed: seed, directory: URL(fileURLWithPath: out),
            entities: entities, measures: measures, claims: claims
        )
        print(try generator.run().line)
    }
}
