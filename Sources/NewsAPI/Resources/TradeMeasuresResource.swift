/// `/trade-measures` and `/trade-measures/{id}`: tariffs, export controls, anti-dumping duties and other
/// measures the articles report, each with its sources.
struct TradeMeasuresResource: Sendable {
    let snapshot: CorpusSnapshot
    let catalog: MeasureCatalog
    private let positionByID: [String: Int32]

    /// The facets a measure list offers.
    static let facetNames = ["measure_type", "status", "evaluation", "implementing", "affected"]

    init(snapshot: CorpusSnapshot) {
        self.snapshot = snapshot
        catalog = MeasureCatalog(snapshot: snapshot)
        positionByID = Dictionary(uniqueKeysWithValues: snapshot.measures.enumerated().map { ($1.id, Int32($0)) })
    }

    /// `GET /trade-measures`.
    func list(_ request: Request, _ parameters: PathParameters) throws -> Response {
        var query = QueryParameters(request.query)
        let filter = MeasureFilter(reading: &query, in: snapshot)
        let sort = query.choice("sort", of: MeasureSort.self) ?? .newestFirst
        let facets = FacetRequest(reading: &query, allowed: TradeMeasuresResource.facetNames)
        let page = query.page()
        let format = ListFormat.read(&query, headers: request.headers)
        try query.validate()

        let matching = catalog.matching(filter, newestFirst: sort == .newestFirst)

        var applied = AppliedQuery()
        filter.apply(to: &applied)
        applied.add("sort", sort.rawValue)
        facets.apply(to: &applied)
        applied.add("limit", page.limit)
        applied.add("offset", page.offset)
        var envelope = ListEnvelope(path: "/trade-measures", query: applied, page: page, total: matching.count, format: format)
        if !facets.isEmpty, format == .json {
            envelope.extraMembers.append(encodeFacets(facets, over: matching))
        }
        return envelope.response { [catalog] position, json in
            catalog.writeSummary(ofMeasure: matching[position], into: &json)
        }
    }

    private func encodeFacets(_ facets: FacetRequest, over matching: [Int32]) -> (name: String, json: [UInt8]) {
        let measures = snapshot.measures
        func tally<T>(_ values: [T], _ value: (TradeMeasure) -> T) -> [(key: Int, count: Int)] where T: Equatable {
            var counts = [Int](repeating: 0, count: values.count)
            for position in matching { counts[values.firstIndex(of: value(measures[Int(position)]))!] += 1 }
            return counts.enumerated().map { ($0, $1) }
        }
        func jurisdictions(_ ids: (TradeMeasure) -> [String]) -> [(key: Int, count: Int)] {
            var counts: [Int: Int] = [:]
            for position in matching {
                for id in Set(ids(measures[Int(position)])) {
                    if let entity = snapshot.entityIndexByID[id] { counts[Int(entity), default: 0] += 1 }
                }
            }
            return counts.map { ($0.key, $0.value) }
        }
        return facets.encode({ name in
            switch name {
            case "measure_type": tally(MeasureType.allCases, \.measureType)
            case "status": tally(MeasureStatus.allCases, \.status)
            case "evaluation": tally(MeasureEvaluation.allCases, \.evaluation)
            case "implementing": jurisdictions(\.implementing)
            default: jurisdictions(\.affected)
            }
        }) { name, key, json in
            switch name {
            case "measure_type": json.key("value"); json.string(MeasureType.allCases[key].rawValue)
            case "status": json.key("value"); json.string(MeasureStatus.allCases[key].rawValue)
            case "evaluation": json.key("value"); json.string(MeasureEvaluation.allCases[key].rawValue)
            default: json.entityIdentity(snapshot.entities[key])
            }
        }
    }

