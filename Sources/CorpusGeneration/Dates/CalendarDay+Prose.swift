import NewsFormat

/// Days as prose names them, for the sentences articles carry.
extension CalendarDay {
    /// The English name of the day's weekday ("Monday").
    static func weekdayName(of day: Int32) -> String {
        // 1970-01-01 was a Thursday.
        weekdayNames[((Int(day) % 7) + 7 + 3) % 7]
    }

    /// The day as people write it in prose: "4 March 2024".
    static func prose(of day: Int32) -> String {
        let (year, month, dayOfMonth) = date(of: day)
        return "\(dayOfMonth) \(monthNames[month - 1]) \(year)"
    }

    private static let weekdayNames = [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    ]
    private static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]
}
