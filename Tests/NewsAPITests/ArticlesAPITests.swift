import Foundation
import Testing

@testable import NewsAPI

/// `/articles`, `/articles/{id}` and `/entities/{key}/articles` over the seed corpus: search, filters,
/// paging, and entity linking as a client sees it.
@Suite struct ArticlesAPITests {
    static let newestFirst = [
        "d679149af95f4c6c", "f82d3cef4f15fde1", "f82d3cef4f15fde1-b1", "f82d3cef4f15fde1-b2",
        "f82d3cef4f15fde1-b3", "f82d3cef4f15fde1-b4", "f82d3cef4f15fde1-b5",
    ]
    static let briefs = Set(newestFirst.dropFirst(2))

    // MARK: Listing and order

    @Test func listIsNewestFirstWithTheEnvelope() throws {
        let reply = try SeedAPI.get("/articles")
        #expect(reply.status == 200)
        #expect(reply.contentType == APIReply.jsonType)
        #expect(reply.header("Link") == nil)
        let object = try reply.json()
        #expect(try reply.ids() == ArticlesAPITests.newestFirst)
        #expect(object["total"] as? Int == 7)
        #expect(object["limit"] as? Int == 20)
        #expect(object["offset"] as? Int == 0)
        #expect(object["next"] is NSNull)
        #expect(object["prev"] is NSNull)
        let query = object["query"] as? [String: Any]
        #expect(query?["sort"] as? String == "-published_at")
        #expect(query?["limit"] as? Int == 20)
        #expect(query?["offset"] as? Int == 0)
    }

