/// A fact on which articles disagree, with each article's version kept side by side.
public struct Claim: Hashable, Sendable {
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
