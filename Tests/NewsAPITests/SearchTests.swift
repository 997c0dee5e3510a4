import Foundation
import Testing

@testable import NewsAPI

@Suite struct SearchTests {
    private func ids(_ q: String, within scope: [Int32]? = nil, in snapshot: CorpusSnapshot) throws -> [String] {
        snapshot.search(try TextQuery(parsing: q), within: scope).map { snapshot.article(at: $0).id }
    }

    @Test func wordsAreAndedAndResultsNewestFirst() throws {
        let snapshot = try CorpusFixture.load()
        #expect(try ids("china", in: snapshot) == ["a3", "a1", "a2"])
        #expect(try ids("chinese goods", in: snapshot) == ["a1"])
        #expect(try ids("CHIPS", in: snapshot) == ["a3"])
        #expect(try ids("tô", in: snapshot) == ["a3", "a1"])
        #expect(try ids("lam", in: snapshot) == ["a1"])
        #expect(try ids("china unicorns", in: snapshot) == [])
    }

    @Test func phrasesMustBeConsecutive() throws {
        let snapshot = try CorpusFixture.load()
        #expect(try ids(#""export controls""#, in: snapshot) == ["a3"])
        #expect(try ids(#""controls export""#, in: snapshot) == [])
        #expect(try ids("U.S.", in: snapshot) == ["a1"])
        #expect(try ids("us", in: snapshot) == ["a1", "a2"])
        #expect(try ids(#""south china sea" vietnam"#, in: snapshot) == ["a2"])
    }

    @Test func exclusions() throws {
        let snapshot = try CorpusFixture.load()
        #expect(try ids("china -chips", in: snapshot) == ["a1", "a2"])
        #expect(try ids(#"china -"south china sea""#, in: snapshot) == ["a3", "a1"])
        #expect(try ids(#"china -"china sea south""#, in: snapshot) == ["a3", "a1", "a2"])
        #expect(try ids("china -unicorns", in: snapshot) == ["a3", "a1", "a2"])
    }

    @Test func searchWithinAScope() throws {
        let snapshot = try CorpusFixture.load()
        #expect(try ids("china", within: [1, 2], in: snapshot) == ["a1", "a2"])
        #expect(try ids("china", within: [], in: snapshot) == [])
        let vietnam = try #require(snapshot.entity(id: "vietnam"))
        #expect(try ids("ships", within: snapshot.articles(mentioning: vietnam), in: snapshot) == ["a2"])
    }

    @Test func relevanceFavoursMoreOccurrences() throws {
        let snapshot = try CorpusFixture.load()
        let query = try TextQuery(parsing: "chips")
        let all: [Int32] = [0, 1, 2]
        let scores = snapshot.relevanceScores(for: query, in: all)
        #expect(scores[0] > 0)
        #expect(scores[1] == 0 && scores[2] == 0)
        let china = try TextQuery(parsing: "chinese")
        // a1 says "Chinese" twice; the others never.
        #expect(snapshot.rankedByRelevance(all, for: china) == [1, 0, 2])
    }

    @Test func relevanceOfOrdinalsInAnyOrder() throws {
        let snapshot = try CorpusFixture.load()
        let query = try TextQuery(parsing: "chinese china")
        let sorted = snapshot.relevanceScores(for: query, in: [0, 1, 2])
        #expect(snapshot.relevanceScores(for: query, in: [2, 0, 1]) == [sorted[2], sorted[0], sorted[1]])
        #expect(snapshot.relevanceScores(for: query, in: []) == [])
    }

    @Test func snippetMarksEveryTermOccurrence() throws {
        let snapshot = try CorpusFixture.load()
        let query = try TextQuery(parsing: "chinese tariffs")
        let snippet = snapshot.snippet(forArticle: try #require(snapshot.article(id: "a1")), matching: query)
        #expect(
            snippet.text
                == "Chinese leader met Tô Lâm in Hanoi.  The U.S. imposed tariffs on Chinese goods. Let us see what happens.")
        let utf16 = Array(snippet.text.utf16)
        #expect(snippet.highlights.map { String(decoding: utf16[$0], as: UTF16.self) } == ["Chinese", "tariffs", "Chinese"])
    }

    @Test func longBodiesGiveAWindowCutAtWordsAroundTheFirstMatch() throws {
        let filler = (1...80).map { "word\($0)" }.joined(separator: " ")
        let body = "\(filler) The Đà Nẵng port handles tariffs; \(filler) ending."
        let line =
            #"{"id": "long", "kind": "article", "title": "Ports", "source": {"id": "s", "name": "S"}, "language": "en", "published_at": {"value": "2025", "precision": "year", "origin": "text"}, "body": "\#(body)"}"#
        let snapshot = try CorpusFixture.load(articles: [line], measures: "[]", claims: "[]")
        let snippet = snapshot.snippet(forArticle: 0, matching: try TextQuery(parsing: "tariffs nang"))
        #expect(snippet.text.hasPrefix("…word"))
        #expect(snippet.text.hasSuffix("…"))
        #expect(snippet.text.contains("The Đà Nẵng port handles tariffs;"))
        #expect((150...230).contains(snippet.text.count))
        let utf16 = Array(snippet.text.utf16)
        #expect(snippet.highlights.map { String(decoding: utf16[$0], as: UTF16.self) } == ["Nẵng", "tariffs"])
    }

