#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Waits for the signals the server acts on, on the main thread.
///
/// The signals are blocked before any server thread starts, so every thread inherits the mask and
/// only `next()` receives them; SIGPIPE is ignored so a client hanging up never kills the process.
struct SignalWaiter {
    /// What a received signal asks for.
    enum Request {
        /// SIGINT or SIGTERM: stop.
        case stop(String)
        /// SIGHUP: load the data directory again.
        case reload
    }

    private var set = sigset_t()

    /// Blocks SIGINT, SIGTERM and SIGHUP for the whole process and ignores SIGPIPE.
    static func blockingServerSignals() -> SignalWaiter {
        var waiter = SignalWaiter()
        sigemptyset(&waiter.set)
        sigaddset(&waiter.set, SIGINT)
        sigaddset(&waiter.set, SIGTERM)
        sigaddset(&waiter.set, SIGHUP)
        pthread_sigmask(SIG_BLOCK, &waiter.set, nil)
        signal(SIGPIPE, SIG_IGN)
        return waiter
    }

    /// Blocks until one of the signals arrives.
    func next() -> Request {
        var set = self.set
        var received: Int32 = 0
        sigwait(&set, &received)
        switch received {
        case SIGHUP: return .reload
        case SIGINT: return .stop("SIGINT")
        default: return .stop("SIGTERM")
        }
    }
}
