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
                let some = matcher.snippetTokens(body, length: 120, lookback: 240)
                if some.tokens.count < all.count { stoppedEarly += 1 }
                #expect(isRun(some, of: all))
                let full = CorpusSnapshot.snippet(
                    of: body, tokens: .init(tokens: all, fromTop: true, mayStopShort: false), matcher: matcher, length: 120)
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
            let full = CorpusSnapshot.snippet(
                of: body, tokens: .init(tokens: matcher.scan(body), fromTop: true, mayStopShort: false), matcher: matcher,
                length: 120)
            let early = CorpusSnapshot.snippet(
                of: body, tokens: matcher.snippetTokens(body, length: 120, lookback: 240), matcher: matcher, length: 120)
            #expect(early == full, "gap \(gap)")
        }
    }

    /// Whether `some` are consecutive tokens of `all`, from its first token when they say so.
    private func isRun(_ some: QueryTermMatcher.SnippetTokens, of all: [QueryTermMatcher.CodedToken]) -> Bool {
        guard let first = some.tokens.first else { return all.isEmpty }
        guard let start = all.firstIndex(where: { $0.span == first.span }) else { return false }
        return some.fromTop == (start == 0) && some.tokens.count <= all.count - start
            && zip(some.tokens, all[start...]).allSatisfy { $0.code == $1.code && $0.span == $1.span }
    }

    @Test func snippetsSkipToTheFirstTermAndMatchAFullScan() throws {
        // Long bodies mixing case, letters outside ASCII (precomposed and combining), quotes and
        // punctuation outside ASCII, words that hold a query word, and four-byte scalars, with the
        // query words far from the top, near it, or missing.
        let vocabulary = [
            "Trade", "TRADE", "trade", "contrade", "trades", "tráde", "tra\u{0301}de", "\u{0301}trade", "trade\u{0301}",
            "Đà", "Nẵng", "nang", "NANG", "“quoted”", "—", "steel,", "steel.", "Stéel", "war", "WAR", "warlike",
            "😀", "𝒜bc", "x2", "2x", "the", "and", "of", "Ünited", "straße", "STRASSE", "in-trade", "O’Trade",
            "\n\n", "filler", "words", "here",
        ]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        let queries = [
            "trade", "nang", "trade war", "steel nang", "strasse", "đà nẵng", "\"trade war\"", "\"đà nẵng\" steel",
            "war -trade", "x2 the", "abc", "united",
        ]
        var skipped = 0
        var stoppedShort = 0
        for round in 0..<400 {
            // Every fourth body opens with a long run of filler so the first match is far down.
            let opening = round % 4 == 0 ? Array(repeating: "filler words here", count: 40 + next(40)) : []
            let words = (0..<(5 + next(300))).map { _ in vocabulary[next(vocabulary.count)] }
            let body = (opening + words).joined(separator: next(3) == 0 ? ", " : " ")
            for text in queries {
                let matcher = QueryTermMatcher(try TextQuery(parsing: text))
                let all = matcher.scan(body)
                for length in [40, 120, 200] {
                    let full = CorpusSnapshot.snippet(
                        of: body, tokens: .init(tokens: all, fromTop: true, mayStopShort: false), matcher: matcher,
                        length: length)
                    // Read from far enough back, the tokens always make the snippet.
                    let wide = matcher.snippetTokens(body, length: length, lookback: 4 * length / 3 + 1)
                    #expect(!wide.mayStopShort)
                    #expect(isRun(wide, of: all), "\(text) in \(body)")
                    let fromWide = CorpusSnapshot.snippet(of: body, tokens: wide, matcher: matcher, length: length)
                    #expect(fromWide == full, "\(text) (\(length)) in \(body)")
                    // Read from a third of the window back, they make it or say they may not.
                    let near = matcher.snippetTokens(body, length: length, lookback: length / 3 + 1)
                    if !near.fromTop { skipped += 1 }
                    #expect(isRun(near, of: all), "\(text) in \(body)")
                    if let fromNear = CorpusSnapshot.snippet(of: body, tokens: near, matcher: matcher, length: length) {
                        #expect(fromNear == full, "\(text) (\(length)) in \(body)")
                    } else {
                        stoppedShort += 1
                    }
                    #expect(CorpusSnapshot.snippet(of: body, matcher: matcher, length: length) == full)
                }
            }
        }
        #expect(stoppedShort > 0, "some windows reach back further than a third of their length")
        #expect(skipped > 1000, "most scans of bodies with a late match skip the text before it")
    }

    @Test func requiredPhrasesFoundBySkippingAreThoseAFullScanFinds() throws {
        // The snippet test's vocabulary (case, letters outside ASCII, combining marks, quotes and
        // dashes outside ASCII, words that hold a query word, four-byte scalars), with phrases that
        // repeat a word or start with a word the text often holds without the rest.
        let vocabulary = [
            "Trade", "TRADE", "trade", "contrade", "trades", "tráde", "tra\u{0301}de", "\u{0301}trade", "trade\u{0301}",
            "Đà", "Nẵng", "nang", "“quoted”", "—", "steel,", "steel.", "Stéel", "war", "WAR", "warlike", "😀", "𝒜bc",
            "x2", "the", "and", "straße", "STRASSE", "in-trade", "O’Trade", "\n\n", "filler",
        ]
        var random = SplitMix(seed: 0x6A09_E667_F3BC_C908)
        func next(_ bound: Int) -> Int { Int.random(in: 0..<bound, using: &random) }
        let queries = [
            "\"trade war\"", "\"trade trade war\"", "\"đà nẵng\" steel", "\"steel nang\" \"war the\"", "\"the and\"",
            "\"x2 the trade\"", "\"strasse trade\"", "\"o trade\"", "\"in trade war\"", "\"abc\"",
        ]
        var found = 0
        var missing = 0
        for _ in 0..<600 {
            let text = (0..<(1 + next(120))).map { _ in vocabulary[next(vocabulary.count)] }
                .joined(separator: next(3) == 0 ? ", " : " ")
            for query in queries {
                let matcher = QueryTermMatcher(try TextQuery(parsing: query))
                let tokens = matcher.scan(text)
                for phrase in matcher.phrases {
                    let expected = matcher.firstOccurrence(of: phrase, in: tokens) != nil
                    let skipping = Array(text.utf8).withUnsafeBufferPointer { matcher.contains(phrase, in: $0) }
                    #expect(skipping == expected, "\(query) in \(text)")
                    if expected { found += 1 } else { missing += 1 }
                }
            }
        }
        #expect(found > 500 && missing > 500, "phrases both found and missing: \(found), \(missing)")
    }

    @Test func termOpeningsNeverSkipAPlaceWhereATermMayStart() {
        // Text of words in any case, bytes outside ASCII, digits and punctuation: from every start,
        // the first candidate leaves out no place where a term is spelled (in either case) and no
        // byte outside ASCII, and text holding none of them is skipped.
        let terms = ["trade", "x", "2x", "zürich", "đà"].map { Array($0.utf8) }
        let openings = TermOpenings(terms)
        let pieces = [
            "Trade", "TRADE", "tr", "t", "tra", "X", "x", "2x", "2X", "Zürich", "ZÜRICH", "Đà", "é", " ", ", ", "—", "the", "Tz",
            "{r", "1", "@",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        func mayStartTerm(_ bytes: [UInt8], at position: Int) -> Bool {
            if bytes[position] >= 0x80 { return true }
            return terms.contains { term in
                term[0] < 0x80 && position + term.count <= bytes.count
                    && zip(term, bytes[position...]).allSatisfy { expected, byte in
                        expected &- UInt8(ascii: "a") < 26 ? byte | 0x20 == expected : byte == expected
                    }
            }
        }
        for _ in 0..<300 {
            let bytes = Array((0..<next(60)).map { _ in pieces[next(pieces.count)] }.joined().utf8)
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...bytes.count {
                    let found = openings.firstCandidate(in: buffer, from: start)
                    #expect((found == nil) == (start == bytes.count))
                    let skipped = start..<(found ?? bytes.count)
                    #expect(!skipped.contains { mayStartTerm(bytes, at: $0) }, "\(bytes) from \(start)")
                }
            }
        }
        let filler = Array(String(repeating: "filler words here, ", count: 4).utf8) + Array("Trade".utf8)
        let found = filler.withUnsafeBufferPointer { openings.firstCandidate(in: $0, from: 0) }
        #expect(found == filler.count - 5)
    }

    @Test func snippetsFromTheStartOfABodyAreThoseOfTheWholeBody() throws {
        // Bodies of paragraphs mixing letters outside ASCII, four-byte scalars, punctuation and
        // phrases, read in longer and longer starts cut at any byte (inside a character too), as a
        // compressed body is: a snippet made from a start must be the whole body's.
        let vocabulary = [
            "Trade", "trade", "trades", "tráde", "tra\u{0301}de", "Đà", "Nẵng", "nang", "“quoted”", "—", "steel,",
            "steel.", "war", "WAR", "😀", "𝒜bc", "the", "and", "of", "straße", "STRASSE", "O’Trade", "(war)",
            "export", "controls", "\n\n", "filler", "words", "here", "long-winded", "x2", "the steel and",
            "export controls", "trade war",
        ]
        var state: UInt64 = 0x5851_F42D_4C95_7F2D
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        let queries = [
            "trade", "nang", "trade war", "\"trade war\"", "\"đà nẵng\" steel", "strasse", "abc", "united",
            "\"export controls\"", "war -trade", "\"the steel and\" war",
        ]
        var fromStarts = 0
        var needingMore = 0
        for round in 0..<60 {
            // Some bodies open with filler, so the first match is far down; some have none.
            let opening = round % 3 == 0 ? Array(repeating: "filler words here", count: 10 + next(60)) : []
            let words = (0..<(5 + next(300))).map { _ in vocabulary[next(vocabulary.count)] }
            let body = (opening + words).joined(separator: next(3) == 0 ? ", " : " ")
            let bytes = Array(body.utf8)
            for text in queries {
                let matcher = QueryTermMatcher(try TextQuery(parsing: text))
                for length in [40, 200] {
                    let whole = CorpusSnapshot.snippet(of: body, matcher: matcher, length: length)
                    var termSearchStart = 0
                    var cut = 0
                    while cut < bytes.count {
                        let start = bytes.withUnsafeBufferPointer {
                            CorpusSnapshot.snippet(
                                of: UnsafeBufferPointer(rebasing: $0[..<cut]), continues: true, matcher: matcher,
                                length: length, termSearchStart: &termSearchStart)
                        }
                        if let start {
                            fromStarts += 1
                            #expect(start == whole, "\(text) (\(length)) in \(body) cut at \(cut)")
                        } else {
                            needingMore += 1
                        }
                        // Every cut for the longest phrase, whose match may lie across the end of a start.
                        cut += text.hasPrefix("\"the steel") ? 1 : 1 + next(40)
                    }
                }
            }
        }
        #expect(fromStarts > 10_000, "most starts past the window make the snippet")
        #expect(needingMore > 10_000, "starts before the window's end need more")
    }

    @Test func snippetsOfCompressedBodiesAreThoseOfTheWholeBody() throws {
        // Loaded bodies keep their rest compressed and snippets decompress only its start: matches
        // in a long first paragraph, just after it, deep in the body, across a block's end, or none.
        let block = TextCompressor.openingBlockSize
        let filler = (0..<400).map { "word\($0 % 37)" }.joined(separator: " ")
        let long = String(filler.prefix(300))
        let bodies = [
            "\(long) trade war in the middle \(long)\n\n\(filler)",
            "Short opening.\n\nThe trade war began. \(filler)",
            "Short opening.\n\n\(filler) \(filler) the trade war, at last. \(filler)",
            "Short opening.\n\n\(filler) and no match at all.",
            "Short opening.\n\n" + String(repeating: "a", count: block - 5) + " Đà Nẵng 😀 trade war " + filler,
            "Short opening.\n\n" + String(repeating: "b ", count: block / 2 - 3) + "trade war steel " + filler,
            "Trade war.\n\nwar",
            "Trade\n\n" + String(repeating: "c ", count: block / 2 - 1) + "war",
        ]
        let lines = bodies.enumerated().map { index, body in
            let record: [String: Any] = [
                "id": "b\(index)", "kind": "article", "title": "Title", "source": ["id": "s", "name": "S"],
                "language": "en", "published_at": ["value": "2025", "precision": "year", "origin": "text"],
                "body": body,
            ]
            return String(decoding: try! JSONSerialization.data(withJSONObject: record), as: UTF8.self)
        }
        let snapshot = try CorpusFixture.load(articles: lines, measures: "[]", claims: "[]")
        for text in ["trade", "war", "trade war", "\"trade war\"", "\"war in the\"", "nang", "missing"] {
            let query = try TextQuery(parsing: text)
            for index in bodies.indices {
                let ordinal = try #require(snapshot.article(id: "b\(index)"))
                let whole = CorpusSnapshot.snippet(
                    of: snapshot.article(at: ordinal).body, matcher: QueryTermMatcher(query), length: 200)
                #expect(snapshot.snippet(forArticle: ordinal, matching: query) == whole, "\(text) in b\(index)")
            }
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
