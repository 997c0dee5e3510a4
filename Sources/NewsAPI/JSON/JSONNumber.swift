/// A JSON number: its value as a `Double`, and exactly as an integer when it is one.
struct JSONNumber: Hashable, Sendable {
    /// The value.
    let double: Double
    /// The value as an integer, when it was written without fraction or exponent and fits in 64 bits.
    let integer: Int64?
}
