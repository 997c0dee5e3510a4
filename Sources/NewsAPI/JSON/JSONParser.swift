/// A strict RFC 8259 JSON parser over UTF-8 bytes, reporting errors with line and column.
///
/// No trailing commas, comments, single quotes, leading zeros or unescaped control characters;
/// escapes are checked (including surrogate pairs) and strings must be valid UTF-8.
struct JSONParser {
    /// How deeply arrays and objects may nest before the input is rejected (instead of overflowing the stack).
    static let maximumDepth = 256

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var line: Int
    private var lineStart = 0
    private var depth = 0
    private var scratch = ContiguousArray<UInt8>()

    /// Creates a parser over `bytes`, whose first line is numbered `firstLine`.
    init(bytes: UnsafeBufferPointer<UInt8>, firstLine: Int = 1) {
        self.bytes = bytes
        self.line = firstLine
    }

    /// Parses `bytes` as exactly one JSON value, optionally surrounded by whitespace.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int = 1) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes, firstLine: firstLine)
        return try parser.parseDocument()
    }

    /// Parses `bytes` as exactly one JSON value, optionally surrounded by whitespace.
    static func parse(_ bytes: [UInt8], firstLine: Int = 1) throws(JSONSyntaxError) -> JSONValue {
        let result: Result<JSONValue, JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONSyntaxError) in try parse(buffer, firstLine: firstLine) }
        }
        return try result.get()
    }

    /// Parses one value and checks that only whitespace follows.
    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        if index < bytes.count {
            throw error("expected end of input after the value, found \(found())")
        }
        return value
    }

    // MARK: Values

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard index < bytes.count else { throw error("expected a value, found end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return .object(try parseObject())
        case UInt8(ascii: "["): return .array(try parseArray())
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("expected a value, found \(found())")
        }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONObject {
        let objectLine = line
        try enterContainer()
        index += 1
        var members: [JSONObject.Member] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return JSONObject(members: members, line: objectLine)
        }
        while true {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                if index < bytes.count, bytes[index] == UInt8(ascii: "}"), !members.isEmpty {
                    throw error("expected a field name after ',', found '}' (trailing commas are not allowed)")
                }
                throw error("expected a field name in double quotes, found \(found())")
            }
            let keyLine = line
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("expected ':' after field name \"\(key)\", found \(found())")
            }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            members.append(JSONObject.Member(key: key, value: value, line: keyLine))
            skipWhitespace()
            guard index < bytes.count else {
                throw error("expected ',' or '}' after an object member, found end of input")
            }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                skipWhitespace()
            } else if bytes[index] == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return JSONObject(members: members, line: objectLine)
            } else {
                throw error("expected ',' or '}' after an object member, found \(found())")
            }
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> [JSONValue] {
        try enterContainer()
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return elements
        }
        while true {
            if index < bytes.count, bytes[index] == UInt8(ascii: "]"), !elements.isEmpty {
                throw error("expected a value after ',', found ']' (trailing commas are not allowed)")
            }
            elements.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else {
                throw error("expected ',' or ']' after an array element, found end of input")
            }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                skipWhitespace()
            } else if bytes[index] == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return elements
            } else {
                throw error("expected ',' or ']' after an array element, found \(found())")
            }
        }
    }

    private mutating func enterContainer() throws(JSONSyntaxError) {
        depth += 1
        if depth > JSONParser.maximumDepth {
            throw error("arrays and objects nest more than \(JSONParser.maximumDepth) deep")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let start = index
        let literalBytes = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for expected in literalBytes {
            guard index < bytes.count, bytes[index] == expected else {
                index = start
                throw error("expected a value, found \(found())")
            }
            index += 1
        }
    }

    // MARK: Numbers

    private mutating func parseNumber() throws(JSONSyntaxError) -> JSONNumber {
        let start = index
        var isInteger = true
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else {
            throw error("expected a digit after '-', found \(found())")
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw error("numbers may not have leading zeros")
            }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error("expected a digit after '.', found \(found())")
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error("expected a digit in the exponent, found \(found())")
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let text = UnsafeBufferPointer(rebasing: bytes[start..<index])
        if isInteger, text.count <= 18 {
            var value: Int64 = 0
            for byte in text where byte != UInt8(ascii: "-") {
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            if text[0] == UInt8(ascii: "-") { value = -value }
            return JSONNumber(double: Double(value), integer: value)
        }
        let double = Double(String(decoding: text, as: UTF8.self)) ?? .nan
        guard double.isFinite else {
            index = start
            throw error("number is too large")
        }
        let integer: Int64? = isInteger && double.magnitude < 9.2e18 ? Int64(String(decoding: text, as: UTF8.self)) : nil
        return JSONNumber(double: double, integer: integer)
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    // MARK: Strings

    /// Parses a string starting at its opening quote.
    private mutating func parseString() throws(JSONSyntaxError) -> String {
        index += 1
        let start = index
        while index < bytes.count {
            skipPlainStringBytes()
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let string = try makeString(UnsafeBufferPointer(rebasing: bytes[start..<index]), startingAt: start)
                index += 1
                return string
            }
            if byte == UInt8(ascii: "\\") {
                return try parseEscapedString(from: start)
            }
            if byte < 0x20 {
                throw error("unescaped control character \(describe(byte)) in a string")
            }
            index += 1
        }
        throw error("unterminated string: expected '\"', found end of input")
    }

    /// Continues a string that has escapes, copying its pieces into `scratch`.
    private mutating func parseEscapedString(from start: Int) throws(JSONSyntaxError) -> String {
        scratch.removeAll(keepingCapacity: true)
        var runStart = start
        while index < bytes.count {
            skipPlainStringBytes()
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                let string = scratch.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) }
                guard let string else { throw error("invalid UTF-8 in a string") }
                index += 1
                return string
            }
            if byte == UInt8(ascii: "\\") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                try appendEscape()
                runStart = index
                continue
            }
            if byte < 0x20 {
                throw error("unescaped control character \(describe(byte)) in a string")
            }
            index += 1
        }
        throw error("unterminated string: expected '\"', found end of input")
    }

    /// Moves `index` past string bytes that need no attention (anything but `"`, `\\` and control
    /// characters), eight at a time.
    @inline(__always)
    private mutating func skipPlainStringBytes() {
        guard let base = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            // A byte is flagged if it is zero after the XOR (a quote or backslash) or below 0x20.
            let flagged = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
            if flagged & highBits != 0 { return }
            index += 8
        }
    }

    /// Decodes the escape at `index` (a backslash) into `scratch`.
    private mutating func appendEscape() throws(JSONSyntaxError) {
        index += 1
        guard index < bytes.count else { throw error("unterminated escape sequence at end of input") }
        let escaped = bytes[index]
        index += 1
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escaped)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHex4()
            if (0xD800..<0xDC00).contains(scalar) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error("high surrogate \\u\(hex(scalar)) is not followed by a low surrogate")
                }
                index += 2
                let low = try readHex4()
                guard (0xDC00..<0xE000).contains(low) else {
                    throw error("high surrogate \\u\(hex(scalar)) is followed by \\u\(hex(low)), not a low surrogate")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw error("low surrogate \\u\(hex(scalar)) without a high surrogate before it")
            }
            appendUTF8(scalar)
        default:
            index -= 2
            throw error(
                "invalid escape '\\\(Unicode.Scalar(escaped))': expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
        }
    }

    private mutating func readHex4() throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw error("expected 4 hex digits after \\u, found end of input") }
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("expected 4 hex digits after \\u, found \(found())")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Makes a `String` from UTF-8 bytes, rejecting invalid UTF-8. `start` locates raw input bytes
    /// for the error position; `nil` means the bytes were unescaped into scratch space.
    private mutating func makeString(_ utf8: UnsafeBufferPointer<UInt8>, startingAt start: Int?) throws(JSONSyntaxError) -> String
    {
        if let string = String(validating: utf8, as: UTF8.self) {
            return string
        }
        let badOffset = UTF8Validation.firstInvalidOffset(in: utf8) ?? 0
        if let start {
            index = start + badOffset
        }
        throw error("invalid UTF-8 in a string")
    }

    // MARK: Whitespace and errors

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "\n"):
                index += 1
                line += 1
                lineStart = index
            default:
                return
            }
        }
    }

    private func found() -> String {
        guard index < bytes.count else { return "end of input" }
        return describe(bytes[index])
    }

    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F {
            return "'\(Unicode.Scalar(byte))'"
        }
        if byte == 0x0A { return "a line break" }
        if byte == 0x09 { return "a tab" }
        return "byte 0x\(hex(UInt32(byte), width: 2))"
    }

    private func hex(_ value: UInt32, width: Int = 4) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// An error at the current position; the column counts characters, not bytes.
    private func error(_ message: String) -> JSONSyntaxError {
        var column = 1
        var offset = lineStart
        let end = min(index, bytes.count)
        while offset < end {
            if bytes[offset] & 0xC0 != 0x80 { column += 1 }
            offset += 1
        }
        return JSONSyntaxError(line: line, column: column, message: message)
    }
}
