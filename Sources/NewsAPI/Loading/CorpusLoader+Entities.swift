extension CorpusLoader {
    /// Reads `entities.json`: checks each entity, duplicate ids, and that no two entities share a
    /// folded name or alias; merges the gazetteer at `gazetteer`, if any; keeps the valid entities
    /// sorted by id.
    mutating func loadEntities(gazetteer: (given: String, resolved: String)?) {
        let file = "entities.json"
        guard let elements = arrayElements(of: file, required: true, naming: "entities") else { return }
        var valid: [Entity] = []
        var lineOfID: [String: Int] = [:]
        var seenIDs: Set<String> = []
        // Folded name or alias -> the entity that has it, and how it is spelled there.
        var owners: [String: (id: String, spelling: String)] = [:]
        for element in elements {
            if errors.isFull { break }
            let line = CorpusLoader.line(of: element)
            var reader = RecordReader(file: file, line: line)
            let entity = reader.readEntity(element)
            if let id = reader.recordID {
                if let first = lineOfID[id] {
                    reader.report("duplicate id: the entity on line \(first) has the same id", field: "id")
                } else {
                    lineOfID[id] = line
                    seenIDs.insert(id)
                }
            }
            if let entity {
                checkNames(of: entity, owners: &owners, reader: &reader)
            }
            errors.report(contentsOf: reader.errors)
            if reader.isValid, let entity { valid.append(entity) }
        }
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
    private func checkNames(of entity: Entity, owners: inout [String: (id: String, spelling: String)], reader: inout RecordReader) {
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
