import Foundation
import Logging

/// Loads a data directory (see `docs/data-format.md`) into a `CorpusSnapshot`, checking every
/// record and collecting every problem (up to `CorpusLoadError.limit`) instead of stopping at the
/// first. It never returns a partial corpus.
struct CorpusLoader: Sendable {
    /// The data files, in the order their bytes enter the dataset version.
    static let fileNames = ["dataset.json", "articles.ndjson", "entities.json", "trade-measures.json", "claims.json"]

    /// How many articles pass between progress messages.
    static let progressInterval = 100_000

    let directory: URL
    let gazetteer: GazetteerChoice
    let logger: Logger
    var errors = CorpusErrorLog()
    var fileHashes: [String: UInt64] = [:]
    var bytesRead = 0

    /// How many threads parse and index articles at most.
    static let maximumWorkers = 4

    /// How many threads loading uses: one per core, up to `maximumWorkers`.
    static var threadCount: Int {
        max(1, min(maximumWorkers, ProcessInfo.processInfo.activeProcessorCount))
    }

    // Entities: the valid ones sorted by id, and the ids references are checked against.
    var entities: [Entity] = []
    var entityDirectory = EntityDirectory(indexByID: [:], seenIDs: [], isUnreadable: true)
    /// Names of things that are not entities, from the gazetteer and `dataset.json`.
    var notEntities: [String] = []
    /// What merging the gazetteer did, if one was merged.
    var gazetteerReport: GazetteerReport?
    /// The hash of the gazetteer's bytes, which enters the dataset version.
    var gazetteerHash: UInt64?

    // Articles in file order, where their index data is, and the ids of the broken ones.
    var loadedArticles: [Article] = []
    var articleLoadIndexByID: [String: Int32] = [:]
    var articleLines: [Int32] = []
    var documentLocations: [DocumentLocation] = []
    var documentCounts = [Int32](repeating: 0, count: CorpusLoader.maximumWorkers)
    var brokenArticleIDs: Set<String> = []
    var articlesUnreadable = false

    /// Loads and validates the corpus in `directory`, with the entities of `gazetteer` merged
    /// into its own, or throws every problem found.
    static func load(
        from directory: URL, gazetteer: GazetteerChoice = .datasetDefault, logger: Logger
    ) throws(CorpusLoadError) -> CorpusSnapshot {
        var loader = CorpusLoader(directory: directory, gazetteer: gazetteer, logger: logger)
        return try loader.load()
    }

    private init(directory: URL, gazetteer: GazetteerChoice, logger: Logger) {
        self.directory = directory
        self.gazetteer = gazetteer
        self.logger = logger
    }

    private mutating func load() throws(CorpusLoadError) -> CorpusSnapshot {
        let clock = ContinuousClock()
        let start = clock.now
        logger.debug("loading corpus", metadata: ["directory": "\(directory.path)"])

        let dataset = loadDataset()
        notEntities = dataset?.notEntities ?? []
        loadEntities(gazetteer: gazetteerPath(datasetDefault: dataset?.gazetteer))
        let parts = errors.isFull ? [] : loadArticles(entities: entityDirectory)
        let measures = errors.isFull ? [] : loadMeasures()
        let claims = errors.isFull ? [] : loadClaims()
        guard errors.isEmpty else {
            logger.debug("corpus rejected", metadata: ["errors": "\(errors.errors.count)"])
            throw errors.loadError
        }

        logger.debug("records read and checked", metadata: ["seconds": "\(clock.now - start)"])
        let order = newestFirstOrder()
        let (textIndex, mentionIndex) = CorpusIndexBuilder.build(
            parts: parts, locations: documentLocations, order: order, entityCount: entities.count,
            threads: CorpusLoader.threadCount
        )
        logger.debug("indexes built", metadata: ["seconds": "\(clock.now - start)"])
        var articles = loadedArticles
        loadedArticles = []
        CorpusLoader.permute(&articles, into: order)
        let sortedMeasures = measures.sorted { left, right in
            switch (left.dateAnnounced?.day, right.dateAnnounced?.day) {
            case (let l?, let r?) where l != r: l < r
            case (_?, nil): true
            case (nil, _?): false
            default: left.id < right.id
            }
        }
        let snapshot = CorpusSnapshot(
            metadata: (
                version: datasetVersion(),
                name: dataset?.name ?? directory.lastPathComponent,
                description: dataset?.description,
                duration: clock.now - start,
                bytes: bytesRead,
                modifiedAt: dataModifiedAt()
            ),
            articles: articles,
            entities: entities,
            measures: sortedMeasures,
            claims: claims.sorted { $0.id < $1.id },
            textIndex: textIndex,
            mentionIndex: mentionIndex,
            gazetteer: gazetteerReport
        )
        logger.debug(
            "corpus loaded",
            metadata: [
                "articles": "\(snapshot.articleCount)", "entities": "\(snapshot.entityCount)",
                "measures": "\(snapshot.measureCount)", "claims": "\(snapshot.claimCount)",
                "terms": "\(snapshot.termCount)", "postings": "\(textIndex.postingCount)", "bytes": "\(bytesRead)",
                "seconds": "\(snapshot.loadDuration)", "version": "\(snapshot.version)",
            ])
        return snapshot
    }

    // MARK: Files

    /// The path of a data file.
    func path(of file: String) -> String {
        directory.appendingPathComponent(file).path
    }

