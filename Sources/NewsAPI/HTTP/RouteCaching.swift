/// Whether a route's successful answers may be kept and sent again to requests for the same URL.
///
/// A snapshot never changes, so an answer that depends only on the request's path, query and
/// negotiated headers stays right for as long as the snapshot is served.
enum RouteCaching: Sendable {
    /// One resource (an article, an entity, the index): kept, and gzipped once at the best level.
    case resource
    /// A list or view computed from the query: kept per path and query, gzipped fast the first time.
    case query
    /// Never kept: the answer changes between requests (`/metrics`) or has effects (`POST`).
    case never
}
