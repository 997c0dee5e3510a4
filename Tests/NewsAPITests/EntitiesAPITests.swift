import Foundation
import Testing

@testable import NewsAPI

/// `/entities` and `/entities/{key}` over the seed corpus: lookup by any name, suggestions, the
/// entity page, and the filtered, sorted, paged list.
@Suite struct EntitiesAPITests {
    // MARK: Lookup by id, name or alias

    struct Lookup: Sendable, CustomTestStringConvertible {
        let key: String
        let id: String
        let text: String
        let kind: String
        var testDescription: String { "\"\(key)\"" }
    }

    /// Keys as the server passes them to the handler (the path arrives percent-decoded).
    static let lookups = [
        Lookup(key: "Vietnam", id: "vietnam", text: "Vietnam", kind: "name"),
        Lookup(key: "vietnam", id: "vietnam", text: "vietnam", kind: "id"),
        Lookup(key: "VIET NAM", id: "vietnam", text: "Viet Nam", kind: "alias"),
        Lookup(key: "Vietnamese", id: "vietnam", text: "Vietnamese", kind: "alias"),
        Lookup(key: "U.S.", id: "united-states", text: "U.S.", kind: "alias"),
        Lookup(key: "US", id: "united-states", text: "US", kind: "alias"),
        Lookup(key: "usa", id: "united-states", text: "USA", kind: "alias"),
        Lookup(key: "Washington", id: "united-states", text: "Washington", kind: "alias"),
        Lookup(key: "United States", id: "united-states", text: "United States", kind: "name"),
        Lookup(key: "united-states", id: "united-states", text: "united-states", kind: "id"),
        Lookup(key: "to-lam", id: "to-lam", text: "to-lam", kind: "id"),
        Lookup(key: "TO LAM", id: "to-lam", text: "To Lam", kind: "name"),
        Lookup(key: "CCPIT", id: "ccpit", text: "CCPIT", kind: "alias"),
        Lookup(key: "HA NOI", id: "hanoi", text: "Ha Noi", kind: "alias"),
        Lookup(key: "习近平", id: "xi-jinping", text: "习近平", kind: "alias"),
    ]

    @Test(arguments: lookups)
    func keyFindsTheEntity(_ lookup: Lookup) throws {
        let reply = try SeedAPI.get("/entities/\(lookup.key)")
        #expect(reply.status == 200)
        #expect(reply.contentType == APIReply.jsonType)
        let entity = try reply.json()
        #expect(entity["id"] as? String == lookup.id)
        let matched = entity["matched"] as? [String: Any]
        #expect(matched?["key"] as? String == lookup.key)
        #expect(matched?["text"] as? String == lookup.text)
        #expect(matched?["kind"] as? String == lookup.kind)
    }

    @Test func diacriticsFindThePerson() throws {
        // "Tô Lâm" folds to the same key as the name "To Lam" and the alias "Tô Lâm": either is a right answer.
        for key in ["Tô Lâm", "tô lâm", "To Lam"] {
            let entity = try SeedAPI.get("/entities/\(key)").json()
            #expect(entity["id"] as? String == "to-lam", "\(key)")
            let matched = entity["matched"] as? [String: Any]
            #expect(matched?["key"] as? String == key)
            let pair = [matched?["text"] as? String ?? "", matched?["kind"] as? String ?? ""]
            #expect(pair == ["To Lam", "name"] || pair == ["Tô Lâm", "alias"], "\(key): \(pair)")
        }
        let prime = try SeedAPI.get("/entities/Phạm Minh Chính").json()
        #expect(prime["id"] as? String == "pham-minh-chinh")
        let capital = try SeedAPI.get("/entities/Hà Nội").json()
        #expect(capital["id"] as? String == "hanoi")
        #expect(["Ha Noi", "Hà Nội"].contains((capital["matched"] as? [String: Any])?["text"] as? String ?? ""))
    }

    // MARK: The entity page

