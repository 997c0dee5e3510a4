import Foundation

extension CorpusLoader {
    /// The fields of a gazetteer file.
    static let gazetteerFields = ["name", "description", "source", "entities", "not_entities"]

    /// The gazetteer file to merge, as given and resolved, or `nil` for none. A relative path from
    /// `dataset.json` is looked up in the data directory, then in the working directory (as `--data`
    /// and `--openapi` are), so a copy of a corpus made elsewhere still finds the shared gazetteer.
    func gazetteerPath(datasetDefault: String?) -> (given: String, resolved: String)? {
        switch gazetteer {
        case .none:
            return nil
        case .file(let path):
            return (path, path)
        case .datasetDefault:
            guard let given = datasetDefault else { return nil }
            if given.hasPrefix("/") { return (given, given) }
            let inDirectory = directory.appendingPathComponent(given).standardizedFileURL.path
            if FileManager.default.fileExists(atPath: inDirectory) || !FileManager.default.fileExists(atPath: given) {
                return (given, inDirectory)
            }
            return (given, given)
        }
    }

    /// Reads the gazetteer at `location` and merges it into `entities` (read from `entities.json`,
    /// not yet sorted): a gazetteer entity with a corpus entity's id is left out, one whose name a
    /// corpus entity has is left out, and an alias a corpus entity has is dropped; each of these is
    /// a clash, reported in `gazetteerReport`. Names of things that are not entities join
    /// `notEntities` unless an entity has them.
    mutating func mergeGazetteer(
        at location: (given: String, resolved: String), into entities: inout [Entity],
        owners: [String: (id: String, spelling: String)]
    ) {
        let file = location.given
        let path = location.resolved
        var hasher = FNV1a64()
        let bytes: [UInt8]
        do {
            bytes = try DataFile.readAll(path, hasher: &hasher)
        } catch {
            errors.report(CorpusError(file: file, message: "the gazetteer cannot be read: \(error.description)"))
            return
        }
        gazetteerHash = hasher.value
        bytesRead += hasher.byteCount
        guard let value = parseJSON(bytes, file: file) else { return }
        var reader = RecordReader(file: file, line: 1)
        guard let object = reader.object(value, at: "", known: CorpusLoader.gazetteerFields) else {
            errors.report(contentsOf: reader.errors)
            return
        }
        let elements = reader.array("entities", of: object, required: true)?.values ?? []
        let listed = reader.textArray("not_entities", of: object, required: false) ?? []
        errors.report(contentsOf: reader.errors)

        var clashes: [String] = []
        let ownIDs = Set(entities.map(\.id))
        var gazetteerOwners: [String: String] = [:]
        var added = 0
        for element in elements {
            if errors.isFull { break }
            var reader = RecordReader(file: file, line: CorpusLoader.line(of: element))
            guard let entity = reader.readEntity(element) else {
                errors.report(contentsOf: reader.errors)
                continue
            }
            if ownIDs.contains(entity.id) {
                clashes.append("gazetteer entity \"\(entity.id)\" is replaced by the corpus's own entity \"\(entity.id)\"")
                continue
            }
            if let owner = owners[TextFolding.normalizedKey(entity.name)] {
                clashes.append(
                    "gazetteer entity \"\(entity.id)\" is left out: its name \"\(entity.name)\" is a name of the corpus's entity \"\(owner.id)\""
                )
                continue
            }
            var kept: [String] = []
            for alias in entity.aliases {
                let key = TextFolding.normalizedKey(alias)
                if let owner = owners[key] {
                    clashes.append(
                        "gazetteer entity \"\(entity.id)\" loses its alias \"\(alias)\": \"\(owner.spelling)\" is a name of the corpus's entity \"\(owner.id)\""
                    )
                } else if let other = gazetteerOwners[key], other != entity.id {
                    reader.report("\"\(alias)\" is also a name of gazetteer entity \"\(other)\"", field: "aliases")
                } else {
                    kept.append(alias)
                }
            }
            gazetteerOwners[TextFolding.normalizedKey(entity.name)] = entity.id
            for alias in kept { gazetteerOwners[TextFolding.normalizedKey(alias)] = entity.id }
            errors.report(contentsOf: reader.errors)
            guard reader.isValid else { continue }
            entities.append(
                Entity(
                    id: entity.id, name: entity.name, type: entity.type, aliases: kept,
                    caseSensitiveAliases: entity.caseSensitiveAliases.filter { $0 == entity.name || kept.contains($0) },
                    anyCaseAliases: entity.anyCaseAliases.filter { $0 == entity.name || kept.contains($0) },
                    ambiguousAliases: entity.ambiguousAliases.filter { $0 == entity.name || kept.contains($0) },
                    partOf: entity.partOf, codes: entity.codes, wikidataID: entity.wikidataID, description: entity.description
                ))
            added += 1
        }
        for name in listed {
            let key = TextFolding.normalizedKey(name)
            if let owner = owners[key] ?? gazetteerOwners[key].map({ (id: $0, spelling: name) }) {
                clashes.append("\"\(name)\" in not_entities is a name of entity \"\(owner.id)\": the entity links")
            } else {
                notEntities.append(name)
            }
        }
        gazetteerReport = GazetteerReport(
            path: location.given, entitiesAdded: added, notEntities: notEntities.count, clashes: clashes)
    }

    /// Reports an entity whose `part_of` names no entity, and one that is part of itself.
    mutating func checkPartOf(file: String) {
        let ids = Set(entities.map(\.id))
        for entity in entities {
            guard let parent = entity.partOf else { continue }
            if parent == entity.id || !ids.contains(parent) {
                let why = parent == entity.id ? "an entity cannot be part of itself" : "unknown entity \"\(parent)\""
                errors.report(CorpusError(file: file, recordID: entity.id, field: "part_of", message: why))
            }
        }
    }
}
