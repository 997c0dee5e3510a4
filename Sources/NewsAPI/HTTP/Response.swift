/// An HTTP response: status, header fields and body bytes.
public struct Response: Sendable {
    /// The status code.
    public var status: HTTPStatus
    /// The header fields; `Content-Length` and `Date` are added by the server.
    public var headers: HTTPHeaders
    /// The body bytes (empty for 204, 304 and HEAD).
    public var body: [UInt8]

    /// Creates a response.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The media type of JSON bodies.
    public static let jsonContentType = "application/json; charset=utf-8"

    /// A JSON response whose body is already encoded.
    public static func json(_ body: [UInt8], status: HTTPStatus = .ok) -> Response {
        Response(status: status, headers: ["Content-Type": jsonContentType], body: body)
    }
}
