/// An HTTP response: status, header fields and body bytes.
public struct Response: Sendable {
    /// The status code.
    public var status: HTTPStatus { didSet { preparedCopy = nil } }
    /// The header fields; `Content-Length` and `Date` are added by the server.
    public var headers: HTTPHeaders { didSet { preparedCopy = nil } }
    /// The body bytes (empty for 204, 304 and HEAD).
    public var body: [UInt8] { didSet { preparedCopy = nil } }
    /// A body sent piece by piece instead of `body` (an NDJSON export), with no `Content-Length`.
    public var stream: BodyStream? { didSet { preparedCopy = nil } }
    /// The route pattern that answered (`/articles/{id}`), for metrics and logs; never sent.
    public var routeLabel: String?
    /// The same response already in libmicrohttpd's form, when it is sent often (see `prepared()`).
    public private(set) var preparedCopy: PreparedResponse?

    /// Creates a response.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
        self.preparedCopy = nil
        self.routeLabel = nil
        self.stream = nil
    }

    /// This response with a libmicrohttpd copy made once, so sending it again costs no encoding or
    /// allocation. Changing the response afterwards drops the copy.
    public func prepared() -> Response {
        var response = self
        response.preparedCopy = PreparedResponse(self)
        return response
    }

    /// The media type of JSON bodies.
    public static let jsonContentType = "application/json; charset=utf-8"

    /// A JSON response whose body is already encoded.
    public static func json(_ body: [UInt8], status: HTTPStatus = .ok) -> Response {
        Response(status: status, headers: ["Content-Type": jsonContentType], body: body)
    }
}
