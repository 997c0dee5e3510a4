/// Where an article appeared: its section and publication. Loaded articles that appeared in the same
/// place share one, so an article keeps one reference instead of three strings, and the members
/// every answer writes for them are encoded once, here, rather than in each answer.
final class ArticlePlacement: Sendable {
    /// The site's section or kicker label, if known.
    let section: String?
    /// The publication.
    let source: Article.Source
    /// `"section":…,"source":{…},"url":`: the members after the title, through the name of the `url`
    /// member that follows them.
    let encodedMembers: [UInt8]

    /// The placement in `section` of `source`.
    init(section: String?, source: Article.Source) {
        self.section = section
        self.source = source
        encodedMembers = JSONWriter.members { json in
            json.key(ascii: "section"); json.string(section)
            json.key(ascii: "source")
            json.beginObject()
            json.key(ascii: "id"); json.string(source.id)
            json.key(ascii: "name"); json.string(source.name)
            json.endObject()
            json.key(ascii: "url")
        }
    }

    /// What makes two placements the same, for sharing them.
    struct Key: Hashable {
        let section: String?
        let source: Article.Source
    }
}
