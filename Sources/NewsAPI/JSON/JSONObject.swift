/// A JSON object: its members in document order, and where it starts.
struct JSONObject: Sendable {
    /// One `"key": value` pair, with the line it starts on.
    struct Member: Sendable {
        /// The key.
        let key: String
        /// The value.
        let value: JSONValue
        /// The 1-based line of the key.
        let line: Int
    }

    /// The members, in document order.
    let members: [Member]
    /// The 1-based line of the opening brace.
    let line: Int

    /// The first member named `key`, if any.
    subscript(key: String) -> JSONValue? {
        members.first { $0.key == key }?.value
    }
}
