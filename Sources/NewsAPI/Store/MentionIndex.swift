/// Who is mentioned where: each article's mentions, each entity's articles (newest first), and
/// each entity's most frequent co-mentions.
struct MentionIndex: Sendable {
    /// How many co-mentioned entities are kept per entity.
    static let coMentionLimit = 20

    private let list: MentionList
    private let loadIndexOfOrdinal: ContiguousArray<Int32>
    private let entityArticleStarts: ContiguousArray<Int>
    private let entityArticles: ContiguousArray<Int32>
    private let coMentions: [[(entity: Int32, count: Int32)]]

    /// Builds the index from mentions in load order; `order` gives the load index of each ordinal.
    init(mentions list: MentionList, order: [Int32], entityCount: Int) {
        self.list = list
        loadIndexOfOrdinal = ContiguousArray(order)

        var starts = ContiguousArray<Int>(repeating: 0, count: entityCount + 1)
        for entity in list.entities {
            starts[Int(entity) + 1] += 1
        }
        for entity in 0..<entityCount {
            starts[entity + 1] += starts[entity]
        }
        var cursor = starts
        var articles = ContiguousArray<Int32>(repeating: 0, count: list.entities.count)
        for (ordinal, loadIndex) in order.enumerated() {
            for mention in list.mentionRange(of: Int(loadIndex)) {
                let entity = Int(list.entities[mention])
                articles[cursor[entity]] = Int32(ordinal)
                cursor[entity] += 1
            }
        }
        entityArticleStarts = starts
        entityArticles = articles
        coMentions = MentionIndex.topCoMentions(
            list: list, order: order, entityCount: entityCount, starts: starts, articles: articles
        )
    }

    /// For each entity, the entities most often mentioned in the same articles, most frequent first.
    private static func topCoMentions(
        list: MentionList, order: [Int32], entityCount: Int,
        starts: ContiguousArray<Int>, articles: ContiguousArray<Int32>
    ) -> [[(entity: Int32, count: Int32)]] {
        var counts = ContiguousArray<Int32>(repeating: 0, count: entityCount)
        var touched: [Int32] = []
        var result: [[(entity: Int32, count: Int32)]] = []
        result.reserveCapacity(entityCount)
        for entity in 0..<entityCount {
            for ordinal in articles[starts[entity]..<starts[entity + 1]] {
                for mention in list.mentionRange(of: Int(order[Int(ordinal)])) {
                    let other = list.entities[mention]
                    guard other != Int32(entity) else { continue }
                    if counts[Int(other)] == 0 { touched.append(other) }
                    counts[Int(other)] += 1
                }
            }
            var top = touched.map { (entity: $0, count: counts[Int($0)]) }
            top.sort { $0.count != $1.count ? $0.count > $1.count : $0.entity < $1.entity }
            result.append(Array(top.prefix(coMentionLimit)))
            for other in touched { counts[Int(other)] = 0 }
            touched.removeAll(keepingCapacity: true)
        }
        return result
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
    func forEachMention(inArticle ordinal: Int32, _ body: (Int32, Int32, ArraySlice<Mention.Occurrence>) -> Void) {
        for mention in list.mentionRange(of: Int(loadIndexOfOrdinal[Int(ordinal)])) {
            body(list.entities[mention], list.counts[mention], list.occurrences[list.occurrenceRange(of: mention)])
        }
    }

    /// The entity indexes mentioned in the article at `ordinal`.
    func entities(inArticle ordinal: Int32) -> ArraySlice<Int32> {
        list.entities[list.mentionRange(of: Int(loadIndexOfOrdinal[Int(ordinal)]))]
    }
}
