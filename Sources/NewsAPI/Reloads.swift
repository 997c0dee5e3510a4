import Foundation

/// Reloads run one at a time, each on a thread of its own, so no request thread waits for one: a
/// request or signal asking while one runs joins it, and its outcome is kept for `status`.
final class Reloads: @unchecked Sendable {
    // @unchecked: `state` is only touched under `lock`, an NSLock (a pthread mutex, which ThreadSanitizer
    // follows between the reload thread and the request threads).
    /// What the last reload did, and whether one is running now.
    struct Status: Sendable {
        /// Whether a reload is running.
        var running: Bool
        /// The outcome of the last finished reload, if any.
        var last: ReloadOutcome?
    }

    private let lock = NSLock()
    private var state = Status(running: false, last: nil)
    private let perform: @Sendable () -> ReloadOutcome

    /// Reloads that each run `perform`.
    init(_ perform: @escaping @Sendable () -> ReloadOutcome) {
        self.perform = perform
    }

    /// Starts a reload unless one is running; `true` when this call started it, `false` when it joined one.
    func start() -> Bool {
        let started = lock.withLock {
            if state.running { return false }
            state.running = true
            return true
        }
        guard started else { return false }
        let thread = Thread { [self] in
            let outcome = perform()
            lock.withLock { state = Status(running: false, last: outcome) }
        }
        thread.name = "news-api reload"
        thread.start()
        return true
    }

    /// Whether a reload is running, and what the last one did.
    var status: Status {
        lock.withLock { state }
    }
}
