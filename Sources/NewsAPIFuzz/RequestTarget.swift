import NewsAPI

/// Answers a fuzzed request with both seed applications and checks what a client would receive:
/// no server error, header fields that can be sent as they are, bodies that match their status,
/// and JSON that parses (problem documents carrying their own status).
enum RequestTarget {
    /// Runs one input.
    static func run(_ input: [UInt8]) {
        let request = FuzzRequest.parse(input)
        let open = SeedApplication.open.respond(to: request)
        check(open, to: request)
        let restricted = SeedApplication.restricted.respond(to: request)
        check(restricted, to: request)
        #if DEBUG || FUZZING
            ExpectedRoute.check(open, to: request, patterns: ExpectedRoute.openPatterns, "open")
            ExpectedRoute.check(restricted, to: request, patterns: ExpectedRoute.restrictedPatterns, "restricted")
        #endif
    }

    private static func check(_ response: Response, to request: Request) {
        let code = response.status.code
        let described = "\(request.method) \(request.path.debugDescription) → \(code)"
        FuzzCheck.expect((100..<500).contains(code), "server error: \(described)")
        for field in response.headers {
            FuzzCheck.expect(
                !field.name.isEmpty && field.name.utf8.allSatisfy(isTokenByte),
                "header name \(field.name.debugDescription) is not an HTTP token: \(described)")
            FuzzCheck.expect(
                !field.value.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 },
                "header \(field.name) has CR, LF or NUL: \(field.value.debugDescription) (\(described))")
        }
        var body = response.body
        if let stream = response.stream {
            FuzzCheck.expect(body.isEmpty, "a streamed response also has a body: \(described)")
            body = stream.collect()
        }
        if code == 204 || code == 304 {
            FuzzCheck.expect(body.isEmpty, "a \(code) has a body: \(described)")
            return
        }
        let contentType = response.headers["Content-Type"] ?? ""
        FuzzCheck.expect(body.isEmpty || !contentType.isEmpty, "a body without Content-Type: \(described)")
        guard response.headers["Content-Encoding"] == nil else { return }
        if contentType.hasPrefix("application/x-ndjson") {
            for line in body.split(separator: UInt8(ascii: "\n")) {
                JSONCheck.expectDocument(line, "an NDJSON line of \(described)")
            }
        } else if contentType.contains("json") {
            JSONCheck.expectDocument(body[...], described)
            if contentType.hasPrefix("application/problem+json") {
                JSONCheck.expectMember("status", of: body, equalTo: code, described)
            }
        }
    }

    /// `tchar` of RFC 9110 §5.6.2.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
