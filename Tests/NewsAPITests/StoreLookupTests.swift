import Foundation
import Testing

@testable import NewsAPI

@Suite struct StoreLookupTests {
    @Test func articlesAreNewestFirstThenByID() throws {
        let snapshot = try CorpusFixture.load()
        #expect(snapshot.articles.map(\.id) == ["a3", "a1", "a2"])
        #expect(snapshot.article(id: "a1") == 1)
        #expect(snapshot.article(id: "nope") == nil)
        #expect(snapshot.article(at: 2).publishedAt.precision == .month)
        #expect(snapshot.article(at: 2).publishedAt.day == CalendarDay.number(year: 2025, month: 4, day: 1))

        // Same day: the id breaks the tie.
        let sameDay = CorpusFixture.article(2, replacing: #""value": "2025-04-16""#, with: #""value": "2025-04-14""#)
        #expect(try CorpusFixture.load(articles: sameDay).articles.map(\.id) == ["a1", "a3", "a2"])
    }

    @Test func datesFilterAsOrdinalRanges() throws {
        let snapshot = try CorpusFixture.load()
        let day = { (d: Int) in CalendarDay.number(year: 2025, month: 4, day: d)! }
        #expect(snapshot.ordinals(publishedFrom: nil, through: nil) == 0..<3)
        #expect(snapshot.ordinals(publishedFrom: day(14), through: nil) == 0..<2)
        #expect(snapshot.ordinals(publishedFrom: nil, through: day(14)) == 1..<3)
        #expect(snapshot.ordinals(publishedFrom: day(1), through: day(1)) == 2..<3)
        #expect(snapshot.ordinals(publishedFrom: day(15), through: day(15)).isEmpty)
        #expect(snapshot.ordinals(publishedFrom: day(20), through: day(10)).isEmpty)
    }

    @Test func ledeFallsBackToTheFirstParagraph() throws {
        let snapshot = try CorpusFixture.load()
        #expect(snapshot.article(at: 0).lede == "Washington tightens chip exports.")
        #expect(snapshot.article(at: 1).lede == "Chinese leader met Tô Lâm in Hanoi.")
        #expect(snapshot.article(at: 1).statedLede == nil)
        #expect(snapshot.article(at: 2).lede == snapshot.article(at: 2).body)
    }

    @Test func equalPlacementsAndDatelinesAreSharedOnce() throws {
        var shared = SharedArticleFields()
        let source = Article.Source(
            id: "global-trade-review-wire", name: String(decoding: Array("Global Trade Review Wire".utf8), as: UTF8.self))
        let sameSource = Article.Source(
            id: "global-trade-review-wire", name: String(decoding: Array("Global Trade Review Wire".utf8), as: UTF8.self))
        let first = shared.placement(section: "World", source: source)
        #expect(shared.placement(section: "World", source: sameSource) === first)
        #expect(shared.placement(section: nil, source: source) !== first)
        #expect(shared.placement(section: "World", source: Article.Source(id: "other", name: "Other")) !== first)
        let day = try #require(DateValue(value: "2025-04-10", precision: .day, origin: .text))
        let dateline = shared.dateline(language: "en", publishedAt: day)
        #expect(shared.dateline(language: "en", publishedAt: day) === dateline)
        #expect(shared.dateline(language: "vi", publishedAt: day) !== dateline)
        let month = try #require(DateValue(value: "2025-04", precision: .month, origin: .text))
        #expect(shared.dateline(language: "en", publishedAt: month) !== dateline)
    }

    @Test func aLedeThatIsTheFirstParagraphIsStoredOnceAndSourcesAreShared() throws {
        func line(_ id: String, lede: String, day: Int) -> String {
            #"{"id": "\#(id)", "kind": "article", "title": "T \#(id)", "source": {"id": "global-trade-review-wire", "name": "Global Trade Review Wire"}, "language": "en", "published_at": {"value": "2025-04-\#(day)", "precision": "day", "origin": "text"}, "lede": "\#(lede)", "body": "Opening paragraph of \#(id).\n\nMore text."}"#
        }
        let snapshot = try CorpusFixture.load(
            articles: [
                line("a", lede: "Opening paragraph of a.", day: 10),
                line("b", lede: "A lede of its own.", day: 11),
            ],
            measures: "[]", claims: "[]")
        let b = snapshot.article(at: 0)
        let a = snapshot.article(at: 1)
        #expect(a.statedLede == nil, "a stated lede equal to the first paragraph is not kept twice")
        #expect(a.lede == "Opening paragraph of a.")
        #expect(b.statedLede == "A lede of its own.")
        #expect(b.lede == "A lede of its own.")
        #expect(a.source == b.source)
        #expect(a.source.name == "Global Trade Review Wire")
        var json = JSONWriter()
        json.beginObject()
        json.articleHeadMembers(a)
        json.endObject()
        #expect(String(decoding: json.bytes, as: UTF8.self).contains(#""lede":"Opening paragraph of a.""#))
    }

    @Test(arguments: [
        ("china", "china", "china", EntityMatch.MatchedBy.id),
        ("China", "china", "China", .name),
        ("CHINA", "china", "China", .name),
        ("chinese", "china", "Chinese", .alias),
        ("U.S.", "united-states", "U.S.", .alias),
        ("u s", "united-states", "U.S.", .alias),
        ("us", "united-states", "US", .alias),
        ("United-States", "united-states", "United States", .name),
        ("united_states", "united-states", "United States", .name),
        ("to lam", "to-lam", "To Lam", .name),
        ("TÔ LÂM", "to-lam", "To Lam", .name),
        ("south-china-sea", "south-china-sea", "south-china-sea", .id),
        ("South China Sea!", "south-china-sea", "South China Sea", .name),
        ("viet-nam", "vietnam", "Viet Nam", .alias),
    ])
    func entityLookupByIDNameOrAlias(key: String, id: String, spelling: String, matchedBy: EntityMatch.MatchedBy) throws {
        let snapshot = try CorpusFixture.load()
        let match = try #require(snapshot.entity(matching: key))
        #expect(match.entity.id == id)
        #expect(match.matchedName == spelling)
        #expect(match.matchedBy == matchedBy)
    }

    @Test func unknownKeysFindNothingButSuggestions() throws {
        let snapshot = try CorpusFixture.load()
        #expect(snapshot.entity(matching: "atlantis") == nil)
        #expect(snapshot.entity(matching: "") == nil)
        #expect(snapshot.entity(id: "China") == nil)
        #expect(snapshot.entitySuggestions(for: "chnia").map(\.id).first == "china")
        #expect(snapshot.entitySuggestions(for: "Vietnm").map(\.id) == ["vietnam"])
        #expect(snapshot.entitySuggestions(for: "nvidea corp").map(\.id) == ["nvidia"])
        #expect(snapshot.entitySuggestions(for: "south china").map(\.id).first == "south-china-sea")
        #expect(snapshot.entitySuggestions(for: "qqqqqqq").isEmpty)
        #expect(snapshot.entitySuggestions(for: "chnia", limit: 0).isEmpty)
    }

    @Test func measuresByJurisdictionTypeStatusAndSource() throws {
        let snapshot = try CorpusFixture.load()
        // Dated measures first, oldest first; undated last.
        #expect(snapshot.measures.map(\.id) == ["us-chip-controls", "us-tariffs-china"])
        let unitedStates = try #require(snapshot.entity(id: "united-states"))
        let china = try #require(snapshot.entity(id: "china"))
        let nvidia = try #require(snapshot.entity(id: "nvidia"))
        #expect(snapshot.measures(implementedBy: unitedStates).map(\.id) == ["us-chip-controls", "us-tariffs-china"])
        #expect(snapshot.measures(implementedBy: china).isEmpty)
        #expect(snapshot.measures(affecting: china).count == 2)
        #expect(snapshot.measures(targeting: nvidia).map(\.id) == ["us-chip-controls"])
        #expect(snapshot.measures(ofType: .tariff).map(\.id) == ["us-tariffs-china"])
        #expect(snapshot.measures(withStatus: .inForce).map(\.id) == ["us-chip-controls"])
        #expect(snapshot.measures(citing: try #require(snapshot.article(id: "a3"))).map(\.id) == ["us-chip-controls"])
        #expect(snapshot.measures(citing: try #require(snapshot.article(id: "a2"))).isEmpty)
        #expect(
            snapshot.measure(id: "us-tariffs-china")?.rate == TradeMeasure.Rate(value: 145, unit: "percent", qualifier: .upTo))
        #expect(snapshot.measure(id: "us-chip-controls")?.rate == nil)
    }

