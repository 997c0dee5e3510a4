/// `/timeline`: article publications, trade-measure milestones and disputed claims in one chronological
/// stream, or counted per day, week or month for charts, for any article query and measure filters.
///
/// Articles follow the article filters (`q`, `entity`, `source`, `kind`, `from`, `to`). Measures follow
/// `entity` (naming each as implementing, affected or targeted), the words of `q` (in title,
/// description or products), the measure filters and `from`/`to`. Claims follow `entity`, the words of
/// `q` (in topic, statements or quotes), `from` and `to`.
/// In-force and removal milestones are those of `MeasureLifecycle`, the rule `in_force_on` uses.
struct TimelineResource: Sendable {
    let snapshot: CorpusSnapshot
    let catalog: MeasureCatalog
    /// Each measure's milestones, by measure position, and each claim's, by claim position (computed
    /// once), so a request gathers those of the measures and claims in scope without a walk over all.
    private let measureMilestones: [[Milestone]]
    private let claimMilestones: [Milestone?]
    /// The date of each claim's milestone: the publication of its last version.
    private let claimDates: [DateValue?]
    /// Each measure's place in id order, so sorting milestones compares integers, not ids.
    private let measureRank: [Int32]
    /// Each article's publication day and where each day starts among the ordinals (computed once), so
    /// counting a period is two binary searches over the matching ordinals.
    private let boundaries: DayBoundaries
    /// Each claim's entity ids, by claim position.
    private let claimEntities: [[String]]
    /// Each claim's folded text, for `q` (see `ClaimsResource.searchText`).
    private let claimText: [String]

    /// What happened at a point of the timeline.
    enum EventKind: String, CaseIterable, Sendable {
        case articlePublished = "article_published"
        case measureAnnounced = "measure_announced"
        case measureInForce = "measure_in_force"
        case measureRemoved = "measure_removed"
        case measureSuspended = "measure_suspended"
        case claimDisputed = "claim_disputed"

        /// Its place among the events of one day.
        var order: Int { EventKind.allCases.firstIndex(of: self)! }
    }

    /// A dated event of a measure or claim: plain values only, so gathering and sorting them copies
    /// no strings (`date(of:)` finds the full date when it is written).
    struct Milestone: Sendable {
        /// The first day of the date's period: where the event sorts.
        let day: Int32
        /// The last day of the date's period.
        let lastDay: Int32
        /// How precise the date is.
        let precision: DatePrecision
        let kind: EventKind
        /// The measure's or claim's position.
        let subject: Int32
        /// Where a lifecycle date comes from (measures only).
        let origin: MeasureLifecycle.Origin?

        init(kind: EventKind, subject: Int32, date: DateValue, origin: MeasureLifecycle.Origin?) {
            day = date.day
            lastDay = date.lastDay
            precision = date.precision
            self.kind = kind
            self.subject = subject
            self.origin = origin
        }

        /// Whether this is a measure's milestone (not a claim's).
        var isMeasure: Bool { kind != .claimDisputed }
    }

    init(snapshot: CorpusSnapshot, catalog: MeasureCatalog) {
        self.snapshot = snapshot
        self.catalog = catalog
        boundaries = DayBoundaries(days: snapshot.articles.map(\.publishedAt.day))
        measureMilestones = snapshot.measures.indices.map { TimelineResource.milestones(ofMeasure: $0, in: snapshot) }
        var measureRank = [Int32](repeating: 0, count: snapshot.measures.count)
        for (rank, position) in snapshot.measures.indices.sorted(by: { snapshot.measures[$0].id < snapshot.measures[$1].id })
            .enumerated()
        {
            measureRank[position] = Int32(rank)
        }
        self.measureRank = measureRank
        // A disagreement exists once its last version is published.
        let claimDates = snapshot.claims.map { claim in
            claim.claims.compactMap { snapshot.article(id: $0.articleID).map { snapshot.article(at: $0).publishedAt } }
                .max(by: { ($0.day, $0.lastDay) < ($1.day, $1.lastDay) })
        }
        self.claimDates = claimDates
        claimMilestones = claimDates.enumerated().map { position, date in
            date.map { Milestone(kind: .claimDisputed, subject: Int32(position), date: $0, origin: nil) }
        }
        claimEntities = snapshot.claims.map(\.entityIDs)
        claimText = snapshot.claims.map(ClaimsResource.searchText)
    }

    /// A measure's announcement, coming into force and end, as `MeasureLifecycle` has them.
    private static func milestones(ofMeasure position: Int, in snapshot: CorpusSnapshot) -> [Milestone] {
        let measure = snapshot.measures[position]
        let lifecycle = snapshot.measureLifecycles[position]
        var milestones: [Milestone] = []
        if let date = measure.dateAnnounced {
            milestones.append(
                Milestone(
                    kind: .measureAnnounced, subject: Int32(position), date: date,
                    origin: MeasureLifecycle.Origin(date.origin)))
        }
        if let start = lifecycle.inForce {
            milestones.append(
                Milestone(
                    kind: .measureInForce, subject: Int32(position), date: start.date,
                    origin: start.origin))
        }
        if let end = lifecycle.ended {
            milestones.append(
                Milestone(
                    kind: measure.status == .suspended ? .measureSuspended : .measureRemoved,
                    subject: Int32(position), date: end.date, origin: end.origin))
        }
        return milestones
    }

