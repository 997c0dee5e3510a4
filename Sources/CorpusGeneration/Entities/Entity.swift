import NewsFormat

/// One entity: the record entities.json holds (fields as in docs/data-format.md), plus the forms
/// prose uses to mention it.
struct Entity: Sendable {
    let id: String
    let name: String
    let kind: EntityType
    let aliases: [String]
    /// Aliases (all also in `aliases`) that link only when the case matches, such as acronyms.
    let caseSensitiveAliases: [String]
    let wikidataID: String?
    let description: String
    /// Ways prose may name it as a noun: the name first, then aliases that read well in a sentence.
    let mentions: [[UInt8]]
    /// How a person or company is named again later in an article (the family name, the brand),
    /// which need not link.
    let laterMention: [UInt8]?
    /// Who a person is, written after their name ("Veldoria's trade minister").
    let role: [UInt8]?
    /// For countries, the adjective for its people and institutions ("Veldorian").
    let demonym: [UInt8]?
    /// The index of the country it belongs to, if any (for a country, itself).
    let country: Int?

    /// Writes the entities.json record.
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.key("id"); json.string(id)
        json.key("name"); json.string(name)
        json.key("type"); json.string(kind.rawValue)
        json.key("aliases"); json.strings(aliases)
        if !caseSensitiveAliases.isEmpty {
            json.key("case_sensitive_aliases"); json.strings(caseSensitiveAliases)
        }
        if let wikidataID {
            json.key("wikidata_id"); json.string(wikidataID)
        }
        json.key("description"); json.string(description)
        json.endObject()
    }
}
