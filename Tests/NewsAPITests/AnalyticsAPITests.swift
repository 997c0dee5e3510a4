import Foundation
import Testing

@testable import NewsAPI

/// Issue #14 on the seed corpus: facets, timelines for any question with the stock in force, the
/// co-mention graph and trade flows, claims and sources as resources, the measure filters, one
/// meaning of time, and the data fixes. The "Done when" list is `doneWhen...`.
@Suite struct AnalyticsAPITests {
    private func ok(_ target: String) throws -> [String: Any] {
        let reply = try SeedAPI.get(target)
        #expect(reply.status == 200, "\(target): \(reply.text)")
        #expect(reply.contentType == APIReply.jsonType)
        return try reply.json()
    }

    private func facet(_ object: [String: Any], _ name: String) -> [[String: Any]] {
        (object["facets"] as? [String: Any])?[name] as? [[String: Any]] ?? []
    }

    private func counts(_ entries: [[String: Any]], key: String = "id") -> [String: Int] {
        Dictionary(
            uniqueKeysWithValues: entries.compactMap { entry in
                (entry[key] as? String).map { ($0, entry["count"] as? Int ?? -1) }
            })
    }

    private func total(_ target: String) throws -> Int? {
        try ok(target)["total"] as? Int
    }

    // MARK: Done when

    @Test func doneWhenTariffFacetsCountTheThreeCountries() throws {
        let object = try ok("/articles?q=tariffs&facets=entity,source")
        let entities = counts(facet(object, "entity"))
        for id in ["china", "united-states", "vietnam"] {
            #expect(entities[id] == object["total"] as? Int, "\(id)")
        }
        let sources = counts(facet(object, "source"))
        #expect(sources.values.reduce(0, +) == object["total"] as? Int)
    }

    @Test func doneWhenKindFacetAddsUpToTheTotal() throws {
        for target in [
            "/articles?facets=kind", "/articles?q=china&facets=kind", "/entities/china/articles?facets=kind",
            "/articles?from=2025-04-02&facets=kind",
        ] {
            let object = try ok(target)
            let kinds = counts(facet(object, "kind"), key: "value")
            #expect(kinds.values.reduce(0, +) == object["total"] as? Int, "\(target)")
        }
        #expect(counts(facet(try ok("/articles?facets=kind"), "kind"), key: "value") == ["article": 2, "brief": 5])
    }

    @Test(arguments: ["q=steel", "entity=vietnam", "q=tariffs", "entity=china&kind=brief", "source=cnews-live"])
    func doneWhenMonthlyTimelineMatchesTheArticleTotal(filter: String) throws {
        let buckets = try ok("/timeline?interval=month&\(filter)")["items"] as? [[String: Any]] ?? []
        let april = try #require(buckets.first { $0["start"] as? String == "2025-04-01" })
        #expect(april["articles"] as? Int == (try total("/articles?\(filter)")))
    }

    @Test func doneWhenStockAtTheEndOfAprilIsWhatIsInForceThen() throws {
        let april = try #require((try ok("/timeline?interval=month")["items"] as? [[String: Any]])?.first)
        #expect(april["end"] as? String == "2025-04-30")
        let inForce = try total("/trade-measures?in_force_on=2025-04-30")
        #expect(april["measures_active"] as? Int == inForce)
        #expect(inForce == 6)
        // And for each day of a daily timeline.
        for bucket in try ok("/timeline?interval=day&limit=1000")["items"] as? [[String: Any]] ?? [] {
            let day = try #require(bucket["end"] as? String)
            #expect(bucket["measures_active"] as? Int == (try total("/trade-measures?in_force_on=\(day)")), "\(day)")
        }
    }

    @Test func doneWhenFromKeepsTheAprilBriefs() throws {
        let ids = try SeedAPI.get("/articles?from=2025-04-02").ids()
        #expect(ids.filter { $0.hasPrefix("f82d3cef4f15fde1-b") }.count == 5)
        #expect(ids.count == 7)
    }

    @Test func doneWhenClaimsListsTheTwoDisagreements() throws {
        let object = try ok("/claims")
        #expect(object["total"] as? Int == 2)
        #expect(try SeedAPI.get("/claims").ids() == ["agreements-signed-during-visit", "railway-loans"])
    }

