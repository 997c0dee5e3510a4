import CMicroHTTPD
import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Accepts the connections of the server's listening socket on a thread of its own and hands each to
/// libmicrohttpd, which gives it to the worker its socket number picks (the next one with room when that
/// one is full), so consecutive connections alternate between the workers.
///
/// Why not let libmicrohttpd accept them: each thread of its pool polls the shared listening socket and
/// takes one connection a turn, so the thread that happened to be running took most or all of a burst.
/// With 64 keep-alive connections opened at once, one of two workers got every connection in a third of
/// the runs measured, and the other core idled for as long as they stayed open.
final class ConnectionAcceptor: Sendable {
    private let socket: Int32
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let logger: Logger

    /// Takes over `socket`, a listening socket, which `stop()` closes.
    init(socket: Int32, logger: Logger) {
        self.socket = socket
        self.logger = logger
    }

    /// Starts the thread that hands every connection accepted to `daemon`, until `stop()`.
    func start(handingTo daemon: OpaquePointer) {
        let daemon = Daemon(pointer: daemon)
        let thread = Thread { [self] in
            acceptUntilStopped(handingTo: daemon.pointer)
            finished.signal()
        }
        thread.name = "news-api accept"
        thread.start()
    }

    /// Stops accepting, refuses the connections still waiting in the kernel's backlog, waits for the
    /// thread to end (no connection is handed on after this returns), and closes the socket.
    func stop() {
        stopping.store(true, ordering: .relaxed)
        // Wakes the thread from `accept`, which then fails.
        _ = shutdown(socket, Int32(SHUT_RDWR))
        finished.wait()
        close(socket)
    }

    private func acceptUntilStopped(handingTo daemon: OpaquePointer) {
        var address = sockaddr_storage()
        var failing = false
        while true {
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let client = withUnsafeMutablePointer(to: &address) {
                // libmicrohttpd makes the socket non-blocking; nothing here starts other programs, so
                // `SOCK_CLOEXEC` (accept4, which Glibc's module does not export) is not needed.
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { accept(socket, $0, &length) }
            }
            guard client >= 0 else {
                let error = errno
                if stopping.load(ordering: .relaxed) { return }
                failing = waitAfterFailing(error, alreadyFailing: failing)
                continue
            }
            if failing {
                logger.info("accepting connections again")
                failing = false
            }
            // libmicrohttpd closes the socket itself when it refuses it (a connection limit reached).
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { MHD_add_connection(daemon, client, $0, length) }
            }
        }
    }

    /// After `accept` failed with `error`: nothing to wait for when the client gave up first, else a
    /// tenth of a second for file descriptors or memory to free up, logged at the first failure of a
    /// run. Returns whether a run of failures is going on.
    private func waitAfterFailing(_ error: Int32, alreadyFailing: Bool) -> Bool {
        switch error {
        case EINTR, ECONNABORTED, EPROTO, EAGAIN:
            return alreadyFailing
        default:
            if !alreadyFailing {
                logger.warning(
                    "cannot accept connections; retrying every 100 ms",
                    metadata: ["error": "\(String(cString: strerror(error)))"])
            }
            usleep(100_000)
            return true
        }
    }
}

/// libmicrohttpd's daemon, handed to the accepting thread: any thread may give it connections.
private struct Daemon: @unchecked Sendable {
    let pointer: OpaquePointer
}
