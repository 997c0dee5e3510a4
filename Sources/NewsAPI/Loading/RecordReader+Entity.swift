extension RecordReader {
    /// The fields an entity may have.
    static let entityFields = ["id", "name", "type", "aliases", "case_sensitive_aliases", "wikidata_id", "description"]

    /// Reads one element of `entities.json`; `nil` if anything is wrong (the errors say what).
    mutating func readEntity(_ value: JSONValue) -> Entity? {
        guard let object = object(value, at: "") else { return nil }
        let id = slug("id", of: object)
        recordID = id
        checkFields(of: object, at: "", known: RecordReader.entityFields)
        let name = text("name", of: object)
        let type = choice("type", of: object, as: EntityType.self)
        let aliases = textArray("aliases", of: object, required: true)
        let caseSensitive = textArray("case_sensitive_aliases", of: object, required: false) ?? []
        let wikidataID = optionalText("wikidata_id", of: object)
        if let wikidataID, !Identifier.isWikidataID(wikidataID) {
            report("\"\(wikidataID)\" is not a Wikidata id (Q followed by digits)", field: "wikidata_id")
        }
        let description = optionalText("description", of: object)
        if let name, let aliases {
            for (position, alias) in caseSensitive.enumerated() where alias != name && !aliases.contains(alias) {
                report("\"\(alias)\" is neither the name nor one of the aliases", field: "case_sensitive_aliases[\(position)]")
            }
        }
        guard isValid, let id, let name, let type, let aliases else { return nil }
        return Entity(
            id: id, name: name, type: type, aliases: aliases, caseSensitiveAliases: caseSensitive,
            wikidataID: wikidataID, description: description
        )
    }
}
