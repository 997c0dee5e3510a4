import Foundation
import Testing

@testable import NewsAPI

/// The seed corpus served by the real server on 127.0.0.1 (port 0): one representative request per
/// endpoint over HTTP/1.1, with the headers, methods and errors a client sees on the wire.
@Suite struct LiveAPITests {
    struct Endpoint: Sendable, CustomTestStringConvertible {
        let target: String
        let contentType: String
        /// A top-level member and the string value it must have, when there is one to check.
        let member: (name: String, value: String)?
        let isList: Bool
        var testDescription: String { target }
    }

    static let json = "application/json; charset=utf-8"

    static let endpoints = [
        Endpoint(target: "/", contentType: json, member: ("name", "news-api"), isList: false),
        Endpoint(target: "/healthz", contentType: json, member: ("status", "ok"), isList: false),
        Endpoint(target: "/meta", contentType: json, member: ("name", "seed"), isList: false),
        Endpoint(target: "/openapi.yaml", contentType: "application/yaml", member: nil, isList: false),
        Endpoint(target: "/articles?q=tariff+wars&limit=1", contentType: json, member: nil, isList: true),
        Endpoint(target: "/articles/d679149af95f4c6c", contentType: json, member: ("id", "d679149af95f4c6c"), isList: false),
        Endpoint(target: "/entities?type=country&limit=2", contentType: json, member: nil, isList: true),
        Endpoint(target: "/entities/United%20States", contentType: json, member: ("id", "united-states"), isList: false),
        Endpoint(target: "/entities/T%C3%B4%20L%C3%A2m", contentType: json, member: ("id", "to-lam"), isList: false),
        Endpoint(target: "/entities/U.S./articles?limit=1", contentType: json, member: nil, isList: true),
        Endpoint(target: "/trade-measures?implementing=US&limit=1", contentType: json, member: nil, isList: true),
        Endpoint(
            target: "/trade-measures/us-tariff-145-percent-china", contentType: json,
            member: ("id", "us-tariff-145-percent-china"), isList: false),
        Endpoint(target: "/timeline?interval=week&limit=1", contentType: json, member: nil, isList: true),
        Endpoint(
            target: "/timeline?interval=day&q=steel&implementing=vietnam&limit=1", contentType: json, member: nil, isList: true),
        Endpoint(target: "/articles?q=tariffs&facets=entity,source&limit=1", contentType: json, member: nil, isList: true),
        Endpoint(
            target: "/trade-measures?facets=status&affected=malaysia&affected=vietnam&match=any&limit=1", contentType: json,
            member: nil, isList: true),
        Endpoint(target: "/trade-measures/flows?limit=2", contentType: json, member: nil, isList: true),
        Endpoint(target: "/graph?entity_type=country", contentType: json, member: nil, isList: false),
        Endpoint(target: "/claims?entity=vietnam&limit=1", contentType: json, member: nil, isList: true),
        Endpoint(target: "/claims/railway-loans", contentType: json, member: ("id", "railway-loans"), isList: false),
        Endpoint(target: "/sources?limit=1", contentType: json, member: nil, isList: true),
        Endpoint(target: "/sources/cnews-live", contentType: json, member: ("id", "cnews-live"), isList: false),
    ]

    @Test(arguments: endpoints)
    func endpointAnswersOverHTTP(_ endpoint: Endpoint) throws {
        try withLiveServer(SeedAPI.application) { port in
            let client = try TestHTTPClient(port: port)
            let reply = try client.request("GET", endpoint.target)
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type") == endpoint.contentType)
            #expect(reply.header("Content-Length") == String(reply.body.count))
            if endpoint.contentType == "application/yaml" {
                #expect(reply.text.hasPrefix("openapi: 3.1"))
                return
            }
            let object = try #require(try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])
            if let member = endpoint.member {
                #expect(object[member.name] as? String == member.value)
            }
            if endpoint.isList {
                #expect((object["items"] as? [Any])?.count == 1 || (object["items"] as? [Any])?.count == 2)
                let next = try #require(object["next"] as? String)
                #expect(reply.header("Link") == "<\(next)>; rel=\"next\"")
                // The next link works as sent.
                let following = try client.request("GET", next)
                #expect(following.status == 200)
                let followingObject = try JSONSerialization.jsonObject(with: Data(following.body)) as? [String: Any]
                #expect(followingObject?["offset"] as? Int == object["limit"] as? Int)
            }
        }
    }

