import CoreMetrics
import Dispatch
import Prometheus
import Testing

@testable import NewsAPI

/// Request metrics counted without locks: exact under concurrency, every method and status landing,
/// and written as swift-prometheus wrote them when it kept them.
@Suite struct APIMetricsTests {
    /// Records one request of `route`.
    private static func record(
        _ metrics: APIMetrics, _ method: HTTPMethod, _ route: String, _ status: Int, _ duration: Duration
    ) {
        metrics.record(
            RequestRecord(
                method: method, path: "/raw/path", route: route, status: HTTPStatus(code: status), bytes: 0,
                duration: duration))
    }

    /// The lines of the two request families (and their TYPE lines) in `metrics`' exposition.
    private static func requestLines(_ text: [UInt8]) -> [String] {
        String(decoding: text, as: UTF8.self).split(separator: "\n").map(String.init).filter {
            $0.contains("http_request")
        }
    }

    @Test func countsAreExactWhenManyThreadsRecord() {
        let metrics = APIMetrics()
        metrics.register(routes: ["/articles/{id}", "/healthz"])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for index in 0..<5_000 {
                Self.record(metrics, .get, "/articles/{id}", 200, .microseconds(40))
                Self.record(metrics, .head, index.isMultiple(of: 2) ? "/healthz" : "unmatched", 404, .microseconds(300))
                // A status outside the lock-free slots, on a route never registered.
                if index.isMultiple(of: 5) { Self.record(metrics, .get, "/teapot", 418, .seconds(2)) }
            }
        }
        let lines = Self.requestLines(metrics.exposition())
        for expected in [
            #"http_requests_total{route="/articles/{id}",method="GET",status="200"} 40000"#,
            #"http_requests_total{route="/healthz",method="HEAD",status="404"} 20000"#,
            #"http_requests_total{route="unmatched",method="HEAD",status="404"} 20000"#,
            #"http_requests_total{route="/teapot",method="GET",status="418"} 8000"#,
            #"http_request_duration_seconds_bucket{route="/articles/{id}",le="0.00005"} 40000"#,
            #"http_request_duration_seconds_sum{route="/articles/{id}"} 1.6"#,
            #"http_request_duration_seconds_count{route="/articles/{id}"} 40000"#,
            #"http_request_duration_seconds_bucket{route="/healthz",le="0.00025"} 0"#,
            #"http_request_duration_seconds_bucket{route="/healthz",le="0.0005"} 20000"#,
            #"http_request_duration_seconds_sum{route="/healthz"} 6.0"#,
            #"http_request_duration_seconds_bucket{route="/teapot",le="1.0"} 0"#,
            #"http_request_duration_seconds_bucket{route="/teapot",le="+Inf"} 8000"#,
            #"http_request_duration_seconds_sum{route="/teapot"} 16000.0"#,
        ] {
            #expect(lines.contains(expected), "\(expected)")
        }
        #expect(lines.filter { $0.hasPrefix("http_requests_total{") }.count == 4)
    }

    @Test func expositionIsTheOneSwiftPrometheusWrote() {
        // The same requests recorded as before: a counter per route, method and status and a timer per
        // route, made by the swift-prometheus factory with the same buckets.
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
            .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .seconds(1),
        ]
        let metrics = APIMetrics()
        metrics.register(routes: ["/articles", "/articles/{id}"])
        let requests: [(HTTPMethod, String, Int, Duration)] = [
            (.get, "/articles/{id}", 200, .microseconds(50)), (.get, "/articles/{id}", 200, .nanoseconds(50_001)),
            (.head, "/articles/{id}", 304, .seconds(1)), (.get, "/articles/{id}", 404, .nanoseconds(1_000_000_001)),
            (.options, "/articles", 204, .microseconds(7)), (.post, "/articles", 405, .milliseconds(3)),
            (HTTPMethod(rawValue: "BREW"), "/articles", 405, .microseconds(99)), (.get, "/articles", 418, .seconds(5)),
            (.get, "/articles", 599, .zero), (.get, "unmatched", 404, .nanoseconds(123_456_789)),
            (HTTPMethod(rawValue: "TRACE"), "/unregistered", 501, .milliseconds(250)),
        ]
        let knownMethods: Set = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"]
        for (method, route, status, duration) in requests {
            Self.record(metrics, method, route, status, duration)
            let label = knownMethods.contains(method.rawValue) ? method.rawValue : "other"
            CoreMetrics.Counter(
                label: "http_requests_total", dimensions: [("route", route), ("method", label), ("status", String(status))],
                factory: factory
            ).increment()
            let (seconds, attoseconds) = duration.components
            CoreMetrics.Timer(label: "http_request_duration_seconds", dimensions: [("route", route)], factory: factory)
                .recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        }
        var before: [UInt8] = []
        registry.emit(into: &before)
        let lines = Self.requestLines(metrics.exposition())
        // swift-prometheus writes the series in no set order; the lines are the same.
        #expect(lines.sorted() == Self.requestLines(before).sorted())
        // Families whole, each after its TYPE line; registered routes in their order, the others after.
        #expect(lines.first == "# TYPE http_requests_total counter")
        #expect(lines.firstIndex(of: "# TYPE http_request_duration_seconds histogram") == 11)
        #expect(lines[1] == #"http_requests_total{route="/articles",method="GET",status="418"} 1"#)
        #expect(lines[10] == #"http_requests_total{route="/unregistered",method="TRACE",status="501"} 1"#)
    }

    @Test func nothingRecordedShowsNoRequestFamilies() {
        let metrics = APIMetrics()
        metrics.register(routes: ["/articles"])
        #expect(Self.requestLines(metrics.exposition()).isEmpty)
    }

    @Test func requestsBeforeRegistrationKeepTheirCounts() {
        let metrics = APIMetrics()
        Self.record(metrics, .get, "/healthz", 200, .microseconds(10))
        metrics.register(routes: ["/healthz"])
        Self.record(metrics, .get, "/healthz", 200, .microseconds(10))
        let lines = Self.requestLines(metrics.exposition())
        #expect(
            lines.filter { $0.hasPrefix("http_requests_total{") } == [
                #"http_requests_total{route="/healthz",method="GET",status="200"} 2"#
            ])
        #expect(lines.contains(#"http_request_duration_seconds_count{route="/healthz"} 2"#))
    }

    @Test func labelValuesAreEscaped() {
        let metrics = APIMetrics()
        Self.record(metrics, .get, "/odd\"\\\n", 200, .microseconds(10))
        #expect(
            Self.requestLines(metrics.exposition()).contains(
                #"http_requests_total{route="/odd\"\\\n",method="GET",status="200"} 1"#))
    }
}
