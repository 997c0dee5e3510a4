extension CorpusSnapshot {
    /// About `length` characters of the article's body around the first match of `query`, cut at
    /// word boundaries, with every match in it marked (loose words anywhere, phrase words only where
    /// the whole phrase stands). Without a match in the body, the snippet is the body's opening.
    func snippet(forArticle ordinal: Int32, matching query: TextQuery, length: Int = 200) -> Snippet {
        snippet(forArticle: ordinal, matcher: QueryTermMatcher(query), length: length)
    }

    /// The snippet of an article for the query `matcher` matches (see `snippet(forArticle:matching:)`).
    /// Only as much of the body is decompressed as the snippet needs.
    func snippet(forArticle ordinal: Int32, matcher: QueryTermMatcher, length: Int = 200) -> Snippet {
        var termSearchStart = 0
        return articles[Int(ordinal)].readBody { text, isWhole in
            CorpusSnapshot.snippet(
                of: text, continues: !isWhole, matcher: matcher, length: length, termSearchStart: &termSearchStart)
        }
    }

    /// The snippet of the whole `body` (see `snippet(of:continues:matcher:length:termSearchStart:)`).
    static func snippet(of body: String, matcher: QueryTermMatcher, length: Int) -> Snippet {
        var termSearchStart = 0
        return Tokenizer.withUTF8(of: body) {
            snippet(of: $0, continues: false, matcher: matcher, length: length, termSearchStart: &termSearchStart)!
        }
    }

    /// The snippet of `text` (UTF-8): from the tokens around its first match, or, when the window
    /// reaches further back than a third of its length (the text ends within it), from all its tokens.
    ///
    /// When the text `continues` (it is the start of the body, and may end inside a character), the
    /// snippet is `nil` unless the rest of the body cannot change it: the bytes up to the last ASCII
    /// separator hold the first match, the whole window, the tokens that finish any phrase in it and
    /// one token more (see `snippetWindow`). The search for the first query term starts at
    /// `termSearchStart`, which is left where the next, longer start of the same body may search from.
    static func snippet(
        of text: UnsafeBufferPointer<UInt8>, continues: Bool, matcher: QueryTermMatcher, length: Int,
        termSearchStart: inout Int
    ) -> Snippet? {
        var text = text
        if continues {
            // A token read before an ASCII separator ends where it would in the whole body.
            guard let separator = text.lastIndex(where: { $0 < 0x80 && !isASCIIAlphanumeric($0) }) else { return nil }
            text = UnsafeBufferPointer(rebasing: text[...separator])
            // Not worth a try unless `length` bytes follow where the first match may start: the window
            // mostly does (a try that gives up early costs only more text read).
            guard text.count - termSearchStart > length else { return nil }
        }
        let lookback = length / 3 + snippetLookbackMargin
        let near = matcher.snippetTokens(
            text, length: length, lookback: lookback, searchStart: termSearchStart, continues: continues)
        termSearchStart = near.termSearchEnd
        switch snippetWindow(of: text, tokens: near, continues: continues, matcher: matcher, length: length) {
        case .snippet(let snippet): return snippet
        case .needsMoreText: return nil
        case .reachesBack: break
        }
        // All the tokens never stop short.
        let all = QueryTermMatcher.SnippetTokens(tokens: matcher.scan(text), fromTop: true, mayStopShort: false)
        guard
            case .snippet(let snippet) = snippetWindow(
                of: text, tokens: all, continues: continues, matcher: matcher, length: length)
        else { return nil }
        return snippet
    }

    /// UTF-16 units read before the third of the window that precedes its first match, for the
    /// windows that start a word or two earlier.
    static let snippetLookbackMargin = 48

    /// The snippet of the whole `body` given its tokens: all of them, or at least those
    /// `snippetTokens` reads; `nil` when the window reaches back to the first token read and may
    /// reach further.
    static func snippet(
        of body: String, tokens scanned: QueryTermMatcher.SnippetTokens, matcher: QueryTermMatcher, length: Int
    ) -> Snippet? {
        Tokenizer.withUTF8(of: body) { text in
            guard
                case .snippet(let snippet) = snippetWindow(
                    of: text, tokens: scanned, continues: false, matcher: matcher, length: length)
            else { return nil }
            return snippet
        }
    }

    /// What the tokens read make of a snippet.
    enum SnippetWindow {
        /// The snippet, the same as from the whole body.
        case snippet(Snippet)
        /// The window reaches back to the first token read and may reach further.
        case reachesBack
        /// The text continues and its rest may change the snippet.
        case needsMoreText
    }

    /// The snippet of `text` given its tokens: all of them, or at least those `snippetTokens` reads.
    ///
    /// When the text `continues` (it ends at an ASCII separator, or just before one, and the body
    /// goes on), its tokens are the body's up to there, but a phrase or a match may lie across the
    /// end: the window stands only if a match was read, if the tokens that may complete a phrase
    /// with the window's last are read, and if one token follows the window (so the window ends for
    /// the same reason, its closing punctuation is read, and the text goes on after it).
    static func snippetWindow(
        of bytes: UnsafeBufferPointer<UInt8>, tokens scanned: QueryTermMatcher.SnippetTokens,
        continues: Bool, matcher: QueryTermMatcher, length: Int
    ) -> SnippetWindow {
        let tokens = scanned.tokens
        if continues, tokens.isEmpty { return .needsMoreText }
        guard !tokens.isEmpty else {
            return .snippet(Snippet(text: String(String(decoding: bytes, as: UTF8.self).prefix(length)), highlights: []))
        }
        let matching = matcher.matchingTokens(in: tokens)
        let firstMatch = matching.firstIndex(of: true)
        if continues, firstMatch == nil { return .needsMoreText }
        let anchor = firstMatch ?? 0

        // Keep up to a third of the window before the match, then fill the rest after it.
        var first = anchor
        while first > 0, tokens[anchor].span.utf16Start - tokens[first - 1].span.utf16Start <= length / 3 {
            first -= 1
        }
        var last = first
        while last + 1 < tokens.count, tokens[last + 1].span.utf16End - tokens[first].span.utf16Start <= length {
            last += 1
        }
        // If the match sits near the end, start earlier so the window stays full.
        while first > 0, tokens[last].span.utf16End - tokens[first - 1].span.utf16Start <= length {
            first -= 1
        }
        // A match, and a token that is not one, are known once every phrase that may hold the token is read.
        if continues, max(anchor, last) + max(matcher.longestPhrase, 2) > tokens.count { return .needsMoreText }
        if first == 0, scanned.mayStopShort { return .reachesBack }

        do {
            let startsAtTop = first == 0 && scanned.fromTop
            let byteStart = startsAtTop ? 0 : tokens[first].span.byteStart
            let utf16Start = startsAtTop ? 0 : tokens[first].span.utf16Start
            var byteEnd = tokens[last].span.byteEnd
            if last == tokens.count - 1 {
                byteEnd = bytes.count
            } else {
                while byteEnd < bytes.count, CorpusSnapshot.closingPunctuation.contains(bytes[byteEnd]) { byteEnd += 1 }
                // The token after the window is read, and is no punctuation; this is only a safeguard.
                if continues, byteEnd == bytes.count { return .needsMoreText }
            }
            let ellipsis = "…".utf8
            var text: [UInt8] = []
            text.reserveCapacity(byteEnd - byteStart + 2 * ellipsis.count)
            if !startsAtTop { text.append(contentsOf: ellipsis) }
            for byte in bytes[byteStart..<byteEnd] {
                text.append(byte == 0x0A || byte == 0x0D || byte == 0x09 ? 0x20 : byte)
            }
            if byteEnd < bytes.count { text.append(contentsOf: ellipsis) }
            // The ellipsis is one UTF-16 unit.
            let shift = (startsAtTop ? 0 : 1) - utf16Start
            let highlights = (first...last).filter { matching[$0] }
                .map { (tokens[$0].span.utf16Start + shift)..<(tokens[$0].span.utf16End + shift) }
            return .snippet(Snippet(text: String(decoding: text, as: UTF8.self), highlights: highlights))
        }
    }

    /// Punctuation kept at the end of a snippet when it directly follows the last word.
    private static let closingPunctuation: Set<UInt8> = Set(".,;:!?)]\"'".utf8)

    /// Whether an ASCII byte is a letter or a digit (the rest of ASCII separates tokens).
    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "A") < 26 || byte &- UInt8(ascii: "0") < 10
    }
}
