/// Why the HTTP server could not start.
package enum HTTPServerError: Error, Sendable, CustomStringConvertible {
    /// The host is not a numeric address, or the system refused the socket (the port in use or not
    /// permitted): `reason` says which.
    case cannotListen(host: String, port: Int, reason: String)
    /// libmicrohttpd would not start its daemon (out of memory or threads).
    case cannotStart

    /// A sentence for the operator.
    package var description: String {
        switch self {
        case .cannotListen(let host, let port, let reason):
            "cannot listen on \(host):\(port): \(reason)"
        case .cannotStart:
            "cannot start libmicrohttpd's daemon (out of memory or threads?)"
        }
    }
}
