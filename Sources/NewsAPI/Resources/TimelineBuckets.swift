/// The periods of a counted timeline; each period's counts are computed only when it is written.
struct TimelineBuckets: Sendable {
    let stream: TimelineStream
    let interval: TimelineInterval
    let starts: [Int32]

    var count: Int { starts.count }

    /// The period at `position`, with its counts.
    subscript(position: Int) -> TimelineBucket {
        bucket(startingOn: starts[position])
    }

    private func bucket(startingOn start: Int32) -> TimelineBucket {
        let next = interval.next(after: start)
        let articles = stream.articles.countBefore(next) - stream.articles.countBefore(start)
        let first = stream.milestones.partitioningIndex { $0.day >= start }
        let last = stream.milestones.partitioningIndex { $0.day >= next }
        var bucket = TimelineBucket(start: start, end: next - 1, articles: articles)
        for milestone in stream.milestones[first..<last] {
            switch milestone.kind {
            case .measureAnnounced: bucket.measuresAnnounced += 1
            case .measureInForce: bucket.measuresInForce += 1
            case .measureRemoved: bucket.measuresRemoved += 1
            case .articlePublished: break
            }
        }
        return bucket
    }
}
