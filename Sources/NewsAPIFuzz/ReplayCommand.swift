#if !FUZZING
    import ArgumentParser
    import Foundation

    /// The `news-api-fuzz` regression runner (the normal build): replays saved inputs through the same
    /// entry points and checks as the libFuzzer build, so every seed and every input that once crashed is
    /// run by `make test` on any toolchain.
    @main
    struct ReplayCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "news-api-fuzz",
            abstract: "Replay fuzz inputs through the API's request path, parsers and folding.",
            discussion: """
                Each directory holds one subdirectory per target (\(FuzzTarget.names)) of input files; with \
                --target, the paths are input files or flat directories of them. Every input whose checks fail \
                is listed and the run fails. A crash stops the run at once: --verbose names each input before \
                running it, so the last one named is the culprit.
                """
        )

        @Option(help: "Replay the paths as inputs of this target only.")
        var target: String?

        @Flag(help: "Print each input's path before running it.")
        var verbose = false

        @Argument(help: "Corpus directories (e.g. Tests/Fuzz/corpus Tests/Fuzz/regressions).")
        var paths: [String]

        func run() throws {
            var counts: [FuzzTarget: Int] = [:]
            var failed = 0
            for (target, file) in try inputs() {
                if verbose { print("\(target.rawValue) \(file)") }
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw ValidationError("cannot read \(file)")
                }
                target.run(Array(data))
                counts[target, default: 0] += 1
                let failures = FuzzCheck.takeFailures()
                if !failures.isEmpty {
                    failed += 1
                    print("FAILED \(target.rawValue) \(file)")
                    for failure in failures.prefix(5) { print("  \(failure)") }
                }
            }
            let total = counts.values.reduce(0, +)
            let summary = FuzzTarget.allCases.compactMap { target in counts[target].map { "\(target.rawValue) \($0)" } }
            guard failed == 0 else {
                print("news-api-fuzz: \(failed) of \(total) inputs failed their checks")
                throw ExitCode.failure
            }
            print("news-api-fuzz: replayed \(total) inputs, all checks held (\(summary.joined(separator: ", ")))")
        }

        /// Every input to replay with its target, in a stable order.
        private func inputs() throws -> [(FuzzTarget, String)] {
            if let name = target {
                guard let target = FuzzTarget(rawValue: name) else {
                    throw ValidationError("unknown target \(name); the targets are \(FuzzTarget.names)")
                }
                return try paths.flatMap { path in try files(at: path).map { (target, $0) } }
            }
            var found: [(FuzzTarget, String)] = []
            for path in paths {
                for name in try FileManager.default.contentsOfDirectory(atPath: path).sorted() {
                    let directory = (path as NSString).appendingPathComponent(name)
                    guard isDirectory(directory) else { continue }
                    guard let target = FuzzTarget(rawValue: name) else {
                        throw ValidationError("\(directory) is not named after a target (\(FuzzTarget.names))")
                    }
                    found += try files(at: directory).map { (target, $0) }
                }
            }
            return found
        }

        /// `path` itself if it is a file, else the files in it (hidden files and subdirectories skipped).
        private func files(at path: String) throws -> [String] {
            guard isDirectory(path) else { return [path] }
            return try FileManager.default.contentsOfDirectory(atPath: path).sorted()
                .filter { !$0.hasPrefix(".") }
                .map { (path as NSString).appendingPathComponent($0) }
                .filter { !isDirectory($0) }
        }

        private func isDirectory(_ path: String) -> Bool {
            var directory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
        }
    }
#endif
