import CorpusGeneration
import Foundation
import Testing

@testable import NewsAPI
@testable import NewsFormat

/// The JSON writer's shortcuts write exactly what the plain way writes.
@Suite struct JSONWriterTests {
    /// A string escaped one byte at a time, the way the JSON grammar says.
    private static func reference(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }

    /// Strings of every length up to 24 with a character that needs escaping (or a near miss) at
    /// every place, so each lands in every byte of an eight-byte word and in the tail after them.
    @Test func stringsAreEscapedAsByteByByte() {
        let fillers = ["a", "é", "日", "]", "\u{7F}"]
        let specials = ["\"", "\\", "\n", "\r", "\t", "\u{1}", "\u{1F}", "\u{0}", "!", "#", "[", "]", " ", "é"]
        for length in 0...24 {
            for filler in fillers {
                let plain = String(repeating: filler, count: length)
                var json = JSONWriter()
                json.string(plain)
                #expect(String(decoding: json.bytes, as: UTF8.self) == Self.reference(plain))
                for place in 0..<length {
                    for special in specials {
                        var characters = Array(plain)
                        characters[place] = Character(special)
                        let text = String(characters)
                        var json = JSONWriter()
                        json.string(text)
                        #expect(String(decoding: json.bytes, as: UTF8.self) == Self.reference(text), "\(text.debugDescription)")
                    }
                }
            }
        }
    }

    /// The word test finds a byte that needs escaping at any place in the word, among any others.
    @Test func wordTestFindsEachByteThatNeedsEscaping() {
        for fill: UInt8 in [0x61, 0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xC3, 0xFF] {
            for byte in UInt8.min...UInt8.max {
                for place in 0..<8 {
                    var bytes = [UInt8](repeating: fill, count: 8)
                    bytes[place] = byte
                    let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                    let needs = byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
                    #expect(JSONWriter.anyNeedsEscaping(word) == needs, "byte \(byte) at \(place) among \(fill)")
                }
            }
        }
    }

    /// A literal prefix and an escaped value make one string value, commas placed as usual.
    @Test func stringWithLiteralPrefix() {
        var json = JSONWriter()
        json.beginArray()
        json.string(ascii: "/articles/", "a-1")
        json.string(ascii: "/x/", "q\"uote")
        json.endArray()
        #expect(String(decoding: json.bytes, as: UTF8.self) == #"["/articles/a-1","/x/q\"uote"]"#)
    }

