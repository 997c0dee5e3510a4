/// A trade policy measure (a tariff, an export control, ...) with the articles that report it.
struct TradeMeasure: Hashable, Sendable {
    /// A measure's rate, such as "up to 46 percent".
    struct Rate: Hashable, Sendable {
        /// The number.
        let value: Double
        /// Its unit, e.g. `percent`.
        let unit: String
        /// Whether the rate is exact, a maximum or a minimum.
        let qualifier: RateQualifier

        /// Creates a rate.
        init(value: Double, unit: String, qualifier: RateQualifier) {
            self.value = value
            self.unit = unit
            self.qualifier = qualifier
        }
    }

    /// An article that reports a measure, with the words that do.
    struct Source: Hashable, Sendable {
        /// The reporting article's id.
        let articleID: String
        /// The words, as they appear in the article's title or body.
        let quote: String

        /// Creates a source reference.
        init(articleID: String, quote: String) {
            self.articleID = articleID
            self.quote = quote
        }
    }

    /// A readable slug.
    let id: String
    /// A short title.
    let title: String
    /// What the measure does, in our words.
    let description: String
    /// The instrument it uses.
    let measureType: MeasureType
    /// Where it stands, as last reported.
    let status: MeasureStatus
    /// Its effect on trade.
    let evaluation: MeasureEvaluation
    /// Ids of the jurisdictions applying it (at least one).
    let implementing: [String]
    /// Ids of the jurisdictions it targets or affects.
    let affected: [String]
    /// The products or sectors it covers.
    let products: [String]
    /// Ids of the companies named as targets.
    let targetedFirms: [String]
    /// Its rate, if it has one.
    let rate: Rate?
    /// When it was announced.
    let dateAnnounced: DateValue?
    /// When it took effect.
    let dateInForce: DateValue?
    /// When it was removed.
    let dateRemoved: DateValue?
    /// The articles that report it, each with the quote that does (at least one).
    let sources: [Source]

    /// Creates a trade measure from its fields.
    init(
        id: String,
        title: String,
        description: String,
        measureType: MeasureType,
        status: MeasureStatus,
        evaluation: MeasureEvaluation,
        implementing: [String],
        affected: [String] = [],
        products: [String] = [],
        targetedFirms: [String] = [],
        rate: Rate? = nil,
        dateAnnounced: DateValue? = nil,
        dateInForce: DateValue? = nil,
        dateRemoved: DateValue? = nil,
        sources: [Source]
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.measureType = measureType
        self.status = status
        self.evaluation = evaluation
        self.implementing = implementing
        self.affected = affected
        self.products = products
        self.targetedFirms = targetedFirms
        self.rate = rate
        self.dateAnnounced = dateAnnounced
        self.dateInForce = dateInForce
        self.dateRemoved = dateRemoved
        self.sources = sources
    }
}
