/// Which of an entity's names a linked occurrence is written as, worked out once per occurrence while
/// loading, so an article's answer reads one byte per occurrence instead of comparing its text.
///
/// A spelling is numbered by its place in `[name] + aliases`: 0 is the name, `k` the alias `k - 1`.
/// The text is compared with every spelling as written first, then folded (case, diacritics and
/// punctuation ignored); a text that folds like none of them is said to be the name.
struct EntitySpellings: Sendable {
    /// Stored for an occurrence whose spelling has no number that fits a byte (an entity with more
    /// than 254 aliases): its answer compares the text with the names instead.
    static let unnumbered: UInt8 = .max

    /// Per entity: the UTF-8 bytes of each spelling, in numbering order.
    private let written: [[[UInt8]]]
    /// Per entity: each spelling folded, in numbering order.
    private let folded: [[String]]

    init(entities: [Entity]) {
        written = entities.map { entity in ([entity.name] + entity.aliases).map { Array($0.utf8) } }
        folded = entities.map { entity in ([entity.name] + entity.aliases).map(TextFolding.normalizedKey) }
    }

    /// The number of the spelling of `entity` that `text` (an occurrence's bytes) is written as.
    func number(of text: UnsafeBufferPointer<UInt8>, entity: Int32) -> UInt8 {
        let spellings = written[Int(entity)]
        // Most occurrences are written as one of the names, byte for byte: compare before decoding.
        var number = spellings.firstIndex { $0.elementsEqual(text) }
        if number == nil {
            // Then as Swift compares strings (canonically equivalent forms are equal), then folded.
            let string = String(decoding: text, as: UTF8.self)
            number =
                spellings.firstIndex { String(decoding: $0, as: UTF8.self) == string }
                ?? folded[Int(entity)].firstIndex(of: TextFolding.normalizedKey(string)) ?? 0
        }
        guard let number, number < Int(EntitySpellings.unnumbered) else { return EntitySpellings.unnumbered }
        return UInt8(number)
    }
}

extension Entity {
    /// The spelling numbered `number` (see `EntitySpellings`): 0 is the name, `k` the alias `k - 1`.
    func spelling(numbered number: Int) -> String {
        number == 0 ? name : aliases[number - 1]
    }
}
