/// The entity ids that article, measure and claim references are checked against.
struct EntityDirectory: Sendable {
    /// The index of each valid entity, by id.
    let indexByID: [String: Int32]
    /// Every id seen in `entities.json`, valid or not, so that a reference to a broken entity is
    /// not reported a second time.
    let seenIDs: Set<String>
    /// Whether `entities.json` could not be read at all (references are then not checked).
    let isUnreadable: Bool

    /// The index of the entity `id` refers to; reports an unknown id to `reader`.
    func reference(_ id: String, field: String, reader: inout RecordReader) -> Int32? {
        if let index = indexByID[id] { return index }
        if !isUnreadable, !seenIDs.contains(id) {
            reader.report("unknown entity \"\(id)\"", field: field)
        }
        return nil
    }
}
