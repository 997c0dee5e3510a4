/// Every article's entity mentions in flat arrays (one entry per mention, one per occurrence),
/// so a million articles do not need a million small arrays.
struct MentionList: Sendable {
    /// Per article (plus an end marker): the index of its first mention.
    private(set) var documentStarts: ContiguousArray<Int32> = [0]
    /// Per mention: the entity's index.
    private(set) var entities = ContiguousArray<Int32>()
    /// Per mention: how many times the text names the entity.
    private(set) var counts = ContiguousArray<Int32>()
    /// Per mention (plus an end marker): the index of its first occurrence.
    private(set) var occurrenceStarts: ContiguousArray<Int32> = [0]
    /// Every occurrence, grouped by mention.
    private(set) var occurrences = ContiguousArray<Mention.Occurrence>()

    /// Starts a mention of `entity` in the current article.
    mutating func beginMention(of entity: Int32, count: Int32) {
        if entities.count > occurrenceStarts.count - 1 {
            occurrenceStarts.append(Int32(occurrences.count))
        }
        entities.append(entity)
        counts.append(count)
    }

    /// Adds an occurrence to the current mention.
    mutating func addOccurrence(_ occurrence: Mention.Occurrence) {
        occurrences.append(occurrence)
    }

    /// Ends the current article.
    mutating func endDocument() {
        if entities.count > occurrenceStarts.count - 1 {
            occurrenceStarts.append(Int32(occurrences.count))
        }
        documentStarts.append(Int32(entities.count))
    }

    /// The mentions of the article at `loadIndex`.
    func mentionRange(of loadIndex: Int) -> Range<Int> {
        Int(documentStarts[loadIndex])..<Int(documentStarts[loadIndex + 1])
    }

    /// The occurrences of one mention.
    func occurrenceRange(of mention: Int) -> Range<Int> {
        Int(occurrenceStarts[mention])..<Int(occurrenceStarts[mention + 1])
    }
}
