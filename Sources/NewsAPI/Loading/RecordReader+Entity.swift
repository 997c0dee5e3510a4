extension RecordReader {
    /// The fields an entity may have.
    static let entityFields = [
        "id", "name", "type", "aliases", "case_sensitive_aliases", "any_case_aliases", "ambiguous_aliases",
        "part_of", "codes", "wikidata_id", "description",
    ]

    /// Reads one element of `entities.json` (or of a gazetteer's `entities`); `nil` if anything is
    /// wrong (the errors say what).
    mutating func readEntity(_ value: JSONValue) -> Entity? {
        guard let object = object(value, at: "") else { return nil }
        let id = slug("id", of: object)
        recordID = id
        checkFields(of: object, at: "", known: RecordReader.entityFields)
        let name = text("name", of: object)
        let type = choice("type", of: object, as: EntityType.self)
        let aliases = textArray("aliases", of: object, required: true)
        var rules: [String: [String]] = [:]
        for field in ["case_sensitive_aliases", "any_case_aliases", "ambiguous_aliases"] {
            let names = textArray(field, of: object, required: false) ?? []
            rules[field] = names
            if let name, let aliases {
                for (position, alias) in names.enumerated() where alias != name && !aliases.contains(alias) {
                    report("\"\(alias)\" is neither the name nor one of the aliases", field: "\(field)[\(position)]")
                }
            }
        }
        let caseSensitive = rules["case_sensitive_aliases"] ?? []
        for (position, alias) in (rules["any_case_aliases"] ?? []).enumerated() where caseSensitive.contains(alias) {
            report(
                "\"\(alias)\" is also in case_sensitive_aliases: it cannot link in any case and only in one",
                field: "any_case_aliases[\(position)]")
        }
        if let name, let aliases, let ambiguous = rules["ambiguous_aliases"], !ambiguous.isEmpty,
            ([name] + aliases).allSatisfy(ambiguous.contains)
        {
            report(
                "every name is ambiguous, so none could confirm the others: at least one must link on its own",
                field: "ambiguous_aliases")
        }
        let partOf = optionalText("part_of", of: object)
        if let partOf, !Identifier.isSlug(partOf) {
            report("\"\(partOf)\" is not an entity id", field: "part_of")
        }
        let codes = readCodes(of: object)
        if codes != nil, let type, type != .country {
            report("only a country has ISO 3166-1 codes", field: "codes")
        }
        let wikidataID = optionalText("wikidata_id", of: object)
        if let wikidataID, !Identifier.isWikidataID(wikidataID) {
            report("\"\(wikidataID)\" is not a Wikidata id (Q followed by digits)", field: "wikidata_id")
        }
        let description = optionalText("description", of: object)
        guard isValid, let id, let name, let type, let aliases else { return nil }
        return Entity(
            id: id, name: name, type: type, aliases: aliases, caseSensitiveAliases: caseSensitive,
            anyCaseAliases: rules["any_case_aliases"] ?? [], ambiguousAliases: rules["ambiguous_aliases"] ?? [],
            partOf: partOf, codes: codes, wikidataID: wikidataID, description: description
        )
    }

    /// Reads an entity's optional `codes`: `{alpha2, alpha3, numeric}` as ISO 3166-1 writes them.
    private mutating func readCodes(of entity: JSONObject) -> Entity.Codes? {
        guard let member = member("codes", of: entity),
            let codes = object(member.value, at: "codes", known: ["alpha2", "alpha3", "numeric"], line: member.line)
        else {
            return nil
        }
        let alpha2 = text("alpha2", of: codes, at: "codes")
        let alpha3 = text("alpha3", of: codes, at: "codes")
        let numeric = text("numeric", of: codes, at: "codes")
        func check(_ code: String?, _ field: String, count: Int, digits: Bool) {
            guard let code else { return }
            let valid =
                code.utf8.count == count
                && code.utf8.allSatisfy { byte in
                    digits ? byte &- UInt8(ascii: "0") < 10 : byte &- UInt8(ascii: "A") < 26
                }
            if !valid {
                report("\"\(code)\" is not \(count) \(digits ? "digits" : "capital letters")", field: field, in: "codes")
            }
        }
        check(alpha2, "alpha2", count: 2, digits: false)
        check(alpha3, "alpha3", count: 3, digits: false)
        check(numeric, "numeric", count: 3, digits: true)
        guard let alpha2, let alpha3, let numeric else { return nil }
        return Entity.Codes(alpha2: alpha2, alpha3: alpha3, numeric: numeric)
    }
}
