import Testing

@testable import NewsAPI

@Suite struct TextQueryTests {
    @Test func wordsPhrasesAndExclusions() throws {
        let query = try TextQuery(parsing: #"Tariffs "export controls" -steel -"South China Sea" Chine"#)
        #expect(query.words == ["tariffs", "chine"])
        #expect(query.phrases == [["export", "controls"]])
        #expect(query.excludedWords == ["steel"])
        #expect(query.excludedPhrases == [["south", "china", "sea"]])
        #expect(query.requiredTerms == ["tariffs", "chine", "export", "controls"])
    }

    @Test func wordsThatFoldToSeveralTokensArePhrases() throws {
        let query = try TextQuery(parsing: "U.S. anti-dumping Tô")
        #expect(query.words == ["to"])
        #expect(query.phrases == [["u", "s"], ["anti", "dumping"]])
    }

    @Test func repeatsAreDroppedAndPunctuationIgnored() throws {
        let query = try TextQuery(parsing: "china CHINA, ... \"china\"")
        #expect(query.words == ["china"])
        #expect(query.phrases.isEmpty)
    }

    @Test func aHyphenInsideOrAloneIsNotAnExclusion() throws {
        let query = try TextQuery(parsing: "trade - war")
        #expect(query.words == ["trade", "war"])
        #expect(query.excludedWords.isEmpty)
    }

    @Test func unterminatedQuoteRunsToTheEnd() throws {
        let query = try TextQuery(parsing: #"tariff "South China Sea"#)
        #expect(query.phrases == [["south", "china", "sea"]])
    }

    @Test(arguments: ["", "   ", "...", "\"\""])
    func emptyQueriesAreRejected(text: String) {
        #expect(throws: TextQueryError(message: "the query has no words to search for")) {
            try TextQuery(parsing: text)
        }
    }

    @Test func onlyExclusionsAreRejected() {
        do {
            _ = try TextQuery(parsing: #"-steel -"south china sea""#)
            Issue.record("expected an error")
        } catch {
            #expect(error.parameter == "q")
            #expect(error.message == "the query only excludes words; add at least one word to search for")
        }
    }
}
