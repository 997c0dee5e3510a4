/// The filters, order and page of an article list, read from a request's query parameters.
struct ArticleQuery {
    var text: TextQuery?
    var entities: [Entity] = []
    var sources: [String] = []
    var kind: ArticleKind?
    var firstDay: Int32?
    var lastDay: Int32?
    var sort: ArticleSort = .newestFirst
    var page = Page(limit: 20, offset: 0)
    var applied = AppliedQuery()

    /// Reads every article-list parameter, recording each bad one in `parameters`; with `listing`
    /// false only the filters (`q`, `entity`, `source`, `kind`, `from`, `to`), for aggregates.
    init(reading parameters: inout QueryParameters, in snapshot: CorpusSnapshot, listing: Bool = true) {
        if let q = parameters.text("q") {
            do {
                text = try TextQuery(parsing: q)
            } catch {
                parameters.reject("q", error.message)
            }
        }
        entities = parameters.entities("entity", in: snapshot)
        sources = parameters.list("source")
        for source in sources where !snapshot.sources.contains(where: { $0.id == source }) {
            parameters.reject("source", "no source has the id \"\(source)\"; GET /meta lists them")
        }
        kind = parameters.choice("kind", of: ArticleKind.self)
        firstDay = parameters.day("from")
        lastDay = parameters.day("to")
        if let firstDay, let lastDay, firstDay > lastDay {
            parameters.reject("from", "must not be after to")
        }
        if listing {
            sort = parameters.choice("sort", of: ArticleSort.self) ?? .newestFirst
            if sort == .relevance, text == nil {
                parameters.reject("sort", "relevance needs a q to rank by")
            }
            page = parameters.page()
        }

        applied.add("q", text?.text)
        applied.add("entity", entities.map(\.id))
        applied.add("source", sources)
        applied.add("kind", kind?.rawValue)
        applied.add("from", firstDay.map(CalendarDay.isoString(of:)))
        applied.add("to", lastDay.map(CalendarDay.isoString(of:)))
        if listing {
            applied.add("sort", sort.rawValue)
            applied.add("limit", page.limit)
            applied.add("offset", page.offset)
        }
    }
}

extension QueryParameters {
    /// Every value of a repeatable entity parameter, each resolved by id, name or alias; a key that
    /// matches no entity is an error that names the closest ones.
    mutating func entities(_ name: String, in snapshot: CorpusSnapshot) -> [Entity] {
        var found: [Entity] = []
        for key in list(name) {
            if let match = snapshot.entity(matching: key) {
                if !found.contains(match.entity) { found.append(match.entity) }
            } else {
                let suggestions = snapshot.entitySuggestions(for: key, limit: 3).map { "\"\($0.id)\"" }
                let hint = suggestions.isEmpty ? "" : "; did you mean \(suggestions.joined(separator: ", "))?"
                reject(name, "no entity has the id, name or alias \"\(key)\"\(hint)")
            }
        }
        return found
    }
}
