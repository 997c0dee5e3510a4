import NewsFormat

/// Writes the text of one article: sentences built from the lexicon, mentioning the entities of
/// its cast by name or alias so that the server's linker finds them.
struct ProseWriter {
    /// The text written so far, in UTF-8.
    private(set) var text: [UInt8] = []
    /// The article's random stream; callers may keep drawing from it afterwards.
    var rng: Xoshiro256
    /// The number of words written so far.
    private(set) var wordCount = 0

    let lexicon: Lexicon
    /// The entities the article is about, most important first; prose calls them by slot number.
    let members: [Entity]
    /// How often each cast member has been mentioned in the current text.
    private var mentionCounts: [Int]
    /// Nouns this article keeps coming back to.
    private let topics: [Int]
    /// Cast slots that can act in a sentence: countries, companies, organisations and people.
    let agents: [Int]
    /// Cast slots of institutions: countries, companies and organisations.
    let institutions: [Int]
    /// Cast slots of people.
    let people: [Int]
    /// Cast slots of countries.
    let countries: [Int]
    /// Cast slots of places and countries, for "in ...".
    let locations: [Int]
    private let openQuote: [UInt8]
    private let closeQuote: [UInt8]
    private var spaceNeeded = false
    /// The cast slot named as the subject of the current clause, which its object should not repeat.
    private(set) var subjectSlot: Int?

    /// Creates a writer for one article; `curlyQuotes` picks “ ” over straight quotes.
    init(rng: Xoshiro256, lexicon: Lexicon, catalog: EntityCatalog, cast: [Int], curlyQuotes: Bool) {
        self.rng = rng
        self.lexicon = lexicon
        members = cast.map { catalog[$0] }
        mentionCounts = Array(repeating: 0, count: cast.count)
        var topics: [Int] = []
        for _ in 0..<4 {
            topics.append(lexicon.countable.singular.drawIndex(&self.rng))
        }
        self.topics = topics
        let kinds = members.map(\.kind)
        agents = kinds.indices.filter { kinds[$0] != .place && kinds[$0] != .product }
        institutions = kinds.indices.filter { [.country, .company, .organization].contains(kinds[$0]) }
        people = kinds.indices.filter { kinds[$0] == .person }
        countries = kinds.indices.filter { kinds[$0] == .country }
        locations = kinds.indices.filter { kinds[$0] == .place || kinds[$0] == .country }
        openQuote = Array((curlyQuotes ? "“" : "\"").utf8)
        closeQuote = Array((curlyQuotes ? "”" : "\"").utf8)
    }

    /// Returns the text written so far and starts afresh (mentions count again as first ones).
    mutating func takeText() -> [UInt8] {
        defer {
            text = []
            spaceNeeded = false
            wordCount = 0
            mentionCounts = Array(repeating: 0, count: members.count)
        }
        return text
    }

    // MARK: Words and punctuation

    /// Appends a word or phrase, with a space before it if needed, counting its words.
    mutating func word(_ bytes: [UInt8]) {
        if spaceNeeded {
            text.append(UInt8(ascii: " "))
        }
        text.append(contentsOf: bytes)
        spaceNeeded = true
        wordCount += 1
        for byte in bytes where byte == UInt8(ascii: " ") {
            wordCount += 1
        }
    }

    /// Appends a fixed word or phrase, counting its words.
    mutating func word(_ literal: StaticString) {
        if spaceNeeded {
            text.append(UInt8(ascii: " "))
        }
        literal.withUTF8Buffer { bytes in
            text.append(contentsOf: bytes)
            wordCount += 1
            for byte in bytes where byte == UInt8(ascii: " ") {
                wordCount += 1
            }
        }
        spaceNeeded = true
    }

    /// Appends punctuation right after the previous word.
    mutating func attach(_ punctuation: UInt8) {
        text.append(punctuation)
    }

    /// Appends an opening quotation mark; the next word follows it without a space.
    mutating func openQuotation() {
        word(openQuote)
        spaceNeeded = false
        wordCount -= 1
    }

    /// Appends a closing quotation mark right after the previous word.
    mutating func closeQuotation() {
        text.append(contentsOf: closeQuote)
    }

    /// Ends the paragraph; the next word starts a new one.
    mutating func paragraphBreak() {
        text.append(UInt8(ascii: "\n"))
        text.append(UInt8(ascii: "\n"))
        spaceNeeded = false
    }

    /// Where the next word will start.
    var nextWordPosition: Int {
        text.count + (spaceNeeded ? 1 : 0)
    }

    /// Upper-cases the ASCII letter at `position`, if it is a lower-case one.
    mutating func capitalize(at position: Int) {
        if position < text.count, text[position] >= UInt8(ascii: "a"), text[position] <= UInt8(ascii: "z") {
            text[position] -= 32
        }
    }

    /// Appends a number with thousands separators ("12,500").
    mutating func number(_ value: Int) {
        var digits = Array(String(value).utf8)
        var index = digits.count - 3
        while index > 0 {
            digits.insert(UInt8(ascii: ","), at: index)
            index -= 3
        }
        word(digits)
    }

    /// Appends a number with one decimal ("4.2").
    mutating func decimal(tenths: Int) {
        word(Array("\(tenths / 10).\(tenths % 10)".utf8))
    }

    // MARK: Noun phrases

