/// Validators and freshness for successful answers: an `ETag` from the snapshot's version and the
/// body, `Last-Modified` from the data files, and `Cache-Control: public, max-age=N`. An answer that
/// sets its own `Cache-Control` (metrics, admin) and streamed exports get none.
struct Validators: HTTPMiddleware {
    /// The snapshot's version: equal data gives equal tags on every replica.
    let version: String
    /// The data's last change as an HTTP date, if known.
    let lastModified: String?
    /// Seconds clients and shared caches may reuse an answer.
    let maxAge: Int
    /// The `Cache-Control` value, written once.
    private let cacheControl: String
    /// The tag's hash with the version already in it, so an answer adds only its body.
    private let versionHash: FNV1a64

    init(version: String, lastModified: String?, maxAge: Int) {
        self.version = version
        self.lastModified = lastModified
        self.maxAge = maxAge
        cacheControl = "public, max-age=\(maxAge)"
        var versionHash = FNV1a64()
        versionHash.update(version)
        self.versionHash = versionHash
    }

    func respond(to request: Request, next: (Request) -> Response) -> Response {
        var response = next(request)
        guard response.status == .ok, response.stream == nil, response.headers["Cache-Control"] == nil else {
            return response
        }
        response.headers.set("Cache-Control", cacheControl)
        if let lastModified { response.headers.set("Last-Modified", lastModified) }
        var tag = versionHash
        tag.update(response.body)
        response.headers.set("ETag", tag.quotedHexDigits)
        return response
    }
}
