/// The service's own endpoints: the index of resources, health, and the OpenAPI document.
struct ServiceResource: Sendable {
    let openAPIDocument: [UInt8]

    /// `GET /`: links to every resource.
    func index(_ request: Request, _ parameters: PathParameters) throws -> Response {
        let query = QueryParameters(request.query)
        try query.validate()
        var json = JSONWriter()
        json.beginObject()
        json.key("name"); json.string("news-api")
        json.key("links")
        json.beginObject()
        json.key("health"); json.string("/healthz")
        json.key("openapi"); json.string("/openapi.yaml")
        json.endObject()
        json.endObject()
        return .json(json.bytes)
    }

    /// `GET /healthz`: whether the server is serving.
    func health(_ request: Request, _ parameters: PathParameters) throws -> Response {
        let query = QueryParameters(request.query)
        try query.validate()
        var json = JSONWriter()
        json.beginObject()
        json.key("status"); json.string("ok")
        json.endObject()
        return .json(json.bytes)
    }

    /// `GET /openapi.yaml`: the API contract.
    func openAPI(_ request: Request, _ parameters: PathParameters) throws -> Response {
        Response(status: .ok, headers: ["Content-Type": "application/yaml"], body: openAPIDocument)
    }
}
