import Foundation
import Logging

/// One loaded, validated corpus and every index over it, built once and never changed.
///
/// Articles are sorted newest first (publication day descending, then id ascending), so an
/// article's ordinal — its `Int32` index in `articles` — sorts the same way, and every list of
/// ordinals the snapshot returns is ascending, that is newest first.
package final class CorpusSnapshot: Sendable {
    // MARK: Dataset

    /// 16 hex digits derived from the bytes of the data files; it changes exactly when the data does.
    package let version: String
    /// The dataset's name (from `dataset.json`, else the directory's name).
    let name: String
    /// The dataset's description, from `dataset.json`.
    let datasetDescription: String?
    /// How long loading and indexing took.
    package let loadDuration: Duration
    /// How many bytes of data files were read.
    package let bytesLoaded: Int
    /// When the data files were last changed (the latest modification time, Unix seconds), for
    /// `Last-Modified`; `nil` if the file system did not say.
    let dataModifiedAt: Int64?
    /// The gazetteer merged with the corpus's entities and every clash it had with them, if one was.
    package let gazetteer: GazetteerReport?

    // MARK: Records

    /// Every article, newest first; an article's index here is its ordinal.
    let articles: [Article]
    /// Every entity, sorted by id.
    let entities: [Entity]
    /// Every trade measure, by announcement date (oldest first, undated last), then id.
    let measures: [TradeMeasure]
    /// Every claim, sorted by id.
    let claims: [Claim]
    /// The distinct publications articles come from, sorted by id.
    let sources: [Article.Source]

    // MARK: Indexes

    let articleOrdinalByID: [String: Int32]
    let entityIndexByID: [String: Int32]
    let measureIndexByID: [String: Int32]
    let entityByKey: [String: EntityKey]
    let textIndex: InvertedIndex
    let mentionIndex: MentionIndex
    let articlesBySource: [String: [Int32]]
    let articlesByKind: [ArticleKind: [Int32]]
    let articlesByLanguage: [String: [Int32]]
    let measuresByImplementing: [[Int32]]
    let measuresByAffected: [[Int32]]
    let measuresByTargetedFirm: [[Int32]]
    let measuresByType: [MeasureType: [Int32]]
    let measuresByStatus: [MeasureStatus: [Int32]]
    let measuresByArticle: [Int32: [Int32]]
    let claimsByArticle: [Int32: [Int32]]
    let claimsByEntity: [[Int32]]
    /// The ordinals of the articles dated only by month or year, ascending: the few a date filter
    /// must test beyond the contiguous run of ordinals.
    let coarselyDatedArticles: [Int32]
    /// Each measure's period in force, by measure position, by the one rule every endpoint uses.
    let measureLifecycles: [MeasureLifecycle]

    /// A folded name, alias or id, and what it leads to.
    struct EntityKey: Sendable {
        let entity: Int32
        let spelling: String
        let matchedBy: EntityMatch.MatchedBy
    }

    /// Assembles a snapshot from validated records and the indexes built while loading.
    ///
    /// `articles` must already be in ordinal order, `entities` sorted by id, and `measures` in date order.
    init(
        metadata: (version: String, name: String, description: String?, duration: Duration, bytes: Int, modifiedAt: Int64?),
        articles: [Article],
        entities: [Entity],
        measures: [TradeMeasure],
        claims: [Claim],
        textIndex: InvertedIndex,
        mentionIndex: MentionIndex,
        gazetteer: GazetteerReport? = nil
    ) {
        self.gazetteer = gazetteer
        version = metadata.version
        name = metadata.name
        datasetDescription = metadata.description
        loadDuration = metadata.duration
        bytesLoaded = metadata.bytes
        dataModifiedAt = metadata.modifiedAt
        self.articles = articles
        self.entities = entities
        self.measures = measures
        self.claims = claims
        self.textIndex = textIndex
        self.mentionIndex = mentionIndex

        var articleOrdinalByID: [String: Int32] = [:]
        articleOrdinalByID.reserveCapacity(articles.count)
        var bySource: [String: [Int32]] = [:]
        var sourceNames: [String: String] = [:]
        var byKind: [ArticleKind: [Int32]] = [:]
        var byLanguageAsWritten: [String: [Int32]] = [:]
        var coarselyDated: [Int32] = []
        for (ordinal, article) in articles.enumerated() {
            let ordinal = Int32(ordinal)
            if article.publishedAt.precision != .day { coarselyDated.append(ordinal) }
            articleOrdinalByID[article.id] = ordinal
            bySource[article.source.id, default: []].append(ordinal)
            if sourceNames[article.source.id] == nil { sourceNames[article.source.id] = article.source.name }
            byKind[article.kind, default: []].append(ordinal)
            byLanguageAsWritten[article.language, default: []].append(ordinal)
        }
        // Tags differing only in case (`en-GB`, `en-gb`) are one language.
        var byLanguage: [String: [Int32]] = [:]
        var merged: Set<String> = []
        for (language, ordinals) in byLanguageAsWritten {
            let key = language.lowercased()
            if byLanguage[key] != nil { merged.insert(key) }
            byLanguage[key, default: []].append(contentsOf: ordinals)
        }
        for key in merged {
            byLanguage[key]?.sort()
        }
        self.articleOrdinalByID = articleOrdinalByID
        coarselyDatedArticles = coarselyDated
        measureLifecycles = measures.map { measure in
            MeasureLifecycle(measure) { id in articleOrdinalByID[id].map { articles[Int($0)].publishedAt } }
        }
        articlesBySource = bySource
        articlesByKind = byKind
        articlesByLanguage = byLanguage
        sources = sourceNames.map { Article.Source(id: $0.key, name: $0.value) }.sorted { $0.id < $1.id }

        var entityIndexByID: [String: Int32] = [:]
        for (index, entity) in entities.enumerated() {
            entityIndexByID[entity.id] = Int32(index)
        }
        self.entityIndexByID = entityIndexByID
        entityByKey = CorpusSnapshot.entityKeys(entities)

        func entityLists(_ ids: (TradeMeasure) -> [String]) -> [[Int32]] {
            var lists = [[Int32]](repeating: [], count: entities.count)
            for (index, measure) in measures.enumerated() {
                for id in Set(ids(measure)) {
                    if let entity = entityIndexByID[id] { lists[Int(entity)].append(Int32(index)) }
                }
            }
            return lists
        }
        measuresByImplementing = entityLists(\.implementing)
        measuresByAffected = entityLists(\.affected)
        measuresByTargetedFirm = entityLists(\.targetedFirms)
        measureIndexByID = Dictionary(uniqueKeysWithValues: measures.enumerated().map { ($0.element.id, Int32($0.offset)) })
        var byType: [MeasureType: [Int32]] = [:]
        var byStatus: [MeasureStatus: [Int32]] = [:]
        var byArticle: [Int32: [Int32]] = [:]
        for (index, measure) in measures.enumerated() {
            byType[measure.measureType, default: []].append(Int32(index))
            byStatus[measure.status, default: []].append(Int32(index))
            for articleID in Set(measure.sources.map(\.articleID)) {
                if let ordinal = articleOrdinalByID[articleID] { byArticle[ordinal, default: []].append(Int32(index)) }
            }
        }
        measuresByType = byType
        measuresByStatus = byStatus
        measuresByArticle = byArticle

        var claimsByArticle: [Int32: [Int32]] = [:]
        var claimsByEntity = [[Int32]](repeating: [], count: entities.count)
        for (index, claim) in claims.enumerated() {
            for articleID in Set(claim.claims.map(\.articleID)) {
                if let ordinal = articleOrdinalByID[articleID] { claimsByArticle[ordinal, default: []].append(Int32(index)) }
            }
            for id in Set(claim.entityIDs) {
                if let entity = entityIndexByID[id] { claimsByEntity[Int(entity)].append(Int32(index)) }
            }
        }
        self.claimsByArticle = claimsByArticle
        self.claimsByEntity = claimsByEntity
    }

    /// Folded name and alias keys first, then folded ids where no name or alias has taken the key.
    private static func entityKeys(_ entities: [Entity]) -> [String: EntityKey] {
        var keys: [String: EntityKey] = [:]
        for (index, entity) in entities.enumerated() {
            let key = TextFolding.normalizedKey(entity.name)
            keys[key] = keys[key] ?? EntityKey(entity: Int32(index), spelling: entity.name, matchedBy: .name)
            for alias in entity.aliases {
                let key = TextFolding.normalizedKey(alias)
                keys[key] = keys[key] ?? EntityKey(entity: Int32(index), spelling: alias, matchedBy: .alias)
            }
        }
        for (index, entity) in entities.enumerated() {
            let key = TextFolding.normalizedKey(entity.id)
            keys[key] = keys[key] ?? EntityKey(entity: Int32(index), spelling: entity.id, matchedBy: .id)
        }
        return keys
    }

    // MARK: Loading

    /// Loads and validates the corpus in `directory`, with `gazetteer`'s entities merged into its
    /// own, or throws every problem found.
    package static func load(
        from directory: URL, gazetteer: GazetteerChoice = .datasetDefault, logger: Logger
    ) throws(CorpusLoadError) -> CorpusSnapshot {
        try CorpusLoader.load(from: directory, gazetteer: gazetteer, logger: logger)
    }

    // MARK: Counts

    /// The number of articles.
    package var articleCount: Int { articles.count }
    /// The number of entities.
    package var entityCount: Int { entities.count }
    /// The number of trade measures.
    package var measureCount: Int { measures.count }
    /// The number of claims.
    package var claimCount: Int { claims.count }
    /// The number of distinct folded terms in the full-text index.
    var termCount: Int { textIndex.terms.count }

    // MARK: Articles

    /// The ordinal of the article with this id.
    func article(id: String) -> Int32? {
        articleOrdinalByID[id]
    }

    /// The article at `ordinal`.
    func article(at ordinal: Int32) -> Article {
        articles[Int(ordinal)]
    }

    /// The ordinals of the articles from the publication with this id (newest first).
    func articles(fromSource sourceID: String) -> [Int32] {
        articlesBySource[sourceID] ?? []
    }

    /// The ordinals of the articles of this kind (newest first).
    func articles(ofKind kind: ArticleKind) -> [Int32] {
        articlesByKind[kind] ?? []
    }

    /// The ordinals of the articles in this language, compared case-insensitively (newest first).
    func articles(inLanguage language: String) -> [Int32] {
        articlesByLanguage[language.lowercased()] ?? []
    }

    /// The languages of the articles, sorted.
    var languages: [String] {
        articlesByLanguage.keys.sorted()
    }

    /// The ordinals of the articles published in a period, as a range (ordinals run newest first).
    /// Days count from 1970-01-01 (see `DateValue.day`); `nil` leaves that end open. This is the run of
    /// articles whose date *starts* in the period; `articles(publishedFrom:through:)` adds the older
    /// month- or year-dated ones whose range reaches into it, as every filter must.
    func ordinals(publishedFrom firstDay: Int32?, through lastDay: Int32?) -> Range<Int32> {
        // Newest first: the range starts at the first article on or before `lastDay` and ends
        // before the first article earlier than `firstDay`.
        let start = lastDay.map { day in partitionPoint { $0.publishedAt.day <= day } } ?? 0
        let end = firstDay.map { day in partitionPoint { $0.publishedAt.day < day } } ?? articles.count
        return Int32(start)..<Int32(max(start, end))
    }

    /// The first index whose article satisfies `predicate`, which must be false then true along `articles`.
    private func partitionPoint(_ predicate: (Article) -> Bool) -> Int {
        var low = 0
        var high = articles.count
        while low < high {
            let middle = (low + high) / 2
            if predicate(articles[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
