/// How the HTTP server listens and what it tolerates from clients.
public struct HTTPServerConfiguration: Sendable {
    /// The numeric IPv4 or IPv6 address to listen on.
    public var host: String
    /// The TCP port; 0 picks a free one.
    public var port: Int
    /// Worker threads: more than one uses epoll with a thread pool, one uses poll.
    public var threads: Int
    /// Seconds of inactivity after which a connection is closed.
    public var connectionTimeoutSeconds: Int
    /// Seconds a client has to send a whole request head, from connecting or from its previous answer.
    public var headerTimeoutSeconds: Int
    /// The most connections open at once.
    public var connectionLimit: Int
    /// The most connections open at once from one IP address (0: no per-address limit).
    public var perIPConnectionLimit: Int
    /// Bytes the request line and header fields may take (more: 431).
    public var maxHeaderBytes: Int
    /// Bytes the request target may take (more: 414).
    public var maxURLBytes: Int
    /// The most query parameters a request may have (more: 400).
    public var maxQueryParameters: Int

    /// Creates a configuration with safe defaults.
    public init(host: String = "127.0.0.1", port: Int = 8080, threads: Int = HTTPServerConfiguration.coreCount,
                connectionTimeoutSeconds: Int = 15, headerTimeoutSeconds: Int = 10, connectionLimit: Int = 2048,
                perIPConnectionLimit: Int = 512, maxHeaderBytes: Int = 16 * 1024, maxURLBytes: Int = 8 * 1024,
                maxQueryParameters: Int = 64) {
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

    /// libmicrohttpd's memory per connection: room for a head at our limits twice over, so that our
    /// code, not libmicrohttpd, answers a head that breaks them (with a problem document).
    var connectionMemory: Int {
        2 * (maxHeaderBytes + maxURLBytes) + 16 * 1024
    }

    /// The limits a request head is checked against.
    var requestLimits: RequestFraming.Limits {
        RequestFraming.Limits(maxHeaderBytes: maxHeaderBytes, maxQueryParameters: maxQueryParameters,
                              maxURLBytes: maxURLBytes)
    }

    /// The number of active processor cores, the default thread count.
    public static var coreCount: Int {
        max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
