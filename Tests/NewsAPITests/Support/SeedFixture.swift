import Foundation
import Logging

@testable import NewsAPI

/// The API over the bundled seed corpus (`data/seed`), loaded once and shared by every API suite,
/// with helpers that read answers the way a client does.
enum SeedAPI {
    /// A logger that drops everything.
    static let logger = Logger(label: "seed-api-tests") { _ in SwiftLogNoOpLogHandler() }

    /// The seed data directory.
    static let directory = repositoryRoot.appendingPathComponent("data/seed")

    /// The seed corpus as the API suites know it: its own 30 entities, without the world gazetteer
    /// that `dataset.json` names (`SeedGazetteerTests` loads it with the gazetteer, as the server does).
    private static let loaded: Result<Application, any Error> = Result {
        let snapshot = try CorpusSnapshot.load(from: directory, gazetteer: .none, logger: logger)
        return Application(snapshot: snapshot, openAPIDocument: try openAPIDocument(), logger: logger)
    }

    /// The application serving the seed corpus; throws if the corpus failed to load.
    static var application: Application {
        get throws { try loaded.get() }
    }

    /// Answers `target` (a path with an optional query; the path as the server passes it, decoded)
    /// with no socket.
    static func get(_ target: String, method: HTTPMethod = .get) throws -> APIReply {
        let response = try application.respond(to: Request(method: method, target: target))
        return APIReply(status: response.status.code, headers: response.headers, body: response.body)
    }

    /// The seed article lines, as the data file has them (id → decoded object).
    static func articleRecord(_ id: String) throws -> [String: Any]? {
        let text = try String(contentsOf: directory.appendingPathComponent("articles.ndjson"), encoding: .utf8)
        for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            if let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                object["id"] as? String == id
            {
                return object
            }
        }
        return nil
    }
}

/// What the API answered to one request: status, header fields and body.
struct APIReply {
    let status: Int
    let headers: HTTPHeaders
    let body: [UInt8]

    /// The media type of problem documents.
    static let problemType = "application/problem+json"
    /// The media type of JSON bodies.
    static let jsonType = "application/json; charset=utf-8"

    /// The value of a header field, ignoring case.
    func header(_ name: String) -> String? { headers[name] }

    /// The `Content-Type` header field.
    var contentType: String? { headers["Content-Type"] }

    /// The body as UTF-8 text.
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as a JSON object; throws when it is not one.
    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw APIReplyError.notAnObject(text)
        }
        return object
    }

    /// The `items` of a list envelope.
    func items() throws -> [[String: Any]] {
        try json()["items"] as? [[String: Any]] ?? []
    }

    /// The `id` of every item of a list envelope, in order.
    func ids() throws -> [String] {
        try items().compactMap { $0["id"] as? String }
    }

    /// The `name` of every `invalid_params` entry of a problem, in order.
    func invalidParamNames() throws -> [String] {
        (try json()["invalid_params"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }

    /// The `reason` given for the parameter `name`, if the problem names it.
    func invalidParamReason(_ name: String) throws -> String? {
        (try json()["invalid_params"] as? [[String: Any]] ?? []).first { $0["name"] as? String == name }?["reason"] as? String
    }
}

enum APIReplyError: Error {
    case notAnObject(String)
}

/// The text between two UTF-16 offsets of `text`, as the API's offsets and highlights count them.
func utf16Slice(_ text: String, _ start: Int, _ end: Int) -> String? {
    let units = Array(text.utf16)
    guard start >= 0, start <= end, end <= units.count else { return nil }
    return String(decoding: units[start..<end], as: UTF16.self)
}

/// Every UTF-16 range where `needle` occurs in `text`, compared case-insensitively.
func utf16Ranges(of needle: String, in text: String) -> [Range<Int>] {
    let haystack = text as NSString
    var ranges: [Range<Int>] = []
    var searchStart = 0
    while searchStart < haystack.length {
        let found = haystack.range(
            of: needle, options: [.caseInsensitive],
            range: NSRange(location: searchStart, length: haystack.length - searchStart))
        if found.location == NSNotFound { break }
        ranges.append(found.location..<(found.location + found.length))
        searchStart = found.location + max(found.length, 1)
    }
    return ranges
}

/// `text` with case and diacritics folded away, for comparing names the way the API does.
func folded(_ text: String) -> String {
    text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
}

/// The number of a `YYYY-MM-DD` day counted from 1970-01-01 (UTC), for date arithmetic in tests.
func dayNumber(_ isoDate: String) -> Int? {
    let parts = isoDate.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3 else { return nil }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    guard let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else { return nil }
    return Int((date.timeIntervalSince1970 / 86_400).rounded())
}

/// The day of the week of a `YYYY-MM-DD` day, 1 for Monday through 7 for Sunday (ISO 8601).
func isoWeekday(_ isoDate: String) -> Int? {
    dayNumber(isoDate).map { (($0 + 3) % 7 + 7) % 7 + 1 }
}
