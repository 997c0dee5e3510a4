/// gzip for clients that accept it: a successful body longer than `threshold` is compressed (once and
/// at the best level for a single resource, fast for a list) and its ETag marked `-gzip`, and every
/// such answer says `Vary: Accept-Encoding`. Answers marked `no-store` (metrics, admin) and streamed
/// exports are left alone.
struct Compression: HTTPMiddleware {
    /// Bodies at most this long are sent as they are: gzip would save too little.
    static let threshold = 1024

    func respond(to request: Request, next: (Request) -> Response) -> Response {
        var response = next(request)
        guard response.status == .ok, response.stream == nil, response.body.count > Compression.threshold,
            !Compression.forbidsStoring(response.headers["Cache-Control"])
        else { return response }
        response.headers.add("Vary", "Accept-Encoding")
        guard Compression.acceptsGzip(request.headers["Accept-Encoding"]),
            let compressed = Gzip.compress(response.body, level: response.caching == .resource ? .best : .fast)
        else { return response }
        response.body = compressed
        response.headers.set("Content-Encoding", "gzip")
        if let etag = response.headers["ETag"], etag.hasSuffix("\"") {
            response.headers.set("ETag", String(etag.dropLast()) + "-gzip\"")
        }
        return response
    }

    /// Whether a `Cache-Control` value has `no-store` in it, byte for byte.
    private static func forbidsStoring(_ cacheControl: String?) -> Bool {
        guard var cacheControl else { return false }
        let directive: StaticString = "no-store"
        return cacheControl.withUTF8 { value in
            directive.withUTF8Buffer { directive in
                guard value.count >= directive.count else { return false }
                return (0...value.count - directive.count).contains { start in
                    value[start..<start + directive.count].elementsEqual(directive)
                }
            }
        }
    }

    /// Whether an `Accept-Encoding` field allows gzip (a `q=0` refuses it): a coding `gzip` or `*`,
    /// any case, whose parameters have no `q=0`, `q=0.0`, `q=0.00` or `q=0.000`. An ASCII field is read
    /// in place, with no copy; any other is read by characters, where a combining mark joins the
    /// separator before it.
    static func acceptsGzip(_ accepted: String?) -> Bool {
        guard var accepted else { return false }
        let read = accepted.withUTF8 { bytes in
            bytes.allSatisfy { $0 < 0x80 } ? AcceptEncoding(bytes).acceptsGzip : nil
        }
        return read ?? acceptsGzip(characters: accepted)
    }

    /// `acceptsGzip` read by characters, for fields that are not ASCII.
    private static func acceptsGzip(characters accepted: String) -> Bool {
        accepted.split(separator: ",").contains { coding in
            let parts = coding.split(separator: ";").map { $0.trimmingCharacters(in: " \t").lowercased() }
            guard parts.first == "gzip" || parts.first == "*" else { return false }
            return !parts.dropFirst().contains { $0 == "q=0" || $0 == "q=0.0" || $0 == "q=0.00" || $0 == "q=0.000" }
        }
    }
}

/// An ASCII `Accept-Encoding` field read in place: codings split at `,`, each split at `;` into its
/// name and parameters, empty pieces skipped and each piece trimmed of spaces and tabs, as
/// `Compression.acceptsGzip` reads them.
private struct AcceptEncoding {
    /// The field's bytes.
    let field: UnsafeBufferPointer<UInt8>

    /// Reads `field`, which must be ASCII.
    init(_ field: UnsafeBufferPointer<UInt8>) {
        self.field = field
    }

    /// Whether a coding is `gzip` or `*` with no zero quality.
    var acceptsGzip: Bool {
        var start = 0
        while start <= field.count {
            let end = field[start...].firstIndex(of: UInt8(ascii: ",")) ?? field.count
            if end > start, AcceptEncoding.acceptsGzip(coding: field[start..<end]) { return true }
            start = end + 1
        }
        return false
    }

    /// Whether one coding, `name;parameter;...`, is `gzip` or `*` with no zero quality.
    private static func acceptsGzip(coding: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var hasName = false
        var start = coding.startIndex
        while start <= coding.endIndex {
            let end = coding[start...].firstIndex(of: UInt8(ascii: ";")) ?? coding.endIndex
            if end > start {
                let part = trimmed(coding[start..<end])
                if !hasName {
                    guard equalsIgnoringCase(part, "gzip") || equalsIgnoringCase(part, "*") else { return false }
                    hasName = true
                } else if isZeroQuality(part) {
                    return false
                }
            }
            start = end + 1
        }
        return hasName
    }

    /// `piece` without leading and trailing spaces and tabs.
    private static func trimmed(_ piece: Slice<UnsafeBufferPointer<UInt8>>) -> Slice<UnsafeBufferPointer<UInt8>> {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = piece.firstIndex(where: { !isBlank($0) }), let last = piece.lastIndex(where: { !isBlank($0) })
        else { return piece[piece.startIndex..<piece.startIndex] }
        return piece[first...last]
    }

    /// Whether a parameter is `q=0`, `q=0.0`, `q=0.00` or `q=0.000` (`Q` in either case).
    private static func isZeroQuality(_ parameter: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        ["q=0", "q=0.0", "q=0.00", "q=0.000"].contains { equalsIgnoringCase(parameter, $0) }
    }

    /// Whether `bytes` spell `text` (an ASCII literal) with letters in any case.
    private static func equalsIgnoringCase(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ text: StaticString) -> Bool {
        guard bytes.count == text.utf8CodeUnitCount else { return false }
        return text.withUTF8Buffer { expected in
            zip(bytes, expected).allSatisfy { given, wanted in
                given == wanted || (wanted >= UInt8(ascii: "a") && wanted <= UInt8(ascii: "z") && given | 0x20 == wanted)
            }
        }
    }
}
