/// An entity often named in the same articles as another, and in how many.
public struct CoMention: Hashable, Sendable {
    /// The other entity.
    public let entity: Entity
    /// How many articles mention both.
    public let articleCount: Int

    /// Creates a co-mention count.
    public init(entity: Entity, articleCount: Int) {
        self.entity = entity
        self.articleCount = articleCount
    }
}