    /// A whole data file, or `nil` if it is missing (reported if `required`) or unreadable (reported).
    mutating func readFile(_ file: String, required: Bool) -> [UInt8]? {
        var hasher = FNV1a64()
        do {
            let bytes = try DataFile.readAll(path(of: file), hasher: &hasher)
            record(file, hasher)
            return bytes
        } catch {
            if case .missing = error, !required { return nil }
            errors.report(CorpusError(file: file, message: error.description))
        }
        return nil
    }

    /// Notes a file's hash and size for the dataset version.
    mutating func record(_ file: String, _ hasher: FNV1a64) {
        fileHashes[file] = hasher.value
        bytesRead += hasher.byteCount
    }

    /// Parses a whole JSON file, reporting a syntax error with its line and column.
    mutating func parseJSON(_ bytes: [UInt8], file: String) -> JSONValue? {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            errors.report(CorpusError(file: file, line: error.line, column: error.column, message: error.message))
            return nil
        }
    }

    /// Reads a file that holds one JSON array of records: each element goes through `read`, has its
    /// id checked against the earlier ones (`record` names one in the message), then goes through
    /// `check` (references, names). Returns the valid records in file order and every id seen, or
    /// `nil` if the file is missing (reported if `required`) or is not a JSON array (reported).
    /// The elements of the JSON array in `file`, or `nil` (with the error reported) when it is missing
    /// though required, unreadable, not JSON or not an array.
    mutating func arrayElements(of file: String, required: Bool, naming records: String) -> [JSONValue]? {
        guard let bytes = readFile(file, required: required), let value = parseJSON(bytes, file: file) else { return nil }
        guard case .array(let elements) = value else {
            errors.report(
                CorpusError(file: file, line: 1, message: "expected an array of \(records), found \(value.kindDescription)"))
            return nil
        }
        return elements
    }

    /// The line an array element starts on (objects know theirs).
    static func line(of value: JSONValue) -> Int {
        if case .object(let object) = value { return object.line }
        return 1
    }

    mutating func loadRecords<Record>(
        of file: String, required: Bool, record: String, plural: String,
        read: (inout RecordReader, JSONValue) -> Record?,
        check: (inout CorpusLoader, Record, inout RecordReader) -> Void
    ) -> (records: [Record], ids: Set<String>)? {
        guard let elements = arrayElements(of: file, required: required, naming: plural) else { return nil }
        var records: [Record] = []
        var lineOfID: [String: Int] = [:]
        for element in elements {
            if errors.isFull { break }
            let line = CorpusLoader.line(of: element)
            var reader = RecordReader(file: file, line: line)
            let parsed = read(&reader, element)
            if let id = reader.recordID {
                if let first = lineOfID[id] {
                    reader.report("duplicate id: the \(record) on line \(first) has the same id", field: "id")
                } else {
                    lineOfID[id] = line
                }
            }
            if let parsed { check(&self, parsed, &reader) }
            errors.report(contentsOf: reader.errors)
            if reader.isValid, let parsed { records.append(parsed) }
        }
        return (records, Set(lineOfID.keys))
    }

    /// The latest modification time of the data files read, in Unix seconds.
    private func dataModifiedAt() -> Int64? {
        let dates = fileHashes.keys.compactMap { file in
            (try? FileManager.default.attributesOfItem(atPath: path(of: file)))?[.modificationDate] as? Date
        }
        return dates.max().map { Int64($0.timeIntervalSince1970.rounded(.down)) }
    }

    /// The dataset version: the files' hashes (and which are absent) combined in a fixed order.
    private func datasetVersion() -> String {
        var hasher = FNV1a64()
        for file in CorpusLoader.fileNames {
            hasher.update(file)
            if let hash = fileHashes[file] {
                hasher.update(1)
                hasher.update(hash)
            } else {
                hasher.update(0)
            }
        }
        if let gazetteerHash {
            hasher.update("gazetteer")
            hasher.update(gazetteerHash)
        }
        return hasher.hexDigits
    }

    // MARK: dataset.json

    private mutating func loadDataset() -> RecordReader.Dataset? {
        let file = "dataset.json"
        guard let bytes = readFile(file, required: false), let value = parseJSON(bytes, file: file) else { return nil }
        var reader = RecordReader(file: file, line: 1)
        let dataset = reader.readDataset(value)
        errors.report(contentsOf: reader.errors)
        return dataset
    }

    // MARK: Ordering

    /// The load indexes of the articles, newest first (publication day descending, then id ascending).
    private func newestFirstOrder() -> [Int32] {
        let days = loadedArticles.map(\.publishedAt.day)
        let ids = loadedArticles.map(\.id)
        var order = (0..<Int32(loadedArticles.count)).map { $0 }
        order.sort { left, right in
            let leftDay = days[Int(left)]
            let rightDay = days[Int(right)]
            return leftDay != rightDay ? leftDay > rightDay : ids[Int(left)] < ids[Int(right)]
        }
        return order
    }

    /// Rearranges `items` in place so that position `i` holds what was at `order[i]`.
    static func permute<Item>(_ items: inout [Item], into order: [Int32]) {
        var placed = [Bool](repeating: false, count: items.count)
        for start in 0..<items.count where !placed[start] {
            // Follow the cycle: position `current` takes the item from `order[current]`.
            var current = start
            while true {
                placed[current] = true
                let source = Int(order[current])
                if source == start { break }
                items.swapAt(current, source)
                current = source
            }
        }
    }
}
