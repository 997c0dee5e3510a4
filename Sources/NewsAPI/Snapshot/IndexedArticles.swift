/// What one `ArticleIndexer` collected: its terms and per-document frequencies (in its own term
/// ids), its documents' lengths and their mentions, documents in the order they were added.
struct IndexedArticles {
    /// The terms and each document's term frequencies.
    var terms: TermCollector
    /// Each document's length in tokens.
    let documentLengths: ContiguousArray<Int32>
    /// Each document's mentions.
    let mentions: MentionList
}
