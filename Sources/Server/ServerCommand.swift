import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging
import NewsAPI

/// `news-api`: serves a news corpus as a read-only JSON API.
@main
struct ServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "news-api",
        abstract: "Serve a news corpus (articles, entities, trade measures) as a read-only HTTP JSON API.",
        discussion: """
            The corpus is loaded and indexed once at boot from --data; a bad corpus stops the server with \
            every error listed. SIGHUP (or POST /admin/reload with --admin-token) loads the data again and \
            swaps it in, keeping the old data if the new is bad. SIGINT or SIGTERM stops accepting \
            connections, lets requests in flight finish, and exits 0.
            """
    )

    @Option(help: "Numeric IPv4 or IPv6 address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "TCP port to listen on; 0 picks a free one.")
    var port = 8080

    @Option(help: "Data directory holding the corpus (see docs/data-format.md).")
    var data = "data/seed"

    @Option(help: ArgumentHelp(
        """
        World gazetteer whose entities are merged with the corpus's own (see docs/data-format.md). \
        Default: the file the corpus's dataset.json names in "gazetteer" (the bundled corpus names \
        data/gazetteer/countries.json), else none; "none" turns it off.
        """,
        valueName: "file"))
    var gazetteer: String?

    @Option(help: "The OpenAPI document served at /openapi.yaml.")
    var openapi = "openapi.yaml"

    @Option(help: "Worker threads (default: the number of cores). One thread uses poll, more use epoll with a pool.")
    var threads = HTTPServerConfiguration.coreCount

    @Option(help: "Seconds of inactivity before a connection is closed.")
    var connectionTimeout = 15

    @Option(help: "The most connections open at once; more are refused.")
    var maxConnections = 2048

    @Option(help: "The most connections open at once from one IP address (0: no limit).")
    var maxConnectionsPerIp = 512

    @Option(help: "Bytes a request line and headers may take; longer URLs get 414, longer headers 431.")
    var maxHeaderBytes = 32 * 1024

    @Option(help: "The most query parameters one request may have; more get 400.")
    var maxQueryParameters = 64

    @Option(help: "Seconds clients and caches may reuse a response (Cache-Control max-age).")
    var cacheMaxAge = 60

    @Option(help: "Megabytes of successful responses kept to be sent again without recomputing (0: none).")
    var responseCacheMb = 64

    @Option(name: .customLong("cors-origin"),
            help: "An origin allowed to read responses from a browser; repeat for several. Default: any origin (*).")
    var corsOrigins: [String] = []

    @Option(help: "Bearer token that enables POST /admin/reload. Without it the endpoint does not exist.")
    var adminToken: String?

    @Flag(help: "Log one line per request (method, path, route, status, bytes, microseconds).")
    var accessLog = false

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard (1...256).contains(threads) else { throw ValidationError("--threads must be between 1 and 256.") }
        guard connectionTimeout >= 1 else { throw ValidationError("--connection-timeout must be at least 1 second.") }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1.") }
        guard maxConnectionsPerIp >= 0 else { throw ValidationError("--max-connections-per-ip must not be negative.") }
        guard maxHeaderBytes >= 4096 else { throw ValidationError("--max-header-bytes must be at least 4096.") }
        guard maxQueryParameters >= 1 else { throw ValidationError("--max-query-parameters must be at least 1.") }
        guard cacheMaxAge >= 0 else { throw ValidationError("--cache-max-age must not be negative.") }
        guard (0...1 << 20).contains(responseCacheMb) else {
            throw ValidationError("--response-cache-mb must be between 0 and 1048576.")
        }
        if let adminToken, adminToken.utf8.count < 16 {
            throw ValidationError("--admin-token must be at least 16 characters.")
        }
    }

    func run() throws {
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "news-api")
        let signals = SignalWaiter.blockingServerSignals()

        let openAPIDocument: [UInt8]
        do {
            openAPIDocument = Array(try Data(contentsOf: URL(fileURLWithPath: openapi)))
        } catch {
            logger.critical("cannot read the OpenAPI document", metadata: ["path": "\(openapi)", "error": "\(error)"])
            throw ExitCode.failure
        }

        let snapshot: CorpusSnapshot
        do {
            snapshot = try load(logger: logger)
        } catch {
            logger.critical("the corpus in \(data) cannot be served:\n\(error)")
            throw ExitCode.failure
        }

        let configuration = APIConfiguration(cacheMaxAge: cacheMaxAge, corsOrigins: corsOrigins.isEmpty ? ["*"] : corsOrigins,
                                             adminToken: adminToken, maxQueryParameters: maxQueryParameters,
                                             responseCacheBytes: responseCacheMb << 20)
        let command = self
        let application = Application(snapshot: snapshot, openAPIDocument: openAPIDocument, configuration: configuration,
                                      loader: { try command.load(logger: logger) }, logger: logger)
        let accessLogger = accessLog ? Logger(label: "news-api.access") : nil
        let metrics = application.metrics
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(host: host, port: port, threads: threads,
                                                   connectionTimeoutSeconds: connectionTimeout,
                                                   connectionLimit: maxConnections,
                                                   perIPConnectionLimit: maxConnectionsPerIp,
                                                   connectionMemoryLimit: maxHeaderBytes),
            logger: logger,
            observer: { record in
                metrics.record(record)
                accessLogger?.info("\(record.method) \(record.path) \(record.status.code)", metadata: [
                    "route": "\(record.route)", "bytes": "\(record.bytes)",
                    "us": "\(record.duration.components.seconds * 1_000_000 + record.duration.components.attoseconds / 1_000_000_000_000)",
                ])
            },
            responder: application)
        let boundPort: Int
        do {
            boundPort = try server.start()
        } catch {
            logger.critical("\(error)")
            throw ExitCode.failure
        }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        logger.info("listening on http://\(shownHost):\(boundPort)", metadata: ["port": "\(boundPort)", "threads": "\(threads)"])

        while true {
            switch signals.next() {
            case .reload:
                logger.info("received SIGHUP, reloading \(data)")
                _ = application.reload()
            case let .stop(signal):
                logger.info("received \(signal), stopping")
                server.stop(grace: 5)
                logger.info("stopped")
                return
            }
        }
    }
}

