import Logging
import Synchronization

/// What the libmicrohttpd callbacks share: the handler, and a count of requests in flight so that a
/// graceful stop can wait for them.
final class HTTPServerContext: Sendable {
    let handler: HTTPServer.Handler
    let observer: HTTPServer.Observer?
    let logger: Logger
    private let inFlight = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)

    init(handler: @escaping HTTPServer.Handler, observer: HTTPServer.Observer?, logger: Logger) {
        self.handler = handler
        self.observer = observer
        self.logger = logger
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
