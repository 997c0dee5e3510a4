/// An HTTP request as the router sees it: plain Swift values, copied out of libmicrohttpd.
package struct Request: Sendable {
    /// The request method.
    package var method: HTTPMethod
    /// The path, percent-decoded, without the query string.
    package var path: String
    /// The query parameters in the order sent, repeated names kept.
    package var query: QueryItems
    /// The request header fields.
    var headers: HTTPHeaders
    /// Why the server refused the request while reading it (a body, a limit, bad framing): the answer
    /// it gets instead of being routed.
    var refusal: Problem?
    /// The response cache's key for this request when the server already looked the answer up with it,
    /// before copying the request, and found none: the cache is not asked again, and keeps the answer
    /// under this key.
    var cacheKey: ResponseCacheKey?

    /// Creates a request; tests use this to call the router with no socket.
    init(method: HTTPMethod = .get, path: String, query: QueryItems = QueryItems(), headers: HTTPHeaders = HTTPHeaders()) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
    }
}

extension Request {
    /// Creates a request from a request target such as `/articles?q=trade+war`, splitting off and
    /// decoding the query the way the server does.
    package init(method: HTTPMethod = .get, target: String, headers: HTTPHeaders = HTTPHeaders()) {
        if let mark = target.utf8.firstIndex(of: UInt8(ascii: "?")) {
            self.init(
                method: method, path: String(target[..<mark]),
                query: QueryItems(parsing: target[target.utf8.index(after: mark)...]), headers: headers)
        } else {
            self.init(method: method, path: target, headers: headers)
        }
    }
}