    @Test func claimsByArticleAndEntity() throws {
        let snapshot = try CorpusFixture.load()
        #expect(snapshot.claims(citing: try #require(snapshot.article(id: "a3"))).map(\.id) == ["chip-curbs"])
        #expect(snapshot.claims(citing: try #require(snapshot.article(id: "a1"))).isEmpty)
        #expect(snapshot.claims(about: try #require(snapshot.entity(id: "nvidia"))).map(\.id) == ["chip-curbs"])
        #expect(snapshot.claim(id: "chip-curbs")?.claims.count == 2)
        #expect(snapshot.claim(id: "nope") == nil)
    }

    @Test func sourcesKindsAndLanguages() throws {
        let snapshot = try CorpusFixture.load()
        #expect(snapshot.sources == [Article.Source(id: "daily", name: "Daily"), Article.Source(id: "wire", name: "The Wire")])
        #expect(snapshot.articles(fromSource: "wire") == [1, 2])
        #expect(snapshot.articles(fromSource: "nope") == [])
        #expect(snapshot.articles(ofKind: .brief) == [2])
        #expect(snapshot.articles(inLanguage: "EN") == [0, 1, 2])
        #expect(snapshot.languages == ["en"])
    }

    @Test func versionChangesExactlyWhenTheDataDoes() throws {
        let first = try CorpusFixture.load()
        let again = try CorpusFixture.load()
        #expect(first.version == again.version)
        #expect(first.version.count == 16)
        #expect(first.version.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        let edited = try CorpusFixture.load(articles: CorpusFixture.article(1, replacing: "US officials", with: "US officers"))
        #expect(edited.version != first.version)
        let withoutClaims = try CorpusFixture.load(claims: nil)
        #expect(withoutClaims.version != first.version)
        let emptyClaims = try CorpusFixture.load(claims: "[]")
        #expect(emptyClaims.version != withoutClaims.version)
    }

