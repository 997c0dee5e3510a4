/// Every answer says `X-Content-Type-Options: nosniff`, so a browser never reads a JSON or problem
/// body as another type.
struct NoSniff: HTTPMiddleware {
    func respond(to request: Request, next: (Request) -> Response) -> Response {
        var response = next(request)
        response.headers.set("X-Content-Type-Options", "nosniff")
        return response
    }
}
