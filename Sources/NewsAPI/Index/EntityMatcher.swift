/// Finds entity names and aliases in tokenized text, as a reader would: whole words (an apostrophe
/// inside a word, as in "Xi'an", or a dot inside a web address keeps it one word; the possessive
/// "'s" and hyphens do not), capitals where the name has capitals, longest match first, and names
/// of other things ("British Columbia", "Air China") claiming their words so that no shorter name
/// inside them links. See "Linking" in docs/data-format.md for each rule.
///
/// Built once per corpus. Candidates are looked up by the term id of their first token; because
/// entity terms are interned before any article text, only small term ids can start a match.
struct EntityMatcher: Sendable {
    /// How the case of a name in the text must relate to the name as the gazetteer spells it.
    enum CaseRule: UInt8, Sendable {
        /// A word the gazetteer capitalises is capitalised in the text, and one it writes in capitals
        /// (an acronym: `US`, `PRC`) is in capitals; diacritics never matter.
        case capitals
        /// Exactly the bytes the gazetteer has.
        case exact
        /// Any case.
        case any
    }

    /// What a name asks of each of its words' case under `CaseRule.capitals`.
    enum WordCase: UInt8, Sendable {
        /// Nothing (the gazetteer writes it in lower case: "of", "iPhone"'s "i").
        case any
        /// Its first letter is a capital.
        case initial
        /// Every letter is a capital (acronyms of two letters or more).
        case all
    }

    /// One spelling of a name or alias, as the scan reads it for every token that could start it:
    /// plain values only, so walking the candidates of a common first word copies no references.
    struct Candidate: Sendable {
        /// Where the spelling's term ids start in `candidateTerms`.
        let termStart: Int32
        /// How many words the spelling has.
        let termCount: Int32
        /// The entity's index in the sorted entity list, or -1 for the name of something that is
        /// not an entity (it only stops shorter names inside it from linking).
        let entity: Int32
        /// Its `Detail`'s index.
        let detail: Int32
    }

    /// What is read only once every word of a candidate has matched.
    struct Detail: Sendable {
        /// How the text's case must relate to `spelling`.
        let caseRule: CaseRule
        /// Per word, what `CaseRule.capitals` asks of it.
        let wordCases: [WordCase]
        /// The name as the gazetteer spells it, for `CaseRule.exact`.
        let spelling: [UInt8]
        /// Whether the name links only when the article also names the entity unambiguously.
        let isAmbiguous: Bool
        /// Punctuation that ends the name as written (the last `.` of `U.S.`); when the text has it
        /// right after the match, the occurrence includes it.
        let trailingPunctuation: [UInt8]
    }

    /// Per first term id (plus an end marker): where its candidates start in `candidateList`.
    private let candidateStarts: ContiguousArray<Int32>
    /// Every candidate, grouped by first term id, longest first within a group.
    private let candidateList: ContiguousArray<Candidate>
    /// The term ids of every candidate, one run per candidate.
    private let candidateTerms: ContiguousArray<Int32>
    private let details: [Detail]

