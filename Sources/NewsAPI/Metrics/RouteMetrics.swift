import Prometheus
import Synchronization

/// One route's request counts by method and status, and its latency histogram, all counted without a
/// lock: recording a request adds to two atomic counts and the latency sum, and allocates nothing.
///
/// The counts are folded into Prometheus text only when `/metrics` is read.
final class RouteMetrics: Sendable {
    /// The route's label: its pattern (`/articles/{id}`), or `unmatched`.
    let route: String
    /// Requests by method label and common status, at `methodIndex * commonStatuses.count + statusIndex`.
    private let requests: [AtomicCount]
    /// Requests with a status outside `commonStatuses`; rare, so kept behind a lock.
    private let rareStatuses = LockedValue<[RareStatus: Int]>([:])
    /// Requests by latency bucket, not cumulative: one slot per bound, then one for those slower than all.
    private let latencies: [AtomicCount]
    /// The sum of the latencies, in nanoseconds.
    private let latencyNanoseconds = AtomicCount()

    /// Creates the metrics of the route labelled `route`, every count zero.
    init(route: String) {
        self.route = route
        requests = (0..<RouteMetrics.methodLabels.count * RouteMetrics.commonStatuses.count).map { _ in AtomicCount() }
        latencies = (0...RouteMetrics.latencyBounds.count).map { _ in AtomicCount() }
    }

    /// Counts one request and records its latency.
    func record(method: HTTPMethod, status: Int, duration: Duration) {
        let method = RouteMetrics.methodIndex(method)
        if let status = RouteMetrics.commonStatuses.firstIndex(of: status) {
            requests[method * RouteMetrics.commonStatuses.count + status].add(1)
        } else {
            rareStatuses.withLock { $0[RareStatus(method: method, code: status), default: 0] += 1 }
        }
        let nanoseconds = duration.wholeNanoseconds
        let bucket = RouteMetrics.latencyBoundNanoseconds.firstIndex { nanoseconds <= $0 } ?? RouteMetrics.latencyBounds.count
        latencies[bucket].add(1)
        latencyNanoseconds.add(nanoseconds)
    }

    /// The `method` label of each method index: the methods HTTP defines, then `other` for any other
    /// token, so that no label takes a value from the client.
    static let methodLabels = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "other"]

    /// The statuses counted without a lock: every status the API sends.
    static let commonStatuses = [200, 202, 204, 301, 304, 400, 401, 403, 404, 405, 406, 413, 414, 422, 431, 500, 501, 503]

    /// The upper bounds of the latency buckets (the `le` label).
    static let latencyBounds: [Duration] = [
        .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
        .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .seconds(1),
    ]

    /// `latencyBounds` in nanoseconds, compared with each request's latency.
    private static let latencyBoundNanoseconds = latencyBounds.map(\.wholeNanoseconds)

    /// `latencyBounds` as the `le` label writes them (`0.00005`, `1.0`), as swift-prometheus does.
    private static let latencyBoundLabels = latencyBounds.map(\.bucketRepresentation)

    /// The index of `method`'s label in `methodLabels`; nearly every request is a GET, the first.
    static func methodIndex(_ method: HTTPMethod) -> Int {
        methodLabels.firstIndex(of: method.rawValue) ?? methodLabels.count - 1
    }

    /// A status outside `commonStatuses`, by method label index.
    private struct RareStatus: Hashable {
        let method: Int
        let code: Int
    }
}

extension RouteMetrics {
    /// Appends an `http_requests_total` line for each method and status this route has answered, by
    /// method label and then status.
    func appendRequestCounts(to text: inout [UInt8]) {
        let statuses = RouteMetrics.commonStatuses
        var counts: [(method: Int, code: Int, count: Int)] = []
        for method in RouteMetrics.methodLabels.indices {
            for (index, code) in statuses.enumerated() {
                let count = requests[method * statuses.count + index].value
                if count > 0 { counts.append((method, code, count)) }
            }
        }
        let rare = rareStatuses.withLock { $0 }
        for (status, count) in rare {
            counts.append((status.method, status.code, count))
        }
        let route = labelValue
        for (method, code, count) in counts.sorted(by: { ($0.method, $0.code) < ($1.method, $1.code) }) {
            let methodLabel = RouteMetrics.methodLabels[method]
            text.append(#"http_requests_total{route="\#(route)",method="\#(methodLabel)",status="\#(code)"} \#(count)"# + "\n")
        }
    }

    /// Appends this route's `http_request_duration_seconds` histogram (cumulative buckets, `_sum` and
    /// `_count`), unless it has answered nothing.
    func appendLatencyHistogram(to text: inout [UInt8]) {
        // Each bucket is read once, so the cumulative counts and `_count` agree even while requests are counted.
        let counts = latencies.map(\.value)
        let total = counts.reduce(0, +)
        guard total > 0 else { return }
        let series = "http_request_duration_seconds"
        let route = #"route="\#(labelValue)""#
        var cumulative = 0
        for (bound, count) in zip(RouteMetrics.latencyBoundLabels, counts) {
            cumulative += count
            text.append(#"\#(series)_bucket{\#(route),le="\#(bound)"} \#(cumulative)"# + "\n")
        }
        text.append(#"\#(series)_bucket{\#(route),le="+Inf"} \#(total)"# + "\n")
        let sum = Duration.nanoseconds(latencyNanoseconds.value).bucketRepresentation
        text.append(#"\#(series)_sum{\#(route)} \#(sum)"# + "\n")
        text.append(#"\#(series)_count{\#(route)} \#(total)"# + "\n")
    }

    /// The route label as a Prometheus label value: `\`, `"` and line feeds escaped.
    private var labelValue: String {
        var escaped: [UInt8] = []
        for byte in route.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): escaped.append(#"\\"#)
            case UInt8(ascii: "\""): escaped.append(#"\""#)
            case UInt8(ascii: "\n"): escaped.append(#"\n"#)
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }
}

extension Duration {
    /// The duration in whole nanoseconds, as the latency histogram counts it.
    fileprivate var wholeNanoseconds: Int {
        Int(components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000)
    }
}

extension [UInt8] {
    /// Appends `text`'s UTF-8 bytes.
    fileprivate mutating func append(_ text: String) {
        append(contentsOf: text.utf8)
    }
}

/// A count many threads add to without a lock.
final class AtomicCount: Sendable {
    private let count = Atomic<Int>(0)

    /// Adds `amount`.
    func add(_ amount: Int) {
        count.wrappingAdd(amount, ordering: .relaxed)
    }

    /// The count now.
    var value: Int {
        count.load(ordering: .relaxed)
    }
}
