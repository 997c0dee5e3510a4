/// How one state of the application answers requests: middleware steps in order, outermost first,
/// around an endpoint (the router).
///
/// A reload builds a new pipeline around the new snapshot, with a response cache of its own.
struct HTTPPipeline: Sendable {
    private let steps: [any HTTPMiddleware]
    private let endpoint: @Sendable (Request) -> Response
    /// The response cache step when only `ConditionalRequests` sits in front of it: for a GET or HEAD
    /// without validators (`If-None-Match`, `If-Modified-Since`) the pipeline then answers what the
    /// cache keeps, so the server can send a kept answer before it copies the request.
    let frontCache: ResponseCaching?
    /// The response cache of the pipeline's caching step, wherever it sits; `nil` without one.
    let cache: ResponseCache?

    /// Creates a pipeline that passes each request through `steps`, the first outermost, to `endpoint`.
    init(_ steps: [any HTTPMiddleware], endpoint: @escaping @Sendable (Request) -> Response) {
        self.steps = steps
        self.endpoint = endpoint
        cache = steps.lazy.compactMap { ($0 as? ResponseCaching)?.cache }.first
        frontCache = steps.firstIndex { $0 is ResponseCaching }.flatMap { index in
            steps[..<index].allSatisfy { $0 is ConditionalRequests } ? steps[index] as? ResponseCaching : nil
        }
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