    /// Builds the matcher for `entities` and the names of things that are not entities
    /// (`notEntities`), interning their tokens into `terms`.
    init(entities: [Entity], notEntities: [String] = [], terms: inout TermCollector) {
        var byFirstTerm: [[(terms: [Int32], entity: Int32, detail: Int32)]] = []
        var details: [Detail] = []
        func add(_ name: String, entity: Int32, caseRule: CaseRule, isAmbiguous: Bool) {
            var sequence: [Int32] = []
            var wordCases: [WordCase] = []
            var end = 0
            Tokenizer.withUTF8(of: name) { bytes in
                Tokenizer.scan(bytes) { folded, span in
                    sequence.append(terms.intern(folded))
                    wordCases.append(
                        EntityMatcher.wordCase(of: UnsafeBufferPointer(rebasing: bytes[span.byteStart..<span.byteEnd])))
                    end = span.byteEnd
                }
            }
            guard !sequence.isEmpty else { return }
            let first = Int(sequence[0])
            if byFirstTerm.count <= first {
                byFirstTerm.append(contentsOf: repeatElement([], count: first + 1 - byFirstTerm.count))
            }
            byFirstTerm[first].append((sequence, entity, Int32(details.count)))
            details.append(
                Detail(
                    caseRule: caseRule, wordCases: wordCases, spelling: Array(name.utf8), isAmbiguous: isAmbiguous,
                    trailingPunctuation: Array(name.utf8.dropFirst(end))
                ))
        }
        for (index, entity) in entities.enumerated() {
            var seen: Set<String> = []
            for name in [entity.name] + entity.aliases where seen.insert(name).inserted {
                let caseRule: CaseRule =
                    entity.caseSensitiveAliases.contains(name)
                    ? .exact
                    : entity.anyCaseAliases.contains(name) ? .any : .capitals
                add(name, entity: Int32(index), caseRule: caseRule, isAmbiguous: entity.ambiguousAliases.contains(name))
            }
        }
        for name in notEntities {
            add(name, entity: -1, caseRule: .capitals, isAmbiguous: false)
        }
        var starts = ContiguousArray<Int32>([0])
        var list = ContiguousArray<Candidate>()
        var flatTerms = ContiguousArray<Int32>()
        for var group in byFirstTerm {
            // Longest first; of equal length, entities before non-entities, so an entity always wins.
            group.sort { left, right in
                left.terms.count != right.terms.count ? left.terms.count > right.terms.count : left.entity > right.entity
            }
            for candidate in group {
                list.append(
                    Candidate(
                        termStart: Int32(flatTerms.count), termCount: Int32(candidate.terms.count),
                        entity: candidate.entity, detail: candidate.detail))
                flatTerms.append(contentsOf: candidate.terms)
            }
            starts.append(Int32(list.count))
        }
        candidateStarts = starts
        candidateList = list
        candidateTerms = flatTerms
        self.details = details
    }

    /// The punctuation ending a name as written (the last `.` of `U.S.`) that the text has right after
    /// a match's last token, in UTF-16 units and in bytes (both 0 when it has none).
    struct Trailing: Sendable {
        let utf16: Int
        let bytes: Int
    }

    /// Calls `found` with each entity named in `tokens` (of `text`), the first and last token of the
    /// match, how much of the name's trailing punctuation follows the last token, and whether the
    /// name that matched is ambiguous. At each position the longest matching name wins
    /// (an entity's, or another thing's, which links nothing), and scanning resumes after it.
    @inline(__always)
    func match(
        _ tokens: UnsafeBufferPointer<FieldToken>,
        in text: UnsafeBufferPointer<UInt8>,
        _ found: (_ entity: Int32, _ first: Int, _ last: Int, _ trailing: Trailing, _ isAmbiguous: Bool) -> Void
    ) {
        var position = 0
        let firstTermLimit = candidateStarts.count - 1
        scan: while position < tokens.count {
            let first = Int(tokens[position].term)
            if first < firstTermLimit {
                var index = Int(candidateStarts[first])
                let end = Int(candidateStarts[first + 1])
                while index < end {
                    let candidate = candidateList[index]
                    index += 1
                    guard termsMatch(candidate, tokens, at: position) else { continue }
                    let detail = details[Int(candidate.detail)]
                    let last = position + Int(candidate.termCount) - 1
                    guard caseMatches(detail, tokens, at: position, count: Int(candidate.termCount), in: text),
                        let trailing = boundedLength(of: detail, first: tokens[position], last: tokens[last], in: text)
                    else { continue }
                    if candidate.entity >= 0 {
                        found(candidate.entity, position, last, trailing, detail.isAmbiguous)
                    }
                    position = last + 1
                    continue scan
                }
            }
            position += 1
        }
    }

