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
            // As the server does: a keep follows a look-up that missed.
            let key = Self.key("/articles/\(index)")
            #expect(cache.response(for: key) == nil)
            let kept = cache.keep(.json(Array(repeating: UInt8(ascii: "x"), count: 700)), for: key)
            #expect((kept.cached != nil) == cache.holds(key), "an answer comes back cached exactly when it is kept")
        }
        let usage = cache.usage
        #expect(usage.bytes <= 1 << 20)
        #expect(usage.count > 0 && usage.count < 500)
        // Once the cache is full, answers asked for once do not push out others asked for as often.
        #expect(cache.holds(Self.key("/articles/0")))
        #expect(!cache.holds(Self.key("/articles/499")))
        #expect(cache.response(for: Self.key("/articles/0")) != nil)
        let statistics = cache.statistics
        #expect(statistics.hits == 1)
        #expect(statistics.misses == 500)
        #expect(statistics.entries == usage.count && statistics.bytes == usage.bytes)
        // Each answer not refused was kept (a refusal drops nothing, so the two add up to 500 unless
        // a newcomer's count, shared with other keys', let it push one out).
        #expect(statistics.refusals > 0 && statistics.refusals + statistics.entries <= 500)

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

    /// An answer of `size` body bytes, whose cost with `entryKey(_:)` keys is the same for every index.
    private static func answer(_ size: Int = 700, byte: UInt8 = UInt8(ascii: "x")) -> Response {
        .json(Array(repeating: byte, count: size))
    }

    /// A key of the same length for every index below 100,000, so equal answers cost the same.
    private static func entryKey(_ prefix: String, _ index: Int) -> ResponseCacheKey {
        let digits = String(index)
        return key("/\(prefix)/" + String(repeating: "0", count: 5 - digits.count) + digits)
    }

    @Test func aWorkingSetCycledAfterTheCacheFilledUpIsKept() {
        // The issue's case: a cache filled by earlier traffic, then a few URLs asked for again and again.
        let cache = ResponseCache(capacity: 1 << 20, shards: 4)
        for index in 0..<2_000 { _ = cache.keep(Self.answer(), for: Self.entryKey("earlier", index)) }
        let workingSet = (0..<78).map { Self.entryKey("trade-measures", $0) }
        var hits = 0
        var lookUps = 0
        for round in 0..<20 {
            for key in workingSet {
                if cache.response(for: key) != nil {
                    if round >= 2 { hits += 1 }
                } else {
                    _ = cache.keep(Self.answer(), for: key)
                }
                if round >= 2 { lookUps += 1 }
            }
        }
        #expect(hits * 100 >= lookUps * 90, "\(hits) hits of \(lookUps) look-ups")
        #expect(cache.usage.bytes <= 1 << 20)
    }

    @Test func anEntryAskedForAgainOutlivesThoseAskedForOnce() {
        // A key's size is its storage's capacity, which the allocator may round differently from one
        // key to the next: each key is made once, and the budget has half an entry to spare.
        let old = (0..<32).map { Self.entryKey("a", $0) }
        let newcomers = (0..<16).map { Self.entryKey("b", $0) }
        let costs = old.map { ResponseCache.cost(of: Self.answer(), key: $0) }
        let cache = ResponseCache(capacity: costs.reduce(0, +) + costs[0] / 2, shards: 1)
        // As the server does, each answer is kept after a look-up that missed.
        for key in old {
            #expect(cache.response(for: key) == nil)
            _ = cache.keep(Self.answer(), for: key)
        }
        #expect(cache.usage.count == 32)
        let asked = stride(from: 0, to: 32, by: 2).map { old[$0] }
        for key in asked { #expect(cache.response(for: key) != nil) }
        // Sixteen newcomers, each asked for three times (more often than any entry kept), take exactly
        // the places of the sixteen entries never asked for again.
        for key in newcomers {
            for _ in 0..<3 { #expect(cache.response(for: key) == nil) }
            _ = cache.keep(Self.answer(), for: key)
        }
        #expect(cache.usage.count == 32)
        let survivors = asked.filter { cache.response(for: $0) != nil }.count
        #expect(survivors == asked.count, "\(survivors) of \(asked.count) entries asked for again were kept")
        for key in newcomers { #expect(cache.response(for: key) != nil) }
        for index in stride(from: 1, to: 32, by: 2) { #expect(cache.response(for: old[index]) == nil) }
    }

    /// Asks for each of `keys` in turn, `rounds` times, keeping an answer (of `size(i)` bytes for the
    /// `i`th key) after each look-up that missed, as the server does; returns the hits of the rounds from
    /// `counted` on, and their look-ups.
    private static func cycle(
        _ keys: [ResponseCacheKey], rounds: Int, countedFrom counted: Int = 0, through cache: ResponseCache,
        size: (Int) -> Int = { _ in 700 }
    ) -> (hits: Int, lookUps: Int) {
        var hits = 0
        var lookUps = 0
        for round in 0..<rounds {
            for (index, key) in keys.enumerated() {
                let hit = cache.response(for: key) != nil
                if !hit { _ = cache.keep(Self.answer(size(index)), for: key) }
                if round >= counted {
                    lookUps += 1
                    if hit { hits += 1 }
                }
            }
        }
        return (hits, lookUps)
    }

    @Test func aCycleOfMoreURLsThanFitKeepsThoseThatFit() {
        // A dashboard's URLs asked for in turn, half again as many as the cache holds: each new answer
        // pushing out the oldest would push out the one asked for next, and nothing would ever hit.
        let capacity = 1 << 20
        let cache = ResponseCache(capacity: capacity, shards: 4)
        let fits = capacity / ResponseCache.cost(of: Self.answer(), key: Self.entryKey("cycle", 0))
        let keys = (0..<fits * 3 / 2).map { Self.entryKey("cycle", $0) }
        let (hits, lookUps) = Self.cycle(keys, rounds: 12, countedFrom: 2, through: cache)
        // About two thirds of the cycle fits (less what the shards' uneven shares leave over).
        #expect(hits * 2 >= lookUps, "\(hits) hits of \(lookUps) look-ups, \(fits) answers fit")
        #expect(cache.usage.bytes <= capacity)
    }

    @Test func aCycleOfAnswersOfManySizesKeepsThoseThatFit() {
        // As the bench's mix: twice as many URLs as fit, their answers from 300 bytes to 6 KB, asked for
        // in turn long enough for the counts to halve many times. The halvings leave the URLs asked for
        // before one a count ahead of those asked for after it, and the URL being answered is a count
        // ahead of those not yet asked for in this turn: neither may let an answer push one out.
        let capacity = 1 << 20
        let cache = ResponseCache(capacity: capacity, shards: 4)
        let size = { (index: Int) in 300 + index * 7_919 % 5_700 }
        let keys = (0..<200).map { Self.entryKey("sizes", $0) }
        let costs = keys.indices.map { ResponseCache.cost(of: Self.answer(size($0)), key: keys[$0]) }
        #expect(costs.reduce(0, +) >= 2 * capacity)
        let (hits, lookUps) = Self.cycle(keys, rounds: 40, countedFrom: 10, through: cache, size: size)
        let statistics = cache.statistics
        #expect(hits * 100 >= lookUps * 40, "\(hits) hits of \(lookUps) look-ups, \(statistics.entries) kept")
    }

    @Test func aScanOfURLsAskedForOnceLeavesTheKeptOnesAlone() {
        let capacity = 1 << 20
        let cache = ResponseCache(capacity: capacity, shards: 4)
        let fits = capacity / ResponseCache.cost(of: Self.answer(), key: Self.entryKey("kept", 0))
        // A working set that fits (half the cache, so that no shard gets more than its share), asked
        // for a few times, then a thousand URLs asked for once each.
        let workingSet = (0..<fits / 2).map { Self.entryKey("kept", $0) }
        _ = Self.cycle(workingSet, rounds: 3, through: cache)
        #expect(workingSet.allSatisfy { cache.holds($0) })
        let scan = (0..<1_000).map { Self.entryKey("scan", $0) }
        _ = Self.cycle(scan, rounds: 1, through: cache)
        let stayed = workingSet.filter { cache.holds($0) }.count
        #expect(stayed * 10 >= workingSet.count * 9, "\(stayed) of \(workingSet.count) kept answers stayed")
        #expect(cache.usage.bytes <= capacity)
    }

    @Test func aURLAskedForOftenGetsInAtLast() {
        // A full cache of answers each asked for several times, then a new URL asked for again and again.
        let cache = ResponseCache(capacity: 1 << 20, shards: 1)
        let fits = (1 << 20) / ResponseCache.cost(of: Self.answer(), key: Self.entryKey("old", 0))
        _ = Self.cycle((0..<fits + 20).map { Self.entryKey("old", $0) }, rounds: 4, through: cache)
        let newcomer = Self.entryKey("new", 0)
        var asked = 0
        while !cache.holds(newcomer), asked < 100 {
            asked += 1
            if cache.response(for: newcomer) == nil { _ = cache.keep(Self.answer(), for: newcomer) }
        }
        #expect(cache.holds(newcomer), "not kept after \(asked) requests")
        #expect(asked > 1, "kept at its first request, in place of an answer asked for more often")
    }

    @Test func aReloadKeepsTheCountsOfTheCacheItReplaces() throws {
        let application = try Self.application(cacheBytes: 64 << 20)
        let request = Request(path: "/articles/d679149af95f4c6c")
        for _ in 0..<3 { #expect(application.respond(to: request).status == .ok) }
        var statistics = try #require(application.responseCacheStatistics)
        #expect(statistics.hits == 2 && statistics.misses == 1 && statistics.entries == 1)
        application.replace(snapshot: application.snapshot)
        statistics = try #require(application.responseCacheStatistics)
        #expect(statistics.hits == 2 && statistics.misses == 1, "the replaced cache's counts are kept")
        #expect(statistics.entries == 0 && statistics.bytes == 0, "the new cache holds nothing yet")
        _ = application.respond(to: request)
        statistics = try #require(application.responseCacheStatistics)
        #expect(statistics.hits == 2 && statistics.misses == 2 && statistics.entries == 1)
        #expect(try Self.application(cacheBytes: 0).responseCacheStatistics == nil)
    }

    @Test func churnStaysWithinTheBudgetAndCountsExactly() {
        let capacity = 1 << 20
        let cache = ResponseCache(capacity: capacity, shards: 4)
        var generator = SystemRandomNumberGenerator()
        var costs: [ResponseCacheKey: Int] = [:]
        let keys = (0..<3_000).map { Self.entryKey("churn", $0) }
        var keptAnswers = 0
        for step in 0..<20_000 {
            let key = keys[Int.random(in: 0..<(step < 10_000 ? keys.count : 200), using: &generator)]
            // A hit is sometimes kept again anyway, which replaces its entry.
            if cache.response(for: key) != nil, Bool.random(using: &generator) { continue }
            let answer = Self.answer(Int.random(in: 1..<6_000, using: &generator))
            if cache.keep(answer, for: key).cached != nil {
                keptAnswers += 1
                costs[key] = ResponseCache.cost(of: answer, key: key)
                #expect(cache.holds(key), "the entry just kept is never the one dropped")
            } else {
                #expect(!cache.holds(key), "an answer not kept is not held")
            }
            if step % 500 == 0 { #expect(cache.usage.bytes <= capacity) }
        }
        #expect(keptAnswers > 1_000)
        let usage = cache.usage
        let kept = keys.filter { cache.holds($0) }
        #expect(usage.bytes <= capacity)
        #expect(usage.count == kept.count)
        #expect(usage.bytes == kept.reduce(0) { $0 + costs[$1]! }, "the bytes counted are those of the entries kept")
    }

    /// Threads keeping and looking up answers at once, all in one shard so that they contend for its
    /// lock, leave it within its budget with its count and bytes exact. (Under `make test-tsan` this is
    /// also the check that the shard's lock is one ThreadSanitizer follows.)
    @Test func threadsKeepingAndLookingUpAtOnceLeaveTheCountsExact() {
        let capacity = 1 << 20
        let cache = ResponseCache(capacity: capacity, shards: 1)
        let keys = (0..<400).map { Self.entryKey("shared", $0) }
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for step in 0..<3_000 {
                let key = keys[(step * 7 + thread * 101) % keys.count]
                if cache.response(for: key) == nil { _ = cache.keep(Self.answer(500 + key.hash & 1023), for: key) }
            }
        }
        let usage = cache.usage
        let kept = keys.filter { cache.holds($0) }
        #expect(usage.bytes <= capacity)
        #expect(usage.count == kept.count)
        #expect(usage.bytes == kept.reduce(0) { $0 + ResponseCache.cost(of: Self.answer(500 + $1.hash & 1023), key: $1) })
    }

    @Test func keepingAKeyAgainReplacesItsEntryAndItsBytes() {
        let keys = (0..<16).map { Self.entryKey("a", $0) } + (0..<40).map { Self.entryKey("b", $0) }
        let costs = keys.map { ResponseCache.cost(of: Self.answer(), key: $0) }
        let cache = ResponseCache(capacity: costs[0..<16].reduce(0, +) + costs[0] / 2, shards: 1)
        func counted() -> Int {
            keys.indices.filter { cache.holds(keys[$0]) }.reduce(0) { $0 + costs[$1] }
        }
        let first = keys[0]
        _ = cache.keep(Self.answer(700), for: first)
        _ = cache.keep(Self.answer(1_500, byte: UInt8(ascii: "y")), for: first)
        _ = cache.keep(Self.answer(300, byte: UInt8(ascii: "z")), for: first)
        #expect(cache.usage.count == 1)
        #expect(cache.usage.bytes == ResponseCache.cost(of: Self.answer(300), key: first))
        #expect(cache.response(for: first)?.body == Array(repeating: UInt8(ascii: "z"), count: 300))

        // Filled, then every entry kept again (replaced in place, not queued twice): as newcomers push
        // the others out, every drop takes off exactly what its entry was counted as, and the newest
        // entry is never the one dropped. Each newcomer is asked for three times before it is kept, more
        // often than the entries it pushes out (the first key was asked for once); a newcomer asked for
        // no more often than the entry it would push out (the later ones, once the first newcomers fill
        // the cache) is not kept, and changes nothing.
        for key in keys[0..<16] { _ = cache.keep(Self.answer(), for: key) }
        for key in keys[0..<16] { _ = cache.keep(Self.answer(), for: key) }
        #expect(cache.usage.count == 16)
        #expect(cache.usage.bytes == counted())
        var keptNewcomers = 0
        for (index, key) in keys[16...].enumerated() {
            for _ in 0..<3 { #expect(cache.response(for: key) == nil) }
            let before = cache.usage
            let kept = cache.keep(Self.answer(), for: key).cached != nil
            #expect(kept == cache.holds(key), "newcomer \(index)")
            if kept { keptNewcomers += 1 }
            let usage = cache.usage
            #expect(usage.count == 16, "after newcomer \(index)")
            #expect(usage.bytes == counted(), "after newcomer \(index)")
            if !kept { #expect(usage.bytes == before.bytes, "after newcomer \(index)") }
        }
        #expect(keptNewcomers >= 16, "the sixteen entries asked for less make way: \(keptNewcomers) newcomers kept")
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

    @Test func aKeyWrittenFromBytesIsTheKeyOfTheRequest() {
        let request = Request(
            path: "/articles", query: QueryItems([.init(name: "q", value: "trade war"), .init(name: "pretty", value: nil)]),
            headers: ["Accept-Encoding": "gzip", "Accept": "application/json", "Origin": "https://a.example"])
        for variesByOrigin in [false, true] {
            var writer = ResponseCacheKey.Writer(path: Array("/articles".utf8))
            writer.appendQueryItem(name: Array("q".utf8), value: Array("trade war".utf8))
            writer.appendQueryItem(name: Array("pretty".utf8), value: [UInt8]?.none)
            writer.appendNegotiation(
                acceptEncoding: "gzip", accept: "application/json", origin: variesByOrigin ? "https://a.example" : nil)
            #expect(ResponseCacheKey(writer) == ResponseCacheKey(request, variesByOrigin: variesByOrigin))
        }
        var other = ResponseCacheKey.Writer(path: Array("/articles".utf8))
        other.appendQueryItem(name: Array("q".utf8), value: Array("trade war".utf8))
        other.appendNegotiation(acceptEncoding: "gzip", accept: "application/json", origin: nil)
        #expect(ResponseCacheKey(other) != ResponseCacheKey(request, variesByOrigin: false))
    }

    @Test func aKeyBuiltBeforeTheRequestWasCopiedIsTheOneUsed() {
        let caching = ResponseCaching(bytes: 1 << 20, variesByOrigin: false)
        var kept = Response.json(Array("{\"a\":1}".utf8))
        kept.caching = .resource
        _ = caching.respond(to: Request(path: "/a")) { _ in kept }
        #expect(caching.cache.response(for: Self.key("/a"))?.body == kept.body)
        #expect(caching.cache.response(for: Self.key("/b")) == nil)
        // A request carrying a key was looked up with it before it was copied, and missed: the cache is
        // not asked again (a request for /b carrying /a's key goes to the endpoint, though /a's answer
        // is kept), and a fresh answer is kept under the key carried, not one built again.
        var request = Request(path: "/b")
        request.cacheKey = Self.key("/a")
        #expect(caching.respond(to: request) { _ in Response(status: .notFound) }.status == .notFound)
        var fresh = Response.json(Array("{\"c\":1}".utf8))
        fresh.caching = .resource
        request.cacheKey = Self.key("/c")
        #expect(caching.respond(to: request) { _ in fresh }.body == fresh.body)
        #expect(caching.cache.holds(Self.key("/c")))
        #expect(!caching.cache.holds(Self.key("/b")))
    }

    @Test func theCacheIsInFrontOnlyBehindConditionalRequests() {
        let caching = ResponseCaching(bytes: 1 << 20, variesByOrigin: false)
        let endpoint: @Sendable (Request) -> Response = { _ in Response() }
        #expect(HTTPPipeline([ConditionalRequests(lastModified: nil), caching, NoSniff()], endpoint: endpoint).frontCache != nil)
        #expect(HTTPPipeline([caching, NoSniff()], endpoint: endpoint).frontCache != nil)
        #expect(HTTPPipeline([NoSniff(), caching], endpoint: endpoint).frontCache == nil)
        #expect(HTTPPipeline([ConditionalRequests(lastModified: nil), NoSniff()], endpoint: endpoint).frontCache == nil)
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
