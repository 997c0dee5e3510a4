import Foundation
import Logging
@testable import NewsAPI

/// The bundled seed corpus, loaded once for every test that reads it.
enum SeedCorpus {
    static let directory = repositoryRoot.appendingPathComponent("data/seed")

    static let snapshot: CorpusSnapshot = {
        do {
            return try CorpusSnapshot.load(from: directory, logger: Logger(label: "test"))
        } catch {
            fatalError("the bundled seed corpus does not load: \(error)")
        }
    }()

    static let application = Application(snapshot: snapshot, openAPIDocument: (try? openAPIDocument()) ?? [],
                                         logger: Logger(label: "test"))
}
