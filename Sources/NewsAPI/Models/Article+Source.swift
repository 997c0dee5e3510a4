extension Article {
    /// The publication an article comes from.
    public struct Source: Hashable, Sendable {
        /// The publication's id (letters, digits, `-`, `_` and `.`).
        public let id: String
        /// The publication's display name.
        public let name: String

        /// Creates a publication reference.
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }
}
