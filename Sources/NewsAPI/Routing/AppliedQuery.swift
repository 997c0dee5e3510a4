/// The query parameters a list endpoint applied, in canonical form: echoed back in the envelope's
/// `query` member and used to build its `next` and `prev` links.
struct AppliedQuery: Sendable {
    private enum Value: Sendable {
        case text(String)
        case number(Int)
        case list([String])
    }

    private var members: [(name: String, value: Value)] = []

    /// Creates an empty query.
    init() {}

    /// Records a text parameter; `nil` records nothing.
    mutating func add(_ name: String, _ value: String?) {
        if let value { members.append((name, .text(value))) }
    }

    /// Records a whole-number parameter; `nil` records nothing.
    mutating func add(_ name: String, _ value: Int?) {
        if let value { members.append((name, .number(value))) }
    }

    /// Records a repeatable parameter; an empty list records nothing.
    mutating func add(_ name: String, _ values: [String]) {
        if !values.isEmpty { members.append((name, .list(values))) }
    }

    /// Writes the parameters as a JSON object (lists as arrays, numbers as numbers).
    func write(to json: inout JSONWriter) {
        json.beginObject()
        for member in members {
            json.key(member.name)
            switch member.value {
            case .text(let text): json.string(text)
            case .number(let number): json.int(number)
            case .list(let values): json.strings(values)
            }
        }
        json.endObject()
    }

    /// A relative URL for `path` with these parameters, `limit` and `offset` replaced by the given values.
    func url(path: String, limit: Int, offset: Int) -> String {
        var parts: [String] = []
        for member in members where member.name != "limit" && member.name != "offset" {
            switch member.value {
            case .text(let text): parts.append("\(member.name)=\(AppliedQuery.escape(text))")
            case .number(let number): parts.append("\(member.name)=\(number)")
            case .list(let values): parts += values.map { "\(member.name)=\(AppliedQuery.escape($0))" }
            }
        }
        parts.append("limit=\(limit)")
        parts.append("offset=\(offset)")
        return path + "?" + parts.joined(separator: "&")
    }

    /// Percent-encodes everything but unreserved characters (RFC 3986), for query values. Text that
    /// needs no escaping (every id, most values) is returned as it is.
    static func escape(_ text: String) -> String {
        guard !isPlain(text) else { return text }
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `text` needs no percent-encoding: every byte an unreserved character.
    static func isPlain(_ text: String) -> Bool {
        !text.utf8.contains(where: { !isUnreserved($0) })
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
}
