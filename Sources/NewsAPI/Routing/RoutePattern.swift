/// A path pattern such as `/entities/{key}/articles`: literal segments and named parameters.
struct RoutePattern: Sendable, Equatable, CustomStringConvertible {
    /// One segment of a pattern.
    enum Segment: Sendable, Equatable {
        /// Text the path's segment must equal, as UTF-8 bytes.
        case literal([UInt8])
        /// A named parameter: any non-empty segment.
        case parameter(String)
    }

    let segments: [Segment]

    /// The pattern as written, which is also the route's label in metrics and logs.
    let description: String

    /// Parses a pattern; `{name}` marks a parameter segment.
    init(_ pattern: String) {
        description = pattern
        var text = pattern
        segments = text.withUTF8 { bytes in
            var pieces = PathSegments(bytes)
            var segments: [Segment] = []
            while let piece = pieces.next() { segments.append(Segment(piece)) }
            return segments
        }
    }

    /// The parameters if the path whose UTF-8 bytes are `path` matches this pattern, otherwise `nil`.
    func match(_ path: UnsafeBufferPointer<UInt8>) -> PathParameters? {
        var pathSegments = PathSegments(path)
        var parameters = PathParameters()
        for segment in segments {
            guard let given = pathSegments.next() else { return nil }
            switch segment {
            case .literal(let text):
                guard given.elementsEqual(text) else { return nil }
            case .parameter(let name):
                guard !given.isEmpty else { return nil }
                parameters.append(name, String(decoding: given, as: UTF8.self))
            }
        }
        guard pathSegments.next() == nil else { return nil }
        return parameters
    }

}

extension RoutePattern.Segment {
    /// The segment a pattern's piece spells: `{name}` is a parameter, anything else a literal.
    init(_ piece: Slice<UnsafeBufferPointer<UInt8>>) {
        if piece.count >= 2, piece.first == UInt8(ascii: "{"), piece.last == UInt8(ascii: "}") {
            self = .parameter(String(decoding: piece.dropFirst().dropLast(), as: UTF8.self))
        } else {
            self = .literal(Array(piece))
        }
    }
}

/// The segments of a path (or of a route pattern) read in place from its UTF-8 bytes: the leading `/`
/// starts the first, a trailing slash is ignored (`/articles/` is `/articles`), and empty segments
/// between slashes are kept. A path that does not start with `/` has none. Splitting is done on bytes,
/// not characters: a combining mark after `/` must not hide the separator.
struct PathSegments: IteratorProtocol {
    private let path: UnsafeBufferPointer<UInt8>
    /// Where the next segment starts.
    private var start: Int
    /// Where the last segment ends: before a trailing slash.
    private let end: Int

    /// The segments of `path`.
    init(_ path: UnsafeBufferPointer<UInt8>) {
        self.path = path
        start = 1
        guard path.first == UInt8(ascii: "/"), path.count > 1 else {
            end = 0
            return
        }
        end = path[path.count - 1] == UInt8(ascii: "/") ? path.count - 1 : path.count
    }

    /// How many segments the path has.
    var count: Int {
        guard start <= end else { return 0 }
        var slashes = 0
        for index in start..<end where path[index] == UInt8(ascii: "/") { slashes += 1 }
        return slashes + 1
    }

    /// The next segment's bytes, or `nil` after the last.
    mutating func next() -> Slice<UnsafeBufferPointer<UInt8>>? {
        guard start <= end else { return nil }
        var stop = start
        while stop < end, path[stop] != UInt8(ascii: "/") { stop += 1 }
        let segment = path[start..<stop]
        start = stop + 1
        return segment
    }
}
