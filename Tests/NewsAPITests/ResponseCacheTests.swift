import Foundation
import Logging
import Testing

@testable import NewsAPI

/// The response cache: answers kept per URL and negotiated headers are the answers the router would
/// give, the cache stays within its byte budget, and what must not be kept is not.
@Suite struct ResponseCacheTests {
    private static func key(
        _ path: String, _ query: [(String, String?)] = [], gzip: Bool = false,
        headers: HTTPHeaders = [:], variesByOrigin: Bool = false
    ) -> ResponseCacheKey {
        var request = Request(
            path: path, query: QueryItems(query.map { QueryItems.Item(name: $0.0, value: $0.1) }),
            headers: headers)
        if gzip { request.headers.add("Accept-Encoding", "gzip") }
        return ResponseCacheKey(request, variesByOrigin: variesByOrigin)
    }

    private static func application(cacheBytes: Int) throws -> Application {
        Application(
            snapshot: try SeedAPI.application.snapshot, openAPIDocument: try openAPIDocument(),
            configuration: APIConfiguration(responseCacheBytes: cacheBytes), logger: SeedAPI.logger)
    }

    @Test func staysWithinItsBudgetAndKeepsOnlyWholeSuccesses() {
        let cache = ResponseCache(capacity: 1 << 20, shards: 4)
        for index in 0..<500 {
            let kept = cache.keep(.json(Array(repeating: UInt8(ascii: "x"), count: 700)), for: Self.key("/articles/\(index)"))
            #expect(kept.cached != nil)
        }
        let usage = cache.usage
        #expect(usage.bytes <= 1 << 20)
        #expect(usage.count > 0 && usage.count < 500)
        #expect(cache.response(for: Self.key("/articles/499")) != nil, "the newest entry is never the one dropped")

        let missing = Problem.notFound("no such article").response
        #expect(cache.keep(missing, for: Self.key("/articles/missing")).cached == nil)
        #expect(cache.response(for: Self.key("/articles/missing")) == nil)
        let huge = Response.json(Array(repeating: UInt8(ascii: "x"), count: 32 * 1024))
        _ = cache.keep(huge, for: Self.key("/huge"))
        #expect(cache.response(for: Self.key("/huge")) == nil, "one entry may take at most an eighth of a shard")
        // What an entry is counted as includes what libmicrohttpd and the bookkeeping keep, not only its bytes.
        #expect(ResponseCache.cost(of: .json([1]), key: Self.key("/a")) > ResponseCache.perEntryBytes)

        let off = ResponseCache(capacity: 0)
        _ = off.keep(.json([1, 2, 3]), for: Self.key("/a"))
        #expect(off.response(for: Self.key("/a")) == nil)
        #expect(off.usage.count == 0)
    }

    @Test func keysTellQueriesAndVariantsApart() {
        #expect(Self.key("/articles", [("a", "1"), ("b", "2")]) != Self.key("/articles", [("b", "2"), ("a", "1")]))
        #expect(Self.key("/articles", [("a", nil)]) != Self.key("/articles", [("a", "")]))
        #expect(Self.key("/articles", [("a", "1&b=2")]) != Self.key("/articles", [("a", "1"), ("b", "2")]))
        #expect(Self.key("/articles", gzip: true) != Self.key("/articles", gzip: false))
        #expect(Self.key("/articles", [("q", "trade")]) == Self.key("/articles", [("q", "trade")]))
        #expect(Self.key("/a", headers: ["Accept": "application/x-ndjson"]) != Self.key("/a"))
        #expect(Self.key("/a", headers: ["Origin": "https://a.example"]) == Self.key("/a"))
        #expect(
            Self.key("/a", headers: ["Origin": "https://a.example"], variesByOrigin: true)
                != Self.key("/a", variesByOrigin: true))
        #expect(Self.key("/a", headers: ["Accept-Encoding": "gzip;q=0"]) == Self.key("/a"))
    }

    @Test func cachedAnswersAreTheAnswersOfAnApplicationWithoutACache() throws {
        let cached = try Self.application(cacheBytes: 1 << 20)
        let uncached = try Self.application(cacheBytes: 0)
        let targets = [
            "/articles?entity=vietnam&limit=2", "/articles/d679149af95f4c6c", "/entities/U.S.",
            "/trade-measures?affected=vietnam", "/timeline?interval=month", "/articles?q=tariff&pretty=true",
            "/entities?limit=3&offset=1", "/articles?limit=0",
        ]
        for target in targets {
            for round in 1...2 {
                let one = cached.respond(to: Request(target: target))
                let two = uncached.respond(to: Request(target: target))
                #expect(one.status == two.status, "\(target), round \(round)")
                #expect(one.body == two.body, "\(target), round \(round)")
                #expect(one.headers["ETag"] == two.headers["ETag"], "\(target), round \(round)")
            }
        }
    }

    @Test func headFirstThenGetStillSendsTheBody() throws {
        try withLiveServer(try Self.application(cacheBytes: 1 << 20)) { port in
            let client = try TestHTTPClient(port: port)
            let head = try client.request("HEAD", "/articles?kind=brief")
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            let get = try client.request("GET", "/articles?kind=brief")
            #expect(get.status == 200)
            #expect(get.header("ETag") == head.header("ETag"))
            let object = try JSONSerialization.jsonObject(with: Data(get.body)) as? [String: Any]
            #expect((object?["items"] as? [Any])?.count == 5)
        }
    }

    @Test func anNDJSONAcceptAfterAJSONAnswerStillGetsNDJSON() throws {
        try withLiveServer(try Self.application(cacheBytes: 1 << 20)) { port in
            let client = try TestHTTPClient(port: port)
            let page = try client.request("GET", "/entities?type=country")
            #expect(page.header("Content-Type") == Response.jsonContentType)
            let export = try client.request("GET", "/entities?type=country", headers: [("Accept", "application/x-ndjson")])
            #expect(export.header("Content-Type") == ListFormat.ndjsonContentType)
            #expect(export.text.split(separator: "\n").allSatisfy { $0.hasPrefix("{\"id\":") })
            let again = try client.request("GET", "/entities?type=country")
            #expect(again.body == page.body)
        }
    }

    @Test func metricsAndFailuresAreNeverKept() throws {
        try withMeteredSeedServer { port in
            let client = try TestHTTPClient(port: port)
            let first = try client.request("GET", "/metrics")
            _ = try client.request("GET", "/articles/d679149af95f4c6c")
            let second = try client.request("GET", "/metrics")
            #expect(first.text != second.text)
            #expect(second.text.contains(#"http_requests_total{route="/articles/{id}",method="GET",status="200"} 1"#))
            #expect(try client.request("GET", "/articles?limit=oops").status == 400)
            #expect(try client.request("GET", "/articles?limit=oops").status == 400)
            #expect(try client.request("POST", "/articles/d679149af95f4c6c").status == 405)
        }
    }
}
