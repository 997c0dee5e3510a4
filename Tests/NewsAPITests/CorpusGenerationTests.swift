import Foundation
import Testing

@testable import CorpusGeneration
@testable import NewsAPI

/// corpus-gen and the server agree on the data format: a corpus written by corpus-gen's own code
/// loads with no errors, and a name folds to the same key in both.
@Suite struct CorpusGenerationTests {
    @Test func generatedCorpusLoadsWithoutErrors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("generated-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        // The default counts for 300 articles: 2,000 entities, 150 trade measures, 75 claims.
        let summary = try CorpusGenerator(articles: 300, seed: 11, directory: directory).run()

        let snapshot: CorpusSnapshot
        do {
            snapshot = try CorpusLoader.load(from: directory, logger: CorpusFixture.logger)
        } catch {
            Issue.record("the generated corpus has \(error.errors.count) errors:\n\(error.description)")
            return
        }
        #expect(snapshot.articleCount == 300)
        #expect(snapshot.entityCount == summary.entities)
        #expect(snapshot.measureCount == summary.measures)
        #expect(snapshot.claimCount == summary.claims)
        #expect(summary.entities == 2000 && summary.measures == 150 && summary.claims == 75)
        #expect(snapshot.name == "synthetic-300-11")
    }

    @Test func generatedDatesReadBackAsWritten() throws {
        // corpus-gen knows the exact day and writes only what the precision keeps.
        let day = try #require(CalendarDay.number(year: 2024, month: 3, day: 17))
        let cases: [(DatePrecision, String, Int32?)] = [
            (.day, "2024-03-17", day),
            (.month, "2024-03", CalendarDay.number(year: 2024, month: 3, day: 1)),
            (.year, "2024", CalendarDay.number(year: 2024, month: 1, day: 1)),
        ]
        for (precision, value, start) in cases {
            let written = DateValue(containing: day, precision: precision, origin: .external, note: "on record")
            #expect(written.value == value)
            #expect(written.day == start)
            #expect(DateValue(value: value, precision: precision, origin: .external, note: "on record") == written)
        }
    }

    /// Letters whose base Unicode decomposition does not reveal (Đ, ø, ß, Ł) and combining marks,
    /// with the key each folds to.
    static let foldings: [(name: String, key: String)] = [
        ("Đặng Văn", "dang van"),  // Đ is not D plus a mark, so it needs its own fold; ặ loses both marks
        ("Søren Ørsted", "soren orsted"),  // ø and Ø fold to o
        ("Straße", "strasse"),  // ß folds to two letters
        ("GROẞMANN", "grossmann"),  // so does the capital ẞ
        ("Łukasz Wałęsa", "lukasz walesa"),  // Ł and ł fold to l; ę loses its ogonek
        ("Jose\u{301} Nu\u{303}n\u{303}ez", "jose nunez"),  // combining marks (U+0301, U+0303) drop without splitting the word
        ("Nguye\u{302}\u{303}n Tha\u{300}nh", "nguyen thanh"),  // two stacked combining marks
    ]

    @Test(arguments: foldings)
    func keysFoldAsTheServerLooksThemUp(name: String, key: String) {
        #expect(TextFolding.normalizedKey(name) == key)
        #expect(TextFolding.normalizedKey(key) == key)
        // corpus-gen makes ids and checks names for clashes with the same key.
        #expect(name.slug == key.replacingOccurrences(of: " ", with: "-"))
        var registry = NameRegistry(vocabulary: [], personWords: [])
        let claimed = registry.claim(name)
        #expect(claimed)
        #expect(!registry.isAvailable(key), "corpus-gen would let a second entity be called \"\(key)\"")
        #expect(!registry.isAvailable(key.uppercased()))
    }

    @Test func theServerFindsEachNameByItsKey() throws {
        // One person entity per name above, added to the fixture's entities.
        let people = Self.foldings.enumerated().map { index, folding in
            #"{"id": "person-\#(index)", "name": "\#(folding.name)", "type": "person", "aliases": []}"#
        }
        let entities = CorpusFixture.entities.replacingOccurrences(
            of: "\n]", with: ",\n" + people.joined(separator: ",\n") + "\n]"
        )
        let snapshot = try CorpusFixture.load(entities: entities)
        for (index, folding) in Self.foldings.enumerated() {
            for spelling in [folding.key, folding.key.uppercased(), folding.name, folding.name.uppercased()] {
                let match = snapshot.entity(matching: spelling)
                #expect(match?.entity.id == "person-\(index)", "\"\(spelling)\" does not find \"\(folding.name)\"")
                #expect(match?.matchedName == folding.name)
            }
        }
    }

    @Test func twoNamesWithOneKeyAreRefusedByTheLoader() throws {
        // corpus-gen refuses these because the server would: "Lodz" and "Łódź" are one key.
        let entities = CorpusFixture.entities.replacingOccurrences(
            of: "\n]",
            with:
                #",{"id": "lodz", "name": "Łódź", "type": "place", "aliases": []},{"id": "lodz-2", "name": "Lodz", "type": "place", "aliases": []}"#
                + "\n]"
        )
        let errors = try CorpusFixture.errors(entities: entities)
        #expect(errors.map(\.field) == ["name"])
        #expect(errors.first?.message.contains(#"folds to "lodz""#) == true)
        var registry = NameRegistry(vocabulary: [], personWords: [])
        let first = registry.claim("Łódź")
        let second = registry.claim("Lodz")
        #expect(first && !second)
    }
}
