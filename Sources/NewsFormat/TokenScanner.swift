/// Walks UTF-8 text token by token, folding each token as it goes (the engine behind `Tokenizer`).
///
/// A token that folding leaves unchanged (lowercase ASCII, the common case) is handed out as a
/// slice of the text itself; others are folded into a private buffer. The folded bytes stay valid
/// until the next call to `next`.
///
/// The indexer calls it for every word of the corpus through `Tokenizer.scan`, in this module, where
/// `next()` inlines into the loop; calls from other modules do not inline it, although the scanning
/// path is `@inlinable` (and what it touches `@usableFromInline`).
package struct TokenScanner: ~Copyable {
    @usableFromInline let text: UnsafeBufferPointer<UInt8>
    @usableFromInline var position = 0
    /// UTF-8 bytes minus UTF-16 units before `position`: what turns byte offsets into UTF-16 offsets.
    @usableFromInline var utf16Delta = 0
    @usableFromInline var buffer: UnsafeMutablePointer<UInt8>
    @usableFromInline var capacity: Int
    @usableFromInline var bufferCount = 0
    @usableFromInline var folding = false

    /// Where the current token is.
    @usableFromInline package internal(set) var span = TokenSpan(byteStart: 0, byteEnd: 0, utf16Start: 0, utf16End: 0)

    /// Prepares to scan valid UTF-8 `text`.
    @inlinable package init(_ text: UnsafeBufferPointer<UInt8>) {
        self.text = text
        capacity = 64
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        buffer.deallocate()
    }

    /// The current token's folded bytes; valid until the next call to `next`.
    @inlinable package var folded: UnsafeBufferPointer<UInt8> {
        folding
            ? UnsafeBufferPointer(start: buffer, count: bufferCount)
            : UnsafeBufferPointer(rebasing: text[span.byteStart..<span.byteEnd])
    }

    /// Moves to the next token; `false` at the end of the text.
    @inlinable @inline(__always)
    package mutating func next() -> Bool {
        guard let base = text.baseAddress else { return false }
        let count = text.count
        var position = self.position
        var delta = utf16Delta
        defer {
            self.position = position
            utf16Delta = delta
        }

        while true {
            // Skip separators (and combining marks with no letter before them).
            while true {
                guard position < count else { return false }
                let byte = base[position]
                if byte < 0x80 {
                    if byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 || byte &- UInt8(ascii: "A") < 26 {
                        break
                    }
                    position += 1
                    continue
                }
                let (scalar, length) = TokenScanner.decodeScalar(text, at: position)
                if TokenScanner.role(of: scalar) == .character { break }
                position += length
                delta += length == 4 ? 2 : length - 1
            }

            let start = position
            let startDelta = delta
            var folding = false
            while position < count {
                // Most words are lowercase ASCII: step over them eight bytes at a time.
                if !folding, position + 8 <= count {
                    let run = TokenScanner.plainPrefixLength(UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
                    position += run
                    if run == 8 { continue }
                }
                let byte = base[position]
                if byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 {
                    if folding { append(byte) }
                    position += 1
                    continue
                }
                if byte &- UInt8(ascii: "A") < 26 {
                    if !folding {
                        folding = true
                        appendSource(start..<position)
                    }
                    append(byte | 0x20)
                    position += 1
                    continue
                }
                if byte < 0x80 { break }
                let (scalar, length) = TokenScanner.decodeScalar(text, at: position)
                let role = TokenScanner.role(of: scalar)
                if role == .separator { break }
                if !folding {
                    folding = true
                    appendSource(start..<position)
                }
                if role == .character { appendFolded(scalar) }
                position += length
                delta += length == 4 ? 2 : length - 1
            }
            self.folding = folding
            span = TokenSpan(byteStart: start, byteEnd: position, utf16Start: start - startDelta, utf16End: position - delta)
            // Letters that fold to nothing (rare) make no token.
            if !folding || bufferCount > 0 { return true }
        }
    }

    /// How many of the eight bytes in `word` (in memory order), from the first, are lowercase ASCII
    /// letters or digits: the bytes a token takes unchanged.
    ///
    /// Each byte's top bit is set by adding a constant when the byte is at least the bottom of a range,
    /// and cleared when it is past the top. An ASCII byte never carries into the next one; a byte of
    /// 0x80 or more can, but only into later bytes, and it ends the prefix itself.
    @inlinable @inline(__always)
    package static func plainPrefixLength(_ word: UInt64) -> Int {
        let bytes = UInt64(littleEndian: word)
        let high: UInt64 = 0x8080_8080_8080_8080
        let letters = (bytes &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(bytes &+ 0x0505_0505_0505_0505)
        let digits = (bytes &+ 0x5050_5050_5050_5050) & ~(bytes &+ 0x4646_4646_4646_4646)
        let plain = (letters | digits) & ~bytes & high
        return (~plain & high).trailingZeroBitCount >> 3
    }

    /// Starts the buffer with source bytes, unchanged.
    @inlinable mutating func appendSource(_ range: Range<Int>) {
        bufferCount = 0
        for offset in range {
            append(text[offset])
        }
    }

    @inlinable @inline(__always)
    mutating func append(_ byte: UInt8) {
        if bufferCount == capacity { grow() }
        buffer[bufferCount] = byte
        bufferCount += 1
    }

    @usableFromInline mutating func grow() {
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        larger.update(from: buffer, count: bufferCount)
        buffer.deallocate()
        buffer = larger
        capacity *= 2
    }

    /// Appends the folded form of a letter or digit outside ASCII.
    @inlinable mutating func appendFolded(_ scalar: UInt32) {
        if scalar < ScalarFolding.tableLimit {
            let packed = ScalarFolding.table[Int(scalar)]
            let count = Int(UInt8(truncatingIfNeeded: packed >> 8))
            if count <= 6 {
                var bits = packed >> 16
                for _ in 0..<count {
                    append(UInt8(truncatingIfNeeded: bits))
                    bits >>= 8
                }
                return
            }
        }
        for byte in ScalarFolding.fold(Unicode.Scalar(scalar) ?? " ").1 {
            append(byte)
        }
    }

    /// Whether a scalar outside ASCII is a letter or digit, a combining mark, or a separator.
    @inlinable @inline(__always)
    package static func role(of scalar: UInt32) -> ScalarFolding.Role {
        if scalar < ScalarFolding.tableLimit {
            return ScalarFolding.Role(rawValue: UInt8(truncatingIfNeeded: ScalarFolding.table[Int(scalar)])) ?? .separator
        }
        return ScalarFolding.role(of: Unicode.Scalar(scalar) ?? " ")
    }

    /// Decodes the multi-byte UTF-8 scalar starting at `index` (the text is valid UTF-8).
    @inlinable @inline(__always)
    package static func decodeScalar(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = UInt32(text[index])
        let count = text.count
        @inline(__always) func continuation(_ offset: Int) -> UInt32 {
            index + offset < count ? UInt32(text[index + offset] & 0x3F) : 0
        }
        if lead < 0xE0 {
            return ((lead & 0x1F) << 6 | continuation(1), 2)
        } else if lead < 0xF0 {
            return ((lead & 0x0F) << 12 | continuation(1) << 6 | continuation(2), 3)
        } else {
            return ((lead & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3), 4)
        }
    }
}

/// Where a token sits in the text it came from, in UTF-8 bytes and in UTF-16 code units.
package struct TokenSpan: Hashable, Sendable {
    /// The first UTF-8 byte of the token.
    package var byteStart: Int
    /// Just past the token's last UTF-8 byte.
    package var byteEnd: Int
    /// The first UTF-16 code unit of the token.
    package var utf16Start: Int
    /// Just past the token's last UTF-16 code unit.
    package var utf16End: Int
}
