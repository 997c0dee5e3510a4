import Dispatch

/// Who is mentioned where: each article's mentions, each entity's articles (newest first), and
/// each entity's most frequent co-mentions.
///
/// A class, so reading it through the snapshot costs one reference count, not one per array.
final class MentionIndex: Sendable {
    /// How many co-mentioned entities are kept per entity.
    static let coMentionLimit = 20

    private let lists: [SharedMentionList]
    private let ordered: [DocumentLocation]
    private let entityArticleStarts: ContiguousArray<Int>
    private let entityArticles: ContiguousArray<Int32>
    private let coMentions: [[(entity: Int32, count: Int32)]]
    /// Each article's entity indexes in one flat array by ordinal (`articleEntityStarts[ordinal]..<
    /// articleEntityStarts[ordinal + 1]`), so aggregates over many articles (facets, the graph) read
    /// plain integers: 4 bytes a mention and 8 an article more than the mention lists alone.
    private let articleEntityStarts: ContiguousArray<Int>
    private let articleEntities: ContiguousArray<Int32>

    /// Builds the index from the workers' mention lists, on up to `threads` threads;
    /// `ordered[ordinal]` says where each article's mentions are.
    init(lists: [MentionList], ordered: [DocumentLocation], entityCount: Int, threads: Int = 1) {
        self.lists = lists.map(SharedMentionList.init)
        self.ordered = ordered

        var starts = ContiguousArray<Int>(repeating: 0, count: entityCount + 1)
        for list in lists {
            for entity in list.entities {
                starts[Int(entity) + 1] += 1
            }
        }
        for entity in 0..<entityCount {
            starts[entity + 1] += starts[entity]
        }
        var cursor = starts
        var articles = ContiguousArray<Int32>(repeating: 0, count: starts[entityCount])
        // The same mentions by ordinal, in two flat arrays, for the co-mention counts below, which
        // read every article's entities once per entity it mentions.
        var articleEntityStarts = ContiguousArray<Int>()
        articleEntityStarts.reserveCapacity(ordered.count + 1)
        articleEntityStarts.append(0)
        var articleEntities = ContiguousArray<Int32>()
        articleEntities.reserveCapacity(starts[entityCount])
        for (ordinal, location) in ordered.enumerated() {
            // Read in place: a copy of the part's list would count a reference to each of its arrays.
            let part = Int(location.part)
            for mention in lists[part].mentionRange(of: Int(location.document)) {
                let entity = lists[part].entities[mention]
                articles[cursor[Int(entity)]] = Int32(ordinal)
                cursor[Int(entity)] += 1
                articleEntities.append(entity)
            }
            articleEntityStarts.append(articleEntities.count)
        }
        entityArticleStarts = starts
        entityArticles = articles
        self.articleEntityStarts = articleEntityStarts
        self.articleEntities = articleEntities
        coMentions = MentionIndex.topCoMentions(
            entityArticleStarts: starts, entityArticles: articles,
            articleEntityStarts: articleEntityStarts, articleEntities: articleEntities, threads: threads
        )
    }

    /// For each entity, the `coMentionLimit` entities sharing the most articles with it. Entities are
    /// split into one consecutive range per thread, of about equal numbers of articles.
    private static func topCoMentions(
        entityArticleStarts: ContiguousArray<Int>,
        entityArticles: ContiguousArray<Int32>,
        articleEntityStarts: ContiguousArray<Int>,
        articleEntities: ContiguousArray<Int32>,
        threads: Int
    ) -> [[(entity: Int32, count: Int32)]] {
        let entityCount = entityArticleStarts.count - 1
        let total = entityArticleStarts[entityCount]
        let shares = max(1, min(threads, entityCount))
        var bounds = [0]
        for share in 1..<shares {
            let target = total * share / shares
            bounds.append(max(bounds.last!, entityArticleStarts.firstIndex { $0 >= target } ?? entityCount))
        }
        bounds.append(entityCount)
        let ranges = zip(bounds, bounds.dropFirst()).map { $0..<$1 }
        var results = [[[(entity: Int32, count: Int32)]]](repeating: [], count: shares)
        results.withUnsafeMutableBufferPointer { results in
            // Each iteration writes only its own result.
            nonisolated(unsafe) let results = results
            DispatchQueue.concurrentPerform(iterations: shares) { share in
                var counts = ContiguousArray<Int32>(repeating: 0, count: entityCount)
                var touched: [Int32] = []
                var top: [[(entity: Int32, count: Int32)]] = []
                top.reserveCapacity(ranges[share].count)
                for entity in ranges[share] {
                    for ordinal in entityArticles[entityArticleStarts[entity]..<entityArticleStarts[entity + 1]] {
                        for other in articleEntities[articleEntityStarts[Int(ordinal)]..<articleEntityStarts[Int(ordinal) + 1]]
                        where other != Int32(entity) {
                            if counts[Int(other)] == 0 { touched.append(other) }
                            counts[Int(other)] += 1
                        }
                    }
                    var ranked = touched.map { (entity: $0, count: counts[Int($0)]) }
                    ranked.sort { $0.count != $1.count ? $0.count > $1.count : $0.entity < $1.entity }
                    top.append(Array(ranked.prefix(MentionIndex.coMentionLimit)))
                    for other in touched { counts[Int(other)] = 0 }
                    touched.removeAll(keepingCapacity: true)
                }
                results[share] = top
            }
        }
        return results.flatMap { $0 }
    }

