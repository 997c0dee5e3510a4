#if DEBUG || FUZZING
    @testable import NewsAPI
#else
    import NewsAPI
#endif

/// The route label a request must get, worked out over the bytes of its path: `/` is an ASCII byte,
/// so a combining mark or other extending character after it must not hide it, and a path that does not
/// start with `/` (other than `*`) names no resource. The patterns are the application's own
/// (`@testable`); other builds skip the check.
enum ExpectedRoute {
    #if DEBUG || FUZZING
        /// The patterns of the open application, in the router's order.
        static let openPatterns: [String] = Application.buildRouter(
            snapshot: SeedApplication.snapshot, openAPIDocument: SeedApplication.openAPIDocument,
            metrics: APIMetrics(), logger: SeedApplication.logger
        ).patterns
        /// The patterns of the restricted application, which adds the admin endpoint.
        static let restrictedPatterns = openPatterns + ["/admin/reload"]
    #endif

    /// Expects `response` to carry the label of the first pattern whose segments match the path's
    /// (the label is what metrics count requests by), or `unmatched`.
    static func check(_ response: Response, to request: Request, patterns: [String], _ context: @autoclosure () -> String) {
        #if DEBUG || FUZZING
            // A 304 is made afresh from the full response and carries no label (reported: metrics count it as unmatched).
            // `*` is the asterisk form of OPTIONS; an empty path is no request target a client can send.
            guard response.status.code != 304, request.path != "*", !request.path.isEmpty else { return }
            let expected =
                !request.path.hasPrefix("/")
                ? Router.unmatchedLabel
                : patterns.first { matches(segments(request.path), pattern: $0) } ?? Router.unmatchedLabel
            FuzzCheck.expect(
                response.routeLabel == expected,
                "path \(request.path.debugDescription) was routed to \(response.routeLabel ?? "nil"), not \(expected) (\(context()))"
            )
        #endif
    }

    /// The path's segments between `/` bytes, the first (before the leading `/`) dropped and a trailing
    /// empty one ignored, as the router splits them.
    private static func segments(_ path: String) -> [ArraySlice<UInt8>] {
        var segments = Array(path.utf8).split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst()
        if segments.last?.isEmpty == true { segments = segments.dropLast() }
        return Array(segments)
    }

    private static func matches(_ given: [ArraySlice<UInt8>], pattern: String) -> Bool {
        let wanted = segments(pattern)
        guard wanted.count == given.count else { return false }
        return zip(wanted, given).allSatisfy { wanted, given in
            wanted.first == UInt8(ascii: "{") ? !given.isEmpty : wanted.elementsEqual(given)
        }
    }
}
