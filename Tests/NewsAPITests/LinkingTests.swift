import Foundation
import Testing

@testable import NewsAPI

@Suite struct LinkingTests {
    /// The text each occurrence of a mention covers, sliced by its UTF-16 offsets.
    private func slices(_ mention: Mention, in article: Article) -> [String] {
        mention.offsets.map { occurrence in
            let text = occurrence.field == .title ? article.title : article.body
            let utf16 = Array(text.utf16)
            return String(decoding: utf16[Int(occurrence.start)..<Int(occurrence.end)], as: UTF16.self)
        }
    }

    private func mentions(of articleID: String, in snapshot: CorpusSnapshot) throws -> [String: [String]] {
        let ordinal = try #require(snapshot.article(id: articleID))
        let article = snapshot.article(at: ordinal)
        var result: [String: [String]] = [:]
        for mention in snapshot.mentions(inArticle: ordinal) {
            #expect(mention.count == mention.offsets.count)
            result[mention.entity.id] = slices(mention, in: article)
        }
        return result
    }

    @Test func linksFoldedWholeTokensAndSlicesBack() throws {
        let snapshot = try CorpusFixture.load()
        #expect(
            try mentions(of: "a1", in: snapshot) == [
                "china": ["China", "Chinese", "Chinese"],
                "vietnam": ["Vietnam"],
                "to-lam": ["Tô Lâm"],
                "united-states": ["U.S."],
            ])
    }

    @Test func mentionsAreMostFrequentFirstWithFieldsAndOffsets() throws {
        let snapshot = try CorpusFixture.load()
        let ordinal = try #require(snapshot.article(id: "a1"))
        let mentions = snapshot.mentions(inArticle: ordinal)
        #expect(mentions.map(\.entity.id) == ["china", "vietnam", "to-lam", "united-states"])
        #expect(
            mentions[0].offsets == [
                Mention.Occurrence(field: .title, start: 0, end: 5),
                Mention.Occurrence(field: .body, start: 0, end: 7),
                Mention.Occurrence(field: .body, start: 65, end: 72),
            ])
    }

    @Test func longestMatchWinsSoSouthChinaSeaIsNotChina() throws {
        let snapshot = try CorpusFixture.load()
        #expect(
            try mentions(of: "a2", in: snapshot) == [
                "south-china-sea": ["South China Sea", "South China Sea"],
                "vietnam": ["Vietnam"],
                "united-states": ["US"],
            ])
    }

    @Test func caseSensitiveAliasesNeedTheExactCase() throws {
        // a1 says "Let us see": the pronoun is not the United States; a2's "US officials" is.
        let snapshot = try CorpusFixture.load()
        #expect(try mentions(of: "a1", in: snapshot)["united-states"] == ["U.S."])
        #expect(try mentions(of: "a2", in: snapshot)["united-states"] == ["US"])
        let shouting = CorpusFixture.article(0, replacing: "Let us see", with: "Let Us see")
        #expect(try mentions(of: "a1", in: try CorpusFixture.load(articles: shouting))["united-states"] == ["U.S."])
    }

    @Test func multiWordAliasesMatchAcrossPunctuationAndCase() throws {
        let lines = CorpusFixture.article(
            2, replacing: "Washington restricted exports of Nvidia chips",
            with: "NVIDIA-Corporation restricted exports of the U.S chips")
        let snapshot = try CorpusFixture.load(articles: lines, measures: "[]", claims: "[]")
        let found = try mentions(of: "a3", in: snapshot)
        #expect(found["nvidia"] == ["Nvidia", "NVIDIA-Corporation"])
        #expect(found["united-states"] == ["U.S"])
    }

    @Test func explicitEntitiesAreAddedWithCountZero() throws {
        let lines = CorpusFixture.article(0, replacing: #""body""#, with: #""entities": ["nvidia", "china"], "body""#)
        let snapshot = try CorpusFixture.load(articles: lines)
        let ordinal = try #require(snapshot.article(id: "a1"))
        let mentions = snapshot.mentions(inArticle: ordinal)
        #expect(mentions.map(\.entity.id) == ["china", "vietnam", "to-lam", "united-states", "nvidia"])
        #expect(mentions.last?.count == 0)
        #expect(mentions.last?.offsets == [])
        let nvidia = try #require(snapshot.entity(id: "nvidia"))
        #expect(snapshot.articles(mentioning: nvidia) == [0, 1])
    }

    @Test func entityArticlesAreNewestFirstWithCounts() throws {
        let snapshot = try CorpusFixture.load()
        let unitedStates = try #require(snapshot.entity(id: "united-states"))
        // a3 (Washington, 16 April), a1 (U.S., 14 April), a2 (US, April).
        #expect(snapshot.articles(mentioning: unitedStates) == [0, 1, 2])
        #expect(Array(snapshot.articlePostings(mentioning: unitedStates)) == [0, 1, 2])
        #expect(snapshot.articleCount(of: unitedStates) == 3)
        let china = try #require(snapshot.entity(id: "china"))
        #expect(snapshot.articles(mentioning: china) == [0, 1])
    }

    @Test func coMentionsAreCountedPerArticle() throws {
        let snapshot = try CorpusFixture.load()
        let china = try #require(snapshot.entity(id: "china"))
        let co = snapshot.coMentions(of: china).map { "\($0.entity.id):\($0.articleCount)" }
        #expect(co == ["united-states:2", "nvidia:1", "to-lam:1", "vietnam:1"])
    }

    @Test func coMentionsDoNotDependOnTheThreadsCountingThem() {
        // Two workers' mention lists over 40 entities; each thread counts a range of entities.
        var generator = SplitMix(seed: 11)
        var lists = [MentionList(), MentionList()]
        var ordered: [DocumentLocation] = []
        var entitiesOfArticle: [[Int32]] = []
        for article in 0..<600 {
            let part = article % 2
            var entities: [Int32] = []
            for _ in 0..<Int(generator.next() % 6) {
                let entity = Int32(generator.next() % 40)
                if !entities.contains(entity) { entities.append(entity) }
            }
            for entity in entities { lists[part].beginMention(of: entity, count: 1) }
            lists[part].endDocument()
            ordered.append(DocumentLocation(part: Int32(part), document: Int32(article / 2)))
            entitiesOfArticle.append(entities)
        }
        let single = MentionIndex(lists: lists, ordered: ordered, entityCount: 40, threads: 1)
        let several = MentionIndex(lists: lists, ordered: ordered, entityCount: 40, threads: 3)
        for entity in Int32(0)..<40 {
            var shared: [Int32: Int32] = [:]
            for entities in entitiesOfArticle where entities.contains(entity) {
                for other in entities where other != entity { shared[other, default: 0] += 1 }
            }
            let expected = shared.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .prefix(MentionIndex.coMentionLimit).map { "\($0.key):\($0.value)" }
            #expect(single.coMentions(of: entity).map { "\($0.entity):\($0.count)" } == expected)
            #expect(several.coMentions(of: entity).map { "\($0.entity):\($0.count)" } == expected)
            #expect(
                Array(several.articles(mentioning: entity))
                    == entitiesOfArticle.indices.filter { entitiesOfArticle[$0].contains(entity) }.map { Int32($0) })
        }
    }

    @Test func aWalkOverManyArticlesReadsEachArticlesEntities() {
        var generator = SplitMix(seed: 12)
        var list = MentionList()
        var entitiesOfArticle: [[Int32]] = []
        for _ in 0..<200 {
            var entities: [Int32] = []
            for _ in 0..<Int(generator.next() % 5) {
                let entity = Int32(generator.next() % 30)
                if !entities.contains(entity) { entities.append(entity) }
            }
            for entity in entities { list.beginMention(of: entity, count: 1) }
            list.endDocument()
            entitiesOfArticle.append(entities)
        }
        let ordered = (0..<200).map { DocumentLocation(part: 0, document: Int32($0)) }
        let index = MentionIndex(lists: [list], ordered: ordered, entityCount: 30)
        // Walks shorter than a batch, of one batch and a bit either side, and of several; ranges and
        // lists, with articles far apart and repeated.
        let walks: [[Int32]] =
            [[], [7], Array(0..<31), Array(0..<32), Array(0..<33), Array(0..<200), Array(stride(from: 199, to: 0, by: -3))]
            + [[5, 5, 5, 120, 3]]
        for walk in walks {
            var read: [[Int32]] = []
            index.forEachArticle(in: walk) { read.append(Array($0)) }
            #expect(read == walk.map { entitiesOfArticle[Int($0)] }, "\(walk.count) articles")
            #expect(read == walk.map { Array(index.entities(inArticle: $0)) })
        }
        var ranged: [[Int32]] = []
        index.forEachArticle(in: Int32(40)..<Int32(105)) { ranged.append(Array($0)) }
        #expect(ranged == Array(entitiesOfArticle[40..<105]))
    }

    // MARK: The bundled seed corpus

    @Test func seedCorpusLinksAsAReaderWould() throws {
        let seed = try #require(CorpusFixture.seedDirectory, "the bundled corpus is in data/seed")
        let snapshot = try CorpusLoader.load(from: seed, logger: CorpusFixture.logger)
        var sawUS = false
        var sawSouthChinaSea = false
        var sawCCPIT = false
        for (index, article) in snapshot.articles.enumerated() {
            let mentions = snapshot.mentions(inArticle: Int32(index))
            var covered: [TextField: [(Range<Int32>, String)]] = [:]
            for mention in mentions {
                let keys = Set(([mention.entity.name] + mention.entity.aliases).map(TextFolding.normalizedKey))
                for (occurrence, text) in zip(mention.offsets, slices(mention, in: article)) {
                    // Every occurrence slices back to one of the entity's names.
                    #expect(keys.contains(TextFolding.normalizedKey(text)), "\(text) is not a name of \(mention.entity.id)")
                    covered[occurrence.field, default: []].append((occurrence.start..<occurrence.end, mention.entity.id))
                }
                if mention.entity.id == "united-states", slices(mention, in: article).contains("U.S.") { sawUS = true }
                if mention.entity.id == "south-china-sea" { sawSouthChinaSea = true }
                if mention.entity.id == "ccpit" { sawCCPIT = true }
            }
            // Occurrences never overlap, so "South China Sea" never also counts as China.
            for ranges in covered.values {
                let sorted = ranges.sorted { $0.0.lowerBound < $1.0.lowerBound }
                for (left, right) in zip(sorted, sorted.dropFirst()) {
                    #expect(left.0.upperBound <= right.0.lowerBound, "\(left.1) overlaps \(right.1) in \(article.id)")
                }
            }
            // The pronoun "us" is never linked.
            for (field, text) in [(TextField.title, article.title), (.body, article.body)] {
                let utf16 = Array(text.utf16)
                for token in Tokenizer.tokens(in: text) where String(decoding: utf16[token.utf16Range], as: UTF16.self) == "us" {
                    let linked = covered[field, default: []].contains { $0.0.contains(Int32(token.utf16Range.lowerBound)) }
                    #expect(!linked, "\"us\" linked in \(article.id)")
                }
            }
        }
        #expect(sawUS)
        #expect(sawSouthChinaSea)
        #expect(sawCCPIT)
    }

    // MARK: Rules a gazetteer can state (docs/data-format.md, "Linking")

    static let ruleEntities = #"""
        [
          {"id": "to-lam", "name": "To Lam", "type": "person", "aliases": ["Tô Lâm"]},
          {"id": "xi-jinping", "name": "Xi Jinping", "type": "person", "aliases": ["Xi"]},
          {"id": "vietnam", "name": "Vietnam", "type": "country", "aliases": ["Vietnamese"]},
          {"id": "turkey", "name": "Turkey", "type": "country", "aliases": ["Turkish"]},
          {"id": "united-kingdom", "name": "United Kingdom", "type": "country", "aliases": ["UK", "British"]},
          {"id": "united-states", "name": "United States", "type": "country", "aliases": ["U.S.", "US", "Washington"], "ambiguous_aliases": ["Washington"]},
          {"id": "georgia", "name": "Georgia", "type": "country", "aliases": ["Republic of Georgia"], "ambiguous_aliases": ["Georgia"]},
          {"id": "tbilisi", "name": "Tbilisi", "type": "place", "aliases": [], "part_of": "georgia"},
          {"id": "nvidia", "name": "Nvidia", "type": "company", "aliases": ["nvidia"], "any_case_aliases": ["nvidia"]}
        ]
        """#

    /// What linking finds in `body` (one article), entity id to the texts of its occurrences.
    private func linked(_ body: String, dataset: String = CorpusFixture.dataset, entities: String = LinkingTests.ruleEntities)
        throws -> [String: [String]]
    {
        let article: [String: Any] = [
            "id": "r1", "kind": "brief", "title": "Rules", "source": ["id": "wire", "name": "Wire"], "language": "en",
            "published_at": ["value": "2025-04-14", "precision": "day", "origin": "text"], "body": body,
        ]
        let line = String(decoding: try JSONSerialization.data(withJSONObject: article), as: UTF8.self)
        let snapshot = try CorpusFixture.load(
            dataset: dataset, articles: [line], entities: entities, measures: "[]", claims: "[]")
        return try mentions(of: "r1", in: snapshot).filter { !$0.value.isEmpty }
    }

    @Test func capitalsInANameMustBeCapitalsInTheText() throws {
        #expect(try linked("Tourists went to Lam Dong for the festival.") == [:])
        #expect(try linked("General Secretary To Lam and TÔ LÂM's guests.") == ["to-lam": ["To Lam", "TÔ LÂM"]])
        #expect(try linked("Roast turkey, then Turkey.") == ["turkey": ["Turkey"]])
        // An acronym needs every capital: "Us" is not the United States, nor is "us".
        #expect(try linked("Let Us see what us and the US do.") == ["united-states": ["US"]])
        // any_case_aliases lifts the rule for one alias.
        #expect(try linked("shares of nvidia rose") == ["nvidia": ["nvidia"]])
    }

    @Test func wordsEndWhereAReaderSeesThemEnd() throws {
        #expect(try linked("Flights to Xi'an and Xi’an resumed.") == [:])
        #expect(
            try linked("Vietnam's and Vietnam’s exports; Xi's visit.") == [
                "vietnam": ["Vietnam", "Vietnam"], "xi-jinping": ["Xi"],
            ])
        #expect(
            try linked("US-Vietnam ties and pro-Vietnam groups.") == [
                "united-states": ["US"], "vietnam": ["Vietnam", "Vietnam"],
            ])
        #expect(try linked("See vietnam.vn or GOV.UK, or O'Turkey.") == [:])
        #expect(try linked("The U.S. said so.") == ["united-states": ["U.S."]])
    }

    @Test func namesOfOtherThingsKeepShorterNamesInsideThemFromLinking() throws {
        let dataset = #"{"name": "rules", "not_entities": ["British Columbia", "Washington Post", "New Georgia"]}"#
        #expect(
            try linked("He left British Columbia for the UK; the Washington Post said so.", dataset: dataset)
                == ["united-kingdom": ["UK"]])
        #expect(try linked("British officials met.", dataset: dataset) == ["united-kingdom": ["British"]])
    }

    @Test func ambiguousNamesNeedTheArticleToNameTheEntityUnambiguously() throws {
        #expect(try linked("Washington state raised its minimum wage.") == [:])
        #expect(try linked("Washington and the United States agreed.") == ["united-states": ["Washington", "United States"]])
        #expect(try linked("Georgia voters went to the polls.") == [:])
        // A place in the entity confirms it.
        #expect(try linked("Georgia's parliament in Tbilisi voted.") == ["georgia": ["Georgia"], "tbilisi": ["Tbilisi"]])
        // So does listing it explicitly; the occurrence says which alias and rule linked it.
        let snapshot = try SeedAPI.get("/articles/d679149af95f4c6c")
        let entities = try #require(try snapshot.json()["entities"] as? [[String: Any]])
        let unitedStates = try #require(entities.first { $0["id"] as? String == "united-states" })
        let offsets = try #require(unitedStates["offsets"] as? [[String: Any]])
        let washington = try #require(offsets.first { $0["alias"] as? String == "Washington" })
        #expect(washington["rule"] as? String == "confirmed_ambiguous")
        #expect(offsets.contains { $0["alias"] as? String == "U.S." && $0["rule"] as? String == "alias" })
    }

    @Test func rulesThatCannotWorkAreErrors() throws {
        let entities =
            #"[{"id": "chad", "name": "Chad", "type": "country", "aliases": [], "ambiguous_aliases": ["Chad"], "codes": {"alpha2": "TD", "alpha3": "TCD", "numeric": "148"}}, {"id": "ndjamena", "name": "N'Djamena", "type": "place", "aliases": [], "part_of": "chadd", "codes": {"alpha2": "td", "alpha3": "TCD", "numeric": "14"}}]"#
        let messages = try CorpusFixture.errors(articles: [], entities: entities, measures: "[]", claims: "[]").map(\.description)
        #expect(messages.contains { $0.contains("every name is ambiguous") })
        #expect(messages.contains { $0.contains("only a country has ISO 3166-1 codes") })
        #expect(messages.contains { $0.contains("\"td\" is not 2 capital letters") })
        #expect(messages.contains { $0.contains("\"14\" is not 3 digits") })
    }

    @Test func aLastLineWithoutANewlineIsReadOnce() throws {
        // The last line of a file without a final newline is a batch of its own, given to the first
        // worker only; the others' results from the batch before must not be taken again.
        let directory = try CorpusFixture.directory(measures: "[]", claims: "[]")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(CorpusFixture.articles.joined(separator: "\n").utf8).write(
            to: directory.appendingPathComponent("articles.ndjson"))
        let snapshot = try CorpusLoader.load(from: directory, logger: CorpusFixture.logger)
        #expect(snapshot.articleCount == CorpusFixture.articles.count)
    }

    // MARK: The world gazetteer

    @Test func aCorpusWithoutCountriesLinksThemFromTheGazetteer() throws {
        let gazetteer = CorpusFixture.seedDirectory!.deletingLastPathComponent().appendingPathComponent(
            "gazetteer/countries.json"
        ).path
        let dataset = #"{"name": "new", "gazetteer": "\#(gazetteer)"}"#
        let found = try linked(
            "Japanese exporters and Kenya's tea growers met in Tbilisi; Georgia hosted them.",
            dataset: dataset, entities: #"[{"id": "nvidia", "name": "Nvidia", "type": "company", "aliases": []}]"#)
        #expect(found == ["japan": ["Japanese"], "kenya": ["Kenya"], "tbilisi": ["Tbilisi"], "georgia": ["Georgia"]])
    }

    @Test func theCorpusOwnEntityWinsAndEveryClashIsReported() throws {
        let seed = try #require(CorpusFixture.seedDirectory)
        let snapshot = try CorpusLoader.load(from: seed, logger: CorpusFixture.logger)
        let report = try #require(snapshot.gazetteer)
        #expect(report.path == "data/gazetteer/countries.json")
        #expect(report.clashes.contains("gazetteer entity \"vietnam\" is replaced by the corpus's own entity \"vietnam\""))
        #expect(report.clashes.contains { $0.contains("\"South China Sea\" in not_entities") })
        #expect(snapshot.entityCount == 31 + report.entitiesAdded)
        let vietnam = try #require(snapshot.entity(id: "vietnam"))
        #expect(vietnam.codes == Entity.Codes(alpha2: "VN", alpha3: "VNM", numeric: "704"))
        let japan = try #require(snapshot.entity(id: "japan"))
        #expect(japan.codes == Entity.Codes(alpha2: "JP", alpha3: "JPN", numeric: "392"))
        #expect(snapshot.entity(id: "tokyo")?.partOf == "japan")
        let off = try CorpusLoader.load(from: seed, gazetteer: .none, logger: CorpusFixture.logger)
        #expect(off.entityCount == 31)
        #expect(off.gazetteer == nil)
        #expect(off.version != snapshot.version)
    }
}
