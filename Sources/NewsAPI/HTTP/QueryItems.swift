/// The query parameters of a request, in the order sent, with repeated names kept.
package struct QueryItems: Sendable, Sequence, Hashable {
    /// One `name=value` pair. `value` is `nil` for a bare `?name` with no `=`.
    package struct Item: Sendable, Hashable {
        /// The decoded parameter name.
        package let name: String
        /// The decoded value, `nil` when the parameter had no `=`.
        package let value: String?

        /// Creates an item.
        package init(name: String, value: String?) {
            self.name = name
            self.value = value
        }
    }

    /// The items in order.
    package private(set) var items: [Item]

    /// Creates a parameter list.
    init(_ items: [Item] = []) {
        self.items = items
    }

    /// Parses a raw query string such as `q=trade+war&limit=5`, percent-decoding names and values.
    package init(parsing rawQuery: Substring) {
        // Split on bytes, not characters: a combining mark after `&` or `=` must not hide it.
        items = rawQuery.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true).map { bytes in
            let pair = Substring(bytes)
            if let equals = pair.utf8.firstIndex(of: UInt8(ascii: "=")) {
                return Item(
                    name: QueryItems.decode(pair[..<equals]),
                    value: QueryItems.decode(pair[pair.utf8.index(after: equals)...]))
            }
            return Item(name: QueryItems.decode(pair), value: nil)
        }
    }

    /// Appends an item.
    mutating func append(name: String, value: String?) {
        items.append(Item(name: name, value: value))
    }

    /// Every value given for `name`, in order (a bare `?name` gives an empty string).
    func values(for name: String) -> [String] {
        items.lazy.filter { $0.name == name }.map { $0.value ?? "" }
    }

    /// The first value given for `name`, or `nil` when it is absent.
    subscript(name: String) -> String? {
        items.first { $0.name == name }.map { $0.value ?? "" }
    }

    /// Whether there are no parameters.
    var isEmpty: Bool { items.isEmpty }

    /// Iterates over the items in order.
    package func makeIterator() -> IndexingIterator<[Item]> {
        items.makeIterator()
    }

    /// Decodes `+` as a space and `%XX` escapes; malformed escapes are kept as written.
    static func decode(_ text: Substring) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else {
            return String(text)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let high = hexValue(iterator[iterator.startIndex]),
                let low = hexValue(iterator[iterator.startIndex + 1])
            {
                bytes.append(high << 4 | low)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
