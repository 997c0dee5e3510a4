import Testing

@testable import NewsAPI

@Suite struct StoreJSONReaderTests {
    private func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    private func syntaxError(_ bytes: [UInt8]) -> JSONSyntaxError? {
        do {
            _ = try JSONParser.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    private func syntaxError(_ text: String) -> JSONSyntaxError? {
        syntaxError(Array(text.utf8))
    }

    @Test func parsesEveryKindOfValue() throws {
        let value = try parse(#" {"a": [1, -2.5, 1e3, true, false, null], "b": {"c": "d"}, "e": ""} "#)
        guard case .object(let object) = value else { Issue.record("not an object"); return }
        #expect(object.members.map(\.key) == ["a", "b", "e"])
        guard case .array(let elements) = object["a"] else { Issue.record("not an array"); return }
        #expect(elements.count == 6)
        if case .number(let one) = elements[0] { #expect(one.integer == 1 && one.double == 1) } else { Issue.record("1") }
        if case .number(let fraction) = elements[1] {
            #expect(fraction.integer == nil && fraction.double == -2.5)
        } else {
            Issue.record("-2.5")
        }
        if case .number(let exponent) = elements[2] {
            #expect(exponent.integer == nil && exponent.double == 1000)
        } else {
            Issue.record("1e3")
        }
        if case .bool(true) = elements[3] {} else { Issue.record("true") }
        if case .null = elements[5] {} else { Issue.record("null") }
        if case .string("") = object["e"] {} else { Issue.record("empty string") }
    }

    @Test func keepsMemberLines() throws {
        let value = try parse("{\n  \"a\": 1,\n\n  \"b\": {\n    \"c\": 2\n  }\n}")
        guard case .object(let object) = value else { Issue.record("not an object"); return }
        #expect(object.line == 1)
        #expect(object.members.map(\.line) == [2, 4])
        guard case .object(let inner) = object["b"] else { Issue.record("not an object"); return }
        #expect(inner.line == 4)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try parse(#""a\"b\\c\/d\n\t\u00e9\uD83D\uDE00 \u4E2D""#)
        guard case .string(let string) = value else { Issue.record("not a string"); return }
        #expect(string == "a\"b\\c/d\n\té😀 中")
    }

    @Test func keepsRawUTF8() throws {
        guard case .string(let string) = try parse(#""Tô Lâm – 习近平""#) else { Issue.record("not a string"); return }
        #expect(string == "Tô Lâm – 习近平")
    }

    @Test func largeIntegersFallBackToDouble() throws {
        guard case .number(let number) = try parse("12345678901234567890") else { Issue.record("not a number"); return }
        #expect(number.integer == nil)
        #expect(number.double == 12_345_678_901_234_567_890)
        guard case .number(let exact) = try parse("-123456789012345678") else { Issue.record("not a number"); return }
        #expect(exact.integer == -123_456_789_012_345_678)
    }

    @Test(arguments: [
        ("[1, 2,]", 1, 7, "expected a value after ',', found ']' (trailing commas are not allowed)"),
        ("{\"a\": 1,}", 1, 9, "expected a field name after ',', found '}' (trailing commas are not allowed)"),
        ("{\"a\": 1 // note\n}", 1, 9, "expected ',' or '}' after an object member, found '/'"),
        ("/* c */ 1", 1, 1, "expected a value, found '/'"),
        ("[01]", 1, 3, "numbers may not have leading zeros"),
        ("[1.]", 1, 4, "expected a digit after '.', found ']'"),
        ("-", 1, 2, "expected a digit after '-', found end of input"),
        ("{'a': 1}", 1, 2, "expected a field name in double quotes, found '''"),
        ("{\"a\" 1}", 1, 6, "expected ':' after field name \"a\", found '1'"),
        ("[true, tru]", 1, 8, "expected a value, found 't'"),
        ("\"abc", 1, 5, "unterminated string: expected '\"', found end of input"),
        ("\"a\\x\"", 1, 3, "invalid escape '\\x': expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"),
        ("\"\\uD800\"", 1, 8, "high surrogate \\uD800 is not followed by a low surrogate"),
        ("\"\\uDC00\"", 1, 8, "low surrogate \\uDC00 without a high surrogate before it"),
        ("\"\\u12G4\"", 1, 6, "expected 4 hex digits after \\u, found 'G'"),
        ("\"tab\there\"", 1, 5, "unescaped control character a tab in a string"),
        ("", 1, 1, "expected a value, found end of input"),
        ("{} {}", 1, 4, "expected end of input after the value, found '{'"),
        ("{\n  \"a\": [1,\n    2,,\n  ]\n}", 3, 7, "expected a value, found ','"),
        ("[NaN]", 1, 2, "expected a value, found 'N'"),
        ("1e999", 1, 1, "number is too large"),
    ])
    func reportsWhereAndWhatWasExpected(text: String, line: Int, column: Int, message: String) {
        let error = syntaxError(text)
        #expect(error == JSONSyntaxError(line: line, column: column, message: message))
    }

    @Test func columnsCountCharactersNotBytes() {
        let error = syntaxError(#"{"é": "ü" x}"#)
        #expect(error?.column == 11)
    }

    @Test func rejectsInvalidUTF8WithoutCrashing() {
        let error = syntaxError([0x5B, 0x22, 0x61, 0xFF, 0x62, 0x22, 0x5D])
        #expect(error == JSONSyntaxError(line: 1, column: 4, message: "invalid UTF-8 in a string"))
        #expect(syntaxError([0x22, 0xC3, 0x22]) != nil)
        #expect(syntaxError([0x22, 0xED, 0xA0, 0x80, 0x22]) != nil)
        #expect(syntaxError([0xEF, 0xBB, 0xBF, 0x31]) != nil)
        #expect(
            syntaxError([0x22, 0x5C, 0x6E, 0xFF, 0x22])
                == JSONSyntaxError(line: 1, column: 5, message: "invalid UTF-8 in a string"))
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(syntaxError(deep)?.message == "arrays and objects nest more than 256 deep")
    }

    @Test func countsLinesFromTheGivenFirstLine() throws {
        let error: JSONSyntaxError?
        do {
            _ = try JSONParser.parse(Array(#"{"a": }"#.utf8), firstLine: 12)
            error = nil
        } catch let syntaxError {
            error = syntaxError
        }
        #expect(error == JSONSyntaxError(line: 12, column: 7, message: "expected a value, found '}'"))
    }

    @Test func longStringsWithEscapesAndStopsAtEveryPosition() throws {
        for length in 0..<40 {
            for position in 0...length {
                let plain =
                    String(repeating: "é", count: position % 3)
                    + String(repeating: "a", count: length - position % 3 * 2 > 0 ? length - position % 3 * 2 : 0)
                let prefix = String(plain.prefix(position))
                let suffix = String(plain.dropFirst(position))
                guard case .string(let decoded) = try parse("\"" + prefix + "\\\"" + suffix + "\"") else {
                    Issue.record("not a string")
                    return
                }
                #expect(decoded == prefix + "\"" + suffix)
                let error = syntaxError("[\"" + prefix + "\u{01}" + suffix + "\"]")
                #expect(error?.message == "unescaped control character byte 0x01 in a string")
                #expect(error?.column == prefix.count + 3)
            }
        }
    }
}
