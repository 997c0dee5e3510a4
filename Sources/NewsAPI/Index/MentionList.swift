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
    /// Which of its entity's names each occurrence is written as (see `EntitySpellings`), in the same order.
    private var occurrenceSpellings = ContiguousArray<UInt8>()

    private static let bodyFieldBit: UInt32 = 1 << 31

    /// Starts a mention of `entity` in the current article.
    mutating func beginMention(of entity: Int32, count: Int32) {
        if entities.count > firstOccurrences.count - 1 {
            firstOccurrences.append(Int32(occurrenceEnds.count))
        }
        entities.append(entity)
        counts.append(count)
    }

    /// Adds an occurrence to the current mention, written as the entity's spelling numbered `spelling`.
    mutating func addOccurrence(_ occurrence: Mention.Occurrence, spelling: UInt8) {
        precondition(occurrence.start >= 0, "offsets are never negative")
        occurrenceStartsAndFields.append(UInt32(occurrence.start) | (occurrence.field == .body ? MentionList.bodyFieldBit : 0))
        occurrenceEnds.append(occurrence.end)
        occurrenceSpellings.append(spelling)
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

    /// The places of one mention's occurrences in the flat arrays, in text order.
    func occurrenceRange(of mention: Int) -> Range<Int> {
        Int(firstOccurrences[mention])..<Int(firstOccurrences[mention + 1])
    }

    /// The occurrence at a place of `occurrenceRange(of:)`, with the spelling it is written as.
    func occurrence(at index: Int) -> LinkedOccurrence {
        let packed = occurrenceStartsAndFields[index]
        return LinkedOccurrence(
            occurrence: Mention.Occurrence(
                field: packed & MentionList.bodyFieldBit != 0 ? .body : .title,
                start: Int32(packed & ~MentionList.bodyFieldBit), end: occurrenceEnds[index]),
            spelling: occurrenceSpellings[index])
    }
}

/// A finished `MentionList`, shared by reference: reading an article's mentions then costs one
/// reference count, not one for each of the list's arrays.
final class SharedMentionList: Sendable {
    let mentions: MentionList

    init(_ mentions: MentionList) {
        self.mentions = mentions
    }

    /// The occurrences of one mention, in text order, each with the spelling it is written as.
    func occurrences(of mention: Int) -> LazyMapSequence<Range<Int>, LinkedOccurrence> {
        mentions.occurrenceRange(of: mention).lazy.map { self.mentions.occurrence(at: $0) }
    }
}

/// Where an entity is named, and which of its names is written there.
struct LinkedOccurrence: Sendable {
    let occurrence: Mention.Occurrence
    /// The number of the entity's spelling written there (see `EntitySpellings`).
    let spelling: UInt8
}