    @inline(__always)
    private func termsMatch(_ candidate: Candidate, _ tokens: UnsafeBufferPointer<FieldToken>, at position: Int) -> Bool {
        let length = Int(candidate.termCount)
        guard position + length <= tokens.count else { return false }
        let start = Int(candidate.termStart)
        var offset = 1
        while offset < length {
            if tokens[position + offset].term != candidateTerms[start + offset] { return false }
            offset += 1
        }
        return true
    }

    // MARK: Case

    private func caseMatches(
        _ candidate: Detail, _ tokens: UnsafeBufferPointer<FieldToken>, at position: Int, count: Int,
        in text: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        switch candidate.caseRule {
        case .any:
            return true
        case .exact:
            let written = UnsafeBufferPointer(
                rebasing: text[Int(tokens[position].byteStart)..<Int(tokens[position + count - 1].byteEnd)])
            return candidate.spelling.starts(with: written)
                && candidate.spelling.count - written.count == candidate.trailingPunctuation.count
        case .capitals:
            for (offset, wordCase) in candidate.wordCases.enumerated() where wordCase != .any {
                let token = tokens[position + offset]
                let word = UnsafeBufferPointer(rebasing: text[Int(token.byteStart)..<Int(token.byteEnd)])
                switch wordCase {
                case .any: break
                case .initial: if !EntityMatcher.startsWithCapital(word) { return false }
                case .all: if EntityMatcher.wordCase(of: word) != .all { return false }
                }
            }
            return true
        }
    }

    /// What a word as written asks of the text: `all` for two or more letters all capitals,
    /// `initial` for a capital first letter, else `any`.
    static func wordCase(of word: UnsafeBufferPointer<UInt8>) -> WordCase {
        var letters = 0
        var capitals = 0
        var firstIsCapital = false
        forEachLetter(word) { isUpper, isLower in
            if letters == 0 { firstIsCapital = isUpper }
            if isUpper || isLower { letters += 1 }
            if isUpper { capitals += 1 }
        }
        if letters >= 2 && capitals == letters { return .all }
        return firstIsCapital ? .initial : .any
    }

    private static func startsWithCapital(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let lead = word.first else { return false }
        if lead < 0x80 { return lead &- UInt8(ascii: "A") < 26 || lead &- UInt8(ascii: "0") < 10 }
        let (scalar, _) = TokenScanner.decodeScalar(word, at: 0)
        guard let value = Unicode.Scalar(scalar) else { return false }
        return !value.properties.isLowercase
    }

    /// Calls `body` with whether each letter of `word` is upper case and whether it is lower case
    /// (digits and marks are neither).
    private static func forEachLetter(_ word: UnsafeBufferPointer<UInt8>, _ body: (Bool, Bool) -> Void) {
        var index = 0
        while index < word.count {
            let byte = word[index]
            if byte < 0x80 {
                body(byte &- UInt8(ascii: "A") < 26, byte &- UInt8(ascii: "a") < 26)
                index += 1
                continue
            }
            let (scalar, length) = TokenScanner.decodeScalar(word, at: index)
            if let value = Unicode.Scalar(scalar) {
                body(value.properties.isUppercase, value.properties.isLowercase)
            }
            index += length
        }
    }

    // MARK: Word boundaries

