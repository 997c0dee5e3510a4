/// Where a token sits in the text it came from, in UTF-8 bytes and in UTF-16 code units.
struct TokenSpan: Hashable, Sendable {
    /// The first UTF-8 byte of the token.
    var byteStart: Int
    /// Just past the token's last UTF-8 byte.
    var byteEnd: Int
    /// The first UTF-16 code unit of the token.
    var utf16Start: Int
    /// Just past the token's last UTF-16 code unit.
    var utf16End: Int
}
