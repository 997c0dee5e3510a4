import Foundation

extension CorpusSnapshot {
    /// The articles matching `query`, as ascending ordinals (newest first), optionally only among
    /// `scope` (ascending ordinals, e.g. an entity's articles or a date range).
    ///
    /// Every word must occur; phrases are checked by re-reading only the candidate articles;
    /// excluded words and phrases remove articles. The work follows the shortest posting list.
    func search(_ query: TextQuery, within scope: [Int32]? = nil) -> [Int32] {
        var ids: [Int32] = []
        for term in query.requiredTerms {
            guard let id = textIndex.terms.find(term) else { return [] }
            ids.append(id)
        }
        var results = textIndex.articles(containingAll: ids, within: scope?[...])
        let matcher = QueryTermMatcher(query)
        if !matcher.phrases.isEmpty {
            results = results.filter { matcher.containsRequiredPhrases(articles[Int($0)]) }
        }
        for word in query.excludedWords {
            guard !results.isEmpty else { break }
            if let id = textIndex.terms.find(word) {
                results = textIndex.articles(results, without: id)
            }
        }
        for (phrase, codes) in zip(query.excludedPhrases, matcher.excludedPhrases) {
            guard !results.isEmpty else { break }
            let ids = phrase.compactMap { textIndex.terms.find($0) }
            guard ids.count == phrase.count else { continue }
            let suspects = textIndex.articles(containingAll: ids, within: results[...])
            let confirmed = suspects.filter { matcher.occurs(codes, in: articles[Int($0)]) }
            results = SortedOrdinals.subtracting(confirmed, from: results)
        }
        return results
    }

    /// The articles of `range` matching `query`, unlisted, when every word it requires or excludes
    /// is common enough to have a bitmap and it has no phrase; else `nil` (use `search`).
    func commonWordSearch(_ query: TextQuery, within range: Range<Int32>) -> TermConjunction? {
        guard query.phrases.isEmpty, query.excludedPhrases.isEmpty else { return nil }
        var required: [Int32] = []
        for term in query.requiredTerms {
            guard let id = textIndex.terms.find(term) else { return nil }
            required.append(id)
        }
        var excluded: [Int32] = []
        for word in query.excludedWords {
            // A word found nowhere excludes nothing.
            if let id = textIndex.terms.find(word) { excluded.append(id) }
        }
        return textIndex.conjunction(of: required, excluding: excluded, within: range)
    }

    /// The BM25 relevance of each article in `ordinals` to the query's words and phrase terms, in
    /// the same order; higher is more relevant. Ascending ordinals are fastest.
    func relevanceScores(for query: TextQuery, in ordinals: [Int32]) -> [Double] {
        let k1 = 1.2
        let b = 0.75
        let documentCount = Double(textIndex.documentCount)
        var scores = [Double](repeating: 0, count: ordinals.count)
        for term in query.requiredTerms {
            guard let id = textIndex.terms.find(term) else { continue }
            let documentFrequency = Double(textIndex.documentFrequency(of: id))
            let idf = log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5))
            textIndex.forEachFrequency(of: id, in: ordinals) { position, frequency in
                let frequency = Double(frequency)
                let length = Double(textIndex.documentLengths[Int(ordinals[position])])
                let norm = k1 * (1 - b + b * length / textIndex.averageDocumentLength)
                scores[position] += idf * frequency * (k1 + 1) / (frequency + norm)
            }
        }
        return scores
    }

    /// `ordinals` reordered by BM25 relevance to `query`, most relevant first (newest first on ties).
    func rankedByRelevance(_ ordinals: [Int32], for query: TextQuery) -> [Int32] {
        let scores = relevanceScores(for: query, in: ordinals)
        return zip(ordinals, scores)
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            .map(\.0)
    }
}
