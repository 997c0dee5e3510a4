/// Collects the errors found while loading, up to `CorpusLoadError.limit`.
struct CorpusErrorLog {
    private(set) var errors: [CorpusError] = []

    /// Whether the limit is reached: loading stops, so what it had not read yet is unchecked.
    var isFull: Bool { errors.count >= CorpusLoadError.limit }

    /// Whether nothing is wrong so far.
    var isEmpty: Bool { errors.isEmpty }

    /// Records one error; beyond the limit, drops it.
    mutating func report(_ error: CorpusError) {
        if !isFull { errors.append(error) }
    }

    /// Records several errors.
    mutating func report(contentsOf newErrors: [CorpusError]) {
        for error in newErrors { report(error) }
    }

    /// The error to throw: truncated whenever the limit was reached, even by the last error of the last
    /// batch, since loading then stopped before the files after it.
    var loadError: CorpusLoadError {
        CorpusLoadError(errors: errors, isTruncated: isFull)
    }
}
