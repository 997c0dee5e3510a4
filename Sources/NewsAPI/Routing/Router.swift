import Logging

/// Dispatches requests to handlers by method and path pattern, and answers everything else:
/// 404 for unknown paths, 405 with `Allow` for known paths and other methods, HEAD like GET,
/// OPTIONS with `Allow`, and every thrown `Problem` as problem+json.
public struct Router: Sendable {
    /// Answers one request whose path matched the handler's pattern.
    public typealias Handler = @Sendable (Request, PathParameters) throws -> Response

    private struct Route: Sendable {
        let method: HTTPMethod
        let pattern: RoutePattern
        let handler: Handler
    }

    private var routes: [Route] = []
    private let logger: Logger

    /// Creates a router with no routes.
    public init(logger: Logger = Logger(label: "news-api.router")) {
        self.logger = logger
    }

    /// Adds a GET route (HEAD and OPTIONS come with it).
    public mutating func get(_ pattern: String, use handler: @escaping Handler) {
        routes.append(Route(method: .get, pattern: RoutePattern(pattern), handler: handler))
    }

    /// Adds a route for any method.
    public mutating func on(_ method: HTTPMethod, _ pattern: String, use handler: @escaping Handler) {
        routes.append(Route(method: method, pattern: RoutePattern(pattern), handler: handler))
    }

    /// The route patterns, in the order added.
    public var patterns: [String] {
        routes.map(\.pattern.description)
    }

    /// Answers a request.
    public func respond(to request: Request) -> Response {
        let segments = RoutePattern.split(request.path)
        var allowed: [HTTPMethod] = []
        var pathMatched = false
        for route in routes {
            guard let parameters = route.pattern.match(segments) else { continue }
            pathMatched = true
            if route.method == request.method || (route.method == .get && request.method == .head) {
                return run(route, request, parameters)
            }
            allowed.append(route.method)
        }
        guard pathMatched else {
            return Problem.notFound("No resource at \(request.path). GET / lists the resources.").response
        }
        let allow = Router.allowHeader(for: allowed)
        if request.method == .options {
            return Response(status: .noContent, headers: ["Allow": allow])
        }
        return Problem(status: .methodNotAllowed,
                       detail: "\(request.path) does not support \(request.method); it allows \(allow).",
                       headers: ["Allow": allow]).response
    }

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
