extension TradeMeasure {
    /// An article that reports a measure, with the words that do.
    public struct Source: Hashable, Sendable {
        /// The reporting article's id.
        public let articleID: String
        /// The words, as they appear in the article's title or body.
        public let quote: String

        /// Creates a source reference.
        public init(articleID: String, quote: String) {
            self.articleID = articleID
            self.quote = quote
        }
    }
}
