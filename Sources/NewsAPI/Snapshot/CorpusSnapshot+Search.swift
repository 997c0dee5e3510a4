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
                results = SortedOrdinals.subtracting(textIndex.postings(of: id), from: results)
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

    /// The BM25 relevance of each article in `ordinals` to the query's words and phrase terms, in
    /// the same order; higher is more relevant. Ascending ordinals are fastest.
    func relevanceScores(for query: TextQuery, in ordinals: [Int32]) -> [Double] {
        let k1 = 1.2
        let b = 0.75
        let documentCount = Double(textIndex.documentCount)
        var scores = [Double](repeating: 0, count: ordinals.count)
        for term in query.requiredTerms {
            guard let id = textIndex.terms.find(term) else { continue }
            let postings = textIndex.postings(of: id)
            let frequencies = textIndex.frequencies(of: id)
            let documentFrequency = Double(postings.count)
            let idf = log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5))
            var cursor = postings.startIndex
            var previous = Int32.min
            for (position, ordinal) in ordinals.enumerated() {
                // Ascending ordinals gallop forward; anything else starts again from the top.
                if ordinal < previous { cursor = postings.startIndex }
                previous = ordinal
                cursor = SortedOrdinals.gallop(postings, from: cursor, toFirstAtLeast: ordinal)
                guard cursor < postings.endIndex, postings[cursor] == ordinal else { continue }
                let frequency = Double(frequencies[cursor - postings.startIndex + frequencies.startIndex])
                let length = Double(textIndex.documentLengths[Int(ordinal)])
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
