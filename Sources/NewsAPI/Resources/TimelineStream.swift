/// Article events and milestones merged into one stream, oldest first, without materialising it: on
/// the same day articles come before milestones, so a milestone's place in the stream is its own index
/// plus the number of articles published on or before its day.
struct TimelineStream: Sendable {
    enum Event: Sendable {
        case article(Int)
        case milestone(TimelineResource.Milestone)
    }

    let articles: ArticleTimeline
    let milestones: MilestoneList

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
}

/// The periods of a counted timeline; each period's counts are binary searches, made only for the
/// periods written.
struct TimelineBuckets: Sendable {
    let articles: ArticleTimeline
    /// Where the periods start, ascending, then the day after the last one ends (empty when there are
    /// no periods): period `i` is `edges[i]..<edges[i + 1]`.
    let edges: [Int32]
    /// Whether position 0 is the newest period.
    let descending: Bool
    /// Article dates coarser than the interval: counted as `articles_imprecise`, not in `articles`.
    let coarse: DayRanges
    /// How the milestones in scope are counted in the interval's periods.
    let milestones: MilestoneCounting
    /// Days the measures in scope came into force, and days they stopped, sorted.
    let started: [Int32]
    let stopped: [Int32]
    /// The days' spellings, made once per snapshot.
    let labels: DayLabels

    var count: Int { max(0, edges.count - 1) }

    /// The period at `position`, with its counts.
    subscript(position: Int) -> TimelineBucket {
        let index = ascendingIndex(of: position)
        let articlesBefore = (articles.countBefore(edges[index]), articles.countBefore(edges[index + 1]))
        var alone = [bucket(at: index, articlesBefore: articlesBefore)]
        milestones.count(into: &alone)
        return alone[0]
    }

    /// The periods at `positions`, in position order, counted together: each edge shared by two
    /// neighbouring periods is searched once, in one pass over the articles.
    func buckets(at positions: Range<Int>) -> [TimelineBucket] {
        guard !positions.isEmpty else { return [] }
        let first = min(ascendingIndex(of: positions.lowerBound), ascendingIndex(of: positions.upperBound - 1))
        let indices = first..<(first + positions.count)
        let before = articles.countsBefore(edges[indices.lowerBound...indices.upperBound])
        var buckets: [TimelineBucket] = []
        buckets.reserveCapacity(positions.count)
        for index in indices {
            let offset = index - first
            buckets.append(bucket(at: index, articlesBefore: (before[offset], before[offset + 1])))
        }
        milestones.count(into: &buckets)
        if descending { buckets.reverse() }
        return buckets
    }

    /// The most periods one request may count, so a wide range of days cannot exhaust the server.
    static let maximumBuckets = 50_000

    /// The periods of `articles` and of the milestones `milestones` counts from `from` (or the first
    /// event) through `through` (or the last event). `coarse` are the article dates coarser than the
    /// interval; `started` and `stopped` when the measures in scope came into force and stopped (sorted),
    /// for the stock in force at the end of each period; `labels` the days' spellings made at load.
    static func counting(
        _ articles: ArticleTimeline, by interval: TimelineInterval, from firstDay: Int32?, through lastDay: Int32?,
        descending: Bool, coarse: DayRanges, milestones: MilestoneCounting, started: [Int32], stopped: [Int32],
        labels: DayLabels
    ) throws -> TimelineBuckets {
        let articleDays = articles.oldestAndNewestDays
        let firstArticle = articleDays?.oldest
        let lastArticle = articleDays?.newest
        var edges: [Int32] = []
        if let start = firstDay ?? earliest(firstArticle, milestones.firstDay),
            let end = lastDay ?? latest(lastArticle, milestones.lastDay), start <= end
        {
            guard let periods = interval.edges(from: start, through: end, limit: TimelineBuckets.maximumBuckets) else {
                throw Problem.invalidParameters([
                    Problem.InvalidParameter(
                        name: "interval",
                        reason:
                            "makes more than \(TimelineBuckets.maximumBuckets) periods over this range; use a longer interval or a narrower from/to"
                    )
                ])
            }
            edges = periods
        }
        return TimelineBuckets(
            articles: articles, edges: edges, descending: descending, coarse: coarse, milestones: milestones,
            started: started, stopped: stopped, labels: labels)
    }

    private static func earliest(_ left: Int32?, _ right: Int32?) -> Int32? {
        guard let left, let right else { return left ?? right }
        return min(left, right)
    }

    private static func latest(_ left: Int32?, _ right: Int32?) -> Int32? {
        guard let left, let right else { return left ?? right }
        return max(left, right)
    }

    /// The index in `edges` of the period at `position`.
    private func ascendingIndex(of position: Int) -> Int {
        descending ? count - 1 - position : position
    }

