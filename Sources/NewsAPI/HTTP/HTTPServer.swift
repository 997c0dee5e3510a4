import CMicroHTTPD
import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Serves HTTP with libmicrohttpd, handing each request to a synchronous Swift handler.
///
/// The server opens the listening socket and accepts on a thread of its own (`ConnectionAcceptor`); the
/// daemon runs its own polling threads (poll, one thread or a pool of them) and
/// calls the handler from several threads at once, so the handler must only read immutable or
/// synchronised state. Start with `start()`, which reports the bound port; stop with `stop(grace:)`.
package final class HTTPServer: Sendable {
    /// Told about every request after its response is queued (access log, metrics).
    package typealias Observer = @Sendable (RequestRecord) -> Void

    private let configuration: HTTPServerConfiguration
    private let context: HTTPServerContext
    private let state = Mutex<RunningDaemon?>(nil)
    private let logger: Logger

    /// Creates a server that will answer every request with `responder` and report each to `observer`.
    package init(
        configuration: HTTPServerConfiguration, logger: Logger = Logger(label: "news-api.http"),
        observer: Observer? = nil, responder: some HTTPResponder
    ) {
        self.configuration = configuration
        self.context = HTTPServerContext(
            responder: responder, observer: observer, logger: logger,
            configuration: configuration)
        self.logger = logger
    }

    /// Starts listening and returns the bound port (useful when the configured port is 0).
    @discardableResult
    package func start() throws(HTTPServerError) -> Int {
        try state.withLock { (running: inout RunningDaemon?) throws(HTTPServerError) -> Int in
            if let running { return running.port }
            let threads = max(1, configuration.threads)
            let socket = CMicroHTTPD_listen(configuration.host, UInt16(clamping: configuration.port))
            guard socket >= 0 else {
                let reason = socket == -2 ? "not a numeric IPv4 or IPv6 address" : String(cString: strerror(errno))
                throw HTTPServerError.cannotListen(host: configuration.host, port: configuration.port, reason: reason)
            }
            // poll, not epoll: libmicrohttpd 0.9.75's epoll left some connections of a burst of new ones
            // unread (one thread with 128-256 at once; a pool of 16 with 1,024), until a timeout closed
            // them. poll answered as fast here, and never stalled.
            let flags = MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_USE_POLL.rawValue | MHD_USE_ITC.rawValue
            let contextPointer = Unmanaged.passRetained(context).toOpaque()
            let daemon = CMicroHTTPD_start(
                flags, threads > 1 ? UInt32(threads) : 0,
                UInt32(configuration.connectionTimeoutSeconds),
                UInt32(configuration.connectionLimit),
                UInt32(configuration.perIPConnectionLimit),
                configuration.connectionMemory,
                HTTPServerCallbacks.accessHandler, contextPointer,
                HTTPServerCallbacks.requestCompleted, contextPointer,
                HTTPServerCallbacks.uriReceived, contextPointer,
                HTTPServerCallbacks.connectionNotice, contextPointer)
            guard let daemon else {
                close(socket)
                Unmanaged<HTTPServerContext>.fromOpaque(contextPointer).release()
                throw HTTPServerError.cannotStart
            }
            let port = Int(CMicroHTTPD_boundPort(socket))
            let acceptor = ConnectionAcceptor(socket: socket, logger: logger)
            acceptor.start(handingTo: daemon)
            context.headTimeout.start()
            running = RunningDaemon(daemon: daemon, acceptor: acceptor, context: contextPointer, port: port)
            logger.debug("libmicrohttpd daemon started", metadata: ["port": "\(port)", "threads": "\(threads)"])
            return port
        }
    }

    /// The bound port while running, otherwise `nil`.
    var port: Int? {
        state.withLock { $0?.port }
    }

    /// Stops accepting connections, waits up to `grace` seconds for requests in flight, then stops.
    package func stop(grace: Double = 5) {
        guard
            let running = state.withLock({ (running: inout RunningDaemon?) -> RunningDaemon? in
                defer { running = nil }
                return running
            })
        else { return }
        context.beginStopping()
        running.acceptor.stop()
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int(grace * 1000)))
        while context.requestsInFlight > 0, ContinuousClock.now < deadline {
            usleep(5_000)
        }
        MHD_stop_daemon(running.daemon)
        context.headTimeout.stop()
        Unmanaged<HTTPServerContext>.fromOpaque(running.context).release()
        logger.debug("libmicrohttpd daemon stopped")
    }

    deinit {
        stop(grace: 0)
    }
}

/// A started daemon, the acceptor handing it connections, and the retained context its callbacks receive.
private struct RunningDaemon: @unchecked Sendable {
    let daemon: OpaquePointer
    let acceptor: ConnectionAcceptor
    let context: UnsafeMutableRawPointer
    let port: Int
}
