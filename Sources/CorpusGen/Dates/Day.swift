/// A calendar day, counted in days from 1970-01-01, convertible to and from year, month and day.
struct Day: Comparable, Hashable, Sendable {
    /// Days since 1970-01-01 (negative before it).
    let number: Int

    /// The day with this number.
    init(number: Int) {
        self.number = number
    }

    /// The day of a real calendar date (proleptic Gregorian).
    init(year: Int, month: Int, day: Int) {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        number = era * 146_097 + dayOfEra - 719_468
    }

    /// The year, month (1-12) and day of month (1-31).
    var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The day `count` days later (earlier if negative).
    func adding(days count: Int) -> Day {
        Day(number: number + count)
    }

    /// The English name of its weekday ("Monday").
    var weekdayName: String {
        // 1970-01-01 was a Thursday.
        Self.weekdayNames[((number % 7) + 7 + 3) % 7]
    }

    /// The English name of its month ("March").
    var monthName: String {
        Self.monthNames[components.month - 1]
    }

    /// The date as people write it in prose: "4 March 2024".
    var prose: String {
        let (year, _, day) = components
        return "\(day) \(monthName) \(year)"
    }

    static func < (lhs: Day, rhs: Day) -> Bool {
        lhs.number < rhs.number
    }

    private static let weekdayNames = [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    ]
    private static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]
}
