/// `/trade-measures` and `/trade-measures/{id}`: tariffs, export controls, anti-dumping duties and other
/// measures the articles report, each with its sources.
struct TradeMeasuresResource: Sendable {
    let snapshot: CorpusSnapshot
    /// Measure positions by announcement date, newest first, undated last (computed once).
    private let newestFirst: [Int32]
    /// Measure positions by announcement date, oldest first, undated last (computed once).
    private let oldestFirst: [Int32]
    /// The first day each measure is known to be in force, if any (computed once).
    private let inForceFrom: [Int32?]
    private let positionByID: [String: Int32]

    init(snapshot: CorpusSnapshot) {
        self.snapshot = snapshot
        let measures = snapshot.measures
        let days = measures.map { $0.dateAnnounced?.day }
        func order(_ newest: Bool) -> [Int32] {
            measures.indices.sorted { left, right in
                switch (days[left], days[right]) {
                case let (l?, r?) where l != r: return newest ? l > r : l < r
                case (nil, _?): return false
                case (_?, nil): return true
                default: return measures[left].id < measures[right].id
                }
            }.map { Int32($0) }
        }
        newestFirst = order(true)
        oldestFirst = order(false)
        inForceFrom = measures.map { TradeMeasuresResource.inForceFrom($0, in: snapshot) }
        positionByID = Dictionary(uniqueKeysWithValues: measures.enumerated().map { ($1.id, Int32($0)) })
    }

    /// When a measure came into force: its stated date, or, for one reported in force (or since
    /// suspended or removed) with no such date, the day of the earliest article reporting it, but
    /// never before its announcement.
    private static func inForceFrom(_ measure: TradeMeasure, in snapshot: CorpusSnapshot) -> Int32? {
        if let day = measure.dateInForce?.day { return day }
        guard [.inForce, .suspended, .removed].contains(measure.status),
              let reported = measure.sources.compactMap({ snapshot.article(id: $0.articleID) })
                .map({ snapshot.article(at: $0).publishedAt.day }).min() else { return nil }
        return max(reported, measure.dateAnnounced?.day ?? reported)
    }

    /// `GET /trade-measures`.
    func list(_ request: Request, _ parameters: PathParameters) throws -> Response {
        var query = QueryParameters(request.query)
        let implementing = query.entities("implementing", in: snapshot)
        let affected = query.entities("affected", in: snapshot)
        let types = query.choices("measure_type", of: MeasureType.self)
        let statuses = query.choices("status", of: MeasureStatus.self)
        let inForceOn = query.day("in_force_on")
        let firstDay = query.day("from")
        let lastDay = query.day("to")
        if let firstDay, let lastDay, firstDay > lastDay { query.reject("from", "must not be after to") }
        let sort = query.choice("sort", of: MeasureSort.self) ?? .newestFirst
        let page = query.page()
        let format = ListFormat.read(&query, headers: request.headers)
        try query.validate()

        let measures = snapshot.measures
        let implementingIDs = implementing.map(\.id), affectedIDs = affected.map(\.id)
        // Fields are read in place: binding a whole measure would copy (and retain) every field.
        let matching = (sort == .newestFirst ? newestFirst : oldestFirst).filter { position in
            let index = Int(position)
            if !implementingIDs.allSatisfy(measures[index].implementing.contains) { return false }
            if !affectedIDs.allSatisfy(measures[index].affected.contains) { return false }
            if !types.isEmpty, !types.contains(measures[index].measureType) { return false }
            if !statuses.isEmpty, !statuses.contains(measures[index].status) { return false }
            if let inForceOn {
                guard let start = inForceFrom[index], start <= inForceOn else { return false }
                if let removed = measures[index].dateRemoved?.day, removed <= inForceOn { return false }
            }
            if firstDay != nil || lastDay != nil {
                guard let day = measures[index].dateAnnounced?.day else { return false }
                if let firstDay, day < firstDay { return false }
                if let lastDay, day > lastDay { return false }
            }
            return true
        }

        var applied = AppliedQuery()
        applied.add("implementing", implementingIDs)
        applied.add("affected", affectedIDs)
        applied.add("measure_type", types.map(\.rawValue))
        applied.add("status", statuses.map(\.rawValue))
        applied.add("in_force_on", inForceOn.map(CalendarDay.isoString(of:)))
        applied.add("from", firstDay.map(CalendarDay.isoString(of:)))
        applied.add("to", lastDay.map(CalendarDay.isoString(of:)))
        applied.add("sort", sort.rawValue)
        applied.add("limit", page.limit)
        applied.add("offset", page.offset)
        let envelope = ListEnvelope(path: "/trade-measures", query: applied, page: page, total: matching.count, format: format)
        return envelope.response { position, json in
            json.measureSummary(measures[Int(matching[position])], in: snapshot)
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
