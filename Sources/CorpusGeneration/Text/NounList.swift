/// Countable nouns with their plurals, drawn with Zipf-like frequencies.
struct NounList: Sendable {
    /// The singular forms.
    let singular: WordList
    /// The plural forms, at the same indices.
    let plural: [[UInt8]]

    /// Creates the list from a block of words in order of frequency; an irregular plural is
    /// written after a bar (`crisis|crises`), regular ones are derived.
    init(block: String) {
        let entries = WordList.split(block, byWord: true).map { $0.split(separator: "|").map(String.init) }
        singular = WordList(entries.map { $0[0] })
        plural = entries.map { Array(($0.count > 1 ? $0[1] : Self.regularPlural(of: $0[0])).utf8) }
    }

    /// The regular English plural: `policy` → `policies`, `tax` → `taxes`, `port` → `ports`.
    static func regularPlural(of word: String) -> String {
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        if word.hasSuffix("y"), let beforeY = word.dropLast().last, !vowels.contains(beforeY) {
            return word.dropLast() + "ies"
        }
        if ["s", "x", "z", "ch", "sh"].contains(where: { word.hasSuffix($0) }) {
            return word + "es"
        }
        return word + "s"
    }
}