    /// The period starting at `edges[index]`, given how many articles come before its start and its end,
    /// with every count but the milestones'.
    private func bucket(at index: Int, articlesBefore: (start: Int, next: Int)) -> TimelineBucket {
        let start = edges[index]
        let next = edges[index + 1]
        var bucket = TimelineBucket(start: start, end: next - 1)
        bucket.articles = articlesBefore.next - articlesBefore.start - coarse.starting(from: start, before: next)
        bucket.articlesImprecise = coarse.overlapping(from: start, before: next)
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

    /// About how many bytes `write(to:)` writes (with small counts): room to reserve per period.
    static let typicalBytes = 240

    /// The calendar date of `day`, no earlier than `start` whose date is `first`: read off `first` when
    /// it is in the same month (as a day's or month's period ends), else computed.
    static func date(
        of day: Int32, after start: Int32, dated first: (year: Int, month: Int, day: Int)
    ) -> (year: Int, month: Int, day: Int) {
        let dayOfMonth = first.day + Int(day - start)
        guard dayOfMonth <= CalendarDay.daysIn(month: first.month, year: first.year) else { return CalendarDay.date(of: day) }
        return (first.year, first.month, dayOfMonth)
    }

    /// Writes the period as a JSON object, copying its days' spellings from `labels` when they hold them.
    func write(to json: inout JSONWriter, labels: DayLabels) {
        if labels.contains(start), labels.contains(end) {
            json.beginPeriod(from: start, to: end, labels: labels)
        } else {
            json.beginObject()
            let first = CalendarDay.date(of: start)
            json.key(ascii: "start"); json.day(start, date: first)
            json.key(ascii: "end"); json.day(end, date: TimelineBucket.date(of: end, after: start, dated: first))
        }
        json.members(
            ascii: ("articles", articles), ("articles_imprecise", articlesImprecise),
            ("measures_announced", measuresAnnounced), ("measures_in_force", measuresInForce),
            ("measures_removed", measuresRemoved), ("measures_imprecise", measuresImprecise),
            ("measures_active", measuresActive), ("claims", claims))
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
    let ordinals: Ordinals

    /// The articles' ordinals, ascending (newest first).
    enum Ordinals: Sendable {
        /// A contiguous run of ordinals.
        case range(Range<Int32>)
        /// Part of an ascending list, such as a posting list read in place.
        case list(ArraySlice<Int32>)
        /// The members of a bitmap, such as a search's for common words that lists its events.
        case bitmap(RankedBitmap)
        /// A search for common words, counted from its words' bitmaps without listing it: for counts
        /// by period, read in one pass. Listing one event costs a pass (use `bitmap` to list them).
        case conjunction(TermConjunction)
    }

    /// Each article's publication day, by ordinal.
    var days: [Int32] { boundaries.days }

    /// How many articles there are (a pass over the words for a conjunction).
    var count: Int {
        switch ordinals {
        case .range(let range): range.count
        case .list(let list): list.count
        case .bitmap(let bitmap): bitmap.count
        case .conjunction(let conjunction): conjunction.countAll()
        }
    }

    /// The publication days of the oldest and the newest article, or `nil` when there are none.
    var oldestAndNewestDays: (oldest: Int32, newest: Int32)? {
        let ordinals: (oldest: Int32, newest: Int32)?
        switch self.ordinals {
        case .conjunction(let conjunction):
            guard let first = conjunction.first, let last = conjunction.last else { return nil }
            ordinals = (last, first)
        default:
            let count = count
            ordinals = count > 0 ? (ordinal(at: 0), ordinal(at: count - 1)) : nil
        }
        return ordinals.map { (days[Int($0.oldest)], days[Int($0.newest)]) }
    }

    /// Whether the article at `ordinal` is in the timeline.
    func contains(_ ordinal: Int32) -> Bool {
        switch ordinals {
        case .range(let range): return range.contains(ordinal)
        case .list(let list):
            let index = list.partitioningIndex { $0 >= ordinal }
            return index < list.endIndex && list[index] == ordinal
        case .bitmap(let bitmap): return bitmap.contains(ordinal)
        case .conjunction(let conjunction): return conjunction.contains(ordinal)
        }
    }

    /// The ordinal of the `index`-th oldest article.
    func ordinal(at index: Int) -> Int32 {
        switch ordinals {
        case .range(let range): return range.upperBound - 1 - Int32(index)
        case .list(let list): return list[list.endIndex - 1 - index]
        case .bitmap(let bitmap): return bitmap.member(withRank: bitmap.count - 1 - index)
        case .conjunction(let conjunction):
            let position = conjunction.countAll() - 1 - index
            return conjunction.ordinals(at: position..<position + 1)[0]
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
        case .list(let list): return list.endIndex - list.partitioningIndex { $0 >= boundary }
        case .bitmap(let bitmap): return bitmap.count - bitmap.rank(of: boundary)
        case .conjunction(let conjunction): return conjunction.countsAtOrAbove([boundary])[0]
        }
    }

    /// How many of the articles were published before each of `days` (ascending), in one pass: over a
    /// list, each search starts where the previous one ended and steps down in doubling strides before
    /// halving, so it reads the part of the list next to the last period's articles, not the whole.
    func countsBefore(_ days: ArraySlice<Int32>) -> [Int] {
        if case .conjunction(let conjunction) = ordinals {
            return conjunction.countsAtOrAbove(days.lazy.map(boundaries.firstOrdinal(before:)))
        }
        guard case .list(let list) = ordinals else { return days.map(countBefore) }
        var counts: [Int] = []
        counts.reserveCapacity(days.count)
        // Later days have smaller boundaries, so their first ordinal at or after the boundary is no
        // further along the list.
        var end = list.endIndex
        for day in days {
            end = ArticleTimeline.firstIndex(in: list, below: end, atOrAfter: boundaries.firstOrdinal(before: day))
            counts.append(list.endIndex - end)
        }
        return counts
    }

    /// The first index of `list[..<end]` whose ordinal is at least `boundary` (`end` when none is), for a
    /// list whose ordinals from `end` on are all at least `boundary`: found by strides of 1, 2, 4, ...
    /// down from `end`, then by halving the last stride.
    static func firstIndex(in list: ArraySlice<Int32>, below end: Int, atOrAfter boundary: Int32) -> Int {
        var upper = end
        var lower = list.startIndex
        var stride = 1
        while upper - stride >= list.startIndex {
            if list[upper - stride] < boundary {
                lower = upper - stride + 1
                break
            }
            upper -= stride
            stride *= 2
        }
        return list[lower..<upper].partitioningIndex { $0 >= boundary }
    }

    /// How many of the articles were published on or before `day`.
    func countOnOrBefore(_ day: Int32) -> Int {
        countBefore(day + 1)
    }
}
