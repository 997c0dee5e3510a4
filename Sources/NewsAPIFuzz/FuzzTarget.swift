/// One entry point of the library that the fuzzer feeds bytes to. Each input is run through the
/// target and checked: a crash, a trap or a failed `FuzzCheck` is a finding.
enum FuzzTarget: String, CaseIterable, Sendable {
    /// Any bytes as an HTTP request (`[METHOD ]target`, then `Name: value` header lines) answered by
    /// the API over the seed corpus: percent-decoding, routing, query parsing, handlers, encoding.
    case request
    /// Any bytes as a raw query string, parsed and percent-decoded the way `Request(target:)` does.
    case queryItems = "query-items"
    /// Any bytes as the `q` parameter, parsed into a `TextQuery`.
    case textQuery = "text-query"
    /// Any bytes as an entity name or key, folded and normalised.
    case normalizedKey = "normalized-key"
    /// Any bytes as an ISO 8601 date or date-time.
    case isoDate = "iso-date"
    /// Any bytes as one line of a data file, parsed as JSON and read as each kind of record.
    case jsonRecord = "json-record"

    /// Runs one input through the target; returns normally when every check holds.
    func run(_ input: [UInt8]) {
        switch self {
        case .request: RequestTarget.run(input)
        case .queryItems: QueryItemsTarget.run(input)
        case .textQuery: TextQueryTarget.run(input)
        case .normalizedKey: NormalizedKeyTarget.run(input)
        case .isoDate: ISODateTarget.run(input)
        case .jsonRecord: JSONRecordTarget.run(input)
        }
    }

    /// The target names, for usage and error messages.
    static var names: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }
}
