import Foundation
import Logging
import Synchronization
import Testing

@testable import NewsAPI

/// An application that counts the answers sent from the response cache: those whose libmicrohttpd
/// copy was already sent before.
private final class CountingResponder: HTTPResponder {
    let application: Application
    let prepared = Atomic<Int>(0)
    private let sent = Mutex<Set<ObjectIdentifier>>([])

    init(_ application: Application) {
        self.application = application
    }

    func respond(to request: Request) -> Response {
        let response = application.respond(to: request)
        if let copy = response.cached, !sent.withLock({ $0.insert(ObjectIdentifier(copy)).inserted }) {
            prepared.add(1, ordering: .relaxed)
        }
        return response
    }
}

/// Answers sent again from the response cache are the answers the router gives, for every variant a
/// request can ask for, and requests that must be refused or routed are not answered from it.
@Suite struct CachedAnswerTests {
    private static func application(
        _ configuration: APIConfiguration = APIConfiguration(responseCacheBytes: 64 << 20),
        metrics: APIMetrics = APIMetrics()
    ) throws -> Application {
        Application(
            snapshot: try SeedAPI.application.snapshot, openAPIDocument: try openAPIDocument(),
            configuration: configuration, metrics: metrics, logger: SeedAPI.logger)
    }

    /// Sends each request twice to a caching server and once to one without a cache; all three answers
    /// must agree on status, body and the headers that matter. Then sends each twice more to a caching
    /// server that answers kept answers before copying the request (`HTTPPipeline.frontCache`), which
    /// must agree too.
    private static func expectSameAnswers(
        _ requests: [(target: String, headers: [(String, String)])],
        configuration: APIConfiguration
    ) throws {
        var uncachedConfiguration = configuration
        uncachedConfiguration.responseCacheBytes = 0
        let cached = CountingResponder(try application(configuration))
        let uncached = try application(uncachedConfiguration)
        try withLiveServer(cached) { cachedPort in
            try withLiveServer(uncached) { uncachedPort in
                let cachedClient = try TestHTTPClient(port: cachedPort)
                let uncachedClient = try TestHTTPClient(port: uncachedPort)
                for (target, headers) in requests {
                    let expected = try uncachedClient.request("GET", target, headers: headers)
                    // Whole 200 answers are kept, so a second round comes from the prepared path.
                    let keepable = expected.status == 200 && expected.header("Content-Type") != ListFormat.ndjsonContentType
                    for round in 1...2 {
                        let preparedBefore = cached.prepared.load(ordering: .relaxed)
                        let reply = try cachedClient.request("GET", target, headers: headers)
                        let label = "\(target) \(headers), round \(round)"
                        let answeredFromCache = cached.prepared.load(ordering: .relaxed) > preparedBefore
                        // (A first round may come from the cache too, when an equivalent variant was
                        // asked before: no `Origin` and a refused one, or `gzip;q=0` and no gzip.)
                        #expect(keepable ? round == 1 || answeredFromCache : !answeredFromCache, "\(label)")
                        #expect(reply.status == expected.status, "\(label)")
                        #expect(reply.body == expected.body, "\(label)")
                        for name in ["Content-Type", "Content-Encoding", "ETag", "Access-Control-Allow-Origin", "Vary"] {
                            #expect(reply.header(name) == expected.header(name), "\(name): \(label)")
                        }
                    }
                }
                try expectSameAnswersFromTheFront(requests, configuration: configuration, as: uncachedClient)
            }
        }
    }

    /// Sends each request twice to a caching application served directly, whose kept answers are sent
    /// from the cache in front of its pipeline, and expects what `expected` answers.
    private static func expectSameAnswersFromTheFront(
        _ requests: [(target: String, headers: [(String, String)])],
        configuration: APIConfiguration, as expected: TestHTTPClient
    ) throws {
        let application = try application(configuration)
        #expect(application.frontCache != nil)
        try withLiveServer(application) { port in
            let client = try TestHTTPClient(port: port)
            for (target, headers) in requests {
                let wanted = try expected.request("GET", target, headers: headers)
                for round in 1...2 {
                    let reply = try client.request("GET", target, headers: headers)
                    let label = "\(target) \(headers), from the front, round \(round)"
                    #expect(reply.status == wanted.status, "\(label)")
                    #expect(reply.body == wanted.body, "\(label)")
                    for name in ["Content-Type", "Content-Encoding", "ETag", "Access-Control-Allow-Origin", "Vary"] {
                        #expect(reply.header(name) == wanted.header(name), "\(name): \(label)")
                    }
                }
            }
        }
    }

