/// Refuses, before routing, what this read-only API never accepts: a request body, and more query
/// parameters than `maxQueryParameters`.
struct RequestLimits: HTTPMiddleware {
    /// The most query parameters a request may have.
    let maxQueryParameters: Int

    func respond(to request: Request, next: (Request) -> Response) -> Response {
        guard let problem = refusal(of: request) else { return next(request) }
        var response = problem.response
        response.routeLabel = Router.unmatchedLabel
        return response
    }

    private func refusal(of request: Request) -> Problem? {
        if request.hasBody {
            return request.method == .get || request.method == .head
                ? Problem(status: .badRequest, detail: "A \(request.method) request must not have a body.")
                : Problem(status: .contentTooLarge, detail: "This API accepts no request bodies.")
        }
        let count = request.query.items.count
        if count > maxQueryParameters {
            return Problem(
                status: .badRequest, type: Problem.invalidParametersType, title: "Too many query parameters",
                detail: "The request has \(count) query parameters; at most \(maxQueryParameters) are accepted.")
        }
        return nil
    }
}
