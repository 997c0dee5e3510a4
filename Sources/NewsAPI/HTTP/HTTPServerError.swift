/// Why the HTTP server could not start.
package enum HTTPServerError: Error, Sendable, CustomStringConvertible {
    /// The address did not parse, or the port is in use or not permitted.
    case cannotStart(host: String, port: Int)

    /// A sentence for the operator.
    package var description: String {
        switch self {
        case .cannotStart(let host, let port):
            "cannot listen on \(host):\(port): the host must be a numeric IPv4 or IPv6 address, and the port free and permitted"
        }
    }
}
