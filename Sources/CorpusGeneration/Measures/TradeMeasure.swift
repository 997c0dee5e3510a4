import NewsFormat

/// One record of trade-measures.json, fields as in docs/data-format.md.
struct TradeMeasure: Sendable {
    /// A rate such as "up to 25 percent".
    struct Rate: Sendable {
        let value: Double
        let unit: String
        let qualifier: RateQualifier
    }

    /// An article that reports the measure, with the sentence of it that does.
    struct Citation: Sendable {
        let articleID: String
        let quote: String
    }

    let id: String
    let title: String
    let description: String
    let type: MeasureType
    let status: MeasureStatus
    let evaluation: MeasureEvaluation
    let implementing: [String]
    let affected: [String]
    let products: [String]
    let targetedFirms: [String]
    let rate: Rate?
    let dateAnnounced: DateValue?
    let dateInForce: DateValue?
    let dateRemoved: DateValue?
    let sources: [Citation]

    /// Writes the trade-measures.json record.
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.key("id"); json.string(id)
        json.key("title"); json.string(title)
        json.key("description"); json.string(description)
        json.key("measure_type"); json.string(type.rawValue)
        json.key("status"); json.string(status.rawValue)
        json.key("evaluation"); json.string(evaluation.rawValue)
        json.key("implementing"); json.strings(implementing)
        json.key("affected"); json.strings(affected)
        json.key("products"); json.strings(products)
        json.key("targeted_firms"); json.strings(targetedFirms)
        if let rate {
            json.key("rate")
            json.beginObject()
            json.key("value")
            json.double(rate.value)
            json.key("unit"); json.string(rate.unit)
            json.key("qualifier"); json.string(rate.qualifier.rawValue)
            json.endObject()
        }
        let dates: [(String, DateValue?)] = [
            ("date_announced", dateAnnounced), ("date_in_force", dateInForce), ("date_removed", dateRemoved),
        ]
        for (name, date) in dates {
            if let date {
                json.key(name)
                date.write(to: &json)
            }
        }
        json.key("sources")
        json.beginArray()
        for source in sources {
            json.beginObject()
            json.key("article_id"); json.string(source.articleID)
            json.key("quote"); json.string(source.quote)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }
}
