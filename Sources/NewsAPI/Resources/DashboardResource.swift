import Foundation

/// `/dashboard/`: the files of the dashboard that ships with the server, read once at boot and served
/// like any resource (ETag, gzip, caching), each with a `Content-Security-Policy` that lets a page load
/// and fetch only from this server.
package struct DashboardResource: Sendable {
    /// What goes wrong reading the dashboard's folder.
    package struct LoadError: Error, CustomStringConvertible {
        /// What went wrong, for the one line the server prints.
        package let description: String
    }

    /// The policy every dashboard file is sent with: scripts, styles, images and requests from this
    /// origin only, no plug-ins, no framing, no inline script.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    /// Each file's answer by its path under the folder (`index.html`, `views/entity.js`).
    private let files: [String: Response]

    /// Reads every file under `directory` (hidden ones and folders starting with `.` left out).
    package init(directory: URL) throws(LoadError) {
        let root = directory.standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LoadError(description: "no dashboard folder at \(directory.path)")
        }
        guard
            let walk = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey],
                options: [.skipsHiddenFiles])
        else {
            throw LoadError(description: "cannot read the dashboard folder \(directory.path)")
        }
        var files: [String: Response] = [:]
        for case let url as URL in walk {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(url.resolvingSymlinksInPath().path.dropFirst(root.path.count + 1))
            guard let contents = FileManager.default.contents(atPath: url.path) else {
                throw LoadError(description: "cannot read \(url.path)")
            }
            files[relative] = Response(status: .ok, headers: DashboardResource.headers(for: relative), body: Array(contents))
        }
        guard files["index.html"] != nil else {
            throw LoadError(description: "the dashboard folder \(directory.path) has no index.html")
        }
        self.files = files
    }

    /// The paths of the files served, under `/dashboard/`.
    var paths: [String] {
        files.keys.sorted()
    }

    /// Adds a route for the dashboard's page and one for each of its files.
    func addRoutes(to router: inout Router) {
        router.get("/dashboard", caching: .resource, use: page)
        for path in paths where path != "index.html" {
            let response = files[path]!
            router.get("/dashboard/" + path, caching: .resource) { request, _ in
                try QueryParameters(request.query).validate()
                return response
            }
        }
    }

    /// `GET /dashboard/`: the page; `/dashboard` without the slash is sent there, so the page's
    /// relative links resolve under `/dashboard/`.
    func page(_ request: Request, _ parameters: PathParameters) throws -> Response {
        guard request.path.hasSuffix("/") else {
            var response = Response(status: HTTPStatus(code: 301), headers: ["Location": "/dashboard/"])
            response.caching = .resource
            return response
        }
        // The page's own state lives in its query (views, filters), which the server does not read.
        return files["index.html"]!
    }

    private static func headers(for path: String) -> HTTPHeaders {
        let type: String
        switch path.split(separator: ".").last.map({ $0.lowercased() }) {
        case "html": type = "text/html; charset=utf-8"
        case "js", "mjs": type = "text/javascript; charset=utf-8"
        case "css": type = "text/css; charset=utf-8"
        case "json", "map": type = "application/json; charset=utf-8"
        case "svg": type = "image/svg+xml"
        case "png": type = "image/png"
        case "ico": type = "image/x-icon"
        case "txt", "md": type = "text/plain; charset=utf-8"
        case "woff2": type = "font/woff2"
        default: type = "application/octet-stream"
        }
        return ["Content-Type": type, "Content-Security-Policy": contentSecurityPolicy, "Referrer-Policy": "no-referrer"]
    }
}
