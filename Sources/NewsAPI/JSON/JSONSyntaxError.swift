/// JSON that does not parse, with where and what was expected.
struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The 1-based line.
    let line: Int
    /// The 1-based column, in characters.
    let column: Int
    /// What was wrong, e.g. "expected ',' or '}' after an object member, found ']'".
    let message: String

    /// `line:column: message`.
    var description: String { "\(line):\(column): \(message)" }
}
