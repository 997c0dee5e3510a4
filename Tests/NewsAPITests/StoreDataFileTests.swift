import Foundation
import Testing

@testable import NewsAPI

@Suite struct StoreDataFileTests {
    private func lines(of text: String, chunkSize: Int) throws -> (lines: [String], numbers: [Int], hash: UInt64, bytes: Int) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lines-\(UUID().uuidString)").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var hasher = FNV1a64()
        var found: [String] = []
        var numbers: [Int] = []
        try DataFile.forEachBatchOfLines(path, chunkSize: chunkSize, hasher: &hasher) { buffer, ranges, first in
            for (offset, range) in ranges.enumerated() {
                found.append(String(decoding: buffer[range], as: UTF8.self))
                numbers.append(first + offset)
            }
            return true
        }
        return (found, numbers, hasher.value, hasher.byteCount)
    }

    @Test(arguments: [4, 7, 16, 1 << 20])
    func linesSurviveAnyChunkSize(chunkSize: Int) throws {
        let text = "first line\n\nthird, which is rather longer than the chunk\nlast without newline"
        let result = try lines(of: text, chunkSize: chunkSize)
        #expect(result.lines == ["first line", "", "third, which is rather longer than the chunk", "last without newline"])
        #expect(result.numbers == [1, 2, 3, 4])
        #expect(result.bytes == text.utf8.count)
        var hasher = FNV1a64()
        hasher.update(Array(text.utf8))
        #expect(result.hash == hasher.value)
    }

    @Test func hashDoesNotDependOnHowBytesAreSplit() {
        let bytes = Array("The quick brown fox jumps over the lazy dog, twice over.".utf8)
        var whole = FNV1a64()
        whole.update(bytes)
        for split in 0...bytes.count {
            var parts = FNV1a64()
            parts.update(Array(bytes[..<split]))
            parts.update(Array(bytes[split...]))
            #expect(parts.value == whole.value)
        }
        var other = FNV1a64()
        other.update(Array("The quick brown fox jumps over the lazy dog, twice over!".utf8))
        #expect(other.value != whole.value)
        #expect(whole.hexDigits.count == 16)
    }

    @Test func hexDigitsSpellTheValue() {
        for text in ["", "a", "The quick brown fox", "version-1"] {
            var hasher = FNV1a64()
            hasher.update(Array(text.utf8))
            let plain = String(hasher.value, radix: 16)
            let padded = String(repeating: "0", count: 16 - plain.count) + plain
            #expect(hasher.hexDigits == padded)
            #expect(hasher.quotedHexDigits == "\"" + padded + "\"")
        }
    }

    @Test func missingFileIsReported() {
        var hasher = FNV1a64()
        #expect(throws: DataFile.Failure.self) {
            try DataFile.forEachBatchOfLines("/nonexistent/articles.ndjson", hasher: &hasher) { _, _, _ in true }
        }
    }
}
