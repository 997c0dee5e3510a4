/// An error answered to the client as an RFC 9457 `application/problem+json` document.
///
/// Every error the API returns has this one shape: `type`, `title`, `status`, `detail`, and for
/// bad query parameters `invalid_params`, one entry per parameter with the reason.
struct Problem: Error, Sendable {
    /// One rejected query parameter and why.
    struct InvalidParameter: Sendable, Equatable {
        /// The parameter name as sent.
        let name: String
        /// Why its value was refused.
        let reason: String

        /// Creates an entry.
        init(name: String, reason: String) {
            self.name = name
            self.reason = reason
        }
    }

    /// The problem type URI; `about:blank` when the status says it all.
    var type: String
    /// The HTTP status.
    var status: HTTPStatus
    /// A short summary of the problem type.
    var title: String
    /// What went wrong with this request, for a person to read.
    var detail: String
    /// The bad query parameters, when the problem is about them.
    var invalidParams: [InvalidParameter]
    /// Extra members, each an already-encoded JSON value (e.g. `suggestions`).
    var extensions: [String: [UInt8]]
    /// Header fields to send with the problem (e.g. `Allow` for 405).
    var headers: HTTPHeaders

    /// Creates a problem; `title` defaults to the status's reason phrase.
    init(
        status: HTTPStatus, type: String = "about:blank", title: String? = nil, detail: String,
        invalidParams: [InvalidParameter] = [], extensions: [String: [UInt8]] = [:],
        headers: HTTPHeaders = HTTPHeaders()
    ) {
        self.type = type
        self.status = status
        self.title = title ?? status.reasonPhrase
        self.detail = detail
        self.invalidParams = invalidParams
        self.extensions = extensions
        self.headers = headers
    }

    /// The media type of problem documents.
    static let contentType = "application/problem+json"

    /// The problem type of requests with bad query parameters.
    static let invalidParametersType = "urn:news-api:problem:invalid-parameters"

    /// A 400 naming each bad query parameter.
    static func invalidParameters(_ parameters: [InvalidParameter]) -> Problem {
        let names = parameters.map(\.name)
        let list = Array(Set(names)).sorted().joined(separator: ", ")
        return Problem(
            status: .badRequest, type: invalidParametersType, title: "Invalid query parameters",
            detail: "The request has \(parameters.count == 1 ? "a bad parameter" : "bad parameters"): \(list).",
            invalidParams: parameters)
    }

    /// A 404 for a path that names no resource.
    static func notFound(_ detail: String) -> Problem {
        Problem(status: .notFound, detail: detail)
    }

    /// The problem as a response with an encoded body.
    var response: Response {
        var json = JSONWriter()
        json.beginObject()
        json.key("type"); json.string(type)
        json.key("title"); json.string(title)
        json.key("status"); json.int(status.code)
        json.key("detail"); json.string(detail)
        if !invalidParams.isEmpty {
            json.key("invalid_params")
            json.beginArray()
            for parameter in invalidParams {
                json.beginObject()
                json.key("name"); json.string(parameter.name)
                json.key("reason"); json.string(parameter.reason)
                json.endObject()
            }
            json.endArray()
        }
        for (name, value) in extensions.sorted(by: { $0.key < $1.key }) {
            json.key(name); json.raw(value)
        }
        json.endObject()
        var response = Response(status: status, headers: headers, body: json.bytes)
        response.headers.set("Content-Type", Problem.contentType)
        return response
    }
}
