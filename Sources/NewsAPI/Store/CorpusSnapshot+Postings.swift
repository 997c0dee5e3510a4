extension CorpusSnapshot {
    /// The ordinals of the articles naming `entity`, ascending (newest first), without copying them.
    func articlePostings(mentioning entity: Entity) -> ArraySlice<Int32> {
        guard let index = entityIndexByID[entity.id] else { return [] }
        return mentionIndex.articles(mentioning: index)
    }
}
