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
    /// Names that link in text in any case (by default an alias's capitals must be capitals in the text).
    public let anyCaseAliases: [String]
    /// Names that link in text only when the same article also names the entity unambiguously.
    public let ambiguousAliases: [String]
    /// The id of the entity this one lies in (a city's country), if any.
    public let partOf: String?
    /// A country's ISO 3166-1 codes, if it is one.
    public let codes: Codes?
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
        anyCaseAliases: [String] = [],
        ambiguousAliases: [String] = [],
        partOf: String? = nil,
        codes: Codes? = nil,
        wikidataID: String? = nil,
        description: String? = nil
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.aliases = aliases
        self.caseSensitiveAliases = caseSensitiveAliases
        self.anyCaseAliases = anyCaseAliases
        self.ambiguousAliases = ambiguousAliases
        self.partOf = partOf
        self.codes = codes
        self.wikidataID = wikidataID
        self.description = description
    }
}

extension Entity {
    /// A country's ISO 3166-1 codes, for joining other data and drawing maps.
    public struct Codes: Hashable, Sendable {
        /// Two letters (`VN`).
        public let alpha2: String
        /// Three letters (`VNM`).
        public let alpha3: String
        /// Three digits, kept as a string so its leading zeros stay (`704`, `036`).
        public let numeric: String

        /// Creates a set of codes.
        public init(alpha2: String, alpha3: String, numeric: String) {
            self.alpha2 = alpha2
            self.alpha3 = alpha3
            self.numeric = numeric
        }
    }
}
