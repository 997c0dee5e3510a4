/// When a trade measure is in force, by the one rule every endpoint uses (`in_force_on`, `/timeline`,
/// the `in_force` member of each measure), worked out once per snapshot.
///
/// - It is in force **from** its `date_in_force` (origin `stated` when the article says so,
///   `public_record` when the date comes from the public record); a measure reported `in_force`,
///   `suspended` or `removed` with no such date is in force from the publication of the earliest
///   article reporting it, never before its announcement (origin `inferred`). A `proposed` or
///   `announced` measure with no `date_in_force` is never in force.
/// - It stops being in force **on** its `date_removed` (for a `suspended` measure, when the suspension
///   took effect); a `removed` or `suspended` measure with no such date stops on the publication of the
///   latest article reporting it, since the status is as last reported (origin `inferred`), and never
///   before the day after it came into force.
/// - A date of month or year precision is a range: the measure counts as in force only from the
///   range's last day (when it certainly is), and as stopped from the range's first day.
struct MeasureLifecycle: Hashable, Sendable {
    /// Where a lifecycle day comes from.
    enum Origin: String, CaseIterable, Hashable, Sendable {
        /// The article text states the date.
        case stated
        /// The date is taken from the public record.
        case publicRecord = "public_record"
        /// No date is given; the day is that of an article reporting the measure.
        case inferred

        init(_ origin: DateOrigin) {
            self = origin == .text ? .stated : .publicRecord
        }
    }

    /// One end of the period in force: the date as known, the day it counts from, and its origin.
    struct Boundary: Hashable, Sendable {
        /// The date as the data gives it, or the reporting article's publication date when inferred.
        let date: DateValue
        /// The day this boundary takes effect for counting (days since 1970-01-01).
        let day: Int32
        /// Where the date comes from.
        let origin: Origin
        /// The article the date is inferred from, when `origin` is `inferred`.
        let articleID: String?
    }

    /// The first day of the announcement's period, if it has one.
    let announced: Int32?
    /// When it came into force, or `nil` if it never did.
    let inForce: Boundary?
    /// When it stopped being in force (removed or suspended), or `nil` if it has not.
    let ended: Boundary?

    /// Whether the measure is in force on `day`.
    func isInForce(on day: Int32) -> Bool {
        guard let inForce, inForce.day <= day else { return false }
        return ended.map { day < $0.day } ?? true
    }

    /// Whether the measure is in force at any time in `first...last` (either end open).
    func isInForce(between first: Int32?, and last: Int32?) -> Bool {
        guard let inForce else { return false }
        if let last, inForce.day > last { return false }
        if let first, let ended, ended.day <= first { return false }
        return true
    }

    /// Works out the lifecycle of `measure`; `published` gives the publication date of a cited article.
    init(_ measure: TradeMeasure, published: (String) -> DateValue?) {
        announced = measure.dateAnnounced?.day
        let reports = measure.sources.compactMap { source in published(source.articleID).map { (source.articleID, $0) } }
        if let date = measure.dateInForce {
            inForce = Boundary(date: date, day: date.lastDay, origin: Origin(date.origin), articleID: nil)
        } else if [.inForce, .suspended, .removed].contains(measure.status),
            let first = reports.min(by: { ($0.1.lastDay, $0.0) < ($1.1.lastDay, $1.0) })
        {
            inForce = Boundary(
                date: first.1, day: max(first.1.lastDay, measure.dateAnnounced?.lastDay ?? first.1.lastDay),
                origin: .inferred, articleID: first.0)
        } else {
            inForce = nil
        }
        if let date = measure.dateRemoved {
            ended = Boundary(date: date, day: date.day, origin: Origin(date.origin), articleID: nil)
        } else if [.suspended, .removed].contains(measure.status), let start = inForce,
            let last = reports.max(by: { ($0.1.day, $1.0) < ($1.1.day, $0.0) })
        {
            // Never before it came into force: a measure reported once is in force on that day at least.
            ended = Boundary(date: last.1, day: max(last.1.day, start.day + 1), origin: .inferred, articleID: last.0)
        } else {
            ended = nil
        }
    }
}
