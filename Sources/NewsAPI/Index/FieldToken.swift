/// A token of an article field during indexing: its term id and where it is, kept small.
struct FieldToken {
    /// The interned folded text.
    var term: Int32
    /// The first UTF-8 byte.
    var byteStart: Int32
    /// Just past the last UTF-8 byte.
    var byteEnd: Int32
    /// The first UTF-16 code unit.
    var utf16Start: Int32
    /// Just past the last UTF-16 code unit.
    var utf16End: Int32
}
