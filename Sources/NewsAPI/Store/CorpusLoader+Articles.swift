extension CorpusLoader {
    /// Streams `articles.ndjson` a chunk at a time: parses, checks and indexes each line as it goes.
    mutating func loadArticles(into indexer: inout ArticleIndexer) {
        let file = "articles.ndjson"
        var hasher = FNV1a64()
        var lineCount = 0
        do {
            try DataFile.forEachLine(path(of: file), hasher: &hasher) { line, number in
                lineCount = number
                loadArticleLine(line, number: number, file: file, into: &indexer)
                return !errors.isFull
            }
            record(file, hasher)
        } catch {
            errors.report(CorpusError(file: file, message: error.description))
            articlesUnreadable = true
        }
        logger.debug("articles read", metadata: ["articles": "\(loadedArticles.count)", "lines": "\(lineCount)"])
    }

    /// Handles one line: blank lines are skipped; anything else must be a valid article.
    private mutating func loadArticleLine(_ line: UnsafeBufferPointer<UInt8>, number: Int, file: String, into indexer: inout ArticleIndexer) {
        guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
        let value: JSONValue
        do {
            value = try JSONParser.parse(line, firstLine: number)
        } catch {
            errors.report(CorpusError(file: file, line: error.line, column: error.column, message: error.message))
            return
        }
        var reader = RecordReader(file: file, line: number)
        let article = reader.readArticle(value)
        var explicitEntities: [Int32] = []
        if let article {
            for (position, id) in article.explicitEntityIDs.enumerated() {
                if let entity = entityReference(id, field: "entities[\(position)]", reader: &reader),
                   !explicitEntities.contains(entity) {
                    explicitEntities.append(entity)
                }
            }
        }
        if let id = reader.recordID, let first = articleLoadIndexByID[id] {
            reader.report("duplicate id: the article on line \(articleLines[Int(first)]) has the same id", field: "id")
        } else if let id = reader.recordID, brokenArticleIDs.contains(id) {
            reader.report("duplicate id: an earlier line has the same id", field: "id")
        }
        errors.report(contentsOf: reader.errors)
        guard reader.isValid, let article else {
            if let id = reader.recordID { brokenArticleIDs.insert(id) }
            return
        }
        articleLoadIndexByID[article.id] = Int32(loadedArticles.count)
        articleLines.append(Int32(clamping: number))
        loadedArticles.append(article)
        indexer.add(article, explicitEntities: explicitEntities)
        if loadedArticles.count % CorpusLoader.progressInterval == 0 {
            logger.debug("loading articles", metadata: ["articles": "\(loadedArticles.count)", "line": "\(number)"])
        }
    }

    // MARK: References

    /// The index of the entity `id` refers to; reports an unknown id (unless the entity itself was
    /// broken or `entities.json` could not be read, which is already reported).
    mutating func entityReference(_ id: String, field: String, reader: inout RecordReader) -> Int32? {
        if let index = entityIndexByID[id] { return index }
        if !entitiesUnreadable, !seenEntityIDs.contains(id) {
            reader.report("unknown entity \"\(id)\"", field: field)
        }
        return nil
    }

    /// The article `id` refers to; reports an unknown id (unless that article was broken or the
    /// articles could not be read).
    mutating func articleReference(_ id: String, field: String, reader: inout RecordReader) -> Article? {
        if let index = articleLoadIndexByID[id] { return loadedArticles[Int(index)] }
        if !articlesUnreadable, !brokenArticleIDs.contains(id) {
            reader.report("unknown article \"\(id)\"", field: field)
        }
        return nil
    }

    /// Checks that `quote` appears word for word in the article's title or body.
    func checkQuote(_ quote: String, in article: Article, field: String, reader: inout RecordReader) {
        if !ByteSearch.contains(article.body, quote) && !ByteSearch.contains(article.title, quote) {
            reader.report("quote does not appear in the title or body of article \"\(article.id)\"", field: field)
        }
    }
}