    /// The candidate's trailing punctuation that the text has after the match (none: 0), or `nil` if the match is only part of a longer word as a reader sees it: an
    /// apostrophe with letters on both sides ("Xi'an", "O'Neill"; the possessive "'s" and "s'" are
    /// fine), or a dot glued to a letter or digit ("Vietnam.vn", "gov.UK").
    @inline(__always)
    private func boundedLength(of candidate: Detail, first: FieldToken, last: FieldToken, in text: UnsafeBufferPointer<UInt8>)
        -> Trailing?
    {
        let start = Int(first.byteStart)
        var end = Int(last.byteEnd)
        var trailingUTF16 = 0
        let suffix = candidate.trailingPunctuation
        if !suffix.isEmpty, end + suffix.count <= text.count,
            suffix.elementsEqual(UnsafeBufferPointer(rebasing: text[end..<end + suffix.count]))
        {
            end += suffix.count
            trailingUTF16 = String(decoding: suffix, as: UTF8.self).utf16.count
        }
        // Before: "d'Ivoire", "O'Brien", "news.China".
        if start > 0 {
            if let apostrophe = EntityMatcher.apostropheLength(endingAt: start, in: text),
                EntityMatcher.isWordCharacter(endingAt: start - apostrophe, in: text)
            {
                return nil
            }
            if text[start - 1] == UInt8(ascii: "."), EntityMatcher.isWordCharacter(endingAt: start - 1, in: text) {
                return nil
            }
        }
        // After: "Xi'an" (but "Vietnam's"), "Vietnam.vn".
        if end < text.count {
            if let apostrophe = EntityMatcher.apostropheLength(startingAt: end, in: text) {
                let next = end + apostrophe
                if EntityMatcher.isWordCharacter(startingAt: next, in: text) {
                    let isPossessive =
                        (text[next] | 0x20) == UInt8(ascii: "s") && !EntityMatcher.isWordCharacter(startingAt: next + 1, in: text)
                    if !isPossessive { return nil }
                }
            }
            let dot = suffix.last == UInt8(ascii: ".") && trailingUTF16 > 0 ? end - 1 : end
            if text[dot] == UInt8(ascii: "."), EntityMatcher.isWordCharacter(startingAt: dot + 1, in: text) {
                return nil
            }
        }
        return Trailing(utf16: trailingUTF16, bytes: trailingUTF16 > 0 ? suffix.count : 0)
    }

    /// The length of an apostrophe (`'` or `’`) starting at `index`, if there is one.
    private static func apostropheLength(startingAt index: Int, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        if text[index] == UInt8(ascii: "'") { return 1 }
        if index + 2 < text.count, text[index] == 0xE2, text[index + 1] == 0x80, text[index + 2] == 0x99 { return 3 }
        return nil
    }

    /// The length of an apostrophe (`'` or `’`) ending just before `index`, if there is one.
    private static func apostropheLength(endingAt index: Int, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        if text[index - 1] == UInt8(ascii: "'") { return 1 }
        if index >= 3, text[index - 3] == 0xE2, text[index - 2] == 0x80, text[index - 1] == 0x99 { return 3 }
        return nil
    }

    /// Whether a letter or digit starts at `index`.
    private static func isWordCharacter(startingAt index: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard index < text.count else { return false }
        let byte = text[index]
        if byte < 0x80 {
            return byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "A") < 26 || byte &- UInt8(ascii: "0") < 10
        }
        guard byte >= 0xC0 else { return false }
        return TokenScanner.role(of: TokenScanner.decodeScalar(text, at: index).0) == .character
    }

    /// Whether a letter or digit ends just before `index`.
    private static func isWordCharacter(endingAt index: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard index > 0 else { return false }
        var start = index - 1
        while start > 0 && text[start] & 0xC0 == 0x80 { start -= 1 }
        return isWordCharacter(startingAt: start, in: text)
    }
}

extension Entity {
    /// How a name or alias of this entity links in text.
    enum NameRule: String, Sendable {
        /// The entity's name: its capitals must be capitals in the text.
        case name
        /// An alias: its capitals must be capitals in the text.
        case alias
        /// Only with its case exactly as written.
        case exactCase = "exact_case"
        /// In any case.
        case anyCase = "any_case"
        /// Only when the article also names the entity unambiguously (or a place in it).
        case confirmedAmbiguous = "confirmed_ambiguous"
    }

    /// The rule a name or alias (spelled as in the entity) links by.
    func rule(of spelling: String) -> NameRule {
        if ambiguousAliases.contains(spelling) { return .confirmedAmbiguous }
        if caseSensitiveAliases.contains(spelling) { return .exactCase }
        if anyCaseAliases.contains(spelling) { return .anyCase }
        return spelling == name ? .name : .alias
    }
}