    @Test func doneWhenGraphLinksChinaAndVietnam() throws {
        let graph = try ok("/graph?entity_type=country")
        let nodes = graph["nodes"] as? [[String: Any]] ?? []
        #expect(nodes.allSatisfy { $0["type"] as? String == "country" })
        let edges = graph["edges"] as? [[String: Any]] ?? []
        let edge = edges.first { Set([$0["source"] as? String, $0["target"] as? String]) == Set(["china", "vietnam"]) }
        #expect(edge?["count"] as? Int == 2)
        #expect(edge?["pmi"] is Double)
    }

    // MARK: Facets

    @Test func facetsAreLargestFirstAndLimited() throws {
        let object = try ok("/articles?facets=entity,entity_type,month&facet_limit=3")
        let entities = facet(object, "entity")
        #expect(entities.count == 3)
        #expect(entities.first?["id"] as? String == "china")
        #expect(entities.first?["count"] as? Int == 7)
        let sizes = entities.compactMap { $0["count"] as? Int }
        #expect(sizes == sizes.sorted(by: >))
        #expect(counts(facet(object, "month"), key: "value") == ["2025-04": 7])
        #expect(facet(object, "entity_type").first?["value"] as? String == "country")
        let query = object["query"] as? [String: Any]
        #expect(query?["facets"] as? String == "entity,entity_type,month")
        #expect(query?["facet_limit"] as? Int == 3)
        // Counted over every match, not the page.
        #expect(facet(try ok("/articles?limit=1&facets=kind"), "kind").reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == 7)
        // No facets unless asked.
        #expect(try ok("/articles")["facets"] == nil)
    }

    @Test func entityArticlesTakeFacets() throws {
        let object = try ok("/entities/vietnam/articles?facets=entity,source")
        #expect(counts(facet(object, "entity"))["vietnam"] == 2)
        #expect(counts(facet(object, "source")) == ["cnews-live": 1, "unknown": 1])
    }

    /// An entity's own articles are counted from tables made at load; a filter that keeps the same
    /// articles (`from` long before) walks them instead: the answers must agree.
    @Test(arguments: ["china", "vietnam", "nvidia", "russia"])
    func facetsCountedAtLoadAgreeWithAWalk(entity: String) throws {
        let names = "facets=entity,source,kind&facet_limit=21"
        let precounted = try ok("/articles?entity=\(entity)&\(names)")["facets"] as? NSDictionary
        let walked = try ok("/articles?entity=\(entity)&from=1900-01-01&\(names)")["facets"] as? NSDictionary
        #expect(precounted != nil)
        #expect(precounted == walked)
        let scoped = try ok("/entities/\(entity)/articles?\(names)")["facets"] as? NSDictionary
        #expect(scoped == walked)
    }

    @Test func badFacetsAreNamed() throws {
        let reply = try SeedAPI.get("/articles?facets=entity,colour&facet_limit=101")
        #expect(reply.status == 400)
        #expect(reply.contentType == APIReply.problemType)
        #expect(Set(try reply.invalidParamNames()) == ["facets", "facet_limit"])
        let measures = try SeedAPI.get("/trade-measures?facets=kind")
        #expect(try measures.invalidParamNames() == ["facets"])
    }

    @Test func measureFacets() throws {
        let object = try ok("/trade-measures?facets=measure_type,status,evaluation,implementing,affected&facet_limit=100")
        #expect(counts(facet(object, "status"), key: "value") == ["in_force": 6, "announced": 4, "proposed": 1])
        #expect(counts(facet(object, "evaluation"), key: "value") == ["restrictive": 7, "liberalising": 2, "mixed": 2])
        #expect(counts(facet(object, "measure_type"), key: "value")["technical_barrier_to_trade"] == 1)
        #expect(counts(facet(object, "implementing"))["united-states"] == 4)
        #expect(counts(facet(object, "affected"))["china"] == 7)
    }

    // MARK: One meaning of time

