import Foundation
import Testing

@testable import NewsAPI

/// The bitmaps that hold the common words' articles, checked against plain scans: membership, ranks,
/// the n-th member, and the conjunctions a search for common words counts and pages through.
@Suite struct TermBitmapTests {
    @Test func rankedBitmapAgreesWithAScan() {
        var generator = SplitMix(seed: 42)
        // Sizes around the 64-bit words and the eight-word blocks, dense and sparse.
        for (bitCount, density) in [(1, 2), (63, 2), (64, 3), (65, 5), (511, 4), (512, 64), (513, 7), (5_000, 3), (5_000, 300)] {
            var words = ContiguousArray<UInt64>(repeating: 0, count: (bitCount + 63) / 64)
            var members: [Int32] = []
            for ordinal in 0..<bitCount where generator.next() % UInt64(density) == 0 {
                words[ordinal >> 6] |= 1 << UInt64(ordinal & 63)
                members.append(Int32(ordinal))
            }
            let bitmap = RankedBitmap(words: words)
            #expect(bitmap.count == members.count)
            for ordinal in 0...Int32(bitCount) {
                let below = members.prefix { $0 < ordinal }.count
                #expect(bitmap.rank(of: ordinal) == below, "rank of \(ordinal) in \(bitCount)")
                #expect(bitmap.contains(ordinal) == members.contains(ordinal))
            }
            for (rank, member) in members.enumerated() {
                #expect(bitmap.member(withRank: rank) == member, "member \(rank) of \(bitCount)")
            }
        }
    }

