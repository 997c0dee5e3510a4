/// Where a date comes from.
public enum DateOrigin: String, CaseIterable, Hashable, Sendable {
    /// Stated in the article text.
    case text
    /// Taken from the public record.
    case external
}
