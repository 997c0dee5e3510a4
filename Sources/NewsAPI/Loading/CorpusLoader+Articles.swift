import Dispatch
import Foundation

extension CorpusLoader {
    /// Streams `articles.ndjson` a batch of lines at a time. Each batch is split between the
    /// workers, which parse, check and index their share at the same time; their results are then
    /// taken in line order, where duplicate ids are caught. Returns the workers' index parts.
    mutating func loadArticles(entities directory: EntityDirectory) -> [IndexedArticles] {
        let file = ArticleWorker.file
        let workerCount = CorpusLoader.threadCount
        var workers = (0..<workerCount).map { _ in ArticleWorker(entities: entities, notEntities: notEntities) }
        let fileSize = (try? FileManager.default.attributesOfItem(atPath: path(of: file))[.size] as? Int) ?? 0
        var hasher = FNV1a64()
        var reserved = false
        var compressor: TextCompressor?
        do {
            try DataFile.forEachBatchOfLines(path(of: file), hasher: &hasher) { buffer, lines, firstLineNumber in
                if !reserved {
                    // Guess the article count from the first batch, so the index arrays grow once.
                    reserved = true
                    let bytesPerLine = max(1, (lines.last?.upperBound ?? 1) / max(1, lines.count))
                    let expected = fileSize / bytesPerLine / workerCount + 16
                    for index in workers.indices { workers[index].reserve(articles: expected) }
                    let expectedArticles = fileSize / bytesPerLine + 16
                    loadedArticles.reserveCapacity(expectedArticles)
                    articleLoadIndexByID.reserveCapacity(expectedArticles)
                    articleLines.reserveCapacity(expectedArticles)
                    documentLocations.reserveCapacity(expectedArticles)
                }
                // The bodies' dictionary is trained on the first batch, before any worker needs it.
                let bodyCompressor = compressor ?? trainCompressor(on: lines[...], of: buffer)
                compressor = bodyCompressor
                let shares = CorpusLoader.split(lines, into: workerCount)
                workers.withUnsafeMutableBufferPointer { workers in
                    // Each iteration touches only its own worker, and the buffer is only read.
                    nonisolated(unsafe) let workers = workers
                    nonisolated(unsafe) let buffer = buffer
                    DispatchQueue.concurrentPerform(iterations: shares.count) { index in
                        workers[index].process(
                            lines[shares[index]], of: buffer, firstLineNumber: firstLineNumber, entities: directory,
                            compressor: bodyCompressor)
                    }
                }
                // Only the workers given a share of this batch have its results: a batch of one line
                // (the last line of a file without a final newline) goes to the first worker alone,
                // and the others still hold the previous batch's.
                for (part, worker) in workers.enumerated() where part < shares.count {
                    for result in worker.results {
                        take(result, fromPart: part)
                    }
                }
                return !errors.isFull
            }
            record(file, hasher)
        } catch {
            errors.report(CorpusError(file: file, message: error.description))
            articlesUnreadable = true
        }
        logger.debug("articles read", metadata: ["articles": "\(loadedArticles.count)", "workers": "\(workerCount)"])
        return workers.map { $0.indexer.finish() }
    }

    /// The compressor for this corpus's article bodies, trained on the first of `lines`.
    private func trainCompressor(on lines: ArraySlice<Range<Int>>, of buffer: UnsafeBufferPointer<UInt8>) -> TextCompressor {
        let start = ContinuousClock.now
        let compressor = ArticleWorker.compressor(trainedOn: lines, of: buffer, threads: CorpusLoader.threadCount)
        logger.debug(
            "body dictionary trained",
            metadata: ["bytes": "\(compressor.dictionarySize)", "duration": "\(ContinuousClock.now - start)"])
        return compressor
    }

    /// Files one worker result: its errors, or the article (after checking its id is new).
    private mutating func take(_ result: ArticleWorker.LineResult, fromPart part: Int) {
        errors.report(contentsOf: result.errors)
        if let id = result.recordID {
            if let first = articleLoadIndexByID[id] {
                errors.report(
                    CorpusError(
                        file: ArticleWorker.file, line: result.line, recordID: id, field: "id",
                        message: "duplicate id: the article on line \(articleLines[Int(first)]) has the same id"
                    ))
            } else if brokenArticleIDs.contains(id) {
                errors.report(
                    CorpusError(
                        file: ArticleWorker.file, line: result.line, recordID: id, field: "id",
                        message: "duplicate id: an earlier line has the same id"
                    ))
            }
        }
        guard let article = result.article else {
            if let id = result.recordID { brokenArticleIDs.insert(id) }
            return
        }
        if articleLoadIndexByID[article.id] == nil {
            articleLoadIndexByID[article.id] = Int32(loadedArticles.count)
        }
        articleLines.append(Int32(clamping: result.line))
        documentLocations.append(DocumentLocation(part: Int32(part), document: documentCounts[part]))
        documentCounts[part] += 1
        loadedArticles.append(article)
        if loadedArticles.count % CorpusLoader.progressInterval == 0 {
            logger.debug("loading articles", metadata: ["articles": "\(loadedArticles.count)", "line": "\(result.line)"])
        }
    }

    /// Splits `lines` into up to `count` consecutive shares of about equal bytes.
    static func split(_ lines: [Range<Int>], into count: Int) -> [Range<Int>] {
        guard count > 1, lines.count > 1 else { return [0..<lines.count] }
        let totalBytes = (lines.last?.upperBound ?? 0) - (lines.first?.lowerBound ?? 0)
        var shares: [Range<Int>] = []
        var start = 0
        for share in 1..<count {
            let target = (lines.first?.lowerBound ?? 0) + totalBytes * share / count
            var end = start
            while end < lines.count, lines[end].lowerBound < target { end += 1 }
            shares.append(start..<end)
            start = end
        }
        shares.append(start..<lines.count)
        return shares.filter { !$0.isEmpty }
    }
}
