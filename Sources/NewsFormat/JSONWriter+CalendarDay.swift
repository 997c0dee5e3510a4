extension JSONWriter {
    /// Writes a day number as an ISO 8601 date string (`"2025-04-14"`), spelt as
    /// `CalendarDay.isoString(of:)` spells it, without making the string: a counted timeline writes two
    /// per period.
    package mutating func day(_ number: Int32) {
        day(number, date: CalendarDay.date(of: number))
    }

    /// Writes a day number as `day(_:)` does, given its calendar date (`CalendarDay.date(of:)`), for a
    /// caller that already knows it.
    package mutating func day(_ number: Int32, date: (year: Int, month: Int, day: Int)) {
        let (year, month, day) = date
        guard (0...9999).contains(year) else { return string(CalendarDay.isoString(of: number)) }
        separate()
        let zero = UInt8(ascii: "0")
        let dash = UInt8(ascii: "-")
        let quote = UInt8(ascii: "\"")
        let text: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
            quote, zero + UInt8(year / 1000), zero + UInt8(year / 100 % 10), zero + UInt8(year / 10 % 10),
            zero + UInt8(year % 10), dash, zero + UInt8(month / 10), zero + UInt8(month % 10), dash,
            zero + UInt8(day / 10), zero + UInt8(day % 10), quote
        )
        withUnsafeBytes(of: text) { output.append(contentsOf: $0) }
        needsComma = true
    }
}
