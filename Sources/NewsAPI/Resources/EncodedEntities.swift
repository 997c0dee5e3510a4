/// What answers write about every entity, encoded once per snapshot, so lists and articles that name
/// thousands of entities per second copy bytes instead of escaping strings again: the start of a
/// mention of it (`{"id":…,"name":…,"type":…,"mentions":`), its `links` member, and for each of its
/// spellings the `alias` and `rule` members of an occurrence written that way.
struct EncodedEntities: Sendable {
    /// Every entity's mention start, in entity order.
    private let mentionStarts: PackedBytes
    /// Every entity's `links` member, in entity order.
    private let links: PackedBytes
    /// Every entity's spellings' members, entity after entity, in spelling-number order.
    private let spellings: PackedBytes
    /// Where each entity's spellings start in `spellings`.
    private let firstSpellings: [Int32]

    init(_ entities: [Entity]) {
        var mentionStarts = PackedBytes()
        var links = PackedBytes()
        var spellings = PackedBytes()
        var firstSpellings: [Int32] = []
        firstSpellings.reserveCapacity(entities.count)
        for entity in entities {
            var json = JSONWriter(capacity: 128)
            json.beginObject()
            json.entityIdentity(entity)
            json.key("mentions")
            mentionStarts.append(json.bytes)
            links.append(
                JSONWriter.members { json in
                    json.key("links"); json.selfLink(Links.entity(entity.id))
                })
            firstSpellings.append(Int32(spellings.count))
            for spelling in [entity.name] + entity.aliases {
                spellings.append(
                    JSONWriter.members { json in
                        json.key("alias"); json.string(spelling)
                        json.key("rule"); json.string(entity.rule(of: spelling).rawValue)
                    })
            }
        }
        self.mentionStarts = mentionStarts
        self.links = links
        self.spellings = spellings
        self.firstSpellings = firstSpellings
    }

    /// Starts the object of a mention of the entity at `index` as the next value: `{`, its identity
    /// members and the name `mentions`, whose value the next call writes.
    func beginMention(of index: Int, into json: inout JSONWriter) {
        mentionStarts.withBytes(index) { json.beginObject(encodedThroughName: $0) }
    }

    /// Writes the `links` member of the entity at `index`.
    func writeLinks(of index: Int, into json: inout JSONWriter) {
        links.withBytes(index) { json.rawMembers($0) }
    }

    /// Writes the `alias` and `rule` members of an occurrence of the entity at `index` written as
    /// its spelling numbered `number`.
    func writeSpelling(_ number: UInt8, of index: Int, into json: inout JSONWriter) {
        spellings.withBytes(Int(firstSpellings[index]) + Int(number)) { json.rawMembers($0) }
    }
}
