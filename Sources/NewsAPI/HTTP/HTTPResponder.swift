/// What answers the requests an `HTTPServer` receives, from many threads at once.
package protocol HTTPResponder: Sendable {
    /// Answers a request copied out of libmicrohttpd.
    func respond(to request: Request) -> Response
}
