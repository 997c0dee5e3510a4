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
        #expect(try mentions(of: "a1", in: snapshot) == [
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
        #expect(mentions[0].offsets == [
            Mention.Occurrence(field: .title, start: 0, end: 5),
            Mention.Occurrence(field: .body, start: 0, end: 7),
            Mention.Occurrence(field: .body, start: 65, end: 72),
        ])
    }

    @Test func longestMatchWinsSoSouthChinaSeaIsNotChina() throws {
        let snapshot = try CorpusFixture.load()
        #expect(try mentions(of: "a2", in: snapshot) == [
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
        let lines = CorpusFixture.article(2, replacing: "Washington restricted exports of Nvidia chips", with: "NVIDIA-corporation restricted exports of the U.S chips")
        let snapshot = try CorpusFixture.load(articles: lines, measures: "[]", claims: "[]")
        let found = try mentions(of: "a3", in: snapshot)
        #expect(found["nvidia"] == ["Nvidia", "NVIDIA-corporation"])
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
            #expect(Array(several.articles(mentioning: entity)) == entitiesOfArticle.indices.filter { entitiesOfArticle[$0].contains(entity) }.map { Int32($0) })
        }
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
}
