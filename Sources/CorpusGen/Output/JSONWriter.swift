/// Builds JSON text by hand into a byte buffer: objects, arrays, escaped strings and numbers,
/// with the commas placed for the caller.
struct JSONWriter {
    /// The JSON written so far.
    private(set) var bytes: [UInt8] = []
    /// Whether the next value or key needs a comma before it.
    private var needsComma = false

    /// Creates an empty writer that can hold `capacity` bytes before it grows.
    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Forgets what was written, keeping the memory for the next batch.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = false
    }

    /// Opens an object.
    mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Closes an object.
    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Opens an array.
    mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// Closes an array.
    mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Starts a new line for the next element of a top-level array, for files people may read.
    mutating func elementOnNewLine() {
        if needsComma {
            bytes.append(UInt8(ascii: ","))
        }
        bytes.append(UInt8(ascii: "\n"))
        needsComma = false
    }

    /// Ends a record of newline-delimited JSON.
    mutating func endLine() {
        bytes.append(UInt8(ascii: "\n"))
        needsComma = false
    }

    /// Writes an object key; the next call writes its value.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes a string value.
    mutating func string(_ value: String) {
        separate()
        appendQuoted(value.utf8)
        needsComma = true
    }

    /// Writes a string value given as UTF-8 bytes.
    mutating func string<Bytes: Collection<UInt8>>(utf8 value: Bytes) {
        separate()
        appendQuoted(value)
        needsComma = true
    }

    /// Writes a number: integers without a fraction, others in Swift's shortest exact form.
    mutating func number(_ value: Double) {
        separate()
        if value == value.rounded(), abs(value) < 1e15 {
            bytes.append(contentsOf: String(Int(value)).utf8)
        } else {
            bytes.append(contentsOf: String(value).utf8)
        }
        needsComma = true
    }

    /// Writes `"name": value` for a string.
    mutating func field(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }

    /// Writes `"name": [values]` for an array of strings.
    mutating func field(_ name: StaticString, _ values: [String]) {
        key(name)
        beginArray()
        for value in values {
            string(value)
        }
        endArray()
    }

    private mutating func separate() {
        if needsComma {
            bytes.append(UInt8(ascii: ","))
        }
    }

    /// Appends `"value"`, escaping quotes, backslashes and control characters; runs of
    /// ordinary bytes (including all of UTF-8 above ASCII) are copied in one go.
    private mutating func appendQuoted<Bytes: Collection<UInt8>>(_ value: Bytes) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = value.startIndex
        var index = value.startIndex
        while index != value.endIndex {
            let byte = value[index]
            if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                value.formIndex(after: &index)
                continue
            }
            bytes.append(contentsOf: value[runStart..<index])
            appendEscape(for: byte)
            value.formIndex(after: &index)
            runStart = index
        }
        bytes.append(contentsOf: value[runStart..<index])
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscape(for byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "t"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: Array("u00".utf8))
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0x0F)])
        }
    }
}
