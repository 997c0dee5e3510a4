/// Tokenizes each article once, as it is loaded, and from that one pass collects the full-text
/// postings (term frequencies and document lengths) and the linked entity mentions.
///
/// Articles are added in file order; `finish()` hands the result to `CorpusIndexBuilder`, which
/// merges the parts of all workers into the final indexes in ordinal (newest-first) order.
struct ArticleIndexer {
    /// The term ids of every folded token seen so far (entity name terms first), and each
    /// article's term frequencies.
    private var terms: TermCollector
    private let matcher: EntityMatcher
    private let spellings: EntitySpellings
    private let entityCount: Int
    /// Per entity: the index of the entity it is part of (a city's country), or -1.
    private let parentOfEntity: ContiguousArray<Int32>

    // Per article, in load order: its length in tokens.
    private var documentLengths = ContiguousArray<Int32>()

    // Per article, in load order: its mentions, and each mention's occurrences.
    private var mentions = MentionList()

    // Scratch space reused for every article.
    private var fieldTokens = ContiguousArray<FieldToken>()
    private var hits = ContiguousArray<(entity: Int32, occurrence: Mention.Occurrence, spelling: UInt8, isAmbiguous: Bool)>()
    /// Per entity: whether this article names it unambiguously (reset after each article).
    private var isConfirmed: ContiguousArray<Bool>
    private var confirmedEntities: [Int32] = []
    private var firstHitOfEntity: ContiguousArray<Int32>
    private var hitCountOfEntity: ContiguousArray<Int32>

    /// Prepares to index articles that link against `entities` (sorted by id), with `notEntities`
    /// the names of other things, which only keep shorter names inside them from linking.
    init(entities: [Entity], notEntities: [String] = [], expectedArticles: Int = 1024) {
        var terms = TermCollector(capacity: ArticleIndexer.expectedTerms)
        matcher = EntityMatcher(entities: entities, notEntities: notEntities, terms: &terms)
        spellings = EntitySpellings(entities: entities)
        self.terms = terms
        entityCount = entities.count
        var indexByID: [String: Int32] = [:]
        for (index, entity) in entities.enumerated() { indexByID[entity.id] = Int32(index) }
        parentOfEntity = ContiguousArray(entities.map { entity in entity.partOf.flatMap { indexByID[$0] } ?? -1 })
        isConfirmed = ContiguousArray(repeating: false, count: entities.count)
        firstHitOfEntity = ContiguousArray(repeating: -1, count: entities.count)
        hitCountOfEntity = ContiguousArray(repeating: 0, count: entities.count)
        reserve(articles: expectedArticles, distinctTermsPerArticle: 256)
    }

    /// How many distinct terms the term table has room for before it grows: a news corpus's
    /// vocabulary is a few thousand words (3,775 at 100k generated articles), and a table that stays
    /// in the core's cache makes every token's lookup cheaper than one sized for the worst case.
    static let expectedTerms = 1 << 12

    /// Makes room for about `articles` more articles, to avoid copying as the arrays grow.
    mutating func reserve(articles: Int, distinctTermsPerArticle: Int) {
        terms.reserve(documents: articles, entries: articles * distinctTermsPerArticle)
        documentLengths.reserveCapacity(documentLengths.count + articles)
    }

    /// The number of articles added.
    var count: Int { documentLengths.count }

    /// Indexes one article; `explicitEntities` are the indexes of the entities its data lists.
    mutating func add(_ article: Article, explicitEntities: [Int32]) {
        hits.removeAll(keepingCapacity: true)
        var length = indexField(article.title, field: .title)
        length += indexField(article.body, field: .body)
        documentLengths.append(Int32(clamping: length))
        terms.endDocument()
        recordMentions(explicitEntities: explicitEntities)
    }

