/// Finds entity names and aliases in tokenized text: whole tokens, folded, longest match first.
///
/// Built once per corpus. Candidates are looked up by the term id of their first token; because
/// entity terms are interned before any article text, only small term ids can start a match.
struct EntityMatcher: Sendable {
    /// A name or alias as a sequence of term ids, and the entity it names.
    struct Candidate: Sendable {
        /// The folded tokens, as term ids.
        let terms: [Int32]
        /// The entity's index in the sorted entity list.
        let entity: Int32
        /// The exact spellings this name must have in the text; empty means any case or accent.
        let exactForms: [[UInt8]]
        /// Punctuation that ends the name as written (the last `.` of `U.S.`); when the text has it
        /// right after the match, the occurrence includes it.
        let trailingPunctuation: [UInt8]
    }

    /// Candidates by first term id, longest first.
    private let candidates: [[Candidate]]

    /// Builds the matcher for `entities`, interning their name and alias tokens into `terms`.
    init(entities: [Entity], terms: inout TermCollector) {
        var byFirstTerm: [[Candidate]] = []
        for (index, entity) in entities.enumerated() {
            var forms: [[Int32]: [[UInt8]]?] = [:]
            var trailing: [[Int32]: [UInt8]] = [:]
            var order: [[Int32]] = []
            for name in [entity.name] + entity.aliases {
                var sequence: [Int32] = []
                var end = 0
                Tokenizer.withUTF8(of: name) { bytes in
                    Tokenizer.scan(bytes) { folded, span in
                        sequence.append(terms.intern(folded))
                        end = span.byteEnd
                    }
                }
                guard !sequence.isEmpty else { continue }
                if trailing[sequence] == nil {
                    trailing[sequence] = Array(name.utf8.dropFirst(end))
                }
                let isExact = entity.caseSensitiveAliases.contains(name)
                switch forms[sequence] {
                case nil:
                    order.append(sequence)
                    forms[sequence] = isExact ? [Array(name.utf8)] : .some(nil)
                case .some(.some(let exact)) where isExact:
                    forms[sequence] = exact + [Array(name.utf8)]
                case .some(.some):
                    forms[sequence] = .some(nil)
                case .some(.none):
                    break
                }
            }
            for sequence in order {
                let first = Int(sequence[0])
                if byFirstTerm.count <= first {
                    byFirstTerm.append(contentsOf: repeatElement([], count: first + 1 - byFirstTerm.count))
                }
                let exactForms = forms[sequence].flatMap { $0 } ?? []
                byFirstTerm[first].append(Candidate(
                    terms: sequence, entity: Int32(index), exactForms: exactForms, trailingPunctuation: trailing[sequence] ?? []
                ))
            }
        }
        for first in byFirstTerm.indices {
            byFirstTerm[first].sort { $0.terms.count > $1.terms.count }
        }
        candidates = byFirstTerm
    }

    /// Calls `found` with each entity named in `tokens` (of `text`), the first and last token of the
    /// match, and how many UTF-16 units of the name's trailing punctuation follow the last token.
    /// At each position the longest matching name wins, and scanning resumes after it.
    @inline(__always)
    func match(
        _ tokens: UnsafeBufferPointer<FieldToken>,
        in text: UnsafeBufferPointer<UInt8>,
        _ found: (_ entity: Int32, _ first: Int, _ last: Int, _ trailingUTF16: Int) -> Void
    ) {
        var position = 0
        let candidateCount = candidates.count
        scan: while position < tokens.count {
            let first = Int(tokens[position].term)
            if first < candidateCount {
                for candidate in candidates[first] where matches(candidate, tokens, at: position, in: text) {
                    let last = position + candidate.terms.count - 1
                    found(candidate.entity, position, last, trailingLength(candidate, after: Int(tokens[last].byteEnd), in: text))
                    position = last + 1
                    continue scan
                }
            }
            position += 1
        }
    }

    /// The UTF-16 length of the candidate's trailing punctuation if the text continues with it, else 0.
    private func trailingLength(_ candidate: Candidate, after end: Int, in text: UnsafeBufferPointer<UInt8>) -> Int {
        let suffix = candidate.trailingPunctuation
        guard !suffix.isEmpty, end + suffix.count <= text.count,
              suffix.elementsEqual(UnsafeBufferPointer(rebasing: text[end..<end + suffix.count])) else { return 0 }
        return String(decoding: suffix, as: UTF8.self).utf16.count
    }

    @inline(__always)
    private func matches(_ candidate: Candidate, _ tokens: UnsafeBufferPointer<FieldToken>, at position: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = candidate.terms.count
        guard position + length <= tokens.count else { return false }
        var offset = 1
        while offset < length {
            if tokens[position + offset].term != candidate.terms[offset] { return false }
            offset += 1
        }
        if candidate.exactForms.isEmpty { return true }
        let original = UnsafeBufferPointer(rebasing: text[Int(tokens[position].byteStart)..<Int(tokens[position + length - 1].byteEnd)])
        return candidate.exactForms.contains { $0.elementsEqual(original) }
    }
}
