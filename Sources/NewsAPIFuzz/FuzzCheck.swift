#if !FUZZING
    import Synchronization
#endif

/// Checks a property every answer must have. In the libFuzzer build a failed check stops the process,
/// so libFuzzer records the input as a finding; in the replay build it is noted and the replay goes on,
/// so one run lists every saved input that fails.
enum FuzzCheck {
    #if !FUZZING
        private static let failures = Mutex<[String]>([])

        /// The failures noted since the last call, oldest first.
        static func takeFailures() -> [String] {
            failures.withLock { noted in
                defer { noted.removeAll() }
                return noted
            }
        }
    #endif

    /// Fails with `message` unless `condition` holds.
    static func expect(
        _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        guard !condition() else { return }
        #if FUZZING
            fatalError("fuzz check failed: \(message())", file: file, line: line)
        #else
            let failure = "\(file):\(line): \(message())"
            failures.withLock { $0.append(failure) }
        #endif
    }
}
