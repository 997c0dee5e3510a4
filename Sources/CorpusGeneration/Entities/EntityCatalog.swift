import NewsFormat

/// All entities of a corpus, with Zipf-like popularity within each type: a few are mentioned
/// in many articles, most in few.
struct EntityCatalog: Sendable {
    /// The entities, in the order entities.json lists them.
    let entities: [Entity]
    private let indicesByKind: [EntityType: [Int]]
    private let popularity: [EntityType: AliasSampler]

    /// Creates a catalog; within each type, earlier entities are more popular.
    init(entities: [Entity]) {
        self.entities = entities
        var indicesByKind: [EntityType: [Int]] = [:]
        for (index, entity) in entities.enumerated() {
            indicesByKind[entity.kind, default: []].append(index)
        }
        self.indicesByKind = indicesByKind
        popularity = indicesByKind.mapValues { AliasSampler.zipf(count: $0.count, exponent: 1.0) }
    }

    /// The entity at `index`.
    subscript(index: Int) -> Entity {
        entities[index]
    }

    /// The indices of all entities of one type.
    func indices(of kind: EntityType) -> [Int] {
        indicesByKind[kind] ?? []
    }

    /// Draws an entity of one type by popularity; nil when there is none of that type.
    func draw(_ kind: EntityType, _ rng: inout Xoshiro256) -> Int? {
        guard let indices = indicesByKind[kind], let sampler = popularity[kind] else {
            return nil
        }
        return indices[sampler.sample(&rng)]
    }
}
