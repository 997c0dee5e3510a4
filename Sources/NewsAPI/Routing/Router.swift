import Logging

/// Dispatches requests to handlers by method and path pattern, and answers everything else:
/// 404 for unknown paths, 405 with `Allow` for known paths and other methods, HEAD like GET,
/// OPTIONS with `Allow`, and every thrown `Problem` as problem+json.
struct Router: Sendable {
    /// Answers one request whose path matched the handler's pattern.
    typealias Handler = @Sendable (Request, PathParameters) throws -> Response

    /// A route: method, pattern, whether its answers may be kept, and its handler.
    struct Route: Sendable {
        /// The method it answers (GET routes also answer HEAD).
        let method: HTTPMethod
        /// The path pattern, also the route's label in metrics and logs.
        let pattern: RoutePattern
        /// Whether its successful answers may be kept and sent again for the same URL.
        let caching: RouteCaching
        let handler: Handler
    }

    /// What a request's method and path lead to.
    enum Match: Sendable {
        /// A route answers it.
        case route(Route, PathParameters)
        /// The path exists but not for this method; `allow` lists the methods it has.
        case methodNotAllowed(pattern: RoutePattern, allow: String)
        /// No route has this path.
        case notFound
    }

    private var routes: [Route] = []
    private let logger: Logger

    /// Creates a router with no routes.
    init(logger: Logger = Logger(label: "news-api.router")) {
        self.logger = logger
    }

    /// Adds a GET route (HEAD and OPTIONS come with it). `caching` says whether its answers depend
    /// only on the request's path, query and negotiated headers, and so may be kept.
    mutating func get(_ pattern: String, caching: RouteCaching = .query, use handler: @escaping Handler) {
        routes.append(Route(method: .get, pattern: RoutePattern(pattern), caching: caching, handler: handler))
    }

    /// Adds a route for any method; its answers are never kept.
    mutating func on(_ method: HTTPMethod, _ pattern: String, use handler: @escaping Handler) {
        routes.append(Route(method: method, pattern: RoutePattern(pattern), caching: .never, handler: handler))
    }

    /// The route patterns, in the order added.
    var patterns: [String] {
        routes.map(\.pattern.description)
    }

    /// Finds what answers a request's method and path.
    func match(_ request: Request) -> Match {
        guard let segments = RoutePattern.split(request.path) else { return .notFound }
        var allowed: [HTTPMethod] = []
        var pathPattern: RoutePattern?
        for route in routes {
            guard let parameters = route.pattern.match(segments) else { continue }
            if route.method == request.method || (route.method == .get && request.method == .head) {
                return .route(route, parameters)
            }
            allowed.append(route.method)
            pathPattern = pathPattern ?? route.pattern
        }
        guard let pathPattern else { return .notFound }
        return .methodNotAllowed(pattern: pathPattern, allow: Router.allowHeader(for: allowed))
    }

    /// Answers a request.
    func respond(to request: Request) -> Response {
        respond(to: request, match: match(request))
    }

    /// Answers a request whose match is already known.
    func respond(to request: Request, match: Match) -> Response {
        var response: Response
        switch match {
        case .route(let route, let parameters):
            response = run(route, request, parameters)
            response.routeLabel = route.pattern.description
            response.caching = route.caching
        case .notFound:
            response = Problem.notFound("No resource at \(request.path). GET / lists the resources.").response
            response.routeLabel = Router.unmatchedLabel
        case .methodNotAllowed(let pattern, let allow):
            if request.method == .options {
                response = Response(status: .noContent, headers: ["Allow": allow])
            } else {
                response =
                    Problem(
                        status: .methodNotAllowed,
                        detail: "\(request.path) does not support \(request.method); it allows \(allow).",
                        headers: ["Allow": allow]
                    ).response
            }
            response.routeLabel = pattern.description
        }
        return response
    }

    /// The route label of requests no route matches, so metrics never label by raw path.
    static let unmatchedLabel = "unmatched"

    private func run(_ route: Route, _ request: Request, _ parameters: PathParameters) -> Response {
        do {
            return try route.handler(request, parameters)
        } catch let problem as Problem {
            return problem.response
        } catch {
            logger.error("handler failed", metadata: ["route": "\(route.pattern)", "error": "\(error)"])
            return Problem(status: .internalServerError, detail: "The server failed to answer this request.").response
        }
    }

    private static func allowHeader(for methods: [HTTPMethod]) -> String {
        var names: [String] = []
        for method in methods where !names.contains(method.rawValue) {
            names.append(method.rawValue)
            if method == .get { names.append(HTTPMethod.head.rawValue) }
        }
        return names.joined(separator: ", ")
    }
}
