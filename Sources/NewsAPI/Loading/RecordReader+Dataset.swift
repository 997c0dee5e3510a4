extension RecordReader {
    /// Reads `dataset.json`: its name and optional description.
    mutating func readDataset(_ value: JSONValue) -> (name: String, description: String?)? {
        guard let object = object(value, at: "", known: ["name", "description"]) else { return nil }
        let name = text("name", of: object)
        let description = optionalText("description", of: object)
        guard isValid, let name else { return nil }
        return (name, description)
    }
}