    @Test func commonWordSearchesAgreeWithAScan() throws {
        let corpus = try CommonWordCorpus()
        let snapshot = corpus.snapshot
        let count = Int32(snapshot.articleCount)
        // Word pairs of the bitmaps, with and without excluded words, over the whole corpus and
        // over ranges whose ends fall inside words and blocks.
        let queries = ["tariff steel", "ministers", "rice chips ports", "tariff -steel", "coal -fish -silk", "loans rail"]
        let ranges: [Range<Int32>] = [0..<count, 1..<count, 63..<65, 64..<640, 100..<1_777, 511..<513, 2_000..<count, 7..<7]
        for text in queries {
            let query = try TextQuery(parsing: text)
            for range in ranges {
                let expected = corpus.matches(query).filter(range.contains)
                let found = try #require(snapshot.commonWordSearch(query, within: range), "\(text) has common words only")
                #expect(found.countAll() == expected.count, "\(text) in \(range)")
                #expect(found.ordinals(count: expected.count) == expected, "\(text) in \(range)")
                #expect(found.first == expected.first && found.last == expected.last, "\(text) in \(range)")
                #expect((0..<count + 64).filter(found.contains) == expected, "\(text) in \(range)")
                // Boundaries inside and outside the range, descending, some repeated.
                let boundaries: [Int32] = [count + 70, count, count - 1, 1_500, 1_500, 777, 64, 63, 1, 0]
                #expect(
                    found.countsAtOrAbove(boundaries) == boundaries.map { boundary in expected.filter { $0 >= boundary }.count },
                    "\(text) in \(range)")
                for positions in [0..<20, 3..<9, expected.count - 5..<expected.count + 5, expected.count..<expected.count + 3] {
                    let clamped = positions.clamped(to: 0..<expected.count)
                    #expect(found.ordinals(at: positions) == Array(expected[clamped]), "\(text) in \(range) at \(positions)")
                }
                for part in [0..<count, 10..<90, 600..<1_300, range] {
                    #expect(
                        found.count(in: part) == expected.filter(part.contains).count, "\(text) in \(range), counted in \(part)")
                }
                let bitmap = found.rankedBitmap
                #expect(bitmap.count == expected.count)
                #expect((0..<count).filter(bitmap.contains) == expected)
            }
            // Searching the listed way gives the same articles.
            if query.excludedWords.isEmpty {
                #expect(snapshot.search(query) == corpus.matches(query), "\(text)")
            }
        }
        // A rare word has no bitmap, so such a search is not answered from bitmaps.
        #expect(snapshot.commonWordSearch(try TextQuery(parsing: "tariff unique17"), within: 0..<count) == nil)
        #expect(snapshot.commonWordSearch(try TextQuery(parsing: "tariff -unique17"), within: 0..<count) == nil)
        #expect(snapshot.commonWordSearch(try TextQuery(parsing: "\"tariff steel\""), within: 0..<count) == nil)
    }

    @Test func conjunctionsOfLongBitmapsAgreeWithAScan() {
        // Three bitmaps over 100,000 articles (many chunks), the first two sparse and with nothing in
        // common above ordinal 20,000, so the last article is far below the top of most ranges.
        let articleCount = 100_000
        let wordsPerBitmap = (articleCount + 63) / 64
        var generator = SplitMix(seed: 7)
        var words = ContiguousArray<UInt64>(repeating: 0, count: 3 * wordsPerBitmap)
        var members: [[Bool]] = Array(repeating: Array(repeating: false, count: articleCount), count: 3)
        for ordinal in 0..<articleCount {
            let draws = [
                generator.next() % 40 == 0 || ordinal < 20_000 && generator.next() % 3 == 0, generator.next() % 2 == 0,
                generator.next() % 5 == 0,
            ]
            for (bitmap, isMember) in draws.enumerated() where isMember && (bitmap != 1 || ordinal < 20_000) {
                words[bitmap * wordsPerBitmap + ordinal >> 6] |= 1 << UInt64(ordinal & 63)
                members[bitmap][ordinal] = true
            }
        }
        let bitmaps = CommonTermBitmaps(words: words, wordsPerBitmap: wordsPerBitmap, threads: 1)
        let ranges: [Range<Int32>] = [0..<100_000, 5..<99_999, 19_000..<100_000, 20_000..<100_000, 40_001..<41_000]
        for (included, excluded) in [([0, 1], [Int]()), ([0], [2]), ([0, 1], [2]), ([2], [])] {
            for range in ranges {
                let found = TermConjunction(bitmaps: bitmaps, included: included, excluded: excluded, range: range)
                let expected = range.map { Int($0) }.filter { ordinal in
                    included.allSatisfy { members[$0][ordinal] } && !excluded.contains { members[$0][ordinal] }
                }.map { Int32($0) }
                let label = "\(included) -\(excluded) in \(range)"
                #expect(found.countAll() == expected.count, "\(label)")
                #expect(found.first == expected.first && found.last == expected.last, "\(label)")
                #expect(found.ordinals(count: expected.count) == expected, "\(label)")
                let boundaries: [Int32] = [100_000, 70_000, 41_000, 20_000, 16_384, 16_383, 0]
                #expect(
                    found.countsAtOrAbove(boundaries) == boundaries.map { boundary in expected.filter { $0 >= boundary }.count },
                    "\(label)")
            }
        }
    }

    @Test func aSearchsTimelineCountsFromBitmapsAsFromItsList() throws {
        let corpus = try CommonWordCorpus()
        let snapshot = corpus.snapshot
        let count = Int32(snapshot.articleCount)
        let days = snapshot.articles.map(\.publishedAt.day)
        let boundaries = DayBoundaries(days: days)
        let probes = Array(stride(from: try #require(days.min()) - 3, through: try #require(days.max()) + 3, by: 2))
        for text in ["tariff steel", "coal -fish -silk", "rice chips ports"] {
            let query = try TextQuery(parsing: text)
            for range in [0..<count, 100..<1_777, 7..<7] {
                let expected = corpus.matches(query).filter(range.contains)
                let found = try #require(snapshot.commonWordSearch(query, within: range))
                let counted = ArticleTimeline(boundaries: boundaries, ordinals: .conjunction(found))
                let listed = ArticleTimeline(boundaries: boundaries, ordinals: .list(expected[...]))
                #expect(counted.count == listed.count, "\(text) in \(range)")
                #expect(
                    counted.oldestAndNewestDays.map { [$0.oldest, $0.newest] }
                        == listed.oldestAndNewestDays.map { [$0.oldest, $0.newest] })
                #expect(counted.countsBefore(probes[...]) == listed.countsBefore(probes[...]), "\(text) in \(range)")
                #expect(probes.map(counted.countBefore) == probes.map(listed.countBefore), "\(text) in \(range)")
                #expect((0..<count).filter(counted.contains) == (0..<count).filter(listed.contains))
                for index in [0, 1, expected.count / 2, expected.count - 1] where index >= 0 && index < expected.count {
                    #expect(counted.ordinal(at: index) == listed.ordinal(at: index), "\(text) in \(range) at \(index)")
                }
            }
        }
    }

    @Test func listedAndCommonWordsCombineAsAScanDoes() throws {
        let corpus = try CommonWordCorpus()
        // A listed word with common ones, required or excluded; two listed words merged; over the
        // whole corpus and within a scope.
        let queries = ["tin steel", "tin -steel", "steel -tin", "jade tin", "tin -jade", "jade -tin -coal", "tariff jade -silk"]
        let scope = Array(stride(from: Int32(0), to: Int32(corpus.snapshot.articleCount), by: 2))
        for text in queries {
            let query = try TextQuery(parsing: text)
            let expected = corpus.matches(query)
            #expect(!expected.isEmpty, "\(text) finds some")
            #expect(corpus.snapshot.search(query) == expected, "\(text)")
            #expect(corpus.snapshot.search(query, within: scope) == expected.filter { $0 % 2 == 0 }, "\(text) in a scope")
        }
    }

    @Test func frequenciesComeFromListsAndBitmapsAlike() throws {
        let corpus = try CommonWordCorpus()
        let index = corpus.snapshot.textIndex
        let everyThird = Array(stride(from: Int32(0), to: Int32(corpus.snapshot.articleCount), by: 3))
        for word in ["ministers", "tariff", "silk", "unique17", "unique2499"] {
            let term = try #require(index.terms.find(word))
            var found: [Int32: UInt8] = [:]
            index.forEachFrequency(of: term, in: everyThird) { position, frequency in found[everyThird[position]] = frequency }
            var expected: [Int32: UInt8] = [:]
            for ordinal in everyThird {
                let occurrences = corpus.words[Int(ordinal)].filter { $0 == word }.count
                if occurrences > 0 { expected[ordinal] = UInt8(occurrences) }
            }
            #expect(found == expected, "\(word)")
        }
    }
}

