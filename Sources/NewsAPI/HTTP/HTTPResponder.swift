/// What answers the requests an `HTTPServer` receives, from many threads at once.
package protocol HTTPResponder: Sendable {
    /// Answers a request copied out of libmicrohttpd.
    func respond(to request: Request) -> Response
}

/// A responder with a response cache in front, which the server asks before copying a request. It is a
/// class, so the server reaches it through one reference rather than copying an existential box.
protocol HTTPCachingResponder: AnyObject, HTTPResponder {
    /// The response cache that answers a GET or HEAD without validators exactly as `respond(to:)`
    /// would when it keeps the answer (see `HTTPPipeline.frontCache`); `nil` when there is none.
    var frontCache: ResponseCaching? { get }
}
