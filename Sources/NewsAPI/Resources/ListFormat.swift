/// How a list is sent: one page in the JSON envelope, or every matching item as NDJSON.
enum ListFormat: String, CaseIterable, Sendable {
    /// A page in the list envelope (the default).
    case json
    /// Every matching item, one JSON object per line, streamed; paging parameters do not apply.
    case ndjson

    /// The media type of NDJSON exports.
    static let ndjsonContentType = "application/x-ndjson"

    /// The format asked for by `format=` or, without it, by `Accept: application/x-ndjson`.
    static func read(_ parameters: inout QueryParameters, headers: HTTPHeaders) -> ListFormat {
        if let format = parameters.choice("format", of: ListFormat.self) { return format }
        return headers["Accept"]?.contains(ndjsonContentType) == true ? .ndjson : .json
    }
}
