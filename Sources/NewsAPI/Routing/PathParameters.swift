/// The values a request path gave the `{name}` segments of its route pattern.
struct PathParameters: Sendable, Equatable {
    private var values: [String: String]

    /// Creates parameters from name/value pairs.
    init(_ values: [String: String] = [:]) {
        self.values = values
    }

    /// The decoded value of `{name}`; routes only ask for names their pattern has, so a missing name is
    /// a programming error and reads as an empty string.
    subscript(name: String) -> String {
        values[name] ?? ""
    }
}
