/// Who is mentioned where: each article's mentions, each entity's articles (newest first), and
/// each entity's most frequent co-mentions.
struct MentionIndex: Sendable {
    /// How many co-mentioned entities are kept per entity.
    static let coMentionLimit = 20

    private let lists: [MentionList]
    private let ordered: [DocumentLocation]
    private let entityArticleStarts: ContiguousArray<Int>
    private let entityArticles: ContiguousArray<Int32>
    private let coMentions: [[(entity: Int32, count: Int32)]]

    /// Builds the index from the workers' mention lists; `ordered[ordinal]` says where each
    /// article's mentions are.
    init(lists: [MentionList], ordered: [DocumentLocation], entityCount: Int) {
        self.lists = lists
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
        for (ordinal, location) in ordered.enumerated() {
            let list = lists[Int(location.part)]
            for mention in list.mentionRange(of: Int(location.document)) {
                let entity = Int(list.entities[mention])
                articles[cursor[entity]] = Int32(ordinal)
                cursor[entity] += 1
            }
        }
        entityArticleStarts = starts
        entityArticles = articles
        var coMentions: [[(entity: Int32, count: Int32)]] = []
        coMentions.reserveCapacity(entityCount)
        var counts = ContiguousArray<Int32>(repeating: 0, count: entityCount)
        var touched: [Int32] = []
        for entity in 0..<entityCount {
            for ordinal in articles[starts[entity]..<starts[entity + 1]] {
                let location = ordered[Int(ordinal)]
                let list = lists[Int(location.part)]
                for mention in list.mentionRange(of: Int(location.document)) {
                    let other = list.entities[mention]
                    guard other != Int32(entity) else { continue }
                    if counts[Int(other)] == 0 { touched.append(other) }
                    counts[Int(other)] += 1
                }
            }
            var top = touched.map { (entity: $0, count: counts[Int($0)]) }
            top.sort { $0.count != $1.count ? $0.count > $1.count : $0.entity < $1.entity }
            coMentions.append(Array(top.prefix(MentionIndex.coMentionLimit)))
            for other in touched { counts[Int(other)] = 0 }
            touched.removeAll(keepingCapacity: true)
        }
        self.coMentions = coMentions
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
    func forEachMention(inArticle ordinal: Int32,
                        _ body: (Int32, Int32, LazyMapSequence<Range<Int>, Mention.Occurrence>) -> Void) {
        let location = ordered[Int(ordinal)]
        let list = lists[Int(location.part)]
        for mention in list.mentionRange(of: Int(location.document)) {
            body(list.entities[mention], list.counts[mention], list.occurrences(of: mention))
        }
    }

    /// The entity indexes mentioned in the article at `ordinal`.
    func entities(inArticle ordinal: Int32) -> ArraySlice<Int32> {
        let location = ordered[Int(ordinal)]
        let list = lists[Int(location.part)]
        return list.entities[list.mentionRange(of: Int(location.document))]
    }
}
