/// Validators and freshness for successful answers: an `ETag` from the snapshot's version and the
/// body, `Last-Modified` from the data files, and `Cache-Control: public, max-age=N`. An answer that
/// sets its own `Cache-Control` (metrics, admin) and streamed exports get none.
struct Validators: HTTPMiddleware {
    /// The snapshot's version: equal data gives equal tags on every replica.
    let version: String
    /// The data's last change as an HTTP date, if known.
    let lastModified: String?
    /// Seconds clients and shared caches may reuse an answer.
    let maxAge: Int
    /// The `Cache-Control` value, written once.
    private let cacheControl: String
    /// The tag's hash, seeded with the version, so an answer adds only its body.
    private let tagHash: EntityTagHash

    init(version: String, lastModified: String?, maxAge: Int) {
        self.version = version
        self.lastModified = lastModified
        self.maxAge = maxAge
        cacheControl = "public, max-age=\(maxAge)"
        var versionHash = FNV1a64()
        versionHash.update(version)
        tagHash = EntityTagHash(seed: versionHash.value)
    }

    func respond(to request: Request, next: (Request) -> Response) -> Response {
        var response = next(request)
        guard response.status == .ok, response.stream == nil, response.headers["Cache-Control"] == nil else {
            return response
        }
        response.headers.set("Cache-Control", cacheControl)
        if let lastModified { response.headers.set("Last-Modified", lastModified) }
        let tag = response.body.withUnsafeBytes { tagHash.value(of: $0) }
        response.headers.set("ETag", FNV1a64.quotedHexDigits(of: tag))
        return response
    }
}

/// The hash in an answer's entity tag: four FNV-1a lanes over the body, each taking every fourth
/// little-endian eight-byte word, so that one lane's multiplications need not wait for another's (one
/// lane would make the hash cost several times more); what is left after the last 32-byte block goes to
/// the first lane, and the lanes and the length are then folded into one value.
///
/// Equal seeds and bodies give equal values on every replica, and a change to any one byte changes it.
struct EntityTagHash: Sendable {
    /// Where every lane starts (each offset by its number): the hash of what else the tag depends on.
    let seed: UInt64

    private static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// The hash of `body`.
    func value(of body: UnsafeRawBufferPointer) -> UInt64 {
        var first = seed
        var second = seed ^ 1
        var third = seed ^ 2
        var fourth = seed ^ 3
        var index = 0
        if let base = body.baseAddress {
            let word = { (offset: Int) in UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
            while index + 32 <= body.count {
                first = EntityTagHash.mix(first, word(index))
                second = EntityTagHash.mix(second, word(index + 8))
                third = EntityTagHash.mix(third, word(index + 16))
                fourth = EntityTagHash.mix(fourth, word(index + 24))
                index += 32
            }
            while index + 8 <= body.count {
                first = EntityTagHash.mix(first, word(index))
                index += 8
            }
        }
        if index < body.count {
            var last: UInt64 = 0
            for (position, byte) in body[index...].enumerated() { last |= UInt64(byte) << (8 * UInt64(position)) }
            first = EntityTagHash.mix(first, last)
        }
        first = EntityTagHash.mix(first, second)
        first = EntityTagHash.mix(first, third)
        first = EntityTagHash.mix(first, fourth)
        return EntityTagHash.mix(first, UInt64(body.count))
    }

    /// One FNV-1a step over a word.
    @inline(__always)
    private static func mix(_ state: UInt64, _ word: UInt64) -> UInt64 {
        (state ^ word) &* prime
    }
}
