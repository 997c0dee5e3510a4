/// Sends a successful GET or HEAD answer asked for before again from the response cache, and keeps
/// what the steps after it answer when the route allows (`RouteCaching`).
///
/// The key is built once per request, from its path, query and the request headers the answer
/// varies on, and serves both the look-up and, on a miss, the keeping. The server may look a GET or
/// HEAD up before copying the request out of libmicrohttpd (`HTTPPipeline.frontCache`); on a miss it
/// hands the key it built on with the request, which is then not looked up again (each request counts
/// once in what the cache knows of how often a URL is asked for).
struct ResponseCaching: HTTPMiddleware {
    let cache: ResponseCache
    /// Whether answers differ by `Origin` (CORS restricted to a list of origins).
    let variesByOrigin: Bool

    /// A cache of `bytes` bytes (0 keeps nothing).
    init(bytes: Int, variesByOrigin: Bool) {
        cache = ResponseCache(capacity: bytes)
        self.variesByOrigin = variesByOrigin
    }

    func respond(to request: Request, next: (Request) -> Response) -> Response {
        guard cache.isEnabled, request.method == .get || request.method == .head,
            request.refusal == nil
        else {
            return next(request)
        }
        let key: ResponseCacheKey
        if let missed = request.cacheKey {
            // Looked up in front with this key, before the request was copied, and not kept then.
            key = missed
        } else {
            key = ResponseCacheKey(request, variesByOrigin: variesByOrigin)
            if let kept = cache.response(for: key) { return kept }
        }
        let fresh = next(request)
        guard fresh.caching != .never else { return fresh }
        return cache.keep(fresh, for: key)
    }
}
