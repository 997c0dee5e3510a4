/// How much of a date is known.
public enum DatePrecision: String, CaseIterable, Hashable, Sendable {
    /// Only the year (`YYYY`).
    case year
    /// The year and month (`YYYY-MM`).
    case month
    /// The exact day (`YYYY-MM-DD`).
    case day
}
