/// Tokenizes each article once, as it is loaded, and from that one pass collects the full-text
/// postings (term frequencies and document lengths) and the linked entity mentions.
///
/// Articles are added in file order; `finish(order:)` builds the final indexes in ordinal
/// (newest-first) order.
struct ArticleIndexer {
    /// The term ids of every folded token seen so far (entity name terms first).
    private(set) var terms: TermDictionary
    private let matcher: EntityMatcher
    private let entityCount: Int

    // Per article, in load order: its distinct terms and their frequencies, and its length.
    private var documentTermStarts: ContiguousArray<Int> = [0]
    private var documentTerms = ContiguousArray<Int32>()
    private var documentFrequencies = ContiguousArray<UInt16>()
    private var documentLengths = ContiguousArray<Int32>()

    // Per article, in load order: its mentions, and each mention's occurrences.
    private var mentions = MentionList()

    // Scratch space reused for every article.
    private var termSeen = ContiguousArray<TermSeen>()
    private var fieldTokens = ContiguousArray<FieldToken>()
    private var hits = ContiguousArray<(entity: Int32, occurrence: Mention.Occurrence)>()
    private var firstHitOfEntity: ContiguousArray<Int32>
    private var hitCountOfEntity: ContiguousArray<Int32>

    /// The last document a term was seen in, and where its frequency is counted there.
    private struct TermSeen {
        var document: Int32
        /// The offset of the term's entry from the document's first entry in `documentTerms`.
        var slot: Int32
    }

    /// Prepares to index articles that link against `entities` (sorted by id).
    init(entities: [Entity], expectedArticles: Int = 1024) {
        var terms = TermDictionary(capacity: 1 << 18)
        matcher = EntityMatcher(entities: entities, terms: &terms)
        self.terms = terms
        termSeen = ContiguousArray(repeating: TermSeen(document: -1, slot: 0), count: terms.count)
        entityCount = entities.count
        firstHitOfEntity = ContiguousArray(repeating: -1, count: entities.count)
        hitCountOfEntity = ContiguousArray(repeating: 0, count: entities.count)
        documentTermStarts.reserveCapacity(expectedArticles + 1)
        documentLengths.reserveCapacity(expectedArticles)
        documentTerms.reserveCapacity(expectedArticles * 256)
        documentFrequencies.reserveCapacity(expectedArticles * 256)
    }

    /// The number of articles added.
    var count: Int { documentLengths.count }

    /// Indexes one article; `explicitEntities` are the indexes of the entities its data lists.
    mutating func add(_ article: Article, explicitEntities: [Int32]) {
        let document = Int32(documentLengths.count)
        hits.removeAll(keepingCapacity: true)
        var length = indexField(article.title, field: .title, document: document)
        length += indexField(article.body, field: .body, document: document)
        documentLengths.append(Int32(clamping: length))
        documentTermStarts.append(documentTerms.count)
        recordMentions(explicitEntities: explicitEntities)
    }

    /// Tokenizes one field: interns its terms, counts them for the document, and links entities.
    private mutating func indexField(_ text: String, field: TextField, document: Int32) -> Int {
        Tokenizer.withUTF8(of: text) { bytes in
            fieldTokens.removeAll(keepingCapacity: true)
            let documentStart = documentTermStarts[documentTermStarts.count - 1]
            var scanner = TokenScanner(bytes)
            while scanner.next() {
                let term = terms.intern(scanner.folded)
                let termIndex = Int(term)
                if termIndex >= termSeen.count {
                    termSeen.append(TermSeen(document: -1, slot: 0))
                }
                let seen = termSeen[termIndex]
                if seen.document != document {
                    termSeen[termIndex] = TermSeen(document: document, slot: Int32(documentTerms.count - documentStart))
                    documentTerms.append(term)
                    documentFrequencies.append(1)
                } else {
                    let slot = documentStart + Int(seen.slot)
                    if documentFrequencies[slot] < UInt16.max { documentFrequencies[slot] += 1 }
                }
                fieldTokens.append(FieldToken(term: term, span: scanner.span))
            }
            fieldTokens.withUnsafeBufferPointer { tokens in
                matcher.match(tokens, in: bytes) { entity, first, last, trailingUTF16 in
                    let occurrence = Mention.Occurrence(
                        field: field,
                        start: Int32(tokens[first].span.utf16Start),
                        end: Int32(tokens[last].span.utf16End + trailingUTF16)
                    )
                    hits.append((entity, occurrence))
                }
            }
            return fieldTokens.count
        }
    }

    /// Groups this article's hits by entity (most mentioned first) and adds the explicit entities.
    private mutating func recordMentions(explicitEntities: [Int32]) {
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
                mentions.addOccurrence(hit.occurrence)
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

    /// Builds the final indexes, given the load index of the article at each ordinal.
    consuming func finish(order: [Int32]) -> (text: InvertedIndex, mentions: MentionIndex) {
        let text = InvertedIndex(
            terms: terms,
            order: order,
            documentTermStarts: documentTermStarts,
            documentTerms: documentTerms,
            documentFrequencies: documentFrequencies,
            documentLengths: documentLengths
        )
        let mentionIndex = MentionIndex(mentions: mentions, order: order, entityCount: entityCount)
        return (text, mentionIndex)
    }
}
