/// How the HTTP server listens and what it tolerates from clients.
package struct HTTPServerConfiguration: Sendable {
    /// The numeric IPv4 or IPv6 address to listen on.
    var host: String
    /// The TCP port; 0 picks a free one.
    var port: Int
    /// Worker threads, each polling its share of the connections (more than one makes a thread pool).
    var threads: Int
    /// Seconds of inactivity after which a connection is closed.
    var connectionTimeoutSeconds: Int
    /// Seconds a client has to send a whole request head, from connecting or from its previous answer.
    var headerTimeoutSeconds: Int
    /// The most connections open at once.
    var connectionLimit: Int
    /// The most connections open at once from one IP address (0: no per-address limit).
    var perIPConnectionLimit: Int
    /// Bytes the request line and header fields may take (more: 431).
    var maxHeaderBytes: Int
    /// Bytes the request target may take (more: 414).
    var maxURLBytes: Int
    /// The most query parameters a request may have (more: 400).
    var maxQueryParameters: Int

    /// Creates a configuration with safe defaults.
    package init(
        host: String = "127.0.0.1", port: Int = 8080, threads: Int = HTTPServerConfiguration.coreCount,
        connectionTimeoutSeconds: Int = 15, headerTimeoutSeconds: Int = 10, connectionLimit: Int = 2048,
        perIPConnectionLimit: Int = 512, maxHeaderBytes: Int = 16 * 1024, maxURLBytes: Int = 8 * 1024,
        maxQueryParameters: Int = 64
    ) {
        self.host = host
        self.port = port
        self.threads = threads
        self.connectionTimeoutSeconds = connectionTimeoutSeconds
        self.headerTimeoutSeconds = headerTimeoutSeconds
        self.connectionLimit = connectionLimit
        self.perIPConnectionLimit = perIPConnectionLimit
        self.maxHeaderBytes = maxHeaderBytes
        self.maxURLBytes = maxURLBytes
        self.maxQueryParameters = maxQueryParameters
    }

    /// libmicrohttpd's memory per connection: room for a head at our limits and 8 KiB more for its
    /// header entries and the answer's head, so that our code, not libmicrohttpd, answers a head that
    /// breaks them (with a problem document). No more than that: libmicrohttpd zeroes all of it
    /// before every request of a keep-alive connection.
    var connectionMemory: Int {
        maxHeaderBytes + maxURLBytes + 8 * 1024
    }

    /// The limits a request head is checked against.
    var requestLimits: RequestFraming.Limits {
        RequestFraming.Limits(
            maxHeaderBytes: maxHeaderBytes, maxQueryParameters: maxQueryParameters,
            maxURLBytes: maxURLBytes)
    }

    /// The number of active processor cores, the default thread count.
    package static var coreCount: Int {
        max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
