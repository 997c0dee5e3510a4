/// Writes compact JSON into a byte buffer, one token at a time.
///
/// Commas are placed automatically: call `beginObject`, then `key` and a value for each member,
/// then `endObject`. Pre-encoded fragments (records encoded once at load) go in with `raw`.
///
/// Every response is written through it from another module, so its methods are `@inlinable` (and
/// what they touch `@usableFromInline`): they compile into the caller, specialised, as they did
/// when the writer lived in NewsAPI.
public struct JSONWriter: Sendable {
    /// The bytes written so far.
    public var bytes: [UInt8] { output }
    /// Where the bytes are written.
    @usableFromInline var output: [UInt8]
    /// Whether the next value or key needs a comma before it.
    @usableFromInline var needsComma = false

    /// Creates a writer, reserving room for `capacity` bytes.
    @inlinable public init(capacity: Int = 256) {
        output = []
        output.reserveCapacity(capacity)
    }

    /// Starts an object (`{`) as the next value.
    @inlinable public mutating func beginObject() {
        separate()
        output.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Ends the current object (`}`).
    @inlinable public mutating func endObject() {
        output.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Starts an array (`[`) as the next value.
    @inlinable public mutating func beginArray() {
        separate()
        output.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// Ends the current array (`]`).
    @inlinable public mutating func endArray() {
        output.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes a member name; the next call writes its value.
    @inlinable public mutating func key(_ name: String) {
        separate()
        writeString(name)
        output.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes a member name given as a literal that needs no escaping (ASCII letters, digits, `_`, `-`),
    /// without scanning it, for the names an answer writes many times over; the next call writes its
    /// value.
    @inlinable public mutating func key(ascii name: StaticString) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: name.utf8CodeUnitCount + 4) { buffer in
            let count = JSONWriter.writeName(name, comma: needsComma, into: buffer, at: 0)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
        needsComma = false
    }

    /// Writes a member with an integer value (`"name":42`), its name a literal that needs no escaping,
    /// in one append: for objects of counts written many times over.
    @inlinable public mutating func member(ascii name: StaticString, _ value: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: name.utf8CodeUnitCount + 25) { buffer in
            var count = JSONWriter.writeName(name, comma: needsComma, into: buffer, at: 0)
            count += JSONWriter.writeDigits(of: value, into: UnsafeMutableBufferPointer(rebasing: buffer[count...]))
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
        needsComma = true
    }

    /// Writes members with integer values (`"a":1,"b":2`), their names literals that need no escaping,
    /// in one append: for objects of many counts written many times over (a counted timeline's periods).
    @inlinable package mutating func members(ascii members: (name: StaticString, value: Int)...) {
        var capacity = 0
        for member in members { capacity += member.name.utf8CodeUnitCount + 25 }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var count = 0
            for member in members {
                count += JSONWriter.writeName(member.name, comma: needsComma, into: buffer, at: count)
                needsComma = true
                count += JSONWriter.writeDigits(of: member.value, into: UnsafeMutableBufferPointer(rebasing: buffer[count...]))
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// Writes `value` in decimal into `buffer` (at least 20 bytes); returns the bytes written.
    @inlinable static func writeDigits(of value: Int, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var count = 0
        if value < 0 {
            buffer[count] = UInt8(ascii: "-")
            count += 1
        }
        let digits = count
        var magnitude = value.magnitude
        repeat {
            buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            count += 1
        } while magnitude > 0
        buffer[digits..<count].reverse()
        return count
    }

    /// Writes a comma (when `comma`), then `"name":`, into `buffer` from `start`, copying the name in
    /// one move; returns the bytes written.
    @inlinable static func writeName(
        _ name: StaticString, comma: Bool, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int
    ) -> Int {
        var count = start
        if comma {
            buffer[count] = UInt8(ascii: ",")
            count += 1
        }
        buffer[count] = UInt8(ascii: "\"")
        count += 1
        name.withUTF8Buffer { name in
            if let source = name.baseAddress {
                UnsafeMutableRawPointer(buffer.baseAddress! + count).copyMemory(from: source, byteCount: name.count)
            }
            count += name.count
        }
        buffer[count] = UInt8(ascii: "\"")
        buffer[count + 1] = UInt8(ascii: ":")
        return count + 2 - start
    }

    /// Writes a string value.
    @inlinable public mutating func string(_ value: String) {
        separate()
        writeString(value)
        needsComma = true
    }

    /// Writes a string value from part of a string (no copy of the part is made).
    @inlinable public mutating func string(_ value: Substring) {
        separate()
        var value = value
        value.withUTF8 { writeString(utf8: $0) }
        needsComma = true
    }

    /// Writes a string value given as its UTF-8 bytes (valid UTF-8), such as text built byte by byte.
    @inlinable package mutating func string(utf8 value: some Collection<UInt8>) {
        separate()
        if value.withContiguousStorageIfAvailable({ writeString(utf8: $0) }) == nil {
            Array(value).withUnsafeBufferPointer { writeString(utf8: $0) }
        }
        needsComma = true
    }

    /// Writes a string value, or `null` when it is `nil`.
    @inlinable public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// Writes an integer value.
    @inlinable public mutating func int<T: BinaryInteger>(_ value: T) {
        separate()
        var magnitude = UInt64(value.magnitude)
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(20 - count)...]))
        }
        needsComma = true
    }

    /// Writes a number; integral values are written without a fraction (`145`, not `145.0`).
    @inlinable public mutating func double(_ value: Double) {
        separate()
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            output.append(contentsOf: String(Int64(value)).utf8)
        } else if value.isFinite {
            output.append(contentsOf: String(value).utf8)
        } else {
            output.append(contentsOf: "null".utf8)
        }
        needsComma = true
    }

    /// Writes `true` or `false`.
    @inlinable public mutating func bool(_ value: Bool) {
        separate()
        output.append(contentsOf: (value ? "true" : "false").utf8)
        needsComma = true
    }

    /// Writes `null`.
    @inlinable public mutating func null() {
        separate()
        output.append(contentsOf: "null".utf8)
        needsComma = true
    }

    /// Writes one complete, already-encoded JSON value.
    @inlinable public mutating func raw(_ encoded: [UInt8]) {
        separate()
        output.append(contentsOf: encoded)
        needsComma = true
    }

    /// Writes one complete, already-encoded JSON value read in place, such as part of a shared buffer.
    @inlinable public mutating func raw(_ encoded: UnsafeBufferPointer<UInt8>) {
        separate()
        output.append(contentsOf: encoded)
        needsComma = true
    }

    /// Starts an object (as the next value) whose first members come already encoded: `encoded` is
    /// `{`, then members, then the name of one more member (`{"a":1,"b":`); the next call writes
    /// that member's value. For objects written many times over that differ in one value.
    @inlinable public mutating func beginObject(encodedThroughName encoded: UnsafeBufferPointer<UInt8>) {
        separate()
        output.append(contentsOf: encoded)
        needsComma = false
    }

    /// Writes a string value made of `prefix`, a literal that needs no escaping, and then `value`
    /// (escaped): a link such as `/articles/{id}` without building it as a `String` first.
    @inlinable public mutating func string(ascii prefix: StaticString, _ value: String) {
        separate()
        output.append(UInt8(ascii: "\""))
        prefix.withUTF8Buffer { output.append(contentsOf: $0) }
        let written: Void? = value.utf8.withContiguousStorageIfAvailable { writeEscaped(utf8: $0) }
        if written == nil {
            var value = value
            value.withUTF8 { writeEscaped(utf8: $0) }
        }
        output.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// Writes already-encoded members (`"a":1,"b":2`) inside the open object.
    @inlinable public mutating func rawMembers(_ encoded: [UInt8]) {
        separate()
        output.append(contentsOf: encoded)
        needsComma = true
    }

    /// Writes already-encoded members read in place, such as part of a buffer shared by many answers.
    @inlinable public mutating func rawMembers(_ encoded: UnsafeBufferPointer<UInt8>) {
        separate()
        output.append(contentsOf: encoded)
        needsComma = true
    }

    /// Writes already-encoded members followed by the name of one more (`"a":1,"b":`) inside the open
    /// object, read in place; the next call writes that member's value.
    @inlinable public mutating func rawMembers(throughName encoded: UnsafeBufferPointer<UInt8>) {
        separate()
        output.append(contentsOf: encoded)
        needsComma = false
    }

    /// Ends a line of NDJSON: a newline, after which the next value starts afresh (no comma).
    @inlinable public mutating func rawNewline() {
        output.append(0x0A)
        needsComma = false
    }

    /// Writes an array of strings.
    @inlinable public mutating func strings<S: Sequence<String>>(_ values: S) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// Writes the comma the next value or key needs, if any.
    @inlinable mutating func separate() {
        if needsComma { output.append(UInt8(ascii: ",")) }
    }

    /// Writes `value` quoted and escaped (in place: a native string's bytes are read where they are,
    /// without a copy of the string or a reference count).
    @inlinable mutating func writeString(_ value: String) {
        let written: Void? = value.utf8.withContiguousStorageIfAvailable { writeString(utf8: $0) }
        if written == nil {
            var value = value
            value.withUTF8 { writeString(utf8: $0) }
        }
    }

    /// Writes UTF-8 `utf8` quoted and escaped.
    @inlinable mutating func writeString(utf8: UnsafeBufferPointer<UInt8>) {
        output.append(UInt8(ascii: "\""))
        writeEscaped(utf8: utf8)
        output.append(UInt8(ascii: "\""))
    }

    /// Writes UTF-8 `utf8` escaped, without quotes.
    @inlinable mutating func writeEscaped(utf8: UnsafeBufferPointer<UInt8>) {
        // Copy runs of bytes that need no escaping in one go; escape the rest. Runs are found eight
        // bytes at a time where none of the eight needs escaping.
        var runStart = 0
        var index = 0
        while index < utf8.count {
            if index + 8 <= utf8.count, let base = utf8.baseAddress,
                !JSONWriter.anyNeedsEscaping(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            {
                index += 8
                continue
            }
            let byte = utf8[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                if runStart < index {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                }
                appendEscaped(byte)
                runStart = index + 1
            }
            index += 1
        }
        if runStart < utf8.count {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
    }

    /// Whether any of the eight bytes in `word` needs escaping in a JSON string: a control
    /// character (below 0x20), a quote or a backslash. Each test sets a byte's high bit where it
    /// holds; a false hit can only follow a true one in the same word, so the answer is exact.
    @inlinable static func anyNeedsEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
        let backslashes = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
        let controls = (word &- ones &* 0x20) & ~word
        let zeroQuotes = (quotes &- ones) & ~quotes
        let zeroBackslashes = (backslashes &- ones) & ~backslashes
        return (controls | zeroQuotes | zeroBackslashes) & highBits != 0
    }

    /// Writes the escape for a quote, a backslash or a control character, a byte at a time (an array
    /// literal here would be allocated for every escape, such as each blank line of a body).
    @usableFromInline mutating func appendEscaped(_ byte: UInt8) {
        output.append(0x5C)
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        default:
            let hex: StaticString = "0123456789abcdef"
            output.append(UInt8(ascii: "u"))
            output.append(0x30)
            output.append(0x30)
            hex.withUTF8Buffer { hex in
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0xF)])
            }
        }
    }
}
