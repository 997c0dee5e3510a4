import Foundation
import Synchronization
import Testing

@testable import CorpusGeneration
@testable import NewsAPI

/// Article bodies are kept compressed with a dictionary trained at load: every text comes back as
/// it went in, and a loaded corpus's bodies and ledes equal its file's.
@Suite struct TextCompressorTests {
    /// Paragraphs of made-up news prose from a small vocabulary, the same on every run.
    static func paragraphs(_ count: Int, seed: UInt64) -> [String] {
        let words = [
            "the", "ministry", "said", "exports", "rose", "percent", "in", "March", "Đặng", "Văn", "Søren", "Straße",
            "analysts", "expected", "a", "sharp", "increase", "of", "steel", "prices", "東京", "trade", "deal", "😀",
        ]
        var random = SplitMix(seed: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 20...400, using: &random)).map { _ in words.randomElement(using: &random)! }
                .joined(separator: " ") + "."
        }
    }

    static let texts = [
        "",
        "Plain ASCII: exports rose 3.9 percent, the ministry said.",
        "Multi-byte UTF-8: Đặng Văn met Søren Ørsted in 東京 on the Straße 😀, and GROẞMANN agreed.",
        // Longer than any sample, and than zstd's 128 KiB block.
        paragraphs(400, seed: 99).joined(separator: "\n\n"),
    ]

    @Test func textsComeBackAsTheyWentInWithATrainedDictionary() {
        let samples = TextCompressorTests.paragraphs(300, seed: 7)
        let compressor = TextCompressor(trainingOn: samples.map { $0.utf8[...] })
        #expect(compressor.dictionarySize > 0)
        let context = TextCompressor.Context()
        for text in TextCompressorTests.texts {
            let compressed = compressor.compress(text.utf8[...], context: context)
            #expect(compressor.decompress(compressed, after: "") == text)
            #expect(compressor.decompress(compressed, after: "Lede: Ø.") == "Lede: Ø." + text)
            if text.utf8.count > 1000 { #expect(compressed.count < text.utf8.count / 2) }
        }
        // Many threads decompress at once, each with a context from the pool.
        let compressed = TextCompressorTests.texts.map { compressor.compress($0.utf8[...], context: context) }
        let mismatches = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 64) { index in
            let which = index % compressed.count
            if compressor.decompress(compressed[which], after: "") != TextCompressorTests.texts[which] {
                mismatches.withLock { $0 += 1 }
            }
        }
        #expect(mismatches.withLock { $0 } == 0)
    }

    @Test func aDictionaryTrainedOnTwoThreadsCompressesAsWell() {
        let samples = TextCompressorTests.paragraphs(300, seed: 7).map { $0.utf8[...] }
        let single = TextCompressor(trainingOn: samples)
        let parallel = TextCompressor(trainingOn: samples, threads: 2)
        #expect(parallel.dictionarySize > 0)
        let context = TextCompressor.Context()
        let text = TextCompressorTests.paragraphs(4, seed: 11).joined(separator: "\n\n")
        let compressed = parallel.compress(text.utf8[...], context: context)
        #expect(parallel.decompress(compressed, after: "") == text)
        // The same candidates are tried either way, so the chosen dictionary compresses the same.
        #expect(compressed.count == single.compress(text.utf8[...], context: context).count)
    }

    @Test func textsComeBackAsTheyWentInWithoutADictionary() {
        // Too few samples to train on: plain zstd.
        let compressor = TextCompressor(trainingOn: TextCompressorTests.paragraphs(3, seed: 7).map { $0.utf8[...] })
        #expect(compressor.dictionarySize == 0)
        let context = TextCompressor.Context()
        for text in TextCompressorTests.texts {
            #expect(compressor.decompress(compressor.compress(text.utf8[...], context: context), after: "") == text)
        }
    }

    @Test func prefixesAreReadUpToTheFirstBlockThenWhole() {
        let trained = TextCompressor(trainingOn: TextCompressorTests.paragraphs(300, seed: 7).map { $0.utf8[...] })
        let plain = TextCompressor(trainingOn: [])
        let block = TextCompressor.openingBlockSize
        // A four-byte scalar across the end of the first block, and texts of a block and a byte either side.
        let texts =
            TextCompressorTests.texts.filter { !$0.isEmpty } + [
                String(repeating: "a", count: block - 2) + "😀 and more", String(repeating: "b", count: block - 1),
                String(repeating: "c", count: block), String(repeating: "d", count: block + 1),
            ]
        for compressor in [trained, plain] {
            let context = TextCompressor.Context()
            for text in texts {
                let compressed = compressor.compress(text.utf8[...], context: context)
                let prefix = "Lede: Ø."
                let whole = Array((prefix + text).utf8)
                var lengths: [Int] = []
                let read = compressor.readPrefixes(of: compressed, after: prefix) { bytes, isWhole -> [UInt8]? in
                    lengths.append(bytes.count)
                    #expect(Array(bytes) == Array(whole[..<bytes.count]))
                    #expect(isWhole == (bytes.count == whole.count))
                    return isWhole ? Array(bytes) : nil
                }
                #expect(read == whole)
                // The prefix alone, then the first block, then the whole text.
                let size = text.utf8.count
                let expected =
                    [prefix.utf8.count] + (size > block ? [prefix.utf8.count + block] : [])
                    + [prefix.utf8.count + size]
                #expect(lengths == expected, "\(size) bytes")
                // A reader that stops early leaves its context ready for the next text.
                let opening = compressor.readPrefixes(of: compressed, after: "") { bytes, _ in
                    bytes.isEmpty ? nil : bytes.count
                }
                #expect(opening == min(size, block))
                #expect(compressor.decompress(compressed, after: "") == text)
            }
        }
    }

    @Test func decompressedIntoABufferAfterAPrefix() {
        let trained = TextCompressor(trainingOn: TextCompressorTests.paragraphs(300, seed: 7).map { $0.utf8[...] })
        let plain = TextCompressor(trainingOn: [])
        for compressor in [trained, plain] {
            let context = TextCompressor.Context()
            for text in TextCompressorTests.texts {
                let compressed = compressor.compress(text.utf8[...], context: context)
                #expect(compressor.textSize(of: compressed) == text.utf8.count)
                for prefix in ["", "Lede: Ø."] {
                    let bytes = compressor.withDecompressed(compressed, after: prefix) { Array($0) }
                    #expect(bytes == Array((prefix + text).utf8))
                }
            }
        }
    }

    @Test func loadedBodiesAndLedesEqualTheFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("compressed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        // More articles than train the dictionary, so some are compressed with a dictionary not made from them.
        _ = try CorpusGenerator(articles: 1_200, seed: 5, directory: directory).run()
        let snapshot = try CorpusLoader.load(from: directory, logger: CorpusFixture.logger)
        let lines = try String(contentsOf: directory.appendingPathComponent("articles.ndjson"), encoding: .utf8)
            .split(separator: "\n")
        #expect(lines.count == 1_200)
        var mismatches: [String] = []
        for line in lines {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let id = try #require(record["id"] as? String)
            let body = try #require(record["body"] as? String)
            let article = snapshot.article(at: try #require(snapshot.article(id: id)))
            let firstParagraph = body.components(separatedBy: "\n\n")[0]
            let bodyBytes = article.withBodyUTF8 { Array($0) }
            if article.body != body || article.lede != (record["lede"] as? String ?? firstParagraph)
                || bodyBytes != Array(body.utf8) || article.bodyByteCount != body.utf8.count
                || String(decoding: article.firstParagraphUTF8, as: UTF8.self) != firstParagraph
            {
                mismatches.append(id)
            }
        }
        #expect(mismatches.isEmpty, "articles whose body or lede differ from the file: \(mismatches.prefix(5))")
    }
}
