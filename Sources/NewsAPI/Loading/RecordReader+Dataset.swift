extension RecordReader {
    /// What `dataset.json` says: the corpus's name and description, the gazetteer it is meant to be
    /// read with, and names of things that are not entities.
    struct Dataset {
        /// The corpus's name.
        let name: String
        /// One paragraph on what it holds.
        let description: String?
        /// The gazetteer file merged by default, relative to the data directory.
        let gazetteer: String?
        /// Names that must never link, nor let a shorter name inside them link.
        let notEntities: [String]
    }

    /// Reads `dataset.json`.
    mutating func readDataset(_ value: JSONValue) -> Dataset? {
        guard let object = object(value, at: "", known: ["name", "description", "gazetteer", "not_entities"]) else { return nil }
        let name = text("name", of: object)
        let description = optionalText("description", of: object)
        let gazetteer = optionalText("gazetteer", of: object)
        let notEntities = textArray("not_entities", of: object, required: false) ?? []
        guard isValid, let name else { return nil }
        return Dataset(name: name, description: description, gazetteer: gazetteer, notEntities: notEntities)
    }
}
