#if DEBUG || FUZZING
    @testable import NewsAPI
#endif

/// Parses any bytes as one line of a data file with the store's JSON parser and reads the value as
/// each kind of record, as the loader does; a record is returned exactly when no error was noted.
/// The parser and readers are internal to the library, so this needs `@testable` (a debug or fuzzing build).
enum JSONRecordTarget {
    /// Runs one input.
    static func run(_ input: [UInt8]) {
        #if DEBUG || FUZZING
            let value: JSONValue
            do {
                value = try JSONParser.parse(input, firstLine: 1)
            } catch {
                FuzzCheck.expect(error.line >= 1 && error.column >= 1, "error position \(error.line):\(error.column)")
                return
            }
            var article = RecordReader(file: "articles.ndjson", line: 1)
            FuzzCheck.expect((article.readArticle(value) != nil) == article.isValid, "article read disagrees with its errors")
            var entity = RecordReader(file: "entities.json", line: 1)
            FuzzCheck.expect((entity.readEntity(value) != nil) == entity.isValid, "entity read disagrees with its errors")
            var measure = RecordReader(file: "trade-measures.json", line: 1)
            FuzzCheck.expect(
                (measure.readTradeMeasure(value) != nil) == measure.isValid, "measure read disagrees with its errors")
            var claim = RecordReader(file: "claims.json", line: 1)
            FuzzCheck.expect((claim.readClaim(value) != nil) == claim.isValid, "claim read disagrees with its errors")
            var dataset = RecordReader(file: "dataset.json", line: 1)
            FuzzCheck.expect((dataset.readDataset(value) != nil) == dataset.isValid, "dataset read disagrees with its errors")
        #endif
    }
}
