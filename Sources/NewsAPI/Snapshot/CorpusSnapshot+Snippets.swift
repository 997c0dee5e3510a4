extension CorpusSnapshot {
    /// About `length` characters of the article's body around the first match of `query`, cut at
    /// word boundaries, with every match in it marked (loose words anywhere, phrase words only where
    /// the whole phrase stands). Without a match in the body, the snippet is the body's opening.
    func snippet(forArticle ordinal: Int32, matching query: TextQuery, length: Int = 200) -> Snippet {
        snippet(forArticle: ordinal, matcher: QueryTermMatcher(query), length: length)
    }

    /// The snippet of an article for the query `matcher` matches (see `snippet(forArticle:matching:)`).
    func snippet(forArticle ordinal: Int32, matcher: QueryTermMatcher, length: Int = 200) -> Snippet {
        CorpusSnapshot.snippet(of: articles[Int(ordinal)].body, matcher: matcher, length: length)
    }

    /// The snippet of `body`: from the tokens around its first match, or, when the window reaches
    /// further back than a third of its length (the text ends within it), from all its tokens.
    static func snippet(of body: String, matcher: QueryTermMatcher, length: Int) -> Snippet {
        let lookback = length / 3 + snippetLookbackMargin
        let near = matcher.snippetTokens(body, length: length, lookback: lookback)
        if let snippet = snippet(of: body, tokens: near, matcher: matcher, length: length) { return snippet }
        // All the tokens never stop short.
        let all = QueryTermMatcher.SnippetTokens(tokens: matcher.scan(body), fromTop: true, mayStopShort: false)
        return snippet(of: body, tokens: all, matcher: matcher, length: length)!
    }

    /// UTF-16 units read before the third of the window that precedes its first match, for the
    /// windows that start a word or two earlier.
    static let snippetLookbackMargin = 48

    /// The snippet of `body` given its tokens: all of them, or at least those `snippetTokens` reads;
    /// `nil` when the window reaches back to the first token read and may reach further.
    static func snippet(
        of body: String, tokens scanned: QueryTermMatcher.SnippetTokens, matcher: QueryTermMatcher,
        length: Int
    ) -> Snippet? {
        let tokens = scanned.tokens
        guard !tokens.isEmpty else {
            return Snippet(text: String(body.prefix(length)), highlights: [])
        }
        let matching = matcher.matchingTokens(in: tokens)
        let anchor = matching.firstIndex(of: true) ?? 0

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
        if first == 0, scanned.mayStopShort { return nil }

        return Tokenizer.withUTF8(of: body) { bytes in
            let startsAtTop = first == 0 && scanned.fromTop
            let byteStart = startsAtTop ? 0 : tokens[first].span.byteStart
            let utf16Start = startsAtTop ? 0 : tokens[first].span.utf16Start
            var byteEnd = tokens[last].span.byteEnd
            if last == tokens.count - 1 {
                byteEnd = bytes.count
            } else {
                while byteEnd < bytes.count, CorpusSnapshot.closingPunctuation.contains(bytes[byteEnd]) { byteEnd += 1 }
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
            return Snippet(text: String(decoding: text, as: UTF8.self), highlights: highlights)
        }
    }

    /// Punctuation kept at the end of a snippet when it directly follows the last word.
    private static let closingPunctuation: Set<UInt8> = Set(".,;:!?)]\"'".utf8)
}
