import Foundation
import Testing

@testable import NewsAPI

/// `/timeline` over the seed corpus: seven article events, five announcements, six measures coming into
/// force and two disputed claims in April 2025, listed or counted per day, week or month.
@Suite struct TimelineAPITests {
    /// The day an event counts on: a month-precision date counts as the month's first day.
    private func day(_ event: [String: Any]) -> String {
        let value = (event["date"] as? [String: Any])?["value"] as? String ?? ""
        switch value.count {
        case 4: return value + "-01-01"
        case 7: return value + "-01"
        default: return value
        }
    }

    /// The id of the article, measure or claim an event is about.
    private func subject(_ event: [String: Any]) -> String? {
        ((event["article"] ?? event["trade_measure"] ?? event["claim"]) as? [String: Any])?["id"] as? String
    }

    private func events(_ target: String) throws -> [[String: Any]] {
        let reply = try SeedAPI.get(target)
        #expect(reply.status == 200, "\(target)")
        return try reply.items()
    }

    // MARK: Events

    @Test func eventsAreOldestFirst() throws {
        let reply = try SeedAPI.get("/timeline")
        #expect(reply.status == 200)
        #expect(reply.contentType == APIReply.jsonType)
        let object = try reply.json()
        #expect(object["total"] as? Int == 20)
        #expect(object["limit"] as? Int == 20)
        #expect((object["query"] as? [String: Any])?["sort"] as? String == "date")
        let items = try reply.items()
        #expect(items.count == 20)
        let days = items.map(day)
        #expect(days == days.sorted())
        #expect(days.first == "2025-04-01")
        #expect(days.last == "2025-04-15")
        #expect(items.filter { $0["event"] as? String == "article_published" }.count == 7)
        #expect(items.filter { $0["event"] as? String == "measure_announced" }.count == 5)
        #expect(items.filter { $0["event"] as? String == "measure_in_force" }.count == 6)
        #expect(items.filter { $0["event"] as? String == "claim_disputed" }.count == 2)
        #expect(
            Set(items.prefix(5).compactMap(subject)) == [
                "f82d3cef4f15fde1-b1", "f82d3cef4f15fde1-b2", "f82d3cef4f15fde1-b3", "f82d3cef4f15fde1-b4", "f82d3cef4f15fde1-b5",
            ])
        // The H20 licence was in force from 9 April (public record), before Nvidia disclosed it.
        #expect(items[7]["event"] as? String == "measure_in_force")
        #expect(subject(items[7]) == "us-nvidia-h20-export-licence")
        #expect(items[7]["origin"] as? String == "public_record")
        #expect(items[8]["event"] as? String == "measure_announced")
        #expect(subject(items[8]) == "us-tariff-145-percent-china")
    }

    @Test func eventsCarryWhatTheyAreAbout() throws {
        for event in try events("/timeline?limit=100") {
            let date = event["date"] as? [String: Any]
            #expect(date?["value"] is String)
            #expect(date?["precision"] is String)
            #expect(date?["origin"] is String)
            let link = (event["links"] as? [String: Any])?["self"] as? String
            switch event["event"] as? String {
            case "article_published":
                let article = try #require(event["article"] as? [String: Any])
                let id = try #require(article["id"] as? String)
                #expect(article["kind"] is String)
                #expect(article["title"] is String)
                #expect(link == "/articles/\(id)")
                #expect(event["trade_measure"] == nil)
            case "measure_announced", "measure_in_force":
                #expect(["stated", "public_record", "inferred"].contains(event["origin"] as? String ?? ""))
                let measure = try #require(event["trade_measure"] as? [String: Any])
                let id = try #require(measure["id"] as? String)
                #expect(measure["title"] is String)
                #expect(measure["measure_type"] is String)
                #expect(measure["status"] is String)
                #expect(link == "/trade-measures/\(id)")
                #expect(event["article"] == nil)
            case "claim_disputed":
                let claim = try #require(event["claim"] as? [String: Any])
                let id = try #require(claim["id"] as? String)
                #expect(claim["topic"] is String)
                #expect(link == "/claims/\(id)")
            default:
                Issue.record("unexpected event \(event["event"] ?? "nil")")
            }
            #expect(try SeedAPI.get(try #require(link)).status == 200)
        }
    }

    @Test func articleEventHasThePublicationDate() throws {
        let event = try events("/timeline?event=article_published").first { subject($0) == "d679149af95f4c6c" }
        let date = event?["date"] as? [String: Any]
        #expect(date?["value"] as? String == "2025-04-15")
        #expect(date?["precision"] as? String == "day")
        #expect((event?["article"] as? [String: Any])?["kind"] as? String == "article")
        #expect(
            (event?["article"] as? [String: Any])?["title"] as? String
                == "China and Vietnam Forge Closer Ties Amid Rising Trade Tensions with the United States")
    }

    @Test func newestFirstReversesTheOrder() throws {
        let items = try events("/timeline?sort=-date&limit=100")
        #expect(items.count == 20)
        let days = items.map(day)
        #expect(days == days.sorted(by: >))
        #expect(days.first == "2025-04-15")
        let ascending = try events("/timeline?limit=100")
        #expect(Set(items.compactMap(subject)) == Set(ascending.compactMap(subject)))
        let paged = try SeedAPI.get("/timeline?sort=-date&limit=3")
        #expect(try paged.json()["next"] as? String == "/timeline?sort=-date&limit=3&offset=3")
        #expect(paged.header("Link") == "</timeline?sort=-date&limit=3&offset=3>; rel=\"next\"")
    }

    @Test func eventFilter() throws {
        let announced = try events("/timeline?event=measure_announced")
        #expect(announced.count == 5)
        #expect(announced.allSatisfy { $0["event"] as? String == "measure_announced" })
        let ids = announced.compactMap(subject)
        #expect(Set(ids.prefix(2)) == ["us-proposed-tariffs-vietnam", "us-tariffs-malaysia-cambodia"])
        #expect(
            Array(ids.suffix(3)) == [
                "us-tariff-145-percent-china", "ccpit-vcci-origin-certification", "us-nvidia-h20-export-licence",
            ])
        let articles = try events("/timeline?event=article_published")
        #expect(articles.count == 7)
        #expect(articles.allSatisfy { $0["article"] != nil })
        #expect(try events("/timeline?event=article_published&event=measure_announced").count == 12)
        #expect(try events("/timeline?event=measure_in_force").count == 6)
    }

    @Test func entityFilterCoversArticlesAndMeasures() throws {
        let nvidia = try events("/timeline?entity=nvidia")
        #expect(
            nvidia.compactMap(subject) == ["f82d3cef4f15fde1-b1", "us-nvidia-h20-export-licence", "us-nvidia-h20-export-licence"])
        let reply = try SeedAPI.get("/timeline?entity=Vietnam")
        #expect((try reply.json()["query"] as? [String: Any])?["entity"] as? [String] == ["vietnam"])
        #expect(
            try reply.items().compactMap(subject)
                == [
                    "us-proposed-tariffs-vietnam", "f82d3cef4f15fde1", "ccpit-vcci-origin-certification",
                    "vietnam-anti-dumping-chinese-steel", "vietnam-comac-airspace-approval", "vietnam-starlink-market-access",
                    "d679149af95f4c6c", "vietnam-made-in-vietnam-origin-rules", "agreements-signed-during-visit", "railway-loans",
                ])
        // Several entities: all must match.
        #expect(try events("/timeline?entity=nvidia&entity=vietnam").isEmpty)
        let unknown = try SeedAPI.get("/timeline?entity=vietnm")
        #expect(unknown.status == 400)
        #expect(try unknown.invalidParamNames() == ["entity"])
    }

    @Test func measureTypeFilterLeavesArticlesAlone() throws {
        let items = try events("/timeline?measure_type=tariff")
        #expect(items.count == 13)
        #expect(items.filter { $0["event"] as? String == "article_published" }.count == 7)
        let measures = items.compactMap { $0["trade_measure"] as? [String: Any] }
        #expect(measures.count == 4)
        #expect(measures.allSatisfy { $0["measure_type"] as? String == "tariff" })
        #expect(
            try events("/timeline?measure_type=export_control&event=measure_announced").compactMap(subject)
                == ["us-nvidia-h20-export-licence"])
    }

    @Test func fromAndToBoundTheEvents() throws {
        // The April briefs are dated by month: their range overlaps the period, so they are kept.
        let items = try events("/timeline?from=2025-04-10&to=2025-04-14")
        #expect(
            items.compactMap(subject) == [
                "f82d3cef4f15fde1-b5", "f82d3cef4f15fde1-b4", "f82d3cef4f15fde1-b3", "f82d3cef4f15fde1-b2", "f82d3cef4f15fde1-b1",
                "us-tariff-145-percent-china", "us-tariff-145-percent-china", "f82d3cef4f15fde1",
                "ccpit-vcci-origin-certification",
                "vietnam-anti-dumping-chinese-steel", "vietnam-comac-airspace-approval", "vietnam-starlink-market-access",
            ])
        let reversed = try SeedAPI.get("/timeline?from=2025-04-15&to=2025-04-10")
        #expect(reversed.status == 400)
        #expect(try reversed.invalidParamNames() == ["from"])
    }

    // MARK: Counted per period

    @Test func monthBucketsAddUpToTheEvents() throws {
        let reply = try SeedAPI.get("/timeline?interval=month")
        #expect(reply.status == 200)
        let object = try reply.json()
        #expect(object["limit"] as? Int == 100)
        #expect(object["total"] as? Int == 1)
        #expect((object["query"] as? [String: Any])?["interval"] as? String == "month")
        let buckets = try reply.items()
        #expect(buckets.count == 1)
        let april = try #require(buckets.first)
        #expect(april["start"] as? String == "2025-04-01")
        #expect(april["end"] as? String == "2025-04-30")
        #expect(april["articles"] as? Int == 7)
        #expect(april["measures_announced"] as? Int == 5)
        #expect(april["measures_in_force"] as? Int == 6)
        #expect(april["measures_removed"] as? Int == 0)
        #expect(april["measures_active"] as? Int == 6)
        #expect(april["articles_imprecise"] as? Int == 0)
        #expect(april["claims"] as? Int == 2)
        let total = buckets.reduce(0) { sum, bucket in
            sum
                + ["articles", "measures_announced", "measures_in_force", "measures_removed", "claims"].reduce(0) {
                    $0 + (bucket[$1] as? Int ?? 0)
                }
        }
        #expect(try total == SeedAPI.get("/timeline").json()["total"] as? Int)
    }

    @Test func monthBucketsIncludeEmptyMonthsInRange() throws {
        let buckets = try events("/timeline?interval=month&from=2025-03-15&to=2025-05-02")
        #expect(buckets.compactMap { $0["start"] as? String } == ["2025-03-01", "2025-04-01", "2025-05-01"])
        #expect(buckets.compactMap { $0["end"] as? String } == ["2025-03-31", "2025-04-30", "2025-05-31"])
        #expect(buckets.compactMap { $0["articles"] as? Int } == [0, 7, 0])
        #expect(buckets.compactMap { $0["measures_announced"] as? Int } == [0, 5, 0])
    }

    @Test func weekBucketsAreContiguousMondayStartWeeks() throws {
        let buckets = try events("/timeline?interval=week")
        #expect(buckets.compactMap { $0["start"] as? String } == ["2025-03-31", "2025-04-07", "2025-04-14"])
        var previousEnd: Int?
        for bucket in buckets {
            let start = try #require((bucket["start"] as? String).flatMap(dayNumber))
            let end = try #require((bucket["end"] as? String).flatMap(dayNumber))
            #expect(isoWeekday(bucket["start"] as? String ?? "") == 1, "\(bucket["start"] ?? "") is not a Monday")
            #expect(end - start == 6)
            if let previousEnd { #expect(start == previousEnd + 1) }
            previousEnd = end
        }
        // The briefs are dated only to April: never placed in a week, counted as imprecise in each
        // week April overlaps.
        #expect(buckets.compactMap { $0["articles"] as? Int } == [0, 0, 2])
        #expect(buckets.compactMap { $0["articles_imprecise"] as? Int } == [5, 5, 5])
        #expect(buckets.compactMap { $0["measures_announced"] as? Int } == [2, 1, 2])
        #expect(buckets.compactMap { $0["measures_in_force"] as? Int } == [0, 2, 4])
        #expect(buckets.compactMap { $0["measures_active"] as? Int } == [0, 2, 6])
        #expect(buckets.reduce(0) { $0 + ($1["measures_announced"] as? Int ?? 0) } == 5)

        let newestFirst = try events("/timeline?interval=week&sort=-date")
        #expect(newestFirst.compactMap { $0["start"] as? String } == ["2025-04-14", "2025-04-07", "2025-03-31"])
    }

    @Test func dayBucketsCoverEveryDayAndPage() throws {
        let reply = try SeedAPI.get("/timeline?interval=day&limit=3")
        let object = try reply.json()
        #expect(object["total"] as? Int == 15)
        let buckets = try reply.items()
        #expect(buckets.compactMap { $0["start"] as? String } == ["2025-04-01", "2025-04-02", "2025-04-03"])
        #expect(buckets.allSatisfy { $0["start"] as? String == $0["end"] as? String })
        #expect(buckets.compactMap { $0["articles"] as? Int } == [0, 0, 0])
        #expect(buckets.compactMap { $0["articles_imprecise"] as? Int } == [5, 5, 5])
        #expect(buckets.compactMap { $0["measures_announced"] as? Int } == [0, 2, 0])
        #expect(object["next"] as? String == "/timeline?interval=day&sort=date&limit=3&offset=3")
        let all = try events("/timeline?interval=day")
        #expect(all.count == 15)
        #expect(all.reduce(0) { $0 + ($1["articles"] as? Int ?? 0) + ($1["measures_announced"] as? Int ?? 0) } == 7)
    }

    @Test func tooManyDaysIs400NamingInterval() throws {
        let reply = try SeedAPI.get("/timeline?interval=day&from=1900-01-01&to=2100-12-31")
        #expect(reply.status == 400)
        #expect(reply.contentType == APIReply.problemType)
        #expect(try reply.invalidParamNames() == ["interval"])
        // The same range by month is fine.
        let months = try SeedAPI.get("/timeline?interval=month&from=1900-01-01&to=2100-12-31&limit=1")
        #expect(months.status == 200)
        #expect(try months.json()["total"] as? Int == 201 * 12)
    }

    @Test func intervalAllowsALargerLimit() throws {
        #expect(try SeedAPI.get("/timeline?interval=day&limit=1000").status == 200)
        let tooMany = try SeedAPI.get("/timeline?interval=day&limit=1001")
        #expect(tooMany.status == 400)
        #expect(try tooMany.invalidParamNames() == ["limit"])
        let eventsTooMany = try SeedAPI.get("/timeline?limit=101")
        #expect(eventsTooMany.status == 400)
        #expect(try eventsTooMany.invalidParamNames() == ["limit"])
    }

    @Test func badTimelineParametersAreEachNamed() throws {
        let reply = try SeedAPI.get(
            "/timeline?interval=year&sort=date_announced&event=published&measure_type=tarif&from=x&bogus=1")
        #expect(reply.status == 400)
        #expect(reply.contentType == APIReply.problemType)
        let names = try reply.invalidParamNames()
        #expect(Set(names) == ["interval", "sort", "event", "measure_type", "from", "bogus"])
        #expect(names.count == 6)
    }

    @Test func offsetBeyondTheEventsIsEmpty() throws {
        let reply = try SeedAPI.get("/timeline?offset=100")
        #expect(reply.status == 200)
        #expect(try reply.items().isEmpty)
        #expect(try reply.json()["total"] as? Int == 20)
        #expect(try reply.json()["next"] is NSNull)
    }
}
