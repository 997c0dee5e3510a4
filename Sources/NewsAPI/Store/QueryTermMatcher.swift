/// Re-tokenizes candidate articles to check phrases and place highlights: each token gets the
/// index of the query term it equals (or -1).
struct QueryTermMatcher {
    /// A token of a scanned field and the query term it equals.
    struct CodedToken {
        /// The index into `terms`, or -1 if the token is not a query term.
        let code: Int
        /// Where the token is.
        let span: TokenSpan
    }

    /// Distinct folded terms: the positive ones first (`positiveCount` of them), then those only in
    /// excluded phrases.
    private let terms: [[UInt8]]
    /// How many of `terms` the article should contain (these are highlighted).
    let positiveCount: Int
    /// Required loose words (not only inside a phrase), as indexes into `terms`.
    let words: Set<Int>
    /// Required phrases, as indexes into `terms`.
    let phrases: [[Int]]
    /// Excluded phrases, as indexes into `terms`.
    let excludedPhrases: [[Int]]

    /// Prepares to match the terms of `query`.
    init(_ query: TextQuery) {
        var terms = query.requiredTerms
        positiveCount = terms.count
        for phrase in query.excludedPhrases {
            for term in phrase where !terms.contains(term) { terms.append(term) }
        }
        self.terms = terms.map { Array($0.utf8) }
        phrases = query.phrases.map { $0.map { terms.firstIndex(of: $0)! } }
        words = Set(query.words.compactMap { terms.firstIndex(of: $0) })
        excludedPhrases = query.excludedPhrases.map { $0.map { terms.firstIndex(of: $0)! } }
    }

    /// The tokens of `text`, each with the query term it equals.
    func scan(_ text: String) -> [CodedToken] {
        var tokens: [CodedToken] = []
        Tokenizer.withUTF8(of: text) { bytes in
            Tokenizer.scan(bytes) { folded, span in
                let code = terms.firstIndex { $0.elementsEqual(folded) } ?? -1
                tokens.append(CodedToken(code: code, span: span))
            }
        }
        return tokens
    }

    /// Where `phrase` first occurs in `tokens` (the index of its first token), if it does.
    func firstOccurrence(of phrase: [Int], in tokens: [CodedToken]) -> Int? {
        guard let first = phrase.first, tokens.count >= phrase.count else { return nil }
        positions: for start in 0...(tokens.count - phrase.count) where tokens[start].code == first {
            for offset in 1..<phrase.count where tokens[start + offset].code != phrase[offset] {
                continue positions
            }
            return start
        }
        return nil
    }

    /// Which of `tokens` show a match: loose query words anywhere, and phrase words only where the
    /// whole phrase stands.
    func matchingTokens(in tokens: [CodedToken]) -> [Bool] {
        var marked = tokens.map { words.contains($0.code) }
        for phrase in phrases where tokens.count >= phrase.count {
            positions: for start in 0...(tokens.count - phrase.count) where tokens[start].code == phrase[0] {
                for offset in 1..<phrase.count where tokens[start + offset].code != phrase[offset] {
                    continue positions
                }
                for offset in 0..<phrase.count { marked[start + offset] = true }
            }
        }
        return marked
    }

    /// Whether `phrase` occurs in the article's title or body.
    func occurs(_ phrase: [Int], in article: Article) -> Bool {
        firstOccurrence(of: phrase, in: scan(article.title)) != nil
            || firstOccurrence(of: phrase, in: scan(article.body)) != nil
    }

    /// Whether every required phrase occurs in the article (each within its title or its body).
    func containsRequiredPhrases(_ article: Article) -> Bool {
        guard !phrases.isEmpty else { return true }
        let title = scan(article.title)
        let body = scan(article.body)
        return phrases.allSatisfy { firstOccurrence(of: $0, in: title) != nil || firstOccurrence(of: $0, in: body) != nil }
    }
}
