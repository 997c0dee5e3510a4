/// One thing wrong with a corpus: where it is (file, line, record, field) and what is wrong.
struct CorpusError: Hashable, Sendable, CustomStringConvertible {
    /// The file's name within the data directory, e.g. `articles.ndjson`.
    let file: String
    /// The 1-based line, when known.
    let line: Int?
    /// The 1-based column, for JSON syntax errors.
    let column: Int?
    /// The id of the record at fault, when known.
    let recordID: String?
    /// The path of the field at fault, e.g. `published_at.value` or `sources[1].quote`.
    let field: String?
    /// What is wrong.
    let message: String

    /// Creates an error report.
    init(file: String, line: Int? = nil, column: Int? = nil, recordID: String? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.recordID = recordID
        self.field = field
        self.message = message
    }

    /// One line: `articles.ndjson:12:5: record "abc": field "published_at.value": message`.
    var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        text += ": "
        if let recordID { text += "record \"\(recordID)\": " }
        if let field { text += "field \"\(field)\": " }
        return text + message
    }
}
