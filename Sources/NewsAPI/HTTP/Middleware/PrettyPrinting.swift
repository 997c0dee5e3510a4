/// `pretty=true`: JSON bodies indented for people reading them in a terminal.
struct PrettyPrinting: HTTPMiddleware {
    func respond(to request: Request, next: (Request) -> Response) -> Response {
        var response = next(request)
        guard response.stream == nil, let flag = request.query["pretty"], QueryParameters.prettyFlag(flag) == true,
            response.headers["Content-Type"]?.contains("json") == true
        else { return response }
        response.body = JSONPrettyPrinter.indent(response.body)
        return response
    }
}
