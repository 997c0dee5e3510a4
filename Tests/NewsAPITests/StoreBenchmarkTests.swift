import Foundation
import Testing

@testable import NewsAPI

/// Times loading a large corpus, for profiling the loader; it asserts no speed (that is `make bench`'s
/// job). Skipped unless `NEWSAPI_BENCH_CORPUS` names a data directory; build in release for
/// meaningful numbers:
/// `NEWSAPI_BENCH_CORPUS=/tmp/corpus swift test -c release -Xswiftc -enable-testing --filter StoreBenchmarkTests`
@Suite struct StoreBenchmarkTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["NEWSAPI_BENCH_CORPUS"] != nil, "set NEWSAPI_BENCH_CORPUS"))
    func loadThroughput() throws {
        let path = try #require(ProcessInfo.processInfo.environment["NEWSAPI_BENCH_CORPUS"])
        let cpuStart = clock()
        let snapshot = try CorpusLoader.load(from: URL(fileURLWithPath: path), logger: CorpusFixture.logger)
        let cpuSeconds = Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC)
        let seconds =
            Double(snapshot.loadDuration.components.seconds) + Double(snapshot.loadDuration.components.attoseconds) / 1e18
        let megabytes = Double(snapshot.bytesLoaded) / 1_000_000
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let memory = status.split(separator: "\n").filter { $0.hasPrefix("VmRSS") || $0.hasPrefix("VmHWM") }
        print(
            """
            loaded \(snapshot.articleCount) articles, \(snapshot.termCount) terms, \(String(format: "%.1f", megabytes)) MB \
            in \(String(format: "%.2f", seconds)) s = \(String(format: "%.1f", megabytes / seconds)) MB/s \
            (CPU \(String(format: "%.2f", cpuSeconds)) s = \(String(format: "%.1f", megabytes / cpuSeconds)) MB/s); \(memory.joined(separator: ", "))
            """)
        #expect(snapshot.articleCount > 0)
    }
}
