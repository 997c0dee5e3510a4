import Testing

@testable import NewsAPI

@Suite struct TermCollectorTests {
    /// The key words as the collector defines them: the first fifteen bytes, byte `i` at bits `8i`
    /// (bytes 7..<15 in the second word), and the length in the top byte.
    static func referenceKeys(_ term: [UInt8]) -> (UInt64, UInt64) {
        var key = UInt64(min(term.count, 255)) << 56
        var extendedKey: UInt64 = 0
        for (offset, byte) in term.prefix(15).enumerated() {
            if offset < 7 {
                key |= UInt64(byte) << (8 * UInt64(offset))
            } else {
                extendedKey |= UInt64(byte) << (8 * UInt64(offset - 7))
            }
        }
        return (key, extendedKey)
    }

    @Test func keysHoldTheFirstFifteenBytesAndTheLengthForEveryLength() {
        let source: [UInt8] = Array("abcdefghijklmnopqrstu".utf8) + [0xC3, 0xA9, 0xFF]
        for length in 0...source.count {
            let term = Array(source.prefix(length))
            let keys = term.withUnsafeBufferPointer { TermCollector.keys($0) }
            let expected = TermCollectorTests.referenceKeys(term)
            #expect(keys.0 == expected.0 && keys.1 == expected.1, "length \(length)")
        }
    }

    @Test func termsKeepTheirIdsAndCountsAsTheTableGrows() {
        var collector = TermCollector(capacity: 4)
        let words = (0..<500).map { "w\($0 * 7919 % 1000)x" } + ["a", "ab", "abc", "abcd", "a-much-longer-term-than-fifteen"]
        var ids: [String: Int32] = [:]
        for word in words {
            var word = word
            ids[word] = word.withUTF8 { collector.count($0) }
        }
        collector.endDocument()
        // The second document counts each word twice, and finds the same ids.
        for word in words + words {
            var word = word
            #expect(word.withUTF8 { collector.count($0) } == ids[word])
        }
        collector.endDocument()
        #expect(collector.count == words.count)
        #expect(collector.documentCount == 2)
        #expect(
            Array(collector.documentFrequencies) == Array(repeating: 1, count: words.count)
                + Array(repeating: 2, count: words.count))
        #expect(Array(collector.documentTerms.suffix(words.count)) == words.map { ids[$0]! })
        let dictionary = collector.dictionary()
        for (word, id) in ids {
            #expect(dictionary.find(word) == id)
            #expect(dictionary.text(of: id) == word)
        }
        #expect(dictionary.find("absent") == nil)
    }
}
