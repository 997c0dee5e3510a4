/// Levenshtein distance, for "did you mean" suggestions.
enum EditDistance {
    /// The number of single-character insertions, deletions and substitutions turning `source`
    /// into `target`; anything at or above `limit` is reported as `limit`.
    static func between(_ source: [Unicode.Scalar], _ target: [Unicode.Scalar], limit: Int) -> Int {
        if abs(source.count - target.count) >= limit { return limit }
        if source.isEmpty || target.isEmpty { return min(limit, max(source.count, target.count)) }
        var previous = Array(0...target.count)
        var current = [Int](repeating: 0, count: target.count + 1)
        for (row, sourceScalar) in source.enumerated() {
            current[0] = row + 1
            var rowMinimum = current[0]
            for (column, targetScalar) in target.enumerated() {
                let substitution = previous[column] + (sourceScalar == targetScalar ? 0 : 1)
                current[column + 1] = min(substitution, previous[column + 1] + 1, current[column] + 1)
                rowMinimum = min(rowMinimum, current[column + 1])
            }
            if rowMinimum >= limit { return limit }
            swap(&previous, &current)
        }
        return min(previous[target.count], limit)
    }
}
