extension CorpusSnapshot {
    /// About `length` characters of the article's body around the first match of `query`, cut at
    /// word boundaries, with every match in it marked (loose words anywhere, phrase words only where
    /// the whole phrase stands). Without a match in the body, the snippet is the body's opening.
    func snippet(forArticle ordinal: Int32, matching query: TextQuery, length: Int = 200) -> Snippet {
        let body = articles[Int(ordinal)].body
        let matcher = QueryTermMatcher(query)
        return CorpusSnapshot.snippet(
            of: body, tokens: matcher.scanForSnippet(body, length: length), matcher: matcher,
            length: length)
    }

    /// The snippet of `body` given its tokens: all of them, or at least those `scanForSnippet` reads.
    static func snippet(
        of body: String, tokens: [QueryTermMatcher.CodedToken], matcher: QueryTermMatcher,
        length: Int
    ) -> Snippet {
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

        return Tokenizer.withUTF8(of: body) { bytes in
            let startsAtTop = first == 0
            let byteStart = startsAtTop ? 0 : tokens[first].span.byteStart
            let utf16Start = startsAtTop ? 0 : tokens[first].span.utf16Start
            var byteEnd = tokens[last].span.byteEnd
            if last == tokens.count - 1 {
                byteEnd = bytes.count
            } else {
                while byteEnd < bytes.count, CorpusSnapshot.closingPunctuation.contains(bytes[byteEnd]) { byteEnd += 1 }
            }
            let prefix = startsAtTop ? "" : "…"
            let suffix = byteEnd < bytes.count ? "…" : ""
            let extract = bytes[byteStart..<byteEnd].map { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 ? 0x20 : $0 }
            let text = prefix + String(decoding: extract, as: UTF8.self) + suffix
            let shift = prefix.utf16.count - utf16Start
            let highlights = (first...last).filter { matching[$0] }
                .map { (tokens[$0].span.utf16Start + shift)..<(tokens[$0].span.utf16End + shift) }
            return Snippet(text: text, highlights: highlights)
        }
    }

    /// Punctuation kept at the end of a snippet when it directly follows the last word.
    private static let closingPunctuation: Set<UInt8> = Set(".,;:!?)]\"'".utf8)
}
