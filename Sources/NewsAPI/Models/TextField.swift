/// The part of an article a text position refers to.
enum TextField: String, CaseIterable, Hashable, Sendable {
    /// The headline.
    case title
    /// The body text.
    case body
}
