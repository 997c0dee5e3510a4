// The words the data files and the API use for kinds, types, statuses and qualifiers: each enum's raw
// values are exactly the strings docs/data-format.md and openapi.yaml allow.

/// Whether an article is a full news story or a short news item.
public enum ArticleKind: String, CaseIterable, Hashable, Sendable {
    /// A full article.
    case article
    /// A short news item.
    case brief
}

/// What kind of thing an entity is.
public enum EntityType: String, CaseIterable, Hashable, Sendable {
    /// A person.
    case person
    /// A country or other sovereign jurisdiction.
    case country
    /// An organization that is not a company (a ministry, a bloc, a party).
    case organization
    /// A company.
    case company
    /// A product or brand.
    case product
    /// A place that is not a country (a city, a sea, a region).
    case place
}

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

/// A trade measure's effect on trade.
public enum MeasureEvaluation: String, CaseIterable, Hashable, Sendable {
    /// It makes trade harder.
    case restrictive
    /// It makes trade easier.
    case liberalising
    /// Some of both.
    case mixed
}

/// How a trade measure's rate is bounded.
public enum RateQualifier: String, CaseIterable, Hashable, Sendable {
    /// Exactly this rate.
    case exact
    /// At most this rate.
    case upTo = "up_to"
    /// At least this rate.
    case atLeast = "at_least"
}