    /// Oldest first; on one day by kind, then by the measure's or claim's id (claims are kept by id).
    private func sorted(_ milestones: [Milestone]) -> [Milestone] {
        let measureRank = self.measureRank
        func rank(_ milestone: Milestone) -> Int32 {
            milestone.isMeasure ? measureRank[Int(milestone.subject)] : milestone.subject
        }
        return milestones.sorted { left, right in
            if left.day != right.day { return left.day < right.day }
            if left.kind != right.kind { return left.kind.order < right.kind.order }
            return rank(left) < rank(right)
        }
    }

    /// `GET /timeline`.
    func show(_ request: Request, _ parameters: PathParameters) throws -> Response {
        var query = QueryParameters(request.query)
        let articleQuery = ArticleQuery(reading: &query, in: snapshot, listing: false)
        let measureFilter = MeasureFilter(reading: &query, in: snapshot, readsText: false, readsPeriod: false)
        let kinds = query.choices("event", of: EventKind.self)
        let interval = query.choice("interval", of: TimelineInterval.self)
        let descending = (query.string("sort") ?? "date").validatedSort(&query)
        let page = interval == nil ? query.page() : query.page(defaultLimit: 100, maxLimit: 1000)
        let format = ListFormat.read(&query, headers: request.headers)
        try query.validate()

        let firstDay = articleQuery.firstDay
        let lastDay = articleQuery.lastDay
        let articles = articleTimeline(articleQuery, included: kinds.isEmpty || kinds.contains(.articlePublished))
        let measures = measureSet(articleQuery, measureFilter)
        let selected = selectedMilestones(articleQuery, measures: measures, kinds: kinds)
        let stream = TimelineStream(articles: articles, milestones: selected)

        var applied = articleQuery.applied
        measureFilter.apply(to: &applied)
        applied.add("event", kinds.map(\.rawValue))
        applied.add("interval", interval?.rawValue)
        applied.add("sort", descending ? "-date" : "date")
        applied.add("limit", page.limit)
        applied.add("offset", page.offset)

        if let interval {
            let buckets = try stream.buckets(
                interval, from: firstDay, through: lastDay, descending: descending,
                coarse: coarseArticles(in: articles, finerThan: interval),
                periods: inForcePeriods(of: measures))
            let envelope = ListEnvelope(path: "/timeline", query: applied, page: page, total: buckets.count, format: format)
            return envelope.response { position, json in
                buckets[position].write(to: &json)
            }
        }
        let envelope = ListEnvelope(path: "/timeline", query: applied, page: page, total: stream.count, format: format)
        return envelope.response { position, json in
            let ascending = descending ? stream.count - 1 - position : position
            switch stream.event(at: ascending) {
            case .article(let index): writeArticleEvent(stream.articles.ordinal(at: index), into: &json)
            case .milestone(let milestone): writeMilestone(milestone, into: &json)
            }
        }
    }

    /// The articles in scope, oldest first, as a view over the store's sorted indexes.
    private func articleTimeline(_ query: ArticleQuery, included: Bool) -> ArticleTimeline {
        guard included else { return ArticleTimeline(boundaries: boundaries, ordinals: .list([])) }
        return ArticleTimeline(
            boundaries: boundaries, ordinals: ArticleMatches(snapshot: snapshot, query: query, scope: nil).ordinals)
    }

    /// The matching articles whose date is coarser than `interval` (month or year dates in day and week
    /// buckets, year dates in month buckets): the few counted as `articles_imprecise`, never on a day.
    private func coarseArticles(in articles: ArticleTimeline, finerThan interval: TimelineInterval) -> [DateValue] {
        let coarse = snapshot.coarselyDatedArticles.filter { ordinal in
            let precision = snapshot.articles[Int(ordinal)].publishedAt.precision
            return (precision == .year || interval != .month) && articles.contains(ordinal)
        }
        return coarse.map { snapshot.articles[Int($0)].publishedAt }
    }

    /// The positions of the measures in scope: an entity's own measures when one is given, else those
    /// with the words of `q` (no walk over every measure), then the filters.
    private func measureSet(_ query: ArticleQuery, _ filter: MeasureFilter) -> [Int32] {
        let words = TimelineResource.words(of: query)
        let candidates: [Int32]
        if let entity = query.entities.first, let index = snapshot.entityIndexByID[entity.id] {
            candidates = Array(
                Set(
                    snapshot.measuresByImplementing[Int(index)] + snapshot.measuresByAffected[Int(index)]
                        + snapshot.measuresByTargetedFirm[Int(index)])
            ).sorted()
        } else if !words.isEmpty {
            candidates = catalog.measures(withWordsStartingWith: words)
        } else {
            candidates = snapshot.measures.indices.map { Int32($0) }
        }
        let measures = snapshot.measures
        return candidates.filter { position in
            let index = Int(position)
            return query.entities.allSatisfy { entity in
                measures[index].implementing.contains(entity.id) || measures[index].affected.contains(entity.id)
                    || measures[index].targetedFirms.contains(entity.id)
            }
                && catalog.text(of: Int(position), containsWordsStartingWith: words)
                && filter.matches(Int(position), in: catalog)
        }
    }

