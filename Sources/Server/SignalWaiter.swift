#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits for termination signals on the main thread.
///
/// The signals are blocked before any server thread starts, so every thread inherits the mask and
/// only `wait()` receives them; SIGPIPE is ignored so a client hanging up never kills the process.
struct SignalWaiter {
    private var set = sigset_t()

    /// Blocks SIGINT and SIGTERM for the whole process and ignores SIGPIPE.
    static func blockingTerminationSignals() -> SignalWaiter {
        var waiter = SignalWaiter()
        sigemptyset(&waiter.set)
        sigaddset(&waiter.set, SIGINT)
        sigaddset(&waiter.set, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &waiter.set, nil)
        signal(SIGPIPE, SIG_IGN)
        return waiter
    }

    /// Blocks until one of the signals arrives and returns its name.
    func wait() -> String {
        var set = self.set
        var received: Int32 = 0
        sigwait(&set, &received)
        return received == SIGINT ? "SIGINT" : "SIGTERM"
    }
}
