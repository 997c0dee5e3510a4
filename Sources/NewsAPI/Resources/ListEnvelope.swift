/// Writes the one envelope every list shares: `items`, `total`, `limit`, `offset`, the applied
/// `query`, and `next` / `prev` links, which also go in an RFC 8288 `Link` header.
struct ListEnvelope {
    let path: String
    let query: AppliedQuery
    let page: Page
    let total: Int

    /// The link to the following page, if there is one.
    var next: String? {
        page.offset + page.limit < total ? query.url(path: path, limit: page.limit, offset: page.offset + page.limit) : nil
    }

    /// The link to the preceding page, if this is not the first.
    var prev: String? {
        page.offset > 0 ? query.url(path: path, limit: page.limit, offset: max(0, min(page.offset, total) - page.limit)) : nil
    }

    /// The response, with `writeItems` writing each item of the page into the open `items` array.
    func response(writeItems: (inout JSONWriter) throws -> Void) rethrows -> Response {
        var json = JSONWriter(capacity: 4096)
        json.beginObject()
        json.key("items")
        json.beginArray()
        try writeItems(&json)
        json.endArray()
        json.key("total"); json.int(total)
        json.key("limit"); json.int(page.limit)
        json.key("offset"); json.int(page.offset)
        json.key("query"); query.write(to: &json)
        let next = self.next, prev = self.prev
        json.key("next"); json.string(next)
        json.key("prev"); json.string(prev)
        json.endObject()
        var response = Response.json(json.bytes)
        var links: [String] = []
        if let next { links.append("<\(next)>; rel=\"next\"") }
        if let prev { links.append("<\(prev)>; rel=\"prev\"") }
        if !links.isEmpty { response.headers.set("Link", links.joined(separator: ", ")) }
        return response
    }
}
