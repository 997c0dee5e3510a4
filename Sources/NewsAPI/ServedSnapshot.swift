/// One corpus snapshot as served: its routes, the responses of its fixed resources once made, and the
/// HTTP behaviour every response shares (CORS, validators, caching, compression, `pretty`).
final class ServedSnapshot: Sendable {
    let snapshot: CorpusSnapshot
    private let router: Router
    private let configuration: APIConfiguration
    private let cache: ResponseCache
    private let lastModified: String?
    private let lastModifiedSeconds: Int64?

    init(snapshot: CorpusSnapshot, router: Router, configuration: APIConfiguration) {
        self.snapshot = snapshot
        self.router = router
        self.configuration = configuration
        cache = ResponseCache(capacity: configuration.responseCacheBytes)
        lastModifiedSeconds = snapshot.dataModifiedAt
        lastModified = snapshot.dataModifiedAt.map(HTTPDate.format)
    }

    /// Answers one request: from the cache when the same URL was answered before, else by routing.
    func respond(to request: Request) -> Response {
        let origin = allowedOrigin(requested: request.headers["Origin"])
        if let refusal = refusal(of: request) {
            var response = refusal.response
            response.routeLabel = Router.unmatchedLabel
            return finalize(response, for: request, origin: origin, gzip: false, level: .fast)
        }
        let gzip = ServedSnapshot.acceptsGzip(request.headers["Accept-Encoding"])
        let key = request.method == .get || request.method == .head ? cacheKey(for: request, gzip: gzip, origin: origin) : nil
        let response: Response
        if let key, let kept = cache.response(for: key) {
            response = kept
        } else {
            let match = router.match(request)
            if request.method == .options, case .methodNotAllowed = match {
                return preflight(router.respond(to: request, match: match), origin: origin)
            }
            var caching = RouteCaching.never
            if case let .route(route, _) = match { caching = route.caching }
            let fresh = finalize(router.respond(to: request, match: match), for: request, origin: origin, gzip: gzip,
                                 level: caching == .resource ? .best : .fast)
            if let key, caching != .never {
                response = cache.keep(fresh, for: key)
            } else {
                response = fresh
            }
        }
        return revalidated(response, for: request.method, ifNoneMatch: request.headers["If-None-Match"],
                           ifModifiedSince: request.headers["If-Modified-Since"])
    }

    /// The kept answer to a GET or HEAD asked before, found from libmicrohttpd's copy of the request
    /// (no `Request` is built), or `nil` when there is none and the request must be routed.
    func preparedResponse(for head: RequestHead) -> Response? {
        guard cache.isEnabled, head.isGetOrHead, !head.hasBody else { return nil }
        // Refused requests (too many parameters) are never kept, so they are never found here.
        var key = head.withPathBytes { ResponseCacheKey(path: $0) }
        head.forEachQueryItem { name, value in
            key.appendQueryItem(name: name, value: value)
        }
        key.finish(gzip: ServedSnapshot.acceptsGzip(head.header("Accept-Encoding")),
                   acceptsNDJSON: ServedSnapshot.acceptsNDJSON(head.header("Accept")),
                   origin: configuration.allowsAnyOrigin ? nil : allowedOrigin(requested: head.header("Origin")))
        guard let kept = cache.response(for: key) else { return nil }
        return revalidated(kept, for: head.method, ifNoneMatch: head.header("If-None-Match"),
                           ifModifiedSince: head.header("If-Modified-Since"))
    }

    /// What a GET or HEAD answer depends on besides the snapshot.
    private func cacheKey(for request: Request, gzip: Bool, origin: String?) -> ResponseCacheKey {
        ResponseCacheKey(path: request.path, query: request.query, gzip: gzip,
                         acceptsNDJSON: ServedSnapshot.acceptsNDJSON(request.headers["Accept"]),
                         origin: configuration.allowsAnyOrigin ? nil : origin)
    }

    /// Whether an `Accept` field asks for an NDJSON export.
    private static func acceptsNDJSON(_ accept: String?) -> Bool {
        accept?.contains(ListFormat.ndjsonContentType) == true
    }

    /// Requests refused before routing: a body (this API is read-only) or too many query parameters.
    private func refusal(of request: Request) -> Problem? {
        if request.hasBody {
            return request.method == .get || request.method == .head
                ? Problem(status: .badRequest, detail: "A \(request.method) request must not have a body.")
                : Problem(status: .contentTooLarge, detail: "This API accepts no request bodies.")
        }
        if request.query.items.count > configuration.maxQueryParameters {
            return Problem(status: .badRequest, type: Problem.invalidParametersType, title: "Too many query parameters",
                           detail: "The request has \(request.query.items.count) query parameters; at most \(configuration.maxQueryParameters) are accepted.")
        }
        return nil
    }

