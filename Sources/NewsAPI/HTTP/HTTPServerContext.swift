import Logging
import Synchronization

/// What the libmicrohttpd callbacks share: the responder, the limits a request head is checked
/// against, the head timeout's watch over connections, and a count of requests in flight so that a
/// graceful stop can wait for them.
final class HTTPServerContext: Sendable {
    let responder: any HTTPResponder
    /// The responder again when it has a response cache in front (worked out once, not per request).
    let cachingResponder: (any HTTPCachingResponder)?
    let observer: HTTPServer.Observer?
    let logger: Logger
    let limits: RequestFraming.Limits
    let headTimeout: HeadTimeout
    private let inFlight = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)

    init(
        responder: any HTTPResponder, observer: HTTPServer.Observer?, logger: Logger,
        configuration: HTTPServerConfiguration
    ) {
        self.responder = responder
        cachingResponder = responder as? any HTTPCachingResponder
        self.observer = observer
        self.logger = logger
        limits = configuration.requestLimits
        headTimeout = HeadTimeout(seconds: configuration.headerTimeoutSeconds)
    }

    /// Requests whose headers have arrived and whose response has not finished.
    var requestsInFlight: Int {
        inFlight.load(ordering: .acquiring)
    }

    /// Whether the server is stopping: responses then close their connection, so keep-alive clients
    /// go away instead of sending more requests.
    var isStopping: Bool {
        stopping.load(ordering: .relaxed)
    }

    func beginStopping() {
        stopping.store(true, ordering: .relaxed)
    }

    func requestStarted() {
        inFlight.add(1, ordering: .relaxed)
    }

    func requestFinished() {
        inFlight.subtract(1, ordering: .releasing)
    }
}
