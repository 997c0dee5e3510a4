import NewsFormat

/// Hands out names and aliases so that no two entities share a key (`TextFolding.normalizedKey`, as
/// the server compares names), and no name is made only of ordinary words that prose would contain.
struct NameRegistry {
    private var taken: Set<String> = []
    /// Words prose uses; a name made only of these would be linked in ordinary sentences.
    private let vocabulary: Set<String>
    /// Words of people's names; a one-word alias equal to one would be linked inside a person's name.
    private let personWords: Set<String>

    /// Creates a registry that refuses names made only of `vocabulary` words.
    init(vocabulary: Set<String>, personWords: Set<String>) {
        self.vocabulary = vocabulary
        self.personWords = personWords
    }

    /// Whether `name` could still be claimed.
    func isAvailable(_ name: String) -> Bool {
        let key = TextFolding.normalizedKey(name)
        let words = key.split(separator: " ").map(String.init)
        if words.isEmpty || taken.contains(key) {
            return false
        }
        if words.allSatisfy({ vocabulary.contains($0) }) {
            return false
        }
        return !(words.count == 1 && personWords.contains(key))
    }

    /// Claims `name` for one entity; returns false, claiming nothing, when it is not available.
    mutating func claim(_ name: String) -> Bool {
        guard isAvailable(name) else {
            return false
        }
        taken.insert(TextFolding.normalizedKey(name))
        return true
    }

    /// Claims `name` with the first number word that makes it available ("Korvana Industries 2").
    mutating func claimNumbered(_ name: String) -> String {
        var number = 2
        while !claim("\(name) \(number)") {
            number += 1
        }
        return "\(name) \(number)"
    }

    /// Keeps the aliases that can be claimed, claiming them, in order.
    mutating func claimAliases(_ aliases: [String]) -> [String] {
        aliases.filter { claim($0) }
    }
}
