/// Which slice of a list a request asked for.
struct Page: Sendable, Equatable {
    /// The most items to return.
    let limit: Int
    /// How many items to skip.
    let offset: Int

    /// Creates a page.
    init(limit: Int, offset: Int) {
        self.limit = limit
        self.offset = offset
    }

    /// The positions of this page within a list of `total` items.
    func range(in total: Int) -> Range<Int> {
        let start = min(offset, total)
        return start..<min(total, start + limit)
    }
}

extension QueryParameters {
    /// Reads `limit` (1...`maxLimit`, default `defaultLimit`) and `offset` (0 or more, default 0).
    mutating func page(defaultLimit: Int = 20, maxLimit: Int = 100) -> Page {
        Page(
            limit: int("limit", default: defaultLimit, in: 1...maxLimit),
            offset: int("offset", default: 0, in: 0...Int(Int32.max)))
    }
}