    /// `GET /trade-measures/flows`: who applies measures to whom, one item per implementing → affected
    /// pair of the matching measures, with counts by evaluation, most measures first.
    func flows(_ request: Request, _ parameters: PathParameters) throws -> Response {
        var query = QueryParameters(request.query)
        let filter = MeasureFilter(reading: &query, in: snapshot)
        let page = query.page()
        let format = ListFormat.read(&query, headers: request.headers)
        try query.validate()

        struct Pair: Hashable { let from: Int32; let to: Int32 }
        var counts: [Pair: [Int]] = [:]
        let evaluations = MeasureEvaluation.allCases
        for position in catalog.matching(filter) {
            let measure = snapshot.measures[Int(position)]
            let evaluation = evaluations.firstIndex(of: measure.evaluation)!
            for from in Set(measure.implementing.compactMap { snapshot.entityIndexByID[$0] }) {
                for to in Set(measure.affected.compactMap { snapshot.entityIndexByID[$0] }) {
                    counts[Pair(from: from, to: to), default: [Int](repeating: 0, count: evaluations.count)][evaluation] += 1
                }
            }
        }
        let entities = snapshot.entities
        let flows = counts.map { (pair: $0.key, counts: $0.value, total: $0.value.reduce(0, +)) }.sorted { left, right in
            if left.total != right.total { return left.total > right.total }
            if left.pair.from != right.pair.from { return entities[Int(left.pair.from)].id < entities[Int(right.pair.from)].id }
            return entities[Int(left.pair.to)].id < entities[Int(right.pair.to)].id
        }

        var applied = AppliedQuery()
        filter.apply(to: &applied)
        applied.add("limit", page.limit)
        applied.add("offset", page.offset)
        let envelope = ListEnvelope(path: "/trade-measures/flows", query: applied, page: page, total: flows.count, format: format)
        return envelope.response { position, json in
            let flow = flows[position]
            let from = entities[Int(flow.pair.from)]
            let to = entities[Int(flow.pair.to)]
            json.beginObject()
            json.key("implementing"); json.entityRef(from)
            json.key("affected"); json.entityRef(to)
            json.key("measures"); json.int(flow.total)
            json.key("by_evaluation")
            json.beginObject()
            for (index, evaluation) in evaluations.enumerated() {
                json.key(evaluation.rawValue); json.int(flow.counts[index])
            }
            json.endObject()
            json.key("links")
            json.beginObject()
            json.key("trade_measures")
            json.string("/trade-measures?implementing=\(AppliedQuery.escape(from.id))&affected=\(AppliedQuery.escape(to.id))")
            json.endObject()
            json.endObject()
        }
    }

    /// `GET /trade-measures/{id}`.
    func show(_ request: Request, _ parameters: PathParameters) throws -> Response {
        try QueryParameters(request.query).validate()
        let id = parameters["id"]
        return try encodeMeasure(id: id)
    }

    private func encodeMeasure(id: String) throws -> Response {
        guard let position = positionByID[id] else {
            throw Problem.notFound("No trade measure has the id \"\(id)\".")
        }
        let measure = snapshot.measures[Int(position)]
        var json = JSONWriter(capacity: 2048)
        json.beginObject()
        json.measureSummaryMembers(measure, in: snapshot)
        json.key("description"); json.string(measure.description)
        json.key("products"); json.strings(measure.products)
        json.key("targeted_firms"); json.entityRefs(measure.targetedFirms, in: snapshot)
        json.key("sources")
        json.beginArray()
        for source in measure.sources {
            json.beginObject()
            json.key("article_id"); json.string(source.articleID)
            json.key("article_title")
            json.string(snapshot.article(id: source.articleID).map { snapshot.article(at: $0).title } ?? "")
            json.key("quote"); json.string(source.quote)
            json.key("links")
            json.beginObject()
            json.key("article"); json.string(Links.article(source.articleID))
            json.endObject()
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return .json(json.bytes)
    }
}

/// The orders a trade-measure list can come in; measures with no known announcement date come last.
enum MeasureSort: String, CaseIterable, Sendable {
    /// Most recently announced first (the default).
    case newestFirst = "-date_announced"
    /// Earliest announced first.
    case oldestFirst = "date_announced"
}
