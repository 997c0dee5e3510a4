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
        let origin = allowedOrigin(for: request)
        if let refusal = refusal(of: request) {
            var response = refusal.response
            response.routeLabel = Router.unmatchedLabel
            return finalize(response, for: request, origin: origin, gzip: false, level: .fast)
        }
        let gzip = request.acceptsGzip
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
        return isNotModified(response, for: request) ? notModified(response) : response
    }

    /// What a GET or HEAD answer depends on besides the snapshot.
    private func cacheKey(for request: Request, gzip: Bool, origin: String?) -> ResponseCacheKey {
        ResponseCacheKey(path: request.path, query: request.query, gzip: gzip,
                         acceptsNDJSON: request.headers["Accept"]?.contains(ListFormat.ndjsonContentType) == true,
                         origin: configuration.allowsAnyOrigin ? nil : origin)
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

    private func allowedOrigin(for request: Request) -> String? {
        if configuration.allowsAnyOrigin { return "*" }
        guard let origin = request.headers["Origin"], configuration.corsOrigins.contains(origin) else { return nil }
        return origin
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

    /// Whether the client's validators say its copy is current (RFC 9110 §13.1.2 and §13.1.3).
    private func isNotModified(_ response: Response, for request: Request) -> Bool {
        guard response.status == .ok, request.method == .get || request.method == .head else { return false }
        if let condition = request.headers["If-None-Match"] {
            guard let etag = response.headers["ETag"] else { return false }
            return condition.split(separator: ",").contains { candidate in
                let tag = candidate.trimmingCharacters(in: " \t")
                return tag == "*" || tag == etag || tag == "W/" + etag
            }
        }
        if let since = request.headers["If-Modified-Since"].flatMap(HTTPDate.parse), let lastModifiedSeconds {
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

extension Request {
    /// Whether `Accept-Encoding` allows gzip (a `q=0` refuses it).
    var acceptsGzip: Bool {
        guard let accepted = headers["Accept-Encoding"] else { return false }
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
