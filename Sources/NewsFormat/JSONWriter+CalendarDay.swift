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

/// Days spelt as `JSONWriter.day(_:)` writes them (`"2025-04-14"`, quotes included), for one span of
/// days, made once so that writing a day of the span is a copy of its bytes.
package struct DayLabels: Sendable {
    /// The first day of the span.
    let first: Int32
    /// How many days the span holds (0 when empty).
    let count: Int
    /// Each day's label, `width` bytes a day from `first`.
    let text: [UInt8]

    /// Bytes a label takes.
    static let width = 12

    /// The labels of `first...last`, within years 1-9999 (an empty table when `last < first`).
    package init(from first: Int32, through last: Int32) {
        let first = max(first, CalendarDay.number(year: 1, month: 1, day: 1)!)
        let last = min(last, CalendarDay.number(year: 9999, month: 12, day: 31)!)
        guard first <= last else {
            self.first = 0
            count = 0
            text = []
            return
        }
        var text: [UInt8] = []
        text.reserveCapacity((Int(last - first) + 1) * DayLabels.width)
        for day in first...last {
            var label = JSONWriter(capacity: DayLabels.width)
            label.day(day)
            text += label.bytes
        }
        self.first = first
        count = Int(last - first) + 1
        self.text = text
    }

    /// Whether the table holds `day`'s label.
    package func contains(_ day: Int32) -> Bool {
        let offset = Int(day) - Int(first)
        return offset >= 0 && offset < count
    }

    /// Copies `day`'s label, which the table holds, into `buffer` from `start`; returns its width.
    func copy(_ day: Int32, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        let offset = (Int(day) - Int(first)) * DayLabels.width
        text.withUnsafeBufferPointer { text in
            UnsafeMutableRawPointer(buffer.baseAddress! + start)
                .copyMemory(from: text.baseAddress! + offset, byteCount: DayLabels.width)
        }
        return DayLabels.width
    }
}

extension JSONWriter {
    /// Starts an object with its `start` and `end` days spelt from `labels`, which hold both
    /// (`{"start":"2025-04-01","end":"2025-04-30"`), in one append: a counted timeline starts one
    /// such object per period.
    package mutating func beginPeriod(from start: Int32, to end: Int32, labels: DayLabels) {
        precondition(labels.contains(start) && labels.contains(end), "a period's days are outside its labels")
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 + 2 * (DayLabels.width + 9)) { buffer in
            var count = 0
            if needsComma {
                buffer[count] = UInt8(ascii: ",")
                count += 1
            }
            buffer[count] = UInt8(ascii: "{")
            count += 1
            count += JSONWriter.writeName("start", comma: false, into: buffer, at: count)
            count += labels.copy(start, into: buffer, at: count)
            count += JSONWriter.writeName("end", comma: true, into: buffer, at: count)
            count += labels.copy(end, into: buffer, at: count)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
        needsComma = true
    }
}
