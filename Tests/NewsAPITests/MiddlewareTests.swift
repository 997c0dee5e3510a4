import Synchronization
import Testing

@testable import NewsAPI

/// Each HTTP behaviour on its own, around a stub endpoint: what it adds, what it leaves alone, and the
/// order the application composes them in.
@Suite struct MiddlewareTests {
    /// A JSON body longer than the compression threshold.
    private static let longBody = Array("{\"items\":[\(String(repeating: "1,", count: 800))1]}".utf8)

    /// Runs `step` over a request whose endpoint answers `response`.
    private static func run(
        _ step: some HTTPMiddleware, _ request: Request = Request(path: "/x"),
        answering response: Response = .json(longBody)
    ) -> Response {
        HTTPPipeline([step], endpoint: { _ in response }).respond(to: request)
    }

    @Test func pipelineRunsStepsOutermostFirst() {
        struct Mark: HTTPMiddleware {
            let name: String
            func respond(to request: Request, next: (Request) -> Response) -> Response {
                var inner = request
                inner.headers.add("Trail", name)
                var response = next(inner)
                response.headers.add("Trail", name)
                return response
            }
        }
        let pipeline = HTTPPipeline([Mark(name: "outer"), Mark(name: "inner")]) { request in
            Response(
                headers: HTTPHeaders(dictionaryLiteral: ("Seen", request.headers.fields.map(\.value).joined(separator: ","))))
        }
        let response = pipeline.respond(to: Request(path: "/"))
        #expect(response.headers["Seen"] == "outer,inner")
        #expect(response.headers.fields.filter { $0.name == "Trail" }.map(\.value) == ["inner", "outer"])
    }

    @Test func validatorsTagSuccessesOnly() {
        let step = Validators(version: "v1", lastModified: "Mon, 14 Apr 2025 00:00:00 GMT", maxAge: 60)
        let ok = Self.run(step)
        #expect(ok.headers["ETag"]?.hasPrefix("\"") == true)
        #expect(ok.headers["Cache-Control"] == "public, max-age=60")
        #expect(ok.headers["Last-Modified"] == "Mon, 14 Apr 2025 00:00:00 GMT")
        let other = Self.run(Validators(version: "v2", lastModified: nil, maxAge: 60))
        #expect(other.headers["ETag"] != ok.headers["ETag"], "another version of the data is another tag")
        #expect(Self.run(step, answering: Problem.notFound("gone").response).headers["ETag"] == nil)
        let own = Response(headers: ["Cache-Control": "no-store"], body: [1])
        #expect(Self.run(step, answering: own).headers["ETag"] == nil)
    }

    @Test func entityTagHashSeesEveryByteTheLengthAndTheSeed() {
        let hash = EntityTagHash(seed: 0x1234_5678_9ABC_DEF0)
        let value = { (body: [UInt8]) in body.withUnsafeBytes { hash.value(of: $0) } }
        var seen: Set<UInt64> = []
        for length in 0...80 {
            let body = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            let whole = value(body)
            #expect(value(body) == whole, "the same body gives the same value")
            #expect(seen.insert(whole).inserted, "length \(length)")
            if length > 0 {
                #expect(seen.insert(value([UInt8](repeating: 0, count: length))).inserted, "\(length) zero bytes")
            }
            for position in body.indices {
                var changed = body
                changed[position] ^= 0x80
                #expect(value(changed) != whole, "byte \(position) of \(length)")
            }
            let otherSeed = body.withUnsafeBytes { EntityTagHash(seed: hash.seed ^ 4).value(of: $0) }
            #expect(otherSeed != whole)
        }
        let tagged = Self.run(Validators(version: "v1", lastModified: nil, maxAge: 60))
        var version = FNV1a64()
        version.update("v1")
        let expected = Self.longBody.withUnsafeBytes { EntityTagHash(seed: version.value).value(of: $0) }
        #expect(tagged.headers["ETag"] == FNV1a64.quotedHexDigits(of: expected))
    }

