/// `POST /admin/reload`: loads the data directory again and swaps the new snapshot in, for operators
/// holding the admin token. Registered only when a token is configured.
struct AdminResource: Sendable {
    let token: String
    let reload: @Sendable () -> ReloadOutcome

    /// `POST /admin/reload`.
    func reload(_ request: Request, _ parameters: PathParameters) throws -> Response {
        try QueryParameters(request.query).validate()
        guard let authorization = request.headers["Authorization"], authorization.hasPrefix("Bearer "),
              ConstantTime.equal(Array(authorization.utf8.dropFirst("Bearer ".utf8.count)), Array(token.utf8)) else {
            throw Problem(status: .unauthorized, detail: "POST /admin/reload needs the admin token as Authorization: Bearer TOKEN.",
                          headers: ["WWW-Authenticate": "Bearer realm=\"news-api admin\""])
        }
        switch reload() {
        case let .reloaded(version, previous):
            var json = JSONWriter()
            json.beginObject()
            json.key("status"); json.string(version == previous ? "unchanged" : "reloaded")
            json.key("version"); json.string(version)
            json.key("previous_version"); json.string(previous)
            json.endObject()
            var response = Response.json(json.bytes)
            response.headers.set("Cache-Control", "no-store")
            return response
        case let .failed(errors):
            var list = JSONWriter()
            list.strings(errors)
            throw Problem(status: HTTPStatus(code: 422), type: "urn:news-api:problem:invalid-corpus",
                          title: "The data directory does not load",
                          detail: "The new data has \(errors.count) error(s); the previous data is still being served.",
                          extensions: ["errors": list.bytes])
        }
    }
}

/// What a reload did.
public enum ReloadOutcome: Sendable {
    /// The new snapshot is being served (the version equals the previous one when the data did not change).
    case reloaded(version: String, previous: String)
    /// The data did not load; the previous snapshot keeps serving. One line per error.
    case failed(errors: [String])
}

/// Comparison whose time does not depend on where the inputs differ, for secrets.
enum ConstantTime {
    /// Whether `a` equals `b`, looking at every byte of `b` whatever `a` holds. Lengths are compared
    /// whole: `a` with bytes past the end of `b` differs.
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference: UInt8 = a.count == b.count ? 0 : 1
        for index in b.indices {
            difference |= (index < a.count ? a[index] : 0) ^ b[index]
        }
        return difference == 0
    }
}
