/// An entity named in an article, how often, and where.
public struct Mention: Hashable, Sendable {
    /// The entity.
    public let entity: Entity
    /// How many times linking found it in the title and body (0 when it is only listed explicitly).
    public let count: Int
    /// Where each occurrence is, in text order.
    public let offsets: [Occurrence]

    /// Creates a mention.
    public init(entity: Entity, count: Int, offsets: [Occurrence]) {
        self.entity = entity
        self.count = count
        self.offsets = offsets
    }
}
