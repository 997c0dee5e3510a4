/// The orders a trade-measure list can come in; measures with no known announcement date come last.
enum MeasureSort: String, CaseIterable, Sendable {
    /// Most recently announced first (the default).
    case newestFirst = "-date_announced"
    /// Earliest announced first.
    case oldestFirst = "date_announced"
}
