/// An entity often named in the same articles as another, and in how many.
struct CoMention: Hashable, Sendable {
    /// The other entity.
    let entity: Entity
    /// How many articles mention both.
    let articleCount: Int

    /// Creates a co-mention count.
    init(entity: Entity, articleCount: Int) {
        self.entity = entity
        self.articleCount = articleCount
    }
}
