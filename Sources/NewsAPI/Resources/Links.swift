/// The relative URLs of the API's resources, written in one place.
enum Links {
    static func article(_ id: String) -> String { "/articles/" + escapeSegment(id) }
    static func entity(_ id: String) -> String { "/entities/" + escapeSegment(id) }
    static func entityArticles(_ id: String) -> String { "/entities/" + escapeSegment(id) + "/articles" }
    static func measure(_ id: String) -> String { "/trade-measures/" + escapeSegment(id) }
    static func claim(_ id: String) -> String { "/claims/" + escapeSegment(id) }
    static func source(_ id: String) -> String { "/sources/" + escapeSegment(id) }

    /// Whether `id` goes into a link as it is (every byte a letter, digit, `-`, `.`, `_` or `~`).
    static func isPlainSegment(_ id: String) -> Bool {
        AppliedQuery.isPlain(id)
    }

    /// Ids are checked at load to be URL-safe (letters, digits, `-`, `_`, `.`), so this only guards.
    private static func escapeSegment(_ id: String) -> String {
        AppliedQuery.escape(id)
    }
}
