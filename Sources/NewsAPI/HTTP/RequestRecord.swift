/// What happened to one request, reported after its response was handed to libmicrohttpd, for the
/// access log and metrics.
package struct RequestRecord: Sendable {
    /// The request method.
    let method: HTTPMethod
    /// The decoded path.
    let path: String
    /// The route pattern that answered, or `unmatched`.
    package let route: String
    /// The status sent.
    let status: HTTPStatus
    /// Body bytes sent (0 for HEAD).
    package let bytes: Int
    /// Time from the complete request to the queued response.
    package let duration: Duration
}

extension RequestRecord {
    /// `METHOD path status` for the access log, with every byte a terminal or a log reader could
    /// mistake for something else written as `\xHH` (as nginx does): controls, non-ASCII, `"` and `\`.
    /// A path with `%0a` cannot forge a line, and escape sequences never reach a terminal.
    package var accessLogLine: String {
        "\(RequestRecord.escaped(method.rawValue)) \(RequestRecord.escaped(path)) \(status.code)"
    }

    static func escaped(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if byte < 0x20 || byte >= 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "x"), hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
