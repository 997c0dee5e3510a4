import CMicroHTTPD
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Bounds the time a client has to send a whole request head, as nginx's `client_header_timeout`
/// does: libmicrohttpd's idle timeout restarts on every byte, so a client sending one byte a second
/// would otherwise hold its connection forever.
///
/// A connection must complete each request head within `seconds` of opening or of its previous
/// answer; a watchdog thread shuts down the socket of one that does not, and libmicrohttpd then
/// closes it as it would any broken connection.
final class HeadTimeout: @unchecked Sendable {
    // @unchecked: `open` is only touched under `lock`, an NSLock. It is a pthread mutex, which ThreadSanitizer
    // follows between libmicrohttpd's threads and the watchdog's (it reports Synchronization.Mutex's futex
    // here as a race).
    /// One open connection: its socket, and when its next request head is due (0 while none is awaited).
    final class Connection: Sendable {
        let socket: Int32
        fileprivate let due = Atomic<Int64>(0)

        fileprivate init(socket: Int32) {
            self.socket = socket
        }
    }

    private let milliseconds: Int64
    private let lock = NSLock()
    private var open: [ObjectIdentifier: Connection] = [:]
    private let running = Atomic<Bool>(false)
    private let closedCount = Atomic<Int>(0)

    /// A timeout of `seconds` seconds for each request head.
    init(seconds: Int) {
        milliseconds = Int64(seconds) * 1000
    }

    /// Starts watching a new connection; its first head is due from now.
    func opened(socket: Int32) -> Connection {
        let connection = Connection(socket: socket)
        connection.due.store(HeadTimeout.now() + milliseconds, ordering: .relaxed)
        lock.withLock { open[ObjectIdentifier(connection)] = connection }
        return connection
    }

    /// Stops watching a connection libmicrohttpd is closing (its socket is still open during this call).
    func closed(_ connection: Connection) {
        _ = lock.withLock { open.removeValue(forKey: ObjectIdentifier(connection)) }
    }

    /// The connection's request head is complete: nothing is due until its answer has been sent.
    func headReceived(on connection: Connection) {
        connection.due.store(0, ordering: .relaxed)
    }

    /// The connection's answer has been sent: its next head is due from now.
    func answered(on connection: Connection) {
        connection.due.store(HeadTimeout.now() + milliseconds, ordering: .relaxed)
    }

    /// Connections shut down for being late so far.
    var connectionsClosed: Int {
        closedCount.load(ordering: .relaxed)
    }

    /// Starts the watchdog thread, which checks four times a second until `stop()`.
    func start() {
        guard !running.exchange(true, ordering: .relaxed) else { return }
        let thread = Thread { [self] in
            while running.load(ordering: .relaxed) {
                shutDownOverdue()
                usleep(250_000)
            }
        }
        thread.name = "news-api head timeout"
        thread.start()
    }

    /// Stops the watchdog thread (it ends within a quarter of a second).
    func stop() {
        running.store(false, ordering: .relaxed)
    }

    /// Shuts down the socket of every connection whose head is overdue. The registry's lock is held
    /// throughout, so libmicrohttpd cannot close (and reuse) a socket between the check and the shutdown.
    func shutDownOverdue() {
        let now = HeadTimeout.now()
        lock.withLock {
            for connection in open.values {
                let due = connection.due.load(ordering: .relaxed)
                guard due != 0, due <= now else { continue }
                connection.due.store(0, ordering: .relaxed)
                _ = shutdown(connection.socket, Int32(SHUT_RDWR))
                closedCount.add(1, ordering: .relaxed)
            }
        }
    }

    private static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000
    }
}
