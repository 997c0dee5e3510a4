import CorpusGeneration
import Foundation
import Synchronization
import Testing

@testable import NewsAPI

/// An application that remembers the response cache's copy of the last answer it gave, so a test can
/// tell an answer sent again from the cache from one computed anew.
private final class KeptAnswerRecorder: HTTPResponder {
    let application: Application
    private let lastCopy = Mutex<CachedResponse?>(nil)

    init(_ application: Application) {
        self.application = application
    }

    func respond(to request: Request) -> Response {
        let response = application.respond(to: request)
        lastCopy.withLock { $0 = response.cached }
        return response
    }

    /// The cache's copy of the last answer, if it had one (kept, so its identity is never reused).
    var lastKeptAnswer: CachedResponse? { lastCopy.withLock { $0 } }
}

/// An answer computed for the first time is, byte for byte, the answer the response cache keeps and
/// sends again: on a generated corpus, a few hundred URLs of every kind are asked once of a server
/// without the cache and twice (a miss, then a hit) of one with it, and all three answers must agree
/// on status, every header but `Date`, and body.
@Suite struct UncachedAnswerTests {
    /// A request: its target and the header fields it sends.
    struct Asked: CustomStringConvertible {
        let target: String
        let headers: [(String, String)]
        var description: String { headers.isEmpty ? target : "\(target) \(headers)" }
    }

    @Test func uncachedAnswersEqualKeptOnesByteForByte() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("uncached-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try CorpusGenerator(articles: 2000, seed: 16, directory: directory).run()
        // Each server loads the corpus itself, so the uncached one computes every answer on its own.
        let cached = KeptAnswerRecorder(try Self.application(serving: directory, cacheBytes: 64 << 20))
        let uncached = try Self.application(serving: directory, cacheBytes: 0)
        let requests = Self.requests(over: uncached.snapshot)
        #expect(requests.count >= 300)

        var keptAnswersSentAgain = 0
        try withLiveServer(cached) { cachedPort in
            try withLiveServer(uncached) { uncachedPort in
                let cachedClient = try TestHTTPClient(port: cachedPort)
                let uncachedClient = try TestHTTPClient(port: uncachedPort)
                for asked in requests {
                    let computed = try uncachedClient.request("GET", asked.target, headers: asked.headers)
                    let miss = try cachedClient.request("GET", asked.target, headers: asked.headers)
                    let missCopy = cached.lastKeptAnswer
                    let hit = try cachedClient.request("GET", asked.target, headers: asked.headers)
                    if let copy = cached.lastKeptAnswer, copy === missCopy { keptAnswersSentAgain += 1 }
                    #expect(computed.status < 500, "\(asked): \(computed.status)")
                    Self.expectSame(miss, computed, "\(asked), first asked of the caching server")
                    Self.expectSame(hit, computed, "\(asked), asked again of the caching server")
                }
            }
        }
        // Most answers are 200s the cache keeps; if none came from it, the test compared nothing.
        #expect(keptAnswersSentAgain >= requests.count * 3 / 4, "only \(keptAnswersSentAgain) answers came from the cache")
    }

