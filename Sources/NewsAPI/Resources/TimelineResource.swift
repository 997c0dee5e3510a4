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
    /// Every milestone in stream order, and the scopes a request reads them through (made once).
    private let milestones: TimelineMilestones
    /// Each article's publication day and where each day starts among the ordinals (computed once), so
    /// counting a period is two binary searches over the matching ordinals.
    private let boundaries: DayBoundaries
    /// The articles dated only by month or year, by ordinal, with their dates' ranges (made once).
    private let coarselyDated: [CoarseDate]
    /// The spelling of every day from a year before the first article or milestone through a year after
    /// the last (made once, 12 bytes a day), so a period's start and end are copied, not computed.
    private let labels: DayLabels

    /// An article dated only by month or year.
    private struct CoarseDate: Sendable {
        let ordinal: Int32
        let precision: DatePrecision
        let firstDay: Int32
        let lastDay: Int32
    }

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
        milestones = TimelineMilestones(snapshot: snapshot)
        coarselyDated = snapshot.coarselyDatedArticles.map { ordinal in
            let date = snapshot.articles[Int(ordinal)].publishedAt
            return CoarseDate(ordinal: ordinal, precision: date.precision, firstDay: date.day, lastDay: date.lastDay)
        }
        labels = TimelineResource.labels(articles: boundaries.days, milestones: milestones.all)
    }

    /// The most days the labels cover (about 270 years, 1.2 MB); a wider span is labelled around the
    /// articles alone.
    static let maximumLabelledDays = 100_000

    /// The labels of the days from a year before the first article or milestone through a year after
    /// the last (the periods a timeline counts by default, and most that `from`/`to` ask for).
    private static func labels(articles: [Int32], milestones: [Milestone]) -> DayLabels {
        let margin: Int32 = 366
        // The newest article is first, the oldest last.
        guard let newest = articles.first, let oldest = articles.last else { return DayLabels(from: 1, through: 0) }
        var first = oldest
        var last = newest
        if let earliest = milestones.first?.day, let latest = milestones.map(\.lastDay).max(),
            Int(max(last, latest)) - Int(min(first, earliest)) < maximumLabelledDays - 2 * Int(margin)
        {
            first = min(first, earliest)
            last = max(last, latest)
        }
        guard Int(last) - Int(first) < maximumLabelledDays - 2 * Int(margin) else { return DayLabels(from: 1, through: 0) }
        return DayLabels(from: first - margin, through: last + margin)
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
        // Only a page of periods is counted in one pass; an export counts each period alone.
        let articles = articleTimeline(
            articleQuery, included: kinds.isEmpty || kinds.contains(.articlePublished),
            countedInOnePass: interval != nil && format == .json)
        let selection = milestones.selection(articleQuery, measureFilter, kinds: kinds, catalog: catalog)

        var applied = articleQuery.applied
        measureFilter.apply(to: &applied)
        applied.add("event", kinds.map(\.rawValue))
        applied.add("interval", interval?.rawValue)
        applied.add("sort", descending ? "-date" : "date")
        applied.add("limit", page.limit)
        applied.add("offset", page.offset)

        if let interval {
            let buckets = try TimelineBuckets.counting(
                articles, by: interval, from: firstDay, through: lastDay, descending: descending,
                coarse: coarseArticles(in: articles, finerThan: interval), milestones: selection.counting(interval),
                started: selection.started, stopped: selection.stopped, labels: labels)
            var envelope = ListEnvelope(path: "/timeline", query: applied, page: page, total: buckets.count, format: format)
            // A page is counted in one pass; an export, which writes every period, counts each alone.
            let pageRange = format == .ndjson ? 0..<0 : page.range(in: buckets.count)
            envelope.itemBytes = TimelineBucket.typicalBytes * pageRange.count
            let counted = buckets.buckets(at: pageRange)
            return envelope.response { position, json in
                if pageRange.contains(position) {
                    counted[position - pageRange.lowerBound].write(to: &json, labels: buckets.labels)
                } else {
                    buckets[position].write(to: &json, labels: buckets.labels)
                }
            }
        }
        let stream = TimelineStream(articles: articles, milestones: selection.milestones)
        let envelope = ListEnvelope(path: "/timeline", query: applied, page: page, total: stream.count, format: format)
        return envelope.response { position, json in
            let ascending = descending ? stream.count - 1 - position : position
            switch stream.event(at: ascending) {
            case .article(let index): writeArticleEvent(stream.articles.ordinal(at: index), into: &json)
            case .milestone(let milestone): writeMilestone(milestone, into: &json)
            }
        }
    }

    /// The articles in scope, oldest first, as a view over the store's sorted indexes: one posting list
    /// (one entity, one source or a kind, no `q`) is read in place, not copied. When they are only
    /// counted, a page of periods in one pass, a search for common words is not listed either.
    private func articleTimeline(_ query: ArticleQuery, included: Bool, countedInOnePass: Bool) -> ArticleTimeline {
        guard included else { return ArticleTimeline(boundaries: boundaries, ordinals: .list([])) }
        if let list = postingList(query) {
            let window = snapshot.articles(publishedFrom: query.firstDay, through: query.lastDay)
            if window.isContiguous {
                let start = list.partitioningIndex { $0 >= window.range.lowerBound }
                let end = list.partitioningIndex { $0 >= window.range.upperBound }
                return ArticleTimeline(boundaries: boundaries, ordinals: .list(list[start..<max(start, end)]))
            }
        }
        if let found = ArticleMatches.commonWords(of: query, in: snapshot) {
            // Periods are counted straight from the words' bitmaps; listed events need ranks.
            let ordinals: ArticleTimeline.Ordinals = countedInOnePass ? .conjunction(found) : .bitmap(found.rankedBitmap)
            return ArticleTimeline(boundaries: boundaries, ordinals: ordinals)
        }
        let matches = ArticleMatches(snapshot: snapshot, query: query, scope: nil)
        switch matches.ordinals {
        case .range(let range): return ArticleTimeline(boundaries: boundaries, ordinals: .range(range))
        case .list(let list): return ArticleTimeline(boundaries: boundaries, ordinals: .list(list[...]))
        }
    }

    /// The one posting list a query keeps the articles of, when it has no `q` and exactly one entity,
    /// one source or a kind; else `nil` (`ArticleMatches` combines the lists).
    private func postingList(_ query: ArticleQuery) -> ArraySlice<Int32>? {
        guard query.text == nil else { return nil }
        switch (query.entities.count, query.sources.count, query.kind) {
        case (1, 0, nil): return snapshot.articlePostings(mentioning: query.entities[0])
        case (0, 1, nil): return snapshot.articles(fromSource: query.sources[0])[...]
        case (0, 0, let kind?): return snapshot.articles(ofKind: kind)[...]
        default: return nil
        }
    }

    /// The matching articles whose date is coarser than `interval` (month or year dates in day and week
    /// buckets, year dates in month buckets): the few counted as `articles_imprecise`, never on a day.
    private func coarseArticles(in articles: ArticleTimeline, finerThan interval: TimelineInterval) -> DayRanges {
        var ranges: [(first: Int32, last: Int32)] = []
        for date in coarselyDated where (date.precision == .year || interval != .month) && articles.contains(date.ordinal) {
            ranges.append((date.firstDay, date.lastDay))
        }
        return DayRanges(ranges)
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
        case .claimDisputed: return milestones.claimDates[position]
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
