/// Cross-origin resource sharing: which origins may read answers from a browser, and the answer to a
/// preflight (`OPTIONS` on a known path).
struct CORS: HTTPMiddleware {
    /// Origins allowed to read answers; `*` allows any.
    let origins: [String]
    /// Seconds a browser may reuse a preflight answer.
    let maxAge: Int

    /// The headers a page's script may read besides the simple ones.
    static let exposedHeaders = "Link, ETag, Last-Modified, Content-Encoding, X-Total-Count"
    /// The request headers a preflight allows.
    static let allowedHeaders = "Accept, Accept-Encoding, If-None-Match, If-Modified-Since, Content-Type"

    /// Whether `origins` has `*`, worked out once.
    private let allowsAnyOrigin: Bool

    /// CORS for `origins` (`*` allows any), with preflight answers reusable for `maxAge` seconds.
    init(origins: [String], maxAge: Int) {
        self.origins = origins
        self.maxAge = maxAge
        allowsAnyOrigin = origins.contains("*")
    }

    func respond(to request: Request, next: (Request) -> Response) -> Response {
        var response = next(request)
        if !allowsAnyOrigin { response.headers.add("Vary", "Origin") }
        guard let origin = allowedOrigin(request.headers["Origin"]) else { return response }
        response.headers.set("Access-Control-Allow-Origin", origin)
        response.headers.set("Access-Control-Expose-Headers", CORS.exposedHeaders)
        if request.method == .options, response.status == .noContent, let allow = response.headers["Allow"] {
            response.headers.set("Access-Control-Allow-Methods", allow)
            response.headers.set("Access-Control-Allow-Headers", CORS.allowedHeaders)
            response.headers.set("Access-Control-Max-Age", String(maxAge))
        }
        return response
    }

    /// The origin to echo in `Access-Control-Allow-Origin` for a request from `requested`, if any;
    /// `requested` is only read (the request's `Origin` looked up) when not every origin is allowed.
    func allowedOrigin(_ requested: @autoclosure () -> String?) -> String? {
        if allowsAnyOrigin { return "*" }
        guard let requested = requested(), origins.contains(requested) else { return nil }
        return requested
    }
}
