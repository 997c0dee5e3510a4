/// A token of an article field during indexing: its term id and where it is.
struct FieldToken {
    /// The interned folded text.
    var term: Int32
    /// Where it is in the field.
    var span: TokenSpan
}