    @Test func loadReportsBytesAndDuration() throws {
        let directory = try CorpusFixture.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let snapshot = try CorpusSnapshot.load(from: directory, logger: CorpusFixture.logger)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        let total = try files.reduce(0) { sum, file in
            sum + (try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(file).path)[.size] as! Int)
        }
        #expect(snapshot.bytesLoaded == total)
        let now = Int64(Date().timeIntervalSince1970)
        #expect(snapshot.dataModifiedAt.map { now - 600...now + 1 ~= $0 } == true)
        #expect(snapshot.loadDuration > .zero)
        #expect(snapshot.termCount > 0)
    }

    @Test func largeCorpusIsLoadedInBatchesAcrossWorkers() throws {
        // Enough lines for several 4 MiB batches, split between workers; results must not depend on it.
        let body = String(repeating: "Chinese exports to the U.S. grew while Vietnam watched. ", count: 40)
        let lines = (0..<3000).map { index in
            #"{"id": "n\#(index)", "kind": "brief", "title": "Note \#(index)", "source": {"id": "s\#(index % 3)", "name": "S"}, "language": "en", "published_at": {"value": "2024-\#(String(format: "%02d", index % 12 + 1))-01", "precision": "day", "origin": "text"}, "body": "\#(body)item\#(index)"}"#
        }
        let snapshot = try CorpusFixture.load(articles: lines, measures: "[]", claims: "[]")
        #expect(snapshot.articleCount == 3000)
        #expect(snapshot.articles.first?.publishedAt.value == "2024-12-01")
        #expect(snapshot.articles.last?.publishedAt.value == "2024-01-01")
        let china = try #require(snapshot.entity(id: "china"))
        #expect(snapshot.articleCount(of: china) == 3000)
        #expect(snapshot.mentions(inArticle: 0).first?.count == 40)
        let query = try TextQuery(parsing: "item2999")
        let found = snapshot.search(query)
        #expect(found.count == 1)
        #expect(found.first.map { snapshot.article(at: $0).id } == "n2999")
        #expect(snapshot.search(try TextQuery(parsing: "vietnam watched")).count == 3000)
    }

    @Test func postingsMatchAScanOfEveryArticle() throws {
        // Words shared by some articles and words only one article has, in lines split between the
        // workers across several batches: each worker numbers its terms its own way, and every
        // posting list must still name exactly the articles holding the word, in ordinal order.
        let words = ["tariff", "steel", "solar", "rice", "chips", "ports", "loans", "rail", "coal", "fish", "silk"]
        let filler = String(repeating: "Ministers met again this week to talk about trade. ", count: 60)
        let lines = (0..<2500).map { index in
            let chosen = words.indices.filter { (index + $0) % ($0 + 2) == 0 }.map { words[$0] }
            let body = "\(filler)\(chosen.joined(separator: " ")) unique\(index)"
            return
                #"{"id": "p\#(index)", "kind": "brief", "title": "Note \#(index)", "source": {"id": "s", "name": "S"}, "language": "en", "published_at": {"value": "2024-\#(String(format: "%02d", index % 12 + 1))-\#(String(format: "%02d", index % 28 + 1))", "precision": "day", "origin": "text"}, "body": "\#(body)"}"#
        }
        let snapshot = try CorpusFixture.load(articles: lines, measures: "[]", claims: "[]")
        let wordsByOrdinal = (0..<Int32(snapshot.articleCount)).map { ordinal in
            Set(snapshot.article(at: ordinal).body.lowercased().split(separator: " "))
        }
        for word in words + ["unique17", "unique2499", "ministers"] {
            let expected = wordsByOrdinal.indices.filter { wordsByOrdinal[$0].contains(Substring(word)) }.map { Int32($0) }
            #expect(!expected.isEmpty, "no article has \(word)")
            #expect(snapshot.search(try TextQuery(parsing: word)) == expected, "postings of \(word)")
        }
        #expect(snapshot.search(try TextQuery(parsing: "harbour")) == [])
        // Several words: common ones (here in more than 1 article in 32) are checked against bitmaps,
        // the others merged or galloped through; every way must agree with the scan.
        #expect(snapshot.textIndex.denseBitmapBytes > 0)
        let pairs = [
            ("ministers", "tariff"), ("tariff", "steel"), ("silk", "rice"), ("unique17", "ministers"),
            ("fish", "unique2499"), ("tariff", "unique17"), ("coal", "loans"),
        ]
        for (first, second) in pairs {
            let expected = wordsByOrdinal.indices.filter {
                wordsByOrdinal[$0].contains(Substring(first)) && wordsByOrdinal[$0].contains(Substring(second))
            }.map { Int32($0) }
            #expect(snapshot.search(try TextQuery(parsing: "\(first) \(second)")) == expected, "\(first) \(second)")
            let scope = Array(stride(from: Int32(0), to: Int32(snapshot.articleCount), by: 3))
            #expect(
                snapshot.search(try TextQuery(parsing: "\(first) \(second)"), within: scope)
                    == expected.filter { $0 % 3 == 0 }, "\(first) \(second) within every third article")
        }
    }

    @Test func emptyCorpusLoads() throws {
        let snapshot = try CorpusFixture.load(articles: [], measures: "[]", claims: "[]")
        #expect(snapshot.articleCount == 0)
        #expect(snapshot.search(try TextQuery(parsing: "china")) == [])
        #expect(snapshot.ordinals(publishedFrom: nil, through: nil) == 0..<0)
        let china = try #require(snapshot.entity(id: "china"))
        #expect(snapshot.articles(mentioning: china) == [])
        #expect(snapshot.coMentions(of: china) == [])
    }

    @Test func lineOrderDoesNotChangeTheSnapshot() throws {
        let forward = try CorpusFixture.load()
        let backward = try CorpusFixture.load(articles: CorpusFixture.articles.reversed())
        #expect(forward.articles == backward.articles)
        for ordinal in 0..<Int32(forward.articleCount) {
            #expect(forward.mentions(inArticle: ordinal) == backward.mentions(inArticle: ordinal))
        }
        let query = try TextQuery(parsing: "china")
        #expect(forward.search(query) == backward.search(query))
        #expect(forward.relevanceScores(for: query, in: [0, 1, 2]) == backward.relevanceScores(for: query, in: [0, 1, 2]))
    }
}
