/// Article events and measure milestones merged into one stream, oldest first, without materialising
/// it: on the same day articles come before milestones, so a milestone's place in the stream is its
/// own index plus the number of articles published on or before its day.
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
    func buckets(_ interval: TimelineInterval, from firstDay: Int32?, through lastDay: Int32?,
                 descending: Bool) throws -> TimelineBuckets {
        let firstEvent = [articles.count > 0 ? articles.day(at: 0) : nil, milestones.first?.day].compactMap { $0 }.min()
        let lastEvent = [articles.count > 0 ? articles.day(at: articles.count - 1) : nil, milestones.last?.day]
            .compactMap { $0 }.max()
        guard let start = firstDay ?? firstEvent, let end = lastDay ?? lastEvent, start <= end else {
            return TimelineBuckets(stream: self, interval: interval, starts: [])
        }
        var starts: [Int32] = []
        var period = interval.start(of: start)
        while period <= end {
            guard starts.count < TimelineStream.maximumBuckets else {
                throw Problem.invalidParameters([Problem.InvalidParameter(
                    name: "interval",
                    reason: "makes more than \(TimelineStream.maximumBuckets) periods over this range; use a longer interval or a narrower from/to")])
            }
            starts.append(period)
            period = interval.next(after: period)
        }
        return TimelineBuckets(stream: self, interval: interval, starts: descending ? starts.reversed() : starts)
    }
}
