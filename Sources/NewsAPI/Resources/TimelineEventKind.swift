/// What happened at a point of the timeline.
enum TimelineEventKind: String, CaseIterable, Sendable {
    case articlePublished = "article_published"
    case measureAnnounced = "measure_announced"
    case measureInForce = "measure_in_force"
    case measureRemoved = "measure_removed"
}
