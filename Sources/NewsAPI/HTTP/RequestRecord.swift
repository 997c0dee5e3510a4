/// What happened to one request, reported after its response was handed to libmicrohttpd, for the
/// access log and metrics.
public struct RequestRecord: Sendable {
    /// The request method.
    public let method: HTTPMethod
    /// The decoded path.
    public let path: String
    /// The route pattern that answered, or `unmatched`.
    public let route: String
    /// The status sent.
    public let status: HTTPStatus
    /// Body bytes sent (0 for HEAD).
    public let bytes: Int
    /// Time from the complete request to the queued response.
    public let duration: Duration
}
