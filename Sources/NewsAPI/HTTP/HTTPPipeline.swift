/// How one state of the application answers requests: middleware steps in order, outermost first,
/// around an endpoint (the router).
///
/// A reload builds a new pipeline around the new snapshot, with a response cache of its own.
struct HTTPPipeline: Sendable {
    private let steps: [any HTTPMiddleware]
    private let endpoint: @Sendable (Request) -> Response

    /// Creates a pipeline that passes each request through `steps`, the first outermost, to `endpoint`.
    init(_ steps: [any HTTPMiddleware], endpoint: @escaping @Sendable (Request) -> Response) {
        self.steps = steps
        self.endpoint = endpoint
    }

    /// Answers one request.
    func respond(to request: Request) -> Response {
        respond(to: request, from: steps.startIndex)
    }

    private func respond(to request: Request, from step: Int) -> Response {
        guard step < steps.endIndex else { return endpoint(request) }
        return steps[step].respond(to: request) { respond(to: $0, from: step + 1) }
    }
}
