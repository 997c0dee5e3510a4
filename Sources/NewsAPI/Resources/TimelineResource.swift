/// `/timeline`: article publications and trade-measure milestones in one chronological stream, or
/// counted per day, week or month for charts.
struct TimelineResource: Sendable {
    let snapshot: CorpusSnapshot
    /// Every measure milestone with a known date, oldest first (computed once).
    private let milestones: [Milestone]
    /// Each article's publication day, by ordinal (computed once), so counting a period is two
    /// binary searches over plain integers.
    private let publishedDays: [Int32]

    struct Milestone: Sendable {
        let day: Int32
        let kind: TimelineEventKind
        let measure: Int32
        let date: DateValue
    }

    init(snapshot: CorpusSnapshot) {
        self.snapshot = snapshot
        publishedDays = snapshot.articles.map(\.publishedAt.day)
        var milestones: [Milestone] = []
        for (position, measure) in snapshot.measures.enumerated() {
            let dates: [(TimelineEventKind, DateValue?)] = [
                (.measureAnnounced, measure.dateAnnounced), (.measureInForce, measure.dateInForce),
                (.measureRemoved, measure.dateRemoved),
            ]
            for case let (kind, date?) in dates {
                milestones.append(Milestone(day: date.day, kind: kind, measure: Int32(position), date: date))
            }
        }
        let kindOrder = Dictionary(uniqueKeysWithValues: TimelineEventKind.allCases.enumerated().map { ($1, $0) })
        let measures = snapshot.measures
        self.milestones = milestones.sorted { left, right in
            if left.day != right.day { return left.day < right.day }
            if left.kind != right.kind { return kindOrder[left.kind]! < kindOrder[right.kind]! }
            return measures[Int(left.measure)].id < measures[Int(right.measure)].id
        }
    }

    /// `GET /timeline`.
    func show(_ request: Request, _ parameters: PathParameters) throws -> Response {
        var query = QueryParameters(request.query)
        let entities = query.entities("entity", in: snapshot)
        let types = query.choices("measure_type", of: MeasureType.self)
        let kinds = query.choices("event", of: TimelineEventKind.self)
        let firstDay = query.day("from")
        let lastDay = query.day("to")
        if let firstDay, let lastDay, firstDay > lastDay { query.reject("from", "must not be after to") }
        let interval = query.choice("interval", of: TimelineInterval.self)
        let descending = (query.string("sort") ?? "date").validatedSort(&query)
        let page = interval == nil ? query.page() : query.page(defaultLimit: 100, maxLimit: 1000)
        let format = ListFormat.read(&query, headers: request.headers)
        try query.validate()

        let stream = TimelineStream(
            articles: articleDays(entities: entities, firstDay: firstDay, lastDay: lastDay,
                                  included: kinds.isEmpty || kinds.contains(.articlePublished)),
            milestones: milestones.filter { milestone in
                let measure = snapshot.measures[Int(milestone.measure)]
                return (kinds.isEmpty || kinds.contains(milestone.kind))
                    && (types.isEmpty || types.contains(measure.measureType))
                    && entities.allSatisfy { entity in
                        measure.implementing.contains(entity.id) || measure.affected.contains(entity.id)
                            || measure.targetedFirms.contains(entity.id)
                    }
                    && firstDay.map { milestone.day >= $0 } ?? true
                    && lastDay.map { milestone.day <= $0 } ?? true
            })

        var applied = AppliedQuery()
        applied.add("entity", entities.map(\.id))
        applied.add("measure_type", types.map(\.rawValue))
        applied.add("event", kinds.map(\.rawValue))
        applied.add("from", firstDay.map(CalendarDay.isoString(of:)))
        applied.add("to", lastDay.map(CalendarDay.isoString(of:)))
        applied.add("interval", interval?.rawValue)
        applied.add("sort", descending ? "-date" : "date")
        applied.add("limit", page.limit)
        applied.add("offset", page.offset)

        if let interval {
            let buckets = try stream.buckets(interval, from: firstDay, through: lastDay, descending: descending)
            let envelope = ListEnvelope(path: "/timeline", query: applied, page: page, total: buckets.count, format: format)
            return envelope.response { position, json in
                buckets[position].write(to: &json)
            }
        }
        let envelope = ListEnvelope(path: "/timeline", query: applied, page: page, total: stream.count, format: format)
        return envelope.response { position, json in
            let ascending = descending ? stream.count - 1 - position : position
            switch stream.event(at: ascending) {
            case let .article(index): writeArticleEvent(stream.articles.ordinal(at: index), into: &json)
            case let .milestone(milestone): writeMilestone(milestone, into: &json)
            }
        }
    }

    /// The articles in scope, oldest first, as a view over the store's sorted indexes.
    private func articleDays(entities: [Entity], firstDay: Int32?, lastDay: Int32?, included: Bool) -> ArticleTimeline {
        guard included else { return ArticleTimeline(days: publishedDays, ordinals: .list([])) }
        let range = snapshot.ordinals(publishedFrom: firstDay, through: lastDay)
        if entities.isEmpty { return ArticleTimeline(days: publishedDays, ordinals: .range(range)) }
        let postings = SortedOrdinals.intersection(of: entities.map { snapshot.articlePostings(mentioning: $0) })
        let start = postings.partitioningIndex { $0 >= range.lowerBound }
        let end = postings.partitioningIndex { $0 >= range.upperBound }
        return ArticleTimeline(days: publishedDays, ordinals: .list(Array(postings[start..<max(start, end)])))
    }

    private func writeArticleEvent(_ ordinal: Int32, into json: inout JSONWriter) {
        let article = snapshot.article(at: ordinal)
        json.beginObject()
        json.key("date"); json.date(article.publishedAt)
        json.key("event"); json.string(TimelineEventKind.articlePublished.rawValue)
        json.key("article")
        json.beginObject()
        json.key("id"); json.string(article.id)
        json.key("kind"); json.string(article.kind.rawValue)
        json.key("title"); json.string(article.title)
        json.endObject()
        json.key("links"); json.selfLink(Links.article(article.id))
        json.endObject()
    }

    private func writeMilestone(_ milestone: Milestone, into json: inout JSONWriter) {
        let measure = snapshot.measures[Int(milestone.measure)]
        json.beginObject()
        json.key("date"); json.date(milestone.date)
        json.key("event"); json.string(milestone.kind.rawValue)
        json.key("trade_measure")
        json.beginObject()
        json.measureIdentity(measure)
        json.endObject()
        json.key("links"); json.selfLink(Links.measure(measure.id))
        json.endObject()
    }
}

private extension String {
    /// `date` (oldest first) or `-date` (newest first); anything else is recorded as a bad `sort`.
    func validatedSort(_ query: inout QueryParameters) -> Bool {
        switch self {
        case "date": return false
        case "-date": return true
        default:
            query.reject("sort", "must be one of date, -date, got \"\(self)\"")
            return false
        }
    }
}