    @Test func compressionNeedsAcceptEncodingAndALongEnoughBody() {
        let gzip = Request(path: "/x", headers: ["Accept-Encoding": "gzip"])
        let tagged = Response(headers: ["ETag": "\"abc\""], body: Self.longBody)
        let zipped = Self.run(Compression(), gzip, answering: tagged)
        #expect(zipped.headers["Content-Encoding"] == "gzip")
        #expect(zipped.headers["ETag"] == "\"abc-gzip\"")
        #expect(zipped.headers["Vary"] == "Accept-Encoding")
        #expect(Gzip.decompress(zipped.body) == Self.longBody)

        let plain = Self.run(Compression(), Request(path: "/x"), answering: tagged)
        #expect(plain.headers["Content-Encoding"] == nil)
        #expect(plain.headers["Vary"] == "Accept-Encoding", "the plain answer says it varies too")
        #expect(Self.run(Compression(), gzip, answering: .json([1, 2, 3])).headers["Content-Encoding"] == nil)
        let noStore = Response(headers: ["Cache-Control": "no-store"], body: Self.longBody)
        #expect(Self.run(Compression(), gzip, answering: noStore).headers["Content-Encoding"] == nil)
        for control in ["private, no-store", "no-store, max-age=0"] {
            let kept = Response(headers: ["Cache-Control": control], body: Self.longBody)
            #expect(Self.run(Compression(), gzip, answering: kept).headers["Content-Encoding"] == nil, "\(control)")
        }
        for control in ["public, max-age=60", "no-stor", "no-cache"] {
            let sent = Response(headers: ["Cache-Control": control], body: Self.longBody)
            #expect(Self.run(Compression(), gzip, answering: sent).headers["Content-Encoding"] == "gzip", "\(control)")
        }
        #expect(!Compression.acceptsGzip("gzip;q=0"))
        #expect(Compression.acceptsGzip("br, *"))
    }

