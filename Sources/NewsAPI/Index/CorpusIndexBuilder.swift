import Dispatch

/// Merges the index parts built by the loader's workers into the final full-text and mention
/// indexes, in ordinal (newest-first) order.
enum CorpusIndexBuilder {
    /// Builds the indexes, on up to `threads` threads. `locations[loadIndex]` says where each
    /// loaded article's data is, and `order[ordinal]` which loaded article has each ordinal.
    static func build(
        parts: consuming [IndexedArticles],
        locations: [DocumentLocation],
        order: [Int32],
        entityCount: Int,
        threads: Int
    ) -> (text: InvertedIndex, mentions: MentionIndex) {
        // Documents by ordinal.
        let ordered = order.map { locations[Int($0)] }
        // Every part's terms become terms of part 0; entity terms were interned first and in the
        // same order by every part, so they already agree.
        var termMaps: [ContiguousArray<Int32>] = []
        for index in parts.indices.dropFirst() {
            var map = ContiguousArray<Int32>()
            map.reserveCapacity(parts[index].terms.count)
            parts[index].terms.forEachTerm { _, bytes in
                map.append(parts[0].terms.intern(bytes))
            }
            termMaps.append(map)
        }
        let dictionary = parts[0].terms.dictionary()
        for index in parts.indices {
            parts[index].terms.releaseLookupTable()
        }
        let maps = termMaps
        parts.withUnsafeMutableBufferPointer { parts in
            // Each iteration rewrites its own part.
            nonisolated(unsafe) let parts = parts
            DispatchQueue.concurrentPerform(iterations: maps.count) { index in
                parts[index + 1].terms.renumberDocumentTerms(maps[index])
            }
        }
        let mentions = MentionIndex(
            lists: parts.map(\.mentions), ordered: ordered, entityCount: entityCount,
            threads: threads)
        let text = InvertedIndex(terms: dictionary, parts: parts, ordered: ordered, threads: threads)
        return (text, mentions)
    }
}
