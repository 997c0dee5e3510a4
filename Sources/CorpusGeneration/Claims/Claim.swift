import NewsFormat

/// One record of claims.json (fields as in docs/data-format.md): a fact on which articles
/// disagree, with each version and its source.
struct Claim: Sendable {
    /// One article's version of the fact.
    struct Statement: Sendable {
        let articleID: String
        /// Our one-line summary of what the article says.
        let statement: String
        /// The exact sentence of the article that says it.
        let quote: String
    }

    let id: String
    let topic: String
    let entities: [String]
    let claims: [Statement]

    /// Writes the claims.json record.
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.key("id"); json.string(id)
        json.key("topic"); json.string(topic)
        json.key("entities"); json.strings(entities)
        json.key("claims")
        json.beginArray()
        for claim in claims {
            json.beginObject()
            json.key("article_id"); json.string(claim.articleID)
            json.key("statement"); json.string(claim.statement)
            json.key("quote"); json.string(claim.quote)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }
}
