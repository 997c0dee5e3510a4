/// What answers write about every entity, encoded once per snapshot, so lists and articles that name
/// thousands of entities per second copy bytes instead of escaping strings again: the start of a
/// mention of it (`{"id":…,"name":…,"type":…,"mentions":`), its `links` member, and for each of its
/// spellings the `alias` and `rule` members of an occurrence written that way.
struct EncodedEntities: Sendable {
    /// Every entity's mention start, one after another in one buffer, so writing one reads no
    /// array of its own (and counts no reference).
    private let mentionStarts: [UInt8]
    /// Where each entity's mention start begins in `mentionStarts`; one more for the end.
    private let mentionStartOffsets: [Int32]
    private let links: [[UInt8]]
    /// Per entity, per spelling number (see `EntitySpellings`).
    private let spellings: [[[UInt8]]]

    init(_ entities: [Entity]) {
        var mentionStarts: [UInt8] = []
        var mentionStartOffsets: [Int32] = [0]
        mentionStartOffsets.reserveCapacity(entities.count + 1)
        for entity in entities {
            var json = JSONWriter(capacity: 128)
            json.beginObject()
            json.entityIdentity(entity)
            json.key("mentions")
            mentionStarts += json.bytes
            mentionStartOffsets.append(Int32(mentionStarts.count))
        }
        self.mentionStarts = mentionStarts
        self.mentionStartOffsets = mentionStartOffsets
        links = entities.map { entity in
            JSONWriter.members { json in
                json.key("links"); json.selfLink(Links.entity(entity.id))
            }
        }
        spellings = entities.map { entity in
            ([entity.name] + entity.aliases).map { spelling in
                JSONWriter.members { json in
                    json.key("alias"); json.string(spelling)
                    json.key("rule"); json.string(entity.rule(of: spelling).rawValue)
                }
            }
        }
    }

    /// Starts the object of a mention of the entity at `index` as the next value: `{`, its identity
    /// members and the name `mentions`, whose value the next call writes.
    func beginMention(of index: Int, into json: inout JSONWriter) {
        let range = Int(mentionStartOffsets[index])..<Int(mentionStartOffsets[index + 1])
        mentionStarts.withUnsafeBufferPointer { starts in
            json.beginObject(encodedThroughName: UnsafeBufferPointer(rebasing: starts[range]))
        }
    }

    /// The `links` member of the entity at `index`.
    func links(of index: Int) -> [UInt8] {
        links[index]
    }

    /// The `alias` and `rule` members of an occurrence of the entity at `index` written as its
    /// spelling numbered `number`.
    func spelling(_ number: UInt8, of index: Int) -> [UInt8] {
        spellings[index][Int(number)]
    }
}