    @Test func snippetsReadOnlyWhatTheyNeedAndMatchAFullScan() throws {
        // Bodies of a few hundred words drawn from a small vocabulary, so words and phrases recur at
        // every distance from each other and from the ends; queries of loose words and phrases.
        let vocabulary = ["trade", "war", "tariffs", "on", "steel", "the", "vietnam", "export", "controls", "and"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        let queries = [
            "steel", "trade war", "\"trade war\"", "\"export controls\" vietnam", "\"the steel\"",
            "\"on steel and\" tariffs", "war -peace", "controls \"steel trade\"",
        ]
        var stoppedEarly = 0
        for _ in 0..<300 {
            let body = (0..<(20 + next(400))).map { _ in vocabulary[next(vocabulary.count)] }
                .joined(separator: next(2) == 0 ? " " : ", ")
            for text in queries {
                let matcher = QueryTermMatcher(try TextQuery(parsing: text))
                let all = matcher.scan(body)
                let some = matcher.scanForSnippet(body, length: 120)
                #expect(some.count <= all.count)
                #expect(zip(some, all).allSatisfy { $0.code == $1.code && $0.span == $1.span })
                if some.count < all.count { stoppedEarly += 1 }
                let full = CorpusSnapshot.snippet(of: body, tokens: all, matcher: matcher, length: 120)
                let early = CorpusSnapshot.snippet(of: body, tokens: some, matcher: matcher, length: 120)
                #expect(early == full, "\(text) in \(body)")
            }
        }
        #expect(stoppedEarly > 1000, "most scans of long bodies stop before the end")

        // A match in the first word leaves no room before it, so a phrase begun at the window's last
        // word is only marked if the scan reads past the window to its end.
        let matcher = QueryTermMatcher(try TextQuery(parsing: "tariffs \"on steel and\""))
        for gap in 0..<40 {
            let body =
                "tariffs " + (0..<gap).map { "w\($0)" }.joined(separator: " ") + " on steel and "
                + (0..<60).map { "x\($0)" }.joined(separator: " ")
            let full = CorpusSnapshot.snippet(of: body, tokens: matcher.scan(body), matcher: matcher, length: 120)
            let early = CorpusSnapshot.snippet(
                of: body, tokens: matcher.scanForSnippet(body, length: 120), matcher: matcher,
                length: 120)
            #expect(early == full, "gap \(gap)")
        }
    }

    @Test func snippetWithoutABodyMatchStartsAtTheTop() throws {
        let snapshot = try CorpusFixture.load()
        let snippet = snapshot.snippet(
            forArticle: try #require(snapshot.article(id: "a3")), matching: try TextQuery(parsing: "controls"))
        #expect(snippet.text.hasPrefix("Washington restricted"))
        let utf16 = Array(snippet.text.utf16)
        #expect(snippet.highlights.map { String(decoding: utf16[$0], as: UTF16.self) } == ["controls"])
    }

    // MARK: Sorted ordinal lists

    @Test func intersectionOfSortedLists() {
        #expect(SortedOrdinals.intersection(of: [[1, 3, 5, 7, 9], [3, 4, 5, 9], [0, 3, 9, 10]]) == [3, 9])
        #expect(SortedOrdinals.intersection(of: [[1, 2, 3], []]) == [])
        #expect(SortedOrdinals.intersection(of: [[Int32]]()) == [])
        #expect(SortedOrdinals.intersection(of: [[4, 8]]) == [4, 8])
        let slices: [ArraySlice<Int32>] = [[0, 1, 2, 3, 4, 5][2...], [1, 3, 5][...]]
        #expect(SortedOrdinals.intersection(of: slices) == [3, 5])
        // Lists with no contiguous storage are read through a copy.
        let computed = [(0..<40).lazy.map { Int32($0 * 3) }, (0..<40).lazy.map { Int32($0 * 2) }]
        #expect(SortedOrdinals.intersection(of: computed) == [0, 6, 12, 18, 24, 30, 36, 42, 48, 54, 60, 66, 72, 78])
        // A short list against a long one (galloped) and two of a length (merged).
        #expect(SortedOrdinals.intersection(of: [[5, 500, 999, 1000], Array(0..<1000)]) == [5, 500, 999])
        #expect(SortedOrdinals.intersection(of: [[2, 3, 5, 8], [1, 2, 3, 4, 8, 9]]) == [2, 3, 8])
    }

    @Test func intersectionMatchesANaiveOne() {
        // Lists of similar lengths are merged; a list more than `mergeRatio` times longer than the
        // candidates left is galloped through. Both ways must give the same answer.
        var generator = SystemRandomNumberGenerator()
        for round in 0..<100 {
            let lists = (0..<3).map { list in
                let longest = round % 2 == 0 || list > 0 ? 400 : 30
                return Array(
                    Set(
                        (0..<Int.random(in: 0...longest, using: &generator)).map { _ in
                            Int32.random(in: 0..<2000, using: &generator)
                        })
                ).sorted()
            }
            let expected = lists.dropFirst().reduce(Set(lists[0])) { $0.intersection($1) }.sorted()
            #expect(SortedOrdinals.intersection(of: lists) == expected)
        }
    }

    @Test func subtractionAndUnion() {
        #expect(SortedOrdinals.subtracting([2, 4, 6], from: [1, 2, 3, 4, 5]) == [1, 3, 5])
        #expect(SortedOrdinals.subtracting([Int32](), from: [1, 2]) == [1, 2])
        #expect(SortedOrdinals.union(of: [[1, 4, 9], [2, 4], [9, 10]]) == [1, 2, 4, 9, 10])
        #expect(SortedOrdinals.union(of: [[Int32]]()) == [])
    }
}
