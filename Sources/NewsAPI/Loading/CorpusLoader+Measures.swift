extension CorpusLoader {
    /// Reads `trade-measures.json`: checks each measure, duplicate ids, entity and article
    /// references, and that every quote appears in its article.
    mutating func loadMeasures() -> [TradeMeasure] {
        let file = "trade-measures.json"
        guard let elements = arrayElements(of: file, required: true, naming: "trade measures") else { return [] }
        var measures: [TradeMeasure] = []
        var lineOfID: [String: Int] = [:]
        for element in elements {
            if errors.isFull { break }
            let line = CorpusLoader.line(of: element)
            var reader = RecordReader(file: file, line: line)
            let measure = reader.readTradeMeasure(element)
            if let id = reader.recordID {
                if let first = lineOfID[id] {
                    reader.report("duplicate id: the measure on line \(first) has the same id", field: "id")
                } else {
                    lineOfID[id] = line
                }
            }
            if let measure {
                for (field, ids) in [("implementing", measure.implementing), ("affected", measure.affected), ("targeted_firms", measure.targetedFirms)] {
                    for (position, id) in ids.enumerated() {
                        _ = entityDirectory.reference(id, field: "\(field)[\(position)]", reader: &reader)
                    }
                }
                for (position, source) in measure.sources.enumerated() {
                    if let article = articleReference(source.articleID, field: "sources[\(position)].article_id", reader: &reader) {
                        checkQuote(source.quote, in: article, field: "sources[\(position)].quote", reader: &reader)
                    }
                }
            }
            errors.report(contentsOf: reader.errors)
            if reader.isValid, let measure { measures.append(measure) }
        }
        return measures
    }

    /// Reads the optional `claims.json`: checks each claim, duplicate ids, entity and article
    /// references, and that every quote appears in its article.
    mutating func loadClaims() -> [Claim] {
        let file = "claims.json"
        guard let elements = arrayElements(of: file, required: false, naming: "claims") else { return [] }
        var claims: [Claim] = []
        var lineOfID: [String: Int] = [:]
        for element in elements {
            if errors.isFull { break }
            let line = CorpusLoader.line(of: element)
            var reader = RecordReader(file: file, line: line)
            let claim = reader.readClaim(element)
            if let id = reader.recordID {
                if let first = lineOfID[id] {
                    reader.report("duplicate id: the claim on line \(first) has the same id", field: "id")
                } else {
                    lineOfID[id] = line
                }
            }
            if let claim {
                for (position, id) in claim.entityIDs.enumerated() {
                    _ = entityDirectory.reference(id, field: "entities[\(position)]", reader: &reader)
                }
                for (position, version) in claim.claims.enumerated() {
                    if let article = articleReference(version.articleID, field: "claims[\(position)].article_id", reader: &reader) {
                        checkQuote(version.quote, in: article, field: "claims[\(position)].quote", reader: &reader)
                    }
                }
            }
            errors.report(contentsOf: reader.errors)
            if reader.isValid, let claim { claims.append(claim) }
        }
        return claims
    }
}
