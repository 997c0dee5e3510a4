/// `/metrics`: the server's metrics in the Prometheus text format.
struct MetricsResource: Sendable {
    let metrics: APIMetrics

    /// The Prometheus text exposition format's media type.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// `GET /metrics`.
    func show(_ request: Request, _ parameters: PathParameters) throws -> Response {
        try QueryParameters(request.query).validate()
        // Metrics change with every request: never cached, no validators.
        return Response(
            status: .ok, headers: ["Content-Type": MetricsResource.contentType, "Cache-Control": "no-store"],
            body: metrics.exposition())
    }
}
