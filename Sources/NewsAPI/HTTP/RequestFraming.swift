/// The checks made on a request head before any body is read, for what libmicrohttpd 0.9.75 lets
/// through but RFC 9112 says to refuse, and for this server's own limits: its answer is a problem for
/// the client, sent at once with the connection closed.
struct RequestFraming {
    /// The limits a request head must keep to.
    struct Limits: Sendable {
        /// Bytes the request line and header fields may take together.
        var maxHeaderBytes: Int
        /// The most query parameters a request may have.
        var maxQueryParameters: Int
        /// Bytes the request target may take.
        var maxURLBytes: Int
    }

    /// What the request line already told (see `HTTPServerCallbacks.uriReceived`).
    enum TargetCheck: Sendable, Equatable {
        /// Within the limits.
        case accepted
        /// More query parameters than allowed: libmicrohttpd was kept from storing them.
        case tooManyParameters(Int)
        /// A longer target than allowed: libmicrohttpd was kept from storing its query.
        case tooLong(Int)
    }

    /// One header field as received.
    struct Field {
        let name: String
        let value: String
    }

    let method: HTTPMethod
    /// Whether the request line says HTTP/1.1 (which must have one `Host`).
    let isHTTP11: Bool
    /// Bytes the header fields take in all.
    let headerBytes: Int
    /// How many `Host` fields the head has.
    let hosts: Int
    /// The `Content-Length` and `Transfer-Encoding` fields, in the order received.
    let fields: [Field]
    let target: TargetCheck
    let limits: Limits

    /// Why the request must be refused before it is read further, or `nil` when it may go on.
    func refusal() -> Problem? {
        switch target {
        case .accepted:
            break
        case .tooManyParameters(let count):
            return Problem(
                status: .badRequest, type: Problem.invalidParametersType, title: "Too many query parameters",
                detail: "The request has \(count) query parameters; at most \(limits.maxQueryParameters) are accepted "
                    + "(--max-query-parameters).")
        case .tooLong(let bytes):
            return Problem(
                status: .uriTooLong,
                detail: "The request target is \(bytes) bytes; at most \(limits.maxURLBytes) are accepted (--max-url-bytes).")
        }
        if headerBytes > limits.maxHeaderBytes {
            return Problem(
                status: .requestHeaderFieldsTooLarge,
                detail: "The header fields take \(headerBytes) bytes; at most \(limits.maxHeaderBytes) are accepted "
                    + "(--max-header-bytes).")
        }
        if isHTTP11, hosts != 1 {
            return Problem(
                status: .badRequest,
                detail: hosts == 0
                    ? "An HTTP/1.1 request must have a Host header field."
                    : "A request must have one Host header field, not \(hosts).")
        }
        // The usual head has no framing field but Host: nothing more to check.
        guard !fields.isEmpty else { return nil }
        let encodings = values(of: "Transfer-Encoding")
        let lengths = values(of: "Content-Length")
        if !encodings.isEmpty {
            if !lengths.isEmpty {
                return Problem(
                    status: .badRequest,
                    detail: "A request must not have both Transfer-Encoding and Content-Length.")
            }
            let codings = encodings.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: " \t").lowercased() }
            if codings.last != "chunked" || codings.contains(where: { $0 != "chunked" }) {
                return Problem(
                    status: .notImplemented,
                    detail: "The transfer coding \(encodings.joined(separator: ", ")) is not supported.")
            }
            return bodyRefusal()
        }
        if !lengths.isEmpty {
            let parsed = lengths.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
                .map { UInt64($0.trimmingCharacters(in: " \t")) }
            guard let first = parsed.first, let length = first, parsed.allSatisfy({ $0 == length }) else {
                return Problem(status: .badRequest, detail: "The Content-Length header field is not one valid length.")
            }
            if length > 0 { return bodyRefusal() }
        }
        return nil
    }

    /// This read-only API reads no body: a GET or HEAD with one is malformed, anything else too large.
    private func bodyRefusal() -> Problem {
        method == .get || method == .head
            ? Problem(status: .badRequest, detail: "A \(method) request must not have a body.")
            : Problem(status: .contentTooLarge, detail: "This API accepts no request bodies.")
    }

    /// The values of the framing fields named `name`, in the order received.
    private func values(of name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }
}
