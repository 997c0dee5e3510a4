/// One word of a text: its folded form and where it is in the original string.
public struct Token: Hashable, Sendable {
    /// The folded text (lowercase, no diacritics).
    public let text: String
    /// The UTF-16 code units it spans in the original string, so JavaScript clients can `slice`.
    public let utf16Range: Range<Int>

    /// Creates a token.
    public init(text: String, utf16Range: Range<Int>) {
        self.text = text
        self.utf16Range = utf16Range
    }
}
