/// A path pattern such as `/entities/{key}/articles`: literal segments and named parameters.
struct RoutePattern: Sendable, Equatable, CustomStringConvertible {
    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    let segments: [Segment]

    /// The pattern as written, which is also the route's label in metrics and logs.
    let description: String

    /// Parses a pattern; `{name}` marks a parameter segment.
    init(_ pattern: String) {
        description = pattern
        segments = (RoutePattern.split(pattern) ?? []).map { segment in
            if segment.hasPrefix("{"), segment.hasSuffix("}") {
                return .parameter(String(segment.dropFirst().dropLast()))
            }
            return .literal(String(segment))
        }
    }

    /// The parameters if `path` matches this pattern, otherwise `nil`.
    func match(_ pathSegments: [Substring]) -> PathParameters? {
        guard pathSegments.count == segments.count else { return nil }
        var values: [String: String] = [:]
        for (segment, given) in zip(segments, pathSegments) {
            switch segment {
            case .literal(let text):
                guard given == text else { return nil }
            case .parameter(let name):
                guard !given.isEmpty else { return nil }
                values[name] = String(given)
            }
        }
        return PathParameters(values)
    }

    /// Splits a path into segments; a trailing slash is ignored, so `/articles/` is `/articles`. A path
    /// that does not start with `/` has no segments to match (`nil`). Splitting is done on bytes, not
    /// characters: a combining mark after `/` must not hide the separator.
    static func split(_ path: String) -> [Substring]? {
        guard path.utf8.first == UInt8(ascii: "/") else { return nil }
        var segments = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst()
        if segments.last?.isEmpty == true { segments = segments.dropLast() }
        return segments.map { Substring($0) }
    }
}
