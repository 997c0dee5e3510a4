import Foundation
import Testing

@testable import NewsAPI

/// `/trade-measures` and `/trade-measures/{id}` over the seed corpus's eleven measures.
@Suite struct TradeMeasuresAPITests {
    static let undated: Set<String> = [
        "china-ev-battery-safety-standards", "uk-british-steel-chinese-investment-scrutiny", "vietnam-anti-dumping-chinese-steel",
        "vietnam-comac-airspace-approval", "vietnam-made-in-vietnam-origin-rules", "vietnam-starlink-market-access",
    ]

    private func announced(_ item: [String: Any]) -> String? {
        (item["date_announced"] as? [String: Any])?["value"] as? String
    }

    // MARK: Order

    @Test func listIsMostRecentlyAnnouncedFirstUndatedLast() throws {
        let reply = try SeedAPI.get("/trade-measures")
        #expect(reply.status == 200)
        #expect(reply.contentType == APIReply.jsonType)
        let object = try reply.json()
        #expect(object["total"] as? Int == 11)
        #expect((object["query"] as? [String: Any])?["sort"] as? String == "-date_announced")
        let items = try reply.items()
        let ids = items.compactMap { $0["id"] as? String }
        #expect(
            Array(ids.prefix(3)) == [
                "us-nvidia-h20-export-licence", "ccpit-vcci-origin-certification", "us-tariff-145-percent-china",
            ])
        #expect(Set(ids[3..<5]) == ["us-proposed-tariffs-vietnam", "us-tariffs-malaysia-cambodia"])
        #expect(Set(ids.suffix(6)) == TradeMeasuresAPITests.undated)
        #expect(items.suffix(6).allSatisfy { $0["date_announced"] is NSNull })
        #expect(items.prefix(5).compactMap(announced) == ["2025-04-15", "2025-04-14", "2025-04-10", "2025-04-02", "2025-04-02"])
    }

    @Test func oldestFirstStillPutsUndatedLast() throws {
        let items = try SeedAPI.get("/trade-measures?sort=date_announced").items()
        #expect(items.prefix(5).compactMap(announced) == ["2025-04-02", "2025-04-02", "2025-04-10", "2025-04-14", "2025-04-15"])
        #expect(Set(items.suffix(6).compactMap { $0["id"] as? String }) == TradeMeasuresAPITests.undated)
    }

    @Test func summaryHasEveryField() throws {
        let items = try SeedAPI.get("/trade-measures").items()
        for item in items {
            for key in [
                "id", "title", "measure_type", "status", "evaluation", "implementing", "affected", "rate",
                "date_announced", "date_in_force", "date_removed", "links",
            ] {
                #expect(item[key] != nil, "\(item["id"] ?? "") lacks \(key)")
            }
            #expect(item["sources"] == nil)
            let id = item["id"] as? String ?? ""
            #expect((item["links"] as? [String: Any])?["self"] as? String == "/trade-measures/\(id)")
        }
    }

    // MARK: Filters

    @Test func implementingTakesAnAlias() throws {
        let reply = try SeedAPI.get("/trade-measures?implementing=US")
        #expect(reply.status == 200)
        let ids = try reply.ids()
        #expect(ids.count == 4)
        #expect(Array(ids.prefix(2)) == ["us-nvidia-h20-export-licence", "us-tariff-145-percent-china"])
        #expect(Set(ids.suffix(2)) == ["us-proposed-tariffs-vietnam", "us-tariffs-malaysia-cambodia"])
        #expect((try reply.json()["query"] as? [String: Any])?["implementing"] as? [String] == ["united-states"])
        for item in try reply.items() {
            let implementing = (item["implementing"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(implementing.contains("united-states"))
        }
        #expect(try SeedAPI.get("/trade-measures?implementing=U.S.").ids() == reply.ids())
        #expect(try SeedAPI.get("/trade-measures?implementing=Washington").ids() == reply.ids())
    }

    @Test func implementingAndAffectedCombine() throws {
        #expect(
            try SeedAPI.get("/trade-measures?implementing=United+States&affected=china").ids()
                == ["us-nvidia-h20-export-licence", "us-tariff-145-percent-china"])
        #expect(try SeedAPI.get("/trade-measures?affected=china&affected=vietnam").ids() == ["ccpit-vcci-origin-certification"])
        #expect(
            try SeedAPI.get("/trade-measures?implementing=united-kingdom").ids() == [
                "uk-british-steel-chinese-investment-scrutiny"
            ])
    }

    @Test func affectedChina() throws {
        // Beijing is a place in China now, not one of its names.
        #expect(try SeedAPI.get("/trade-measures?affected=Beijing").ids() == [])
        let reply = try SeedAPI.get("/trade-measures?affected=PRC")
        #expect(
            Set(try reply.ids()) == [
                "us-nvidia-h20-export-licence", "ccpit-vcci-origin-certification", "us-tariff-145-percent-china",
                "china-ev-battery-safety-standards", "uk-british-steel-chinese-investment-scrutiny",
                "vietnam-anti-dumping-chinese-steel", "vietnam-comac-airspace-approval",
            ])
        #expect((try reply.json()["query"] as? [String: Any])?["affected"] as? [String] == ["china"])
    }

    @Test func measureTypeTakesAnyOfSeveral() throws {
        let reply = try SeedAPI.get("/trade-measures?measure_type=tariff&measure_type=export_control")
        #expect(
            Set(try reply.ids()) == [
                "us-nvidia-h20-export-licence", "us-tariff-145-percent-china", "us-proposed-tariffs-vietnam",
                "us-tariffs-malaysia-cambodia",
            ])
        #expect(try reply.items().allSatisfy { ["tariff", "export_control"].contains($0["measure_type"] as? String ?? "") })
        #expect(
            Set(try SeedAPI.get("/trade-measures?measure_type=rules_of_origin").ids())
                == ["ccpit-vcci-origin-certification", "vietnam-made-in-vietnam-origin-rules"])
        #expect(try SeedAPI.get("/trade-measures?measure_type=safeguard").ids() == [])
    }

    @Test func statusFilter() throws {
        #expect(try SeedAPI.get("/trade-measures?status=proposed").ids() == ["us-proposed-tariffs-vietnam"])
        let either = try SeedAPI.get("/trade-measures?status=proposed&status=announced").items()
        #expect(
            Set(either.compactMap { $0["id"] as? String }) == [
                "us-proposed-tariffs-vietnam", "ccpit-vcci-origin-certification", "us-tariffs-malaysia-cambodia",
                "china-ev-battery-safety-standards", "uk-british-steel-chinese-investment-scrutiny",
            ])
        #expect(either.allSatisfy { ["proposed", "announced"].contains($0["status"] as? String ?? "") })
        #expect(try SeedAPI.get("/trade-measures?status=removed").ids() == [])
    }

    @Test func inForceOnListsOnlyMeasuresInForce() throws {
        let reply = try SeedAPI.get("/trade-measures?in_force_on=2025-04-15")
        #expect(reply.status == 200)
        let items = try reply.items()
        let ids = items.compactMap { $0["id"] as? String }
        #expect(ids.contains("us-tariff-145-percent-china"))
        #expect(items.allSatisfy { $0["status"] as? String == "in_force" })
        #expect((try reply.json()["query"] as? [String: Any])?["in_force_on"] as? String == "2025-04-15")
        // Nothing the corpus reports was in force before any article of it.
        #expect(try SeedAPI.get("/trade-measures?in_force_on=2024-01-01").ids() == [])
    }

    /// An in-force day inferred from an article is never before the announcement; a stated or
    /// public-record one may be (the H20 licence applied from 9 April, Nvidia disclosed it on the 15th).
    @Test
    func noMeasureIsInForceBeforeItIsAnnounced() throws {
        for day in ["2025-04-01", "2025-04-05", "2025-04-12", "2025-04-14"] {
            for item in try SeedAPI.get("/trade-measures?in_force_on=\(day)").items() {
                let start = (item["in_force"] as? [String: Any])?["from"] as? [String: Any]
                if let announced = announced(item), start?["origin"] as? String == "inferred" {
                    #expect(announced <= day, "\(item["id"] ?? "") is in force on \(day) but announced on \(announced)")
                }
            }
        }
    }

    /// `from`/`to` keep a measure announced, coming into force or stopping in the period, or in force
    /// during it; `announced_from`/`in_force_from`/`removed_from` (and `_to`) test one lifecycle date.
    @Test func fromAndToCoverEveryLifecycleDate() throws {
        #expect(
            try SeedAPI.get("/trade-measures?from=2025-04-10&to=2025-04-14").ids() == [
                "us-nvidia-h20-export-licence", "ccpit-vcci-origin-certification", "us-tariff-145-percent-china",
                "vietnam-anti-dumping-chinese-steel", "vietnam-comac-airspace-approval", "vietnam-starlink-market-access",
            ])
        #expect(
            try SeedAPI.get("/trade-measures?announced_from=2025-04-10&announced_to=2025-04-14").ids()
                == ["ccpit-vcci-origin-certification", "us-tariff-145-percent-china"])
        #expect(
            try SeedAPI.get("/trade-measures?announced_from=2025-04-10").ids()
                == ["us-nvidia-h20-export-licence", "ccpit-vcci-origin-certification", "us-tariff-145-percent-china"])
        #expect(
            try SeedAPI.get("/trade-measures?in_force_from=2025-04-09&in_force_to=2025-04-10").ids()
                == ["us-nvidia-h20-export-licence", "us-tariff-145-percent-china"])
        #expect(try SeedAPI.get("/trade-measures?removed_from=2025-01-01").ids() == [])
        // Measures with no date in the period and not in force during it are left out.
        #expect(
            Set(try SeedAPI.get("/trade-measures?to=2025-04-02").ids()) == [
                "us-proposed-tariffs-vietnam", "us-tariffs-malaysia-cambodia",
            ])
        // After the last date: what is still in force.
        #expect(
            Set(try SeedAPI.get("/trade-measures?from=2025-04-16").ids())
                == Set(try SeedAPI.get("/trade-measures?in_force_on=2025-04-16").ids()))
        #expect(try SeedAPI.get("/trade-measures?from=2025-04-16").ids().count == 6)
    }

    @Test func badFilterValuesAreEachNamed() throws {
        let reply = try SeedAPI.get(
            "/trade-measures?implementing=atlantis&measure_type=tarif&status=x&sort=y&in_force_on=z&from=2025-05-01&to=2025-04-01&foo=1"
        )
        #expect(reply.status == 400)
        #expect(reply.contentType == APIReply.problemType)
        let names = try reply.invalidParamNames()
        #expect(Set(names) == ["implementing", "measure_type", "status", "sort", "in_force_on", "from", "foo"])
        #expect(names.count == 7)
        let unknown = try SeedAPI.get("/trade-measures?affected=vietnm")
        #expect(unknown.status == 400)
        #expect(try unknown.invalidParamReason("affected")?.contains("vietnam") == true)
    }

    @Test func pagesDoNotOverlap() throws {
        let first = try SeedAPI.get("/trade-measures?limit=4")
        let firstObject = try first.json()
        #expect(firstObject["total"] as? Int == 11)
        let next = try #require(firstObject["next"] as? String)
        #expect(next == "/trade-measures?sort=-date_announced&limit=4&offset=4")
        #expect(first.header("Link") == "<\(next)>; rel=\"next\"")
        let second = try SeedAPI.get(next)
        let third = try SeedAPI.get(try #require(try second.json()["next"] as? String))
        #expect(try third.json()["next"] is NSNull)
        let all = try first.ids() + second.ids() + third.ids()
        #expect(try all == SeedAPI.get("/trade-measures?limit=100").ids())
        #expect(Set(all).count == 11)
    }

    // MARK: One measure

    @Test func measureWithRateAndDate() throws {
        let reply = try SeedAPI.get("/trade-measures/us-tariff-145-percent-china")
        #expect(reply.status == 200)
        #expect(reply.contentType == APIReply.jsonType)
        let measure = try reply.json()
        #expect(measure["title"] as? String == "US 145% tariff on Chinese goods")
        #expect(measure["measure_type"] as? String == "tariff")
        #expect(measure["status"] as? String == "in_force")
        #expect(measure["evaluation"] as? String == "restrictive")
        let rate = measure["rate"] as? [String: Any]
        #expect(rate?["value"] as? Double == 145)
        #expect(rate?["unit"] as? String == "percent")
        #expect(rate?["qualifier"] as? String == "exact")
        let date = measure["date_announced"] as? [String: Any]
        #expect(date?["value"] as? String == "2025-04-10")
        #expect(date?["precision"] as? String == "day")
        #expect(date?["origin"] as? String == "external")
        let inForce = measure["date_in_force"] as? [String: Any]
        #expect(inForce?["value"] as? String == "2025-04-10")
        #expect(inForce?["origin"] as? String == "external")
        #expect(measure["date_removed"] is NSNull)
        let lifecycle = measure["in_force"] as? [String: Any]
        let from = lifecycle?["from"] as? [String: Any]
        #expect(from?["day"] as? String == "2025-04-10")
        #expect(from?["origin"] as? String == "public_record")
        #expect(lifecycle?["until"] is NSNull)
        let implementing = measure["implementing"] as? [[String: Any]] ?? []
        #expect(implementing.count == 1)
        #expect(implementing.first?["id"] as? String == "united-states")
        #expect(implementing.first?["name"] as? String == "United States")
        #expect(implementing.first?["type"] as? String == "country")
        #expect((implementing.first?["links"] as? [String: Any])?["self"] as? String == "/entities/united-states")
        #expect((measure["affected"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["china"])
        #expect(measure["products"] as? [String] == ["goods imported from China"])
        #expect((measure["targeted_firms"] as? [Any])?.isEmpty == true)
        #expect((measure["description"] as? String)?.isEmpty == false)

        let sources = measure["sources"] as? [[String: Any]] ?? []
        #expect(sources.count == 1)
        let source = try #require(sources.first)
        #expect(source["article_id"] as? String == "d679149af95f4c6c")
        #expect(
            source["article_title"] as? String
                == "China and Vietnam Forge Closer Ties Amid Rising Trade Tensions with the United States")
        #expect(source["quote"] as? String == "The United States recently imposed a 145 percent tariff on Chinese goods")
        #expect((source["links"] as? [String: Any])?["article"] as? String == "/articles/d679149af95f4c6c")
    }

    @Test func everySourceQuoteIsInItsArticle() throws {
        for id in try SeedAPI.get("/trade-measures?limit=100").ids() {
            let measure = try SeedAPI.get("/trade-measures/\(id)").json()
            let sources = measure["sources"] as? [[String: Any]] ?? []
            #expect(!sources.isEmpty, "\(id)")
            for source in sources {
                let link = try #require((source["links"] as? [String: Any])?["article"] as? String)
                let article = try SeedAPI.get(link).json()
                #expect(source["article_title"] as? String == article["title"] as? String, "\(id)")
                let quote = try #require(source["quote"] as? String)
                let text = (article["title"] as? String ?? "") + "\n" + (article["body"] as? String ?? "")
                #expect(text.contains(quote), "\(id): quote not in \(link)")
            }
        }
    }

    @Test func measureWithTwoSourcesAndATargetedFirm() throws {
        let measure = try SeedAPI.get("/trade-measures/vietnam-comac-airspace-approval").json()
        #expect(measure["rate"] is NSNull)
        #expect(measure["date_announced"] is NSNull)
        #expect(measure["evaluation"] as? String == "liberalising")
        #expect((measure["targeted_firms"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["comac"])
        #expect(measure["products"] as? [String] == ["passenger aircraft", "COMAC C909"])
        let sources = measure["sources"] as? [[String: Any]] ?? []
        #expect(sources.compactMap { $0["article_id"] as? String } == ["d679149af95f4c6c", "f82d3cef4f15fde1"])
        #expect(
            sources.last?["article_title"] as? String
                == "Chinese President Xi Jinping visited Hanoi on Monday to strengthen economic ties with Vietnam")
    }

    @Test func unknownMeasureIs404() throws {
        let reply = try SeedAPI.get("/trade-measures/no-such-measure")
        #expect(reply.status == 404)
        #expect(reply.contentType == APIReply.problemType)
        let problem = try reply.json()
        #expect(problem["type"] as? String == "about:blank")
        #expect(problem["status"] as? Int == 404)
        #expect((problem["detail"] as? String)?.contains("no-such-measure") == true)
    }

    @Test func measureRefusesUnknownParameters() throws {
        let reply = try SeedAPI.get("/trade-measures/us-tariff-145-percent-china?status=in_force")
        #expect(reply.status == 400)
        #expect(try reply.invalidParamNames() == ["status"])
    }
}
