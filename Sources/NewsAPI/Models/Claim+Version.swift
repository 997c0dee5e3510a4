extension Claim {
    /// One article's version of a disputed fact.
    public struct Version: Hashable, Sendable {
        /// The article's id.
        public let articleID: String
        /// Our one-line summary of what the article says.
        public let statement: String
        /// The exact sentence from the article.
        public let quote: String

        /// Creates one version of a claim.
        public init(articleID: String, statement: String, quote: String) {
            self.articleID = articleID
            self.statement = statement
            self.quote = quote
        }
    }
}
