import NewsAPI

/// Parses any bytes as the `q` parameter and checks the parsed query's shape: what must be found is
/// never empty, every term is one folded token, and phrases have at least two.
enum TextQueryTarget {
    /// Runs one input.
    static func run(_ input: [UInt8]) {
        let text = String(decoding: input, as: UTF8.self)
        let query: TextQuery
        do {
            query = try TextQuery(parsing: text)
        } catch {
            return
        }
        let context = text.debugDescription
        FuzzCheck.expect(!query.words.isEmpty || !query.phrases.isEmpty, "nothing to search for in \(context)")
        FuzzCheck.expect(query.text == text, "the query text changed: \(context)")
        for term in query.words + query.excludedWords + query.phrases.joined() + query.excludedPhrases.joined() {
            FuzzCheck.expect(
                Tokenizer.foldedTokens(in: term) == [term], "\(term.debugDescription) is not one folded token (\(context))")
        }
        for phrase in query.phrases + query.excludedPhrases {
            FuzzCheck.expect(phrase.count >= 2, "a phrase of \(phrase.count) token(s) in \(context)")
        }
        FuzzCheck.expect(Set(query.requiredTerms).isSuperset(of: query.words), "required terms miss a word in \(context)")
    }
}
