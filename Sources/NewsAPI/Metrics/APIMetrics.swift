import CoreMetrics
import Prometheus
import Synchronization

/// The server's metrics, recorded through swift-metrics into a Prometheus registry and served at
/// `/metrics`: requests by route pattern, method and status; latency per route; the corpus.
///
/// Routes are labelled by pattern (`/articles/{id}`), never by raw path, so label cardinality stays
/// bounded by the number of routes.
package final class APIMetrics: Sendable {
    /// The registry the metrics are kept in.
    let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    private let requestMetrics = Mutex<[RequestKey: RequestMetrics]>([:])
    private let datasetVersion = Mutex<String?>(nil)

    private struct RequestKey: Hashable {
        let route: String
        let method: String
        let status: Int
    }

    /// What one request updates: the count for its route, method and status, and its route's latency.
    private struct RequestMetrics {
        let counter: CoreMetrics.Counter
        let timer: CoreMetrics.Timer
    }

    /// Creates the metrics in `registry`.
    init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
            .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .seconds(1),
        ]
        self.factory = factory
    }

    /// Counts one request and records its latency.
    package func record(_ record: RequestRecord) {
        let key = RequestKey(route: record.route, method: APIMetrics.methodLabel(record.method), status: record.status.code)
        let metrics = requestMetrics.withLock { known in
            if let metrics = known[key] { return metrics }
            // Created once per key; the factory hands back the same timer for every status of a route.
            let metrics = RequestMetrics(
                counter: CoreMetrics.Counter(
                    label: "http_requests_total",
                    dimensions: [("route", key.route), ("method", key.method), ("status", String(key.status))],
                    factory: factory),
                timer: CoreMetrics.Timer(
                    label: "http_request_duration_seconds", dimensions: [("route", record.route)],
                    factory: factory))
            known[key] = metrics
            return metrics
        }
        metrics.counter.increment()
        let (seconds, attoseconds) = record.duration.components
        metrics.timer.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// The `method` label: the method itself for the ones HTTP defines, `other` for any other token, so
    /// that no label takes a value from the client.
    static func methodLabel(_ method: HTTPMethod) -> String {
        // Nearly every request is a GET: name it without hashing the token.
        if method == .get { return method.rawValue }
        return knownMethods.contains(method.rawValue) ? method.rawValue : "other"
    }

    private static let knownMethods: Set<String> = [
        "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE",
        "CONNECT",
    ]

    /// Publishes the counts, load duration and version of the corpus being served.
    func corpusLoaded(_ snapshot: CorpusSnapshot) {
        let counts: [(String, Int)] = [
            ("articles", snapshot.articleCount), ("entities", snapshot.entityCount),
            ("trade_measures", snapshot.measureCount), ("claims", snapshot.claimCount),
        ]
        for (kind, count) in counts {
            CoreMetrics.Gauge(label: "news_api_corpus_records", dimensions: [("kind", kind)], factory: factory).record(count)
        }
        CoreMetrics.Gauge(label: "news_api_corpus_bytes", factory: factory).record(snapshot.bytesLoaded)
        let (seconds, attoseconds) = snapshot.loadDuration.components
        CoreMetrics.Gauge(label: "news_api_corpus_load_seconds", factory: factory)
            .record(Double(seconds) + Double(attoseconds) / 1e18)
        let previous = datasetVersion.withLock { version in
            defer { version = snapshot.version }
            return version
        }
        if let previous, previous != snapshot.version {
            CoreMetrics.Gauge(label: "news_api_dataset_info", dimensions: [("version", previous)], factory: factory).record(0)
        }
        CoreMetrics.Gauge(label: "news_api_dataset_info", dimensions: [("version", snapshot.version)], factory: factory).record(1)
    }

    /// The metrics in the Prometheus text format.
    func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16 * 1024)
        registry.emit(into: &buffer)
        return buffer
    }
}
