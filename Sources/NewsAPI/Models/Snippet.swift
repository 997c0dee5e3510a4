/// A short extract of an article's body around the first match of a search, with the matches marked.
struct Snippet: Hashable, Sendable {
    /// About 200 characters of body, cut at word boundaries; `…` marks text left out at either end,
    /// and line breaks become spaces.
    let text: String
    /// Each occurrence of a query term in `text`, as UTF-16 offsets into `text` (JavaScript `slice`).
    let highlights: [Range<Int>]

    /// Creates a snippet.
    init(text: String, highlights: [Range<Int>]) {
        self.text = text
        self.highlights = highlights
    }
}
