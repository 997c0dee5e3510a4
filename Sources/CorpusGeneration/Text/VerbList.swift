/// Verbs with the forms prose needs, drawn with Zipf-like frequencies.
struct VerbList: Sendable {
    /// The base forms (`raise`), for "will raise".
    let base: WordList
    /// Past tense (`raised`), at the same indices.
    let past: [[UInt8]]
    /// Past participle (`raised`), for "has raised".
    let participle: [[UInt8]]
    /// Third person present (`raises`), for headlines.
    let present: [[UInt8]]

    /// Creates the list from a block of verbs in order of frequency; irregular forms are
    /// written `base|past|participle` (`take|took|taken`), regular ones are derived.
    init(block: String) {
        let entries = WordList.split(block, byWord: true).map { $0.split(separator: "|").map(String.init) }
        base = WordList(entries.map { $0[0] })
        past = entries.map { Array(($0.count > 1 ? $0[1] : Self.regularPast(of: $0[0])).utf8) }
        participle = entries.map { Array(($0.count > 2 ? $0[2] : $0.count > 1 ? $0[1] : Self.regularPast(of: $0[0])).utf8) }
        present = entries.map { Array(NounList.regularPlural(of: $0[0]).utf8) }
    }

    /// The regular past tense: `raise` → `raised`, `deny` → `denied`, `sign` → `signed`.
    static func regularPast(of word: String) -> String {
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        if word.hasSuffix("e") {
            return word + "d"
        }
        if word.hasSuffix("y"), let beforeY = word.dropLast().last, !vowels.contains(beforeY) {
            return word.dropLast() + "ied"
        }
        return word + "ed"
    }
}
