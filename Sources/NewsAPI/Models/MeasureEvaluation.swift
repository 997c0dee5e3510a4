/// A trade measure's effect on trade.
public enum MeasureEvaluation: String, CaseIterable, Hashable, Sendable {
    /// It makes trade harder.
    case restrictive
    /// It makes trade easier.
    case liberalising
    /// Some of both.
    case mixed
}
