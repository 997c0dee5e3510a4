/// What answers write about every entity, encoded once per snapshot, so lists and articles that name
/// thousands of entities per second copy bytes instead of escaping strings again: its identity
/// members (`"id":…,"name":…,"type":…`), its `links` member, and for each of its spellings the
/// `alias` and `rule` members of an occurrence written that way.
struct EncodedEntities: Sendable {
    private let identities: [[UInt8]]
    private let links: [[UInt8]]
    /// Per entity, per spelling number (see `EntitySpellings`).
    private let spellings: [[[UInt8]]]

    init(_ entities: [Entity]) {
        identities = entities.map { entity in
            JSONWriter.members { json in json.entityIdentity(entity) }
        }
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

    /// The identity members of the entity at `index`, to go inside an open object.
    subscript(index: Int) -> [UInt8] {
        identities[index]
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
