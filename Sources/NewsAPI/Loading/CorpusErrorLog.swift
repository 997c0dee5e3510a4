/// Collects the errors found while loading, up to `CorpusLoadError.limit`.
struct CorpusErrorLog {
    private(set) var errors: [CorpusError] = []
    private(set) var isTruncated = false

    /// Whether the limit is reached, so loading can stop.
    var isFull: Bool { errors.count >= CorpusLoadError.limit }

    /// Whether nothing is wrong so far.
    var isEmpty: Bool { errors.isEmpty }

    /// Records one error (or notes that there are more than the limit).
    mutating func report(_ error: CorpusError) {
        if isFull {
            isTruncated = true
        } else {
            errors.append(error)
        }
    }

    /// Records several errors.
    mutating func report(contentsOf newErrors: [CorpusError]) {
        for error in newErrors { report(error) }
    }

    /// The error to throw.
    var loadError: CorpusLoadError {
        CorpusLoadError(errors: errors, isTruncated: isTruncated)
    }
}