    @Test func listMatchesTheInProcessAnswer() throws {
        try withLiveServer(SeedAPI.application) { port in
            let target = "/articles?q=%22South%20China%20Sea%22&entity=Vietnam&limit=1&offset=1"
            let reply = try TestHTTPClient(port: port).request("GET", target)
            #expect(reply.status == 200)
            let local = try SeedAPI.get("/articles?q=\"South China Sea\"&entity=Vietnam&limit=1&offset=1")
            #expect(reply.body == local.body)
            let object = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any]
            #expect((object?["items"] as? [[String: Any]])?.first?["id"] as? String == "f82d3cef4f15fde1")
            #expect(object?["total"] as? Int == 2)
            let prev = try #require(object?["prev"] as? String)
            #expect(reply.header("Link") == "<\(prev)>; rel=\"prev\"")
        }
    }

    @Test func linkHeaderCarriesNextAndPrev() throws {
        try withLiveServer(SeedAPI.application) { port in
            let reply = try TestHTTPClient(port: port).request("GET", "/articles?limit=2&offset=2")
            #expect(reply.status == 200)
            #expect(
                reply.header("Link")
                    == "</articles?sort=-published_at&limit=2&offset=4>; rel=\"next\", </articles?sort=-published_at&limit=2&offset=0>; rel=\"prev\""
            )
        }
    }

    @Test func headHasTheHeadersOfGetAndNoBody() throws {
        try withLiveServer(SeedAPI.application) { port in
            let client = try TestHTTPClient(port: port)
            for target in ["/articles?limit=2", "/entities/vietnam", "/openapi.yaml", "/nope"] {
                let get = try client.request("GET", target)
                let head = try client.request("HEAD", target)
                #expect(head.status == get.status, "\(target)")
                #expect(head.body.isEmpty, "\(target)")
                #expect(head.header("Content-Type") == get.header("Content-Type"), "\(target)")
                #expect(head.header("Content-Length") == String(get.body.count), "\(target)")
                #expect(head.header("Link") == get.header("Link"), "\(target)")
            }
            // The connection is still in step: the server sent no body for HEAD.
            let after = try client.request("GET", "/healthz")
            #expect(after.status == 200)
            #expect((try JSONSerialization.jsonObject(with: Data(after.body)) as? [String: Any])?["status"] as? String == "ok")
        }
    }

    @Test func optionsListsTheAllowedMethods() throws {
        try withLiveServer(SeedAPI.application) { port in
            let client = try TestHTTPClient(port: port)
            for target in ["/articles", "/articles/d679149af95f4c6c", "/entities/U.S./articles", "/timeline"] {
                let reply = try client.request("OPTIONS", target)
                #expect(reply.status == 204, "\(target)")
                #expect(reply.header("Allow") == "GET, HEAD", "\(target)")
                #expect(reply.body.isEmpty, "\(target)")
            }
        }
    }

    @Test func otherMethodsAre405WithAllow() throws {
        try withLiveServer(SeedAPI.application) { port in
            let client = try TestHTTPClient(port: port)
            for (method, target) in [
                ("POST", "/articles"), ("PUT", "/entities/vietnam"), ("DELETE", "/trade-measures/us-tariff-145-percent-china"),
                ("PATCH", "/timeline"),
            ] {
                let reply = try client.request(method, target)
                #expect(reply.status == 405, "\(method) \(target)")
                #expect(reply.header("Allow") == "GET, HEAD", "\(method) \(target)")
                #expect(reply.header("Content-Type") == "application/problem+json", "\(method) \(target)")
                let problem = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any]
                #expect(problem?["status"] as? Int == 405)
                #expect(problem?["title"] as? String == "Method Not Allowed")
            }
        }
    }

    @Test func notFoundIsProblemJSON() throws {
        try withLiveServer(SeedAPI.application) { port in
            let client = try TestHTTPClient(port: port)
            for target in ["/articles/nope", "/trade-measures/nope", "/nope"] {
                let reply = try client.request("GET", target)
                #expect(reply.status == 404, "\(target)")
                #expect(reply.header("Content-Type") == "application/problem+json", "\(target)")
                let problem = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any]
                #expect(problem?["type"] as? String == "about:blank")
                #expect(problem?["status"] as? Int == 404)
            }
            let entity = try client.request("GET", "/entities/vietnm")
            #expect(entity.status == 404)
            #expect(entity.header("Content-Type") == "application/problem+json")
            let problem = try JSONSerialization.jsonObject(with: Data(entity.body)) as? [String: Any]
            #expect(problem?["type"] as? String == "urn:news-api:problem:unknown-entity")
            #expect((problem?["suggestions"] as? [[String: Any]])?.first?["id"] as? String == "vietnam")
        }
    }

    @Test func badParametersAre400ProblemJSONNamingEach() throws {
        try withLiveServer(SeedAPI.application) { port in
            let client = try TestHTTPClient(port: port)
            let reply = try client.request("GET", "/articles?limit=0&entity=vietnm&bogus=1")
            #expect(reply.status == 400)
            #expect(reply.header("Content-Type") == "application/problem+json")
            let problem = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any]
            #expect(problem?["type"] as? String == "urn:news-api:problem:invalid-parameters")
            #expect(problem?["status"] as? Int == 400)
            let entries = problem?["invalid_params"] as? [[String: Any]] ?? []
            #expect(Set(entries.compactMap { $0["name"] as? String }) == ["limit", "entity", "bogus"])
            #expect(entries.count == 3)
            #expect(entries.allSatisfy { ($0["reason"] as? String)?.isEmpty == false })

            let timeline = try client.request("GET", "/timeline?interval=day&from=1900-01-01&to=2100-12-31")
            #expect(timeline.status == 400)
            let timelineProblem = try JSONSerialization.jsonObject(with: Data(timeline.body)) as? [String: Any]
            #expect(
                (timelineProblem?["invalid_params"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["interval"])
        }
    }

    @Test func percentEncodedQueriesAreDecoded() throws {
        try withLiveServer(SeedAPI.application) { port in
            let client = try TestHTTPClient(port: port)
            for target in [
                "/articles?q=%22trade%20wars%22", "/articles?q=T%C3%B4+L%C3%A2m", "/articles?entity=United+States&kind=article",
            ] {
                let reply = try client.request("GET", target)
                #expect(reply.status == 200, "\(target)")
                let object = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any]
                #expect(
                    (object?["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
                        == ["d679149af95f4c6c", "f82d3cef4f15fde1"], "\(target)")
            }
        }
    }
}