    /// A countable noun's index, often one of the article's topics.
    mutating func nounIndex() -> Int {
        rng.chance(0.3) ? topics[rng.below(topics.count)] : lexicon.countable.singular.drawIndex(&rng)
    }

    /// Writes "a" or "an" to suit the word that follows it.
    mutating func indefiniteArticle(before next: [UInt8]) {
        let vowel: Bool
        switch next.first {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"):
            vowel = true
        case UInt8(ascii: "u"):
            // "a union", "a user", but "an update".
            vowel =
                !(next.count > 2
                && (next[1] == UInt8(ascii: "n") && next[2] == UInt8(ascii: "i")
                    || next[1] == UInt8(ascii: "s") && next[2] == UInt8(ascii: "e")))
        default:
            vowel = false
        }
        if vowel {
            word("an")
        } else {
            word("a")
        }
    }

    /// Writes a noun phrase without entities; returns whether it is plural.
    @discardableResult
    mutating func nounPhrase() -> Bool {
        let nouns = lexicon.countable
        switch rng.below(100) {
        case 0..<28:
            word("the")
            if rng.chance(0.4) { word(lexicon.adjectives.draw(&rng)) }
            word(nouns.singular.entries[nounIndex()])
            return false
        case 28..<46:
            if rng.chance(0.5) { word(lexicon.adjectives.draw(&rng)) }
            word(nouns.plural[nounIndex()])
            return true
        case 46..<58:
            if rng.chance(0.35) { word(lexicon.adjectives.draw(&rng)) }
            word(lexicon.mass.draw(&rng))
            return false
        case 58..<72:
            let plural = rng.chance(0.5)
            if !plural { word("the") }
            word(lexicon.modifiers.draw(&rng))
            let noun = nounIndex()
            word(plural ? nouns.plural[noun] : nouns.singular.entries[noun])
            return plural
        case 72..<82:
            word("the")
            word(nouns.singular.entries[nounIndex()])
            word("of")
            if rng.chance(0.5) {
                word(lexicon.mass.draw(&rng))
            } else {
                word(nouns.plural[nounIndex()])
            }
            return false
        case 82..<90:
            number(rng.chance(0.7) ? rng.int(in: 2...40) : rng.int(in: 2...120) * 50)
            word(nouns.plural[nounIndex()])
            return true
        default:
            let adjective = rng.chance(0.5) ? lexicon.adjectives.draw(&rng) : nil
            let noun = nouns.singular.entries[nounIndex()]
            indefiniteArticle(before: adjective ?? noun)
            if let adjective { word(adjective) }
            word(noun)
            return false
        }
    }

    /// Writes a preposition and its object: a noun phrase or a cast member.
    mutating func prepositionalPhrase() {
        let roll = rng.below(100)
        if roll < 12, let place = castMember(from: locations) {
            if rng.chance(0.7) {
                word("in")
            } else {
                word("across")
            }
            mention(place)
        } else {
            word(lexicon.prepositions.draw(&rng))
            if roll < 25, let member = castMember(from: institutions) {
                mention(member)
            } else {
                nounPhrase()
            }
        }
    }

    // MARK: Entities

    /// One of the cast slots `candidates`, the first (most important) one more likely; nil if there is none.
    mutating func castMember(from candidates: [Int]) -> Int? {
        guard !candidates.isEmpty else {
            return nil
        }
        return rng.chance(0.35) ? candidates[0] : candidates[rng.below(candidates.count)]
    }

    /// Names a cast member: a person by name the first time, others usually; later by name, an
    /// alias, or a person's family name or company's brand.
    mutating func mention(_ slot: Int) {
        let count = mentionCounts[slot]
        mentionCounts[slot] += 1
        if count > 0, let later = members[slot].laterMention, rng.chance(0.5) {
            word(later)
        } else if count > 0 || (members[slot].kind != .person && rng.chance(0.25)) {
            word(members[slot].mentions[rng.below(members[slot].mentions.count)])
        } else {
            word(members[slot].mentions[0])
        }
    }

    /// Names a person at their first mention with their role after a comma, as news writing does;
    /// `closingComma` ends the role with a comma too, when the sentence goes on.
    mutating func mentionWithRole(_ slot: Int, closingComma: Bool = true) {
        let firstTime = mentionCounts[slot] == 0
        mention(slot)
        if firstTime, let role = members[slot].role {
            attach(UInt8(ascii: ","))
            word(role)
            if closingComma {
                attach(UInt8(ascii: ","))
            }
        }
    }

    /// Writes the subject of a clause, never the cast slot `avoided`; returns whether it is plural.
    @discardableResult
    mutating func subject(avoiding avoided: Int? = nil) -> Bool {
        subjectSlot = nil
        let roll = rng.below(100)
        if roll < 32, let member = castMember(from: agents), member != avoided {
            subjectSlot = member
            if members[member].kind == .person, rng.chance(0.5) {
                mentionWithRole(member)
            } else {
                mention(member)
            }
            return false
        }
        if roll < 42, let country = castMember(from: countries), let demonym = members[country].demonym {
            // "Veldorian officials": the demonym is an alias, so this mentions the country.
            mentionCounts[country] += 1
            word(demonym)
            word(lexicon.groups.draw(&rng))
            return true
        }
        if roll < 52 {
            word(lexicon.groups.draw(&rng))
            return true
        }
        return nounPhrase()
    }
}