    /// An object begun with encoded members through a name takes that member's value next.
    @Test func objectBegunThroughAName() {
        let start = Array(#"{"a":1,"b":"#.utf8)
        var json = JSONWriter()
        json.beginArray()
        for value in [2, 3] {
            start.withUnsafeBufferPointer { json.beginObject(encodedThroughName: $0) }
            json.int(value)
            json.endObject()
        }
        json.endArray()
        #expect(String(decoding: json.bytes, as: UTF8.self) == #"[{"a":1,"b":2},{"a":1,"b":3}]"#)
    }

    /// A mention written from the encoded entities reads as one written member by member.
    @Test func encodedMentionsMatchPlainOnes() {
        let entities = [
            Entity(id: "china", name: "China", type: .country),
            Entity(id: "to-lam", name: "Tô \"Lâm\"", type: .person),
        ]
        let encoded = EncodedEntities(entities)
        for (index, entity) in entities.enumerated() {
            var fast = JSONWriter()
            fast.key("x")
            encoded.beginMention(of: index, into: &fast)
            fast.int(7)
            fast.endObject()
            var plain = JSONWriter()
            plain.key("x")
            plain.beginObject()
            plain.entityIdentity(entity)
            plain.key("mentions"); plain.int(7)
            plain.endObject()
            #expect(fast.bytes == plain.bytes)
        }
    }

    /// An article's head, its shared members copied in as its placement and dateline encoded them,
    /// is byte for byte the head written member by member: for hand-made articles with every
    /// optional member absent or present and strings that need escaping, and for every article of a
    /// generated corpus, whose placements and datelines are shared.
    @Test func articleHeadsMatchPlainOnes() throws {
        let wire = Article.Source(id: "wire", name: "The \"Wire\"")
        let post = Article.Source(id: "post", name: "Post")
        let day = try #require(DateValue(value: "2025-03-04", precision: .day, origin: .external))
        let month = try #require(DateValue(value: "2025-03", precision: .month, origin: .text, note: "\"early\" March"))
        let handMade = [
            Article(
                id: "a", kind: .article, title: "Tabs\tand \"quotes\"", section: "World", source: wire,
                url: "https://example.com/a?b=\"c\"", language: "en", publishedAt: day, body: "First.\n\nSecond."),
            Article(
                id: "b", kind: .brief, title: "Brief", source: wire, language: "en", publishedAt: day,
                lede: "A lede of its own.", body: "Body."),
            Article(
                id: "c", kind: .article, title: "Other language", section: "World", source: post,
                language: "vi", publishedAt: day, body: "Body."),
            Article(
                id: "d", kind: .brief, title: "Month", section: "Back\\slash", source: post, url: "https://example.com/d",
                language: "en", publishedAt: month, body: "Body."),
        ]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("heads-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try CorpusGenerator(articles: 800, seed: 23, directory: directory).run()
        let snapshot = try CorpusLoader.load(from: directory, logger: CorpusFixture.logger)
        let generated = snapshot.articles
        // Each loaded article has the placement and dateline its own line gives, read on its own.
        let lines = try String(contentsOf: directory.appendingPathComponent("articles.ndjson"), encoding: .utf8)
            .split(separator: "\n")
        #expect(lines.count == generated.count)
        for (number, line) in lines.enumerated() {
            var reader = RecordReader(file: "articles.ndjson", line: number + 1)
            let read = try #require(reader.readArticle(try JSONParser.parse(Array(line.utf8))))
            let loaded = snapshot.article(at: try #require(snapshot.article(id: read.id)))
            #expect(loaded.section == read.section && loaded.source == read.source, "\(read.id)")
            #expect(loaded.language == read.language && loaded.publishedAt == read.publishedAt, "\(read.id)")
        }
        for article in handMade + generated {
            var fast = JSONWriter()
            fast.beginObject()
            fast.articleHeadMembers(article)
            fast.key("next"); fast.int(1)
            fast.endObject()
            #expect(fast.bytes == Self.plainHead(of: article), "\(article.id)")
        }
        // Loading shares them: a few per source and section, and per language and date, not one per article.
        let placements = Set(generated.map { ObjectIdentifier($0.placement) })
        let datelines = Set(generated.map { ObjectIdentifier($0.dateline) })
        let distinctPlacements = Set(generated.map { ArticlePlacement.Key(section: $0.section, source: $0.source) })
        let distinctDatelines = Set(generated.map { ArticleDateline.Key(language: $0.language, publishedAt: $0.publishedAt) })
        let workers = ProcessInfo.processInfo.activeProcessorCount
        #expect(placements.count <= distinctPlacements.count * workers)
        #expect(datelines.count <= distinctDatelines.count * workers)
        #expect(distinctPlacements.count < generated.count / 5)
    }

    /// An article's head members written one by one, in a one-member-more object as the test writes them.
    private static func plainHead(of article: Article) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("id"); json.string(article.id)
        json.key("kind"); json.string(article.kind.rawValue)
        json.key("title"); json.string(article.title)
        json.key("section"); json.string(article.section)
        json.key("source")
        json.beginObject()
        json.key("id"); json.string(article.source.id)
        json.key("name"); json.string(article.source.name)
        json.endObject()
        json.key("url"); json.string(article.url)
        json.key("language"); json.string(article.language)
        json.key("published_at"); json.date(article.publishedAt)
        json.key("lede"); json.string(article.lede)
        json.key("next"); json.int(1)
        json.endObject()
        return json.bytes
    }

    /// An article's self link is written straight in, or escaped as `Links` does for an id that
    /// needs it.
    @Test func articleSelfLinks() {
        for id in ["art-0001", "a b/c", "é"] {
            var fast = JSONWriter()
            fast.beginObject()
            fast.articleSelfLink(id)
            fast.endObject()
            var plain = JSONWriter()
            plain.beginObject()
            plain.key("links"); plain.selfLink(Links.article(id))
            plain.endObject()
            #expect(fast.bytes == plain.bytes, "\(id)")
        }
    }

    /// An occurrence's opening, written from literals, is what writing each member plainly gives.
    @Test func occurrenceOpenings() {
        for (field, start, end) in [(TextField.title, Int32(0), Int32(8)), (.body, 41, 52), (.body, 1_234_567, 1_234_580)] {
            var fast = JSONWriter()
            fast.beginArray()
            fast.beginObject()
            fast.endObject()
            fast.beginOccurrence(Mention.Occurrence(field: field, start: start, end: end))
            fast.key("alias"); fast.string("X")
            fast.endObject()
            fast.endArray()
            var plain = JSONWriter()
            plain.beginArray()
            plain.beginObject()
            plain.endObject()
            plain.beginObject()
            plain.key("field"); plain.string(field.rawValue)
            plain.key("start"); plain.int(start)
            plain.key("end"); plain.int(end)
            plain.key("alias"); plain.string("X")
            plain.endObject()
            plain.endArray()
            #expect(fast.bytes == plain.bytes, "\(field) \(start)")
        }
    }

    /// A full article's links: its own (straight in, or escaped as `Links` does) and the original URL
    /// only when it is known.
    @Test func fullArticleLinks() {
        for (id, url) in [("art-0001", nil), ("art-0002", "https://example.com/a?b=\"c\""), ("a b/c", "u")] {
            let article = Article(
                id: id, kind: .article, title: "T", source: .init(id: "s", name: "S"), url: url, language: "en",
                publishedAt: DateValue(value: "2024-01-02", precision: .day, origin: .text)!, body: "B")
            var fast = JSONWriter()
            fast.beginObject()
            fast.articleSelfLink(article.id, original: article.url)
            fast.endObject()
            var plain = JSONWriter()
            plain.beginObject()
            plain.key("links")
            plain.beginObject()
            plain.key("self"); plain.string(Links.article(id))
            if let url { plain.key("original"); plain.string(url) }
            plain.endObject()
            plain.endObject()
            #expect(fast.bytes == plain.bytes, "\(id)")
        }
    }
}
