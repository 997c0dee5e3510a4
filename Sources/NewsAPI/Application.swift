import Logging
import Synchronization

/// The API over a corpus snapshot: its routes, ready to answer requests from many threads.
///
/// Everything that depends only on the snapshot is built once per snapshot; `replace(snapshot:)`
/// swaps in a new one atomically, and requests in flight finish on the old one.
public final class Application: Sendable {
    private let current: Mutex<ServedSnapshot>
    private let openAPIDocument: [UInt8]
    private let configuration: APIConfiguration
    private let logger: Logger
    /// The metrics served at `/metrics`; the server reports every request to `metrics.record`.
    public let metrics: APIMetrics

    /// Builds the API over `snapshot`.
    public init(snapshot: CorpusSnapshot, openAPIDocument: [UInt8], configuration: APIConfiguration = APIConfiguration(),
                metrics: APIMetrics = APIMetrics(), logger: Logger) {
        self.openAPIDocument = openAPIDocument
        self.configuration = configuration
        self.logger = logger
        self.metrics = metrics
        current = Mutex(Application.serve(snapshot, openAPIDocument, configuration, metrics, logger))
        metrics.corpusLoaded(snapshot)
    }

    /// Answers one request on the current snapshot.
    @Sendable public func respond(to request: Request) -> Response {
        current.withLock { $0 }.respond(to: request)
    }

    /// The snapshot being served.
    public var snapshot: CorpusSnapshot {
        current.withLock { $0 }.snapshot
    }

    /// Serves `snapshot` from now on.
    public func replace(snapshot: CorpusSnapshot) {
        let served = Application.serve(snapshot, openAPIDocument, configuration, metrics, logger)
        current.withLock { $0 = served }
        metrics.corpusLoaded(snapshot)
    }

    private static func serve(_ snapshot: CorpusSnapshot, _ openAPIDocument: [UInt8], _ configuration: APIConfiguration,
                              _ metrics: APIMetrics, _ logger: Logger) -> ServedSnapshot {
        let router = buildRouter(snapshot: snapshot, openAPIDocument: openAPIDocument, metrics: metrics, logger: logger)
        return ServedSnapshot(snapshot: snapshot, router: router, configuration: configuration)
    }

    /// The routes of the API over one snapshot.
    static func buildRouter(snapshot: CorpusSnapshot, openAPIDocument: [UInt8], metrics: APIMetrics,
                            logger: Logger) -> Router {
        var router = Router(logger: logger)
        let service = ServiceResource(snapshot: snapshot, openAPIDocument: openAPIDocument)
        let articles = ArticlesResource(snapshot: snapshot)
        let entities = EntitiesResource(snapshot: snapshot, articles: articles)
        let measures = TradeMeasuresResource(snapshot: snapshot)
        let timeline = TimelineResource(snapshot: snapshot)

        router.get("/", fixed: true, use: service.index)
        router.get("/healthz", fixed: true, use: service.health)
        router.get("/meta", fixed: true, use: service.meta)
        router.get("/openapi.yaml", fixed: true, use: service.openAPI)
        router.get("/metrics", use: MetricsResource(metrics: metrics).show)
        router.get("/articles", use: articles.list)
        router.get("/articles/{id}", fixed: true, use: articles.show)
        router.get("/entities", use: entities.list)
        router.get("/entities/{key}", fixed: true, use: entities.show)
        router.get("/entities/{key}/articles", use: entities.articles)
        router.get("/trade-measures", use: measures.list)
        router.get("/trade-measures/{id}", fixed: true, use: measures.show)
        router.get("/timeline", use: timeline.show)
        return router
    }
}
