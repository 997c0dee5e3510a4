/// How a counted timeline counts its milestones per period: a tally made at load, read through the
/// request's window by binary searches, or one walk over the few milestones gathered for the request
/// (a tally would be laid out for that one reading, which costs more than the walk).
enum MilestoneCounting: Sendable {
    /// A scope's tally, made at load, counted as the window keeps it.
    case tally(MilestoneTally, MilestoneWindow)
    /// Milestones gathered for one request, all of them counted.
    case walk(MilestoneWalk)

    /// The first day of the earliest milestone counted (when the window has no first day).
    var firstDay: Int32? {
        switch self {
        case .tally(let tally, let window): tally.firstDay(in: window)
        case .walk(let walk): walk.firstDay
        }
    }

    /// The last day of the latest milestone counted (when the window has no last day).
    var lastDay: Int32? {
        switch self {
        case .tally(let tally, let window): tally.lastDay(in: window)
        case .walk(let walk): walk.lastDay
        }
    }

    /// Counts into each of `buckets`, periods of the interval one after another (ascending), the
    /// milestones of its period.
    func count(into buckets: inout [TimelineBucket]) {
        switch self {
        case .tally(let tally, let window):
            for index in buckets.indices {
                tally.count(into: &buckets[index], from: buckets[index].start, before: buckets[index].end + 1, in: window)
            }
        case .walk(let walk):
            walk.count(into: &buckets)
        }
    }
}

/// Milestones gathered for one request, oldest first, counted into a run of periods by the rules of
/// `MilestoneTally`: one dated at least as precisely as the interval lies within one period and counts
/// there, by kind, found in one walk from the run's first day (the milestones are in day order); a
/// measure's dated more coarsely counts in `measures_imprecise` of every period its range overlaps, by
/// binary searches over those alone; a claim's dated more coarsely is not counted. A run of one period
/// (an export counts each alone) reads only that period's milestones.
struct MilestoneWalk: Sendable {
    typealias Milestone = TimelineResource.Milestone

    /// Every milestone, oldest first (`TimelineMilestones.all`).
    private let all: [Milestone]
    /// The places in `all` of those counted, ascending (so in day order).
    private let places: [Int32]
    private let interval: TimelineInterval
    /// The date ranges of the measure milestones dated more coarsely than the interval.
    private let coarse: DayRanges
    /// The first day of the earliest milestone, and the last day of the latest.
    let firstDay: Int32?
    let lastDay: Int32?

    init(all: [Milestone], places: [Int32], interval: TimelineInterval) {
        self.all = all
        self.places = places
        self.interval = interval
        var coarse: [(first: Int32, last: Int32)] = []
        var lastDay: Int32?
        for place in places {
            let milestone = all[Int(place)]
            lastDay = max(lastDay ?? milestone.lastDay, milestone.lastDay)
            if milestone.isMeasure, !interval.isAsCoarse(as: milestone.precision) {
                coarse.append((milestone.day, milestone.lastDay))
            }
        }
        self.coarse = DayRanges(coarse)
        firstDay = places.first.map { all[Int($0)].day }
        self.lastDay = lastDay
    }

    /// Counts into `buckets` (consecutive periods of the interval, ascending) the milestones of each.
    func count(into buckets: inout [TimelineBucket]) {
        guard let runStart = buckets.first?.start, let runEnd = buckets.last.map({ $0.end + 1 }) else { return }
        for index in buckets.indices {
            buckets[index].measuresImprecise = coarse.overlapping(from: buckets[index].start, before: buckets[index].end + 1)
        }
        // The period of the last milestone placed: days only grow along the walk, so it only moves on.
        var period = 0
        let first = places.partitioningIndex { all[Int($0)].day >= runStart }
        for place in places[first...] {
            let milestone = all[Int(place)]
            if milestone.day >= runEnd { break }
            guard interval.isAsCoarse(as: milestone.precision) else { continue }
            while buckets[period].end < milestone.day { period += 1 }
            switch milestone.kind {
            case .measureAnnounced: buckets[period].measuresAnnounced += 1
            case .measureInForce: buckets[period].measuresInForce += 1
            case .measureRemoved, .measureSuspended: buckets[period].measuresRemoved += 1
            case .claimDisputed: buckets[period].claims += 1
            case .articlePublished: break
            }
        }
    }
}
