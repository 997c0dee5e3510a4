/// An entity named in an article, how often, and where.
public struct Mention: Hashable, Sendable {
    /// One place an entity is named: a field and a range of UTF-16 code units in it.
    public struct Occurrence: Hashable, Sendable {
        /// The title or the body.
        public let field: TextField
        /// The first UTF-16 offset of the matched text.
        public let start: Int32
        /// The UTF-16 offset just past the matched text (JavaScript `slice` semantics).
        public let end: Int32

        /// Creates an occurrence.
        public init(field: TextField, start: Int32, end: Int32) {
            self.field = field
            self.start = start
            self.end = end
        }
    }

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
