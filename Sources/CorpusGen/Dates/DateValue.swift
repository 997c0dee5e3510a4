/// A date as the data format writes it: a day, how much of it is known, and where it comes from.
struct DateValue: Sendable {
    /// How much of the date is known.
    enum Precision: String, Sendable {
        case year, month, day
    }

    /// Whether the date is stated in the article text or taken from the public record.
    enum Origin: String, Sendable {
        case text, external
    }

    /// A day inside the period; only the part `precision` keeps is written.
    let day: Day
    let precision: Precision
    let origin: Origin
    /// Where an external date comes from, or what it is.
    let note: String?

    /// Creates a date; `note` is usually set only for external dates.
    init(day: Day, precision: Precision, origin: Origin, note: String? = nil) {
        self.day = day
        self.precision = precision
        self.origin = origin
        self.note = note
    }

    /// The first day of the period, which is how the server sorts and filters the date.
    var start: Day {
        let (year, month, day) = self.day.components
        switch precision {
        case .day: return Day(year: year, month: month, day: day)
        case .month: return Day(year: year, month: month, day: 1)
        case .year: return Day(year: year, month: 1, day: 1)
        }
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as `precision` says.
    var value: String {
        let (year, month, day) = self.day.components
        let yyyy = String(year)
        switch precision {
        case .year: return yyyy
        case .month: return yyyy + "-" + Self.twoDigits(month)
        case .day: return yyyy + "-" + Self.twoDigits(month) + "-" + Self.twoDigits(day)
        }
    }

    /// Writes the JSON object `{"value", "precision", "origin", "note"?}`.
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("value", value)
        json.field("precision", precision.rawValue)
        json.field("origin", origin.rawValue)
        if let note {
            json.field("note", note)
        }
        json.endObject()
    }

    private static func twoDigits(_ number: Int) -> String {
        number < 10 ? "0\(number)" : String(number)
    }
}
