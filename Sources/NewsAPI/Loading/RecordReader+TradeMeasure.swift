extension RecordReader {
    /// The fields a trade measure may have.
    static let measureFields = [
        "id", "title", "description", "measure_type", "status", "evaluation", "implementing", "affected",
        "products", "targeted_firms", "rate", "date_announced", "date_in_force", "date_removed", "sources",
    ]

    /// Reads one element of `trade-measures.json`; `nil` if anything is wrong (the errors say what).
    ///
    /// Entity and article references are checked for shape only; the loader checks that they exist.
    mutating func readTradeMeasure(_ value: JSONValue) -> TradeMeasure? {
        guard let object = object(value, at: "") else { return nil }
        let id = slug("id", of: object)
        recordID = id
        checkFields(of: object, at: "", known: RecordReader.measureFields)
        let title = text("title", of: object)
        let description = text("description", of: object)
        let measureType = choice("measure_type", of: object, as: MeasureType.self)
        let status = choice("status", of: object, as: MeasureStatus.self)
        let evaluation = choice("evaluation", of: object, as: MeasureEvaluation.self)
        let implementing = textArray("implementing", of: object, required: true)
        if let implementing, implementing.isEmpty {
            report(
                "must name at least one implementing jurisdiction", field: "implementing",
                line: member("implementing", of: object)?.line)
        }
        let affected = textArray("affected", of: object, required: true)
        let products = textArray("products", of: object, required: true)
        let targetedFirms = textArray("targeted_firms", of: object, required: true)
        let rate = readRate(of: object)
        let dateAnnounced = date("date_announced", of: object, required: false)
        let dateInForce = date("date_in_force", of: object, required: false)
        let dateRemoved = date("date_removed", of: object, required: false)
        let sources = readMeasureSources(of: object)
        guard isValid, let id, let title, let description, let measureType, let status, let evaluation,
            let implementing, let affected, let products, let targetedFirms, let sources
        else {
            return nil
        }
        return TradeMeasure(
            id: id, title: title, description: description, measureType: measureType, status: status,
            evaluation: evaluation, implementing: implementing, affected: affected, products: products,
            targetedFirms: targetedFirms, rate: rate, dateAnnounced: dateAnnounced, dateInForce: dateInForce,
            dateRemoved: dateRemoved, sources: sources
        )
    }

    private mutating func readRate(of measure: JSONObject) -> TradeMeasure.Rate? {
        guard let member = member("rate", of: measure),
            let rate = object(member.value, at: "rate", known: ["value", "unit", "qualifier"], line: member.line)
        else {
            return nil
        }
        let value = number("value", of: rate, at: "rate")
        let unit = text("unit", of: rate, at: "rate")
        let qualifier = choice("qualifier", of: rate, at: "rate", as: RateQualifier.self)
        guard let value, let unit, let qualifier else { return nil }
        return TradeMeasure.Rate(value: value, unit: unit, qualifier: qualifier)
    }

    private mutating func readMeasureSources(of measure: JSONObject) -> [TradeMeasure.Source]? {
        guard let (values, line) = array("sources", of: measure, required: true) else { return nil }
        if values.isEmpty {
            report("must cite at least one source", field: "sources", line: line)
            return nil
        }
        var sources: [TradeMeasure.Source] = []
        for (position, value) in values.enumerated() {
            let path = "sources[\(position)]"
            guard let source = object(value, at: path, known: ["article_id", "quote"], line: line) else { continue }
            let articleID = articleStyleID("article_id", of: source, at: path)
            let quote = text("quote", of: source, at: path)
            if let articleID, let quote {
                sources.append(TradeMeasure.Source(articleID: articleID, quote: quote))
            }
        }
        return sources
    }
}