    @Test func summaryCarriesTheArticleHeadAndEntitiesButNoBody() throws {
        let first = try #require(try SeedAPI.get("/articles?limit=1").items().first)
        #expect(first["id"] as? String == "d679149af95f4c6c")
        #expect(first["kind"] as? String == "article")
        #expect(
            first["title"] as? String == "China and Vietnam Forge Closer Ties Amid Rising Trade Tensions with the United States")
        #expect(first["section"] is NSNull)
        #expect(first["url"] is NSNull)
        #expect(first["language"] as? String == "en")
        let source = first["source"] as? [String: Any]
        #expect(source?["id"] as? String == "cnews-live")
        #expect(source?["name"] as? String == "Cnews Live")
        let published = first["published_at"] as? [String: Any]
        #expect(published?["value"] as? String == "2025-04-15")
        #expect(published?["precision"] as? String == "day")
        #expect(published?["origin"] as? String == "external")
        #expect((published?["note"] as? String)?.hasPrefix("Not stated in the text") == true)
        #expect(
            (first["lede"] as? String)?.hasPrefix("Chinese President Xi Jinping has concluded a high-level state visit") == true)
        #expect(first["body"] == nil)
        #expect(first["snippet"] == nil)
        #expect(first["score"] == nil)
        #expect((first["links"] as? [String: Any])?["self"] as? String == "/articles/d679149af95f4c6c")

        let entities = first["entities"] as? [[String: Any]] ?? []
        #expect(entities.first?["id"] as? String == "vietnam")
        #expect(entities.first?["mentions"] as? Int == 12)
        let ids = entities.compactMap { $0["id"] as? String }
        #expect(ids.contains("south-china-sea"))
        #expect(ids.contains("united-states"))
        let mentions = entities.compactMap { $0["mentions"] as? Int }
        #expect(mentions == mentions.sorted(by: >), "most mentioned first")
    }

    @Test func oldestFirstPutsTheMonthDatedBriefsFirst() throws {
        let ids = try SeedAPI.get("/articles?sort=published_at").ids()
        #expect(ids.count == 7)
        #expect(Set(ids.prefix(5)) == ArticlesAPITests.briefs)
        #expect(Array(ids.suffix(2)) == ["f82d3cef4f15fde1", "d679149af95f4c6c"])
    }

    // MARK: Full-text search

    @Test func queryWordsAreANDed() throws {
        #expect(try SeedAPI.get("/articles?q=tariff+wars").ids() == ["d679149af95f4c6c", "f82d3cef4f15fde1"])
        #expect(try SeedAPI.get("/articles?q=tariff+Musk").ids() == ["f82d3cef4f15fde1"])
        let none = try SeedAPI.get("/articles?q=nvidia+tariff")
        #expect(none.status == 200)
        #expect(try none.ids() == [])
        #expect(try none.json()["total"] as? Int == 0)
    }

    @Test func quotedPhraseMustAppearAsWritten() throws {
        #expect(try SeedAPI.get("/articles?q=%22trade+wars%22").ids() == ["d679149af95f4c6c", "f82d3cef4f15fde1"])
        #expect(try SeedAPI.get("/articles?q=%22wars+trade%22").ids() == [])
        #expect(
            try SeedAPI.get("/articles?q=%22South+China+Sea%22").ids()
                == ["d679149af95f4c6c", "f82d3cef4f15fde1", "f82d3cef4f15fde1-b4"])
        #expect(try SeedAPI.get("/articles?q=%22China+Sea+South%22").ids() == [])
        let query = try SeedAPI.get("/articles?q=%22trade+wars%22").json()["query"] as? [String: Any]
        #expect(query?["q"] as? String == "\"trade wars\"")
    }

    @Test func minusExcludesWordsAndPhrases() throws {
        #expect(try SeedAPI.get("/articles?q=agreements+-dozens").ids() == ["d679149af95f4c6c"])
        #expect(
            try SeedAPI.get("/articles?q=china+-%22South+China+Sea%22").ids()
                == ["f82d3cef4f15fde1-b1", "f82d3cef4f15fde1-b3", "f82d3cef4f15fde1-b5"])
        let onlyExclusions = try SeedAPI.get("/articles?q=-china")
        #expect(onlyExclusions.status == 400)
        #expect(try onlyExclusions.invalidParamNames() == ["q"])
    }

    @Test func searchIgnoresCaseAndDiacritics() throws {
        let expected = ["d679149af95f4c6c", "f82d3cef4f15fde1"]
        #expect(try SeedAPI.get("/articles?q=to+lam").ids() == expected)
        #expect(try SeedAPI.get("/articles?q=T%C3%94+L%C3%82M").ids() == expected)
        #expect(try SeedAPI.get("/articles?q=VIETNAM").ids() == SeedAPI.get("/articles?q=vietnam").ids())
        #expect(try SeedAPI.get("/articles?q=VI%E1%BB%86TNAM").ids() == SeedAPI.get("/articles?q=vietnam").ids())
    }

    @Test func emptyQueryIsRefused() throws {
        for target in ["/articles?q=", "/articles?q=+++", "/articles?q=%22%22"] {
            let reply = try SeedAPI.get(target)
            #expect(reply.status == 400, "\(target)")
            #expect(try reply.invalidParamNames() == ["q"], "\(target)")
        }
    }

    @Test func snippetHighlightsSliceToTheQueryWords() throws {
        let items = try SeedAPI.get("/articles?q=tariff+wars").items()
        #expect(items.count == 2)
        for item in items {
            let snippet = try #require(item["snippet"] as? [String: Any])
            let text = try #require(snippet["text"] as? String)
            let highlights = snippet["highlights"] as? [[String: Any]] ?? []
            #expect(!highlights.isEmpty)
            for range in highlights {
                let start = try #require(range["start"] as? Int)
                let end = try #require(range["end"] as? Int)
                let slice = utf16Slice(text, start, end)
                #expect(
                    slice.map { ["tariff", "wars"].contains($0.lowercased()) } == true,
                    "highlight \(start)..<\(end) of \(item["id"] ?? "") is \(slice ?? "out of range")")
            }
            #expect((item["score"] as? Double).map { $0 > 0 } == true)
        }
    }

    @Test func snippetHighlightsFoldedMatches() throws {
        // "VIỆTNAM" folds to "vietnam": the highlights cover the text as written.
        let items = try SeedAPI.get("/articles?q=VI%E1%BB%86TNAM").items()
        #expect(items.count == 2)
        for item in items {
            let snippet = try #require(item["snippet"] as? [String: Any])
            let text = try #require(snippet["text"] as? String)
            let slices = (snippet["highlights"] as? [[String: Any]] ?? []).map { range in
                utf16Slice(text, range["start"] as? Int ?? -1, range["end"] as? Int ?? -1)
            }
            #expect(!slices.isEmpty)
            #expect(slices.allSatisfy { $0 == "Vietnam" }, "\(item["id"] ?? ""): \(slices)")
        }
    }

    @Test
    func phraseSnippetShowsThePhrase() throws {
        let items = try SeedAPI.get("/articles?q=%22South+China+Sea%22").items()
        #expect(items.count == 3)
        for item in items {
            let snippet = try #require(item["snippet"] as? [String: Any])
            let text = try #require(snippet["text"] as? String)
            let phrases = utf16Ranges(of: "South China Sea", in: text)
            #expect(!phrases.isEmpty, "snippet of \(item["id"] ?? "") does not show the phrase: \(text)")
            for range in snippet["highlights"] as? [[String: Any]] ?? [] {
                let start = range["start"] as? Int ?? -1
                let end = range["end"] as? Int ?? -1
                #expect(
                    phrases.contains { $0.lowerBound <= start && end <= $0.upperBound },
                    "highlight \(start)..<\(end) (\(utf16Slice(text, start, end) ?? "?")) is outside the phrase in \(item["id"] ?? "")"
                )
            }
        }
    }

    @Test func relevanceNeedsAQuery() throws {
        let reply = try SeedAPI.get("/articles?sort=relevance")
        #expect(reply.status == 400)
        #expect(reply.contentType == APIReply.problemType)
        let problem = try reply.json()
        #expect(problem["type"] as? String == "urn:news-api:problem:invalid-parameters")
        #expect(problem["title"] as? String == "Invalid query parameters")
        #expect(problem["status"] as? Int == 400)
        #expect(problem["detail"] is String)
        #expect(try reply.invalidParamNames() == ["sort"])
    }

    @Test func relevanceOrdersByScore() throws {
        let items = try SeedAPI.get("/articles?q=chinese&sort=relevance").items()
        #expect(items.compactMap { $0["id"] as? String } == ["f82d3cef4f15fde1-b2", "f82d3cef4f15fde1", "d679149af95f4c6c"])
        let scores = items.compactMap { $0["score"] as? Double }
        #expect(scores.count == 3)
        #expect(scores == scores.sorted(by: >))
        // The second page continues the ranking.
        #expect(try SeedAPI.get("/articles?q=chinese&sort=relevance&limit=2&offset=2").ids() == ["d679149af95f4c6c"])
    }

    // MARK: Filters

    @Test func entityFilterIsRepeatableAndANDed() throws {
        let both = try SeedAPI.get("/articles?entity=Vietnam&entity=U.S.")
        #expect(try both.ids() == ["d679149af95f4c6c", "f82d3cef4f15fde1"])
        #expect((try both.json()["query"] as? [String: Any])?["entity"] as? [String] == ["vietnam", "united-states"])
        #expect(try SeedAPI.get("/articles?entity=nvidia&entity=vietnam").ids() == [])
        #expect(try SeedAPI.get("/articles?entity=ccpit").ids() == ["f82d3cef4f15fde1"])
        #expect(
            try SeedAPI.get("/articles?entity=US").ids()
                == ["d679149af95f4c6c", "f82d3cef4f15fde1", "f82d3cef4f15fde1-b1", "f82d3cef4f15fde1-b3"])
        #expect(try SeedAPI.get("/articles?entity=South+China+Sea&q=google").ids() == ["f82d3cef4f15fde1-b4"])
    }

    @Test func unknownEntityFilterIs400NamingEntity() throws {
        let reply = try SeedAPI.get("/articles?entity=vietnm")
        #expect(reply.status == 400)
        #expect(reply.contentType == APIReply.problemType)
        #expect(try reply.invalidParamNames() == ["entity"])
        #expect(try reply.invalidParamReason("entity")?.contains("vietnam") == true)
    }

    @Test func sourceFilterTakesAnyOfSeveral() throws {
        #expect(try SeedAPI.get("/articles?source=cnews-live").ids() == ["d679149af95f4c6c"])
        #expect(try SeedAPI.get("/articles?source=unknown").ids() == Array(ArticlesAPITests.newestFirst.dropFirst()))
        #expect(try SeedAPI.get("/articles?source=unknown&source=cnews-live").ids() == ArticlesAPITests.newestFirst)
        let unknown = try SeedAPI.get("/articles?source=nope")
        #expect(unknown.status == 400)
        #expect(try unknown.invalidParamNames() == ["source"])
    }

    @Test func kindFilter() throws {
        #expect(try SeedAPI.get("/articles?kind=article").ids() == ["d679149af95f4c6c", "f82d3cef4f15fde1"])
        let briefs = try SeedAPI.get("/articles?kind=brief").items()
        #expect(Set(briefs.compactMap { $0["id"] as? String }) == ArticlesAPITests.briefs)
        #expect(briefs.allSatisfy { $0["kind"] as? String == "brief" })
        let bad = try SeedAPI.get("/articles?kind=blog")
        #expect(bad.status == 400)
        #expect(try bad.invalidParamNames() == ["kind"])
    }

    @Test func fromAndToAreInclusiveDays() throws {
        // Briefs dated only to April are a range of days: kept by any period that overlaps April.
        let briefs = ArticlesAPITests.briefs
        #expect(Set(try SeedAPI.get("/articles?from=2025-04-14&to=2025-04-14").ids()) == briefs.union(["f82d3cef4f15fde1"]))
        #expect(Set(try SeedAPI.get("/articles?from=2025-04-15").ids()) == briefs.union(["d679149af95f4c6c"]))
        #expect(try SeedAPI.get("/articles?from=2025-04-02").ids() == ["d679149af95f4c6c", "f82d3cef4f15fde1"] + briefs.sorted())
        #expect(try SeedAPI.get("/articles?from=2025-04-02").json()["total"] as? Int == 7)
        #expect(Set(try SeedAPI.get("/articles?to=2025-04-01").ids()) == briefs)
        #expect(Set(try SeedAPI.get("/articles?from=2025-04-30").ids()) == briefs)
        #expect(try SeedAPI.get("/articles?from=2025-05-01").ids() == [])
        #expect(try SeedAPI.get("/articles?to=2025-03-31").ids() == [])
        #expect(try SeedAPI.get("/articles?from=2025-04-14&to=2025-04-14&kind=article").ids() == ["f82d3cef4f15fde1"])
        // A date-time counts by the date as written.
        let dateTime = try SeedAPI.get("/articles?from=2025-04-14T09:30:00Z&to=2025-04-14T23:59:00-05:00&kind=article")
        #expect(try dateTime.ids() == ["f82d3cef4f15fde1"])
        let query = try dateTime.json()["query"] as? [String: Any]
        #expect(query?["from"] as? String == "2025-04-14")
        #expect(query?["to"] as? String == "2025-04-14")
    }

    @Test func badDatesAre400() throws {
        let reversed = try SeedAPI.get("/articles?from=2025-04-16&to=2025-04-14")
        #expect(reversed.status == 400)
        #expect(try reversed.invalidParamNames() == ["from"])
        for (target, name) in [
            ("/articles?from=2025-13-01", "from"), ("/articles?to=yesterday", "to"),
            ("/articles?from=2025-02-30", "from"),
        ] {
            let reply = try SeedAPI.get(target)
            #expect(reply.status == 400, "\(target)")
            #expect(reply.contentType == APIReply.problemType)
            #expect(try reply.invalidParamNames() == [name], "\(target)")
        }
    }

    @Test(arguments: ["limit=0", "limit=101", "limit=abc", "limit=1&limit=2"])
    func badLimitIs400NamingLimit(_ query: String) throws {
        let reply = try SeedAPI.get("/articles?" + query)
        #expect(reply.status == 400)
        #expect(reply.contentType == APIReply.problemType)
        #expect(try reply.invalidParamNames() == ["limit"])
    }

    @Test func negativeOffsetIs400() throws {
        let reply = try SeedAPI.get("/articles?offset=-1")
        #expect(reply.status == 400)
        #expect(try reply.invalidParamNames() == ["offset"])
    }

    @Test func unknownParameterIs400NamingIt() throws {
        let reply = try SeedAPI.get("/articles?qq=tariff")
        #expect(reply.status == 400)
        #expect(try reply.invalidParamNames() == ["qq"])
        #expect(try reply.invalidParamReason("qq")?.contains("q") == true)
    }

    @Test func everyBadParameterGetsOneEntry() throws {
        let reply = try SeedAPI.get("/articles?limit=0&kind=x&from=bad&bogus=2&bogus=3&sort=relevance")
        #expect(reply.status == 400)
        let names = try reply.invalidParamNames()
        #expect(names.count == 5)
        #expect(Set(names) == ["limit", "kind", "from", "bogus", "sort"])
        let problem = try reply.json()
        for entry in problem["invalid_params"] as? [[String: Any]] ?? [] {
            #expect((entry["reason"] as? String)?.isEmpty == false)
        }
    }

    // MARK: Paging

    @Test func pagesLinkToEachOtherWithoutOverlap() throws {
        var seen: [String] = []
        var target: String? = "/articles?limit=3"
        var pages = 0
        while let next = target {
            let reply = try SeedAPI.get(next)
            #expect(reply.status == 200)
            let object = try reply.json()
            #expect(object["total"] as? Int == 7)
            #expect(object["limit"] as? Int == 3)
            #expect(object["offset"] as? Int == pages * 3)
            let link = reply.header("Link")
            if let nextURL = object["next"] as? String {
                #expect(link?.contains("<\(nextURL)>; rel=\"next\"") == true)
            } else {
                #expect(link?.contains("rel=\"next\"") != true)
            }
            if let prevURL = object["prev"] as? String {
                #expect(link?.contains("<\(prevURL)>; rel=\"prev\"") == true)
            } else {
                #expect(pages == 0)
            }
            seen += try reply.ids()
            target = object["next"] as? String
            pages += 1
            if pages > 5 { break }
        }
        #expect(pages == 3)
        #expect(seen == ArticlesAPITests.newestFirst)
    }

    @Test func firstPageHasNextLinkOnly() throws {
        let reply = try SeedAPI.get("/articles?limit=3")
        let object = try reply.json()
        #expect(object["next"] as? String == "/articles?sort=-published_at&limit=3&offset=3")
        #expect(object["prev"] is NSNull)
        #expect(reply.header("Link") == "</articles?sort=-published_at&limit=3&offset=3>; rel=\"next\"")
    }

    @Test func pagingKeepsTheFilters() throws {
        let first = try SeedAPI.get("/articles?q=%22trade+wars%22&entity=Vietnam&limit=1")
        #expect(try first.ids() == ["d679149af95f4c6c"])
        let next = try #require(try first.json()["next"] as? String)
        let second = try SeedAPI.get(next)
        #expect(second.status == 200)
        #expect(try second.ids() == ["f82d3cef4f15fde1"])
        let query = try second.json()["query"] as? [String: Any]
        #expect(query?["q"] as? String == "\"trade wars\"")
        #expect(query?["entity"] as? [String] == ["vietnam"])
        #expect(try second.json()["next"] is NSNull)
        let prev = try #require(try second.json()["prev"] as? String)
        #expect(try SeedAPI.get(prev).ids() == ["d679149af95f4c6c"])
    }

    @Test func offsetBeyondTotalIsEmpty() throws {
        let reply = try SeedAPI.get("/articles?offset=50")
        #expect(reply.status == 200)
        let object = try reply.json()
        #expect(try reply.ids() == [])
        #expect(object["total"] as? Int == 7)
        #expect(object["offset"] as? Int == 50)
        #expect(object["next"] is NSNull)
    }

    // MARK: An entity's articles

    @Test func entityArticlesTakeTheSameFilters() throws {
        let reply = try SeedAPI.get("/entities/U.S./articles?kind=brief")
        #expect(reply.status == 200)
        #expect(try reply.ids() == ["f82d3cef4f15fde1-b1", "f82d3cef4f15fde1-b3"])
        let paged = try SeedAPI.get("/entities/U.S./articles?limit=1")
        #expect(try paged.json()["total"] as? Int == 4)
        #expect(try paged.json()["next"] as? String == "/entities/united-states/articles?sort=-published_at&limit=1&offset=1")
        #expect(paged.header("Link") == "</entities/united-states/articles?sort=-published_at&limit=1&offset=1>; rel=\"next\"")
        let bad = try SeedAPI.get("/entities/vietnam/articles?bogus=1")
        #expect(bad.status == 400)
        #expect(try bad.invalidParamNames() == ["bogus"])
    }

    @Test func unknownEntityArticlesIs404() throws {
        let reply = try SeedAPI.get("/entities/vietnm/articles")
        #expect(reply.status == 404)
        #expect(reply.contentType == APIReply.problemType)
        #expect(try reply.json()["type"] as? String == "urn:news-api:problem:unknown-entity")
    }

    // MARK: One article

    @Test func articleHasBodyAndEveryField() throws {
        let reply = try SeedAPI.get("/articles/d679149af95f4c6c")
        #expect(reply.status == 200)
        #expect(reply.contentType == APIReply.jsonType)
        let article = try reply.json()
        let record = try #require(try SeedAPI.articleRecord("d679149af95f4c6c"))
        #expect(article["body"] as? String == record["body"] as? String)
        #expect(article["title"] as? String == record["title"] as? String)
        #expect(article["lede"] as? String == record["lede"] as? String)
        for key in [
            "id", "kind", "title", "section", "source", "url", "language", "published_at", "lede", "body",
            "entities", "trade_measures", "claims", "links",
        ] {
            #expect(article[key] != nil, "missing \(key)")
        }
        let links = article["links"] as? [String: Any]
        #expect(links?["self"] as? String == "/articles/d679149af95f4c6c")
        #expect(links?["original"] == nil)
    }

    @Test func briefLedeIsItsFirstParagraph() throws {
        let brief = try SeedAPI.get("/articles/f82d3cef4f15fde1-b1").json()
        #expect(brief["kind"] as? String == "brief")
        #expect(brief["section"] as? String == "China - Russia")
        #expect(brief["lede"] as? String == brief["body"] as? String)
        #expect((brief["published_at"] as? [String: Any])?["precision"] as? String == "month")
        #expect((brief["published_at"] as? [String: Any])?["value"] as? String == "2025-04")
    }

    @Test func unknownArticleIs404() throws {
        let reply = try SeedAPI.get("/articles/nope")
        #expect(reply.status == 404)
        #expect(reply.contentType == APIReply.problemType)
        let problem = try reply.json()
        #expect(problem["type"] as? String == "about:blank")
        #expect(problem["title"] as? String == "Not Found")
        #expect(problem["status"] as? Int == 404)
        #expect((problem["detail"] as? String)?.contains("nope") == true)
    }

    @Test func articleRefusesUnknownParameters() throws {
        let reply = try SeedAPI.get("/articles/d679149af95f4c6c?limit=1")
        #expect(reply.status == 400)
        #expect(try reply.invalidParamNames() == ["limit"])
    }

    @Test func tradeMeasureQuotesOccurInTheBody() throws {
        let article = try SeedAPI.get("/articles/d679149af95f4c6c").json()
        let body = try #require(article["body"] as? String)
        let measures = article["trade_measures"] as? [[String: Any]] ?? []
        #expect(
            Set(measures.compactMap { $0["id"] as? String }) == [
                "us-proposed-tariffs-vietnam", "us-tariff-145-percent-china",
                "vietnam-comac-airspace-approval", "vietnam-made-in-vietnam-origin-rules",
            ])
        for measure in measures {
            let quote = try #require(measure["quote"] as? String)
            #expect(body.contains(quote), "\(measure["id"] ?? "") quote is not in the body")
            let id = try #require(measure["id"] as? String)
            #expect((measure["links"] as? [String: Any])?["self"] as? String == "/trade-measures/\(id)")
        }
        let tariff = measures.first { $0["id"] as? String == "us-tariff-145-percent-china" }
        #expect(tariff?["measure_type"] as? String == "tariff")
        #expect(tariff?["status"] as? String == "in_force")
        #expect(tariff?["title"] as? String == "US 145% tariff on Chinese goods")
        #expect(tariff?["quote"] as? String == "The United States recently imposed a 145 percent tariff on Chinese goods")

        // A measure reported by two articles shows, in each, that article's own sentence.
        let other = try SeedAPI.get("/articles/f82d3cef4f15fde1").json()
        let otherBody = try #require(other["body"] as? String)
        let comac = (other["trade_measures"] as? [[String: Any]] ?? []).filter {
            $0["id"] as? String == "vietnam-comac-airspace-approval"
        }
        #expect(comac.count == 1)
        #expect((comac.first?["quote"] as? String).map { otherBody.contains($0) } == true)
    }

    @Test func claimsKeepEveryVersion() throws {
        let article = try SeedAPI.get("/articles/d679149af95f4c6c").json()
        let claims = article["claims"] as? [[String: Any]] ?? []
        #expect(claims.compactMap { $0["id"] as? String } == ["agreements-signed-during-visit", "railway-loans"])
        let railway = try #require(claims.first { $0["id"] as? String == "railway-loans" })
        #expect(railway["topic"] as? String == "Chinese loans for new railway lines between China and Vietnam")
        let versions = railway["versions"] as? [[String: Any]] ?? []
        #expect(versions.compactMap { $0["article_id"] as? String } == ["d679149af95f4c6c", "f82d3cef4f15fde1"])
        #expect(
            versions.first?["statement"] as? String
                == "Vietnam decided to accept Chinese loans to build new railway lines connecting the two countries.")
        #expect(
            versions.last?["statement"] as? String
                == "No formal loan agreements for the railway projects have been finalized yet.")
        for version in versions {
            let id = try #require(version["article_id"] as? String)
            #expect((version["links"] as? [String: Any])?["article"] as? String == "/articles/\(id)")
            let body = try SeedAPI.get("/articles/\(id)").json()["body"] as? String ?? ""
            #expect((version["quote"] as? String).map { body.contains($0) } == true, "quote of \(id) is not in its body")
        }
        // The other article shows the same claim with both versions.
        let other = try SeedAPI.get("/articles/f82d3cef4f15fde1").json()
        let otherRailway = (other["claims"] as? [[String: Any]] ?? []).first { $0["id"] as? String == "railway-loans" }
        #expect((otherRailway?["versions"] as? [[String: Any]])?.count == 2)
        let briefClaims = try SeedAPI.get("/articles/f82d3cef4f15fde1-b1").json()["claims"] as? [Any]
        #expect(briefClaims?.isEmpty == true)
    }

    // MARK: Entity linking, seen through the API

    /// Every entity's name and aliases, from `/entities`.
    private func namesByEntity() throws -> [String: [String]] {
        var names: [String: [String]] = [:]
        for item in try SeedAPI.get("/entities?limit=100").items() {
            guard let id = item["id"] as? String, let name = item["name"] as? String else { continue }
            names[id] = [name] + (item["aliases"] as? [String] ?? [])
        }
        return names
    }

    /// The text each offset of `entity` in `article` covers.
    private func mentionTexts(of entity: String, in article: [String: Any]) -> [String] {
        let title = article["title"] as? String ?? ""
        let body = article["body"] as? String ?? ""
        let mention = (article["entities"] as? [[String: Any]] ?? []).first { $0["id"] as? String == entity }
        return (mention?["offsets"] as? [[String: Any]] ?? []).map { offset in
            let text = offset["field"] as? String == "title" ? title : body
            return utf16Slice(text, offset["start"] as? Int ?? -1, offset["end"] as? Int ?? -1) ?? "<out of range>"
        }
    }

    /// The body ranges of `entity`'s mentions in `article`.
    private func bodyRanges(of entity: String, in article: [String: Any]) -> [Range<Int>] {
        let mention = (article["entities"] as? [[String: Any]] ?? []).first { $0["id"] as? String == entity }
        return (mention?["offsets"] as? [[String: Any]] ?? []).compactMap { offset in
            guard offset["field"] as? String == "body", let start = offset["start"] as? Int, let end = offset["end"] as? Int
            else { return nil }
            return start..<end
        }
    }

    @Test func everyOffsetSlicesToANameOrAlias() throws {
        let names = try namesByEntity()
        #expect(names.count == 31)
        for id in ArticlesAPITests.newestFirst {
            let article = try SeedAPI.get("/articles/\(id)").json()
            for mention in article["entities"] as? [[String: Any]] ?? [] {
                let entity = try #require(mention["id"] as? String)
                let texts = mentionTexts(of: entity, in: article)
                #expect(mention["mentions"] as? Int == texts.count, "\(id) \(entity)")
                let allowed = Set((names[entity] ?? []).map(folded))
                for text in texts {
                    #expect(allowed.contains(folded(text)), "\(id): \(entity) offset covers \"\(text)\"")
                }
            }
        }
    }

    @Test func southChinaSeaIsLinkedWholeAndNotAsChina() throws {
        for id in ["d679149af95f4c6c", "f82d3cef4f15fde1", "f82d3cef4f15fde1-b4"] {
            let article = try SeedAPI.get("/articles/\(id)").json()
            let ids = (article["entities"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids.contains("south-china-sea"), "\(id)")
            #expect(mentionTexts(of: "south-china-sea", in: article).allSatisfy { $0 == "South China Sea" }, "\(id)")
            let sea = bodyRanges(of: "south-china-sea", in: article)
            #expect(!sea.isEmpty)
            for china in bodyRanges(of: "china", in: article) {
                #expect(!sea.contains { $0.overlaps(china) }, "\(id): a china mention at \(china) is inside South China Sea")
            }
        }
        let first = try SeedAPI.get("/articles/d679149af95f4c6c").json()
        #expect((first["entities"] as? [[String: Any]] ?? []).contains { $0["id"] as? String == "united-states" })
    }

    @Test func ccpitIsLinkedByItsFullName() throws {
        let article = try SeedAPI.get("/articles/f82d3cef4f15fde1").json()
        #expect(mentionTexts(of: "ccpit", in: article) == ["China Council for the Promotion of International Trade"])
        #expect(mentionTexts(of: "vcci", in: article) == ["Vietnam Chamber of Commerce and Industry"])
        let council = bodyRanges(of: "ccpit", in: article) + bodyRanges(of: "vcci", in: article)
        for other in ["china", "vietnam"] {
            for range in bodyRanges(of: other, in: article) {
                #expect(!council.contains { $0.overlaps(range) }, "\(other) at \(range) is inside an organisation's name")
            }
        }
    }

    @Test func lowercaseUsIsNeverLinked() throws {
        let allowed = ["United States", "U.S.", "US", "USA", "U.S.A.", "United States of America", "Washington"]
        for id in ArticlesAPITests.newestFirst {
            let article = try SeedAPI.get("/articles/\(id)").json()
            for text in mentionTexts(of: "united-states", in: article) {
                #expect(text != "us", "\(id)")
                #expect(allowed.contains { folded($0) == folded(text) }, "\(id): \"\(text)\"")
                if folded(text) == "us" { #expect(text == "US", "\(id): case-sensitive alias matched \"\(text)\"") }
            }
        }
        // "UK Business Secretary": the "us" inside a word is not the United States.
        let business = try SeedAPI.get("/articles/f82d3cef4f15fde1-b2").json()
        #expect(!(business["entities"] as? [[String: Any]] ?? []).contains { $0["id"] as? String == "united-states" })
        // "new US government": the capitalised acronym is.
        let nvidia = try SeedAPI.get("/articles/f82d3cef4f15fde1-b1").json()
        #expect(mentionTexts(of: "united-states", in: nvidia) == ["US"])
    }

    @Test func explicitEntityWithoutMentionHasNoOffsets() throws {
        let article = try SeedAPI.get("/articles/d679149af95f4c6c").json()
        let party = (article["entities"] as? [[String: Any]] ?? []).first { $0["id"] as? String == "communist-party-of-vietnam" }
        #expect(party?["mentions"] as? Int == 0)
        #expect((party?["offsets"] as? [Any])?.isEmpty == true)
        #expect((party?["links"] as? [String: Any])?["self"] as? String == "/entities/communist-party-of-vietnam")
    }

    @Test func titleMentionsUseTitleOffsets() throws {
        let article = try SeedAPI.get("/articles/d679149af95f4c6c").json()
        let title = try #require(article["title"] as? String)
        let mention = (article["entities"] as? [[String: Any]] ?? []).first { $0["id"] as? String == "united-states" }
        let titleOffsets = (mention?["offsets"] as? [[String: Any]] ?? []).filter { $0["field"] as? String == "title" }
        #expect(titleOffsets.count == 1)
        let offset = try #require(titleOffsets.first)
        #expect(utf16Slice(title, offset["start"] as? Int ?? -1, offset["end"] as? Int ?? -1) == "United States")
        #expect(
            mentionTexts(of: "united-states", in: article).sorted() == [
                "U.S.", "U.S.", "United States", "United States", "Washington",
            ])
    }
}