    @Test func everyMeasureSaysWhenItIsInForceAndWhy() throws {
        let items = try SeedAPI.get("/trade-measures?limit=100").items()
        #expect(items.count == 11)
        var origins: [String: String] = [:]
        for item in items {
            let inForce = try #require(item["in_force"] as? [String: Any])
            if let from = inForce["from"] as? [String: Any] {
                origins[item["id"] as? String ?? ""] = from["origin"] as? String
                #expect(from["day"] is String)
                if from["origin"] as? String == "inferred" { #expect(from["article_id"] is String) }
            }
        }
        #expect(origins["us-tariff-145-percent-china"] == "public_record")
        #expect(origins["us-nvidia-h20-export-licence"] == "public_record")
        #expect(origins["vietnam-anti-dumping-chinese-steel"] == "inferred")
        #expect(origins.count == 6)
    }

    @Test func monthDatesAreNeverCountedOnTheFirstDay() throws {
        let days = try ok("/timeline?interval=day")["items"] as? [[String: Any]] ?? []
        let first = try #require(days.first)
        #expect(first["start"] as? String == "2025-04-01")
        #expect(first["articles"] as? Int == 0)
        #expect(first["articles_imprecise"] as? Int == 5)
    }

    @Test func suspendedAndRemovedMeasuresStopBeingInForce() throws {
        let reported = DateValue(value: "2025-04-10", precision: .day, origin: .text)!
        func lifecycle(_ status: MeasureStatus, removed: DateValue? = nil) -> MeasureLifecycle {
            let measure = TradeMeasure(
                id: "m", title: "t", description: "d", measureType: .tariff, status: status,
                evaluation: .restrictive, implementing: ["a"],
                dateInForce: DateValue(value: "2025-03", precision: .month, origin: .external),
                dateRemoved: removed, sources: [.init(articleID: "x", quote: "q")])
            return MeasureLifecycle(measure) { _ in reported }
        }
        let day = { (text: String) in CalendarDay.parseISO8601(text)! }
        // A month-precision in-force date counts from the month's last day.
        #expect(!lifecycle(.inForce).isInForce(on: day("2025-03-30")))
        #expect(lifecycle(.inForce).isInForce(on: day("2025-03-31")))
        #expect(lifecycle(.inForce).isInForce(on: day("2030-01-01")))
        // Suspended with no date: out of force from the latest article reporting it.
        let suspended = lifecycle(.suspended)
        #expect(suspended.isInForce(on: day("2025-04-09")))
        #expect(!suspended.isInForce(on: day("2025-04-10")))
        #expect(suspended.ended?.origin == .inferred)
        let removed = lifecycle(.removed, removed: DateValue(value: "2025-04-05", precision: .day, origin: .text))
        #expect(!removed.isInForce(on: day("2025-04-05")))
        #expect(removed.ended?.origin == .stated)
    }

    // MARK: Measure filters and flows

    @Test func measureFilters() throws {
        #expect(
            try SeedAPI.get("/trade-measures?evaluation=liberalising").ids()
                == ["vietnam-comac-airspace-approval", "vietnam-starlink-market-access"])
        #expect(try SeedAPI.get("/trade-measures?status=proposed&status=announced").ids().count == 5)
        #expect(try SeedAPI.get("/trade-measures?q=chips").ids() == ["us-nvidia-h20-export-licence"])
        #expect(try SeedAPI.get("/trade-measures?q=steel").ids().count == 2)
        #expect(try SeedAPI.get("/trade-measures?affected=malaysia&affected=vietnam").ids() == [])
        #expect(try SeedAPI.get("/trade-measures?affected=malaysia&affected=vietnam&match=any").ids().count == 4)
        #expect(try SeedAPI.get("/trade-measures?affected=malaysia&affected=vietnam&affected_match=any").ids().count == 4)
        #expect(
            try SeedAPI.get("/trade-measures?implementing=china&implementing=vietnam&implementing_match=all").ids()
                == ["ccpit-vcci-origin-certification"])
        let bad = try SeedAPI.get(
            "/trade-measures?evaluation=good&match=some&q=%20&announced_from=2025-05-01&announced_to=2025-04-01")
        #expect(bad.status == 400)
        #expect(Set(try bad.invalidParamNames()) == ["evaluation", "match", "q", "announced_from"])
    }

    @Test func tradeFlows() throws {
        let flows = try SeedAPI.get("/trade-measures/flows").items()
        let first = try #require(flows.first)
        #expect((first["implementing"] as? [String: Any])?["id"] as? String == "vietnam")
        #expect((first["affected"] as? [String: Any])?["id"] as? String == "china")
        #expect(first["measures"] as? Int == 3)
        #expect(first["by_evaluation"] as? [String: Int] == ["restrictive": 1, "liberalising": 1, "mixed": 1])
        let sizes = flows.compactMap { $0["measures"] as? Int }
        #expect(sizes == sizes.sorted(by: >))
        let restrictive = try SeedAPI.get("/trade-measures/flows?evaluation=restrictive&implementing=united-states").items()
        #expect(restrictive.allSatisfy { ($0["implementing"] as? [String: Any])?["id"] as? String == "united-states" })
        #expect(restrictive.first?["measures"] as? Int == 2)
    }

    // MARK: Claims and sources

    @Test func claimsHaveTheirVersionsAndEntities() throws {
        let claim = try ok("/claims/railway-loans")
        #expect((claim["entities"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["china", "vietnam"])
        let versions = claim["versions"] as? [[String: Any]] ?? []
        #expect(versions.count == 2)
        #expect(versions.allSatisfy { ($0["quote"] as? String)?.isEmpty == false && $0["statement"] is String })
        #expect(try SeedAPI.get("/claims?entity=xi-jinping").ids() == ["agreements-signed-during-visit"])
        #expect(try SeedAPI.get("/claims?article=f82d3cef4f15fde1").ids().count == 2)
        #expect(try SeedAPI.get("/claims?q=railway").ids() == ["railway-loans"])
        #expect(try SeedAPI.get("/claims/nope").status == 404)
        #expect(try SeedAPI.get("/claims?article=nope&entity=vietnm").invalidParamNames().sorted() == ["article", "entity"])
        let entity = try ok("/entities/vietnam")
        #expect(
            (entity["claims"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
                == ["agreements-signed-during-visit", "railway-loans"])
    }

    @Test func sourcesHaveCountsAndDates() throws {
        let items = try SeedAPI.get("/sources").items()
        #expect(items.compactMap { $0["id"] as? String } == ["unknown", "cnews-live"])
        #expect(items.compactMap { $0["article_count"] as? Int } == [6, 1])
        let unknown = try ok("/sources/unknown")
        #expect((unknown["first_published"] as? [String: Any])?["value"] as? String == "2025-04")
        #expect((unknown["last_published"] as? [String: Any])?["value"] as? String == "2025-04-14")
        #expect(try SeedAPI.get("/sources/nope").status == 404)
    }

    @Test func graphScoresAreDocumentedPMI() throws {
        let graph = try ok("/graph?entity=vietnam&limit=5")
        #expect(graph["articles"] as? Int == 2)
        let nodes = graph["nodes"] as? [[String: Any]] ?? []
        #expect(nodes.count == 5)
        #expect(nodes.first?["articles"] as? Int == 2)
        for edge in graph["edges"] as? [[String: Any]] ?? [] {
            let npmi = try #require(edge["npmi"] as? Double)
            #expect(npmi >= -1 && npmi <= 1)
        }
        #expect(try SeedAPI.get("/graph?limit=0&entity_type=planet").invalidParamNames().sorted() == ["entity_type", "limit"])
    }

    // MARK: Data fixes

    @Test func dataFixes() throws {
        let malaysia = try ok("/trade-measures/us-tariffs-malaysia-cambodia")
        let quote = (malaysia["sources"] as? [[String: Any]])?.first?["quote"] as? String
        #expect(quote?.hasPrefix("Both are seeking relief from high duties") == true)
        #expect(
            try ok("/trade-measures/china-ev-battery-safety-standards")["measure_type"] as? String
                == "technical_barrier_to_trade")
        // Russia is named only in a section label, which linking never scans: the label is the site's
        // navigation ("China - Russia" above a brief about Nvidia), not what the brief says.
        #expect(try ok("/entities/russia")["article_count"] as? Int == 0)
    }
}
