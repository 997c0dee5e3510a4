extension TradeMeasure {
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
}
