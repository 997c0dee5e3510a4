/// Why the HTTP server could not start.
public enum HTTPServerError: Error, Sendable, CustomStringConvertible {
    /// The address did not parse, or the port is in use or not permitted.
    case cannotStart(host: String, port: Int)

    /// A sentence for the operator.
    public var description: String {
        switch self {
        case let .cannotStart(host, port):
            "cannot listen on \(host):\(port): the host must be a numeric IPv4 or IPv6 address, and the port free and permitted"
        }
    }
}
