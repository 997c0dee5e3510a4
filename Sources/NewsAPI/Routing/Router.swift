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
        /// The route at this index (in the order added) answers it.
        case route(index: Int, PathParameters)
        /// The path exists but not for this method; `allow` lists the methods it has.
        case methodNotAllowed(pattern: RoutePattern, allow: String)
        /// No route has this path.
        case notFound
    }

    private var routes: [Route] = []
    /// The indices of `routes` by their patterns' segment count, each list in the order added: a path
    /// can only match a pattern with as many segments as it has.
    private var routesBySegmentCount: [[Int]] = []
    private let logger: Logger

    /// Creates a router with no routes.
    init(logger: Logger = Logger(label: "news-api.router")) {
        self.logger = logger
    }

    /// Adds a GET route (HEAD and OPTIONS come with it). `caching` says whether its answers depend
    /// only on the request's path, query and negotiated headers, and so may be kept.
    mutating func get(_ pattern: String, caching: RouteCaching = .query, use handler: @escaping Handler) {
        add(Route(method: .get, pattern: RoutePattern(pattern), caching: caching, handler: handler))
    }

    /// Adds a route for any method; its answers are never kept.
    mutating func on(_ method: HTTPMethod, _ pattern: String, use handler: @escaping Handler) {
        add(Route(method: method, pattern: RoutePattern(pattern), caching: .never, handler: handler))
    }

    /// Adds a route, filed under its pattern's segment count.
    private mutating func add(_ route: Route) {
        let count = route.pattern.segments.count
        while routesBySegmentCount.count <= count { routesBySegmentCount.append([]) }
        routesBySegmentCount[count].append(routes.count)
        routes.append(route)
    }

    /// The route patterns, in the order added.
    var patterns: [String] {
        routes.map(\.pattern.description)
    }

    /// Finds what answers a request's method and path.
    func match(_ request: Request) -> Match {
        var path = request.path
        return path.withUTF8 { match(request.method, $0) }
    }

    /// Finds what answers `method` on the path whose UTF-8 bytes are `path`, read in place.
    private func match(_ method: HTTPMethod, _ path: UnsafeBufferPointer<UInt8>) -> Match {
        let count = PathSegments(path).count
        guard path.first == UInt8(ascii: "/"), count < routesBySegmentCount.count else { return .notFound }
        var allowed: [HTTPMethod] = []
        var pathPattern: Int?
        for index in routesBySegmentCount[count] {
            guard let parameters = routes[index].pattern.match(path) else { continue }
            let routeMethod = routes[index].method
            if routeMethod == method || (routeMethod == .get && method == .head) {
                return .route(index: index, parameters)
            }
            allowed.append(routeMethod)
            pathPattern = pathPattern ?? index
        }
        guard let pathPattern else { return .notFound }
        return .methodNotAllowed(pattern: routes[pathPattern].pattern, allow: Router.allowHeader(for: allowed))
    }

    /// Answers a request.
    func respond(to request: Request) -> Response {
        respond(to: request, match: match(request))
    }

    /// Answers a request whose match is already known.
    func respond(to request: Request, match: Match) -> Response {
        var response: Response
        switch match {
        case .route(let index, let parameters):
            response = run(index, request, parameters)
            response.routeLabel = routes[index].pattern.description
            response.caching = routes[index].caching
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

    /// Runs the handler of the route at `index`, rendering what it throws.
    private func run(_ index: Int, _ request: Request, _ parameters: PathParameters) -> Response {
        do {
            return try routes[index].handler(request, parameters)
        } catch let problem as Problem {
            return problem.response
        } catch {
            logger.error("handler failed", metadata: ["route": "\(routes[index].pattern)", "error": "\(error)"])
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
