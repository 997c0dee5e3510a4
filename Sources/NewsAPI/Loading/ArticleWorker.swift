/// Parses, checks and indexes its share of each batch of `articles.ndjson` lines. The loader runs
/// one per core at the same time; each keeps its own index part, merged once loading is done.
struct ArticleWorker {
    /// What one non-blank line came to.
    struct LineResult {
        /// The line's number.
        let line: Int
        /// The record's id, if it could be read.
        let recordID: String?
        /// The article, if the line is valid (it is then indexed, as the next document of this worker).
        let article: Article?
        /// What is wrong with the line.
        let errors: [CorpusError]
    }

    static let file = "articles.ndjson"

    /// The index part this worker builds.
    private(set) var indexer: ArticleIndexer
    /// The results of the last batch, in line order.
    private(set) var results: [LineResult] = []
    /// One placement and one dateline for each distinct one of this worker's articles.
    private var shared = SharedArticleFields()
    /// This worker's zstd context for compressing bodies.
    private let compression = TextCompressor.Context()
    /// How many of the first lines train the body compressor's dictionary (about 2 MB of bodies;
    /// 500 did as well as 2,000 on the generated corpus).
    private static let sampleLines = 1_000

    /// Creates a worker that links against `entities` (sorted by id) and the names of `notEntities`.
    init(entities: [Entity], notEntities: [String]) {
        indexer = ArticleIndexer(entities: entities, notEntities: notEntities)
    }

    /// Handles `lines`, byte ranges of `buffer`; the line at index `i` of the batch has number
    /// `firstLineNumber + i`.
    mutating func process(
        _ lines: ArraySlice<Range<Int>>,
        of buffer: UnsafeBufferPointer<UInt8>,
        firstLineNumber: Int,
        entities: EntityDirectory,
        compressor: TextCompressor
    ) {
        results.removeAll(keepingCapacity: true)
        for (offset, range) in zip(lines.indices, lines) {
            let line = UnsafeBufferPointer(rebasing: buffer[range])
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
            results.append(
                process(line, number: firstLineNumber + offset, entities: entities, compressor: compressor))
        }
    }

    private mutating func process(
        _ line: UnsafeBufferPointer<UInt8>, number: Int, entities: EntityDirectory, compressor: TextCompressor
    ) -> LineResult {
        let value: JSONValue
        do {
            value = try JSONParser.parse(line, firstLine: number)
        } catch {
            let syntaxError = CorpusError(
                file: ArticleWorker.file, line: error.line, column: error.column, message: error.message)
            return LineResult(line: number, recordID: nil, article: nil, errors: [syntaxError])
        }
        var reader = RecordReader(file: ArticleWorker.file, line: number)
        let article = reader.readArticle(value, sharing: &shared)
        var explicitEntities: [Int32] = []
        if let article {
            for (position, id) in article.explicitEntityIDs.enumerated() {
                if let entity = entities.reference(id, field: "entities[\(position)]", reader: &reader),
                    !explicitEntities.contains(entity)
                {
                    explicitEntities.append(entity)
                }
            }
        }
        guard reader.isValid, let read = article else {
            return LineResult(line: number, recordID: reader.recordID, article: nil, errors: reader.errors)
        }
        indexer.add(read, explicitEntities: explicitEntities)
        let stored = compact(read, compressor: compressor)
        return LineResult(line: number, recordID: stored.id, article: stored, errors: [])
    }

    /// The same article stored more compactly (its placement and dateline are already shared): a
    /// stated lede that is just the body's first paragraph dropped (`lede` gives it back), and the
    /// body after that paragraph compressed.
    private mutating func compact(_ article: Article, compressor: TextCompressor) -> Article {
        let lede = article.statedLede.flatMap { $0[...] == article.firstParagraph ? nil : $0 }
        return Article(article, lede: lede, compressor: compressor, context: compression)
    }

    /// A compressor for the bodies of articles like those on `lines` (byte ranges of `buffer`), its
    /// dictionary trained on what articles keep compressed (the body after its first paragraph) of
    /// the first of them, on up to `threads` threads. Lines that are not valid articles are skipped;
    /// the workers report them.
    static func compressor(
        trainedOn lines: ArraySlice<Range<Int>>, of buffer: UnsafeBufferPointer<UInt8>, threads: Int
    ) -> TextCompressor {
        var samples: [Substring.UTF8View] = []
        for range in lines.prefix(sampleLines) {
            guard let value = try? JSONParser.parse(UnsafeBufferPointer(rebasing: buffer[range]), firstLine: 1) else {
                continue
            }
            var reader = RecordReader(file: file, line: 1)
            guard let article = reader.readArticle(value) else { continue }
            let body = article.body.utf8
            samples.append(body[body.index(body.startIndex, offsetBy: article.firstParagraphUTF8.count)...])
        }
        return TextCompressor(trainingOn: samples, threads: threads)
    }

    /// Makes room for about `articles` more articles.
    mutating func reserve(articles: Int) {
        indexer.reserve(articles: articles, distinctTermsPerArticle: 200)
    }
}