    /// Adds the headers every response carries and, for a 200, its validators, caching and encoding.
    private func finalize(_ response: Response, for request: Request, origin: String?, gzip: Bool,
                          level: Gzip.Level) -> Response {
        var response = response
        if response.stream == nil, let pretty = request.query["pretty"], QueryParameters.prettyFlag(pretty) == true,
           response.headers["Content-Type"]?.contains("json") == true {
            response.body = JSONPrettyPrinter.indent(response.body)
        }
        var headers = response.headers
        headers.set("X-Content-Type-Options", "nosniff")
        addCORS(to: &headers, origin: origin)
        if response.status == .ok, response.stream == nil, headers["Cache-Control"] == nil {
            headers.set("Cache-Control", "public, max-age=\(configuration.cacheMaxAge)")
            if let lastModified { headers.set("Last-Modified", lastModified) }
            var tag = FNV1a64()
            tag.update(snapshot.version)
            tag.update(response.body)
            var etag = tag.hexDigits
            if response.body.count > ServedSnapshot.compressionThreshold {
                headers.add("Vary", "Accept-Encoding")
                if gzip, let compressed = Gzip.compress(response.body, level: level) {
                    response.body = compressed
                    headers.set("Content-Encoding", "gzip")
                    etag += "-gzip"
                }
            }
            headers.set("ETag", "\"\(etag)\"")
        }
        response.headers = headers
        return response
    }

    /// Bodies at most this long are sent uncompressed: gzip would save too little.
    static let compressionThreshold = 1024

    /// The origin to echo in `Access-Control-Allow-Origin` for a request from `requested`, if any.
    private func allowedOrigin(requested: String?) -> String? {
        if configuration.allowsAnyOrigin { return "*" }
        guard let requested, configuration.corsOrigins.contains(requested) else { return nil }
        return requested
    }

    private func addCORS(to headers: inout HTTPHeaders, origin: String?) {
        if !configuration.allowsAnyOrigin { headers.add("Vary", "Origin") }
        guard let origin else { return }
        headers.set("Access-Control-Allow-Origin", origin)
        headers.set("Access-Control-Expose-Headers", "Link, ETag, Last-Modified, Content-Encoding, X-Total-Count")
    }

    /// The answer to `OPTIONS`, including a CORS preflight.
    private func preflight(_ response: Response, origin: String?) -> Response {
        var response = response
        var headers = response.headers
        headers.set("X-Content-Type-Options", "nosniff")
        addCORS(to: &headers, origin: origin)
        if origin != nil {
            headers.set("Access-Control-Allow-Methods", headers["Allow"] ?? "GET, HEAD")
            headers.set("Access-Control-Allow-Headers", "Accept, Accept-Encoding, If-None-Match, If-Modified-Since, Content-Type")
            headers.set("Access-Control-Max-Age", String(configuration.corsMaxAge))
        }
        response.headers = headers
        return response
    }

    /// `response`, or a 304 when the client's validators say its copy is current.
    private func revalidated(_ response: Response, for method: HTTPMethod, ifNoneMatch: String?,
                             ifModifiedSince: String?) -> Response {
        isNotModified(response, for: method, ifNoneMatch: ifNoneMatch, ifModifiedSince: ifModifiedSince)
            ? notModified(response) : response
    }

    /// Whether the client's validators say its copy is current (RFC 9110 §13.1.2 and §13.1.3).
    private func isNotModified(_ response: Response, for method: HTTPMethod, ifNoneMatch: String?,
                               ifModifiedSince: String?) -> Bool {
        guard response.status == .ok, method == .get || method == .head else { return false }
        if let condition = ifNoneMatch {
            guard let etag = response.headers["ETag"] else { return false }
            return condition.split(separator: ",").contains { candidate in
                let tag = candidate.trimmingCharacters(in: " \t")
                return tag == "*" || tag == etag || tag == "W/" + etag
            }
        }
        if let since = ifModifiedSince.flatMap(HTTPDate.parse), let lastModifiedSeconds {
            return lastModifiedSeconds <= since
        }
        return false
    }

    /// 304: the validators and caching headers of the full response, no body.
    private func notModified(_ response: Response) -> Response {
        var headers = HTTPHeaders()
        for field in response.headers where field.name != "Content-Type" && field.name != "Content-Encoding" {
            headers.add(field.name, field.value)
        }
        return Response(status: .notModified, headers: headers)
    }
}

extension ServedSnapshot {
    /// Whether an `Accept-Encoding` field allows gzip (a `q=0` refuses it).
    static func acceptsGzip(_ accepted: String?) -> Bool {
        guard let accepted else { return false }
        return accepted.split(separator: ",").contains { coding in
            let parts = coding.split(separator: ";").map { $0.trimmingCharacters(in: " \t").lowercased() }
            guard parts.first == "gzip" || parts.first == "*" else { return false }
            return !parts.dropFirst().contains { $0 == "q=0" || $0 == "q=0.0" || $0 == "q=0.00" || $0 == "q=0.000" }
        }
    }
}

extension Substring {
    /// The text without leading and trailing characters from `characters`.
    func trimmingCharacters(in characters: String) -> String {
        let set = Set(characters)
        guard let first = firstIndex(where: { !set.contains($0) }),
              let last = lastIndex(where: { !set.contains($0) }) else { return "" }
        return String(self[first...last])
    }
}
