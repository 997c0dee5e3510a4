/// A responder made of a closure, with nothing prepared.
struct HandlerResponder: HTTPResponder {
    let handler: HTTPServer.Handler

    func respond(to request: Request) -> Response {
        handler(request)
    }
}
