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
    /// The most connections open at once.
    public var connectionLimit: Int
    /// The most connections open at once from one IP address (0: no per-address limit).
    public var perIPConnectionLimit: Int
    /// Bytes of memory per connection for reading the request line and headers.
    public var connectionMemoryLimit: Int

    /// Creates a configuration with safe defaults.
    public init(host: String = "127.0.0.1", port: Int = 8080, threads: Int = HTTPServerConfiguration.coreCount,
                connectionTimeoutSeconds: Int = 15, connectionLimit: Int = 2048, perIPConnectionLimit: Int = 512,
                connectionMemoryLimit: Int = 32 * 1024) {
        self.host = host
        self.port = port
        self.threads = threads
        self.connectionTimeoutSeconds = connectionTimeoutSeconds
        self.connectionLimit = connectionLimit
        self.perIPConnectionLimit = perIPConnectionLimit
        self.connectionMemoryLimit = connectionMemoryLimit
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
