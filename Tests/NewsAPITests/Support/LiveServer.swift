import Foundation
import Logging

@testable import NewsAPI

/// The repository's top folder, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Starts the real server on 127.0.0.1, port 0, runs `body` with its port, and always stops it.
func withLiveServer<T>(
    _ application: some HTTPResponder, threads: Int = 2, limits: HTTPServerLimits = HTTPServerLimits(),
    _ body: (Int) throws -> T
) throws -> T {
    var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0, threads: threads)
    limits.apply(to: &configuration)
    let server = HTTPServer(configuration: configuration, responder: application)
    let port = try server.start()
    defer { server.stop(grace: 1) }
    return try body(port)
}

/// The OpenAPI document of the repository, as the server serves it.
func openAPIDocument() throws -> [UInt8] {
    Array(try Data(contentsOf: repositoryRoot.appendingPathComponent("openapi.yaml")))
}

/// A responder made of a closure, for serving a bare router or a test double.
struct HandlerResponder: HTTPResponder {
    let handler: @Sendable (Request) -> Response

    init(_ handler: @escaping @Sendable (Request) -> Response) {
        self.handler = handler
    }

    func respond(to request: Request) -> Response {
        handler(request)
    }
}

/// Limits a live test sets on its server, beside the defaults.
struct HTTPServerLimits {
    var maxQueryParameters: Int?
    var maxURLBytes: Int?
    var maxHeaderBytes: Int?
    var headerTimeoutSeconds: Int?

    func apply(to configuration: inout HTTPServerConfiguration) {
        if let maxQueryParameters { configuration.maxQueryParameters = maxQueryParameters }
        if let maxURLBytes { configuration.maxURLBytes = maxURLBytes }
        if let maxHeaderBytes { configuration.maxHeaderBytes = maxHeaderBytes }
        if let headerTimeoutSeconds { configuration.headerTimeoutSeconds = headerTimeoutSeconds }
    }
}

/// Starts the seed corpus's application on 127.0.0.1, port 0, with every request recorded in its
/// `/metrics` as the real server does, runs `body` with the port, and always stops it.
func withMeteredSeedServer<T>(_ body: (Int) throws -> T) throws -> T {
    let metrics = APIMetrics()
    let application = Application(
        snapshot: try SeedAPI.application.snapshot, openAPIDocument: [], metrics: metrics, logger: SeedAPI.logger)
    let server = HTTPServer(
        configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0, threads: 2), observer: metrics.record,
        responder: application)
    let port = try server.start()
    defer { server.stop(grace: 1) }
    return try body(port)
}
