/// How a trade measure's rate is bounded.
public enum RateQualifier: String, CaseIterable, Hashable, Sendable {
    /// Exactly this rate.
    case exact
    /// At most this rate.
    case upTo = "up_to"
    /// At least this rate.
    case atLeast = "at_least"
}
