/// The periods a timeline can be counted in.
enum TimelineInterval: String, CaseIterable, Sendable {
    case day
    case week
    case month

    /// The first day of the period containing `day` (weeks start on Monday, as in ISO 8601).
    func start(of day: Int32) -> Int32 {
        switch self {
        case .day:
            return day
        case .week:
            // 1970-01-01 was a Thursday: shift so Monday is 0.
            let weekday = ((Int(day) + 3) % 7 + 7) % 7
            return day - Int32(weekday)
        case .month:
            let (year, month, _) = CalendarDay.date(of: day)
            return CalendarDay.number(year: year, month: month, day: 1)!
        }
    }

    /// The first day of the period after the one starting on `start`.
    func next(after start: Int32) -> Int32 {
        switch self {
        case .day: return start + 1
        case .week: return start + 7
        case .month:
            let (year, month, _) = CalendarDay.date(of: start)
            return month == 12
                ? CalendarDay.number(year: year + 1, month: 1, day: 1)!
                : CalendarDay.number(year: year, month: month + 1, day: 1)!
        }
    }

    /// The first day of each period from the one containing `start` through the one containing `end`,
    /// then the first day after the last (period `i` is `edges[i]..<edges[i + 1]`); `nil` when there
    /// would be more than `limit` periods. Months are stepped by their lengths, not found from each day.
    func edges(from start: Int32, through end: Int32, limit: Int) -> [Int32]? {
        var edges: [Int32] = []
        edges.reserveCapacity(min(estimatedPeriods(from: start, through: end), limit) + 1)
        var period = self.start(of: start)
        var (year, month, _) = CalendarDay.date(of: period)
        while period <= end {
            guard edges.count < limit else { return nil }
            edges.append(period)
            switch self {
            case .day: period += 1
            case .week: period += 7
            case .month:
                period += Int32(CalendarDay.daysIn(month: month, year: year))
                (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
            }
        }
        edges.append(period)
        return edges
    }

    /// At least as many periods as start from `start` through `end` (at most one more per month).
    private func estimatedPeriods(from start: Int32, through end: Int32) -> Int {
        let days = max(0, Int(end) - Int(start)) + 1
        switch self {
        case .day: return days
        case .week: return days / 7 + 1
        case .month: return days / 28 + 1
        }
    }

    /// Whether a date of `precision` can be placed in a period of this interval: day dates anywhere,
    /// month dates in month periods, year dates nowhere finer than a year.
    func isAsCoarse(as precision: DatePrecision) -> Bool {
        switch precision {
        case .day: true
        case .month: self == .month
        case .year: false
        }
    }
}
