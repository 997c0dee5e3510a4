/// Where a trade measure stands, as last reported.
public enum MeasureStatus: String, CaseIterable, Hashable, Sendable {
    /// Proposed but not decided.
    case proposed
    /// Announced but not yet in force.
    case announced
    /// Being applied.
    case inForce = "in_force"
    /// Suspended for now.
    case suspended
    /// Withdrawn or ended.
    case removed
}
