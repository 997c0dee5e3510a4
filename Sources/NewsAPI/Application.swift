import Logging
import Synchronization

/// The API over a corpus snapshot: its routes, ready to answer requests from many threads.
///
/// Everything that depends only on the snapshot is built once per snapshot. A reload (`reload()`,
/// on SIGHUP or `POST /admin/reload`) loads the data again and swaps the new snapshot in atomically:
/// requests in flight finish on the old one, and bad data leaves the old one serving.
package final class Application: HTTPCachingResponder {
    /// Loads the data directory into a new snapshot.
    package typealias Loader = @Sendable () throws -> CorpusSnapshot

    /// What is served now. An `NSLock` rather than a `Mutex`: a reload writes it while request threads read
    /// it, and ThreadSanitizer follows only the former (see `LockedValue`).
    private let current: LockedValue<Served>
    private let reloading = Mutex<Void>(())
    /// Reloads asked for by `POST /admin/reload` and SIGHUP, run off the request threads.
    private let reloads = Mutex<Reloads?>(nil)
    private let loader: Loader?
    private let openAPIDocument: [UInt8]
    private let configuration: APIConfiguration
    private let logger: Logger
    /// The metrics served at `/metrics`; the server reports every request to `metrics.record`.
    package let metrics: APIMetrics
    /// The hits, misses and refusals of the response caches that reloads replaced. Taken before
    /// `current` wherever both are, so that a reload moves a cache's counts here in one step.
    private let retiredCacheCounts = LockedValue(ResponseCache.Statistics())

    /// Builds the API over `snapshot`; `loader` makes reloads possible.
    package init(
        snapshot: CorpusSnapshot, openAPIDocument: [UInt8], configuration: APIConfiguration = APIConfiguration(),
        metrics: APIMetrics = APIMetrics(), loader: Loader? = nil, logger: Logger
    ) {
        self.openAPIDocument = openAPIDocument
        self.configuration = configuration
        self.logger = logger
        self.metrics = metrics
        self.loader = loader
        // The first pipeline cannot refer to `self` before it exists; it is replaced at once below.
        current = LockedValue(Served(snapshot: snapshot, pipeline: HTTPPipeline([], endpoint: Router(logger: logger).respond)))
        current.withLock { $0 = serve(snapshot) }
        metrics.corpusLoaded(snapshot)
        metrics.observeResponseCache { [weak self] in self?.responseCacheStatistics }
    }

    /// Answers one request on the current snapshot.
    @Sendable package func respond(to request: Request) -> Response {
        current.withLock { $0 }.pipeline.respond(to: request)
    }

    /// The response cache in front of the current snapshot's pipeline; `nil`, without taking the lock,
    /// when the configuration keeps no answers.
    var frontCache: ResponseCaching? {
        guard configuration.responseCacheBytes > 0 else { return nil }
        return current.withLock { $0.pipeline.frontCache }
    }

    /// The response cache's counts since the server started (with those of the caches reloads replaced,
    /// up to their replacement) and what the current one holds; `nil` when the configuration keeps no
    /// answers.
    var responseCacheStatistics: ResponseCache.Statistics? {
        guard configuration.responseCacheBytes > 0 else { return nil }
        return retiredCacheCounts.withLock { retired in
            current.withLock { $0 }.pipeline.cache.map { $0.statistics.adding(countsOf: retired) }
        }
    }

    /// The snapshot being served.
    var snapshot: CorpusSnapshot {
        current.withLock { $0 }.snapshot
    }

    /// Serves `snapshot` from now on.
    func replace(snapshot: CorpusSnapshot) {
        let served = serve(snapshot)
        retiredCacheCounts.withLock { retired in
            let replaced = current.withLock { current in
                defer { current = served }
                return current
            }
            if let cache = replaced.pipeline.cache { retired = retired.adding(countsOf: cache.statistics) }
        }
        metrics.corpusLoaded(snapshot)
    }

    /// Starts a reload on a thread of its own, unless one is running (then this joins it); `true` when
    /// this call started it. The outcome is logged, and reported by `GET /admin/reload`.
    @discardableResult
    package func startReload() -> Bool {
        backgroundReloads.start()
    }

    /// Reloads run off the request threads, made on first use.
    private var backgroundReloads: Reloads {
        reloads.withLock { reloads in
            if let reloads { return reloads }
            let made = Reloads { [weak self] in self?.reload() ?? .failed(errors: ["the server is stopping"]) }
            reloads = made
            return made
        }
    }

    /// Loads the data again with the loader and serves it, waiting for the outcome; one reload runs at
    /// a time. Request threads use `startReload()` instead.
    func reload() -> ReloadOutcome {
        guard let loader else { return .failed(errors: ["this server was started without a data directory to reload"]) }
        return reloading.withLock { _ in
            let previous = snapshot.version
            do {
                let fresh = try loader()
                replace(snapshot: fresh)
                logger.info(
                    fresh.version == previous ? "reloaded; the data did not change" : "reloaded; serving the new data",
                    metadata: ["version": "\(fresh.version)", "previous_version": "\(previous)"])
                return .reloaded(version: fresh.version, previous: previous)
            } catch {
                logger.error("reload failed; still serving the previous data:\n\(error)")
                return .failed(errors: "\(error)".split(separator: "\n").map(String.init))
            }
        }
    }

    /// A snapshot and the pipeline that answers over it: a class, so a request takes one reference out
    /// of the lock rather than copying the pipeline's parts.
    private final class Served: Sendable {
        let snapshot: CorpusSnapshot
        let pipeline: HTTPPipeline

        /// Pairs `snapshot` with the `pipeline` built over it.
        init(snapshot: CorpusSnapshot, pipeline: HTTPPipeline) {
            self.snapshot = snapshot
            self.pipeline = pipeline
        }
    }

    private func serve(_ snapshot: CorpusSnapshot) -> Served {
        var router = Application.buildRouter(
            snapshot: snapshot, openAPIDocument: openAPIDocument, metrics: metrics,
            logger: logger)
        configuration.dashboard?.addRoutes(to: &router)
        if let token = configuration.adminToken, loader != nil {
            let admin = AdminResource(
                token: token, start: { [weak self] in self?.startReload() ?? false },
                status: { [weak self] in self?.backgroundReloads.status ?? Reloads.Status(running: false) },
                serving: { [weak self] in self?.snapshot.version ?? "" })
            router.on(.post, "/admin/reload", use: admin.start)
            router.on(.get, "/admin/reload", use: admin.status)
        }
        metrics.register(routes: router.patterns)
        return Served(
            snapshot: snapshot,
            pipeline: Application.buildPipeline(
                snapshot: snapshot, router: router,
                configuration: configuration))
    }

    /// The HTTP behaviours every answer goes through, outermost first, around the router.
    static func buildPipeline(snapshot: CorpusSnapshot, router: Router, configuration: APIConfiguration) -> HTTPPipeline {
        HTTPPipeline(
            [
                ConditionalRequests(lastModified: snapshot.dataModifiedAt),
                ResponseCaching(bytes: configuration.responseCacheBytes, variesByOrigin: !configuration.allowsAnyOrigin),
                CORS(origins: configuration.corsOrigins, maxAge: configuration.corsMaxAge),
                NoSniff(),
                Refusals(),
                Compression(),
                Validators(
                    version: snapshot.version, lastModified: snapshot.dataModifiedAt.map(HTTPDate.format),
                    maxAge: configuration.cacheMaxAge),
                PrettyPrinting(),
            ], endpoint: router.respond)
    }

    /// The routes of the API over one snapshot.
    static func buildRouter(
        snapshot: CorpusSnapshot, openAPIDocument: [UInt8], metrics: APIMetrics,
        logger: Logger
    ) -> Router {
        var router = Router(logger: logger)
        let service = ServiceResource(snapshot: snapshot, openAPIDocument: openAPIDocument)
        let articles = ArticlesResource(snapshot: snapshot)
        let entities = EntitiesResource(snapshot: snapshot, articles: articles)
        let measures = TradeMeasuresResource(snapshot: snapshot)
        let timeline = TimelineResource(snapshot: snapshot, catalog: measures.catalog)

        router.get("/", caching: .resource, use: service.index)
        router.get("/healthz", caching: .resource, use: service.health)
        router.get("/meta", caching: .resource, use: service.meta)
        router.get("/openapi.yaml", caching: .resource, use: service.openAPI)
        router.get("/metrics", caching: .never, use: MetricsResource(metrics: metrics).show)
        router.get("/articles", use: articles.list)
        router.get("/articles/{id}", caching: .resource, use: articles.show)
        router.get("/entities", use: entities.list)
        router.get("/entities/{key}", caching: .resource, use: entities.show)
        router.get("/entities/{key}/articles", use: entities.articles)
        router.get("/trade-measures", use: measures.list)
        router.get("/trade-measures/flows", use: measures.flows)
        router.get("/trade-measures/{id}", caching: .resource, use: measures.show)
        router.get("/timeline", use: timeline.show)
        let claims = ClaimsResource(snapshot: snapshot)
        let sources = SourcesResource(snapshot: snapshot)
        router.get("/claims", use: claims.list)
        router.get("/claims/{id}", caching: .resource, use: claims.show)
        router.get("/sources", use: sources.list)
        router.get("/sources/{id}", caching: .resource, use: sources.show)
        router.get("/graph", use: GraphResource(snapshot: snapshot).show)
        return router
    }
}
