import NewsFormat

/// One word of a text: its folded form and where it is in the original string.
struct Token: Hashable, Sendable {
    /// The folded text (lowercase, no diacritics).
    let text: String
    /// The UTF-16 code units it spans in the original string, as a JavaScript client would `slice` it.
    let utf16Range: Range<Int>
}

extension Tokenizer {
    /// The tokens of `text` in order, with their UTF-16 offsets: what the tests check offsets against.
    static func tokens(in text: String) -> [Token] {
        var tokens: [Token] = []
        withUTF8(of: text) { bytes in
            scan(bytes) { folded, span in
                tokens.append(Token(text: String(decoding: folded, as: UTF8.self), utf16Range: span.utf16Start..<span.utf16End))
            }
        }
        return tokens
    }
}