    /// When each of the measures ever came into force and stopped (days), read in place.
    private func inForcePeriods(of measures: [Int32]) -> [(start: Int32, end: Int32?)] {
        let lifecycles = snapshot.measureLifecycles
        return measures.compactMap { position in
            lifecycles[Int(position)].inForce.map { ($0.day, lifecycles[Int(position)].ended?.day) }
        }
    }

    /// The words of `q` that measures and claims must have (phrases as their words; exclusions apply
    /// to articles only).
    private static func words(of query: ArticleQuery) -> [String] {
        Array(Set(query.text.map { $0.words + $0.phrases.flatMap { $0 } } ?? [])).sorted()
    }

    /// The milestones in scope, oldest first: those of the measures in scope and of the claims about
    /// the entities (an entity's own claims when one is given).
    private func selectedMilestones(_ query: ArticleQuery, measures: [Int32], kinds: [EventKind]) -> [Milestone] {
        let entityIDs = query.entities.map(\.id)
        let words = TimelineResource.words(of: query)
        var claims: [Int32]
        if let entity = query.entities.first, let index = snapshot.entityIndexByID[entity.id] {
            claims = snapshot.claimsByEntity[Int(index)]
        } else {
            claims = snapshot.claims.indices.map { Int32($0) }
        }
        claims = claims.filter { claim in
            entityIDs.allSatisfy(claimEntities[Int(claim)].contains)
                && words.allSatisfy { ByteSearch.contains(claimText[Int(claim)], " " + $0) }
        }
        let candidates = measures.flatMap { measureMilestones[Int($0)] } + claims.compactMap { claimMilestones[Int($0)] }
        return sorted(
            candidates.filter { milestone in
                if !kinds.isEmpty, !kinds.contains(milestone.kind) { return false }
                if let first = query.firstDay, milestone.lastDay < first { return false }
                if let last = query.lastDay, milestone.day > last { return false }
                return true
            })
    }

    private func writeArticleEvent(_ ordinal: Int32, into json: inout JSONWriter) {
        let article = snapshot.article(at: ordinal)
        json.beginObject()
        json.key("date"); json.date(article.publishedAt)
        json.key("event"); json.string(EventKind.articlePublished.rawValue)
        json.key("article")
        json.beginObject()
        json.key("id"); json.string(article.id)
        json.key("kind"); json.string(article.kind.rawValue)
        json.key("title"); json.string(article.title)
        json.endObject()
        json.key("links"); json.selfLink(Links.article(article.id))
        json.endObject()
    }

    /// The full date of a milestone, as the data or the lifecycle has it.
    private func date(of milestone: Milestone) -> DateValue? {
        let position = Int(milestone.subject)
        switch milestone.kind {
        case .measureAnnounced: return snapshot.measures[position].dateAnnounced
        case .measureInForce: return snapshot.measureLifecycles[position].inForce?.date
        case .measureRemoved, .measureSuspended: return snapshot.measureLifecycles[position].ended?.date
        case .claimDisputed: return claimDates[position]
        case .articlePublished: return nil
        }
    }

    private func writeMilestone(_ milestone: Milestone, into json: inout JSONWriter) {
        json.beginObject()
        json.key("date"); json.date(date(of: milestone))
        json.key("event"); json.string(milestone.kind.rawValue)
        if milestone.isMeasure {
            let measure = snapshot.measures[Int(milestone.subject)]
            json.key("origin"); json.string(milestone.origin?.rawValue)
            json.key("trade_measure")
            json.beginObject()
            json.measureIdentity(measure)
            json.endObject()
            json.key("links"); json.selfLink(Links.measure(measure.id))
        } else {
            let claim = snapshot.claims[Int(milestone.subject)]
            json.key("claim")
            json.beginObject()
            json.key("id"); json.string(claim.id)
            json.key("topic"); json.string(claim.topic)
            json.endObject()
            json.key("links"); json.selfLink(Links.claim(claim.id))
        }
        json.endObject()
    }
}

extension String {
    /// `date` (oldest first) or `-date` (newest first); anything else is recorded as a bad `sort`.
    fileprivate func validatedSort(_ query: inout QueryParameters) -> Bool {
        switch self {
        case "date": return false
        case "-date": return true
        default:
            query.reject("sort", "must be one of date, -date, got \"\(self)\"")
            return false
        }
    }
}
