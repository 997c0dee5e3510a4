extension QueryTermMatcher {
    /// The tokens a snippet needs, read from some token of the text onwards.
    struct SnippetTokens {
        /// The tokens read, with spans in the whole text.
        var tokens: [CodedToken]
        /// Whether `tokens` starts with the text's first token.
        var fromTop: Bool
        /// Whether a window reaching back to `tokens[0]` might reach further, to tokens not read.
        var mayStopShort: Bool
        /// A byte before which no query term starts: where the first one does, or else the text's end.
        var termSearchEnd = 0
    }

    /// The tokens of `text` a snippet of `length` UTF-16 units needs, provided its window starts at
    /// most `lookback` units before the first match.
    ///
    /// The text before the first token that equals a query term is searched bytewise, not
    /// tokenized, and tokenizing resumes `lookback` units before that token. The scan then stops
    /// once it is `length` units past the first match and has read enough further tokens to finish
    /// any phrase begun before that point. Without a match it reads only the window at the top.
    ///
    /// A window starts at most a third of its length before its first match unless the text ends
    /// within it; with `lookback` of at least four thirds of `length` it always fits.
    func snippetTokens(_ text: String, length: Int, lookback: Int) -> SnippetTokens {
        Tokenizer.withUTF8(of: text) { snippetTokens($0, length: length, lookback: lookback) }
    }

    /// The tokens of the UTF-8 `bytes` a snippet needs (see `snippetTokens(_:length:lookback:)`), the
    /// search for the first query term starting at `searchStart`: 0, or the `termSearchEnd` of a
    /// shorter prefix of the text that ends with an ASCII separator. When the text `continues`
    /// after `bytes`, a text without a match gives no tokens: its opening is not yet known to be
    /// the window.
    func snippetTokens(
        _ bytes: UnsafeBufferPointer<UInt8>, length: Int, lookback: Int, searchStart: Int = 0, continues: Bool = false
    ) -> SnippetTokens {
        // Without a query term there is no match: the window is the top of the text. Nor is there
        // one when no match follows the first term (a phrase's word without its phrase).
        func opening(termSearchEnd: Int) -> SnippetTokens {
            SnippetTokens(
                tokens: continues ? [] : openingTokens(bytes, length: length), fromTop: true, mayStopShort: false,
                termSearchEnd: termSearchEnd)
        }
        guard let termStart = firstTermStart(in: bytes, from: searchStart, finding: positiveTerms) else {
            return opening(termSearchEnd: bytes.count)
        }
        let resume = QueryTermMatcher.tokenBoundary(before: termStart, units: lookback, in: bytes)
        guard let tokens = windowTokens(bytes, from: resume, length: length) else {
            return opening(termSearchEnd: termStart)
        }
        let fromTop = !QueryTermMatcher.hasToken(in: bytes, before: resume)
        return SnippetTokens(
            tokens: tokens, fromTop: fromTop, mayStopShort: !fromTop && 3 * lookback < 4 * length,
            termSearchEnd: termStart)
    }

    /// The tokens from byte `start` (0, or just after an ASCII separator, where a scan from the top
    /// would also begin a token) until `length` units past the first match and the tokens that can
    /// finish a phrase begun before that point; `nil` if no match follows `start`.
    private func windowTokens(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, length: Int) -> [CodedToken]? {
        let utf16Start = start - QueryTermMatcher.utf16Excess(of: UnsafeBufferPointer(rebasing: bytes[..<start]))
        var tokens: [CodedToken] = []
        tokens.reserveCapacity(64)
        var scanner = TokenScanner(UnsafeBufferPointer(rebasing: bytes[start...]))
        var windowEnd: Int?
        var tokensPastWindow = 0
        while scanner.next() {
            var span = scanner.span
            span.byteStart += start
            span.byteEnd += start
            span.utf16Start += utf16Start
            span.utf16End += utf16Start
            tokens.append(CodedToken(code: code(of: scanner.folded), span: span))
            if let windowEnd {
                if span.utf16Start > windowEnd {
                    tokensPastWindow += 1
                    if tokensPastWindow > longestPhrase { break }
                }
            } else if let matchStart = firstMatchStart(endingAt: tokens.count - 1, in: tokens) {
                // A match found here may start after an earlier one still being completed; the
                // window measured from it is then longer than needed, never shorter.
                windowEnd = matchStart + length
            }
        }
        return windowEnd == nil ? nil : tokens
    }

    /// The tokens of a text with no match that its snippet needs: those of the opening `length`
    /// units and the one after them, which shows that the text goes on.
    private func openingTokens(_ bytes: UnsafeBufferPointer<UInt8>, length: Int) -> [CodedToken] {
        var tokens: [CodedToken] = []
        var scanner = TokenScanner(bytes)
        while scanner.next() {
            tokens.append(CodedToken(code: code(of: scanner.folded), span: scanner.span))
            if scanner.span.utf16End - tokens[0].span.utf16Start > length { break }
        }
        return tokens
    }

    /// Whether the required `phrase` (indexes into the terms, every one positive) occurs in the
    /// UTF-8 `bytes`.
    ///
    /// Each token equal to the phrase's first word is found as a snippet's first match is, and the
    /// rest of the phrase is compared from it; the search then goes on from that token's end. The
    /// tokenizer looks at nothing before a token, so a scan from a token's start or end reads the
    /// tokens a scan from the top reads from there.
    func contains(_ phrase: [Int], in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        precondition(!phrase.isEmpty && phrase.allSatisfy(isPositive), "only a required phrase's terms are searched for")
        var searchStart = 0
        let finder = termFinders[phrase[0]]
        while let start = firstTermStart(in: bytes, from: searchStart, finding: finder) {
            var scanner = TokenScanner(UnsafeBufferPointer(rebasing: bytes[start...]))
            guard scanner.next() else { return false }
            // The search goes on after this token whether or not the phrase starts with it.
            searchStart = start + scanner.span.byteEnd
            var matched = 0
            while code(of: scanner.folded) == phrase[matched] {
                matched += 1
                if matched == phrase.count { return true }
                guard scanner.next() else { break }
            }
        }
        return false
    }

    /// Where the first token equal to one of the terms `finder` finds starts, if one does at or
    /// after `start` (0, a byte after an ASCII separator or a token's end: where no token goes on
    /// from before).
    ///
    /// A token folds to an ASCII term only if it spells the term in either case or holds a letter
    /// or mark outside ASCII, so the search tokenizes only around the places where a term is
    /// spelled (with no ASCII letter or digit touching it) and around letters outside ASCII.
    private func firstTermStart(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, finding finder: TermFinder) -> Int? {
        let count = bytes.count
        var position = start
        // Tokens before this byte have been read; a scan may resume here.
        var readUpTo = start
        while position < count {
            // Eight bytes at a time up to the next byte that may start a term or is outside ASCII.
            guard let next = finder.openings.firstCandidate(in: bytes, from: position) else { return nil }
            position = next
            let byte = bytes[position]
            var candidate = false
            var step = 1
            if byte >= 0x80 {
                let (scalar, length) = TokenScanner.decodeScalar(bytes, at: position)
                candidate = TokenScanner.role(of: scalar) != .separator
                step = length
            } else if finder.initials.contains(byte) {
                candidate = spellsTerm(of: finder.terms, at: position, in: bytes)
            }
            guard candidate else {
                position += step
                continue
            }
            // Tokenize from a token boundary at or before the candidate to the token holding it.
            var resume = position
            while resume > readUpTo, !QueryTermMatcher.isASCIISeparator(bytes[resume - 1]) { resume -= 1 }
            var scanner = TokenScanner(UnsafeBufferPointer(rebasing: bytes[resume...]))
            var reached = count
            while scanner.next() {
                if finder.terms.contains(code(of: scanner.folded)) { return resume + scanner.span.byteStart }
                reached = resume + scanner.span.byteEnd
                if reached > position { break }
            }
            readUpTo = reached
            position = max(reached, position + step)
        }
        return nil
    }

    /// Whether one of `terms` is spelled at `position` (ASCII, in either case) with no ASCII letter
    /// or digit just before or after it.
    private func spellsTerm(of terms: Range<Int>, at position: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if position > 0, QueryTermMatcher.isASCIIAlphanumeric(bytes[position - 1]) { return false }
        return termBytes.withUnsafeBufferPointer { termBytes in
            terms: for index in terms {
                let start = termStarts[index]
                let end = position + termStarts[index + 1] - start
                guard end <= bytes.count else { continue }
                for offset in 0..<end - position {
                    let expected = termBytes[start + offset]
                    let byte = bytes[position + offset]
                    // A letter matches either case; anything else only itself.
                    if (expected &- UInt8(ascii: "a") < 26 ? byte | 0x20 : byte) != expected { continue terms }
                }
                if end < bytes.count, QueryTermMatcher.isASCIIAlphanumeric(bytes[end]) { continue }
                return true
            }
            return false
        }
    }

    /// Whether a token's code is one of the terms an article must contain.
    private func isPositive(_ code: Int) -> Bool {
        code >= 0 && code < positiveCount
    }

    /// The latest byte at or before `position` that is more than `units` UTF-16 units before it
    /// and that starts the text or follows an ASCII separator (so a token never spans it).
    private static func tokenBoundary(before position: Int, units: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var start = position
        var counted = 0
        while start > 0, counted <= units {
            start -= 1
            let byte = bytes[start]
            if byte & 0xC0 != 0x80 { counted += byte >= 0xF0 ? 2 : 1 }
        }
        while start > 0, !isASCIISeparator(bytes[start - 1]) { start -= 1 }
        return start
    }

    /// Whether any token lies in the bytes before `end`.
    private static func hasToken(in bytes: UnsafeBufferPointer<UInt8>, before end: Int) -> Bool {
        var scanner = TokenScanner(UnsafeBufferPointer(rebasing: bytes[..<end]))
        return scanner.next()
    }

    /// UTF-8 bytes minus UTF-16 units of valid UTF-8 `bytes`.
    private static func utf16Excess(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var excess = 0
        for byte in bytes {
            // Every continuation byte is one more byte than units; a four-byte scalar is two units.
            excess &+= (byte & 0xC0 == 0x80 ? 1 : 0) &- (byte >= 0xF0 ? 1 : 0)
        }
        return excess
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "A") < 26 || byte &- UInt8(ascii: "0") < 10
    }

    private static func isASCIISeparator(_ byte: UInt8) -> Bool {
        byte < 0x80 && !isASCIIAlphanumeric(byte)
    }
}

