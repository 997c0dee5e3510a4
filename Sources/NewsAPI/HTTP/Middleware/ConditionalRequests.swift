/// Conditional GET and HEAD (RFC 9110 §13.1): a `304 Not Modified` with the full answer's validators
/// when the client's copy is current, judged by `If-None-Match` first, else `If-Modified-Since`.
///
/// It sits outside the response cache, so a kept answer is checked like a fresh one and a 304 is
/// never kept.
struct ConditionalRequests: HTTPMiddleware {
    /// When the data last changed, in seconds since 1970; `nil` when unknown (no `If-Modified-Since`).
    let lastModified: Int64?

    func respond(to request: Request, next: (Request) -> Response) -> Response {
        let response = next(request)
        guard isCurrent(response, for: request) else { return response }
        return ConditionalRequests.notModified(response)
    }

    /// Whether the client's validators say its copy of `response` is current.
    func isCurrent(_ response: Response, for request: Request) -> Bool {
        guard response.status == .ok, request.method == .get || request.method == .head else { return false }
        if let condition = request.headers["If-None-Match"] {
            guard let etag = response.headers["ETag"] else { return false }
            return condition.split(separator: ",").contains { candidate in
                let tag = candidate.trimmingCharacters(in: " \t")
                return tag == "*" || tag == etag || tag == "W/" + etag
            }
        }
        if let since = request.headers["If-Modified-Since"].flatMap(HTTPDate.parse), let lastModified,
            response.headers["Last-Modified"] != nil
        {
            return lastModified <= since
        }
        return false
    }

    /// The 304 for `response`: its validators and caching headers, no body and no content headers.
    static func notModified(_ response: Response) -> Response {
        var headers = HTTPHeaders()
        for field in response.headers
        where !field.name.caseInsensitiveEquals("Content-Type")
            && !field.name.caseInsensitiveEquals("Content-Encoding")
        {
            headers.add(field.name, field.value)
        }
        var notModified = Response(status: .notModified, headers: headers)
        notModified.routeLabel = response.routeLabel
        notModified.representationLength = response.body.count
        return notModified
    }
}

extension Substring {
    /// The text without leading and trailing characters from `characters`.
    func trimmingCharacters(in characters: String) -> String {
        let set = Set(characters)
        guard let first = firstIndex(where: { !set.contains($0) }),
            let last = lastIndex(where: { !set.contains($0) })
        else { return "" }
        return String(self[first...last])
    }
}
