import Logging
import Synchronization

/// What the libmicrohttpd callbacks share: the handler, and a count of requests in flight so that a
/// graceful stop can wait for them.
final class HTTPServerContext: Sendable {
    let handler: HTTPServer.Handler
    let observer: HTTPServer.Observer?
    let logger: Logger
    private let inFlight = Atomic<Int>(0)

    init(handler: @escaping HTTPServer.Handler, observer: HTTPServer.Observer?, logger: Logger) {
        self.handler = handler
        self.observer = observer
        self.logger = logger
    }

    /// Requests whose headers have arrived and whose response has not finished.
    var requestsInFlight: Int {
        inFlight.load(ordering: .acquiring)
    }

    func requestStarted() {
        inFlight.add(1, ordering: .relaxed)
    }

    func requestFinished() {
        inFlight.subtract(1, ordering: .releasing)
    }
}
