/// Every entity's identity members (`"id":…,"name":…,"type":…`), encoded once per snapshot, so lists
/// that name thousands of entities per second copy bytes instead of escaping strings again.
struct EncodedEntities: Sendable {
    private let identities: [[UInt8]]

    init(_ entities: [Entity]) {
        identities = entities.map { entity in
            var json = JSONWriter(capacity: 96)
            json.beginObject()
            json.entityIdentity(entity)
            json.endObject()
            return Array(json.bytes.dropFirst().dropLast())
        }
    }

    /// The identity members of the entity at `index`, to go inside an open object.
    subscript(index: Int) -> [UInt8] {
        identities[index]
    }
}