    /// Tokenizes one field: interns and counts its terms for the document, and links entities.
    private mutating func indexField(_ text: String, field: TextField) -> Int {
        Tokenizer.withUTF8(of: text) { bytes in
            fieldTokens.removeAll(keepingCapacity: true)
            Tokenizer.scan(bytes) { folded, span in
                let term = terms.count(folded)
                fieldTokens.append(
                    FieldToken(
                        term: term,
                        byteStart: Int32(truncatingIfNeeded: span.byteStart),
                        byteEnd: Int32(truncatingIfNeeded: span.byteEnd),
                        utf16Start: Int32(truncatingIfNeeded: span.utf16Start),
                        utf16End: Int32(truncatingIfNeeded: span.utf16End)
                    ))
            }
            fieldTokens.withUnsafeBufferPointer { tokens in
                matcher.match(tokens, in: bytes) { entity, first, last, trailing, isAmbiguous in
                    let occurrence = Mention.Occurrence(
                        field: field,
                        start: tokens[first].utf16Start,
                        end: tokens[last].utf16End + Int32(trailing.utf16)
                    )
                    let written = UnsafeBufferPointer(
                        rebasing: bytes[Int(tokens[first].byteStart)..<Int(tokens[last].byteEnd) + trailing.bytes])
                    hits.append((entity, occurrence, spellings.number(of: written, entity: entity), isAmbiguous))
                }
            }
            return fieldTokens.count
        }
    }

    /// Groups this article's hits by entity (most mentioned first) and adds the explicit entities.
    /// An ambiguous name counts only if the article also names its entity unambiguously, lists it
    /// explicitly, or names a place in it (`part_of`): "Georgia" is the country beside "Tbilisi".
    private mutating func recordMentions(explicitEntities: [Int32]) {
        dropUnconfirmedHits(explicitEntities: explicitEntities)
        var distinct: [Int32] = []
        for (index, hit) in hits.enumerated() {
            let entity = Int(hit.entity)
            if hitCountOfEntity[entity] == 0 {
                firstHitOfEntity[entity] = Int32(index)
                distinct.append(hit.entity)
            }
            hitCountOfEntity[entity] += 1
        }
        distinct.sort { left, right in
            let leftCount = hitCountOfEntity[Int(left)]
            let rightCount = hitCountOfEntity[Int(right)]
            return leftCount != rightCount ? leftCount > rightCount : firstHitOfEntity[Int(left)] < firstHitOfEntity[Int(right)]
        }
        for entity in distinct {
            mentions.beginMention(of: entity, count: hitCountOfEntity[Int(entity)])
            for hit in hits where hit.entity == entity {
                mentions.addOccurrence(hit.occurrence, spelling: hit.spelling)
            }
        }
        for entity in explicitEntities where hitCountOfEntity[Int(entity)] == 0 {
            mentions.beginMention(of: entity, count: 0)
        }
        for entity in distinct {
            hitCountOfEntity[Int(entity)] = 0
        }
        mentions.endDocument()
    }

    /// Removes the hits of ambiguous names whose entity nothing else in the article confirms.
    private mutating func dropUnconfirmedHits(explicitEntities: [Int32]) {
        guard hits.contains(where: \.isAmbiguous) else { return }
        func confirm(_ entity: Int32) {
            var entity = entity
            // A place confirms what it is part of, and that what it is part of, a few levels up.
            for _ in 0..<4 where entity >= 0 {
                if !isConfirmed[Int(entity)] {
                    isConfirmed[Int(entity)] = true
                    confirmedEntities.append(entity)
                }
                entity = parentOfEntity[Int(entity)]
            }
        }
        for hit in hits where !hit.isAmbiguous { confirm(hit.entity) }
        for entity in explicitEntities { confirm(entity) }
        hits.removeAll { $0.isAmbiguous && !isConfirmed[Int($0.entity)] }
        for entity in confirmedEntities { isConfirmed[Int(entity)] = false }
        confirmedEntities.removeAll(keepingCapacity: true)
    }

    /// Hands over what this indexer collected.
    consuming func finish() -> IndexedArticles {
        IndexedArticles(terms: terms, documentLengths: documentLengths, mentions: mentions)
    }
}
