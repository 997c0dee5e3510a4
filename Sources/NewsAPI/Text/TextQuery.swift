/// A parsed full-text query: words that must all occur, quoted phrases that must occur as written,
/// and `-word` or `-"phrase"` exclusions. Terms are folded like the index (case and diacritics
/// ignored); a word that folds to several tokens (`U.S.`, `anti-dumping`) is searched as a phrase.
package struct TextQuery: Hashable, Sendable {
    /// The query as given.
    package let text: String
    /// Single folded terms that must all occur.
    package let words: [String]
    /// Folded token sequences that must occur consecutively (each has at least two tokens).
    package let phrases: [[String]]
    /// Single folded terms that must not occur.
    package let excludedWords: [String]
    /// Folded token sequences that must not occur.
    package let excludedPhrases: [[String]]

    /// Parses the `q` syntax: `tariff "export controls" -steel -"South China Sea"`.
    /// Throws when there is nothing to search for (an empty query, or only exclusions).
    package init(parsing text: String) throws(TextQueryError) {
        var words: [String] = []
        var phrases: [[String]] = []
        var excludedWords: [String] = []
        var excludedPhrases: [[String]] = []
        var sawExclusion = false

        func add(_ tokens: [String], excluded: Bool) {
            switch (tokens.count, excluded) {
            case (0, _): break
            case (1, false): if !words.contains(tokens[0]) { words.append(tokens[0]) }
            case (1, true): if !excludedWords.contains(tokens[0]) { excludedWords.append(tokens[0]) }
            case (_, false): if !phrases.contains(tokens) { phrases.append(tokens) }
            case (_, true): if !excludedPhrases.contains(tokens) { excludedPhrases.append(tokens) }
            }
        }

        let characters = Array(text.unicodeScalars)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.properties.isWhitespace {
                index += 1
                continue
            }
            var excluded = false
            if character == "-", index + 1 < characters.count, !characters[index + 1].properties.isWhitespace {
                excluded = true
                sawExclusion = true
                index += 1
            }
            var piece = String.UnicodeScalarView()
            if characters[index] == "\"" {
                index += 1
                while index < characters.count, characters[index] != "\"" {
                    piece.append(characters[index])
                    index += 1
                }
                index += 1
            } else {
                while index < characters.count, !characters[index].properties.isWhitespace {
                    piece.append(characters[index])
                    index += 1
                }
            }
            add(Tokenizer.foldedTokens(in: String(piece)), excluded: excluded)
        }

        guard !words.isEmpty || !phrases.isEmpty else {
            throw TextQueryError(
                message: sawExclusion
                    ? "the query only excludes words; add at least one word to search for"
                    : "the query has no words to search for")
        }
        self.text = text
        self.words = words
        self.phrases = phrases
        self.excludedWords = excludedWords
        self.excludedPhrases = excludedPhrases
    }

    /// Every distinct folded term an article must contain (words and phrase tokens).
    package var requiredTerms: [String] {
        var terms = words
        for phrase in phrases {
            for term in phrase where !terms.contains(term) { terms.append(term) }
        }
        return terms
    }
}
