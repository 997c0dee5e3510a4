/// Splits text into tokens: maximal runs of letters and digits, folded to lowercase without diacritics.
///
/// Everything else (spaces, punctuation, symbols) separates tokens; combining marks are dropped
/// without splitting the word they belong to.
package enum Tokenizer {
    /// The folded tokens of `text`, without positions.
    package static func foldedTokens(in text: String) -> [String] {
        var tokens: [String] = []
        withUTF8(of: text) { bytes in
            scan(bytes) { folded, _ in
                tokens.append(String(decoding: folded, as: UTF8.self))
            }
        }
        return tokens
    }

    /// Calls `body` with the UTF-8 bytes of `text`, copying only if the string is not stored contiguously.
    @inlinable package static func withUTF8<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result)
        rethrows -> Result
    {
        if let result = try text.utf8.withContiguousStorageIfAvailable(body) {
            return result
        }
        let copy = Array(text.utf8)
        return try copy.withUnsafeBufferPointer(body)
    }

    /// Scans valid UTF-8 `text` and calls `body` with each token's folded bytes (valid only during
    /// the call) and its span.
    ///
    /// Not `@inlinable`: other modules do not inline `TokenScanner.next()`, this module does, so the
    /// scanning loop runs here with the scanner's state in registers, and only `body` is called per token.
    package static func scan(_ text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, TokenSpan) -> Void) {
        var scanner = TokenScanner(text)
        while scanner.next() {
            body(scanner.folded, scanner.span)
        }
    }
}
