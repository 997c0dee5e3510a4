/// Splits text into tokens: maximal runs of letters and digits, folded to lowercase without diacritics.
///
/// Everything else (spaces, punctuation, symbols) separates tokens; combining marks are dropped
/// without splitting the word they belong to. Offsets are UTF-16 code units into the original string.
public enum Tokenizer {
    /// The tokens of `text`, in order.
    public static func tokens(in text: String) -> [Token] {
        var tokens: [Token] = []
        withUTF8(of: text) { bytes in
            scan(bytes) { folded, span in
                tokens.append(Token(text: String(decoding: folded, as: UTF8.self), utf16Range: span.utf16Start..<span.utf16End))
            }
        }
        return tokens
    }

    /// The folded tokens of `text`, without positions.
    public static func foldedTokens(in text: String) -> [String] {
        var tokens: [String] = []
        withUTF8(of: text) { bytes in
            scan(bytes) { folded, _ in
                tokens.append(String(decoding: folded, as: UTF8.self))
            }
        }
        return tokens
    }

    /// Calls `body` with the UTF-8 bytes of `text`, copying only if the string is not stored contiguously.
    static func withUTF8<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try text.utf8.withContiguousStorageIfAvailable(body) {
            return result
        }
        let copy = Array(text.utf8)
        return try copy.withUnsafeBufferPointer(body)
    }

    /// Scans valid UTF-8 `text` and calls `body` with each token's folded bytes (valid only during
    /// the call) and its span.
    @inline(__always)
    static func scan(_ text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, TokenSpan) -> Void) {
        var scanner = TokenScanner(text)
        while scanner.next() {
            body(scanner.folded, scanner.span)
        }
    }
}
