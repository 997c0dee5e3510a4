import Foundation
import Testing

@testable import NewsAPI

/// The service's own endpoints over the seed corpus (`/`, `/healthz`, `/meta`, `/openapi.yaml`) and
/// what every endpoint shares: `pretty`, unknown paths and parameters.
@Suite struct ServiceAPITests {
    @Test func indexLinksToEveryResource() throws {
        let reply = try SeedAPI.get("/")
        #expect(reply.status == 200)
        #expect(reply.contentType == APIReply.jsonType)
        let index = try reply.json()
        #expect(index["name"] as? String == "news-api")
        #expect((index["description"] as? String)?.isEmpty == false)
        let version = try #require(index["version"] as? String)
        #expect(version.count == 16)
        #expect(version.allSatisfy { $0.isHexDigit })
        let links = index["links"] as? [String: String]
        #expect(
            links == [
                "articles": "/articles", "entities": "/entities", "trade_measures": "/trade-measures", "timeline": "/timeline",
                "meta": "/meta", "health": "/healthz", "openapi": "/openapi.yaml", "metrics": "/metrics",
                "trade_flows": "/trade-measures/flows", "graph": "/graph", "claims": "/claims", "sources": "/sources",
            ])
        for link in links?.values.sorted() ?? [] {
            #expect(try SeedAPI.get(link).status == 200, "\(link)")
        }
    }

    @Test func healthHasTheCounts() throws {
        let reply = try SeedAPI.get("/healthz")
        #expect(reply.status == 200)
        #expect(reply.contentType == APIReply.jsonType)
        let health = try reply.json()
        #expect(health["status"] as? String == "ok")
        #expect(try health["version"] as? String == SeedAPI.get("/").json()["version"] as? String)
        let counts = health["counts"] as? [String: Int]
        #expect(counts == ["articles": 7, "briefs": 5, "entities": 31, "trade_measures": 11, "claims": 2])
    }

    @Test func metaDescribesTheDataset() throws {
        let reply = try SeedAPI.get("/meta")
        #expect(reply.status == 200)
        #expect(reply.contentType == APIReply.jsonType)
        let meta = try reply.json()
        #expect(meta["name"] as? String == "seed")
        let dataset =
            try JSONSerialization.jsonObject(with: Data(contentsOf: SeedAPI.directory.appendingPathComponent("dataset.json")))
            as? [String: Any]
        #expect(meta["description"] as? String == dataset?["description"] as? String)
        #expect(try meta["version"] as? String == SeedAPI.get("/healthz").json()["version"] as? String)
        // Nothing per-process: replicas of the same data must send the same bytes (the load time is in /metrics).
        #expect(Set(meta.keys) == ["name", "description", "version", "bytes", "counts", "gazetteer", "vocabularies"])
        let files = ["dataset.json", "articles.ndjson", "entities.json", "trade-measures.json", "claims.json"]
        let bytes = try files.reduce(0) { sum, file in
            let attributes = try FileManager.default.attributesOfItem(atPath: SeedAPI.directory.appendingPathComponent(file).path)
            return sum + ((attributes[.size] as? NSNumber)?.intValue ?? 0)
        }
        #expect(meta["bytes"] as? Int == bytes)
        #expect(
            meta["counts"] as? [String: Int] == ["articles": 7, "briefs": 5, "entities": 31, "trade_measures": 11, "claims": 2])
    }

    @Test func metaListsTheVocabularies() throws {
        let vocabularies = try #require(try SeedAPI.get("/meta").json()["vocabularies"] as? [String: Any])
        #expect(vocabularies["article_kinds"] as? [String] == ["article", "brief"])
        #expect(
            vocabularies["entity_types"] as? [String] == ["person", "country", "organization", "company", "product", "place"])
        #expect(
            vocabularies["measure_types"] as? [String] == [
                "tariff", "export_control", "anti_dumping", "countervailing", "safeguard", "rules_of_origin", "market_access",
                "investment_screening", "technical_barrier_to_trade", "subsidy", "quota", "import_ban", "export_tax", "other",
            ])
        #expect(vocabularies["statuses"] as? [String] == ["proposed", "announced", "in_force", "suspended", "removed"])
        #expect(vocabularies["evaluations"] as? [String] == ["restrictive", "liberalising", "mixed"])
        #expect(vocabularies["date_precisions"] as? [String] == ["year", "month", "day"])
        let sources = vocabularies["sources"] as? [[String: Any]] ?? []
        #expect(sources.count == 2)
        #expect(sources.first?["id"] as? String == "cnews-live")
        #expect(sources.first?["name"] as? String == "Cnews Live")
        #expect(sources.first?["article_count"] as? Int == 1)
        #expect(sources.last?["id"] as? String == "unknown")
        #expect(sources.last?["name"] as? String == "Unknown source")
        #expect(sources.last?["article_count"] as? Int == 6)
        // Each source's count is what filtering by it returns.
        for source in sources {
            let id = try #require(source["id"] as? String)
            #expect(try SeedAPI.get("/articles?source=\(id)").json()["total"] as? Int == source["article_count"] as? Int)
        }
    }

    @Test func openAPIDocumentIsServedAsYAML() throws {
        let reply = try SeedAPI.get("/openapi.yaml")
        #expect(reply.status == 200)
        #expect(reply.contentType == "application/yaml")
        #expect(reply.text.hasPrefix("openapi: 3.1"))
        #expect(try reply.body == openAPIDocument())
    }

    // MARK: Shared behaviour

    @Test func unknownPathIs404Problem() throws {
        let reply = try SeedAPI.get("/articlez")
        #expect(reply.status == 404)
        #expect(reply.contentType == APIReply.problemType)
        let problem = try reply.json()
        #expect(problem["type"] as? String == "about:blank")
        #expect(problem["title"] as? String == "Not Found")
        #expect(problem["status"] as? Int == 404)
        #expect(problem["detail"] is String)
    }

    @Test(arguments: ["/", "/healthz", "/meta"])
    func unknownParameterIs400(_ path: String) throws {
        let reply = try SeedAPI.get(path + "?verbose=1")
        #expect(reply.status == 400)
        #expect(reply.contentType == APIReply.problemType)
        #expect(try reply.invalidParamNames() == ["verbose"])
    }

    @Test func trailingSlashIsTheSameResource() throws {
        #expect(try SeedAPI.get("/articles/").ids() == SeedAPI.get("/articles").ids())
    }

    @Test func wrongMethodIs405WithAllow() throws {
        let reply = try SeedAPI.get("/articles", method: .post)
        #expect(reply.status == 405)
        #expect(reply.header("Allow") == "GET, HEAD")
        #expect(reply.contentType == APIReply.problemType)
        let options = try SeedAPI.get("/entities/vietnam", method: .options)
        #expect(options.status == 204)
        #expect(options.header("Allow") == "GET, HEAD")
        #expect(options.body.isEmpty)
    }

    /// Endpoints that answer JSON, with a request that succeeds and one that fails.
    static let prettyTargets = [
        "/", "/healthz", "/meta", "/articles?limit=2", "/articles?q=tariff&limit=1", "/articles/f82d3cef4f15fde1-b1",
        "/entities?limit=3", "/entities/vietnam", "/entities/U.S./articles?limit=1", "/trade-measures?limit=2",
        "/trade-measures/us-tariff-145-percent-china", "/timeline?limit=3", "/timeline?interval=week",
        "/articles?limit=0", "/entities/vietnm", "/articles/nope",
    ]

    @Test(arguments: prettyTargets)
    func prettyIndentsTheSameJSON(_ target: String) throws {
        let separator = target.contains("?") ? "&" : "?"
        let compact = try SeedAPI.get(target)
        let pretty = try SeedAPI.get(target + separator + "pretty=true")
        #expect(pretty.status == compact.status)
        #expect(pretty.contentType == compact.contentType)
        #expect(pretty.text.contains("\n  \""), "not indented: \(pretty.text.prefix(80))")
        #expect(!compact.text.contains("\n"))
        let compactValue = try JSONSerialization.jsonObject(with: Data(compact.body)) as? NSDictionary
        let prettyValue = try JSONSerialization.jsonObject(with: Data(pretty.body)) as? NSDictionary
        #expect(compactValue != nil)
        #expect(prettyValue == compactValue)
    }

    @Test func prettyFalseIsCompact() throws {
        let compact = try SeedAPI.get("/articles?limit=2")
        let explicit = try SeedAPI.get("/articles?limit=2&pretty=false")
        #expect(explicit.status == 200)
        #expect(explicit.body == compact.body)
    }

    @Test
    func prettyMustBeABoolean() throws {
        let reply = try SeedAPI.get("/healthz?pretty=yes")
        #expect(reply.status == 400)
        #expect(reply.contentType == APIReply.problemType)
        #expect(try reply.invalidParamNames() == ["pretty"])
    }
}
