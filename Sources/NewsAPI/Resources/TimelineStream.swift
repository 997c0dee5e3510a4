/// Article events and milestones merged into one stream, oldest first, without materialising it: on
/// the same day articles come before milestones, so a milestone's place in the stream is its own index
/// plus the number of articles published on or before its day.
struct TimelineStream: Sendable {
    enum Event: Sendable {
        case article(Int)
        case milestone(TimelineResource.Milestone)
    }

    let articles: ArticleTimeline
    let milestones: [TimelineResource.Milestone]

    var count: Int { articles.count + milestones.count }

    /// The event at `position` (0 is the oldest).
    func event(at position: Int) -> Event {
        // The number of milestones placed at or before `position`.
        let placed = milestones.indices.partitioningIndex { self.position(ofMilestone: $0) > position }
        if placed > 0, self.position(ofMilestone: placed - 1) == position {
            return .milestone(milestones[placed - 1])
        }
        return .article(position - placed)
    }

    private func position(ofMilestone index: Int) -> Int {
        index + articles.countOnOrBefore(milestones[index].day)
    }

    /// The most periods one request may count, so a wide range of days cannot exhaust the server.
    static let maximumBuckets = 50_000

    /// Counts per period from `from` (or the first event) through `through` (or the last event).
    /// `coarse` are the article dates coarser than the interval; `periods` when the measures in scope
    /// came into force and stopped, for the stock in force at the end of each period.
    func buckets(
        _ interval: TimelineInterval, from firstDay: Int32?, through lastDay: Int32?, descending: Bool,
        coarse: [DateValue], periods: [(start: Int32, end: Int32?)]
    ) throws -> TimelineBuckets {
        let firstEvent = [articles.count > 0 ? articles.day(at: 0) : nil, milestones.first?.day].compactMap { $0 }.min()
        let lastEvent = [
            articles.count > 0 ? articles.day(at: articles.count - 1) : nil,
            milestones.map(\.lastDay).max(),
        ].compactMap { $0 }.max()
        var starts: [Int32] = []
        if let start = firstDay ?? firstEvent, let end = lastDay ?? lastEvent, start <= end {
            var period = interval.start(of: start)
            while period <= end {
                guard starts.count < TimelineStream.maximumBuckets else {
                    throw Problem.invalidParameters([
                        Problem.InvalidParameter(
                            name: "interval",
                            reason:
                                "makes more than \(TimelineStream.maximumBuckets) periods over this range; use a longer interval or a narrower from/to"
                        )
                    ])
                }
                starts.append(period)
                period = interval.next(after: period)
            }
        }
        // The stock in force on a day is (came into force on or before it) − (stopped on or before it);
        // an end never counts before its start, so each subtraction pairs with an addition.
        let started = periods.map(\.start).sorted()
        let stopped = periods.compactMap { period in period.end.map { max($0, period.start) } }.sorted()
        return TimelineBuckets(
            stream: self, interval: interval, starts: descending ? starts.reversed() : starts,
            coarse: coarse, coarseMilestones: milestones.filter { $0.isMeasure && !interval.isAsCoarse(as: $0.precision) },
            started: started, stopped: stopped)
    }
}

/// The periods of a counted timeline; each period's counts are computed only when it is written.
struct TimelineBuckets: Sendable {
    let stream: TimelineStream
    let interval: TimelineInterval
    let starts: [Int32]
    /// Article dates coarser than the interval: counted as `articles_imprecise`, not in `articles`.
    let coarse: [DateValue]
    /// Measure milestones dated more coarsely than the interval, oldest first: `measures_imprecise`.
    let coarseMilestones: [TimelineResource.Milestone]
    /// Days the measures in scope came into force, and days they stopped, sorted.
    let started: [Int32]
    let stopped: [Int32]

    var count: Int { starts.count }

    /// The period at `position`, with its counts.
    subscript(position: Int) -> TimelineBucket {
        let start = starts[position]
        let next = interval.next(after: start)
        var bucket = TimelineBucket(start: start, end: next - 1)
        let inPeriod = coarse.filter { $0.day >= start && $0.day < next }.count
        bucket.articles = stream.articles.countBefore(next) - stream.articles.countBefore(start) - inPeriod
        bucket.articlesImprecise = coarse.filter { $0.day < next && $0.lastDay >= start }.count
        let milestones = stream.milestones
        let first = milestones.partitioningIndex { $0.day >= start }
        let last = milestones.partitioningIndex { $0.day >= next }
        for milestone in milestones[first..<last] where interval.isAsCoarse(as: milestone.precision) {
            bucket.count(milestone.kind)
        }
        // Milestones dated more coarsely than the interval, whose period (a year at most) overlaps this one.
        let reach = coarseMilestones.partitioningIndex { $0.day >= start - 366 }
        let end = coarseMilestones.partitioningIndex { $0.day >= next }
        for milestone in coarseMilestones[reach..<max(reach, end)] where milestone.lastDay >= start {
            bucket.measuresImprecise += 1
        }
        bucket.measuresActive = started.partitioningIndex { $0 > bucket.end } - stopped.partitioningIndex { $0 > bucket.end }
        return bucket
    }
}

