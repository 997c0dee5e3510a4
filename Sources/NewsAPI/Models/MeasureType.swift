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
    /// A technical barrier to trade: a product standard, technical regulation or conformity assessment.
    case technicalBarrierToTrade = "technical_barrier_to_trade"
    /// A subsidy or other state aid.
    case subsidy
    /// A quota or tariff-rate quota on imports or exports.
    case quota
    /// A ban on imports.
    case importBan = "import_ban"
    /// A tax or duty on exports.
    case exportTax = "export_tax"
    /// Anything else.
    case other
}
