/// A person, country, organization, company, product or place that articles mention.
struct Entity: Hashable, Sendable {
    /// A readable slug: lowercase letters, digits and `-` (`united-states`).
    let id: String
    /// The preferred name.
    let name: String
    /// What kind of entity this is.
    let type: EntityType
    /// Other names, abbreviations, demonyms and metonyms.
    let aliases: [String]
    /// Names (the name or aliases) that link in text only when the case matches exactly.
    let caseSensitiveAliases: [String]
    /// Names that link in text in any case (by default an alias's capitals must be capitals in the text).
    let anyCaseAliases: [String]
    /// Names that link in text only when the same article also names the entity unambiguously.
    let ambiguousAliases: [String]
    /// The id of the entity this one lies in (a city's country), if any.
    let partOf: String?
    /// A country's ISO 3166-1 codes, if it is one.
    let codes: Codes?
    /// The Wikidata item id (`Q` followed by digits), if known.
    let wikidataID: String?
    /// One line saying who or what it is.
    let description: String?

    /// Creates an entity from its fields.
    init(
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
    struct Codes: Hashable, Sendable {
        /// Two letters (`VN`).
        let alpha2: String
        /// Three letters (`VNM`).
        let alpha3: String
        /// Three digits, kept as a string so its leading zeros stay (`704`, `036`).
        let numeric: String

        /// Creates a set of codes.
        init(alpha2: String, alpha3: String, numeric: String) {
            self.alpha2 = alpha2
            self.alpha3 = alpha3
            self.numeric = numeric
        }
    }
}
