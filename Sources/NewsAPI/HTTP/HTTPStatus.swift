/// An HTTP status code with its standard reason phrase.
package struct HTTPStatus: Hashable, Sendable, CustomStringConvertible {
    /// The three-digit code.
    package let code: Int

    /// Creates a status from its code.
    init(code: Int) {
        self.code = code
    }

    /// The standard reason phrase (RFC 9110), used as the `title` of problem documents.
    var reasonPhrase: String {
        switch code {
        case 200: "OK"
        case 202: "Accepted"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 422: "Unprocessable Content"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 503: "Service Unavailable"
        default: "Status \(code)"
        }
    }

    /// The code and phrase, e.g. `404 Not Found`.
    package var description: String { "\(code) \(reasonPhrase)" }

    /// 200 OK.
    static let ok = HTTPStatus(code: 200)
    /// 202 Accepted.
    static let accepted = HTTPStatus(code: 202)
    /// 204 No Content.
    static let noContent = HTTPStatus(code: 204)
    /// 304 Not Modified.
    static let notModified = HTTPStatus(code: 304)
    /// 400 Bad Request.
    static let badRequest = HTTPStatus(code: 400)
    /// 401 Unauthorized.
    static let unauthorized = HTTPStatus(code: 401)
    /// 404 Not Found.
    static let notFound = HTTPStatus(code: 404)
    /// 405 Method Not Allowed.
    static let methodNotAllowed = HTTPStatus(code: 405)
    /// 406 Not Acceptable.
    static let notAcceptable = HTTPStatus(code: 406)
    /// 413 Content Too Large.
    static let contentTooLarge = HTTPStatus(code: 413)
    /// 414 URI Too Long.
    static let uriTooLong = HTTPStatus(code: 414)
    /// 431 Request Header Fields Too Large.
    static let requestHeaderFieldsTooLarge = HTTPStatus(code: 431)
    /// 500 Internal Server Error.
    static let internalServerError = HTTPStatus(code: 500)
    /// 501 Not Implemented.
    static let notImplemented = HTTPStatus(code: 501)
    /// 503 Service Unavailable.
    static let serviceUnavailable = HTTPStatus(code: 503)
}
