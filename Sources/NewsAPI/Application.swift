import Logging

/// The API: its routes over the resources, ready to answer requests.
public struct Application: Sendable {
    private let router: Router

    /// Builds the routes.
    public init(openAPIDocument: [UInt8], logger: Logger) {
        var router = Router(logger: logger)
        let service = ServiceResource(openAPIDocument: openAPIDocument)
        router.get("/", use: service.index)
        router.get("/healthz", use: service.health)
        router.get("/openapi.yaml", use: service.openAPI)
        self.router = router
    }

    /// Answers one request.
    @Sendable public func respond(to request: Request) -> Response {
        router.respond(to: request)
    }
}