    @Test func acceptEncodingIsReadAsBefore() {
        // Each decision as the field was read by characters before it was read in place.
        let accepted: [String] = [
            "gzip", "gzip, deflate, br", "deflate, gzip", "GZIP", "GZip", " gzip ", "\tgzip\t", "gzip;q=0.0000",
            "gzip;q=0.001", "gzip;q=0.5", "gzip;q=1", "gzip;q = 0", "*", "br, *", ",,gzip,,", ";gzip",
            "gzip,gzip;q=0", "gzip;q=0, *", "gzip;q=0,gzip", "identity;q=0, gzip;level=9", "*, gzip;q=0",
        ]
        let refused: [String?] = [
            nil, "", "gzip;q=0", "gzip; q=0", "gzip ;q=0", "gzip;Q=0", "gzip;q=0.0", "gzip;q=0.00", "gzip;q=0.000",
            "gzip; Q=0.000 ", "*;q=0", "br;q=1, *;q=0", "deflate", "br", ",", " ;gzip", "gzip;;q=0", ";;", "x-gzip",
            "gzipx", "\tgzip\t;\tq=0\t", "gz\u{ED}p", "gzip;q=0;q=1", "gzip;q=1;q=0", " ", "gzip\r\n",
            // A combining mark joins the separator before it into one character, which then separates nothing.
            "gzip;\u{301}q=0", "gzip,\u{301}", "gzip\u{301}",
        ]
        for field in accepted { #expect(Compression.acceptsGzip(field), "\(field.debugDescription)") }
        for field in refused { #expect(!Compression.acceptsGzip(field), "\(field.debugDescription)") }
    }

    @Test func headerNamesCompareIgnoringASCIICaseOnly() {
        #expect("Content-Type".caseInsensitiveEquals("content-TYPE"))
        #expect("ETag".caseInsensitiveEquals("ETag"))
        #expect("".caseInsensitiveEquals(""))
        #expect(!"ETag".caseInsensitiveEquals("ETa"))
        #expect(!"Vary".caseInsensitiveEquals("Varz"))
        #expect(!"a[".caseInsensitiveEquals("a{"), "only letters fold: [ and { differ by the case bit")
        #expect(!"a@".caseInsensitiveEquals("a`"))
        #expect(!"\u{E9}".caseInsensitiveEquals("e\u{301}"), "bytes, not canonical equivalence")
        #expect(!"\u{E9}".caseInsensitiveEquals("\u{C9}"))
    }

    @Test func conditionalRequestsAnswer304WithTheValidators() {
        let step = ConditionalRequests(lastModified: 1_744_588_800)
        let full = Response(
            headers: [
                "Content-Type": "application/json", "ETag": "\"abc\"",
                "Last-Modified": "Mon, 14 Apr 2025 00:00:00 GMT",
            ], body: [1])
        let matched = Self.run(step, Request(path: "/x", headers: ["If-None-Match": "\"zzz\", W/\"abc\""]), answering: full)
        #expect(matched.status == .notModified)
        #expect(matched.body.isEmpty)
        #expect(matched.headers["ETag"] == "\"abc\"")
        #expect(matched.headers["Content-Type"] == nil)
        #expect(Self.run(step, Request(path: "/x", headers: ["If-None-Match": "\"zzz\""]), answering: full).status == .ok)
        let since = Request(path: "/x", headers: ["If-Modified-Since": "Tue, 15 Apr 2025 00:00:00 GMT"])
        #expect(Self.run(step, since, answering: full).status == .notModified)
        let before = Request(path: "/x", headers: ["If-Modified-Since": "Sun, 13 Apr 2025 00:00:00 GMT"])
        #expect(Self.run(step, before, answering: full).status == .ok)
        let post = Request(method: .post, path: "/x", headers: ["If-None-Match": "*"])
        #expect(Self.run(step, post, answering: full).status == .ok, "only GET and HEAD are conditional here")
    }

    @Test func corsEchoesAllowedOriginsAndAnswersPreflights() {
        let open = CORS(origins: ["*"], maxAge: 600)
        #expect(Self.run(open).headers["Access-Control-Allow-Origin"] == "*")
        #expect(Self.run(open).headers["Vary"] == nil)

        let listed = CORS(origins: ["https://a.example"], maxAge: 600)
        let allowed = Self.run(listed, Request(path: "/x", headers: ["Origin": "https://a.example"]))
        #expect(allowed.headers["Access-Control-Allow-Origin"] == "https://a.example")
        #expect(allowed.headers["Vary"] == "Origin")
        let refused = Self.run(listed, Request(path: "/x", headers: ["Origin": "https://evil.example"]))
        #expect(refused.headers["Access-Control-Allow-Origin"] == nil)
        #expect(refused.headers["Vary"] == "Origin")

        let preflight = Self.run(
            open, Request(method: .options, path: "/x", headers: ["Origin": "https://b.example"]),
            answering: Response(status: .noContent, headers: ["Allow": "GET, HEAD"]))
        #expect(preflight.headers["Access-Control-Allow-Methods"] == "GET, HEAD")
        #expect(preflight.headers["Access-Control-Max-Age"] == "600")
    }

    @Test func refusalsAnswerWithTheirProblemBeforeRouting() {
        var refused = Request(path: "/x")
        refused.refusal = Problem(status: .contentTooLarge, detail: "no bodies")
        let response = Self.run(Refusals(), refused)
        #expect(response.status == .contentTooLarge)
        #expect(response.headers["Content-Type"] == Problem.contentType)
        #expect(Self.run(Refusals(), Request(path: "/x")).status == .ok)
        let cache = HTTPPipeline([ResponseCaching(bytes: 1 << 20, variesByOrigin: false), Refusals()]) { _ in
            var response = Response.json([1])
            response.caching = .query
            return response
        }
        #expect(cache.respond(to: Request(path: "/x")).status == .ok)
        #expect(cache.respond(to: refused).status == .contentTooLarge, "a refusal is never answered from the cache")
    }

    @Test func prettyPrintingIndentsJSONWhenAsked() {
        let compact = Response.json(Array(#"{"a":[1,2]}"#.utf8))
        let asked = Request(path: "/x", query: QueryItems([.init(name: "pretty", value: "true")]))
        let pretty = String(decoding: Self.run(PrettyPrinting(), asked, answering: compact).body, as: UTF8.self)
        #expect(pretty.contains("\n"))
        #expect(Self.run(PrettyPrinting(), Request(path: "/x"), answering: compact).body == compact.body)
    }

    @Test func noSniffMarksEveryAnswer() {
        #expect(Self.run(NoSniff(), answering: Problem.notFound("x").response).headers["X-Content-Type-Options"] == "nosniff")
    }

    @Test func responseCachingBuildsOneKeyAndKeepsOnlyCacheableSuccesses() {
        let calls = Atomic<Int>(0)
        let step = ResponseCaching(bytes: 1 << 20, variesByOrigin: false)
        let pipeline = HTTPPipeline([step]) { request in
            calls.add(1, ordering: .relaxed)
            var response = Response.json(Array(request.path.utf8))
            response.caching = request.path == "/never" ? .never : .query
            return response
        }
        let first = pipeline.respond(to: Request(path: "/a"))
        let second = pipeline.respond(to: Request(path: "/a"))
        #expect(calls.load(ordering: .relaxed) == 1)
        #expect(first.cached != nil && first.cached === second.cached)
        _ = pipeline.respond(to: Request(path: "/never"))
        _ = pipeline.respond(to: Request(path: "/never"))
        #expect(calls.load(ordering: .relaxed) == 3)
        _ = pipeline.respond(to: Request(method: .post, path: "/a"))
        #expect(calls.load(ordering: .relaxed) == 4, "only GET and HEAD are answered from the cache")
    }
}