/// 2,500 generated briefs: a filler that every one shares, eleven words each in a different share
/// of them (all common enough for a bitmap), two rare enough to be listed, and one word of its own.
private struct CommonWordCorpus {
    let snapshot: CorpusSnapshot
    /// Each article's folded words, title and body, by ordinal.
    let words: [[String]]

    init() throws {
        let common = ["tariff", "steel", "solar", "rice", "chips", "ports", "loans", "rail", "coal", "fish", "silk"]
        let filler = String(repeating: "Ministers met again this week. ", count: 3)
        let lines = (0..<2500).map { index in
            let chosen = common.indices.filter { (index + $0 * 5) % ($0 + 2) == 0 }.map { common[$0] }
            // Two words too rare for a bitmap, listed: in one brief in 50 and one in 45.
            let listed = (index % 50 == 0 ? " tin" : "") + (index % 45 == 0 ? " jade" : "")
            let body = "\(filler)\(chosen.joined(separator: " ")) unique\(index)\(listed)"
            return
                #"{"id": "p\#(index)", "kind": "brief", "title": "Note \#(index)", "source": {"id": "s", "name": "S"}, "language": "en", "published_at": {"value": "2024-\#(String(format: "%02d", index % 12 + 1))-\#(String(format: "%02d", index % 28 + 1))", "precision": "day", "origin": "text"}, "body": "\#(body)"}"#
        }
        snapshot = try CorpusFixture.load(articles: lines, measures: "[]", claims: "[]")
        let snapshot = snapshot
        words = (0..<Int32(snapshot.articleCount)).map { ordinal in
            let article = snapshot.article(at: ordinal)
            return "\(article.title) \(article.body)".lowercased()
                .split { !$0.isLetter && !$0.isNumber }.map(String.init)
        }
    }

    /// The ordinals of the articles holding all of `query`'s words and none of its excluded ones.
    func matches(_ query: TextQuery) -> [Int32] {
        words.indices.filter { ordinal in
            query.words.allSatisfy(words[ordinal].contains) && !query.excludedWords.contains(where: words[ordinal].contains)
        }.map { Int32($0) }
    }
}
