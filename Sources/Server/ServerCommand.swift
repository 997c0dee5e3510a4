import ArgumentParser
import Foundation
import Logging
import NewsAPI

#if canImport(Glibc)
    import Glibc
#endif

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

    @Option(
        help: ArgumentHelp(
            "Data directory holding the corpus (see docs/data-format.md). Default: data/seed in the working directory.",
            valueName: "dir"))
    var data: String?

    @Option(
        help: ArgumentHelp(
            """
            World gazetteer whose entities are merged with the corpus's own (see docs/data-format.md). \
            Default: the file the corpus's dataset.json names in "gazetteer" (the bundled corpus names \
            data/gazetteer/countries.json), else none; "none" turns it off.
            """,
            valueName: "file"))
    var gazetteer: String?

    @Option(
        help: ArgumentHelp(
            "A file to serve at /openapi.yaml instead of the contract built into the binary.",
            valueName: "file"))
    var openapi: String?

    @Option(help: "Worker threads (default: the number of cores), each polling its share of the connections.")
    var threads = HTTPServerConfiguration.coreCount

    @Option(help: "Seconds of inactivity before a connection is closed.")
    var connectionTimeout = 15

    @Option(help: "The most connections open at once; more are refused.")
    var maxConnections = 2048

    @Option(help: "The most connections open at once from one IP address (0: no limit).")
    var maxConnectionsPerIp = 512

    @Option(help: "Seconds a client has to send a whole request head, from connecting or from its previous answer.")
    var headerTimeout = 10

    @Option(help: "Bytes the request line and header fields may take; more get 431.")
    var maxHeaderBytes = 16 * 1024

    @Option(help: "Bytes the request target (path and query) may take; more get 414.")
    var maxUrlBytes = 8 * 1024

    @Option(help: "The most query parameters one request may have; more get 400.")
    var maxQueryParameters = 64

    @Option(help: "Seconds clients and caches may reuse a response (Cache-Control max-age).")
    var cacheMaxAge = 60

    @Option(help: "Megabytes of successful responses kept to be sent again without recomputing (0: none).")
    var responseCacheMb = 64

    @Option(
        name: .customLong("cors-origin"),
        help: "An origin allowed to read responses from a browser; repeat for several. Default: any origin (*).")
    var corsOrigins: [String] = []

    @Option(help: "Bearer token that enables POST /admin/reload. Without it the endpoint does not exist.")
    var adminToken: String?

    @Option(help: "Folder of the dashboard served at /dashboard/ (default: web, when there is one in the working directory).")
    var dashboard: String?

    @Flag(help: "Serve no dashboard.")
    var noDashboard = false

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
        guard headerTimeout >= 1 else { throw ValidationError("--header-timeout must be at least 1 second.") }
        guard (4096...1 << 20).contains(maxHeaderBytes) else {
            throw ValidationError("--max-header-bytes must be between 4096 and 1048576.")
        }
        guard (256...1 << 20).contains(maxUrlBytes) else {
            throw ValidationError("--max-url-bytes must be between 256 and 1048576.")
        }
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
        let openAPIDocument = try readOpenAPIDocument()
        try checkDataDirectory()
        let signals = SignalWaiter.blockingServerSignals()

        let snapshot: CorpusSnapshot
        do {
            snapshot = try load(logger: logger)
        } catch {
            logger.critical("the corpus in \(dataDirectory) cannot be served:\n\(error)")
            throw ExitCode.failure
        }

        let configuration = APIConfiguration(
            cacheMaxAge: cacheMaxAge, corsOrigins: corsOrigins.isEmpty ? ["*"] : corsOrigins,
            adminToken: adminToken, responseCacheBytes: responseCacheMb << 20,
            dashboard: loadDashboard(logger: logger))
        let command = self
        let application = Application(
            snapshot: snapshot, openAPIDocument: openAPIDocument, configuration: configuration,
            loader: { try command.load(logger: logger) }, logger: logger)
        let accessLogger = accessLog ? Logger(label: "news-api.access") : nil
        let metrics = application.metrics
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(
                host: host, port: port, threads: threads,
                connectionTimeoutSeconds: connectionTimeout,
                headerTimeoutSeconds: headerTimeout,
                connectionLimit: maxConnections,
                perIPConnectionLimit: maxConnectionsPerIp,
                maxHeaderBytes: maxHeaderBytes, maxURLBytes: maxUrlBytes,
                maxQueryParameters: maxQueryParameters),
            logger: logger,
            observer: { record in
                metrics.record(record)
                accessLogger?.info(
                    "\(record.accessLogLine)",
                    metadata: [
                        "route": "\(record.route)", "bytes": "\(record.bytes)",
                        "us":
                            "\(record.duration.components.seconds * 1_000_000 + record.duration.components.attoseconds / 1_000_000_000_000)",
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
                logger.info("received SIGHUP, reloading \(dataDirectory)")
                if !application.startReload() { logger.info("a reload is already running; SIGHUP joins it") }
                // The reload runs on its own thread, and the previous snapshot is freed when the last request on
                // it finishes; hand its pages back a little later. Measured at 100,000 articles: 399 MiB resident
                // after the first load, 771 after one reload either way, then 1,046 after a second reload without
                // this and 776 with it (the same after a third).
                DispatchQueue.global().asyncAfter(deadline: .now() + 10) { ServerCommand.returnFreedMemory() }
            case .stop(let signal):
                logger.info("received \(signal), stopping")
                server.stop(grace: 5)
                logger.info("stopped")
                return
            }
        }
    }
}

