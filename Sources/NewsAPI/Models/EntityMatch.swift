/// The entity a lookup key found, and which of its names matched.
struct EntityMatch: Hashable, Sendable {
    /// How the key matched.
    enum MatchedBy: String, CaseIterable, Hashable, Sendable {
        /// The key is the entity's id (exactly, or after folding).
        case id
        /// The key is the entity's preferred name.
        case name
        /// The key is one of the entity's aliases.
        case alias
    }

    /// The entity found.
    let entity: Entity
    /// The id, name or alias that matched, spelled as in the data.
    let matchedName: String
    /// Whether the id, the name or an alias matched.
    let matchedBy: MatchedBy

    /// Creates a lookup result.
    init(entity: Entity, matchedName: String, matchedBy: MatchedBy) {
        self.entity = entity
        self.matchedName = matchedName
        self.matchedBy = matchedBy
    }
}
