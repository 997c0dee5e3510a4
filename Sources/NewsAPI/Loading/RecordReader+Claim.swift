extension RecordReader {
    /// Reads one element of `claims.json`; `nil` if anything is wrong (the errors say what).
    ///
    /// Entity and article references are checked for shape only; the loader checks that they exist.
    mutating func readClaim(_ value: JSONValue) -> Claim? {
        guard let object = object(value, at: "") else { return nil }
        let id = slug("id", of: object)
        recordID = id
        checkFields(of: object, at: "", known: ["id", "topic", "entities", "claims"])
        let topic = text("topic", of: object)
        let entityIDs = textArray("entities", of: object, required: true)
        var versions: [Claim.Version] = []
        if let (values, line) = array("claims", of: object, required: true) {
            if values.count < 2 {
                report("must hold at least two versions (found \(values.count))", field: "claims", line: line)
            }
            for (position, value) in values.enumerated() {
                let path = "claims[\(position)]"
                guard let version = self.object(value, at: path, known: ["article_id", "statement", "quote"], line: line) else {
                    continue
                }
                let articleID = articleStyleID("article_id", of: version, at: path)
                let statement = text("statement", of: version, at: path)
                let quote = text("quote", of: version, at: path)
                if let articleID, let statement, let quote {
                    versions.append(Claim.Version(articleID: articleID, statement: statement, quote: quote))
                }
            }
        }
        guard isValid, let id, let topic, let entityIDs else { return nil }
        return Claim(id: id, topic: topic, entityIDs: entityIDs, claims: versions)
    }
}
