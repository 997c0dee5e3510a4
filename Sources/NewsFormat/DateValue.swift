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

    /// The date of `precision` that holds `day` (days since 1970-01-01, in years 1-9999): its year,
    /// its month or the day itself, as a generated corpus writes it.
    package init(containing day: Int32, precision: DatePrecision, origin: DateOrigin, note: String? = nil) {
        let length =
            switch precision {
            case .year: 4
            case .month: 7
            case .day: 10
            }
        let value = String(CalendarDay.isoString(of: day).prefix(length))
        guard let date = DateValue(value: value, precision: precision, origin: origin, note: note) else {
            preconditionFailure("day \(day) is outside years 1-9999")
        }
        self = date
    }

    /// The result of checking a date string against a precision.
    package enum Check: Hashable, Sendable {
        /// The date is valid; `day` is the first day of its period (days since 1970-01-01).
        case valid(day: Int32)
        /// The string does not have the shape the precision requires.
        case wrongShape(expected: String)
        /// The string has the right shape but names no calendar date (2025-02-30, month 13).
        case notACalendarDate
    }

    /// Checks `value` against `precision`: its shape, then that it is a real calendar date.
    package static func check(_ value: String, precision: DatePrecision) -> Check {
        let expected =
            switch precision {
            case .year: "YYYY"
            case .month: "YYYY-MM"
            case .day: "YYYY-MM-DD"
            }
        let bytes = Array(value.utf8)
        guard bytes.count == expected.utf8.count else { return .wrongShape(expected: expected) }
        for (byte, pattern) in zip(bytes, expected.utf8) {
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            if pattern == UInt8(ascii: "-") ? byte != pattern : !isDigit {
                return .wrongShape(expected: expected)
            }
        }
        func number(_ start: Int, _ count: Int) -> Int {
            bytes[start..<start + count].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        let year = number(0, 4)
        let month = precision == .year ? 1 : number(5, 2)
        let day = precision == .day ? number(8, 2) : 1
        guard let dayNumber = CalendarDay.number(year: year, month: month, day: day) else {
            return .notACalendarDate
        }
        return .valid(day: dayNumber)
    }
}

/// How much of a date is known.
public enum DatePrecision: String, CaseIterable, Hashable, Sendable {
    /// Only the year (`YYYY`).
    case year
    /// The year and month (`YYYY-MM`).
    case month
    /// The exact day (`YYYY-MM-DD`).
    case day
}

/// Where a date comes from.
public enum DateOrigin: String, CaseIterable, Hashable, Sendable {
    /// Stated in the article text.
    case text
    /// Taken from the public record.
    case external
}
