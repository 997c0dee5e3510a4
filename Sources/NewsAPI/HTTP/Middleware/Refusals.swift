/// Answers a request the server refused while reading it (a body, a broken limit, bad framing; see
/// `RequestFraming`) with its problem, before it is routed.
struct Refusals: HTTPMiddleware {
    func respond(to request: Request, next: (Request) -> Response) -> Response {
        guard let refusal = request.refusal else { return next(request) }
        var response = refusal.response
        response.routeLabel = Router.unmatchedLabel
        return response
    }
}
