extension DateValue {
    /// The result of checking a date string against a precision.
    public enum Check: Hashable, Sendable {
        /// The date is valid; `day` is the first day of its period (days since 1970-01-01).
        case valid(day: Int32)
        /// The string does not have the shape the precision requires.
        case wrongShape(expected: String)
        /// The string has the right shape but names no calendar date (2025-02-30, month 13).
        case notACalendarDate
    }

    /// Checks `value` against `precision`: its shape, then that it is a real calendar date.
    public static func check(_ value: String, precision: DatePrecision) -> Check {
        let expected = switch precision {
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
