import Testing

@testable import NewsAPI

@Suite struct RouterTests {
    private func router() -> Router {
        var router = Router()
        router.get("/articles") { _, _ in .json(Array(#"{"list":true}"#.utf8)) }
        router.get("/articles/{id}") { _, parameters in .json(Array("\"\(parameters["id"])\"".utf8)) }
        router.get("/entities/{key}/articles") { _, parameters in .json(Array("\"\(parameters["key"])\"".utf8)) }
        router.get("/fails") { _, _ in throw Problem(status: .badRequest, detail: "nope") }
        return router
    }

    @Test func matchesLiteralAndParameterSegments() {
        let response = router().respond(to: Request(target: "/articles/abc"))
        #expect(response.status == .ok)
        #expect(String(decoding: response.body, as: UTF8.self) == "\"abc\"")
    }

    @Test func parameterKeepsDecodedSpacesAndDots() {
        let response = router().respond(to: Request(target: "/entities/United States/articles"))
        #expect(String(decoding: response.body, as: UTF8.self) == "\"United States\"")
        let dotted = router().respond(to: Request(target: "/entities/U.S./articles"))
        #expect(String(decoding: dotted.body, as: UTF8.self) == "\"U.S.\"")
    }

    @Test func trailingSlashIsIgnored() {
        #expect(router().respond(to: Request(target: "/articles/")).status == .ok)
    }

    @Test func unknownPathIsProblem404() {
        let response = router().respond(to: Request(target: "/nope"))
        #expect(response.status == .notFound)
        #expect(response.headers["content-type"] == "application/problem+json")
        let body = String(decoding: response.body, as: UTF8.self)
        #expect(body.contains(#""type":"about:blank""#))
        #expect(body.contains(#""status":404"#))
        #expect(body.contains(#""title":"Not Found""#))
    }

    @Test func emptyParameterSegmentDoesNotMatch() {
        #expect(router().respond(to: Request(target: "/entities//articles")).status == .notFound)
    }

    @Test func wrongMethodIs405WithAllow() {
        let response = router().respond(to: Request(method: .post, target: "/articles"))
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"] == "GET, HEAD")
        #expect(response.headers["Content-Type"] == "application/problem+json")
    }

    @Test func headIsAnsweredLikeGet() {
        let response = router().respond(to: Request(method: .head, target: "/articles"))
        #expect(response.status == .ok)
        #expect(response.body == Array(#"{"list":true}"#.utf8))
    }

    @Test func optionsListsAllowedMethods() {
        let response = router().respond(to: Request(method: .options, target: "/articles/x"))
        #expect(response.status == .noContent)
        #expect(response.headers["Allow"] == "GET, HEAD")
        #expect(response.body.isEmpty)
    }

    @Test func pathSegmentsKeepInnerEmptySegmentsAndIgnoreATrailingSlash() {
        let expected: [(String, [String])] = [
            ("", []), ("/", []), ("//", [""]), ("///", ["", ""]), ("/a", ["a"]), ("/a/", ["a"]), ("/a//", ["a", ""]),
            ("/a/b", ["a", "b"]), ("/a/b/", ["a", "b"]), ("//a", ["", "a"]), ("/a//b", ["a", "", "b"]), ("a", []),
            ("a/b", []), ("/é/x", ["é", "x"]), ("/entities/U.S.", ["entities", "U.S."]),
            ("/entities/United States/articles", ["entities", "United States", "articles"]),
            ("/trade-measures/flows/", ["trade-measures", "flows"]), ("/%2F", ["%2F"]), ("/ /", [" "]),
            ("/e\u{301}/x", ["e\u{301}", "x"]), ("/\u{301}x", ["\u{301}x"]),
        ]
        for (path, segments) in expected {
            var text = path
            let found = text.withUTF8 { bytes in
                var cut = PathSegments(bytes)
                let count = cut.count
                var found: [String] = []
                while let segment = cut.next() { found.append(String(decoding: segment, as: UTF8.self)) }
                #expect(found.count == count, "\(path.debugDescription)")
                return found
            }
            #expect(found == segments, "\(path.debugDescription)")
        }
    }

    @Test func patternsAreCutIntoLiteralsAndParametersAsPathsAre() {
        let literal = { (text: String) in RoutePattern.Segment.literal(Array(text.utf8)) }
        #expect(RoutePattern("/").segments.isEmpty)
        #expect(RoutePattern("/articles").segments == [literal("articles")])
        #expect(RoutePattern("/articles/").segments == [literal("articles")])
        let nested = RoutePattern("/entities/{key}/articles")
        #expect(nested.segments == [literal("entities"), .parameter("key"), literal("articles")])
        #expect(RoutePattern("/{a}/{}").segments == [.parameter("a"), .parameter("")])
        #expect(RoutePattern("/{a/x}").segments == [literal("{a"), literal("x}")])
        #expect(RoutePattern("/{/}").segments == [literal("{"), literal("}")])
        #expect(RoutePattern("articles").segments.isEmpty, "a pattern that does not start with / has no segments")
        #expect(RoutePattern("/entities/{key}").description == "/entities/{key}")
    }

    @Test func routesMatchOnlyPathsOfTheirLengthInTheOrderAdded() {
        var router = Router()
        router.get("/") { _, _ in .json(Array("root".utf8)) }
        router.get("/m/flows") { _, _ in .json(Array("flows".utf8)) }
        router.get("/m/{id}") { _, parameters in .json(Array("id \(parameters["id"])".utf8)) }
        router.get("/m/{id}/x/{part}") { _, parameters in .json(Array("\(parameters["id"]) \(parameters["part"])".utf8)) }
        router.on(.post, "/admin") { _, _ in .json(Array("post".utf8)) }
        router.get("/admin") { _, _ in .json(Array("get".utf8)) }
        let body = { (target: String) in String(decoding: router.respond(to: Request(target: target)).body, as: UTF8.self) }
        #expect(body("/") == "root")
        #expect(body("/m/flows") == "flows", "the literal route was added first")
        #expect(body("/m/flows/") == "flows")
        #expect(body("/m/7") == "id 7")
        #expect(body("/m/a/x/b") == "a b")
        #expect(body("/admin") == "get", "a later route with the method answers after one without it")
        #expect(router.respond(to: Request(target: "/m/a/y/b")).status == .notFound)
        #expect(router.respond(to: Request(target: "/m/a/x")).status == .notFound)
        #expect(router.respond(to: Request(target: "/m/a/x/b/c")).status == .notFound)
        #expect(router.respond(to: Request(target: "//")).status == .notFound)
        #expect(router.respond(to: Request(path: "m/7")).status == .notFound)
        #expect(router.respond(to: Request(path: "")).status == .notFound)
        let put = router.respond(to: Request(method: .put, target: "/admin"))
        #expect(put.status == .methodNotAllowed)
        #expect(put.headers["Allow"] == "POST, GET, HEAD")
        #expect(put.routeLabel == "/admin")
        let options = router.respond(to: Request(method: .options, target: "/m/flows"))
        #expect(options.headers["Allow"] == "GET, HEAD")
        #expect(options.routeLabel == "/m/flows")
        #expect(router.respond(to: Request(target: "/m/7")).routeLabel == "/m/{id}")
        #expect(router.respond(to: Request(target: "/nope")).routeLabel == Router.unmatchedLabel)
    }

    @Test func thrownProblemIsRendered() {
        let response = router().respond(to: Request(target: "/fails"))
        #expect(response.status == .badRequest)
        #expect(String(decoding: response.body, as: UTF8.self).contains(#""detail":"nope""#))
    }

    @Test func linksPercentEncodeQueryValuesAndLeaveUnreservedTextAlone() {
        #expect(AppliedQuery.escape("trade-war_1.0~") == "trade-war_1.0~")
        #expect(AppliedQuery.escape("a b&c=d/é+%") == "a%20b%26c%3Dd%2F%C3%A9%2B%25")
        #expect(AppliedQuery.escape("") == "")
        var applied = AppliedQuery()
        applied.add("q", "\"trade war\" -peace")
        applied.add("entity", ["u.s.", "viet nam"])
        #expect(
            applied.url(path: "/articles", limit: 20, offset: 40)
                == "/articles?q=%22trade%20war%22%20-peace&entity=u.s.&entity=viet%20nam&limit=20&offset=40")
    }
}