/// What a search through text for some query terms looks for: the terms (their indexes), the first
/// bytes of those that start with ASCII, in either case, and their openings.
struct TermFinder: Sendable {
    /// The indexes of the terms looked for.
    let terms: Range<Int>
    /// The first bytes, in either case, of the terms that are ASCII.
    let initials: ByteSet
    /// The first two bytes of the terms that start with ASCII, to skip text eight bytes at a time.
    let openings: TermOpenings

    /// A finder of the terms at `indexes` of `terms` (folded).
    init(_ indexes: Range<Int>, of terms: [String]) {
        self.terms = indexes
        var initials = ByteSet()
        for term in terms[indexes] {
            guard let first = term.utf8.first, first < 0x80 else { continue }
            initials.insert(first)
            if first &- UInt8(ascii: "a") < 26 { initials.insert(first - 0x20) }
        }
        self.initials = initials
        openings = TermOpenings(terms[indexes].map { Array($0.utf8) })
    }
}

/// A set of bytes, one bit each.
struct ByteSet: Sendable {
    private var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// Adds `byte`.
    mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: bits.0 |= bit
        case 1: bits.1 |= bit
        case 2: bits.2 |= bit
        default: bits.3 |= bit
        }
    }

    /// Whether `byte` is in the set.
    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        let word: UInt64
        switch byte >> 6 {
        case 0: word = bits.0
        case 1: word = bits.1
        case 2: word = bits.2
        default: word = bits.3
        }
        return word >> UInt64(byte & 63) & 1 != 0
    }
}

