/// One HTTP behaviour wrapped around the rest of the pipeline: it may answer a request itself, change
/// it before passing it on, or change the response that comes back.
///
/// Steps are composed in one visible order by `HTTPPipeline`, as Hummingbird composes middleware, so
/// each can be read and tested on its own.
protocol HTTPMiddleware: Sendable {
    /// Answers `request`, calling `next` for what the steps after this one answer.
    func respond(to request: Request, next: (Request) -> Response) -> Response
}
