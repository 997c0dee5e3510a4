/// One record of trade-measures.json, fields as in docs/data-format.md.
struct TradeMeasure: Sendable {
    /// What kind of measure it is.
    enum MeasureType: String, CaseIterable, Sendable {
        case tariff
        case exportControl = "export_control"
        case antiDumping = "anti_dumping"
        case countervailing
        case safeguard
        case rulesOfOrigin = "rules_of_origin"
        case marketAccess = "market_access"
        case investmentScreening = "investment_screening"
        case other
    }

    /// Its status as last reported.
    enum Status: String, Sendable {
        case proposed, announced
        case inForce = "in_force"
        case suspended, removed
    }

    /// Its effect on trade.
    enum Evaluation: String, Sendable {
        case restrictive, liberalising, mixed
    }

    /// A rate such as "up to 25 percent".
    struct Rate: Sendable {
        /// Whether the rate is exact or a bound.
        enum Qualifier: String, Sendable {
            case exact
            case upTo = "up_to"
            case atLeast = "at_least"
        }

        let value: Double
        let unit: String
        let qualifier: Qualifier
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
    let status: Status
    let evaluation: Evaluation
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
        json.field("id", id)
        json.field("title", title)
        json.field("description", description)
        json.field("measure_type", type.rawValue)
        json.field("status", status.rawValue)
        json.field("evaluation", evaluation.rawValue)
        json.field("implementing", implementing)
        json.field("affected", affected)
        json.field("products", products)
        json.field("targeted_firms", targetedFirms)
        if let rate {
            json.key("rate")
            json.beginObject()
            json.key("value")
            json.number(rate.value)
            json.field("unit", rate.unit)
            json.field("qualifier", rate.qualifier.rawValue)
            json.endObject()
        }
        let dates: [(StaticString, DateValue?)] = [
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
            json.field("article_id", source.articleID)
            json.field("quote", source.quote)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }
}
