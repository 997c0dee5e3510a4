/// A fact on which articles disagree, with each article's version kept side by side.
public struct Claim: Hashable, Sendable {
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

    /// A readable slug.
    public let id: String
    /// What the claims are about.
    public let topic: String
    /// Ids of the entities the claims concern.
    public let entityIDs: [String]
    /// Each article's version (at least two).
    public let claims: [Version]

    /// Creates a claim from its fields.
    public init(id: String, topic: String, entityIDs: [String], claims: [Version]) {
        self.id = id
        self.topic = topic
        self.entityIDs = entityIDs
        self.claims = claims
    }
}
