/// A 64-bit FNV-1a hash that takes input eight bytes at a time (a little-endian word per step), so
/// hashing gigabytes of corpus costs little. The result depends only on the bytes, not on how they
/// were split into calls.
struct FNV1a64: Sendable {
    private static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01B3

    private var state = FNV1a64.offsetBasis
    private var pending: UInt64 = 0
    private var pendingCount = 0
    private(set) var byteCount = 0

    /// Starts a hash.
    init() {}

    /// Adds bytes.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        byteCount += bytes.count
        var index = 0
        while pendingCount > 0, pendingCount < 8, index < bytes.count {
            pending |= UInt64(bytes[index]) << (8 * UInt64(pendingCount))
            pendingCount += 1
            index += 1
        }
        if pendingCount == 8 {
            mix(pending)
            pending = 0
            pendingCount = 0
        }
        if let base = bytes.baseAddress {
            while index + 8 <= bytes.count {
                mix(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
                index += 8
            }
        }
        while index < bytes.count {
            pending |= UInt64(bytes[index]) << (8 * UInt64(pendingCount))
            pendingCount += 1
            index += 1
        }
    }

    /// Adds the bytes of an array.
    mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Adds a string's UTF-8 bytes and a terminating zero byte.
    mutating func update(_ text: String) {
        update(Array(text.utf8) + [0])
    }

    /// Adds a 64-bit integer.
    mutating func update(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { update($0) }
    }

    @inline(__always)
    private mutating func mix(_ word: UInt64) {
        state = (state ^ word) &* FNV1a64.prime
    }

    /// The hash of everything added (the byte count and any trailing partial word included).
    var value: UInt64 {
        var copy = self
        if copy.pendingCount > 0 {
            copy.mix(copy.pending)
        }
        copy.mix(UInt64(byteCount))
        return copy.state
    }

    /// The hash as 16 lowercase hex digits.
    var hexDigits: String {
        String(unsafeUninitializedCapacity: 16) { FNV1a64.writeHexDigits(of: value, into: $0) }
    }

    /// The hash as 16 lowercase hex digits in double quotes: an entity tag.
    var quotedHexDigits: String {
        FNV1a64.quotedHexDigits(of: value)
    }

    /// `value` as 16 lowercase hex digits in double quotes: an entity tag.
    static func quotedHexDigits(of value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 18) { buffer in
            buffer[0] = UInt8(ascii: "\"")
            buffer[17] = UInt8(ascii: "\"")
            return 2 + writeHexDigits(of: value, into: UnsafeMutableBufferPointer(rebasing: buffer[1..<17]))
        }
    }

    /// Writes `value`'s 16 hex digits, most significant first, into `buffer`; returns 16.
    private static func writeHexDigits(of value: UInt64, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let digits: StaticString = "0123456789abcdef"
        var remaining = value
        digits.withUTF8Buffer { digits in
            for index in (0..<16).reversed() {
                buffer[index] = digits[Int(remaining & 0xF)]
                remaining >>= 4
            }
        }
        return 16
    }
}