    private static func expectSame(_ reply: TestHTTPClient.Reply, _ expected: TestHTTPClient.Reply, _ label: String) {
        #expect(reply.status == expected.status, "status: \(label)")
        let headers = reply.headers.filter { $0.name.lowercased() != "date" }
        let expectedHeaders = expected.headers.filter { $0.name.lowercased() != "date" }
        #expect(
            headers.map { "\($0.name): \($0.value)" } == expectedHeaders.map { "\($0.name): \($0.value)" }, "headers: \(label)")
        // Compared apart, so that a failure names the sizes rather than printing both bodies.
        let sameBody = reply.body == expected.body
        #expect(sameBody, "body (\(reply.body.count) bytes, computed \(expected.body.count)): \(label)")
    }

    private static func application(serving directory: URL, cacheBytes: Int) throws -> Application {
        Application(
            snapshot: try CorpusLoader.load(from: directory, logger: CorpusFixture.logger),
            openAPIDocument: try openAPIDocument(), configuration: APIConfiguration(responseCacheBytes: cacheBytes),
            logger: CorpusFixture.logger)
    }

    /// A path segment or query value with everything but unreserved ASCII percent-encoded.
    private static func encoded(_ text: String) -> String {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// Requests of every kind, drawn from `snapshot` with a fixed seed.
    static func requests(over snapshot: CorpusSnapshot) -> [Asked] {
        var random = SplitMix(seed: 16)
        let articles = snapshot.articles
        let entities = snapshot.entities
        let named = entities.filter { snapshot.articleCount(of: $0) > 0 }
        func article() -> Article { articles.randomElement(using: &random)! }
        func entity() -> Entity { named.randomElement(using: &random)! }
        func measure() -> TradeMeasure { snapshot.measures.randomElement(using: &random)! }
        // Two distinct words (letters only, 4 or more) of one title, so searching for both finds it.
        func words() -> [String] {
            while true {
                let candidates = Set(
                    article().title.lowercased().split(separator: " ").map(String.init).filter {
                        $0.count >= 4 && $0.allSatisfy { $0.isASCII && $0.isLetter }
                    })
                if candidates.count >= 2 { return Array(candidates.sorted().shuffled(using: &random).prefix(2)) }
            }
        }
        func day() -> String {
            while true {
                let date = article().publishedAt
                if date.precision == .day { return date.value }
            }
        }
        func range() -> String {
            let (first, second) = (day(), day())
            return "from=\(min(first, second))&to=\(max(first, second))"
        }
        let intervals = ["day", "week", "month"]

        var targets: [String] = []
        for index in 0..<40 {
            targets.append("/articles/\(article().id)" + (index % 4 == 0 ? "?pretty=true" : ""))
        }
        for index in 0..<45 {
            let entity = entities.randomElement(using: &random)!
            let key =
                switch index % 3 {
                case 0: entity.id
                case 1: entity.name
                default: entity.aliases.randomElement(using: &random) ?? entity.name
                }
            targets.append("/entities/\(encoded(key))" + (index % 5 == 0 ? "?pretty=true" : ""))
        }
        for _ in 0..<10 {
            targets.append("/entities/\(entity().id)/articles?limit=5&offset=\([0, 5].randomElement(using: &random)!)")
        }
        for type in EntityType.allCases {
            targets.append("/entities?type=\(type.rawValue)&limit=10&offset=10")
        }
        targets += ["/entities?sort=name&limit=50", "/entities?q=\(encoded(String(entity().name.prefix(4))))"]
        for index in 0..<40 {
            let pair = words()
            switch index % 4 {
            case 0: targets.append("/articles?q=\(pair.joined(separator: "+"))&limit=20")
            case 1: targets.append("/articles?q=\(pair.joined(separator: "+"))&sort=relevance&limit=10")
            case 2: targets.append("/articles?q=%22\(pair.joined(separator: "+"))%22+\(words()[0])")
            default: targets.append("/articles?q=\(pair[0])+-\(pair[1])&limit=5&pretty=true")
            }
        }
        for index in 0..<45 {
            let id = entity().id
            switch index % 3 {
            case 0: targets.append("/articles?entity=\(id)&limit=20&offset=\([0, 20, 40].randomElement(using: &random)!)")
            case 1: targets.append("/articles?entity=\(id)&facets=entity,source")
            default: targets.append("/articles?entity=\(id)&entity=\(entity().id)&facets=kind,entity_type,month&facet_limit=5")
            }
        }
        for _ in 0..<10 {
            targets.append("/articles?\(range())&limit=10&sort=published_at")
        }
        for index in 0..<45 {
            let interval = intervals[index % 3]
            switch index / 3 % 5 {
            case 0: targets.append("/timeline?interval=\(interval)&entity=\(entity().id)")
            case 1: targets.append("/timeline?interval=\(interval)&q=\(words().joined(separator: "+"))")
            case 2: targets.append("/timeline?interval=\(interval)&\(range())")
            case 3: targets.append("/timeline?interval=\(interval)&entity=\(entity().id)&\(range())&limit=50")
            default: targets.append("/timeline?entity=\(entity().id)&limit=20&sort=-date")
            }
        }
        for index in 0..<20 {
            switch index % 4 {
            case 0: targets.append("/graph?entity=\(entity().id)")
            case 1: targets.append("/graph?q=\(words()[0])&limit=10")
            case 2: targets.append("/graph?entity=\(entity().id)&entity_type=country&entity_type=company")
            default: targets.append("/graph?\(range())&limit=5&pretty=true")
            }
        }
        for index in 0..<35 {
            let measure = measure()
            switch index % 7 {
            case 0: targets.append("/trade-measures?affected=\(measure.affected.first ?? "none")")
            case 1: targets.append("/trade-measures?implementing=\(measure.implementing.first ?? "none")&limit=5")
            case 2:
                targets.append("/trade-measures?measure_type=\(measure.measureType.rawValue)&status=\(measure.status.rawValue)")
            case 3:
                targets.append(
                    "/trade-measures?evaluation=\(measure.evaluation.rawValue)&facets=measure_type,status,implementing,affected")
            case 4: targets.append("/trade-measures?in_force_on=\(day())&sort=date_announced")
            case 5: targets.append("/trade-measures/flows?affected=\(measure.affected.first ?? "none")&limit=10")
            default: targets.append("/trade-measures/\(measure.id)")
            }
        }
        for index in 0..<20 {
            let claim = snapshot.claims.randomElement(using: &random)!
            switch index % 4 {
            case 0: targets.append("/claims?entity=\(claim.entityIDs.first ?? entity().id)")
            case 1: targets.append("/claims?article=\(claim.claims[0].articleID)")
            case 2: targets.append("/claims?q=\(claim.topic.split(separator: " ").last!.lowercased())&limit=5")
            default: targets.append("/claims/\(claim.id)")
            }
        }
        targets += ["/sources", "/sources?limit=2&offset=1"] + snapshot.sources.prefix(5).map { "/sources/\($0.id)" }
        // Answers the cache never keeps: exports, refusals, and what is not there.
        targets += [
            "/articles?entity=\(entity().id)&format=ndjson", "/entities?type=country&format=ndjson",
            "/articles/no-such-article", "/entities/no-such-entity", "/articles?limit=0", "/timeline?interval=year",
            "/articles?q=-\(words()[0])", "/", "/meta",
        ]
        // Every third asks for gzip, and every tenth is asked both ways, so the two are kept apart.
        let gzip = [("Accept-Encoding", "gzip")]
        var requests: [Asked] = []
        for (index, target) in targets.enumerated() {
            requests.append(Asked(target: target, headers: index % 3 == 0 ? gzip : []))
            if index % 10 == 0 { requests.append(Asked(target: target, headers: index % 3 == 0 ? [] : gzip)) }
        }
        return requests
    }
}