    @Test func unitedStatesPage() throws {
        let entity = try SeedAPI.get("/entities/US").json()
        #expect(entity["id"] as? String == "united-states")
        #expect(entity["name"] as? String == "United States")
        #expect(entity["type"] as? String == "country")
        #expect(
            entity["aliases"] as? [String] == [
                "U.S.", "US", "USA", "U.S.A.", "United States of America", "Washington", "America", "American",
            ])
        #expect(entity["codes"] as? [String: String] == ["alpha2": "US", "alpha3": "USA", "numeric": "840"])
        #expect(entity["part_of"] is NSNull)
        #expect(entity["wikidata_id"] as? String == "Q30")
        #expect(entity["description"] as? String == "The United States of America; 'Washington' is used for its government.")
        #expect(entity["article_count"] as? Int == 4)
        let links = entity["links"] as? [String: Any]
        #expect(links?["self"] as? String == "/entities/united-states")
        #expect(links?["articles"] as? String == "/entities/united-states/articles")

        let recent = entity["recent_articles"] as? [[String: Any]] ?? []
        #expect(
            recent.compactMap { $0["id"] as? String }
                == ["d679149af95f4c6c", "f82d3cef4f15fde1", "f82d3cef4f15fde1-b1", "f82d3cef4f15fde1-b3"])
        let newest = recent.first
        #expect(newest?["kind"] as? String == "article")
        #expect(
            newest?["title"] as? String == "China and Vietnam Forge Closer Ties Amid Rising Trade Tensions with the United States"
        )
        #expect((newest?["published_at"] as? [String: Any])?["value"] as? String == "2025-04-15")
        #expect((newest?["links"] as? [String: Any])?["self"] as? String == "/articles/d679149af95f4c6c")

        let counts = entity["measure_counts"] as? [String: Any]
        #expect(counts?["implementing"] as? Int == 4)
        #expect(counts?["affected"] as? Int == 2)
        #expect(counts?["targeted"] as? Int == 0)
        let measures = entity["trade_measures"] as? [String: Any]
        let implementing = (measures?["implementing"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(implementing.contains("us-tariff-145-percent-china"))
        #expect(
            Set(implementing) == [
                "us-tariff-145-percent-china", "us-proposed-tariffs-vietnam", "us-tariffs-malaysia-cambodia",
                "us-nvidia-h20-export-licence",
            ])
        let affected = (measures?["affected"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(Set(affected) == ["vietnam-made-in-vietnam-origin-rules", "vietnam-starlink-market-access"])
        #expect((measures?["targeted"] as? [Any])?.isEmpty == true)
        let tariff = (measures?["implementing"] as? [[String: Any]] ?? []).first {
            $0["id"] as? String == "us-tariff-145-percent-china"
        }
        #expect(tariff?["measure_type"] as? String == "tariff")
        #expect((tariff?["rate"] as? [String: Any])?["value"] as? Double == 145)
    }

    @Test func coMentionedIsMostSharedFirst() throws {
        let entity = try SeedAPI.get("/entities/united-states").json()
        let co = entity["co_mentioned"] as? [[String: Any]] ?? []
        #expect(co.first?["id"] as? String == "china")
        #expect(co.first?["count"] as? Int == 4)
        #expect(co.first?["name"] as? String == "China")
        #expect(co.first?["type"] as? String == "country")
        #expect((co.first?["links"] as? [String: Any])?["self"] as? String == "/entities/china")
        let counts = co.compactMap { $0["count"] as? Int }
        #expect(counts.count == co.count)
        #expect(counts == counts.sorted(by: >))
        #expect(counts.allSatisfy { $0 >= 1 })
        let ids = co.compactMap { $0["id"] as? String }
        #expect(!ids.contains("united-states"))
        #expect(ids.contains("vietnam"))
        #expect(co.first { $0["id"] as? String == "south-china-sea" }?["count"] as? Int == 2)
    }

    @Test func recentArticlesAreAtMostFiveNewestFirst() throws {
        let china = try SeedAPI.get("/entities/china").json()
        #expect(china["article_count"] as? Int == 7)
        let recent = (china["recent_articles"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(
            recent == [
                "d679149af95f4c6c", "f82d3cef4f15fde1", "f82d3cef4f15fde1-b1", "f82d3cef4f15fde1-b2", "f82d3cef4f15fde1-b3",
            ])
        let counts = china["measure_counts"] as? [String: Any]
        #expect(counts?["implementing"] as? Int == 2)
        #expect(counts?["affected"] as? Int == 7)
    }

    @Test func firmPageListsTheMeasuresTargetingIt() throws {
        let nvidia = try SeedAPI.get("/entities/Nvidia Corporation").json()
        #expect(nvidia["id"] as? String == "nvidia")
        #expect(nvidia["type"] as? String == "company")
        let counts = nvidia["measure_counts"] as? [String: Any]
        #expect(counts?["implementing"] as? Int == 0)
        #expect(counts?["affected"] as? Int == 0)
        #expect(counts?["targeted"] as? Int == 1)
        let targeted = ((nvidia["trade_measures"] as? [String: Any])?["targeted"] as? [[String: Any]] ?? []).compactMap {
            $0["id"] as? String
        }
        #expect(targeted == ["us-nvidia-h20-export-licence"])
        #expect((nvidia["recent_articles"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["f82d3cef4f15fde1-b1"])
    }

    @Test func optionalFieldsAreNull() throws {
        let steel = try SeedAPI.get("/entities/british-steel").json()
        #expect(steel["wikidata_id"] is NSNull)
        #expect(steel["aliases"] as? [String] == [])
        let russia = try SeedAPI.get("/entities/russia").json()
        #expect(russia["article_count"] as? Int == 0)
        #expect((russia["recent_articles"] as? [Any])?.isEmpty == true)
        #expect((russia["co_mentioned"] as? [Any])?.isEmpty == true)
    }

    // MARK: Unknown keys

    @Test func unknownKeyIs404WithSuggestions() throws {
        let reply = try SeedAPI.get("/entities/vietnm")
        #expect(reply.status == 404)
        #expect(reply.contentType == APIReply.problemType)
        let problem = try reply.json()
        #expect(problem["type"] as? String == "urn:news-api:problem:unknown-entity")
        #expect(problem["title"] as? String == "Unknown entity")
        #expect(problem["status"] as? Int == 404)
        #expect((problem["detail"] as? String)?.contains("vietnm") == true)
        let suggestions = problem["suggestions"] as? [[String: Any]] ?? []
        #expect(suggestions.first?["id"] as? String == "vietnam")
        #expect(suggestions.first?["name"] as? String == "Vietnam")
        #expect(suggestions.first?["type"] as? String == "country")
        #expect((suggestions.first?["links"] as? [String: Any])?["self"] as? String == "/entities/vietnam")
    }

    @Test(arguments: [("Unted States", "united-states"), ("ccpi", "ccpit"), ("Malasia", "malaysia"), ("xi jinpin", "xi-jinping")])
    func misspellingSuggestsTheEntity(_ key: String, _ expected: String) throws {
        let reply = try SeedAPI.get("/entities/\(key)")
        #expect(reply.status == 404)
        let suggestions = (try reply.json()["suggestions"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(suggestions.contains(expected), "\(key): \(suggestions)")
    }

    @Test func farOffKeyHasNoSuggestions() throws {
        let reply = try SeedAPI.get("/entities/xyzzyq")
        #expect(reply.status == 404)
        #expect((try reply.json()["suggestions"] as? [Any])?.isEmpty == true)
    }

    @Test func entityPageRefusesUnknownParameters() throws {
        let reply = try SeedAPI.get("/entities/vietnam?limit=2")
        #expect(reply.status == 400)
        #expect(reply.contentType == APIReply.problemType)
        #expect(try reply.invalidParamNames() == ["limit"])
    }

    // MARK: The list

    @Test func listIsMostMentionedFirst() throws {
        let reply = try SeedAPI.get("/entities?limit=100")
        #expect(reply.status == 200)
        #expect(reply.contentType == APIReply.jsonType)
        let object = try reply.json()
        #expect(object["total"] as? Int == 31)
        let items = try reply.items()
        #expect(items.count == 31)
        #expect(items.prefix(3).compactMap { $0["id"] as? String } == ["china", "united-states", "south-china-sea"])
        #expect(items.prefix(3).compactMap { $0["article_count"] as? Int } == [7, 4, 3])
        let counts = items.compactMap { $0["article_count"] as? Int }
        #expect(counts == counts.sorted(by: >))
        #expect(items.last?["id"] as? String == "russia")
        #expect((object["query"] as? [String: Any])?["sort"] as? String == "-article_count")
        for item in items {
            for key in [
                "id", "name", "type", "aliases", "wikidata_id", "codes", "part_of", "description", "article_count", "links",
            ] {
                #expect(item[key] != nil, "\(item["id"] ?? "") lacks \(key)")
            }
            #expect(item["matched"] == nil)
        }
    }

    @Test func defaultPageIsTwenty() throws {
        let reply = try SeedAPI.get("/entities")
        let object = try reply.json()
        #expect(try reply.items().count == 20)
        #expect(object["limit"] as? Int == 20)
        #expect(object["next"] as? String == "/entities?sort=-article_count&limit=20&offset=20")
        #expect(reply.header("Link") == "</entities?sort=-article_count&limit=20&offset=20>; rel=\"next\"")
    }

    @Test func typeFilter() throws {
        let people = try SeedAPI.get("/entities?type=person")
        #expect(Set(try people.ids()) == ["xi-jinping", "to-lam", "pham-minh-chinh", "elon-musk", "jonathan-reynolds"])
        #expect(try people.items().allSatisfy { $0["type"] as? String == "person" })
        let both = try SeedAPI.get("/entities?type=person&type=place&sort=name")
        #expect(
            try both.items().compactMap { $0["name"] as? String } == [
                "Beijing", "Elon Musk", "Hanoi", "Harbin", "Jonathan Reynolds", "Pham Minh Chinh", "South China Sea",
                "Southeast Asia",
                "To Lam", "West Philippine Sea", "Xi Jinping",
            ])
        #expect((try both.json()["query"] as? [String: Any])?["type"] as? [String] == ["person", "place"])
    }

    @Test func qMatchesAnyNameOrAliasAsASubstring() throws {
        let expected: Set<String> = ["vietnam", "communist-party-of-vietnam", "vietjet", "vcci"]
        #expect(Set(try SeedAPI.get("/entities?q=viet").ids()) == expected)
        #expect(Set(try SeedAPI.get("/entities?q=VI%E1%BB%86T").ids()) == expected)
        #expect(try SeedAPI.get("/entities?q=NSA").ids() == ["national-security-agency"])
        #expect(try SeedAPI.get("/entities?q=washington").ids() == ["united-states"])
        #expect(Set(try SeedAPI.get("/entities?q=viet&type=company").ids()) == ["vietjet"])
        #expect(try SeedAPI.get("/entities?q=zzzz").ids() == [])
    }

    @Test func sortByNameWalksEveryPage() throws {
        let first = try SeedAPI.get("/entities?sort=name&limit=5")
        #expect(
            try first.items().compactMap { $0["name"] as? String }
                == ["Beijing", "British Steel", "Cambodia", "China", "China Council for the Promotion of International Trade"])
        #expect(try first.json()["next"] as? String == "/entities?sort=name&limit=5&offset=5")
        var names: [String] = []
        var target: String? = "/entities?sort=name&limit=7"
        var pages = 0
        while let next = target, pages < 10 {
            let reply = try SeedAPI.get(next)
            let object = try reply.json()
            #expect(object["total"] as? Int == 31)
            names += try reply.items().compactMap { $0["name"] as? String }
            target = object["next"] as? String
            if let target { #expect(reply.header("Link")?.contains("<\(target)>; rel=\"next\"") == true) }
            pages += 1
        }
        #expect(pages == 5)
        #expect(names.count == 31)
        #expect(Set(names).count == 31)
        let keys = names.map(folded)
        #expect(keys == keys.sorted())
    }

    @Test func secondPageHasBothLinks() throws {
        let reply = try SeedAPI.get("/entities?sort=name&limit=5&offset=5")
        #expect(
            try reply.items().compactMap { $0["name"] as? String }
                == ["COMAC", "COMAC C909", "Communist Party of Vietnam", "Elon Musk", "Google"])
        #expect(
            reply.header("Link")
                == "</entities?sort=name&limit=5&offset=10>; rel=\"next\", </entities?sort=name&limit=5&offset=0>; rel=\"prev\"")
    }

    @Test func badListParametersAre400() throws {
        for (target, names) in [
            ("/entities?type=planet", ["type"]), ("/entities?sort=id", ["sort"]), ("/entities?q=", ["q"]),
            ("/entities?limit=0", ["limit"]), ("/entities?name=x", ["name"]),
            ("/entities?type=planet&sort=id&limit=101", ["type", "sort", "limit"]),
        ] {
            let reply = try SeedAPI.get(target)
            #expect(reply.status == 400, "\(target)")
            #expect(reply.contentType == APIReply.problemType, "\(target)")
            #expect(Set(try reply.invalidParamNames()) == Set(names), "\(target)")
            #expect(try reply.invalidParamNames().count == names.count, "\(target)")
        }
    }
}
