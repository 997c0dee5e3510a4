extension CorpusLoader {
    /// Reads `trade-measures.json`: checks each measure, duplicate ids, entity and article
    /// references, and that every quote appears in its article.
    mutating func loadMeasures() -> [TradeMeasure] {
        loadRecords(
            of: "trade-measures.json", required: true, record: "measure", plural: "trade measures",
            read: { reader, element in reader.readTradeMeasure(element) },
            check: { loader, measure, reader in
                loader.checkEntities(measure.implementing, field: "implementing", reader: &reader)
                loader.checkEntities(measure.affected, field: "affected", reader: &reader)
                loader.checkEntities(measure.targetedFirms, field: "targeted_firms", reader: &reader)
                for (position, source) in measure.sources.enumerated() {
                    loader.checkCitation(source.articleID, quote: source.quote, at: "sources[\(position)]", reader: &reader)
                }
            }
        )?.records ?? []
    }

    /// Reads the optional `claims.json`: checks each claim, duplicate ids, entity and article
    /// references, and that every quote appears in its article.
    mutating func loadClaims() -> [Claim] {
        loadRecords(
            of: "claims.json", required: false, record: "claim", plural: "claims",
            read: { reader, element in reader.readClaim(element) },
            check: { loader, claim, reader in
                loader.checkEntities(claim.entityIDs, field: "entities", reader: &reader)
                for (position, version) in claim.claims.enumerated() {
                    loader.checkCitation(version.articleID, quote: version.quote, at: "claims[\(position)]", reader: &reader)
                }
            }
        )?.records ?? []
    }

    /// Reports each id in `ids` that names no entity (`field[position]`).
    private func checkEntities(_ ids: [String], field: String, reader: inout RecordReader) {
        for (position, id) in ids.enumerated() {
            _ = entityDirectory.reference(id, field: "\(field)[\(position)]", reader: &reader)
        }
    }

    /// Checks that the article `id` exists (unless it was broken or the articles could not be read)
    /// and that `quote` appears word for word in its title or body; `path` names the citation.
    private func checkCitation(_ id: String, quote: String, at path: String, reader: inout RecordReader) {
        guard let index = articleLoadIndexByID[id] else {
            if !articlesUnreadable, !brokenArticleIDs.contains(id) {
                reader.report("unknown article \"\(id)\"", field: "\(path).article_id")
            }
            return
        }
        let article = loadedArticles[Int(index)]
        if !ByteSearch.contains(article.body, quote) && !ByteSearch.contains(article.title, quote) {
            reader.report("quote does not appear in the title or body of article \"\(article.id)\"", field: "\(path).quote")
        }
    }
}