extension ServerCommand {
    /// Where the corpus is read from when `--data` is not given, relative to the working directory.
    static let defaultDataDirectory = "data/seed"

    /// The data directory: `--data`, else `data/seed` in the working directory.
    var dataDirectory: String { data ?? ServerCommand.defaultDataDirectory }

    /// The document served at `/openapi.yaml`: the `--openapi` file, else the contract built in.
    func readOpenAPIDocument() throws -> [UInt8] {
        guard let openapi else { return PackageResources.openapi_yaml }
        guard let contents = FileManager.default.contents(atPath: openapi) else {
            ServerCommand.fail("cannot read the OpenAPI document \(openapi); leave out --openapi to serve the one built in")
        }
        return Array(contents)
    }

    /// The dashboard's files: `--dashboard DIR`, else `web` in the working directory when it is there; none
    /// with `--no-dashboard`. A folder named with `--dashboard` that cannot be served stops the server.
    func loadDashboard(logger: Logger) -> DashboardResource? {
        if noDashboard { return nil }
        let folder = dashboard ?? ServerCommand.defaultDashboardDirectory
        if dashboard == nil, !FileManager.default.fileExists(atPath: folder) {
            logger.info("no dashboard: there is no \(folder) folder here (--dashboard DIR serves one)")
            return nil
        }
        do {
            let files = try DashboardResource(directory: URL(fileURLWithPath: folder))
            logger.info("serving the dashboard in \(folder) at /dashboard/")
            return files
        } catch {
            ServerCommand.fail("\(error); pass --dashboard DIR (a folder with index.html) or --no-dashboard")
        }
    }

    /// The dashboard served when `--dashboard` is not given, relative to the working directory.
    static let defaultDashboardDirectory = "web"

    /// Stops with one plain line when the data directory is not there, rather than a list of missing files.
    func checkDataDirectory() throws {
        var isDirectory: ObjCBool = false
        guard !FileManager.default.fileExists(atPath: dataDirectory, isDirectory: &isDirectory) || !isDirectory.boolValue else {
            return
        }
        let what = data == nil ? "" : ": no such directory"
        ServerCommand.fail(
            "no corpus at \(dataDirectory)\(what); pass --data DIR (a directory with articles.ndjson, "
                + "entities.json, trade-measures.json, ...; see docs/data-format.md)")
    }

    /// Writes `news-api: message` to standard error and exits 1: for a mistake in how the server was started,
    /// which one line explains.
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("news-api: \(message)\n".utf8))
        Foundation.exit(ExitCode.failure.rawValue)
    }

    /// Loads and checks the data directory, logging one line with its counts.
    func load(logger: Logger) throws(CorpusLoadError) -> CorpusSnapshot {
        let choice: GazetteerChoice =
            switch gazetteer {
            case nil: .datasetDefault
            case "none"?: .none
            case let path?: .file(path)
            }
        let snapshot = try CorpusSnapshot.load(from: URL(fileURLWithPath: dataDirectory), gazetteer: choice, logger: logger)
        let seconds =
            Double(snapshot.loadDuration.components.seconds)
            + Double(snapshot.loadDuration.components.attoseconds) / 1e18
        logger.info(
            "loaded \(dataDirectory)",
            metadata: [
                "articles": "\(snapshot.articleCount)", "entities": "\(snapshot.entityCount)",
                "trade_measures": "\(snapshot.measureCount)", "claims": "\(snapshot.claimCount)",
                "bytes": "\(snapshot.bytesLoaded)", "seconds": "\(seconds)", "version": "\(snapshot.version)",
            ])
        if let report = snapshot.gazetteer {
            logger.info(
                "merged gazetteer \(report.path)",
                metadata: [
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
    static func returnFreedMemory() {
        #if canImport(Glibc)
            typealias MallocTrim = @convention(c) (Int) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
            _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }
}

// swift-format-ignore: AvoidRetroactiveConformances
// Log levels are read from the command line; swift-log's type and ArgumentParser's protocol meet only here.
extension Logger.Level: @retroactive ExpressibleByArgument {}