/// The opening two bytes of some terms, in a form that finds the places where one may start
/// eight bytes of text at a time (SWAR): a byte whose lowercase twin (`| 0x20`) equals a term's
/// first byte's, followed by one equal in the same way to its second (any byte for a term of one
/// byte), or any byte outside ASCII.
struct TermOpenings: Sendable {
    /// A term's opening, each byte `| 0x20` in every byte of a word.
    private struct Opening: Sendable {
        /// The first byte.
        let first: UInt64
        /// The second byte, or 0 for a term of one byte.
        let second: UInt64
        /// 0x80 in every byte for a term of one byte (any byte may follow it), else 0.
        let anySecond: UInt64
    }

    /// The openings of the terms that start with ASCII.
    private let openings: [Opening]

    /// The openings of the ASCII-initial `terms` (UTF-8; the others are found by their bytes outside ASCII).
    init(_ terms: [[UInt8]]) {
        openings = terms.filter { ($0.first ?? 0x80) < 0x80 }.map { term in
            Opening(
                first: TermOpenings.spread(term[0] | 0x20),
                second: term.count > 1 ? TermOpenings.spread(term[1] | 0x20) : 0,
                anySecond: term.count > 1 ? 0 : TermOpenings.highBits)
        }
    }

    /// The first place at or after `start` where a term may start (its first two bytes match in
    /// either case) or a byte outside ASCII stands; `nil` if there is none. The text's last eight
    /// bytes are not checked: each of them is returned as a candidate.
    @inline(__always)
    func firstCandidate(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let count = bytes.count
        guard start < count else { return nil }
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        var position = start
        // A word and the one a byte later must both lie inside the text.
        while position &+ 9 <= count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            let following = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position &+ 1, as: UInt64.self))
            var found = word & TermOpenings.highBits
            let lowered = word | TermOpenings.caseBits
            let loweredFollowing = following | TermOpenings.caseBits
            for opening in openings {
                found |=
                    TermOpenings.zeroBytes(lowered ^ opening.first)
                    & (TermOpenings.zeroBytes(loweredFollowing ^ opening.second) | opening.anySecond)
            }
            if found != 0 { return position &+ found.trailingZeroBitCount >> 3 }
            position &+= 8
        }
        return position
    }

    /// 0x80 in every byte of a word, where `zeroBytes` marks a byte.
    private static let highBits: UInt64 = 0x8080_8080_8080_8080
    /// 0x20 in every byte of a word: the bit that makes an ASCII capital letter small.
    private static let caseBits: UInt64 = 0x2020_2020_2020_2020

    /// `byte` in every byte of a word.
    private static func spread(_ byte: UInt8) -> UInt64 {
        UInt64(byte) &* 0x0101_0101_0101_0101
    }

    /// 0x80 in each byte of `word` that is zero, and 0 in every other (exactly, with no carries between bytes).
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((word & low) &+ low) | word | low)
    }
}
