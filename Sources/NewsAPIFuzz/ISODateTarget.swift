import NewsAPI

/// Parses any bytes as an ISO 8601 date or date-time and checks that an accepted date is the
/// calendar date as written, and that day numbers and dates convert back and forth.
enum ISODateTarget {
    /// Runs one input.
    static func run(_ input: [UInt8]) {
        let text = String(decoding: input, as: UTF8.self)
        guard let day = CalendarDay.parseISO8601(text) else { return }
        let written = String(decoding: Array(text.utf8.prefix(10)), as: UTF8.self)
        let iso = CalendarDay.isoString(of: day)
        FuzzCheck.expect(iso == written, "\(text.debugDescription) parsed to day \(day), which is \(iso)")
        let date = CalendarDay.date(of: day)
        FuzzCheck.expect(
            CalendarDay.number(year: date.year, month: date.month, day: date.day) == day,
            "day \(day) → \(date) does not convert back (\(text.debugDescription))")
        FuzzCheck.expect(CalendarDay.parseISO8601(iso) == day, "\(iso) does not parse back to day \(day)")
    }
}