/// One period of a counted timeline.
///
/// `articles` counts the articles published in the period whose date is at least as precise as the
/// interval; an article dated only by month (in day or week buckets) or year (in any bucket) is never
/// placed on a day: it counts in `articles_imprecise` of every bucket its period overlaps. Measure
/// milestones follow the same rule (`measures_imprecise`). `measures_active` is the stock in force at
/// the end of the period, by the rule `in_force_on` uses.
struct TimelineBucket {
    let start: Int32
    let end: Int32
    var articles = 0
    var articlesImprecise = 0
    var measuresAnnounced = 0
    var measuresInForce = 0
    var measuresRemoved = 0
    var measuresImprecise = 0
    var measuresActive = 0
    var claims = 0

    mutating func count(_ kind: TimelineResource.EventKind) {
        switch kind {
        case .measureAnnounced: measuresAnnounced += 1
        case .measureInForce: measuresInForce += 1
        case .measureRemoved, .measureSuspended: measuresRemoved += 1
        case .claimDisputed: claims += 1
        case .articlePublished: break
        }
    }

    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.key("start"); json.string(CalendarDay.isoString(of: start))
        json.key("end"); json.string(CalendarDay.isoString(of: end))
        json.key("articles"); json.int(articles)
        json.key("articles_imprecise"); json.int(articlesImprecise)
        json.key("measures_announced"); json.int(measuresAnnounced)
        json.key("measures_in_force"); json.int(measuresInForce)
        json.key("measures_removed"); json.int(measuresRemoved)
        json.key("measures_imprecise"); json.int(measuresImprecise)
        json.key("measures_active"); json.int(measuresActive)
        json.key("claims"); json.int(claims)
        json.endObject()
    }
}

/// Where each day starts in the store's newest-first ordinals, made once per snapshot: the first
/// ordinal published before a day is one array read, so counting a period of a posting list is two
/// binary searches over the list itself (no reads of scattered publication days).
struct DayBoundaries: Sendable {
    /// The first day of the table.
    private let firstDay: Int32
    /// For each day from `firstDay`, the first ordinal published before it (empty when the corpus
    /// spans too many days for a table; then the days are searched).
    private let firstOrdinalBefore: [Int32]
    /// Each article's publication day, by ordinal.
    let days: [Int32]

    /// The most days a table covers (about 270 years).
    static let maximumDays = 100_000

    init(days: [Int32]) {
        self.days = days
        guard let newest = days.first, let oldest = days.last, Int(newest) - Int(oldest) < DayBoundaries.maximumDays else {
            firstDay = 0
            firstOrdinalBefore = []
            return
        }
        firstDay = oldest
        var table = [Int32](repeating: 0, count: Int(newest - oldest) + 2)
        // Newest first: walking from the oldest article, each day's boundary is where the older ones end.
        var ordinal = days.count
        for offset in table.indices {
            let day = oldest + Int32(offset)
            while ordinal > 0, days[ordinal - 1] < day { ordinal -= 1 }
            table[offset] = Int32(ordinal)
        }
        firstOrdinalBefore = table
    }

    /// The first ordinal published before `day`: every smaller ordinal is published on or after it.
    func firstOrdinal(before day: Int32) -> Int32 {
        if !firstOrdinalBefore.isEmpty {
            if day <= firstDay { return Int32(days.count) }
            let offset = Int(day - firstDay)
            return offset < firstOrdinalBefore.count ? firstOrdinalBefore[offset] : 0
        }
        return Int32(days.partitioningIndex { $0 < day })
    }
}

/// The articles of a timeline, oldest first, read through the store's newest-first ordinals without
/// copying them.
struct ArticleTimeline: Sendable {
    /// Where each day starts among the ordinals (made once per snapshot).
    let boundaries: DayBoundaries
    let ordinals: ArticleMatches.Ordinals

    /// Each article's publication day, by ordinal.
    var days: [Int32] { boundaries.days }

    var count: Int {
        switch ordinals {
        case .range(let range): range.count
        case .list(let list): list.count
        }
    }

    /// Whether the article at `ordinal` is in the timeline.
    func contains(_ ordinal: Int32) -> Bool {
        switch ordinals {
        case .range(let range): return range.contains(ordinal)
        case .list(let list):
            let index = list.partitioningIndex { $0 >= ordinal }
            return index < list.count && list[index] == ordinal
        }
    }

    /// The ordinal of the `index`-th oldest article.
    func ordinal(at index: Int) -> Int32 {
        switch ordinals {
        case .range(let range): range.upperBound - 1 - Int32(index)
        case .list(let list): list[list.count - 1 - index]
        }
    }

    /// The publication day of the `index`-th oldest article.
    func day(at index: Int) -> Int32 {
        days[Int(ordinal(at: index))]
    }

    /// How many of the articles were published before `day`: those at or after the day's boundary.
    func countBefore(_ day: Int32) -> Int {
        let boundary = boundaries.firstOrdinal(before: day)
        switch ordinals {
        case .range(let range): return Int(range.upperBound - max(range.lowerBound, min(boundary, range.upperBound)))
        case .list(let list): return list.count - list.partitioningIndex { $0 >= boundary }
        }
    }

    /// How many of the articles were published on or before `day`.
    func countOnOrBefore(_ day: Int32) -> Int {
        countBefore(day + 1)
    }
}
