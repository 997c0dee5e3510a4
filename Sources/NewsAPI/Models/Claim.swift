/// A fact on which articles disagree, with each article's version kept side by side.
struct Claim: Hashable, Sendable {
    /// One article's version of a disputed fact.
    struct Version: Hashable, Sendable {
        /// The article's id.
        let articleID: String
        /// Our one-line summary of what the article says.
        let statement: String
        /// The exact sentence from the article.
        let quote: String

        /// Creates one version of a claim.
        init(articleID: String, statement: String, quote: String) {
            self.articleID = articleID
            self.statement = statement
            self.quote = quote
        }
    }

    /// A readable slug.
    let id: String
    /// What the claims are about.
    let topic: String
    /// Ids of the entities the claims concern.
    let entityIDs: [String]
    /// Each article's version (at least two).
    let claims: [Version]

    /// Creates a claim from its fields.
    init(id: String, topic: String, entityIDs: [String], claims: [Version]) {
        self.id = id
        self.topic = topic
        self.entityIDs = entityIDs
        self.claims = claims
    }
}
