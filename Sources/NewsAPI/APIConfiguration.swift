/// How the API presents its responses to browsers and caches.
package struct APIConfiguration: Sendable {
    /// Seconds clients and shared caches may reuse a response (`Cache-Control: public, max-age=N`).
    var cacheMaxAge: Int
    /// Origins allowed to read responses from a browser; `["*"]` allows any.
    var corsOrigins: [String]
    /// Seconds a browser may reuse a preflight answer.
    var corsMaxAge: Int
    /// The bearer token of `POST /admin/reload`; `nil` leaves the endpoint off.
    var adminToken: String?
    /// The bytes of successful responses kept per snapshot to be sent again (0 keeps none).
    var responseCacheBytes: Int
    /// The dashboard served at `/dashboard/`, or `nil` for none.
    var dashboard: DashboardResource?

    /// Creates a configuration; the defaults suit a public, read-only API.
    package init(
        cacheMaxAge: Int = 60, corsOrigins: [String] = ["*"], corsMaxAge: Int = 86_400, adminToken: String? = nil,
        responseCacheBytes: Int = 64 << 20, dashboard: DashboardResource? = nil
    ) {
        self.cacheMaxAge = cacheMaxAge
        self.corsOrigins = corsOrigins
        self.corsMaxAge = corsMaxAge
        self.adminToken = adminToken
        self.responseCacheBytes = responseCacheBytes
        self.dashboard = dashboard
    }

    /// Whether any origin may read responses.
    var allowsAnyOrigin: Bool { corsOrigins.contains("*") }
}
