/// An entity named in an article, how often, and where.
struct Mention: Hashable, Sendable {
    /// One place an entity is named: a field and a range of UTF-16 code units in it.
    struct Occurrence: Hashable, Sendable {
        /// The title or the body.
        let field: TextField
        /// The first UTF-16 offset of the matched text.
        let start: Int32
        /// The UTF-16 offset just past the matched text (JavaScript `slice` semantics).
        let end: Int32

        /// Creates an occurrence.
        init(field: TextField, start: Int32, end: Int32) {
            self.field = field
            self.start = start
            self.end = end
        }
    }

    /// The entity.
    let entity: Entity
    /// How many times linking found it in the title and body (0 when it is only listed explicitly).
    let count: Int
    /// Where each occurrence is, in text order.
    let offsets: [Occurrence]

    /// Creates a mention.
    init(entity: Entity, count: Int, offsets: [Occurrence]) {
        self.entity = entity
        self.count = count
        self.offsets = offsets
    }
}
