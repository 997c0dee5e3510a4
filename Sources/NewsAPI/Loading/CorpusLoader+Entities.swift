extension CorpusLoader {
    /// Reads `entities.json`: checks each entity, duplicate ids, and that no two entities share a
    /// folded name or alias; merges the gazetteer at `gazetteer`, if any; keeps the valid entities
    /// sorted by id.
    mutating func loadEntities(gazetteer: (given: String, resolved: String)?) {
        let file = "entities.json"
        // Folded name or alias -> the entity that has it, and how it is spelled there.
        var owners: [String: (id: String, spelling: String)] = [:]
        // An unreadable file leaves the directory marked unreadable, so references to it are not errors too.
        guard
            var (valid, seenIDs) = loadRecords(
                of: file, required: true, record: "entity", plural: "entities",
                read: { reader, element in reader.readEntity(element) },
                check: { _, entity, reader in CorpusLoader.checkNames(of: entity, owners: &owners, reader: &reader) }
            )
        else { return }
        if let gazetteer, !errors.isFull {
            mergeGazetteer(at: gazetteer, into: &valid, owners: owners)
            for entity in valid { seenIDs.insert(entity.id) }
        }
        entities = valid.sorted { $0.id < $1.id }
        checkPartOf(file: file)
        var indexByID: [String: Int32] = [:]
        for (index, entity) in entities.enumerated() {
            indexByID[entity.id] = Int32(index)
        }
        entityDirectory = EntityDirectory(indexByID: indexByID, seenIDs: seenIDs, isUnreadable: false)
    }

    /// Reports a name or alias that folds to nothing, or to the same key as another entity's.
    private static func checkNames(
        of entity: Entity, owners: inout [String: (id: String, spelling: String)], reader: inout RecordReader
    ) {
        for (position, name) in ([entity.name] + entity.aliases).enumerated() {
            let field = position == 0 ? "name" : "aliases[\(position - 1)]"
            let key = TextFolding.normalizedKey(name)
            if key.isEmpty {
                reader.report("\"\(name)\" has no letters or digits, so it can never match", field: field)
                continue
            }
            if let owner = owners[key] {
                if owner.id != entity.id {
                    reader.report(
                        "\"\(name)\" folds to \"\(key)\", as does \"\(owner.spelling)\" of entity \"\(owner.id)\": entities \"\(owner.id)\" and \"\(entity.id)\" may not share a name or alias",
                        field: field
                    )
                }
            } else {
                owners[key] = (entity.id, name)
            }
        }
    }
}
