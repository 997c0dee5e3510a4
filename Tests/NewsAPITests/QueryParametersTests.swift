import Testing

@testable import NewsAPI

/// `QueryParameters` names an unknown parameter with the parameters the endpoint takes: each once, in
/// order, however often the endpoint read it; values are trimmed of white space at either end.
@Suite struct QueryParametersTests {
    @Test(arguments: [
        ("vietnam", "vietnam"), ("a", "a"), ("U.S.", "U.S."), (" x ", "x"), ("\tx\n", "x"), ("x ", "x"),
        (" x", "x"), ("   ", ""), ("", ""), ("\u{00A0}x\u{2003}", "x"), ("Tô Lâm", "Tô Lâm"), ("é", "é"),
        ("x\u{85}", "x"), ("~a!", "~a!"), ("\u{7F}x", "\u{7F}x"), ("a b", "a b"),
    ])
    func valuesAreTrimmedOfWhiteSpaceAtEitherEnd(value: String, trimmed: String) {
        #expect(value.trimmingSpaces == trimmed)
    }

    @Test func anUnknownParameterListsEachKnownNameOnce() throws {
        var query = QueryParameters(Request(method: .get, target: "/x?limit=3&bogus=1&bogus=2").query)
        _ = query.string("sort")
        _ = query.int("limit", default: 1, in: 1...10)
        _ = query.list("entity")
        _ = query.string("sort")
        let problem = try #require(throws: Problem.self) { try query.validate() }
        #expect(
            problem.invalidParams == [
                Problem.InvalidParameter(
                    name: "bogus", reason: "is not a parameter of this endpoint; it takes entity, limit, pretty, sort")
            ])
    }
}
