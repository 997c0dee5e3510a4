import Foundation
import Logging
import NewsAPI

/// The API over the bundled seed corpus (`data/seed`), loaded once per process, in the two
/// configurations the server runs with: any origin allowed, and a list of origins with the admin
/// endpoint on.
enum SeedApplication {
    /// The repository's top folder, found from this file's path; `NEWS_API_FUZZ_ROOT` overrides it.
    static let repositoryRoot: URL = {
        if let root = ProcessInfo.processInfo.environment["NEWS_API_FUZZ_ROOT"] {
            return URL(fileURLWithPath: root)
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }()

    /// The origin the restricted configuration allows.
    static let allowedOrigin = "https://news.example"
    /// The admin token of the restricted configuration.
    static let adminToken = "fuzz-admin-token"

    /// A logger that drops everything.
    static let logger = Logger(label: "news-api-fuzz") { _ in SwiftLogNoOpLogHandler() }

    /// The seed corpus, loaded once.
    static let snapshot: CorpusSnapshot = {
        let directory = repositoryRoot.appendingPathComponent("data/seed")
        do {
            return try CorpusSnapshot.load(from: directory, logger: logger)
        } catch {
            fatalError("news-api-fuzz: cannot load the seed corpus at \(directory.path): \(error)")
        }
    }()

    /// The OpenAPI document the API serves.
    static let openAPIDocument: [UInt8] = {
        let file = repositoryRoot.appendingPathComponent("openapi.yaml")
        guard let data = FileManager.default.contents(atPath: file.path) else {
            fatalError("news-api-fuzz: cannot read \(file.path)")
        }
        return Array(data)
    }()

    /// The API with the default configuration: any origin may read responses.
    static let open = Application(snapshot: snapshot, openAPIDocument: openAPIDocument, logger: logger)

    /// The API allowing one origin, with `POST /admin/reload` on (a reload serves the same snapshot again).
    static let restricted = Application(
        snapshot: snapshot, openAPIDocument: openAPIDocument,
        configuration: APIConfiguration(corsOrigins: [allowedOrigin], adminToken: adminToken),
        loader: { snapshot }, logger: logger
    )
}
