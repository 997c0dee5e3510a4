import NewsAPI

/// Folds and normalises any bytes as an entity name, and checks that a key is stable: normalising a
/// key again gives the same key, so a reader who types the folded form finds the entity too.
enum NormalizedKeyTarget {
    /// Runs one input.
    static func run(_ input: [UInt8]) {
        let text = String(decoding: input, as: UTF8.self)
        _ = TextFolding.fold(text)
        let key = TextFolding.normalizedKey(text)
        let context = text.debugDescription
        FuzzCheck.expect(
            !key.hasPrefix(" ") && !key.hasSuffix(" ") && !key.contains("  "),
            "key \(key.debugDescription) has stray spaces (\(context))")
        FuzzCheck.expect(
            key == Tokenizer.foldedTokens(in: text).joined(separator: " "),
            "key \(key.debugDescription) differs from the folded tokens (\(context))")
        let again = TextFolding.normalizedKey(key)
        FuzzCheck.expect(again == key, "normalising \(context) gives \(key.debugDescription), then \(again.debugDescription)")
    }
}
