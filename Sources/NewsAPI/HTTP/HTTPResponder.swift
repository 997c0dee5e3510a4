/// What answers the requests an `HTTPServer` receives, from many threads at once.
public protocol HTTPResponder: Sendable {
    /// Answers a request copied out of libmicrohttpd.
    func respond(to request: Request) -> Response

    /// Answers from what was prepared earlier, reading the request in place, or returns `nil` to have
    /// the request copied and passed to `respond(to:)`. Called first for every request.
    func preparedResponse(for head: RequestHead) -> Response?
}

extension HTTPResponder {
    /// By default nothing is prepared: every request goes to `respond(to:)`.
    public func preparedResponse(for head: RequestHead) -> Response? {
        nil
    }
}
