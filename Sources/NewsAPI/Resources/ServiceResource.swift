/// The service's own endpoints: the index of resources, health, the dataset's description and the
/// OpenAPI document. Their bodies depend only on the snapshot, so they are encoded once, and replicas
/// serving the same data send the same bytes and ETags: nothing per-process (load time, start time)
/// belongs here; that goes to `/metrics`.
struct ServiceResource: Sendable {
    private let indexResponse: Response
    private let healthResponse: Response
    private let metaResponse: Response
    private let openAPIResponse: Response

    init(snapshot: CorpusSnapshot, openAPIDocument: [UInt8]) {
        indexResponse = Response.json(ServiceResource.encodeIndex(snapshot))
        healthResponse = Response.json(ServiceResource.encodeHealth(snapshot))
        metaResponse = Response.json(ServiceResource.encodeMeta(snapshot))
        openAPIResponse = Response(status: .ok, headers: ["Content-Type": "application/yaml"], body: openAPIDocument)
    }

    /// `GET /`.
    func index(_ request: Request, _ parameters: PathParameters) throws -> Response {
        try QueryParameters(request.query).validate()
        return indexResponse
    }

    /// `GET /healthz`.
    func health(_ request: Request, _ parameters: PathParameters) throws -> Response {
        try QueryParameters(request.query).validate()
        return healthResponse
    }

    /// `GET /meta`.
    func meta(_ request: Request, _ parameters: PathParameters) throws -> Response {
        try QueryParameters(request.query).validate()
        return metaResponse
    }

    /// `GET /openapi.yaml`.
    func openAPI(_ request: Request, _ parameters: PathParameters) throws -> Response {
        try QueryParameters(request.query).validate()
        return openAPIResponse
    }

    private static func encodeIndex(_ snapshot: CorpusSnapshot) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("name"); json.string("news-api")
        json.key("description")
        json.string(
            "A read-only JSON API over a news corpus: articles, the entities they name, and the trade measures they report.")
        json.key("version"); json.string(snapshot.version)
        json.key("links")
        json.beginObject()
        for (name, link) in [
            ("articles", "/articles"), ("entities", "/entities"), ("trade_measures", "/trade-measures"),
            ("trade_flows", "/trade-measures/flows"), ("timeline", "/timeline"), ("graph", "/graph"),
            ("claims", "/claims"), ("sources", "/sources"), ("meta", "/meta"), ("health", "/healthz"),
            ("openapi", "/openapi.yaml"), ("metrics", "/metrics"),
        ] {
            json.key(name); json.string(link)
        }
        json.endObject()
        json.endObject()
        return json.bytes
    }

    private static func encodeHealth(_ snapshot: CorpusSnapshot) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("status"); json.string("ok")
        json.key("version"); json.string(snapshot.version)
        json.key("counts"); writeCounts(snapshot, into: &json)
        json.endObject()
        return json.bytes
    }

    private static func writeCounts(_ snapshot: CorpusSnapshot, into json: inout JSONWriter) {
        json.beginObject()
        json.key("articles"); json.int(snapshot.articleCount)
        json.key("briefs"); json.int(snapshot.articles(ofKind: .brief).count)
        json.key("entities"); json.int(snapshot.entityCount)
        json.key("trade_measures"); json.int(snapshot.measureCount)
        json.key("claims"); json.int(snapshot.claimCount)
        json.endObject()
    }

    private static func encodeMeta(_ snapshot: CorpusSnapshot) -> [UInt8] {
        var json = JSONWriter(capacity: 2048)
        json.beginObject()
        json.key("name"); json.string(snapshot.name)
        json.key("description"); json.string(snapshot.datasetDescription ?? "")
        json.key("version"); json.string(snapshot.version)
        json.key("bytes"); json.int(snapshot.bytesLoaded)
        json.key("counts"); writeCounts(snapshot, into: &json)
        json.key("gazetteer")
        if let gazetteer = snapshot.gazetteer {
            json.beginObject()
            json.key("file"); json.string(gazetteer.path)
            json.key("entities_added"); json.int(gazetteer.entitiesAdded)
            json.key("not_entities"); json.int(gazetteer.notEntities)
            json.key("clashes"); json.strings(gazetteer.clashes)
            json.endObject()
        } else {
            json.null()
        }
        json.key("vocabularies")
        json.beginObject()
        json.key("article_kinds"); json.strings(ArticleKind.allCases.map(\.rawValue))
        json.key("entity_types"); json.strings(EntityType.allCases.map(\.rawValue))
        json.key("measure_types"); json.strings(MeasureType.allCases.map(\.rawValue))
        json.key("statuses"); json.strings(MeasureStatus.allCases.map(\.rawValue))
        json.key("evaluations"); json.strings(MeasureEvaluation.allCases.map(\.rawValue))
        json.key("date_precisions"); json.strings(DatePrecision.allCases.map(\.rawValue))
        json.key("sources")
        json.beginArray()
        for source in snapshot.sources {
            json.beginObject()
            json.key("id"); json.string(source.id)
            json.key("name"); json.string(source.name)
            json.key("article_count"); json.int(snapshot.articles(fromSource: source.id).count)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.endObject()
        return json.bytes
    }
}
