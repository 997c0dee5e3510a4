/// A person, country, organization, company, product or place that articles mention.
public struct Entity: Hashable, Sendable {
    /// A readable slug: lowercase letters, digits and `-` (`united-states`).
    public let id: String
    /// The preferred name.
    public let name: String
    /// What kind of entity this is.
    public let type: EntityType
    /// Other names, abbreviations, demonyms and metonyms.
    public let aliases: [String]
    /// Names (the name or aliases) that link in text only when the case matches exactly.
    public let caseSensitiveAliases: [String]
    /// The Wikidata item id (`Q` followed by digits), if known.
    public let wikidataID: String?
    /// One line saying who or what it is.
    public let description: String?

    /// Creates an entity from its fields.
    public init(
        id: String,
        name: String,
        type: EntityType,
        aliases: [String] = [],
        caseSensitiveAliases: [String] = [],
        wikidataID: String? = nil,
        description: String? = nil
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.aliases = aliases
        self.caseSensitiveAliases = caseSensitiveAliases
        self.wikidataID = wikidataID
        self.description = description
    }
}
