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
    private var firstOccurrences: ContiguousArray<Int32> = [0]
    /// Every occurrence's start, grouped by mention, with its field in the top bit (set for the body):
    /// tens of millions of occurrences take 8 bytes each instead of 12.
    private var occurrenceStartsAndFields = ContiguousArray<UInt32>()
    /// Every occurrence's end, in the same order.
    private var occurrenceEnds = ContiguousArray<Int32>()

    private static let bodyFieldBit: UInt32 = 1 << 31

    /// Starts a mention of `entity` in the current article.
    mutating func beginMention(of entity: Int32, count: Int32) {
        if entities.count > firstOccurrences.count - 1 {
            firstOccurrences.append(Int32(occurrenceEnds.count))
        }
        entities.append(entity)
        counts.append(count)
    }

    /// Adds an occurrence to the current mention.
    mutating func addOccurrence(_ occurrence: Mention.Occurrence) {
        precondition(occurrence.start >= 0, "offsets are never negative")
        occurrenceStartsAndFields.append(UInt32(occurrence.start) | (occurrence.field == .body ? MentionList.bodyFieldBit : 0))
        occurrenceEnds.append(occurrence.end)
    }

    /// Ends the current article.
    mutating func endDocument() {
        if entities.count > firstOccurrences.count - 1 {
            firstOccurrences.append(Int32(occurrenceEnds.count))
        }
        documentStarts.append(Int32(entities.count))
    }

    /// The mentions of the article at `loadIndex`.
    func mentionRange(of loadIndex: Int) -> Range<Int> {
        Int(documentStarts[loadIndex])..<Int(documentStarts[loadIndex + 1])
    }

    /// The occurrences of one mention, in text order.
    func occurrences(of mention: Int) -> LazyMapSequence<Range<Int>, Mention.Occurrence> {
        (Int(firstOccurrences[mention])..<Int(firstOccurrences[mention + 1])).lazy.map { index in
            let packed = occurrenceStartsAndFields[index]
            return Mention.Occurrence(
                field: packed & MentionList.bodyFieldBit != 0 ? .body : .title,
                start: Int32(packed & ~MentionList.bodyFieldBit), end: occurrenceEnds[index])
        }
    }
}
