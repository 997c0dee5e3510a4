/// The instrument a trade measure uses.
public enum MeasureType: String, CaseIterable, Hashable, Sendable {
    /// A tariff or duty.
    case tariff
    /// A restriction on exports.
    case exportControl = "export_control"
    /// An anti-dumping duty.
    case antiDumping = "anti_dumping"
    /// A countervailing (anti-subsidy) duty.
    case countervailing
    /// A safeguard measure.
    case safeguard
    /// A rule of origin.
    case rulesOfOrigin = "rules_of_origin"
    /// A change in market access.
    case marketAccess = "market_access"
    /// Screening of foreign investment.
    case investmentScreening = "investment_screening"
    /// Anything else.
    case other
}
