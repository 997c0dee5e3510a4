/// gzip for clients that accept it: a successful body longer than `threshold` is compressed (once and
/// at the best level for a single resource, fast for a list) and its ETag marked `-gzip`, and every
/// such answer says `Vary: Accept-Encoding`. Answers marked `no-store` (metrics, admin) and streamed
/// exports are left alone.
struct Compression: HTTPMiddleware {
    /// Bodies at most this long are sent as they are: gzip would save too little.
    static let threshold = 1024

    func respond(to request: Request, next: (Request) -> Response) -> Response {
        var response = next(request)
        guard response.status == .ok, response.stream == nil, response.body.count > Compression.threshold,
            !ByteSearch.contains(response.headers["Cache-Control"] ?? "", "no-store")
        else { return response }
        response.headers.add("Vary", "Accept-Encoding")
        guard Compression.acceptsGzip(request.headers["Accept-Encoding"]),
            let compressed = Gzip.compress(response.body, level: response.caching == .resource ? .best : .fast)
        else { return response }
        response.body = compressed
        response.headers.set("Content-Encoding", "gzip")
        if let etag = response.headers["ETag"], etag.hasSuffix("\"") {
            response.headers.set("ETag", String(etag.dropLast()) + "-gzip\"")
        }
        return response
    }

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
