/// Sends a list: as one page in the envelope every list shares (`items`, `total`, `limit`, `offset`,
/// the applied `query`, and `next` / `prev` links, also in an RFC 8288 `Link` header), or, for an
/// export, as every item on its own line (NDJSON), streamed so memory stays flat however long it is.
struct ListEnvelope {
    let path: String
    let query: AppliedQuery
    let page: Page
    let total: Int
    let format: ListFormat
    /// Members written after `query` in the JSON envelope (e.g. `facets`), already encoded; never exported.
    var extraMembers: [(name: String, json: [UInt8])] = []
    /// About how many bytes of JSON the page's items take, so its buffer is reserved once rather
    /// than grown (and copied) as items are written; 0 if unknown.
    var itemBytes = 0

    /// Writes the item at a position of the whole ordered list (0 ..< total).
    typealias ItemWriter = @Sendable (Int, inout JSONWriter) -> Void

    /// The link to the following page, if there is one.
    var next: String? {
        page.offset + page.limit < total ? query.url(path: path, limit: page.limit, offset: page.offset + page.limit) : nil
    }

    /// The link to the preceding page, if this is not the first.
    var prev: String? {
        page.offset > 0 ? query.url(path: path, limit: page.limit, offset: max(0, min(page.offset, total) - page.limit)) : nil
    }

    /// The response, writing each item with `item`.
    func response(item: @escaping ItemWriter) -> Response {
        format == .ndjson ? export(item) : envelope(item)
    }

    private func envelope(_ item: ItemWriter) -> Response {
        var json = JSONWriter(capacity: max(4096, 1024 + itemBytes))
        json.beginObject()
        json.key("items")
        json.beginArray()
        for position in page.range(in: total) { item(position, &json) }
        json.endArray()
        json.key("total"); json.int(total)
        json.key("limit"); json.int(page.limit)
        json.key("offset"); json.int(page.offset)
        json.key("query"); query.write(to: &json)
        for member in extraMembers {
            json.key(member.name); json.raw(member.json)
        }
        let next = self.next
        let prev = self.prev
        json.key("next"); json.string(next)
        json.key("prev"); json.string(prev)
        json.endObject()
        var response = Response.json(json.bytes)
        // `Accept: application/x-ndjson` turns the same URL into an export.
        response.headers.add("Vary", "Accept")
        var links: [String] = []
        if let next { links.append("<\(next)>; rel=\"next\"") }
        if let prev { links.append("<\(prev)>; rel=\"prev\"") }
        if !links.isEmpty { response.headers.set("Link", links.joined(separator: ", ")) }
        return response
    }

    /// Items written per chunk of an export.
    static let itemsPerChunk = 256

    private func export(_ item: @escaping ItemWriter) -> Response {
        let total = self.total
        var next = 0
        let stream = BodyStream {
            guard next < total else { return nil }
            var json = JSONWriter(capacity: 64 * 1024)
            let end = min(total, next + ListEnvelope.itemsPerChunk)
            for position in next..<end {
                item(position, &json)
                json.rawNewline()
            }
            next = end
            return json.bytes
        }
        var response = Response(
            status: .ok,
            headers: [
                "Content-Type": ListFormat.ndjsonContentType,
                "X-Total-Count": String(total),
            ])
        response.stream = stream
        return response
    }
}
