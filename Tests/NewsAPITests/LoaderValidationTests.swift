import Foundation
import Testing

@testable import NewsAPI

/// Each kind of bad data gives its precise error (file, line, record, field, message), and no snapshot.
@Suite struct LoaderValidationTests {
    typealias Fixture = CorpusFixture

    /// The one error expected, checked field by field.
    private func expectOnly(
        _ errors: [CorpusError],
        file: String, line: Int?, column: Int? = nil, record: String?, field: String?, message: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            errors == [CorpusError(file: file, line: line, column: column, recordID: record, field: field, message: message)],
            sourceLocation: sourceLocation)
    }

    @Test func malformedJSONLineIsReportedWithLineAndColumn() throws {
        var lines = Fixture.articles
        lines[1] = #"{"id": "a2",, "kind": "brief"}"#
        let errors = try Fixture.errors(articles: lines)
        expectOnly(
            errors, file: "articles.ndjson", line: 2, column: 13, record: nil, field: nil,
            message: "expected a field name in double quotes, found ','")
    }

    @Test func malformedJSONFileIsReportedWithLineAndColumn() throws {
        let entities = Fixture.entities.replacingOccurrences(
            of: #""type": "place", "aliases": []},"#, with: #""type": "place", "aliases": [],},"#)
        let errors = try Fixture.errors(entities: entities)
        #expect(
            errors.first
                == CorpusError(
                    file: "entities.json", line: 5, column: 87,
                    message: "expected a field name after ',', found '}' (trailing commas are not allowed)"))
        // Entities that cannot be read do not make every reference to them an error too.
        #expect(errors.count == 1)
    }

    @Test func blankLinesAreSkippedAndLineNumbersKept() throws {
        var lines = Fixture.articles
        lines.insert("", at: 1)
        lines.insert("   ", at: 2)
        lines[4] = lines[4].replacingOccurrences(of: #""kind": "article""#, with: #""kind": "column""#)
        let errors = try Fixture.errors(articles: lines)
        expectOnly(
            errors, file: "articles.ndjson", line: 5, record: "a3", field: "kind",
            message: #""column" is not one of: article, brief"#)
    }

    @Test func missingField() throws {
        let errors = try Fixture.errors(
            articles: Fixture.article(0, replacing: #""title": "China and Vietnam sign deals", "#, with: ""))
        expectOnly(errors, file: "articles.ndjson", line: 1, record: "a1", field: "title", message: "missing required field")
    }

    @Test func nullCountsAsMissingForRequiredFields() throws {
        let errors = try Fixture.errors(articles: Fixture.article(0, replacing: #""language": "en""#, with: #""language": null"#))
        expectOnly(errors, file: "articles.ndjson", line: 1, record: "a1", field: "language", message: "missing required field")
    }

    @Test func mistypedField() throws {
        let errors = try Fixture.errors(articles: Fixture.article(2, replacing: #""section": "Tech""#, with: #""section": 7"#))
        expectOnly(
            errors, file: "articles.ndjson", line: 3, record: "a3", field: "section", message: "expected a string, found a number"
        )
    }

    @Test func mistypedNestedField() throws {
        let errors = try Fixture.errors(
            articles: Fixture.article(0, replacing: #""source": {"id": "wire""#, with: #""source": {"id": ["wire"]"#))
        expectOnly(
            errors, file: "articles.ndjson", line: 1, record: "a1", field: "source.id",
            message: "expected a string, found an array")
    }

    @Test func unknownField() throws {
        let errors = try Fixture.errors(
            articles: Fixture.article(1, replacing: #""kind": "brief""#, with: #""kind": "brief", "author": "X""#))
        expectOnly(
            errors, file: "articles.ndjson", line: 2, record: "a2", field: "author",
            message: "unknown field (expected one of: \(RecordReader.articleFields.joined(separator: ", ")))")
    }

    @Test func unknownNestedField() throws {
        let errors = try Fixture.errors(
            articles: Fixture.article(1, replacing: #""origin": "external""#, with: #""origin": "external", "confidence": 1"#))
        expectOnly(
            errors, file: "articles.ndjson", line: 2, record: "a2", field: "published_at.confidence",
            message: "unknown field (expected one of: value, precision, origin, note)")
    }

    @Test func duplicateField() throws {
        let errors = try Fixture.errors(
            articles: Fixture.article(0, replacing: #""language": "en""#, with: #""language": "en", "language": "fr""#))
        expectOnly(
            errors, file: "articles.ndjson", line: 1, record: "a1", field: "language", message: "field appears more than once")
    }

    @Test(arguments: [#""title": """#, #""title": "  ""#])
    func emptyText(title: String) throws {
        let errors = try Fixture.errors(
            articles: Fixture.article(0, replacing: #""title": "China and Vietnam sign deals""#, with: title))
        expectOnly(errors, file: "articles.ndjson", line: 1, record: "a1", field: "title", message: "must not be empty")
    }

    @Test func duplicateArticleID() throws {
        let errors = try Fixture.errors(articles: Fixture.article(2, replacing: #""id": "a3""#, with: #""id": "a1""#))
        // The measure and claim that cite a3 now cite an unknown article.
        #expect(
            errors.first
                == CorpusError(
                    file: "articles.ndjson", line: 3, recordID: "a1", field: "id",
                    message: "duplicate id: the article on line 1 has the same id"))
    }

    @Test func duplicateEntityID() throws {
        let entities = Fixture.entities.replacingOccurrences(
            of: #"{"id": "nvidia", "name": "Nvidia""#, with: #"{"id": "china", "name": "Nvidia""#)
        let errors = try Fixture.errors(entities: entities)
        #expect(
            errors.first
                == CorpusError(
                    file: "entities.json", line: 7, recordID: "china", field: "id",
                    message: "duplicate id: the entity on line 2 has the same id"))
    }

    @Test func duplicateMeasureAndClaimIDs() throws {
        let measures = Fixture.measures.replacingOccurrences(of: #""id": "us-tariffs-china""#, with: #""id": "us-chip-controls""#)
        let measureErrors = try Fixture.errors(measures: measures)
        expectOnly(
            measureErrors, file: "trade-measures.json", line: 10, record: "us-chip-controls", field: "id",
            message: "duplicate id: the measure on line 2 has the same id")

        let claims = "[" + Fixture.claims.dropFirst().dropLast() + "," + Fixture.claims.dropFirst()
        let claimErrors = try Fixture.errors(claims: claims)
        #expect(claimErrors.map(\.message) == ["duplicate id: the claim on line 2 has the same id"])
    }

    @Test func articleIDShape() throws {
        let errors = try Fixture.errors(articles: Fixture.article(1, replacing: #""id": "a2""#, with: #""id": "a 2""#))
        expectOnly(
            errors, file: "articles.ndjson", line: 2, record: nil, field: "id",
            message: #""a 2" is not a valid id: use only letters, digits, '-', '_' and '.'"#)
    }

    @Test func sourceIDShape() throws {
        let errors = try Fixture.errors(articles: Fixture.article(1, replacing: #""id": "wire""#, with: #""id": "the/wire""#))
        expectOnly(
            errors, file: "articles.ndjson", line: 2, record: "a2", field: "source.id",
            message: #""the/wire" is not a valid id: use only letters, digits, '-', '_' and '.'"#)
    }

    @Test(arguments: ["United-States", "united--states", "-china", "china-", "china_2", ""])
    func entityIDShape(id: String) throws {
        let entities = Fixture.entities.replacingOccurrences(of: #"{"id": "nvidia""#, with: "{\"id\": \"\(id)\"")
        let errors = try Fixture.errors(entities: entities)
        let message =
            id.isEmpty
            ? "must not be empty"
            : "\"\(id)\" is not a valid id: use lowercase letters, digits and single hyphens (e.g. united-states)"
        // The measure naming nvidia as a targeted firm now refers to an unknown entity.
        #expect(errors.first == CorpusError(file: "entities.json", line: 7, field: "id", message: message))
    }

    @Test func unknownEntityInArticle() throws {
        let errors = try Fixture.errors(
            articles: Fixture.article(
                1, replacing: #""entities": ["united-states"]"#, with: #""entities": ["united-states", "atlantis"]"#))
        expectOnly(
            errors, file: "articles.ndjson", line: 2, record: "a2", field: "entities[1]", message: #"unknown entity "atlantis""#)
    }

    @Test func unknownEntitiesInMeasure() throws {
        let measures = Fixture.measures
            .replacingOccurrences(
                of: #""implementing": ["united-states"], "affected": ["china"], "products": ["chips"]"#,
                with: #""implementing": ["usa"], "affected": ["china", "prc"], "products": ["chips"]"#
            )
            .replacingOccurrences(of: #""targeted_firms": ["nvidia"]"#, with: #""targeted_firms": ["nvidia-corp"]"#)
        let errors = try Fixture.errors(measures: measures)
        #expect(
            errors == [
                CorpusError(
                    file: "trade-measures.json", line: 2, recordID: "us-chip-controls", field: "implementing[0]",
                    message: #"unknown entity "usa""#),
                CorpusError(
                    file: "trade-measures.json", line: 2, recordID: "us-chip-controls", field: "affected[1]",
                    message: #"unknown entity "prc""#),
                CorpusError(
                    file: "trade-measures.json", line: 2, recordID: "us-chip-controls", field: "targeted_firms[0]",
                    message: #"unknown entity "nvidia-corp""#),
            ])
    }

    @Test func unknownEntityInClaim() throws {
        let claims = Fixture.claims.replacingOccurrences(
            of: #""entities": ["united-states", "nvidia"]"#, with: #""entities": ["united-states", "amd"]"#)
        let errors = try Fixture.errors(claims: claims)
        expectOnly(
            errors, file: "claims.json", line: 2, record: "chip-curbs", field: "entities[1]", message: #"unknown entity "amd""#)
    }

    @Test func unknownArticleInMeasureAndClaim() throws {
        let measures = Fixture.measures.replacingOccurrences(of: #""article_id": "a1""#, with: #""article_id": "a9""#)
        let measureErrors = try Fixture.errors(measures: measures)
        expectOnly(
            measureErrors, file: "trade-measures.json", line: 10, record: "us-tariffs-china", field: "sources[0].article_id",
            message: #"unknown article "a9""#)

        let claims = Fixture.claims.replacingOccurrences(
            of: #"{"article_id": "a3", "statement": "They"#, with: #"{"article_id": "a4", "statement": "They"#)
        let claimErrors = try Fixture.errors(claims: claims)
        expectOnly(
            claimErrors, file: "claims.json", line: 2, record: "chip-curbs", field: "claims[1].article_id",
            message: #"unknown article "a4""#)
    }

    @Test func quoteMustAppearWordForWord() throws {
        let measures = Fixture.measures.replacingOccurrences(
            of: #""quote": "The U.S. imposed tariffs on Chinese goods.""#,
            with: #""quote": "The US imposed tariffs on Chinese goods.""#)
        let errors = try Fixture.errors(measures: measures)
        expectOnly(
            errors, file: "trade-measures.json", line: 10, record: "us-tariffs-china", field: "sources[0].quote",
            message: #"quote does not appear in the title or body of article "a1""#)

        let claims = Fixture.claims.replacingOccurrences(
            of: #""quote": "The export controls cover advanced chips.""#,
            with: #""quote": "The export controls cover all chips.""#)
        let claimErrors = try Fixture.errors(claims: claims)
        expectOnly(
            claimErrors, file: "claims.json", line: 2, record: "chip-curbs", field: "claims[1].quote",
            message: #"quote does not appear in the title or body of article "a3""#)
    }

    @Test func quoteMayComeFromTheTitle() throws {
        let measures = Fixture.measures.replacingOccurrences(
            of: #""quote": "The U.S. imposed tariffs on Chinese goods.""#,
            with: #""quote": "China and Vietnam sign deals""#)
        #expect(try Fixture.errors(measures: measures).isEmpty)
    }

    @Test(arguments: [
        (
            #"{"value": "2025-02-30", "precision": "day", "origin": "text"}"#, "published_at.value",
            #""2025-02-30" is not a calendar date"#
        ),
        (
            #"{"value": "2025-13", "precision": "month", "origin": "text"}"#, "published_at.value",
            #""2025-13" is not a calendar date"#
        ),
        (
            #"{"value": "2025-04", "precision": "day", "origin": "text"}"#, "published_at.value",
            #""2025-04" does not match precision "day" (expected YYYY-MM-DD)"#
        ),
        (
            #"{"value": "2025-04-14", "precision": "year", "origin": "text"}"#, "published_at.value",
            #""2025-04-14" does not match precision "year" (expected YYYY)"#
        ),
        (
            #"{"value": "14/04/2025", "precision": "day", "origin": "text"}"#, "published_at.value",
            #""14/04/2025" does not match precision "day" (expected YYYY-MM-DD)"#
        ),
        (
            #"{"value": "2025-04-14", "precision": "week", "origin": "text"}"#, "published_at.precision",
            #""week" is not one of: year, month, day"#
        ),
        (
            #"{"value": "2025-04-14", "precision": "day", "origin": "wire"}"#, "published_at.origin",
            #""wire" is not one of: text, external"#
        ),
        (#""2025-04-14""#, "published_at", "expected an object, found a string"),
    ])
    func impossibleDates(date: String, field: String, message: String) throws {
        let lines = Fixture.article(0, replacing: #"{"value": "2025-04-14", "precision": "day", "origin": "text"}"#, with: date)
        let errors = try Fixture.errors(articles: lines)
        expectOnly(errors, file: "articles.ndjson", line: 1, record: "a1", field: field, message: message)
    }

    @Test func leapDayIsACalendarDate() throws {
        let lines = Fixture.article(0, replacing: #""value": "2025-04-14""#, with: #""value": "2024-02-29""#)
        #expect(try Fixture.errors(articles: lines).isEmpty)
    }

    @Test func unknownEnumValues() throws {
        let measures = Fixture.measures
            .replacingOccurrences(of: #""measure_type": "tariff""#, with: #""measure_type": "quotas""#)
            .replacingOccurrences(of: #""qualifier": "up_to""#, with: #""qualifier": "upTo""#)
        let errors = try Fixture.errors(measures: measures)
        #expect(
            errors == [
                CorpusError(
                    file: "trade-measures.json", line: 12, recordID: "us-tariffs-china", field: "measure_type",
                    message: #""quotas" is not one of: \#(MeasureType.allCases.map(\.rawValue).joined(separator: ", "))"#),
                CorpusError(
                    file: "trade-measures.json", line: 14, recordID: "us-tariffs-china", field: "rate.qualifier",
                    message: #""upTo" is not one of: exact, up_to, at_least"#),
            ])
    }

    @Test func entityType() throws {
        let entities = Fixture.entities.replacingOccurrences(of: #""type": "company""#, with: #""type": "firm""#)
        let errors = try Fixture.errors(entities: entities)
        expectOnly(
            errors, file: "entities.json", line: 7, record: "nvidia", field: "type",
            message: #""firm" is not one of: person, country, organization, company, product, place"#)
    }

    @Test func entitiesMayNotShareAFoldedNameOrAlias() throws {
        let entities = Fixture.entities.replacingOccurrences(
            of: #""aliases": ["Viet Nam", "Vietnamese"]"#,
            with: #""aliases": ["Viet Nam", "Vietnamese", "united states"]"#)
        let errors = try Fixture.errors(entities: entities)
        expectOnly(
            errors, file: "entities.json", line: 4, record: "vietnam", field: "aliases[2]",
            message:
                #""united states" folds to "united states", as does "United States" of entity "united-states": entities "united-states" and "vietnam" may not share a name or alias"#
        )
    }

    @Test func aliasWithNoLettersIsAnError() throws {
        let entities = Fixture.entities.replacingOccurrences(
            of: #""aliases": ["Viet Nam", "Vietnamese"]"#, with: #""aliases": ["Viet Nam", "--"]"#)
        let errors = try Fixture.errors(entities: entities)
        expectOnly(
            errors, file: "entities.json", line: 4, record: "vietnam", field: "aliases[1]",
            message: #""--" has no letters or digits, so it can never match"#)
    }

    @Test func caseSensitiveAliasMustBeANameOrAlias() throws {
        let entities = Fixture.entities.replacingOccurrences(
            of: #""case_sensitive_aliases": ["US"]"#, with: #""case_sensitive_aliases": ["US", "USA"]"#)
        let errors = try Fixture.errors(entities: entities)
        expectOnly(
            errors, file: "entities.json", line: 3, record: "united-states", field: "case_sensitive_aliases[1]",
            message: #""USA" is neither the name nor one of the aliases"#)
    }

    @Test func wikidataIDShape() throws {
        let entities = Fixture.entities.replacingOccurrences(of: #""wikidata_id": "Q148""#, with: #""wikidata_id": "148""#)
        let errors = try Fixture.errors(entities: entities)
        expectOnly(
            errors, file: "entities.json", line: 2, record: "china", field: "wikidata_id",
            message: #""148" is not a Wikidata id (Q followed by digits)"#)
    }

    @Test func implementingMustNotBeEmpty() throws {
        let measures = Fixture.measures.replacingOccurrences(
            of: #""implementing": ["united-states"], "affected": ["china"], "products": [],"#,
            with: #""implementing": [], "affected": ["china"], "products": [],"#)
        let errors = try Fixture.errors(measures: measures)
        expectOnly(
            errors, file: "trade-measures.json", line: 13, record: "us-tariffs-china", field: "implementing",
            message: "must name at least one implementing jurisdiction")
    }

    @Test func sourcesMustNotBeEmpty() throws {
        let measures = Fixture.measures.replacingOccurrences(
            of: #""sources": [{"article_id": "a1", "quote": "The U.S. imposed tariffs on Chinese goods."}]"#,
            with: #""sources": []"#)
        let errors = try Fixture.errors(measures: measures)
        expectOnly(
            errors, file: "trade-measures.json", line: 15, record: "us-tariffs-china", field: "sources",
            message: "must cite at least one source")
    }

    @Test func measureMissingRequiredArrays() throws {
        let measures = Fixture.measures.replacingOccurrences(of: #""products": [], "targeted_firms": [],"#, with: "")
        let errors = try Fixture.errors(measures: measures)
        #expect(
            errors == [
                CorpusError(
                    file: "trade-measures.json", line: 10, recordID: "us-tariffs-china", field: "products",
                    message: "missing required field"),
                CorpusError(
                    file: "trade-measures.json", line: 10, recordID: "us-tariffs-china", field: "targeted_firms",
                    message: "missing required field"),
            ])
    }

    @Test func claimsNeedTwoVersions() throws {
        let secondVersion =
            #"{"article_id": "a3", "statement": "They cover advanced chips.", "quote": "The export controls cover advanced chips."}"#
        let claims = Fixture.claims.replacingOccurrences(of: ",\n      " + secondVersion, with: "")
        let errors = try Fixture.errors(claims: claims)
        expectOnly(
            errors, file: "claims.json", line: 4, record: "chip-curbs", field: "claims",
            message: "must hold at least two versions (found 1)")
    }

    @Test func requiredFilesMustExist() throws {
        let errors = try Fixture.errors(measures: nil)
        expectOnly(errors, file: "trade-measures.json", line: nil, record: nil, field: nil, message: "required file is missing")
        #expect(
            try Fixture.errors(articles: nil).contains(CorpusError(file: "articles.ndjson", message: "required file is missing")))
    }

    @Test func fileOfTheWrongShape() throws {
        let errors = try Fixture.errors(measures: #"{"measures": []}"#)
        expectOnly(
            errors, file: "trade-measures.json", line: 1, record: nil, field: nil,
            message: "expected an array of trade measures, found an object")
    }

    @Test func datasetFileIsChecked() throws {
        let errors = try Fixture.errors(dataset: #"{"title": "x"}"#)
        #expect(
            errors == [
                CorpusError(
                    file: "dataset.json", line: 1, field: "title",
                    message: "unknown field (expected one of: name, description, gazetteer, not_entities)"),
                CorpusError(file: "dataset.json", line: 1, field: "name", message: "missing required field"),
            ])
    }

    @Test func optionalFilesMayBeLeftOut() throws {
        let snapshot = try Fixture.load(dataset: nil, claims: nil)
        #expect(snapshot.claimCount == 0)
        #expect(snapshot.name.hasPrefix("corpus-"))
        #expect(snapshot.datasetDescription == nil)
    }

    @Test func collectsEveryErrorUpToTheLimit() throws {
        let bad = (0..<60).map { #"{"id": "bad\#($0)", "kind": "op-ed"}"# }
        let error = try #require(try Fixture.loadError(articles: bad))
        #expect(error.errors.count == CorpusLoadError.limit)
        #expect(error.isTruncated)
        #expect(
            error.errors[0]
                == CorpusError(
                    file: "articles.ndjson", line: 1, recordID: "bad0", field: "kind",
                    message: #""op-ed" is not one of: article, brief"#))
        let lines = error.description.split(separator: "\n")
        #expect(lines.count == CorpusLoadError.limit + 1)
        #expect(lines.last == "(stopped after 50 errors; there may be more)")
    }

    /// Fifty errors stop loading as fifty-one do: the files after them go unchecked, and the message says so.
    @Test func reachingTheLimitExactlySaysThereMayBeMore() throws {
        // Each line has one error: an impossible date.
        let bad = (0..<CorpusLoadError.limit).map { index in
            Fixture.article(0, replacing: #""value": "2025-04-14""#, with: #""value": "2025-02-30""#)[0]
                .replacingOccurrences(of: #""id": "a1""#, with: #""id": "bad\#(index)""#)
        }
        let error = try #require(try Fixture.loadError(articles: bad))
        #expect(error.errors.count == CorpusLoadError.limit)
        #expect(error.errors.allSatisfy { $0.field == "published_at.value" })
        #expect(error.description.hasSuffix("\n(stopped after 50 errors; there may be more)"))
    }

    /// A broken article is reported once: what cites it is not reported again.
    @Test func errorsAreListedOnePerLine() throws {
        var lines = Fixture.article(0, replacing: #""value": "2025-04-14""#, with: #""value": "2025-02-30""#)
        lines[1] = #"{"id": "a2" "kind": "brief"}"#
        let error = try #require(try Fixture.loadError(articles: lines))
        #expect(
            error.description == """
                articles.ndjson:1: record "a1": field "published_at.value": "2025-02-30" is not a calendar date
                articles.ndjson:2:13: expected ',' or '}' after an object member, found '"'
                """)
    }
}
