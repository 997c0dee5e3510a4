extension CorpusSnapshot {
    /// The entity with exactly this id.
    func entity(id: String) -> Entity? {
        entityIndexByID[id].map { entities[Int($0)] }
    }

    /// The entity a user's key names: its id, or any name or alias compared folded (case, diacritics
    /// and punctuation ignored, so `U.S.`, `us` and `united-states` all work), with what matched.
    func entity(matching key: String) -> EntityMatch? {
        if let index = entityIndexByID[key] {
            return EntityMatch(entity: entities[Int(index)], matchedName: key, matchedBy: .id)
        }
        guard let found = entityByKey[TextFolding.normalizedKey(key)] else { return nil }
        let entity = entities[Int(found.entity)]
        // Several spellings of one entity can fold alike ("To Lam", "Tô Lâm"): say which was written.
        if key != found.spelling, entity.aliases.contains(key) {
            return EntityMatch(entity: entity, matchedName: key, matchedBy: .alias)
        }
        return EntityMatch(entity: entity, matchedName: found.spelling, matchedBy: found.matchedBy)
    }

    /// Entities whose id, name or alias is closest to `key` ("did you mean"): fewest edits between
    /// folded forms, where a key that is a (misspelt) beginning of a name counts one edit more than
    /// its edits; best first, at most `limit`.
    func entitySuggestions(for key: String, limit: Int = 5) -> [Entity] {
        let folded = Array(TextFolding.normalizedKey(key).unicodeScalars)
        guard !folded.isEmpty, limit > 0 else { return [] }
        let allowedDistance = max(2, folded.count / 3)
        var best: [Int32: Int] = [:]
        for (candidateKey, target) in entityByKey {
            let candidate = Array(candidateKey.unicodeScalars)
            var score = EditDistance.between(folded, candidate, limit: allowedDistance + 1)
            if folded.count >= 3, candidate.count > folded.count {
                let prefix = Array(candidate.prefix(folded.count))
                score = min(score, EditDistance.between(folded, prefix, limit: allowedDistance) + 1)
            }
            guard score <= allowedDistance else { continue }
            best[target.entity] = min(best[target.entity] ?? .max, score)
        }
        let ranked = best.sorted { left, right in
            if left.value != right.value { return left.value < right.value }
            let leftCount = mentionIndex.articleCount(of: left.key)
            let rightCount = mentionIndex.articleCount(of: right.key)
            if leftCount != rightCount { return leftCount > rightCount }
            return left.key < right.key
        }
        return ranked.prefix(limit).map { entities[Int($0.key)] }
    }

    /// The ordinals of the articles that mention `entity` or list it explicitly, ascending (newest first).
    func articles(mentioning entity: Entity) -> [Int32] {
        guard let index = entityIndexByID[entity.id] else { return [] }
        return Array(mentionIndex.articles(mentioning: index))
    }

    /// How many articles mention `entity` or list it explicitly.
    func articleCount(of entity: Entity) -> Int {
        guard let index = entityIndexByID[entity.id] else { return 0 }
        return mentionIndex.articleCount(of: index)
    }

    /// The entities named in the article at `ordinal`, most mentioned first; explicitly listed
    /// entities the text does not name come last with a count of 0.
    func mentions(inArticle ordinal: Int32) -> [Mention] {
        var mentions: [Mention] = []
        mentionIndex.forEachMention(inArticle: ordinal) { entity, count, occurrences in
            mentions.append(Mention(entity: entities[Int(entity)], count: Int(count), offsets: occurrences.map(\.occurrence)))
        }
        return mentions
    }

    /// The entities most often mentioned in the same articles as `entity` (up to 20), most shared first.
    func coMentions(of entity: Entity) -> [CoMention] {
        guard let index = entityIndexByID[entity.id] else { return [] }
        return mentionIndex.coMentions(of: index).map {
            CoMention(entity: entities[Int($0.entity)], articleCount: Int($0.count))
        }
    }

    /// The claims that concern `entity`, by id.
    func claims(about entity: Entity) -> [Claim] {
        guard let index = entityIndexByID[entity.id] else { return [] }
        return claimsByEntity[Int(index)].map { claims[Int($0)] }
    }

    /// The name or alias of `entity` that an occurrence in `article` matched (as the entity spells
    /// it), and the rule it linked by, worked out from the text. Loading numbers each occurrence's
    /// spelling (`EntitySpellings`) by the same comparisons; this is for the occurrences of an entity
    /// with too many aliases to number.
    func linkedName(_ occurrence: Mention.Occurrence, of entity: Entity, in article: Article) -> (
        spelling: String, rule: Entity.NameRule
    ) {
        let text = occurrence.field == .title ? article.title : article.body
        let utf16 = text.utf16
        let start = utf16.index(utf16.startIndex, offsetBy: Int(occurrence.start), limitedBy: utf16.endIndex) ?? utf16.endIndex
        let end =
            utf16.index(start, offsetBy: Int(occurrence.end - occurrence.start), limitedBy: utf16.endIndex) ?? utf16.endIndex
        let written = text[start..<end]
        // Most mentions are written as one of the names: compare before folding anything.
        let spelling: String
        if written == entity.name {
            spelling = entity.name
        } else if let alias = entity.aliases.first(where: { written == $0 }) {
            spelling = alias
        } else {
            let key = TextFolding.normalizedKey(String(written))
            spelling =
                TextFolding.normalizedKey(entity.name) == key
                ? entity.name : entity.aliases.first { TextFolding.normalizedKey($0) == key } ?? entity.name
        }
        return (spelling, entity.rule(of: spelling))
    }
}
