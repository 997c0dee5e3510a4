/// A date as the data states it: a year, a month or a day, and where it comes from.
public struct DateValue: Hashable, Sendable {
    /// The date as written: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, matching `precision`.
    public let value: String
    /// How much of the date is known.
    public let precision: DatePrecision
    /// Whether the article states it or it comes from the public record.
    public let origin: DateOrigin
    /// Where an external date comes from, or what it is.
    public let note: String?
    /// The first day of the period, as days since 1970-01-01; what dates sort and filter by.
    public let day: Int32

    /// Creates a date, or returns `nil` if `value` does not match `precision` or is not a calendar date.
    public init?(value: String, precision: DatePrecision, origin: DateOrigin, note: String? = nil) {
        guard case .valid(let day) = DateValue.check(value, precision: precision) else { return nil }
        self.value = value
        self.precision = precision
        self.origin = origin
        self.note = note
        self.day = day
    }

    /// The last day of the period (the same as `day` for a day-precision date): a date of month or
    /// year precision is the range `day...lastDay`, never just its first day.
    public var lastDay: Int32 {
        switch precision {
        case .day:
            return day
        case .month:
            let (year, month, _) = CalendarDay.date(of: day)
            return day + Int32(CalendarDay.daysIn(month: month, year: year)) - 1
        case .year:
            let (year, _, _) = CalendarDay.date(of: day)
            return CalendarDay.number(year: year, month: 12, day: 31) ?? day
        }
    }
}
