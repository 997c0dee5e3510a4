/// Hands out one shared copy of each distinct string, so the values that repeat across a million
/// records (source ids and names, sections, language tags) are stored once instead of once per record.
///
/// Swift strings longer than 15 bytes live on the heap; equal strings read from different lines are
/// separate allocations until one of them is used for all.
struct StringInterner {
    private var shared: Set<String> = []

    /// The shared copy of `text` (the first one seen).
    mutating func intern(_ text: String) -> String {
        // Short strings are stored inline: nothing to share.
        guard text.utf8.count > 15 else { return text }
        return shared.insert(text).memberAfterInsert
    }
}
