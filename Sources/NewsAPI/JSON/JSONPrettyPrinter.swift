/// Re-indents compact JSON for people reading it in a terminal (`?pretty=true`).
enum JSONPrettyPrinter {
    /// Returns `json` indented by two spaces per level, with a space after each colon.
    /// The input must be JSON this server wrote; strings are copied untouched.
    static func indent(_ json: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(json.count * 2)
        var depth = 0
        var inString = false
        var escaped = false
        var index = 0
        func newline(_ out: inout [UInt8], _ depth: Int) {
            out.append(0x0A)
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
        }
        while index < json.count {
            let byte = json[index]
            if inString {
                out.append(byte)
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                out.append(byte)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let closing = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if index + 1 < json.count, json[index + 1] == closing {
                    out.append(byte)
                    out.append(closing)
                    index += 1
                } else {
                    out.append(byte)
                    depth += 1
                    newline(&out, depth)
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                newline(&out, depth)
                out.append(byte)
            case UInt8(ascii: ","):
                out.append(byte)
                newline(&out, depth)
            case UInt8(ascii: ":"):
                out.append(contentsOf: [byte, UInt8(ascii: " ")])
            default:
                out.append(byte)
            }
            index += 1
        }
        out.append(0x0A)
        return out
    }
}