    @Test func keptAnswersMatchRoutedOnesForEveryVariant() throws {
        let gzip = [("Accept-Encoding", "gzip")]
        try Self.expectSameAnswers(
            [
                ("/articles?entity=vietnam&limit=2", []),
                ("/articles?limit=2&entity=vietnam", []),
                ("/articles?entity=vietnam&limit=2", gzip),
                ("/articles?entity=vietnam&limit=2", [("Accept-Encoding", "gzip;q=0")]),
                ("/entities?type=country", [("Accept", "application/x-ndjson")]),
                ("/entities?type=country&format=json", [("Accept", "application/x-ndjson")]),
                ("/entities?type=country", []),
                ("/articles?q=tariff&pretty", []),
                ("/articles?q=tariff&pretty=", []),
                ("/articles?&&q=tariff", []),
                ("/entities/U.S.", gzip),
                ("/entities/u.s.", []),
                ("/timeline?interval=month", gzip),
            ], configuration: APIConfiguration(responseCacheBytes: 64 << 20))
    }

    @Test func restrictedOriginsAreKeptApart() throws {
        let configuration = APIConfiguration(
            corsOrigins: ["https://a.example", "https://b.example"],
            responseCacheBytes: 64 << 20)
        try Self.expectSameAnswers(
            [
                ("/entities/vietnam", [("Origin", "https://a.example")]),
                ("/entities/vietnam", [("Origin", "https://b.example")]),
                ("/entities/vietnam", [("Origin", "https://evil.example")]),
                ("/entities/vietnam", []),
            ], configuration: configuration)
    }

    @Test func validatorsAreCheckedOnKeptAnswers() throws {
        try withLiveServer(try Self.application()) { port in
            let client = try TestHTTPClient(port: port)
            let first = try client.request("GET", "/articles/d679149af95f4c6c")
            let etag = try #require(first.header("ETag"))
            let lastModified = try #require(first.header("Last-Modified"))
            let matched = try client.request("GET", "/articles/d679149af95f4c6c", headers: [("If-None-Match", etag)])
            #expect(matched.status == 304)
            #expect(matched.body.isEmpty)
            #expect(matched.header("ETag") == etag)
            let other = try client.request("GET", "/articles/d679149af95f4c6c", headers: [("If-None-Match", "\"other\"")])
            #expect(other.status == 200)
            let since = try client.request("GET", "/articles/d679149af95f4c6c", headers: [("If-Modified-Since", lastModified)])
            #expect(since.status == 304)
            let head = try client.request("HEAD", "/articles/d679149af95f4c6c")
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head.header("ETag") == etag)
            #expect(head.header("Content-Length") == first.header("Content-Length"))
        }
    }

    @Test func refusalsAreNotAnsweredFromTheCache() throws {
        let configuration = APIConfiguration(responseCacheBytes: 64 << 20)
        try withLiveServer(try Self.application(configuration), limits: HTTPServerLimits(maxQueryParameters: 2)) { port in
            let client = try TestHTTPClient(port: port)
            #expect(try client.request("GET", "/articles?limit=1").status == 200)
            #expect(try client.request("GET", "/articles?limit=1").status == 200)
            // A refused body closes its connection, so each refusal gets a connection of its own.
            #expect(try TestHTTPClient(port: port).request("GET", "/articles?limit=1", body: "{}").status == 400)
            #expect(try client.request("POST", "/articles?limit=1").status == 405)
            #expect(try TestHTTPClient(port: port).request("GET", "/articles?limit=1&a=1&b=2").status == 400)
            #expect(try TestHTTPClient(port: port).request("GET", "/articles?limit=1&a=1&b=2").status == 400)
        }
    }

    @Test func keptAnswersAreCountedInTheMetrics() throws {
        let metrics = APIMetrics()
        let application = try Self.application(metrics: metrics)
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0, threads: 2),
            observer: metrics.record, responder: application)
        _ = try server.start()
        defer { server.stop(grace: 1) }
        let client = try TestHTTPClient(port: try #require(server.port))
        for _ in 1...3 {
            #expect(try client.request("GET", "/entities/vietnam").status == 200)
        }
        let exposition = try client.request("GET", "/metrics").text
        #expect(exposition.contains(#"http_requests_total{route="/entities/{key}",method="GET",status="200"} 3"#))
        #expect(exposition.contains(#"http_request_duration_seconds_count{route="/entities/{key}"} 3"#))
    }
}
