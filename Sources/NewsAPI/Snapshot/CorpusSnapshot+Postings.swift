extension CorpusSnapshot {
    /// The ordinals of the articles naming `entity`, ascending (newest first), without copying
    /// them: a view into the index, for intersecting or paging.
    func articlePostings(mentioning entity: Entity) -> ArraySlice<Int32> {
        guard let index = entityIndexByID[entity.id] else { return [] }
        return mentionIndex.articles(mentioning: index)
    }
}
