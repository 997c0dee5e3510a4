import NewsAPI

/// How a fuzz input reads as a request: the first line is the request target, optionally preceded
/// by a method and a space (`OPTIONS /articles`); every further line is a `Name: value` header field.
/// A first line that starts with `/` is always a target, so paths and queries may contain spaces.
enum FuzzRequest {
    /// The request an input describes.
    static func parse(_ input: [UInt8]) -> Request {
        let text = String(decoding: input, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let requestLine = lines.first.map(String.init) ?? ""
        var method = HTTPMethod.get
        var target = requestLine
        if !requestLine.hasPrefix("/"), let space = requestLine.firstIndex(of: " "), space != requestLine.startIndex {
            method = HTTPMethod(rawValue: String(requestLine[..<space]))
            target = String(requestLine[requestLine.index(after: space)...])
        }
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
            headers.add(String(line[..<colon]), String(value))
        }
        return Request(method: method, target: target, headers: headers)
    }
}
