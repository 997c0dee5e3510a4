import Foundation

/// A value behind an `NSLock`: for rarely written state that request threads may contend for (the served
/// snapshot and pipeline, the metrics' rare series).
///
/// `Synchronization.Mutex` waits on a priority-inheriting futex, whose hand-over ThreadSanitizer does not
/// follow, so `make test-tsan` reports a contended `Mutex` as a race; it follows a pthread mutex, which
/// `NSLock` is. (`HeadTimeout` uses an `NSLock` for the same reason.)
final class LockedValue<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `value` is only touched under `lock`.
    private let lock = NSLock()
    private var value: Value

    /// Creates the lock holding `value`.
    init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` on the value, holding the lock.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
