import CMicroHTTPD

/// A request as libmicrohttpd holds it, read in place: nothing is copied until asked for.
///
/// It is only valid during the access handler's call (libmicrohttpd owns the memory and reuses it for
/// the connection's next request), so it never leaves `HTTPServerCallbacks`: `Request(head)` copies
/// what the rest of the server reads.
struct RequestHead {
    private let connection: OpaquePointer
    private let url: UnsafePointer<CChar>
    private let methodName: UnsafePointer<CChar>

    init(connection: OpaquePointer, url: UnsafePointer<CChar>, method: UnsafePointer<CChar>) {
        self.connection = connection
        self.url = url
        self.methodName = method
    }

    /// The request method.
    var method: HTTPMethod {
        HTTPMethod(rawValue: String(cString: methodName))
    }

    /// The percent-decoded path, copied (invalid UTF-8 repaired).
    var path: String {
        String(cString: url)
    }

    /// The percent-decoded path's bytes, read in place.
    var pathBytes: UnsafeBufferPointer<UInt8> {
        RequestHead.bytes(of: url)
    }

    /// Whether the request has validators (`If-None-Match` or `If-Modified-Since`), which
    /// `ConditionalRequests` reads.
    var hasValidators: Bool {
        MHD_lookup_connection_value(connection, .HEADER_KIND, "If-None-Match") != nil
            || MHD_lookup_connection_value(connection, .HEADER_KIND, "If-Modified-Since") != nil
    }

    /// The value of the first header field named `name` (case ignored), copied.
    func header(_ name: String) -> String? {
        MHD_lookup_connection_value(connection, .HEADER_KIND, name).map { String(cString: $0) }
    }

    /// Calls `body` with each query parameter in the order sent: its decoded name and value bytes,
    /// the value `nil` for a bare `?name`. Empty pieces (`?&&a=1`) are not parameters and are skipped.
    func forEachQueryItem(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>?) -> Void) {
        forEachValue(of: .GET_ARGUMENT_KIND) { name, value in
            if name.isEmpty && value == nil { return }
            body(name, value)
        }
    }

    /// What the framing checks read of the header fields: their size in all, how many are `Host`, and a
    /// copy of only the other fields that frame the request (`Content-Length`, `Transfer-Encoding`), so
    /// that the usual head, which has none, copies and allocates nothing here.
    var framingFields: (bytes: Int, hosts: Int, fields: [RequestFraming.Field]) {
        var bytes = 0
        var hosts = 0
        var fields: [RequestFraming.Field] = []
        forEachHeader { name, value in
            bytes += name.count + (value?.count ?? 0) + 4
            if RequestHead.equalsIgnoringCase(name, "host") {
                hosts += 1
            } else if RequestHead.equalsIgnoringCase(name, "content-length")
                || RequestHead.equalsIgnoringCase(name, "transfer-encoding")
            {
                fields.append(
                    RequestFraming.Field(
                        name: String(decoding: name, as: UTF8.self),
                        value: value.map { String(decoding: $0, as: UTF8.self) } ?? ""))
            }
        }
        return (bytes, hosts, fields)
    }

    /// Whether `bytes` spell `name`, a lowercase ASCII literal, with letters in any case.
    private static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        guard bytes.count == name.utf8CodeUnitCount else { return false }
        return name.withUTF8Buffer { name in zip(bytes, name).allSatisfy { $0 | 0x20 == $1 | 0x20 } }
    }

    /// Calls `body` with each header field in the order received.
    func forEachHeader(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>?) -> Void) {
        forEachValue(of: .HEADER_KIND, body)
    }

    private typealias Visit = (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>?) -> Void

    private func forEachValue(of kind: MHD_ValueKind, _ body: Visit) {
        withoutActuallyEscaping(body) { visit in
            withUnsafePointer(to: visit) { pointer in
                _ = MHD_get_connection_values(connection, kind, RequestHead.iterator, UnsafeMutableRawPointer(mutating: pointer))
            }
        }
    }

    /// libmicrohttpd's iterator: hands each pair to the Swift closure that `cls` points to.
    private static let iterator: MHD_KeyValueIterator = { cls, _, key, value in
        guard let cls, let key else { return .YES }
        let visit = cls.assumingMemoryBound(to: Visit.self).pointee
        visit(RequestHead.bytes(of: key), value.map(RequestHead.bytes(of:)))
        return .YES
    }

    private static func bytes(of text: UnsafePointer<CChar>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: strlen(text))
    }
}

extension ResponseCacheKey {
    /// The key `ResponseCacheKey(Request(head), variesByOrigin:)` would give, written from
    /// libmicrohttpd's memory without copying the request (only the negotiated header values are).
    init(_ head: RequestHead, variesByOrigin: Bool) {
        var writer = Writer(path: head.pathBytes)
        head.forEachQueryItem { name, value in writer.appendQueryItem(name: name, value: value) }
        writer.appendNegotiation(
            acceptEncoding: head.header("Accept-Encoding"), accept: head.header("Accept"),
            origin: variesByOrigin ? head.header("Origin") ?? "" : nil)
        self.init(writer)
    }
}

extension Request {
    /// Copies a request out of libmicrohttpd's memory; `refusal` is the answer it must get instead of routing.
    init(_ head: RequestHead, refusal: Problem? = nil) {
        var query = QueryItems()
        head.forEachQueryItem { name, value in
            query.append(name: String(decoding: name, as: UTF8.self), value: value.map { String(decoding: $0, as: UTF8.self) })
        }
        var headers = HTTPHeaders()
        head.forEachHeader { name, value in
            headers.add(String(decoding: name, as: UTF8.self), value.map { String(decoding: $0, as: UTF8.self) } ?? "")
        }
        self.init(method: head.method, path: head.path, query: query, headers: headers)
        self.refusal = refusal
    }
}
