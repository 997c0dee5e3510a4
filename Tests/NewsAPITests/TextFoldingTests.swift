import Testing

@testable import NewsAPI

@Suite struct TextFoldingTests {
    @Test(arguments: [
        ("U.S.", "u s"),
        ("united-states", "united states"),
        ("Tô Lâm", "to lam"),
        ("United  States", "united states"),
        ("  --China--  ", "china"),
        ("Đà Nẵng", "da nang"),
        ("Phạm Minh Chính", "pham minh chinh"),
        ("Øresund Łódź", "oresund lodz"),
        ("Straße", "strasse"),
        ("ÉCOLE", "ecole"),
        ("People's Republic", "people s republic"),
        ("习近平", "习近平"),
        ("", ""),
        ("...", ""),
    ])
    func normalizedKeys(text: String, key: String) {
        #expect(TextFolding.normalizedKey(text) == key)
    }

    @Test func foldKeepsSeparators() {
        #expect(TextFolding.fold("Tô Lâm, U.S.!") == "to lam, u.s.!")
        #expect(TextFolding.fold("ﬁnal Ⅻ") == "final xii")
    }

    @Test func combiningMarksStayInsideTheWord() {
        // "é" written as "e" + U+0301 folds like the precomposed letter and does not split the word.
        let decomposed = "caf\u{65}\u{301} noir"
        #expect(Tokenizer.foldedTokens(in: decomposed) == ["cafe", "noir"])
        #expect(Tokenizer.foldedTokens(in: "café noir") == ["cafe", "noir"])
    }

    @Test func tokensAreRunsOfLettersAndDigits() {
        #expect(
            Tokenizer.foldedTokens(in: "Xi’s 145% tariff, on 2025-04-14 (U.S.)") == [
                "xi", "s", "145", "tariff", "on", "2025", "04", "14", "u", "s",
            ])
        #expect(Tokenizer.foldedTokens(in: "snake_case and e-mail") == ["snake", "case", "and", "e", "mail"])
        #expect(Tokenizer.foldedTokens(in: "") == [])
        #expect(Tokenizer.foldedTokens(in: " \n\t ") == [])
    }

    @Test func offsetsAreUTF16AndSliceBackToTheOriginal() {
        let text = "😀 Tô Lâm met 習近平 in Hà Nội."
        let tokens = Tokenizer.tokens(in: text)
        #expect(tokens.map(\.text) == ["to", "lam", "met", "習近平", "in", "ha", "noi"])
        let utf16 = Array(text.utf16)
        let slices = tokens.map { String(decoding: utf16[$0.utf16Range], as: UTF16.self) }
        #expect(slices == ["Tô", "Lâm", "met", "習近平", "in", "Hà", "Nội"])
        // The emoji takes two UTF-16 units, so "Tô" starts at 3.
        #expect(tokens[0].utf16Range == 3..<5)
    }

    @Test func uppercaseASCIIIsFoldedButOffsetsStay() {
        let tokens = Tokenizer.tokens(in: "NATO and the EU")
        #expect(tokens.map(\.text) == ["nato", "and", "the", "eu"])
        #expect(tokens.map(\.utf16Range) == [0..<4, 5..<8, 9..<12, 13..<15])
    }

    @Test func plainPrefixStopsAtTheFirstByteThatIsNotALowercaseLetterOrDigit() {
        let plain = Set(Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8))
        for position in 0..<8 {
            for byte in 0...255 {
                // Bytes after the tested one are 0xFF, whose carries must not matter.
                var bytes = [UInt8](repeating: UInt8(ascii: "m"), count: position) + [UInt8(byte)]
                bytes += [UInt8](repeating: 0xFF, count: 7 - position)
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                let expected = plain.contains(UInt8(byte)) ? (position == 7 ? 8 : position + 1) : position
                #expect(TokenScanner.plainPrefixLength(word) == expected, "byte \(byte) at \(position)")
            }
        }
    }

    @Test func longWordsAreWholeTokensWithTheirOffsets() {
        let text = "abcdefgh12345678xyzQrs internationalé Ünterwegsnachhause 12345678 abcdefgh"
        let tokens = Tokenizer.tokens(in: text)
        #expect(
            tokens.map(\.text) == [
                "abcdefgh12345678xyzqrs", "internationale", "unterwegsnachhause", "12345678", "abcdefgh",
            ])
        #expect(tokens.map(\.utf16Range) == [0..<22, 23..<37, 38..<56, 57..<65, 66..<74])
    }

    @Test func greekAndCyrillicFoldToLowercase() {
        #expect(Tokenizer.foldedTokens(in: "ΑΘΗΝΑ Москва") == ["αθηνα", "москва"])
    }
}
