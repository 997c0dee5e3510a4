/// Re-tokenizes candidate articles to check phrases and place highlights: each token gets the
/// index of the query term it equals (or -1). A class, so that handing it to each article's
/// snippet copies one reference rather than its arrays.
final class QueryTermMatcher: Sendable {
    /// A token of a scanned field and the query term it equals.
    struct CodedToken: Sendable {
        /// The index into `terms`, or -1 if the token is not a query term.
        let code: Int
        /// Where the token is.
        let span: TokenSpan
    }

    /// Distinct folded terms, back to back: the positive ones first (`positiveCount` of them), then
    /// those only in excluded phrases. Term `i` is `termBytes[termStarts[i]..<termStarts[i + 1]]`.
    let termBytes: [UInt8]
    /// Where each term starts in `termBytes`, and where the last one ends.
    let termStarts: [Int]
    /// How many of `terms` the article should contain (these are highlighted).
    let positiveCount: Int
    /// Whether each of `terms` is a required loose word (not only inside a phrase).
    private let isWord: [Bool]
    /// Required phrases, as indexes into `terms`.
    let phrases: [[Int]]
    /// Excluded phrases, as indexes into `terms`.
    let excludedPhrases: [[Int]]
    /// Finds the tokens equal to any positive term (a snippet's first match).
    let positiveTerms: TermFinder
    /// Finds the tokens equal to one positive term, by its index (a required phrase's first word);
    /// empty for a query without phrases.
    let termFinders: [TermFinder]

    /// Prepares to match the terms of `query`.
    init(_ query: TextQuery) {
        var terms = query.requiredTerms
        positiveCount = terms.count
        for phrase in query.excludedPhrases {
            for term in phrase where !terms.contains(term) { terms.append(term) }
        }
        termBytes = terms.flatMap(\.utf8)
        termStarts = terms.reduce(into: [0]) { starts, term in starts.append(starts.last! + term.utf8.count) }
        phrases = query.phrases.map { $0.map { terms.firstIndex(of: $0)! } }
        isWord = terms.map { query.words.contains($0) }
        excludedPhrases = query.excludedPhrases.map { $0.map { terms.firstIndex(of: $0)! } }
        positiveTerms = TermFinder(0..<positiveCount, of: terms)
        termFinders = phrases.isEmpty ? [] : (0..<positiveCount).map { TermFinder($0..<($0 + 1), of: terms) }
    }

    /// The tokens of `text`, each with the query term it equals.
    func scan(_ text: String) -> [CodedToken] {
        Tokenizer.withUTF8(of: text) { scan($0) }
    }

    /// The tokens of the UTF-8 `bytes`, each with the query term it equals.
    func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> [CodedToken] {
        var tokens: [CodedToken] = []
        Tokenizer.scan(bytes) { folded, span in
            tokens.append(CodedToken(code: code(of: folded), span: span))
        }
        return tokens
    }

    /// The most words in a required phrase (1 without phrases): how far a match may reach.
    var longestPhrase: Int {
        phrases.map(\.count).max() ?? 1
    }

    /// The UTF-16 start of a match that ends with `tokens[index]`: the token itself when it is a
    /// loose query word, or the first token of a phrase it completes.
    func firstMatchStart(endingAt index: Int, in tokens: [CodedToken]) -> Int? {
        if isLooseWord(tokens[index].code) { return tokens[index].span.utf16Start }
        phrases: for phrase in phrases where index + 1 >= phrase.count {
            let start = index + 1 - phrase.count
            for offset in 0..<phrase.count where tokens[start + offset].code != phrase[offset] { continue phrases }
            return tokens[start].span.utf16Start
        }
        return nil
    }

    /// Whether a token's code is a required loose word.
    private func isLooseWord(_ code: Int) -> Bool {
        code >= 0 && isWord[code]
    }

    /// The index of the term equal to the folded token, or -1.
    func code(of folded: UnsafeBufferPointer<UInt8>) -> Int {
        termBytes.withUnsafeBufferPointer { bytes in
            terms: for index in 0..<termStarts.count - 1 {
                let start = termStarts[index]
                guard termStarts[index + 1] - start == folded.count else { continue }
                for offset in 0..<folded.count where bytes[start + offset] != folded[offset] { continue terms }
                return index
            }
            return -1
        }
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
        var marked = tokens.map { isLooseWord($0.code) }
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
    ///
    /// The body is decompressed into a buffer, not a string, and searched as a snippet searches for
    /// its first match: only the places where a phrase's first word is spelled are tokenized.
    func containsRequiredPhrases(_ article: Article) -> Bool {
        guard !phrases.isEmpty else { return true }
        let notInTitle = Tokenizer.withUTF8(of: article.title) { title in phrases.filter { !contains($0, in: title) } }
        guard !notInTitle.isEmpty else { return true }
        return article.withBodyUTF8 { body in notInTitle.allSatisfy { contains($0, in: body) } }
    }
}