extension ServerCommand {
    /// Loads and checks the data directory, logging one line with its counts.
    func load(logger: Logger) throws(CorpusLoadError) -> CorpusSnapshot {
        let choice: GazetteerChoice = switch gazetteer {
        case nil: .datasetDefault
        case "none"?: .none
        case let path?: .file(path)
        }
        let snapshot = try CorpusSnapshot.load(from: URL(fileURLWithPath: data), gazetteer: choice, logger: logger)
        let seconds = Double(snapshot.loadDuration.components.seconds)
            + Double(snapshot.loadDuration.components.attoseconds) / 1e18
        logger.info("loaded \(data)", metadata: [
            "articles": "\(snapshot.articleCount)", "entities": "\(snapshot.entityCount)",
            "trade_measures": "\(snapshot.measureCount)", "claims": "\(snapshot.claimCount)",
            "bytes": "\(snapshot.bytesLoaded)", "seconds": "\(seconds)", "version": "\(snapshot.version)",
        ])
        if let report = snapshot.gazetteer {
            logger.info("merged gazetteer \(report.path)", metadata: [
                "entities_added": "\(report.entitiesAdded)", "not_entities": "\(report.notEntities)",
                "clashes": "\(report.clashes.count)",
            ])
            for clash in report.clashes {
                logger.notice("gazetteer clash: \(clash)")
            }
        }
        ServerCommand.returnFreedMemory()
        return snapshot
    }

    /// Loading frees much of what it allocated (parsed lines, per-core index parts), but glibc keeps
    /// freed pages resident; `malloc_trim` hands them back. Looked up at run time: it is glibc's own,
    /// not part of the C library Swift imports.
    private static func returnFreedMemory() {
        #if canImport(Glibc)
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
