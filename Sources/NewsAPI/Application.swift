import Logging
import Synchronization

/// The API over one corpus snapshot: its routes, ready to answer requests from many threads.
///
/// The routes are built once per snapshot (with everything that can be prepared at load time);
/// `replace(snapshot:)` swaps in a new set atomically, so requests in flight finish on the old one.
public final class Application: Sendable {
    private let current: Mutex<Router>
    private let openAPIDocument: [UInt8]
    private let logger: Logger

    /// Builds the routes over `snapshot`.
    public init(snapshot: CorpusSnapshot, openAPIDocument: [UInt8], logger: Logger) {
        self.openAPIDocument = openAPIDocument
        self.logger = logger
        current = Mutex(Application.buildRouter(snapshot: snapshot, openAPIDocument: openAPIDocument, logger: logger))
    }

    /// Answers one request on the current snapshot.
    @Sendable public func respond(to request: Request) -> Response {
        current.withLock { $0 }.respond(to: request)
    }

    /// Serves `snapshot` from now on.
    public func replace(snapshot: CorpusSnapshot) {
        let router = Application.buildRouter(snapshot: snapshot, openAPIDocument: openAPIDocument, logger: logger)
        current.withLock { $0 = router }
    }

    /// The routes of the API over one snapshot.
    static func buildRouter(snapshot: CorpusSnapshot, openAPIDocument: [UInt8], logger: Logger) -> Router {
        var router = Router(logger: logger)
        let service = ServiceResource(snapshot: snapshot, openAPIDocument: openAPIDocument)
        let articles = ArticlesResource(snapshot: snapshot)
        let entities = EntitiesResource(snapshot: snapshot, articles: articles)
        let measures = TradeMeasuresResource(snapshot: snapshot)
        let timeline = TimelineResource(snapshot: snapshot)

        router.get("/", use: service.index)
        router.get("/healthz", use: service.health)
        router.get("/meta", use: service.meta)
        router.get("/openapi.yaml", use: service.openAPI)
        router.get("/articles", use: articles.list)
        router.get("/articles/{id}", use: articles.show)
        router.get("/entities", use: entities.list)
        router.get("/entities/{key}", use: entities.show)
        router.get("/entities/{key}/articles", use: entities.articles)
        router.get("/trade-measures", use: measures.list)
        router.get("/trade-measures/{id}", use: measures.show)
        router.get("/timeline", use: timeline.show)
        return router
    }
}
