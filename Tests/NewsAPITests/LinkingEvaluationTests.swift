import Foundation
import Testing

@testable import NewsAPI

/// The linking evaluation: the labelled texts of `Tests/Linking/linking-eval.txt`, each linked as one
/// article against the bundled corpus's entities merged with the world gazetteer, scored mention by
/// mention (an entity id and the exact span). `make eval-linking` runs this suite alone.
@Suite struct LinkingEvaluationTests {
    /// A gold or linked mention: which text, which entity, which UTF-16 span of the text.
    struct Span: Hashable, Comparable {
        let text: Int
        let entity: String
        let start: Int
        let end: Int

        static func < (left: Span, right: Span) -> Bool {
            (left.text, left.start, left.entity) < (right.text, right.start, right.entity)
        }
    }

    /// One labelled text: the plain text and its gold mentions.
    struct Labelled {
        let line: Int
        let text: String
        let gold: [Span]
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Reads `[as written|entity-id]` markup into plain text and gold spans (UTF-16 offsets).
    static func labelledTexts() throws -> [Labelled] {
        let file = root.appendingPathComponent("Tests/Linking/linking-eval.txt")
        var texts: [Labelled] = []
        for (number, line) in try String(contentsOf: file, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false
        ).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            var plain = ""
            var gold: [Span] = []
            var rest = Substring(line)
            while let open = rest.firstIndex(of: "[") {
                plain += rest[..<open]
                guard let close = rest[open...].firstIndex(of: "]"), let bar = rest[open..<close].firstIndex(of: "|") else {
                    throw LabelError(line: number + 1, message: "a [ without |id]")
                }
                let written = rest[rest.index(after: open)..<bar]
                let entity = String(rest[rest.index(after: bar)..<close])
                let start = plain.utf16.count
                plain += written
                gold.append(Span(text: texts.count, entity: entity, start: start, end: plain.utf16.count))
                rest = rest[rest.index(after: close)...]
            }
            plain += rest
            texts.append(Labelled(line: number + 1, text: plain, gold: gold))
        }
        return texts
    }

    struct LabelError: Error, CustomStringConvertible {
        let line: Int
        let message: String
        var description: String { "linking-eval.txt:\(line): \(message)" }
    }

    /// Links every text as one article of a corpus with the seed's entities and the gazetteer.
    static func link(_ texts: [Labelled]) throws -> [Span] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("linking-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let gazetteer = root.appendingPathComponent("data/gazetteer/countries.json").path
        let dataset = ["name": "linking-eval", "gazetteer": gazetteer]
        try JSONSerialization.data(withJSONObject: dataset).write(to: directory.appendingPathComponent("dataset.json"))
        try FileManager.default.copyItem(
            at: root.appendingPathComponent("data/seed/entities.json"),
            to: directory.appendingPathComponent("entities.json"))
        var lines: [String] = []
        for (index, text) in texts.enumerated() {
            let article: [String: Any] = [
                "id": "t\(index)", "kind": "brief", "title": "Evaluation text \(index)",
                "source": ["id": "eval", "name": "Evaluation"], "language": "en",
                "published_at": ["value": "2025-04-14", "precision": "day", "origin": "text"], "body": text.text,
            ]
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: article), as: UTF8.self))
        }
        try lines.joined(separator: "\n").write(
            to: directory.appendingPathComponent("articles.ndjson"), atomically: true, encoding: .utf8)
        try "[]".write(to: directory.appendingPathComponent("trade-measures.json"), atomically: true, encoding: .utf8)
        let snapshot = try CorpusLoader.load(from: directory, logger: CorpusFixture.logger)
        var linked: [Span] = []
        for index in texts.indices {
            let ordinal = try #require(snapshot.article(id: "t\(index)"))
            for mention in snapshot.mentions(inArticle: ordinal) {
                for occurrence in mention.offsets where occurrence.field == .body {
                    linked.append(
                        Span(text: index, entity: mention.entity.id, start: Int(occurrence.start), end: Int(occurrence.end)))
                }
            }
        }
        return linked
    }

    /// Precision, recall and every miss, as `make eval-linking` prints them.
    static func evaluate() throws -> (precision: Double, recall: Double, report: String) {
        let texts = try labelledTexts()
        let gold = Set(texts.flatMap(\.gold))
        let linked = Set(try link(texts))
        let correct = gold.intersection(linked)
        let precision = linked.isEmpty ? 1 : Double(correct.count) / Double(linked.count)
        let recall = gold.isEmpty ? 1 : Double(correct.count) / Double(gold.count)
        func shown(_ span: Span) -> String {
            let text = texts[span.text].text
            let utf16 = Array(text.utf16)
            let written = String(decoding: utf16[span.start..<span.end], as: UTF16.self)
            return "linking-eval.txt:\(texts[span.text].line): \"\(written)\" -> \(span.entity)   in: \(text)"
        }
        var report =
            "linking evaluation: \(texts.count) texts, \(gold.count) gold mentions, \(linked.count) linked, \(correct.count) correct\n"
        report += String(format: "precision %.4f  recall %.4f\n", precision, recall)
        let wrong = linked.subtracting(gold).sorted()
        let missed = gold.subtracting(linked).sorted()
        report += "linked but not gold (\(wrong.count)):\n" + wrong.map { "  + " + shown($0) }.joined(separator: "\n") + "\n"
        report += "gold but not linked (\(missed.count)):\n" + missed.map { "  - " + shown($0) }.joined(separator: "\n") + "\n"
        return (precision, recall, report)
    }

    @Test func precisionAndRecallOnTheLabelledTexts() throws {
        let texts = try Self.labelledTexts()
        #expect(texts.count >= 200)
        let (precision, recall, report) = try Self.evaluate()
        print(report)
        #expect(precision >= 0.97, "\(report)")
        #expect(recall >= 0.95, "\(report)")
    }
}
