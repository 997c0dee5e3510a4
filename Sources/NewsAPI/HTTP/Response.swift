/// An HTTP response: status, header fields and body bytes.
package struct Response: Sendable {
    /// The status code.
    package var status: HTTPStatus { didSet { cached = nil } }
    /// The header fields; `Content-Length` and `Date` are added by the server.
    package var headers: HTTPHeaders { didSet { cached = nil } }
    /// The body bytes (empty for 204, 304 and HEAD).
    package var body: [UInt8] { didSet { cached = nil } }
    /// A body sent piece by piece instead of `body` (an NDJSON export), with no `Content-Length`.
    package var stream: BodyStream? { didSet { cached = nil } }
    /// The route pattern that answered (`/articles/{id}`), for metrics and logs; never sent.
    var routeLabel: String?
    /// Whether the answer may be kept and sent again for the same URL, set by the router from its route.
    var caching: RouteCaching = .never
    /// For a 304: the length of the 200 it stands for, sent as its `Content-Length` (RFC 9110 §8.6).
    var representationLength: Int?
    /// libmicrohttpd's copy of this response when it came from the response cache; any change drops it.
    private(set) var cached: CachedResponse?

    /// Creates a response.
    init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// This response with libmicrohttpd's copy made once, so sending it again costs no encoding or
    /// allocation (`nil` when libmicrohttpd cannot make one).
    func withCachedCopy() -> Response? {
        guard let copy = CachedResponse(self) else { return nil }
        var response = self
        response.cached = copy
        return response
    }

    /// The media type of JSON bodies.
    static let jsonContentType = "application/json; charset=utf-8"

    /// A JSON response whose body is already encoded.
    static func json(_ body: [UInt8], status: HTTPStatus = .ok) -> Response {
        Response(status: status, headers: ["Content-Type": jsonContentType], body: body)
    }
}
