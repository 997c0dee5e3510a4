/// Why a corpus was not loaded: every problem found, up to `CorpusLoadError.limit`.
package struct CorpusLoadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// How many errors are collected before loading stops.
    static let limit = 50

    /// The problems, in the order they were found.
    let errors: [CorpusError]
    /// Whether loading stopped at the limit, so there may be more.
    let isTruncated: Bool

    /// Creates a load failure from its errors.
    init(errors: [CorpusError], isTruncated: Bool = false) {
        self.errors = errors
        self.isTruncated = isTruncated
    }

    /// Every error, one per line.
    package var description: String {
        var lines = errors.map(\.description)
        if isTruncated {
            lines.append("(stopped after \(CorpusLoadError.limit) errors; there may be more)")
        }
        return lines.joined(separator: "\n")
    }
}
