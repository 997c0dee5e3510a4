import Testing

@testable import NewsAPI

/// The index of short texts' words against searching each text for a space and the prefix, as the
/// measure filters and the timeline's claims did before it.
@Suite struct WordPrefixIndexTests {
    /// Folded texts with a space before each word: words that share beginnings, repeat within a
    /// text, sort around one another by their bytes (`é` after `z`), and runs of spaces.
    private static let vocabulary = [
        "tariff", "tariffs", "tar", "steel", "steelmakers", "ste", "z", "zé", "é", "éa", "e", "a1", "chips",
    ]

    private static func texts(count: Int, generator: inout SplitMix) -> [String] {
        (0..<count).map { _ in
            let words = (0..<Int(generator.next() % 6)).map { _ in vocabulary[Int(generator.next() % UInt64(vocabulary.count))] }
            return " " + words.joined(separator: generator.next() % 4 == 0 ? "  " : " ")
        }
    }

    @Test func findsWhatSearchingEachTextFinds() {
        var generator = SplitMix(seed: 7)
        let prefixes = [
            "t", "ta", "tar", "tariff", "tariffs", "tariffsx", "s", "steel", "z", "zé", "é", "e", "a", "a1", "c", "x", "\u{FF}",
        ]
        for textCount in [0, 1, 5, 60] {
            let texts = WordPrefixIndexTests.texts(count: textCount, generator: &generator)
            let index = WordPrefixIndex(texts: texts)
            for _ in 0..<200 {
                let asked = (0..<1 + Int(generator.next() % 3)).map { _ in
                    prefixes[Int(generator.next() % UInt64(prefixes.count))]
                }
                let expected = texts.indices.filter { position in
                    asked.allSatisfy { ByteSearch.contains(texts[position], " " + $0) }
                }.map(Int32.init)
                #expect(index.texts(withWordsStartingWith: asked) == expected, "\(asked) in \(texts)")
            }
        }
    }

    @Test func eachWordIsKeptOnce() {
        let index = WordPrefixIndex(texts: [" steel steel tariff", " tariff  steel", ""])
        #expect(index.wordCount == 2)
        #expect(index.texts(withWordsStartingWith: ["steel"]) == [0, 1])
        #expect(index.texts(withWordsStartingWith: ["t", "st"]) == [0, 1])
    }

    @Test func prefixesNoWordAnswersAreLeftToTheCaller() {
        let index = WordPrefixIndex(texts: [" steel tariff"])
        #expect(index.texts(withWordsStartingWith: [""]) == nil)
        #expect(index.texts(withWordsStartingWith: ["steel", "steel tariff"]) == nil)
        #expect(index.texts(withWordsStartingWith: []) == nil)
    }
}
