/// An ordered list of HTTP header fields whose names compare without regard to case.
package struct HTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    /// The fields in the order they were added, names as written.
    private(set) var fields: [(name: String, value: String)]

    /// Creates an empty header list.
    init() {
        fields = []
    }

    /// Creates a header list from literal pairs, in order, with room for the fields the middleware adds
    /// to a response (validators, `Vary`, CORS, `nosniff`), so adding them does not grow it again and again.
    package init(dictionaryLiteral elements: (String, String)...) {
        fields = []
        fields.reserveCapacity(HTTPHeaders.responseCapacity)
        for (name, value) in elements { fields.append((name: name, value: value)) }
    }

    /// How many fields an answer usually ends with.
    private static let responseCapacity = 12

    /// The value of the first field with this name, ignoring case, or `nil`.
    package subscript(name: String) -> String? {
        fields.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// Adds a field, keeping any earlier field of the same name.
    package mutating func add(_ name: String, _ value: String) {
        fields.append((name: name, value: value))
    }

    /// Sets a field, replacing every earlier field of the same name. The list is only rewritten when it
    /// has one: usually the field is new, and a scan costs less than `removeAll`.
    mutating func set(_ name: String, _ value: String) {
        if fields.contains(where: { $0.name.caseInsensitiveEquals(name) }) {
            fields.removeAll { $0.name.caseInsensitiveEquals(name) }
        }
        fields.append((name: name, value: value))
    }

    /// Iterates over the fields in order.
    package func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }
}

extension String {
    /// ASCII case-insensitive equality, as HTTP field names need.
    func caseInsensitiveEquals(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        var text = self
        var other = other
        return text.withUTF8 { a in
            other.withUTF8 { b in
                for index in a.indices where a[index] != b[index] {
                    let lower = a[index] | 0x20
                    guard lower == b[index] | 0x20, lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "z") else { return false }
                }
                return true
            }
        }
    }
}