    /// The ordinals of the articles that mention `entity`, ascending (newest first).
    func articles(mentioning entity: Int32) -> ArraySlice<Int32> {
        entityArticles[entityArticleStarts[Int(entity)]..<entityArticleStarts[Int(entity) + 1]]
    }

    /// How many articles mention `entity`.
    func articleCount(of entity: Int32) -> Int {
        entityArticleStarts[Int(entity) + 1] - entityArticleStarts[Int(entity)]
    }

    /// The entities most often mentioned with `entity`, with how many articles they share.
    func coMentions(of entity: Int32) -> [(entity: Int32, count: Int32)] {
        coMentions[Int(entity)]
    }

    /// Calls `body` with each mention of the article at `ordinal`: entity index, count, occurrences.
    func forEachMention(
        inArticle ordinal: Int32,
        _ body: (Int32, Int32, LazyMapSequence<Range<Int>, LinkedOccurrence>) -> Void
    ) {
        let location = ordered[Int(ordinal)]
        let list = lists[Int(location.part)]
        for mention in list.mentions.mentionRange(of: Int(location.document)) {
            body(list.mentions.entities[mention], list.mentions.counts[mention], list.occurrences(of: mention))
        }
    }

    /// Calls `body` with each mention of the article at `ordinal`: entity index and count (what a
    /// summary shows), without the occurrences.
    func forEachMentionCount(inArticle ordinal: Int32, _ body: (_ entity: Int32, _ count: Int32) -> Void) {
        let location = ordered[Int(ordinal)]
        let list = lists[Int(location.part)]
        for mention in list.mentions.mentionRange(of: Int(location.document)) {
            body(list.mentions.entities[mention], list.mentions.counts[mention])
        }
    }

    /// Calls `body` with the entity indexes mentioned in each article of `ordinals`, in turn, read in
    /// place: for walks over many articles, which a slice per article would cost a reference count each.
    ///
    /// Articles are read a batch at a time: first where each one's entities start and end, loads that
    /// do not wait for one another (so the cache misses of articles far apart overlap), then `body`
    /// for each.
    func forEachArticle(in ordinals: some Sequence<Int32>, _ body: (UnsafeBufferPointer<Int32>) -> Void) {
        let batch = 32
        articleEntityStarts.withUnsafeBufferPointer { starts in
            articleEntities.withUnsafeBufferPointer { entities in
                withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: batch) { ranges in
                    var iterator = ordinals.makeIterator()
                    var done = false
                    while !done {
                        var count = 0
                        while count < batch, let ordinal = iterator.next() {
                            ranges[count] = starts[Int(ordinal)]..<starts[Int(ordinal) + 1]
                            count += 1
                        }
                        done = count < batch
                        for index in 0..<count {
                            body(UnsafeBufferPointer(rebasing: entities[ranges[index]]))
                        }
                    }
                }
            }
        }
    }

    /// The entity indexes mentioned in the article at `ordinal`.
    func entities(inArticle ordinal: Int32) -> ArraySlice<Int32> {
        articleEntities[articleEntityStarts[Int(ordinal)]..<articleEntityStarts[Int(ordinal) + 1]]
    }
}
