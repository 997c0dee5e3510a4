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
