import Foundation
import Testing

@testable import NewsAPI

/// The dashboard's files: read once, served under `/dashboard/` with the API's validators and gzip, a
/// policy that allows only this origin, and the page at `/dashboard/` (the slash-less path sent there).
@Suite struct DashboardTests {
    /// A dashboard folder with a page, a script in a subfolder and a long stylesheet; removed by `body`'s end.
    private static func withFolder<T>(_ body: (URL) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("news-api-dashboard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("views"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("<!doctype html><title>news-api</title><script type=module src=app.js></script>".utf8)
            .write(to: folder.appendingPathComponent("index.html"))
        try Data("export const view = 'entity';".utf8).write(to: folder.appendingPathComponent("views/entity.js"))
        try Data(String(repeating: "body { margin: 0 }\n", count: 200).utf8).write(to: folder.appendingPathComponent("app.css"))
        try Data("secret".utf8).write(to: folder.appendingPathComponent(".env"))
        return try body(folder)
    }

    private static func application(_ dashboard: DashboardResource) throws -> Application {
        Application(
            snapshot: try SeedAPI.application.snapshot, openAPIDocument: [],
            configuration: APIConfiguration(dashboard: dashboard), logger: SeedAPI.logger)
    }

    @Test func servesThePageAndItsFilesWithThePolicy() throws {
        try Self.withFolder { folder in
            let dashboard = try DashboardResource(directory: folder)
            #expect(dashboard.paths == ["app.css", "index.html", "views/entity.js"], "hidden files are left out")
            let application = try Self.application(dashboard)
            try withLiveServer(application) { port in
                let client = try TestHTTPClient(port: port)
                let bare = try client.request("GET", "/dashboard")
                #expect(bare.status == 301)
                #expect(bare.header("Location") == "/dashboard/")
                let page = try client.request("GET", "/dashboard/")
                #expect(page.status == 200)
                #expect(page.header("Content-Type") == "text/html; charset=utf-8")
                #expect(page.header("Content-Security-Policy")?.contains("default-src 'self'") == true)
                #expect(page.header("ETag") != nil)
                #expect(page.text.contains("<title>news-api</title>"))
                let script = try client.request("GET", "/dashboard/views/entity.js")
                #expect(script.header("Content-Type") == "text/javascript; charset=utf-8")
                let etag = try #require(script.header("ETag"))
                #expect(try client.request("GET", "/dashboard/views/entity.js", headers: [("If-None-Match", etag)]).status == 304)
                let style = try client.request("GET", "/dashboard/app.css", headers: [("Accept-Encoding", "gzip")])
                #expect(style.header("Content-Encoding") == "gzip")
                #expect(try client.request("GET", "/dashboard/.env").status == 404)
                #expect(try client.request("GET", "/dashboard/missing.js").status == 404)
            }
        }
    }

    @Test func aFolderWithoutAPageIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("news-api-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: DashboardResource.LoadError.self) { try DashboardResource(directory: folder) }
        #expect(throws: DashboardResource.LoadError.self) {
            try DashboardResource(directory: folder.appendingPathComponent("nowhere"))
        }
    }

    @Test func withoutADashboardThereIsNoRoute() throws {
        #expect(try SeedAPI.application.respond(to: Request(target: "/dashboard/")).status == .notFound)
    }

    /// The dashboard in `web/` loads, and each of its files goes out with a content type a browser will run
    /// or render (a module script sent as `application/octet-stream` is refused under the policy).
    @Test func theBundledDashboardServesEveryFileWithItsType() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let dashboard = try DashboardResource(directory: root.appendingPathComponent("web"))
        let application = try Self.application(dashboard)
        #expect(dashboard.paths.contains("js/app.js"))
        for path in dashboard.paths {
            let response = application.respond(to: Request(target: "/dashboard/" + (path == "index.html" ? "" : path)))
            #expect(response.status == .ok, "\(path)")
            #expect(response.headers["Content-Type"].map { !$0.hasPrefix("application/octet-stream") } == true, "\(path)")
        }
    }
}
