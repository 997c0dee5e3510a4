/// What a cacheable answer depends on: the URL and the request headers that change the response.
struct ResponseCacheKey: Hashable, Sendable {
    /// The percent-decoded path.
    let path: String
    /// The query parameters in the order sent (`?a=1&b=2` and `?b=2&a=1` are kept apart).
    let query: QueryItems
    /// Whether the body is gzipped.
    let gzip: Bool
    /// Whether `Accept` asks for an NDJSON export (whose streams are never kept, but whose JSON
    /// counterpart, with `format=json`, is).
    let acceptsNDJSON: Bool
    /// The CORS origin echoed back, when origins are restricted (`nil` when any is allowed).
    let origin: String?

    /// The bytes the key is counted as in the cache's budget.
    var size: Int {
        var size = path.utf8.count + (origin?.utf8.count ?? 0) + 64
        for item in query { size += item.name.utf8.count + (item.value?.utf8.count ?? 0) + 48 }
        return size
    }
}
