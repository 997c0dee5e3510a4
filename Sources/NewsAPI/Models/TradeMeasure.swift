/// A trade policy measure (a tariff, an export control, ...) with the articles that report it.
public struct TradeMeasure: Hashable, Sendable {
    /// A measure's rate, such as "up to 46 percent".
    public struct Rate: Hashable, Sendable {
        /// The number.
        public let value: Double
        /// Its unit, e.g. `percent`.
        public let unit: String
        /// Whether the rate is exact, a maximum or a minimum.
        public let qualifier: RateQualifier

        /// Creates a rate.
        public init(value: Double, unit: String, qualifier: RateQualifier) {
            self.value = value
            self.unit = unit
            self.qualifier = qualifier
        }
    }

    /// An article that reports a measure, with the words that do.
    public struct Source: Hashable, Sendable {
        /// The reporting article's id.
        public let articleID: String
        /// The words, as they appear in the article's title or body.
        public let quote: String

        /// Creates a source reference.
        public init(articleID: String, quote: String) {
            self.articleID = articleID
            self.quote = quote
        }
    }

    /// A readable slug.
    public let id: String
    /// A short title.
    public let title: String
    /// What the measure does, in our words.
    public let description: String
    /// The instrument it uses.
    public let measureType: MeasureType
    /// Where it stands, as last reported.
    public let status: MeasureStatus
    /// Its effect on trade.
    public let evaluation: MeasureEvaluation
    /// Ids of the jurisdictions applying it (at least one).
    public let implementing: [String]
    /// Ids of the jurisdictions it targets or affects.
    public let affected: [String]
    /// The products or sectors it covers.
    public let products: [String]
    /// Ids of the companies named as targets.
    public let targetedFirms: [String]
    /// Its rate, if it has one.
    public let rate: Rate?
    /// When it was announced.
    public let dateAnnounced: DateValue?
    /// When it took effect.
    public let dateInForce: DateValue?
    /// When it was removed.
    public let dateRemoved: DateValue?
    /// The articles that report it, each with the quote that does (at least one).
    public let sources: [Source]

    /// Creates a trade measure from its fields.
    public init(
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
