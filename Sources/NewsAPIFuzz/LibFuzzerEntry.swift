#if FUZZING
    import Foundation

    /// The libFuzzer build (`-DFUZZING`, linked with `-sanitize=fuzzer`): libFuzzer owns `main` and
    /// calls these two C entry points. `NEWS_API_FUZZ_TARGET` names the target to fuzz.
    enum LibFuzzerEntry {
        /// The target named by `NEWS_API_FUZZ_TARGET`; the process exits if it names none.
        static let target: FuzzTarget = {
            let name = ProcessInfo.processInfo.environment["NEWS_API_FUZZ_TARGET"] ?? ""
            guard let target = FuzzTarget(rawValue: name) else {
                FileHandle.standardError.write(
                    Data("news-api-fuzz: set NEWS_API_FUZZ_TARGET to one of: \(FuzzTarget.names)\n".utf8))
                exit(2)
            }
            return target
        }()
    }

    /// Called once before fuzzing: picks the target and loads the seed corpus, so the first input is
    /// not charged with the load.
    @_cdecl("LLVMFuzzerInitialize")
    public func fuzzerInitialize(
        _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
    ) -> CInt {
        if LibFuzzerEntry.target == .request {
            _ = SeedApplication.open
            _ = SeedApplication.restricted
        }
        return 0
    }

    /// Runs one input; libFuzzer treats a crash, trap or sanitizer report as a finding.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        LibFuzzerEntry.target.run(input)
        return 0
    }
#endif
