import CoreMetrics
import Prometheus
import Synchronization

/// The server's metrics, served at `/metrics` in the Prometheus text format: requests by route
/// pattern, method and status; latency per route; the response cache; the corpus.
///
/// Routes are labelled by pattern (`/articles/{id}`), never by raw path, so label cardinality stays
/// bounded by the number of routes. Every request is recorded, so recording takes no lock: the routes
/// served are registered once at start-up, each with its own atomic counts (`RouteMetrics`). The
/// corpus gauges change only on a load, and live in a swift-prometheus registry.
package final class APIMetrics: Sendable {
    /// The registry the corpus gauges are kept in.
    private let registry = PrometheusCollectorRegistry()
    /// Makes the gauges in `registry`.
    private let factory: PrometheusMetricsFactory
    /// The routes registered by `register(routes:)`, looked up without a lock. Written once, under
    /// `unregisteredRoutes`' lock, before `isRegistered` is set (releasing), and read only after
    /// `isRegistered` is seen set (acquiring), so no read races the write. (Synchronization's
    /// `AtomicLazyReference` would say this in one type, but its `load()` is not inlinable: it costs a
    /// generic call, metadata lookups and a retain on every request.)
    nonisolated(unsafe) private var registeredTable: RouteTable?
    /// Whether `registeredTable` is set.
    private let isRegistered = Atomic<Bool>(false)
    /// Routes recorded that were not registered (none once the server has registered its routes).
    private let unregisteredRoutes = LockedValue<[String: RouteMetrics]>([:])
    /// The version of the corpus last published, whose info gauge is set to 0 when another replaces it.
    private let datasetVersion = Mutex<String?>(nil)
    /// Where each exposition reads the response cache's statistics from (`nil`: no cache families).
    private let responseCache = LockedValue<(@Sendable () -> ResponseCache.Statistics?)?>(nil)

    /// Creates the metrics, with no request counted.
    init() {
        factory = PrometheusMetricsFactory(registry: registry)
    }

    /// Counts requests of the routes labelled `routes` (and of `unmatched`) without a lock from now
    /// on. Only the first call registers; routes it did not name are still counted, behind a lock.
    func register(routes: [String]) {
        guard !isRegistered.load(ordering: .acquiring) else { return }
        unregisteredRoutes.withLock { unregistered in
            guard !isRegistered.load(ordering: .acquiring) else { return }
            var table: [RouteMetrics] = []
            var seen: Set<String> = []
            for route in routes + [Router.unmatchedLabel] where seen.insert(route).inserted {
                // A route recorded before now keeps its counts.
                table.append(unregistered.removeValue(forKey: route) ?? RouteMetrics(route: route))
            }
            registeredTable = RouteTable(table)
            isRegistered.store(true, ordering: .releasing)
        }
    }

    /// The registered routes, once `register(routes:)` has run.
    private var registeredRoutes: RouteTable? {
        isRegistered.load(ordering: .acquiring) ? registeredTable : nil
    }

    /// Counts one request and records its latency.
    package func record(_ record: RequestRecord) {
        let route = registeredRoutes?.metrics[record.route] ?? unregisteredRoute(record.route)
        route.record(method: record.method, status: record.status.code, duration: record.duration)
    }

    /// The metrics of a route `register(routes:)` did not name, created on its first request.
    private func unregisteredRoute(_ route: String) -> RouteMetrics {
        unregisteredRoutes.withLock { unregistered in
            // Registration moves routes out of this dictionary under this lock: look again.
            if let registered = registeredRoutes?.metrics[route] { return registered }
            if let metrics = unregistered[route] { return metrics }
            let metrics = RouteMetrics(route: route)
            unregistered[route] = metrics
            return metrics
        }
    }

    /// Reads the response cache's statistics from `statistics` at each exposition from now on.
    func observeResponseCache(_ statistics: @escaping @Sendable () -> ResponseCache.Statistics?) {
        responseCache.withLock { $0 = statistics }
    }

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

    /// The metrics in the Prometheus text format: the request counts and latencies by route (registered
    /// routes in their order, then the others by label), then the corpus gauges.
    func exposition() -> [UInt8] {
        let unregistered = unregisteredRoutes.withLock { $0 }.sorted { $0.key < $1.key }.map(\.value)
        let routes = (registeredRoutes?.routes ?? []) + unregistered
        var requests: [UInt8] = []
        var latencies: [UInt8] = []
        for route in routes {
            route.appendRequestCounts(to: &requests)
            route.appendLatencyHistogram(to: &latencies)
        }
        var text: [UInt8] = []
        text.reserveCapacity(16 * 1024 + requests.count + latencies.count)
        // A family appears once it has a series, as in swift-prometheus.
        if !requests.isEmpty {
            text.append(contentsOf: "# TYPE http_requests_total counter\n".utf8)
            text.append(contentsOf: requests)
        }
        if !latencies.isEmpty {
            text.append(contentsOf: "# TYPE http_request_duration_seconds histogram\n".utf8)
            text.append(contentsOf: latencies)
        }
        if let statistics = responseCache.withLock({ $0 })?() {
            APIMetrics.appendResponseCache(statistics, to: &text)
        }
        registry.emit(into: &text)
        return text
    }

    /// The response cache's families: look-ups by result and refusals (counters), entries and bytes (gauges).
    private static func appendResponseCache(_ statistics: ResponseCache.Statistics, to text: inout [UInt8]) {
        text.append(
            contentsOf: """
                # TYPE news_api_response_cache_lookups_total counter
                news_api_response_cache_lookups_total{result="hit"} \(statistics.hits)
                news_api_response_cache_lookups_total{result="miss"} \(statistics.misses)
                # TYPE news_api_response_cache_refusals_total counter
                news_api_response_cache_refusals_total \(statistics.refusals)
                # TYPE news_api_response_cache_entries gauge
                news_api_response_cache_entries \(statistics.entries)
                # TYPE news_api_response_cache_bytes gauge
                news_api_response_cache_bytes \(statistics.bytes)

                """.utf8)
    }

    /// The registered routes: in their order, and by label.
    private final class RouteTable: Sendable {
        /// The routes in the order registered.
        let routes: [RouteMetrics]
        /// The routes by label.
        let metrics: [String: RouteMetrics]

        /// A table of `routes`, whose labels differ.
        init(_ routes: [RouteMetrics]) {
            self.routes = routes
            metrics = Dictionary(uniqueKeysWithValues: routes.map { ($0.route, $0) })
        }
    }
}
