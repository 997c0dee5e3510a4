/// The values a request path gave the `{name}` segments of its route pattern.
struct PathParameters: Sendable, Equatable {
    /// Name/value pairs in the pattern's order; a pattern has few, so a scan finds one faster than a hash.
    private var pairs: [Pair] = []

    /// One parameter's name and value.
    private struct Pair: Sendable, Equatable {
        let name: String
        let value: String
    }

    /// Creates parameters with no values.
    init() {}

    /// Adds the value of `{name}`.
    mutating func append(_ name: String, _ value: String) {
        pairs.append(Pair(name: name, value: value))
    }

    /// The decoded value of `{name}`; routes only ask for names their pattern has, so a missing name is
    /// a programming error and reads as an empty string.
    subscript(name: String) -> String {
        pairs.first { $0.name == name }?.value ?? ""
    }
}
