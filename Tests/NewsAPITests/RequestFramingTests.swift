import Testing

@testable import NewsAPI

/// The checks made on a request head before any body is read, given what the server read of the head:
/// its size, how many `Host` fields it has, and its `Content-Length` and `Transfer-Encoding` fields.
@Suite struct RequestFramingTests {
    private static let limits = RequestFraming.Limits(maxHeaderBytes: 100, maxQueryParameters: 3, maxURLBytes: 50)

    /// The refusal of a head with these parts, if any.
    private static func refusal(
        _ method: HTTPMethod = .get, isHTTP11: Bool = true, bytes: Int = 20, hosts: Int = 1,
        fields: [(String, String)] = [], target: RequestFraming.TargetCheck = .accepted
    ) -> Problem? {
        RequestFraming(
            method: method, isHTTP11: isHTTP11, headerBytes: bytes, hosts: hosts,
            fields: fields.map { RequestFraming.Field(name: $0.0, value: $0.1) }, target: target, limits: limits
        ).refusal()
    }

    @Test func theUsualHeadWithOneHostAndNoOtherFramingFieldPasses() {
        #expect(Self.refusal() == nil)
        #expect(Self.refusal(isHTTP11: false, hosts: 0) == nil, "HTTP/1.0 needs no Host")
        #expect(Self.refusal(bytes: 100) == nil)
    }

    @Test func anHTTP11HeadNeedsExactlyOneHost() {
        #expect(Self.refusal(hosts: 0)?.detail == "An HTTP/1.1 request must have a Host header field.")
        #expect(Self.refusal(hosts: 2)?.detail == "A request must have one Host header field, not 2.")
        #expect(Self.refusal(hosts: 2)?.status == .badRequest)
    }

    @Test func limitsComeBeforeTheHostCheck() {
        #expect(Self.refusal(bytes: 101, hosts: 0)?.status == .requestHeaderFieldsTooLarge)
        #expect(Self.refusal(hosts: 0, target: .tooLong(60))?.status == .uriTooLong)
        #expect(Self.refusal(hosts: 0, target: .tooManyParameters(4))?.status == .badRequest)
    }

    @Test func aBodyIsRefusedByItsFramingFields() {
        #expect(Self.refusal(fields: [("Content-Length", "0")]) == nil)
        #expect(Self.refusal(fields: [("content-length", "5")])?.detail == "A GET request must not have a body.")
        #expect(Self.refusal(.post, fields: [("Content-Length", "5")])?.status == .contentTooLarge)
        let twoLengths = Self.refusal(fields: [("Content-Length", "1, 2")])
        #expect(twoLengths?.detail == "The Content-Length header field is not one valid length.")
        #expect(Self.refusal(fields: [("Content-Length", "3"), ("Transfer-Encoding", "chunked")])?.status == .badRequest)
        #expect(Self.refusal(fields: [("TRANSFER-ENCODING", "gzip")])?.status == .notImplemented)
        #expect(Self.refusal(fields: [("Transfer-Encoding", "chunked")])?.status == .badRequest)
    }
}

/// Header lists: names compare without regard to case, and order is kept.
@Suite struct HTTPHeadersTests {
    @Test func setAppendsANewFieldAndReplacesEveryEarlierOneOfAnyCase() {
        var headers: HTTPHeaders = ["Content-Type": "a", "vary": "Origin", "X": "1"]
        headers.add("VARY", "Accept")
        headers.set("Cache-Control", "none")
        #expect(headers.fields.map(\.name) == ["Content-Type", "vary", "X", "VARY", "Cache-Control"])
        headers.set("Vary", "Accept-Encoding")
        #expect(headers.fields.map(\.name) == ["Content-Type", "X", "Cache-Control", "Vary"])
        #expect(headers["vary"] == "Accept-Encoding")
        #expect(headers.fields.map(\.value) == ["a", "1", "none", "Accept-Encoding"])
    }
}
