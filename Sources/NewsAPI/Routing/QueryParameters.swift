/// Reads and validates a request's query parameters, collecting every problem instead of stopping at
/// the first, so one 400 names each bad parameter.
///
/// Read each parameter with a typed accessor, then call `validate()`: it throws a 400 listing the bad
/// values and any parameter the endpoint does not know (a typo never silently returns everything).
struct QueryParameters {
    private let items: QueryItems
    /// The names read so far (a name read twice is listed twice): a short list, so reading a
    /// parameter hashes nothing.
    private var known: [String]
    private var problems: [Problem.InvalidParameter] = []

    /// Parameters every endpoint accepts.
    static let common = ["pretty"]

    /// Starts reading `query`.
    init(_ query: QueryItems) {
        items = query
        known = QueryParameters.common
        known.reserveCapacity(32)
    }

    /// Records a problem with a parameter.
    mutating func reject(_ name: String, _ reason: String) {
        problems.append(Problem.InvalidParameter(name: name, reason: reason))
    }

    /// The single value of `name`, or `nil`; more than one value is an error.
    mutating func string(_ name: String) -> String? {
        known.append(name)
        let values = items.values(for: name)
        if values.count > 1 {
            reject(name, "must be given at most once")
            return nil
        }
        return values.first
    }

    /// A required, non-empty text value after trimming spaces, or `nil` when absent.
    mutating func text(_ name: String) -> String? {
        guard let value = string(name) else { return nil }
        let trimmed = value.trimmingSpaces
        if trimmed.isEmpty {
            reject(name, "must not be empty")
            return nil
        }
        return trimmed
    }

    /// Every value of a repeatable parameter, in order; empty values are errors.
    mutating func list(_ name: String) -> [String] {
        known.append(name)
        var values: [String] = []
        for value in items.values(for: name) {
            let trimmed = value.trimmingSpaces
            if trimmed.isEmpty { reject(name, "must not be empty") } else { values.append(trimmed) }
        }
        return values
    }

    /// An integer in `range`, or `fallback` when absent.
    mutating func int(_ name: String, default fallback: Int, in range: ClosedRange<Int>) -> Int {
        guard let value = string(name) else { return fallback }
        guard let number = Int(value) else {
            reject(name, "must be a whole number, got \"\(value)\"")
            return fallback
        }
        guard range.contains(number) else {
            let bound =
                range.upperBound == .max ? "at least \(range.lowerBound)" : "between \(range.lowerBound) and \(range.upperBound)"
            reject(name, "must be \(bound), got \(number)")
            return fallback
        }
        return number
    }

    /// The meaning of a `pretty` value: `true` or `false`, nothing else.
    static func prettyFlag(_ value: String) -> Bool? {
        switch value {
        case "true": true
        case "false": false
        default: nil
        }
    }

    /// One of an enumeration's raw values, or `nil` when absent.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ name: String, of type: T.Type) -> T?
    where T.RawValue == String {
        guard let value = string(name) else { return nil }
        return parseChoice(name, value, type)
    }

    /// Every value of a repeatable enumeration parameter.
    mutating func choices<T: RawRepresentable & CaseIterable>(_ name: String, of type: T.Type) -> [T]
    where T.RawValue == String {
        list(name).compactMap { parseChoice(name, $0, type) }
    }

    /// A calendar day from an ISO 8601 date (`2025-04-14`) or date-time (`2025-04-14T09:30:00Z`),
    /// as days since 1970-01-01, or `nil` when absent.
    mutating func day(_ name: String) -> Int32? {
        guard let value = string(name) else { return nil }
        guard let day = CalendarDay.parseISO8601(value) else {
            reject(name, "must be an ISO 8601 date (2025-04-14) or date-time (2025-04-14T09:30:00Z), got \"\(value)\"")
            return nil
        }
        return day
    }

    /// Throws a 400 problem naming every bad or unknown parameter read so far.
    func validate() throws(Problem) {
        var all = problems
        for value in items.values(for: "pretty") where QueryParameters.prettyFlag(value) == nil {
            all.append(Problem.InvalidParameter(name: "pretty", reason: "must be true or false, got \"\(value)\""))
        }
        var reported = Set<String>()
        for item in items where !known.contains(item.name) && reported.insert(item.name).inserted {
            all.append(
                Problem.InvalidParameter(
                    name: item.name,
                    reason: "is not a parameter of this endpoint; it takes \(Set(known).sorted().joined(separator: ", "))"))
        }
        if !all.isEmpty { throw Problem.invalidParameters(all) }
    }

    private mutating func parseChoice<T: RawRepresentable & CaseIterable>(_ name: String, _ value: String, _ type: T.Type) -> T?
    where T.RawValue == String {
        if let choice = T(rawValue: value) { return choice }
        reject(name, "must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(value)\"")
        return nil
    }
}

extension String {
    /// The string without leading and trailing whitespace (spaces, tabs, newlines and the other
    /// Unicode white space).
    var trimmingSpaces: String {
        // Nearly every value starts and ends with a printable ASCII byte: nothing to trim or copy.
        let printable = UInt8(ascii: "!")...UInt8(ascii: "~")
        if let first = utf8.first, let last = utf8.last, printable.contains(first), printable.contains(last) {
            return self
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
