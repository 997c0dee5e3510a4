import Foundation
import Logging
import Synchronization
import Testing

@testable import NewsAPI

/// What browsers, caches and operators see on the wire: validators and 304, gzip, CORS and
/// preflights, NDJSON export, metrics, and the admin reload.
@Suite struct LiveHTTPBehaviourTests {
    let application: Application

    init() throws {
        application = try SeedAPI.application
    }

    @Test func etagGivesNotModifiedWithNoBody() throws {
        try withLiveServer(application) { port in
            let client = try TestHTTPClient(port: port)
            let first = try client.request("GET", "/articles/d679149af95f4c6c")
            let etag = try #require(first.header("ETag"))
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""))
            #expect(first.header("Cache-Control") == "public, max-age=60")
            #expect(first.header("X-Content-Type-Options") == "nosniff")
            let second = try client.request("GET", "/articles/d679149af95f4c6c", headers: [("If-None-Match", etag)])
            #expect(second.status == 304)
            #expect(second.body.isEmpty)
            #expect(second.header("ETag") == etag)
            let other = try client.request("GET", "/articles/d679149af95f4c6c", headers: [("If-None-Match", "\"nope\"")])
            #expect(other.status == 200)
            // Lists have validators too, and a different list a different one.
            let list = try client.request("GET", "/articles?limit=2")
            #expect(list.header("ETag") != nil)
            #expect(list.header("ETag") != etag)
            #expect(
                try client.request("GET", "/articles?limit=2", headers: [("If-None-Match", list.header("ETag")!)]).status == 304)
        }
    }

    @Test func etagIsTheSameForTheSameDataAcrossInstances() throws {
        let again = Application(
            snapshot: try SeedAPI.application.snapshot, openAPIDocument: try openAPIDocument(),
            logger: Logger(label: "test"))
        let one = application.respond(to: Request(target: "/entities/vietnam")).headers["ETag"]
        let two = again.respond(to: Request(target: "/entities/vietnam")).headers["ETag"]
        #expect(one != nil)
        #expect(one == two)
    }

    @Test func gzipRoundTrip() throws {
        try withLiveServer(application) { port in
            let client = try TestHTTPClient(port: port)
            let plain = try client.request("GET", "/articles/d679149af95f4c6c")
            let zipped = try client.request("GET", "/articles/d679149af95f4c6c", headers: [("Accept-Encoding", "gzip, br")])
            #expect(zipped.header("Content-Encoding") == "gzip")
            #expect(zipped.header("Vary")?.contains("Accept-Encoding") == true)
            #expect(zipped.body.count < plain.body.count)
            #expect(Gzip.decompress(zipped.body) == plain.body)
            #expect(zipped.header("ETag") != plain.header("ETag"))
            let refused = try client.request("GET", "/articles/d679149af95f4c6c", headers: [("Accept-Encoding", "gzip;q=0")])
            #expect(refused.header("Content-Encoding") == nil)
            // Small bodies are not worth compressing.
            let small = try client.request("GET", "/healthz", headers: [("Accept-Encoding", "gzip")])
            #expect(small.header("Content-Encoding") == nil)
            // Lists made per request are compressed too.
            let list = try client.request("GET", "/articles", headers: [("Accept-Encoding", "gzip")])
            #expect(list.header("Content-Encoding") == "gzip")
            #expect(try JSONSerialization.jsonObject(with: Data(Gzip.decompress(list.body) ?? [])) is [String: Any])
        }
    }

    @Test func preflightAndCORSHeaders() throws {
        try withLiveServer(application) { port in
            let client = try TestHTTPClient(port: port)
            let preflight = try client.request(
                "OPTIONS", "/articles",
                headers: [
                    ("Origin", "https://dashboard.example"), ("Access-Control-Request-Method", "GET"),
                    ("Access-Control-Request-Headers", "If-None-Match"),
                ])
            #expect(preflight.status == 204)
            #expect(preflight.header("Access-Control-Allow-Origin") == "*")
            #expect(preflight.header("Access-Control-Allow-Methods") == "GET, HEAD")
            #expect(preflight.header("Access-Control-Allow-Headers")?.contains("If-None-Match") == true)
            #expect(preflight.header("Access-Control-Max-Age") == "86400")
            let get = try client.request("GET", "/articles?limit=1", headers: [("Origin", "https://dashboard.example")])
            #expect(get.header("Access-Control-Allow-Origin") == "*")
            let exposed = get.header("Access-Control-Expose-Headers") ?? ""
            #expect(exposed.contains("Link") && exposed.contains("ETag"))
            // Errors carry CORS too, so a browser can read them.
            #expect(try client.request("GET", "/nope").header("Access-Control-Allow-Origin") == "*")
        }
    }

    @Test func corsCanBeLimitedToListedOrigins() throws {
        let limited = Application(
            snapshot: try SeedAPI.application.snapshot, openAPIDocument: [],
            configuration: APIConfiguration(corsOrigins: ["https://ok.example"]),
            logger: Logger(label: "test"))
        let allowed = limited.respond(to: Request(target: "/healthz", headers: ["Origin": "https://ok.example"]))
        #expect(allowed.headers["Access-Control-Allow-Origin"] == "https://ok.example")
        #expect(allowed.headers["Vary"]?.contains("Origin") == true)
        let other = limited.respond(to: Request(target: "/healthz", headers: ["Origin": "https://evil.example"]))
        #expect(other.headers["Access-Control-Allow-Origin"] == nil)
    }

    @Test func ndjsonExportsEveryItemStreamed() throws {
        try withLiveServer(application) { port in
            let client = try TestHTTPClient(port: port)
            let reply = try client.request("GET", "/articles?format=ndjson&limit=2")
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type") == "application/x-ndjson")
            #expect(reply.header("Transfer-Encoding") == "chunked")
            #expect(reply.header("X-Total-Count") == "7")
            let lines = reply.text.split(separator: "\n")
            #expect(lines.count == 7)
            for line in lines {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                #expect(object?["id"] is String)
            }
            let byAccept = try TestHTTPClient(port: port).request(
                "GET", "/entities", headers: [("Accept", "application/x-ndjson")])
            #expect(byAccept.text.split(separator: "\n").count == 31)
        }
    }

    @Test func metricsCountRequestsByRoutePattern() throws {
        let metrics = APIMetrics()
        let application = Application(
            snapshot: try SeedAPI.application.snapshot, openAPIDocument: [], metrics: metrics,
            logger: Logger(label: "test"))
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0, threads: 2),
            observer: metrics.record, responder: application)
        let port = try server.start()
        defer { server.stop(grace: 1) }
        let client = try TestHTTPClient(port: port)
        _ = try client.request("GET", "/articles/d679149af95f4c6c")
        _ = try client.request("GET", "/articles/f82d3cef4f15fde1")
        _ = try client.request("GET", "/articles/d679149af95f4c6c")
        _ = try client.request("GET", "/no/such/path")
        let reply = try client.request("GET", "/metrics")
        #expect(reply.status == 200)
        #expect(reply.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        #expect(reply.header("Cache-Control") == "no-store")
        let text = reply.text
        #expect(text.contains(#"http_requests_total{route="/articles/{id}",method="GET",status="200"} 3"#))
        #expect(text.contains(#"http_requests_total{route="unmatched",method="GET",status="404"} 1"#))
        #expect(!text.contains("d679149af95f4c6c"))
        #expect(text.contains(#"http_request_duration_seconds_count{route="/articles/{id}"} 3"#))
        // The response cache: the article asked for twice hit once; every GET looked its answer up first
        // (the two articles, the unknown path, and /metrics itself, which is never kept).
        #expect(text.contains("news_api_response_cache_lookups_total{result=\"hit\"} 1\n"))
        #expect(text.contains("news_api_response_cache_lookups_total{result=\"miss\"} 4\n"))
        #expect(text.contains("news_api_response_cache_refusals_total 0\n"))
        #expect(text.contains("news_api_response_cache_entries 2\n"))
        #expect(text.contains("# TYPE news_api_response_cache_bytes gauge\nnews_api_response_cache_bytes "))
        #expect(text.contains(#"news_api_corpus_records{kind="articles"} 7"#))
        #expect(text.contains(#"news_api_dataset_info{version="\#(application.snapshot.version)"} 1"#))
    }

    @Test func adminReloadNeedsTheToken() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("news-api-reload-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: SeedAPI.directory, to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let token = "test-token-0123456789"
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let load: Application.Loader = { try CorpusSnapshot.load(from: directory, logger: logger) }
        let application = Application(
            snapshot: try load(), openAPIDocument: [],
            configuration: APIConfiguration(adminToken: token), loader: load, logger: logger)
        try withLiveServer(application) { port in
            let client = try TestHTTPClient(port: port)
            let bearer = [("Authorization", "Bearer \(token)")]
            /// Starts a reload and waits for `GET /admin/reload` to report it finished.
            func reloadAndWait() throws -> TestHTTPClient.Reply {
                let started = try client.request("POST", "/admin/reload", headers: bearer)
                #expect(started.status == 202)
                #expect(started.header("Location") == "/admin/reload")
                let deadline = ContinuousClock.now + .seconds(20)
                while ContinuousClock.now < deadline {
                    let status = try client.request("GET", "/admin/reload", headers: bearer)
                    if !status.text.contains(#""status":"running""#) { return status }
                    usleep(20_000)
                }
                Issue.record("the reload did not finish in 20 s")
                return started
            }
            let anonymous = try client.request("POST", "/admin/reload")
            #expect(anonymous.status == 401)
            #expect(anonymous.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
            #expect(try client.request("POST", "/admin/reload", headers: [("Authorization", "Bearer wrong")]).status == 401)
            #expect(try client.request("GET", "/admin/reload").status == 401)
            let idle = try client.request("GET", "/admin/reload", headers: bearer)
            #expect(idle.status == 200)
            #expect(idle.text.contains(#""status":"idle""#))
            let same = try reloadAndWait()
            #expect(same.text.contains(#""status":"unchanged""#))
            let before = application.snapshot.version

            // Bad data: the old snapshot keeps serving and the errors come back.
            let articles = directory.appendingPathComponent("articles.ndjson")
            let good = try Data(contentsOf: articles)
            try (good + Data("{\"id\": 1}\n".utf8)).write(to: articles)
            let bad = try reloadAndWait()
            #expect(bad.text.contains(#""status":"failed""#))
            #expect(bad.text.contains("articles.ndjson:8"))
            #expect(application.snapshot.version == before)
            #expect(try client.request("GET", "/healthz").status == 200)

            // Changed data: a new version.
            try (good + Data("\n".utf8)).write(to: articles)
            let dataset = directory.appendingPathComponent("dataset.json")
            try Data(#"{"name": "seed", "description": "Edited for the reload test."}"#.utf8).write(to: dataset)
            let changed = try reloadAndWait()
            #expect(changed.text.contains(#""status":"reloaded""#))
            #expect(application.snapshot.version != before)
            #expect(try client.request("GET", "/meta").text.contains("Edited for the reload test."))
        }
    }

    @Test func concurrentReloadsJoinTheOneRunningAndNothingWaits() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("news-api-reload-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: SeedAPI.directory, to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let token = "test-token-0123456789"
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let loads = Atomic<Int>(0)
        // A slow loader: each reload takes at least half a second.
        let load: Application.Loader = {
            loads.add(1, ordering: .relaxed)
            usleep(500_000)
            return try CorpusSnapshot.load(from: directory, logger: logger)
        }
        let application = Application(
            snapshot: try CorpusSnapshot.load(from: directory, logger: logger), openAPIDocument: [],
            configuration: APIConfiguration(adminToken: token), loader: load, logger: logger)
        try withLiveServer(application) { port in
            var statuses: [String] = []
            for _ in 0..<10 {
                let reply = try TestHTTPClient(port: port).request(
                    "POST", "/admin/reload", headers: [("Authorization", "Bearer \(token)")])
                #expect(reply.status == 202)
                statuses.append(reply.text)
            }
            #expect(statuses.filter { $0.contains(#""status":"started""#) }.count == 1, "\(statuses)")
            let started = ContinuousClock.now
            #expect(try TestHTTPClient(port: port).request("GET", "/healthz").status == 200)
            #expect(ContinuousClock.now - started < .milliseconds(300), "a plain request does not wait for the reload")
            usleep(900_000)
            #expect(loads.load(ordering: .relaxed) == 1, "ten asks while one runs make one reload")
        }
    }

    @Test func adminReloadIsAbsentWithoutAToken() {
        #expect(application.respond(to: Request(method: .post, target: "/admin/reload")).status == .notFound)
    }
}
